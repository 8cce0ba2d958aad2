"""The caseload as the casework desk lists it: one row per case, what needs attention
today, and what has just arrived, each said in words a caseworker uses.

Everything is derived from the projection and the deadline rows of
:mod:`casekit.feedback.monitoring`, so the desk, the dashboard and the evidence agree.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING

from casekit.casework.next_step import RUNNING_FLAGS, NextStep, decide, unanswered_chase
from casekit.feedback.monitoring import FLAG_ORDER, deadline_rows
from casekit.rules.vocabulary import CASE_KINDS, CATEGORIES, CHANNELS

if TYPE_CHECKING:
    from casekit.feedback.monitoring import DeadlineRow
    from casekit.record.log import Event
    from casekit.record.projection import Case, State


@dataclass(frozen=True)
class CaseRow:
    """One case in the desk's list: who, what, who owns it, its most urgent deadline."""

    ref: str
    constituent: str
    category: str
    kind: str
    status: str
    owner: str
    member: str
    flag: str  # the most urgent flag of its deadlines ("" when none is running)
    next_due: date | None  # the earliest deadline still to be met
    next_label: str
    next_step: NextStep | None


@dataclass(frozen=True)
class AttentionItem:
    """Something that needs doing today, on a case or in the inbox."""

    case: str  # "" for the inbox
    what: str
    level: str  # a monitoring flag, "chased" or "inbox"


@dataclass(frozen=True)
class Arrival:
    """Something the simulation delivered, said as what it is and where to find it."""

    what: str
    where: str
    case: str  # "" when it is in the inbox


def day(value: date | datetime | str) -> str:
    """``Wed 7 Jan 2026``."""
    if isinstance(value, str):
        value = datetime.fromisoformat(value)
    return f"{value:%a} {value.day} {value:%b %Y}"


def owner_of(case: Case) -> str:
    """Who is dealing with the case: the owner named in its latest acknowledgement."""
    if case.acknowledgements:
        return str(case.acknowledgements[-1].data.get("owner") or "")
    return ""


def member_name(state: State, case: Case) -> str:
    council = state.council
    if council is not None and case.member_id in council.members:
        return council.members[case.member_id].name
    return ""


def _urgency(flag: str) -> int:
    return FLAG_ORDER.index(flag) if flag in FLAG_ORDER else len(FLAG_ORDER)


def case_rows(state: State, today: date) -> list[CaseRow]:
    """Every case, open ones first, the most urgent first (then by deadline and ref)."""
    rows = deadline_rows(state, today)
    by_case: dict[str, list[DeadlineRow]] = {}
    for row in rows:
        by_case.setdefault(row.case, []).append(row)
    out = []
    for case in state.cases.values():
        mine = by_case.get(case.ref, [])
        running = [r for r in mine if r.flag in RUNNING_FLAGS and case.status == "open"]
        urgent = min(running, key=lambda r: (_urgency(r.flag), r.due), default=None)
        first = min(running, key=lambda r: r.due, default=None)
        out.append(
            CaseRow(
                ref=case.ref,
                constituent=str(case.constituent.get("name", "")),
                category=CATEGORIES.get(case.category, case.category),
                kind=CASE_KINDS.get(case.kind, case.kind),
                status=case.status,
                owner=owner_of(case),
                member=member_name(state, case),
                flag=urgent.flag if urgent else "",
                next_due=first.due if first else None,
                next_label=first.label if first else "",
                next_step=decide(case, mine, today),
            )
        )
    out.sort(key=lambda r: (r.status != "open", _urgency(r.flag), r.next_due or date.max, r.ref))
    return out


