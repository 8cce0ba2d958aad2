"""The unit's common mistakes, found in any workspace without the answer key.

Each mistake is data in ``casekit/data/coaching.toml`` (its label, the rule it breaks, the
criterion it bears on, its wording and what to do) and is shown with the events of the log
that show it. What went wrong on a case is read by :mod:`casekit.feedback.handling` (the
same reading the coverage and the simulated satisfaction use); what only a person can
decide (an approval recorded another way, a para 23(2) reason) is listed "for your tutor
to confirm", never counted as a mistake.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import date
from typing import Any

from casekit.feedback import handling
from casekit.feedback.coaching.similarity import same_texts
from casekit.feedback.coaching.texts import settings
from casekit.record.log import Event
from casekit.record.projection import Case, State, as_date


@dataclass(frozen=True)
class Mistake:
    """One common mistake: what, where, why it matters and what to do, and the events."""

    mistake: str
    label: str
    case: str | None
    message: str
    advice: str
    source: str
    criterion: str
    events: tuple[int, ...] = ()

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class ForReview:
    """Something the kit accepted on the learner's word, for the tutor to confirm."""

    kind: str
    label: str
    case: str
    message: str
    source: str
    criterion: str
    events: tuple[int, ...] = ()

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def mistake(mid: str, case_ref: str | None, events: Any = (), **values: Any) -> Mistake:
    """The mistake ``mid`` worded with ``values``, showing ``events``."""
    spec = settings()["mistakes"][mid]
    return Mistake(
        mid,
        spec["label"],
        case_ref,
        spec["message"].format(**values),
        spec["advice"],
        spec["source"],
        spec["criterion"],
        tuple(events),
    )


def find_mistakes(state: State, today: date, calendar: Any) -> list[Mistake]:
    """Every common mistake in the projected workspace, as of ``today``."""
    spec = settings()["mistakes"]
    out = _unlogged(state, today, calendar, spec["unlogged_enquiry"]["after_wd"])
    for case in state.cases.values():
        slips = handling.unverified_slips(case)
        slips += handling.approval_slips(case)
        slips += handling.deadline_slips(case, state.clocks(case), today)
        out.extend(mistake(s.mistake, s.case, s.events, **s.values) for s in slips)
        after = spec["unanswered_chaser"]["after_wd"]
        for chase in case.chasers:
            if not _answered_after(case, chase, calendar, after, today, outbound_only=True):
                out.append(
                    mistake(
                        "unanswered_chaser",
                        case.ref,
                        (chase.seq,),
                        case=case.ref,
                        day=as_date(chase.at).isoformat(),
                        days=after,
                    )
                )
        after = spec["unlogged_service_reply"]["after_wd"]
        for reply in case.service_replies:
            if not _answered_after(case, reply, calendar, after, today, outbound_only=False):
                out.append(
                    mistake(
                        "unlogged_service_reply",
                        case.ref,
                        (reply.seq,),
                        case=case.ref,
                        service=reply.data.get("service_name") or "the service",
                        day=as_date(reply.at).isoformat(),
                        days=after,
                    )
                )
    for found in same_texts(state, spec["same_text"]):
        events = found.pop("events")
        out.append(mistake("same_text", found["case"], events, **found))
    return out


def _unlogged(state: State, today: date, calendar: Any, after: int) -> list[Mistake]:
    taken = {c.inbox_item for c in state.cases.values() if c.inbox_item}
    out = []
    for item, event in state.inbox.items():
        days = calendar.working_days_between(as_date(event.at), today)
        if item not in taken and days > after:
            out.append(
                mistake(
                    "unlogged_enquiry",
                    None,
                    (event.seq,),
                    day=as_date(event.at).isoformat(),
                    channel=event.data.get("channel", "?"),
                    days=days,
                )
            )
    return out


def _answered_after(
    case: Case, event: Event, calendar: Any, within: int, today: date, *, outbound_only: bool
) -> bool:
    """Whether something was logged in answer to ``event`` within ``within`` working days
    (or the time is not up yet: the learner is given it)."""
    start = as_date(event.at)
    if calendar.working_days_between(start, today) <= within:
        return True
    for e in case.timeline:
        if e.seq <= event.seq:
            continue
        if calendar.working_days_between(start, as_date(e.at)) > within:
            break
        if e.kind in ("holding_reply_sent", "reply_sent", "acknowledgement_sent"):
            return True
        if e.kind == "contact_logged" and (
            not outbound_only or e.data.get("direction") == "outbound"
        ):
            return True
        if not outbound_only and e.kind in (
            "referred_to_service",
            "draft_saved",
            "case_closed",
            "escalated",
        ):
            return True
    return False


def for_review(state: State) -> list[ForReview]:
    """What the learner recorded that the tutor should confirm (an approval given another
    way, a para 23(2) reason instead of consent), with the replies that went on it."""
    from casekit.feedback.tutor_review import for_tutor_to_confirm

    texts = settings().get("review", {})
    out = []
    for item in for_tutor_to_confirm(state):
        spec = texts.get(item.kind.replace("-", "_"), {})
        case = state.cases.get(item.case)
        sent = [
            r.seq
            for r in (case.replies if case is not None else [])
            if r.data.get("approval_seq") == item.seq
        ]
        out.append(
            ForReview(
                item.kind,
                str(spec.get("label", item.kind)),
                item.case,
                item.summary,
                str(spec.get("source", "")),
                str(spec.get("criterion", "")),
                (item.seq, *sent),
            )
        )
    return out


def unexpected_escalations(state: State, key: dict[str, Any]) -> list[ForReview]:
    """With the answer key: escalations by a route of the configured family (safeguarding)
    on a case where the key plants no such concern. Whether something in the enquiry
    warranted it is for the tutor to judge, so it is listed for review, not as a mistake."""
    spec = settings().get("review", {}).get("escalation_without_disclosure")
    if not spec:
        return []
    routes = set(settings().get("route_families", {}).get(spec["family"], ()))
    out = []
    for entry in key.get("cases", []):
        ref = state.by_pack_case.get(str(entry.get("case_id")))
        if ref is None or any(t.get("trap") == spec["trap"] for t in entry.get("traps", [])):
            continue
        for e in state.cases[ref].escalations:
            if e.data.get("route_id") in routes:
                out.append(
                    ForReview(
                        "escalation-without-disclosure",
                        spec["label"],
                        ref,
                        f"{ref}: escalated to {e.data.get('route') or e.data.get('route_id')} "
                        f"on {as_date(e.at).isoformat()}, though the answer key plants no such "
                        "concern in this case: whether the enquiry warranted it is for your "
                        "tutor to review.",
                        spec["source"],
                        spec["criterion"],
                        (e.seq,),
                    )
                )
    return out
