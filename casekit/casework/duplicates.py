"""Duplicates a case may repeat: cases in this workspace, and cases held elsewhere.

The same problem may already be open with another ward member or the MP. The council's
member casework log shows it among the records that came with the enquiry (a
``previous_case`` record that is still open), so intake warns about it and the link form
offers it next to this workspace's own cases. The learner links to it by its reference.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from casekit.record.projection import Case, State
from casekit.rules.vocabulary import CATEGORIES


@dataclass(frozen=True)
class HeldElsewhere:
    """An open case about the same problem, held by someone outside this workspace."""

    ref: str
    held_by: str
    opened: str
    summary: str
    record_id: str

    @property
    def label(self) -> str:
        """How the intake warning names it (the log keeps this: no address in it)."""
        return f"{self.ref}, held by {self.held_by}, opened {_day(self.opened)}"


def _day(iso: str) -> str:
    try:
        day = date.fromisoformat(iso[:10])
    except ValueError:
        return iso
    return f"{day.day} {day:%B %Y}"


def held_elsewhere(records: Any, member_name: str = "") -> list[HeldElsewhere]:
    """The open cases in the member casework log that came with an enquiry.

    ``records`` are the records delivered with the inbox item (anything else gives none). A
    case marked closed is history, not a duplicate; ``member_name`` names the member the
    new case is for, used when a record does not say who holds it.
    """
    found = []
    for record in records if isinstance(records, list) else []:
        if not isinstance(record, dict) or record.get("type") != "previous_case":
            continue
        fields = record.get("fields") or {}
        if not str(fields.get("status", "")).startswith("open") or not fields.get("ref"):
            continue
        found.append(
            HeldElsewhere(
                ref=str(fields["ref"]),
                held_by=str(fields.get("held_by") or member_name or "another member"),
                opened=str(fields.get("opened") or record.get("as_of") or ""),
                summary=str(fields.get("summary", "")),
                record_id=str(record.get("id", "")),
            )
        )
    return found


def records_of(state: State, case: Case | None) -> list[dict[str, Any]]:
    """The records that came with the enquiry a case was logged from (none if typed in)."""
    if case is None or not case.inbox_item:
        return []
    item = state.inbox.get(case.inbox_item)
    records = item.get("records") if item is not None else None
    return records if isinstance(records, list) else []


def duplicate_choices(state: State, case_ref: str | None) -> list[tuple[str, str]]:
    """What a case may be linked to as a duplicate, as ``(label, value)`` for a form: the
    open cases held elsewhere that came with its enquiry, then this workspace's other cases."""
    case = state.case(case_ref) if case_ref else None
    choices = [
        (f"{held.ref}, held by {held.held_by} (outside this workspace)", held.ref)
        for held in held_elsewhere(records_of(state, case))
    ]
    for other in state.cases.values():
        if other.ref == case_ref:
            continue
        who = other.constituent.get("name", "")
        what = CATEGORIES.get(other.category, other.category)
        closed = "" if other.status == "open" else " (closed)"
        choices.append((f"{other.ref}: {who}, {what}{closed}", other.ref))
    return choices
