"""Whether an evidence item is sound: the checks a criterion's evidence must pass.

An assessor credits work that is itself sound, not events that merely happened: an intake
whose facts were never verified is no evidence of "verified and current" information
(AC1); a draft approved with a breach the checks found is no evidence of drafting within
data protection (AC3); a knowledge check below the centre's pass mark, or an escalation by
a route the case does not fit, is no evidence of understanding the protocols (AC5). The
checks each criterion's items must pass, and their thresholds, are data in the criteria
catalogue (``[quality]`` of ``casekit/data/criteria.toml``); each check here looks only at
the kinds of event it names, so a reflection naming a criterion is never judged by them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from casekit.inputs.dates import stored_day
from casekit.rules.criteria import Quality


@dataclass
class Context:
    """What the checks read: every event by case, the catalogue's quality settings and,
    when the caller has it, the projected state (for deadlines and the calendar)."""

    quality: Quality
    by_case: dict[str | None, list[Any]] = field(default_factory=dict)
    state: Any = None
    _calendar: Any = None

    @property
    def calendar(self) -> Any:
        if self._calendar is None and self.state is not None:
            from casekit.rules.calendar import calendar_for

            self._calendar = calendar_for(self.state.profile, "subdivision")
        return self._calendar


Check = Callable[[list[Any], str | None, Context], list[str]]


def _facts(events: list[Any], case: str | None, ctx: Context) -> dict[str, Any]:
    """Fact id -> its last check (or None) among the item's events."""
    found: dict[str, Any] = {}
    for e in events:
        if e.kind == "fact_recorded":
            found.setdefault(str(e.data.get("fact_id")), None)
        elif e.kind == "fact_verified":
            found[str(e.data.get("fact_id"))] = e
    return found


def facts_verified(events: list[Any], case: str | None, ctx: Context) -> list[str]:
    """Every fact recorded was checked against a source, and at least one was."""
    facts = _facts(events, case, ctx)
    checked = {f: e for f, e in facts.items() if e is not None}
    out = [f"fact {f} was never checked against a source" for f, e in facts.items() if e is None]
    out += [
        f"fact {f} could not be checked"
        for f, e in checked.items()
        if e.data.get("result") == "unable"
    ]
    if not checked:
        out.append("no fact was checked against a source")
    return out


def discrepancies_resolved(events: list[Any], case: str | None, ctx: Context) -> list[str]:
    """A fact whose last check found a discrepancy or a stale record has its resolution."""
    return [
        f"the {e.data.get('result')} found on fact {f} was not resolved"
        for f, e in _facts(events, case, ctx).items()
        if e is not None
        and e.data.get("result") in ("discrepancy", "stale")
        and not (e.data.get("resolved") or e.get("resolution"))
    ]


def deadlines_kept(events: list[Any], case: str | None, ctx: Context) -> list[str]:
    """The case's deadlines were met, or held in time (needs the projected state)."""
    state = ctx.state
    found = state.cases.get(case) if state is not None and case else None
    if found is None:
        return []
    from casekit.feedback import handling
    from casekit.feedback.coaching.mistakes import mistake

    today = stored_day(state.now) if state.now else None
    if today is None:
        return []
    slips = handling.deadline_slips(found, state.clocks(found), today)
    return [mistake(s.mistake, s.case, **s.values).message for s in slips]


def no_unresolved_breach(events: list[Any], case: str | None, ctx: Context) -> list[str]:
    """The draft approved carried no finding at the unresolved severity (a breach)."""
    from casekit.drafting.findings import severity_rank

    limit = severity_rank(ctx.quality.unresolved_severity)
    out = []
    for approval in (e for e in events if e.kind == "draft_approved"):
        draft_id = approval.data.get("draft_id")
        saved = [
            e
            for e in ctx.by_case.get(case, [])
            if e.kind == "draft_saved" and e.data.get("draft_id") == draft_id
        ]
        findings = saved[-1].data.get("findings") or [] if saved else []
        for f in findings:
            severity = str(f.get("severity", "")) if isinstance(f, dict) else ""
            if severity in ("advice", "warning", "breach") and severity_rank(severity) >= limit:
                out.append(
                    f"draft {draft_id} was approved with a {f.get('kind', '')} {severity} "
                    f"the checks found ({f.get('check') or f.get('rule', '')})"
                )
    return out


def low_scores_followed_up(events: list[Any], case: str | None, ctx: Context) -> list[str]:
    """Every low satisfaction score has a follow-up recorded."""
    followed = {
        e.data.get("feedback_seq")
        for e in ctx.by_case.get(case, [])
        if e.kind == "follow_up_recorded"
    }
    return [
        f"the low score from the {e.data.get('stakeholder')} "
        f"({e.data.get('score')}) has no follow-up"
        for e in events
        if e.kind == "feedback_received" and e.data.get("low") and e.seq not in followed
    ]


