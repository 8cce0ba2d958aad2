"""How each planted trap was handled: its key's expectations, evaluated and combined.

The answer key (the tutor's, never in the pack) lists for each trap what good handling and
mishandling look like (``good`` and ``bad`` expectations, see
:mod:`casekit.feedback.coaching.expectations`). A trap comes out:

- ``mishandled``: a ``bad`` step the learner took holds, or a good step was tried wrongly
  (consent from the wrong person, a duplicate linked to the wrong record, an escalation too
  late) and can no longer come right;
- ``missed``: a ``bad`` "missing" holds, or a good step can no longer come, and no good
  step was tried;
- ``for_review``: a judgement needs a person (a name that fits two people, wording the
  checks only advise on, a para 23(2) reason): the evidence goes to the tutor;
- ``handled``: every good step holds and no bad one;
- ``in_progress``: the case is open and the good steps may still come;
- ``not_reached``: the case has not been logged.

A trap on a closed case is never in progress.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import date
from typing import Any

from casekit.feedback.coaching.expectations import Outcome, Scope, evaluate
from casekit.record.projection import State, as_date

HANDLED, MISHANDLED, MISSED = "handled", "mishandled", "missed"
FOR_REVIEW, IN_PROGRESS, NOT_REACHED = "for_review", "in_progress", "not_reached"
STATUSES = (HANDLED, MISHANDLED, MISSED, FOR_REVIEW, IN_PROGRESS, NOT_REACHED)


@dataclass(frozen=True)
class TrapResult:
    """How one planted trap was handled, with the rule, the criteria and the evidence.

    ``details`` say what was (not) done; ``evidence`` quotes what the log shows (the words
    judged, whose consent, which record); ``events`` are the log entries that decide it.
    """

    case: str | None
    pack_case: str
    trap: str
    label: str
    status: str  # one of STATUSES
    explanation: str
    source: str
    criteria: tuple[str, ...]
    details: tuple[str, ...] = ()
    evidence: tuple[str, ...] = ()
    events: tuple[int, ...] = ()

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def scope_for(state: State, ref: str, today: date, calendar: Any) -> Scope:
    """The scope of a learner's case: day 0 is the day its enquiry ARRIVED (the inbox
    delivery, rolled on to a working day), not the day it was logged."""
    case = state.cases[ref]
    item = state.inbox.get(str(case.inbox_item)) if case.inbox_item else None
    arrived = as_date(item.at if item is not None else case.received_at)
    return Scope(state, case, calendar.roll_forward(arrived), today, calendar, item)


def trap_result(trap: dict[str, Any], pack_case: str, scope: Scope | None) -> TrapResult:
    """Judge one trap of the key on the case (``scope`` None: the case is not logged)."""
    base: dict[str, Any] = {
        "case": scope.case.ref if scope else None,
        "pack_case": pack_case,
        "trap": str(trap.get("trap") or trap.get("id") or "trap"),
        "label": str(trap.get("label", "")),
        "source": str(trap.get("source", "")),
        "criteria": tuple(trap.get("criteria", ())),
    }
    if scope is None:
        return TrapResult(
            status=NOT_REACHED, explanation="This case has not been logged yet.", **base
        )
    explanation = str(trap.get("explanation", ""))
    bad = [(x, evaluate(x, scope)) for x in trap.get("bad", [])]
    good = [(x, evaluate(x, scope)) for x in trap.get("good", [])]
    fired = [(x, o) for x, o in bad if o.holds is True]
    acted = [(x, o) for x, o in fired if x.get("pattern") != "missing"]
    tried = [(x, o) for x, o in good if o.attempted]
    if fired:
        # Something wrong was done (or a good step was tried wrongly): mishandled; only
        # something never done: missed.
        shown = acted or fired
        return TrapResult(
            status=MISHANDLED if acted or tried else MISSED,
            explanation=explanation,
            details=tuple(str(x.get("explanation", "")) for x, _ in shown),
            evidence=_evidence(shown + tried),
            events=_events(shown + tried),
            **base,
        )
    review = [(x, o) for x, o in bad + good if o.review]
    if review:
        return TrapResult(
            status=FOR_REVIEW,
            explanation=explanation,
            details=tuple(
                "For your tutor to review: " + str(x.get("explanation", "")) for x, _ in review
            ),
            evidence=_evidence(review),
            events=_events(review),
            **base,
        )
    if good and all(o.holds is True for _, o in good):
        return TrapResult(
            status=HANDLED,
            explanation=" ".join(str(x.get("explanation", "")) for x, _ in good),
            evidence=_evidence(good),
            events=_events(good),
            **base,
        )
    undone = [(x, o) for x, o in good if o.holds is not True]
    if scope.closed or any(o.holds is False for _, o in undone):
        tried = [(x, o) for x, o in undone if o.attempted]
        return TrapResult(
            status=MISHANDLED if tried else MISSED,
            explanation=explanation,
            details=tuple("Not done: " + str(x.get("explanation", "")) for x, _ in undone),
            evidence=_evidence(undone),
            events=_events(undone),
            **base,
        )
    return TrapResult(
        status=IN_PROGRESS,
        explanation=explanation,
        details=tuple("Still to do: " + str(x.get("explanation", "")) for x, _ in undone),
        evidence=_evidence(undone),
        **base,
    )


def _evidence(found: list[tuple[dict[str, Any], Outcome]]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(line for _, o in found for line in o.evidence if line))


def _events(found: list[tuple[dict[str, Any], Outcome]]) -> tuple[int, ...]:
    return tuple(sorted({seq for _, o in found for seq in o.events}))
