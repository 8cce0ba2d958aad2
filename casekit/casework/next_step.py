"""The next step on a case: what the protocol expects now, and why.

The casework desk shows one line per case ("Acknowledge the enquiry, naming who is
dealing with it (due Wed 7 Jan 2026)") with its reason and rule. The rules are data
(``casekit/data/next_steps.toml``): an ordered list, most urgent first, each naming one of
the conditions below. The first rule whose condition holds on the case is its next step,
so the order in the file is the order of priority, and a centre can reword or reorder it.

A condition reads only the case as the log has folded it (its clocks, facts, contacts,
drafts and feedback) and returns the values its wording needs, or None when it does not
hold. Nothing here is stored: the next step is derived afresh from the log every time.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from casekit.errors import CasekitError

if TYPE_CHECKING:
    from casekit.feedback.monitoring import DeadlineRow
    from casekit.record.log import Event
    from casekit.record.projection import Case, State

RULES_FILE = Path(__file__).resolve().parents[1] / "data" / "next_steps.toml"
FORMAT_RULE = "next-steps-file"
FORMAT_SOURCE = "casekit next steps (casekit/data/next_steps.toml)"
PLACES = ("case", "facts", "contacts", "deadlines", "draft", "satisfaction", "reflect")
# Outbound events that answer a constituent who chased.
ANSWERS_CONSTITUENT = frozenset({"acknowledgement_sent", "holding_reply_sent", "reply_sent"})
# A deadline still to be met (monitoring's flags).
RUNNING_FLAGS = frozenset({"overdue", "holding reply needed", "due today", "due soon", "on track"})


@dataclass(frozen=True)
class Rule:
    """One line of the rule table."""

    id: str
    when: str
    do: str
    why: str
    source: str
    where: str


@dataclass(frozen=True)
class NextStep:
    """What to do next on one case, why, the rule behind it and where the action is."""

    case: str
    rule: str
    do: str
    why: str
    source: str
    where: str


@dataclass(frozen=True)
class Facts:
    """What the conditions read about one case, gathered once."""

    case: Case
    rows: tuple[DeadlineRow, ...]
    today: date

    def fmt(self, day: date) -> str:
        return f"{day:%a} {day.day} {day:%b %Y}"


Condition = Callable[[Facts], Mapping[str, Any] | None]
CONDITIONS: dict[str, Condition] = {}


def condition(func: Condition) -> Condition:
    """Register a condition under its function name (the name the rule table uses)."""
    CONDITIONS[func.__name__] = func
    return func


def _day(at: str) -> str:
    from datetime import datetime

    moment = datetime.fromisoformat(at)
    return f"{moment:%a} {moment.day} {moment:%b %Y}"


def _first(facts: Facts, flag: str) -> Mapping[str, Any] | None:
    for row in facts.rows:
        if row.flag == flag:
            return {"clock": row.label, "due": facts.fmt(row.due), "clock_source": row.source}
    return None


# -- the conditions ---------------------------------------------------------------------
@condition
def closed(facts: Facts) -> Mapping[str, Any] | None:
    return {} if facts.case.status == "closed" else None


@condition
def overdue(facts: Facts) -> Mapping[str, Any] | None:
    return _first(facts, "overdue")


@condition
def holding_reply_needed(facts: Facts) -> Mapping[str, Any] | None:
    return _first(facts, "holding reply needed")


@condition
def chase_unanswered(facts: Facts) -> Mapping[str, Any] | None:
    chase = unanswered_chase(facts.case)
    return None if chase is None else {"when": _day(chase.at)}


@condition
def not_acknowledged(facts: Facts) -> Mapping[str, Any] | None:
    if facts.case.acknowledgements:
        return None
    for row in facts.rows:
        if row.clock == "acknowledge" and row.flag in RUNNING_FLAGS:
            return {"clock": row.label, "due": facts.fmt(row.due), "clock_source": row.source}
    return None


@condition
def no_facts(facts: Facts) -> Mapping[str, Any] | None:
    return None if facts.case.facts else {}


@condition
def facts_unsettled(facts: Facts) -> Mapping[str, Any] | None:
    n = len(facts.case.unsettled_facts())
    if not n:
        return None
    return {"count": "the fact not yet settled" if n == 1 else f"the {n} facts not yet settled"}


@condition
def not_referred(facts: Facts) -> Mapping[str, Any] | None:
    case = facts.case
    return None if case.referrals or case.service_replies else {}


@condition
def awaiting_service(facts: Facts) -> Mapping[str, Any] | None:
    """Referred, and the service has not answered: no reply delivered, and no answer
    logged as a contact received since the referral (real work has no simulation)."""
    case = facts.case
    if not case.referrals or case.service_replies:
        return None
    last = case.referrals[-1]
    answered = any(
        e.kind == "contact_logged" and e.data.get("direction") == "inbound" and e.seq > last.seq
        for e in case.timeline
    )
    if answered:
        return None
    return {"service": last.data.get("service_name") or "the service", "when": _day(last.at)}


def _latest_draft(case: Case) -> tuple[str, str | None] | None:
    """The latest saved draft and the councillor's latest decision on it (None: not asked)."""
    if not case.drafts:
        return None
    draft_id = max(case.drafts, key=lambda d: case.drafts[d].seq)
    decisions = [e.kind for e in case.approvals if e.data.get("draft_id") == draft_id]
    return draft_id, (decisions[-1] if decisions else None)


