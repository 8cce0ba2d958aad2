"""Each learner notebook runs headless and produces the forms it promises.

The notebook is executed with nbclient in a fresh kernel on a copy of a prepared
workspace, exactly as a learner's Run All would; then the check for that notebook
(``checks.py``) runs in the same kernel and inspects the live forms. A failed check is a
failed cell, so the test shows the assertion and the kernel's traceback.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import nbformat
import pytest

from tests.notebooks.checks import CHECKS, COMMON
from tests.notebooks.test_notebooks import LEARNER, NOTEBOOKS

INTRO = NOTEBOOKS.parent / "scenarios" / "intro.json"

pytestmark = [pytest.mark.slow]


@pytest.fixture(scope="module")
def prepared(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A learner's workspace made from the intro pack, with its first enquiry logged."""
    from casekit import api
    from casekit.ui.intake_step import inbox_fields, inbox_item_id

    path = tmp_path_factory.mktemp("template") / "my-workspace"
    with api.new_workspace(path, pack=INTRO) as ws:
        item = ws.state().unhandled_inbox()[0]
        f = inbox_fields(item)
        api.actions(ws).receive_enquiry(
            constituent={k: f[k] for k in ("name", "address", "postcode", "email", "phone")},
            enquiry=f["text"],
            category="waste",
            member_id=f["member_id"],
            inbox_item=inbox_item_id(item),
        )
    return path


def test_every_learner_notebook_has_a_check() -> None:
    assert set(CHECKS) == set(LEARNER)


@pytest.mark.parametrize("name", LEARNER)
def test_notebook_runs_and_makes_its_forms(
    name: str, prepared: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from nbclient import NotebookClient

    workspace = tmp_path / "my-workspace"
    shutil.copytree(prepared, workspace)
    monkeypatch.setenv("CASEKIT_WORKSPACE", str(workspace))  # the kernel inherits it
    monkeypatch.delenv("CASEKIT_PACK", raising=False)
    nb = nbformat.read(NOTEBOOKS / name, as_version=4)
    nb.cells.append(nbformat.v4.new_code_cell(COMMON + CHECKS[name]))
    client = NotebookClient(
        nb, timeout=120, kernel_name="python3", resources={"metadata": {"path": str(NOTEBOOKS)}}
    )
    client.execute()  # raises CellExecutionError, with the traceback, on a failed check
    for cell in nb.cells:
        if cell.cell_type == "code":
            errors = [o for o in cell.outputs if o.get("output_type") == "error"]
            assert not errors, errors
