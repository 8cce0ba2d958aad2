"""``jupyter nbconvert --to casekit_pack NOTEBOOK`` and JupyterLab's File > Save and Export
Notebook As > Casekit evidence pack: the evidence pack, as a zip, of the workspace the
notebook works on.

What is exported is never the notebook's own cells or outputs (a pack is rendered from
the learner's log alone), but the workspace the notebook works on, found in this order:
the notebook's metadata (``"casekit": {"workspace": "..."}``, relative to the notebook),
the ``CASEKIT_WORKSPACE`` setting (as ``make lab`` sets it), then the kit's notebooks'
default, ``../workspaces/my-workspace`` beside the notebook. The pack is rendered with a
portfolio template that is also an nbconvert template folder (``conf.json`` beside
``index.html.j2``): ``default`` in ``portfolio_templates/``, or a centre's copy named with
``--CasekitPackExporter.template_name=NAME`` and found in ``--TemplateExporter.
extra_template_basedirs=FOLDER`` (or ``--CasekitPackExporter.template_folder=PATH``).
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import Any

from nbconvert.exporters import Exporter
from traitlets import List, Unicode

TEMPLATES = Path(__file__).resolve().parents[2] / "portfolio_templates"
DEFAULT_WORKSPACE = Path("..") / "workspaces" / "my-workspace"


class CasekitPackExporter(Exporter):
    """The learner's evidence pack as a zip (it verifies like any pack)."""

    export_from_notebook = "Casekit evidence pack"
    output_mimetype = "application/zip"

    template_name = Unicode("default", help="the portfolio template's folder name").tag(config=True)
    template_folder = Unicode("", help="a portfolio template folder, by path").tag(config=True)
    extra_template_basedirs = List(
        Unicode(), help="folders holding portfolio template folders"
    ).tag(config=True)

    def _file_extension_default(self) -> str:
        return ".zip"

    def template(self) -> Path:
        """The portfolio template folder to render with."""
        from casekit.errors import CasekitError

        if self.template_folder:
            return Path(self.template_folder)
        for base in [*map(Path, self.extra_template_basedirs), TEMPLATES]:
            folder = base / self.template_name
            if (folder / "index.html.j2").is_file():
                return folder
        raise CasekitError(
            f"There is no portfolio template '{self.template_name}'.",
            field="template",
            advice="Give the folder holding it with --TemplateExporter.extra_template_basedirs.",
        )

    def from_notebook_node(
        self, nb: Any, resources: dict[str, Any] | None = None, **kw: Any
    ) -> tuple[bytes, dict[str, Any]]:
        nb_copy, resources = super().from_notebook_node(nb, resources, **kw)
        workspace = find_workspace(nb_copy.metadata, resources)
        from casekit import api

        with tempfile.TemporaryDirectory(prefix="casekit-nbconvert-") as tmp:
            result = api.export_pack(
                workspace, Path(tmp) / "evidence-pack", zip_pack=True, template=self.template()
            )
            assert result.zip_path is not None
            data = result.zip_path.read_bytes()
        resources["output_extension"] = ".zip"
        resources.setdefault("casekit", {})["workspace"] = str(workspace)
        return data, resources


def find_workspace(metadata: Any, resources: dict[str, Any]) -> Path:
    """The workspace a notebook works on (see the module's note for the order)."""
    from casekit import api
    from casekit.errors import CasekitError

    here = Path((resources.get("metadata") or {}).get("path") or ".")
    named = ((metadata or {}).get("casekit") or {}).get("workspace")
    for candidate, said in (
        (named, "the notebook's metadata"),
        (os.environ.get("CASEKIT_WORKSPACE"), "CASEKIT_WORKSPACE"),
        (str(DEFAULT_WORKSPACE), "the notebooks' default"),
    ):
        if not candidate:
            continue
        path = Path(candidate)
        path = path if path.is_absolute() else here / path
        if api.is_workspace(path):
            return path
        if said != "the notebooks' default":
            raise CasekitError(
                f"There is no casekit workspace at {path} (named by {said}).",
                field="workspace",
                advice="Open the start notebook to make your workspace, then export again.",
            )
    raise CasekitError(
        "This notebook does not say which casekit workspace it works on.",
        field="workspace",
        advice='Set CASEKIT_WORKSPACE, or add "casekit": {"workspace": "..."} to the '
        "notebook's metadata.",
    )