def _full_reply_sent(case: Case) -> bool:
    return any(e.data.get("final", True) for e in case.replies)


@condition
def no_draft(facts: Facts) -> Mapping[str, Any] | None:
    case = facts.case
    return None if case.drafts or _full_reply_sent(case) else {}


@condition
def draft_returned(facts: Facts) -> Mapping[str, Any] | None:
    latest = _latest_draft(facts.case)
    if latest is None or _full_reply_sent(facts.case):
        return None
    return {} if latest[1] == "draft_returned" else None


@condition
def draft_not_submitted(facts: Facts) -> Mapping[str, Any] | None:
    latest = _latest_draft(facts.case)
    if latest is None or _full_reply_sent(facts.case):
        return None
    return {} if latest[1] is None else None


@condition
def approved_not_sent(facts: Facts) -> Mapping[str, Any] | None:
    latest = _latest_draft(facts.case)
    if latest is None or _full_reply_sent(facts.case):
        return None
    return {} if latest[1] == "draft_approved" else None


def _feedback(case: Case) -> tuple[list[Event], list[Event], list[Event]]:
    kinds: dict[str, list[Event]] = {
        "feedback_requested": [],
        "feedback_received": [],
        "follow_up_recorded": [],
    }
    for event in case.timeline:
        if event.kind in kinds:
            kinds[event.kind].append(event)
    return kinds["feedback_requested"], kinds["feedback_received"], kinds["follow_up_recorded"]


def _people(ids: list[str]) -> str:
    from casekit.rules.vocabulary import STAKEHOLDERS

    names = [STAKEHOLDERS.get(i, i).split(" (")[0].lower() for i in dict.fromkeys(ids)]
    names = [f"the {n}" for n in names]
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


@condition
def feedback_not_asked(facts: Facts) -> Mapping[str, Any] | None:
    if not _full_reply_sent(facts.case):
        return None
    asked, _answers, _follow = _feedback(facts.case)
    return None if asked else {}


@condition
def feedback_waiting(facts: Facts) -> Mapping[str, Any] | None:
    asked, answers, _follow = _feedback(facts.case)
    answered = {e.data.get("request_seq") for e in answers}
    waiting = [str(e.data.get("stakeholder")) for e in asked if e.seq not in answered]
    return {"who": _people(waiting)} if waiting else None


@condition
def low_score_not_followed(facts: Facts) -> Mapping[str, Any] | None:
    _asked, answers, follow_ups = _feedback(facts.case)
    followed = {e.data.get("feedback_seq") for e in follow_ups}
    low = [
        str(e.data.get("stakeholder"))
        for e in answers
        if e.data.get("low") and e.seq not in followed
    ]
    return {"who": _people(low)} if low else None


