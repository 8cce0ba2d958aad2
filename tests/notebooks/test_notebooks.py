"""The notebooks read like a workbook and run headless: their shape, checked without a kernel.

nbval (``pytest --nbval-lax notebooks``) runs them; these fast checks keep them in the
shape nbval and learners rely on: an opening cell that says what the step is for and which
criteria it evidences, one ``parameters`` cell that honours ``CASEKIT_WORKSPACE``, a line
or two of code a step, tagged and collapsed assertion cells, and no stored outputs or
execution counts to churn.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

NOTEBOOKS = Path(__file__).resolve().parents[2] / "notebooks"
LEARNER = [
    "00_start_here.ipynb",
    "01_collect.ipynb",
    "02_verify.ipynb",
    "03_monitor.ipynb",
    "04_draft.ipynb",
    "05_satisfaction.ipynb",
    "06_reflect_and_export.ipynb",
    "07_knowledge_check.ipynb",
]
ALL = [*LEARNER, "tutor.ipynb", "classroom.ipynb", "assessor.ipynb"]
STEP_CALL = re.compile(r"\bui\.(\w+)\(")
UI_FUNCTIONS = {
    "start", "intake", "verification", "contacts", "dashboard", "clock_calculator", "drafting", "approval",
    "satisfaction", "reflection", "knowledge_check", "coaching", "export", "tutor", "assessor",
    "classroom", "send_to_tutor",
}


def load(name: str) -> dict:
    return json.loads((NOTEBOOKS / name).read_text(encoding="utf-8"))


def source(cell: dict) -> str:
    text = cell["source"]
    return "".join(text) if isinstance(text, list) else text


def tags(cell: dict) -> list[str]:
    return cell.get("metadata", {}).get("tags", [])


def test_every_notebook_is_there() -> None:
    assert sorted(p.name for p in NOTEBOOKS.glob("*.ipynb")) == sorted(ALL)


@pytest.mark.parametrize("name", ALL)
def test_opens_with_purpose_criteria_and_what_to_do(name: str) -> None:
    first = load(name)["cells"][0]
    assert first["cell_type"] == "markdown"
    text = source(first)
    assert text.startswith("# ")
    assert re.search(r"\bAC[1-5]\b", text), "names the criteria it evidences"
    assert "**What to do**" in text


@pytest.mark.parametrize("name", ALL)
def test_one_parameters_cell_that_runs_headless(name: str) -> None:
    cells = load(name)["cells"]
    marked = [c for c in cells if "parameters" in tags(c)]
    assert len(marked) == 1
    params = source(marked[0])
    assert cells.index(marked[0]) == 1, "the parameters come straight after the introduction"
    if name in LEARNER:
        assert 'os.environ.get("CASEKIT_WORKSPACE", "../workspaces/my-workspace")' in params
        assert re.search(
            r'^PACK = os\.environ\.get\("CASEKIT_PACK", "\.\./scenarios/intro\.json"\)',
            params,
            re.M,
        )
    else:
        assert re.search(r'os\.environ\.get\("CASEKIT_\w+_DIR", "\.\./workspaces/[\w-]+"\)', params)


@pytest.mark.parametrize("name", LEARNER[1:])
def test_later_notebooks_make_the_workspace_if_missing(name: str) -> None:
    code = "\n".join(source(c) for c in load(name)["cells"] if c["cell_type"] == "code")
    assert "open_or_new(WORKSPACE, pack=PACK)" in code


@pytest.mark.parametrize("name", ALL)
def test_steps_are_one_or_two_lines_of_existing_forms(name: str) -> None:
    steps = [
        c
        for c in load(name)["cells"]
        if c["cell_type"] == "code" and STEP_CALL.search(source(c)) and "nbval-check" not in tags(c)
    ]
    assert steps, "every notebook shows at least one form"
    for cell in steps:
        lines = [
            ln
            for ln in source(cell).splitlines()
            if ln.strip() and not ln.startswith(("from ", "import "))
        ]
        assert len(lines) <= 2, source(cell)
        assert set(STEP_CALL.findall(source(cell))) <= UI_FUNCTIONS


@pytest.mark.parametrize("name", ALL)
def test_assertion_cells_are_tagged_collapsed_and_assert(name: str) -> None:
    checks = [c for c in load(name)["cells"] if "nbval-check" in tags(c)]
    assert checks, "nbval --nbval-lax needs assertion cells, or it is only a smoke test"
    for cell in checks:
        assert cell["metadata"].get("jupyter", {}).get("source_hidden") is True
        assert "assert " in source(cell)


@pytest.mark.parametrize("name", ALL)
def test_committed_without_outputs_or_execution_counts(name: str) -> None:
    for cell in load(name)["cells"]:
        if cell["cell_type"] == "code":
            assert cell["outputs"] == [] and cell["execution_count"] is None


@pytest.mark.parametrize("name", ALL)
def test_no_step_asks_the_learner_to_write_code(name: str) -> None:
    words = "\n".join(source(c) for c in load(name)["cells"] if c["cell_type"] == "markdown")
    for phrase in ("write the code", "type the code", "edit the code", "TODO", "your code"):
        assert phrase.lower() not in words.lower()