def knowledge_pass_mark(events: list[Any], case: str | None, ctx: Context) -> list[str]:
    """The knowledge check reached the centre's pass mark."""
    out = []
    for e in events:
        if e.kind != "knowledge_check_completed":
            continue
        score, out_of = e.data.get("score"), e.data.get("out_of")
        if not isinstance(score, int) or not isinstance(out_of, int) or out_of <= 0:
            out.append("the knowledge check's score is not on record")
        elif score * 100 < ctx.quality.knowledge_pass_percent * out_of:
            out.append(
                f"the knowledge check scored {score} out of {out_of}, below the centre's "
                f"pass mark of {ctx.quality.knowledge_pass_percent}%"
            )
    return out


def escalation_fits_the_case(events: list[Any], case: str | None, ctx: Context) -> list[str]:
    """An escalation whose route needs something the case shows (an information request
    needs a statutory request logged; the complaints route, a complaint)."""
    case_events = ctx.by_case.get(case, [])
    kinds = {str(e.data.get("case_kind")) for e in case_events if e.kind == "enquiry_received"}
    seen = {e.kind for e in case_events}
    out = []
    for e in events:
        route = str(e.data.get("route_id", "")) if e.kind == "escalated" else ""
        needs = ctx.quality.route_needs.get(route)
        if needs is None:
            continue
        if kinds & set(needs.case_kinds) or (needs.or_kind and needs.or_kind in seen):
            continue
        out.append(f"escalated to {e.data.get('route') or route}, but {needs.says}")
    return out


def same_day_escalation(events: list[Any], case: str | None, ctx: Context) -> list[str]:
    """A same-day route (safeguarding) used on the working day the enquiry arrived."""
    arrived = _arrived(ctx.by_case.get(case, []))
    if arrived is None:
        return []
    out = []
    for e in events:
        if e.kind != "escalated" or e.data.get("route_id") not in ctx.quality.same_day_routes:
            continue
        late = _working_days(arrived, stored_day(e.at), ctx.calendar)
        if late > 0:
            out.append(
                f"escalated to {e.data.get('route') or e.data.get('route_id')} on "
                f"{stored_day(e.at).isoformat()}, {late} working day(s) after the enquiry "
                "arrived: the route is for the same day"
            )
    return out


def _arrived(case_events: list[Any]) -> date | None:
    logged = next((e for e in case_events if e.kind == "enquiry_received"), None)
    if logged is None:
        return None
    return stored_day(str(logged.data.get("received_at") or logged.at))


def _working_days(start: date, end: date, calendar: Any) -> int:
    """Working days after ``start`` (rolled on to a working day) up to ``end``; without a
    calendar, weekdays."""
    if calendar is not None:
        return calendar.working_days_between(calendar.roll_forward(start), end)
    while start.weekday() >= 5:
        start += timedelta(days=1)
    days, day = 0, start
    while day < end:
        day += timedelta(days=1)
        days += day.weekday() < 5
    return days


CHECKS: dict[str, tuple[Check, frozenset[str]]] = {
    "facts_verified": (facts_verified, frozenset({"fact_recorded", "fact_verified"})),
    "discrepancies_resolved": (discrepancies_resolved, frozenset({"fact_verified"})),
    "deadlines_kept": (
        deadlines_kept,
        frozenset({"acknowledgement_sent", "reply_sent", "holding_reply_sent", "case_closed"}),
    ),
    "no_unresolved_breach": (no_unresolved_breach, frozenset({"draft_approved"})),
    "low_scores_followed_up": (low_scores_followed_up, frozenset({"feedback_received"})),
    "knowledge_pass_mark": (knowledge_pass_mark, frozenset({"knowledge_check_completed"})),
    "escalation_fits_the_case": (escalation_fits_the_case, frozenset({"escalated"})),
    "same_day_escalation": (same_day_escalation, frozenset({"escalated"})),
}


def flaws(
    events: list[Any], case: str | None, criteria: Iterable[str], ctx: Context
) -> tuple[tuple[str, str], ...]:
    """``(criterion, reason)`` for each check an item's events fail, per criterion it
    evidences. A check only judges items holding the kinds of event it reads; an intake
    with no fact at all is judged too (it verified nothing)."""
    kinds = {e.kind for e in events}
    out: list[tuple[str, str]] = []
    for cid in criteria:
        for check_id in ctx.quality.checks.get(cid, ()):
            check, reads = CHECKS[check_id]
            intake = check_id == "facts_verified" and "enquiry_received" in kinds
            if kinds & reads or intake:
                out.extend((cid, reason) for reason in check(events, case, ctx))
    return tuple(dict.fromkeys(out))


def context(events: Iterable[Any], quality: Quality, state: Any = None) -> Context:
    by_case: dict[str | None, list[Any]] = {}
    for e in sorted(events, key=lambda e: e.seq):
        by_case.setdefault(e.case, []).append(e)
    return Context(quality, by_case, state)


def quality_checks() -> Mapping[str, Check]:
    """The checks a catalogue's ``[quality.checks]`` may name."""
    return {name: check for name, (check, _) in CHECKS.items()}
