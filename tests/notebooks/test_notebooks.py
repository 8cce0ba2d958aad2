"""The notebooks read like a workbook and run headless: their shape, checked without a kernel.

A learner notebook (the numbered lessons and the desk) opens with what the step is for and
which criteria it evidences, then shows its forms: each code cell is ``from casekit import
ui`` and one friendly call, its source folded away, with no set-up, no test code and no
stored outputs. The assertions that check what a notebook produced live in
``checks.py`` and run in the notebook's own kernel (``test_run_notebooks.py``). The tutor's
and assessor's notebooks keep their parameters cell and their assertion cells.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

NOTEBOOKS = Path(__file__).resolve().parents[2] / "notebooks"
LEARNER = [
    "desk.ipynb",
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
    "desk", "start", "intake", "verification", "contacts", "dashboard", "clock_calculator",
    "drafting", "approval", "satisfaction", "reflection", "knowledge_check", "coaching", "export",
    "tutor", "assessor", "classroom", "send_to_tutor",
}  # fmt: skip
STAFF = ["tutor.ipynb", "classroom.ipynb", "assessor.ipynb"]


def load(name: str) -> dict:
    return json.loads((NOTEBOOKS / name).read_text(encoding="utf-8"))


def source(cell: dict) -> str:
    text = cell["source"]
    return "".join(text) if isinstance(text, list) else text


def tags(cell: dict) -> list[str]:
    return cell.get("metadata", {}).get("tags", [])


def test_every_notebook_is_there() -> None:
    from casekit.cli.labstart import LEARNER_NOTEBOOKS

    assert sorted(p.name for p in NOTEBOOKS.glob("*.ipynb")) == sorted(ALL)
    assert sorted(LEARNER_NOTEBOOKS) == sorted(LEARNER)  # make lab copies every one


@pytest.mark.parametrize("name", ALL)
def test_opens_with_purpose_criteria_and_what_to_do(name: str) -> None:
    first = load(name)["cells"][0]
    assert first["cell_type"] == "markdown"
    text = source(first)
    assert text.startswith("# ")
    assert re.search(r"\bAC[1-5]\b", text), "names the criteria it evidences"
    if name == "desk.ipynb":  # the app opens on the desk: what to do follows it, below
        text = "\n".join(source(c) for c in load(name)["cells"] if c["cell_type"] == "markdown")
    assert "**What to do**" in text


@pytest.mark.parametrize("name", STAFF)
def test_staff_notebooks_have_one_parameters_cell(name: str) -> None:
    cells = load(name)["cells"]
    marked = [c for c in cells if "parameters" in tags(c)]
    assert len(marked) == 1
    assert cells.index(marked[0]) == 1, "the parameters come straight after the introduction"
    params = source(marked[0])
    assert re.search(r'os\.environ\.get\("CASEKIT_\w+_DIR", "\.\./workspaces/[\w-]+"\)', params)


@pytest.mark.parametrize("name", LEARNER)
def test_learner_cells_are_one_friendly_call_each(name: str) -> None:
    code = [c for c in load(name)["cells"] if c["cell_type"] == "code"]
    assert code, "every notebook shows at least one form"
    for cell in code:
        lines = [ln for ln in source(cell).splitlines() if ln.strip()]
        assert lines[0] == "from casekit import ui", source(cell)
        assert len(lines) == 2 and re.fullmatch(r"ui\.\w+\(\)", lines[1]), source(cell)
        assert set(STEP_CALL.findall(lines[1])) <= UI_FUNCTIONS
        assert cell["metadata"].get("jupyter", {}).get("source_hidden") is True


@pytest.mark.parametrize("name", LEARNER)
def test_learner_notebooks_hold_no_test_or_set_up_code(name: str) -> None:
    text = (NOTEBOOKS / name).read_text(encoding="utf-8")
    assert '"assert ' not in text and "assert " not in text
    for cell in load(name)["cells"]:
        assert "nbval-check" not in tags(cell) and "parameters" not in tags(cell)
    for word in ("os.environ", "open_or_new", "WORKSPACE", "import os"):
        assert word not in text


@pytest.mark.parametrize("name", STAFF)
def test_staff_steps_are_one_or_two_lines_of_existing_forms(name: str) -> None:
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


@pytest.mark.parametrize("name", STAFF)
def test_staff_assertion_cells_are_tagged_collapsed_and_assert(name: str) -> None:
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