@condition
def ready_to_close(facts: Facts) -> Mapping[str, Any] | None:
    return {} if facts.case.status == "open" and _full_reply_sent(facts.case) else None


def unanswered_chase(case: Case) -> Event | None:
    """The constituent's latest chase when nothing has gone to them since (an
    acknowledgement, a holding reply, a reply, or a contact logged as sent)."""
    if not case.chasers:
        return None
    chase = case.chasers[-1]
    for event in case.timeline:
        if event.seq <= chase.seq:
            continue
        if event.kind in ANSWERS_CONSTITUENT:
            return None
        if event.kind == "contact_logged" and event.data.get("direction") == "outbound":
            return None
    return chase


# -- the table --------------------------------------------------------------------------
@cache
def load_rules(path: Path = RULES_FILE) -> tuple[Rule, ...]:
    """The rule table, checked: every rule names a known condition and part of the desk."""
    from casekit.rules.datafiles import read_data

    return parse_rules(read_data("next-steps", path), origin=path.name)


def parse_rules(raw: Mapping[str, Any], *, origin: str = "next_steps.toml") -> tuple[Rule, ...]:
    """Rules from parsed TOML; a fault names the rule and the field."""
    entries = raw.get("rule")
    if not isinstance(entries, list) or not entries:
        raise _fault(origin, "rule", "must be a list of [[rule]] tables")
    rules, seen = [], set()
    for n, entry in enumerate(entries, start=1):
        where = f"rule {n}"
        if not isinstance(entry, Mapping):
            raise _fault(origin, where, "must be a table")
        values = {}
        for key in ("id", "when", "do", "why", "source", "where"):
            value = entry.get(key)
            if not isinstance(value, str) or not value.strip():
                raise _fault(origin, f"{where}.{key}", "must be non-empty text")
            values[key] = value.strip()
        if values["when"] not in CONDITIONS:
            known = ", ".join(sorted(CONDITIONS))
            raise _fault(origin, f"{where}.when", f"must be one of: {known}")
        if values["where"] not in PLACES:
            raise _fault(origin, f"{where}.where", f"must be one of: {', '.join(PLACES)}")
        if values["id"] in seen:
            raise _fault(origin, f"{where}.id", f"repeats '{values['id']}'")
        seen.add(values["id"])
        rules.append(Rule(**values))
    return tuple(rules)


def _fault(origin: str, where: str, problem: str) -> CasekitError:
    return CasekitError(
        f"{origin}: {where} {problem}.",
        rule=FORMAT_RULE,
        source=FORMAT_SOURCE,
        field=where,
        advice="Correct that field (compare with the packaged next_steps.toml).",
    )


class _Values(dict[str, Any]):
    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


def decide(
    case: Case,
    rows: list[DeadlineRow] | tuple[DeadlineRow, ...],
    today: date,
    rules: tuple[Rule, ...] | None = None,
) -> NextStep | None:
    """The first rule whose condition holds on ``case`` (``rows``: its deadline rows)."""
    facts = Facts(case, tuple(r for r in rows if r.case == case.ref), today)
    for rule in rules if rules is not None else load_rules():
        values = CONDITIONS[rule.when](facts)
        if values is None:
            continue
        filled = _Values(values)
        return NextStep(
            case=case.ref,
            rule=rule.id,
            do=rule.do.format_map(filled),
            why=rule.why.format_map(filled),
            source=rule.source.format_map(filled),
            where=rule.where,
        )
    return None


def next_step(state: State, case_ref: str, today: date | None = None) -> NextStep | None:
    """The next step on one case of ``state`` (None for an unknown case or when no rule
    applies)."""
    from casekit.feedback.monitoring import deadline_rows

    case = state.case(case_ref)
    if case is None:
        return None
    today = today or (date.fromisoformat(state.now[:10]) if state.now else date.today())
    return decide(case, deadline_rows(state, today), today)
