"""The evidence pack from JupyterLab's export menu and ``jupyter nbconvert --to
casekit_pack``: the workspace the notebook works on, never the notebook's outputs."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import nbformat
import pytest

from casekit import api
from casekit.errors import CasekitError
from tests.worked import worked_workspace


def _notebook(path: Path, workspace: str | None) -> Path:
    nb = nbformat.v4.new_notebook()
    nb.cells.append(nbformat.v4.new_code_cell("print('secret notebook output')"))
    nb.cells[0].outputs = [nbformat.v4.new_output("stream", text="secret notebook output\n")]
    if workspace is not None:
        nb.metadata["casekit"] = {"workspace": workspace}
    path.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(nb, path)
    return path


@pytest.fixture
def learner(tmp_path: Path) -> Path:
    worked_workspace(tmp_path / "workspaces" / "sam", cases=1).close()
    return tmp_path


def test_exporter_is_registered_and_exports_the_workspace(learner: Path) -> None:
    from nbconvert.exporters import get_export_names, get_exporter

    assert "casekit_pack" in get_export_names()
    exporter = get_exporter("casekit_pack")()
    assert exporter.export_from_notebook == "Casekit evidence pack"
    nb = _notebook(learner / "notebooks" / "06.ipynb", "../workspaces/sam")
    data, resources = exporter.from_filename(str(nb))
    assert resources["output_extension"] == ".zip"
    out = learner / "pack.zip"
    out.write_bytes(data)
    check = api.verify_pack(out)
    assert check.consistent, check.problems
    with zipfile.ZipFile(out) as zf:
        assert "index.html" in zf.namelist() and "leap2a.xml" in zf.namelist()
        assert all(b"secret notebook output" not in zf.read(n) for n in zf.namelist())


def test_nbconvert_command_line(learner: Path) -> None:
    nb = _notebook(learner / "notebooks" / "06.ipynb", None)
    env = {**os.environ, "CASEKIT_WORKSPACE": str(learner / "workspaces" / "sam")}
    done = subprocess.run(
        [sys.executable, "-m", "jupyter", "nbconvert", "--to", "casekit_pack", str(nb)],
        capture_output=True,
        text=True,
        env=env,
        timeout=180,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    out = learner / "notebooks" / "06.zip"
    assert api.verify_pack(out).consistent
    manifest = json.loads(zipfile.ZipFile(out).read("manifest.json"))
    assert manifest["learner"]["learner"] == "Sam Learner"


def test_a_centres_template_folder(learner: Path, tmp_path: Path) -> None:
    import shutil

    from casekit.exporters.pack import TEMPLATES, CasekitPackExporter

    mine = tmp_path / "centre-templates" / "northshire"
    shutil.copytree(TEMPLATES / "default", mine)
    text = (mine / "centre.toml").read_text().replace("casekit training centre", "Northshire")
    (mine / "centre.toml").write_text(text)
    exporter = CasekitPackExporter(
        template_name="northshire", extra_template_basedirs=[str(mine.parent)]
    )
    nb = _notebook(learner / "notebooks" / "06.ipynb", "../workspaces/sam")
    data, _ = exporter.from_filename(str(nb))
    (tmp_path / "p.zip").write_bytes(data)
    page = zipfile.ZipFile(tmp_path / "p.zip").read("index.html").decode()
    assert "Northshire" in page


def test_no_workspace_is_a_clear_refusal(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from nbconvert.exporters import get_exporter

    monkeypatch.delenv("CASEKIT_WORKSPACE", raising=False)
    exporter = get_exporter("casekit_pack")()
    with pytest.raises(CasekitError, match="does not say which casekit workspace"):
        exporter.from_filename(str(_notebook(tmp_path / "nb" / "x.ipynb", None)))
    with pytest.raises(CasekitError, match="There is no casekit workspace"):
        exporter.from_filename(str(_notebook(tmp_path / "nb" / "y.ipynb", "../nowhere")))