def attention(state: State, today: date) -> list[AttentionItem]:
    """What needs doing today: deadlines overdue, holding replies needed, deadlines due
    today, chases nobody has answered, and enquiries waiting in the inbox."""
    items = []
    for row in deadline_rows(state, today):
        if row.flag == "overdue":
            what = f"{row.case} ({row.constituent}): the {row.label} was due {day(row.due)}."
        elif row.flag == "holding reply needed":
            what = (
                f"{row.case} ({row.constituent}): send a holding reply, the {row.label} "
                f"is due {day(row.due)}."
            )
        elif row.flag == "due today":
            what = f"{row.case} ({row.constituent}): the {row.label} is due today."
        else:
            continue
        items.append(AttentionItem(row.case, what, row.flag))
    for case in state.cases.values():
        chase = unanswered_chase(case)
        if chase is not None and case.status == "open":
            text = " ".join(str(chase.get("text") or "").split())
            said = f': "{_clip(text)}"' if text else ""
            who = case.constituent.get("name", "The constituent")
            items.append(
                AttentionItem(
                    case.ref, f"{case.ref}: {who} chased on {day(chase.at)}{said}", "chased"
                )
            )
    waiting = state.unhandled_inbox()
    if waiting:
        many = "enquiry is" if len(waiting) == 1 else "enquiries are"
        items.append(
            AttentionItem(
                "", f"{len(waiting)} new {many} waiting in the inbox to be logged.", "inbox"
            )
        )
    return items


def _clip(text: str, limit: int = 140) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def arrivals(state: State, delivered: list[Event]) -> list[Arrival]:
    """What each delivered event is and where the learner finds it."""
    waiting = {str(e.data.get("pack_case")): e for e in state.unhandled_inbox()}
    out = []
    for event in delivered:
        pack_case = str(event.data.get("pack_case") or "")
        ref = state.by_pack_case.get(pack_case, "")
        case = state.case(ref) if ref else None
        who = str(case.constituent.get("name", "")) if case else _sender(waiting.get(pack_case))
        on = f"case {ref} ({who})" if case else "an enquiry still in the inbox: log it"
        if event.kind == "inbox_item_delivered":
            name = _sender(event)
            how = CHANNELS.get(str(event.data.get("channel") or ""), "")
            by = f" by {how.lower()}" if how else ""
            out.append(
                Arrival(f"A new enquiry from {name or 'a constituent'}{by}", "in the inbox", "")
            )
        elif event.kind == "service_replied":
            service = event.data.get("service_name") or "The service"
            out.append(
                Arrival(f"{service} replied", f"on {on}: read it in the case's history", ref)
            )
        elif event.kind == "constituent_chased":
            out.append(
                Arrival(f"{who or 'The constituent'} chased", f"on {on}: answer it today", ref)
            )
        elif event.kind == "record_changed":
            what = str(event.data.get("field") or "a record").replace("_", " ")
            out.append(
                Arrival(
                    f"A council record changed ({what})",
                    f"on {on}: check the facts that rely on it",
                    ref,
                )
            )
    return out


def _sender(item: Event | None) -> str:
    if item is None:
        return ""
    person = item.get("constituent") or {}
    return str(person.get("name", "")) if isinstance(person, dict) else str(person)


def why_this_date(clock: object) -> list[str]:
    """How a deadline's date was reached, line by line, read from the clock's ledger (the
    same counting the deadline calculator and ``casekit clock`` show): receipt, day one,
    the rule, the calendar, what was done to the clock, the days not counted and why."""
    from casekit.rules.ledger import day_words, explain

    ledger = explain(clock)  # type: ignore[arg-type]
    received = day_words(ledger.received.date())
    if ledger.time_known:
        received += f" at {ledger.received:%H:%M} (UK time)"
    lines = [
        f"Received {received}.",
        f"Day one: {day_words(ledger.day_one) if ledger.day_one else 'not yet'}.",
        f"Rule: {ledger.rule}",
        f"Calendar: {ledger.calendar}",
    ]
    lines += [f"{note}" for note in ledger.notes]
    weekends = 0
    reasons: dict[str, list[date]] = {}  # reason -> the days it kept out of the count
    for d in ledger.days:
        if d.counted or d.date == ledger.due:
            continue
        if d.reason.endswith(": weekend"):
            weekends += 1
        else:
            reasons.setdefault(d.reason, []).append(d.date)
    for reason, dates in reasons.items():
        when = (
            day_words(dates[0])
            if len(dates) == 1
            else f"{len(dates)} days, {day_words(dates[0])} to {day_words(dates[-1])}"
        )
        lines.append(f"Not counted: {when}: {reason}.")
    if weekends:
        lines.append(f"Not counted: {weekends} weekend day{'s' if weekends != 1 else ''}.")
    lines.append(f"So it is due {day_words(ledger.due)} ({ledger.source}).")
    return lines
