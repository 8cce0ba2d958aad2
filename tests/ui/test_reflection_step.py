"""The reflection and knowledge check forms."""

from __future__ import annotations

import re
from pathlib import Path

from casekit.ui.knowledge_step import KnowledgeCheck
from casekit.ui.reflection_step import Reflection
from tests.ui.support import council_workspace, events, log_case, status_text, unlabelled

ANSWER = (
    "I checked the tenancy record before replying and found the address had changed, "
    "so I asked the constituent and recorded how the difference was resolved."
)


def test_reflection_saved_with_criteria(tmp_path: Path) -> None:
    path = council_workspace(tmp_path / "ws")
    log_case(path)
    form = Reflection(path)
    model = form.model.value
    shown = [k for k, area in form.sections.items() if area.layout.display != "none"]
    assert shown and all(m == model for m, _ in shown)
    for key in shown:
        form.sections[key].value = ANSWER
    form.criteria["AC1"].value = True
    form.save_button.click()
    [event] = events(path, "reflection_recorded")
    assert event.data["criteria"] == ["AC1"] and event.data["case"] == "CK-0001"
    assert "Reflection on CK-0001 saved" in status_text(form.status)
    assert "CK-0001" in form.saved.value
    assert unlabelled(form.widget) == []


def test_reflection_with_an_empty_section_is_refused(tmp_path: Path) -> None:
    path = council_workspace(tmp_path / "ws")
    log_case(path)
    form = Reflection(path)
    form.save_button.click()
    assert 'role="alert"' in form.status.value and "Rule:" in status_text(form.status)
    assert events(path, "reflection_recorded") == []


def test_knowledge_check_marks_and_explains(tmp_path: Path) -> None:
    path = council_workspace(tmp_path / "ws")
    form = KnowledgeCheck(path, seed=3, count=3)
    assert len(form.radios) == 3
    again = KnowledgeCheck(path, seed=3, count=3)
    assert list(again.radios) == list(form.radios)  # the same seed, the same questions
    right = {qid: form.bank.questions[qid].answer for qid in form.radios}
    first = next(iter(form.radios))
    for qid, radio in form.radios.items():
        radio.value = right[qid]
    form.radios[first].value = None  # one left unanswered
    form.mark_button.click()
    [event] = events(path, "knowledge_check_completed")
    assert (event.data["score"], event.data["out_of"]) == (2, 3)
    assert "Marked: 2 out of 3" in status_text(form.status)
    results = status_text(form.results)
    assert "Not answered." in results and "Rule:" in results
    assert re.search(r"Question 1: +(Right|Not quite|Not answered)\.", results)
    assert "right.:" not in results  # one heading, one colon
    assert unlabelled(form.widget) == []
