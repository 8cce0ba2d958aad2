"""The coach's words as a learner reads them: the report's text, the wording of each
common mistake, and the helpers that decide whether two replies are the same text."""

from __future__ import annotations

from dataclasses import dataclass, field

from casekit.feedback.coaching.mistakes import Mistake
from casekit.feedback.coaching.report import CoachReport
from casekit.feedback.coaching.similarity import normalise as _normalise
from casekit.feedback.coaching.similarity import shingles as _shingles
from casekit.feedback.coaching.traps import TrapResult
from casekit.feedback.coaching.traps import trap_result as _trap_result


def test_the_report_text_lists_traps_then_mistakes_with_their_rules() -> None:
    report = CoachReport(
        traps=[
            TrapResult(
                case="CK-0001",
                pack_case="case-1",
                trap="hidden_statutory",
                label="A hidden request",
                status="mishandled",
                explanation="It was an FOI request.",
                source="FOIA 2000 s1",
                criteria=("AC1", "AC2"),
                details=("The clock never starts.",),
            ),
            TrapResult(
                None, "case-2", "duplicate", "A duplicate", "not_reached", "Not yet.", "R", ()
            ),
        ],
        mistakes=[
            Mistake("same_text", "One size fits all", "CK-0001", "Same.", "Adapt.", "S", "AC3")
        ],
    )
    assert report.text() == "\n".join(
        [
            "Planted traps",
            "- [mishandled] CK-0001: A hidden request. It was an FOI request. "
            "(Rule: FOIA 2000 s1; criteria AC1, AC2)",
            "    The clock never starts.",
            "- [not yet reached] case-2: A duplicate. Not yet. (Rule: R; criteria )",
            "Common mistakes",
            "- One size fits all: Same. What to do: Adapt. (Rule: S; criterion AC3)",
        ]
    )
    assert report.counts == {
        "handled": 0,
        "mishandled": 1,
        "missed": 0,
        "for_review": 0,
        "in_progress": 0,
        "not_reached": 1,
        "mistakes": 1,
        "to_confirm": 0,
    }
    assert CoachReport().text() == "No common mistakes found."


def test_a_trap_without_an_id_is_still_named() -> None:
    assert _trap_result({"label": "x"}, "case-1", None).trap == "trap"
    assert _trap_result({"id": "old_id"}, "case-1", None).trap == "old_id"


@dataclass
class _Case:
    constituent: dict[str, str] = field(default_factory=dict)


def test_replies_are_compared_without_names_references_or_numbers() -> None:
    case = _Case({"name": "Asha Patel", "postcode": "LE11 3AB"})
    text = "Dear  Asha Patel,\nyour case CK-0042 about 4 Elm Road\t is closed."
    assert _normalise(text, case) == "dear , your case about elm road is closed."  # type: ignore[arg-type]


def test_replies_are_compared_by_word_triples() -> None:
    assert _shingles("a b c d") == frozenset({"a b c", "b c d"})
    assert _shingles("a b") == frozenset({"a b"})
