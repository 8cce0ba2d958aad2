"""Coaching: what the learner handled well, what they mishandled, and why, from the log.

Two sources of feedback, both explained with the rule and the criterion:

* **Traps** planted in the learner's pack. The answer key (kept by the tutor, never in the
  pack) says, as machine-checkable expectations on the log, what good handling and
  mishandling look like; this module decides for each trap whether it was handled well,
  mishandled, is in progress or not yet reached.
* **Common mistakes** of the unit (``casekit/data/coaching.toml``), found in any workspace,
  key or no key.
"""

from __future__ import annotations

import json
import math
import re
from collections import Counter, defaultdict
from dataclasses import asdict, dataclass, field
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any

from casekit.errors import CasekitError
from casekit.inputs.jsonfile import parse_json, read_limited
from casekit.record.log import Event
from casekit.record.projection import Case, State, as_date
from casekit.rules.datafiles import DATA_DIR, read_data

DATA = DATA_DIR / "coaching.toml"
MAX_KEY_BYTES = 5_000_000

# The same idea can sit under different field names in different events.
_ALIASES: dict[str, tuple[str, ...]] = {
    "kind": ("case_kind",),
    "text": ("text", "question", "what"),
    "fact": ("topic",),
    "route": ("route_id", "route"),
}


@dataclass(frozen=True)
class TrapResult:
    case: str | None
    pack_case: str
    trap: str
    label: str
    status: str  # handled | mishandled | in_progress | not_reached
    explanation: str
    source: str
    criteria: tuple[str, ...]
    details: tuple[str, ...] = ()

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class Mistake:
    mistake: str
    label: str
    case: str | None
    message: str
    advice: str
    source: str
    criterion: str

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class CoachReport:
    traps: list[TrapResult] = field(default_factory=list)
    mistakes: list[Mistake] = field(default_factory=list)

    @property
    def counts(self) -> dict[str, int]:
        out = {"handled": 0, "mishandled": 0, "in_progress": 0, "not_reached": 0}
        for t in self.traps:
            out[t.status] = out.get(t.status, 0) + 1
        out["mistakes"] = len(self.mistakes)
        return out

    def as_dict(self) -> dict[str, Any]:
        return {
            "counts": self.counts,
            "traps": [t.as_dict() for t in self.traps],
            "mistakes": [m.as_dict() for m in self.mistakes],
        }

    def text(self) -> str:
        labels = settings()["status"]
        lines = []
        if self.traps:
            lines.append("Planted traps")
            for t in self.traps:
                where = t.case or t.pack_case
                lines.append(
                    f"- [{labels[t.status]}] {where}: {t.label}. {t.explanation}"
                    f" (Rule: {t.source}; criteria {', '.join(t.criteria)})"
                )
                lines.extend(f"    {d}" for d in t.details)
        lines.append("Common mistakes" if self.mistakes else "No common mistakes found.")
        for m in self.mistakes:
            lines.append(
                f"- {m.label}: {m.message} What to do: {m.advice} "
                f"(Rule: {m.source}; criterion {m.criterion})"
            )
        return "\n".join(lines)


@cache
def settings() -> dict[str, Any]:
    """The coaching texts (``casekit/data/coaching.toml``), checked once per process."""
    return read_data("coaching", DATA)


# -- the answer key -------------------------------------------------------------------
def load_key(path: str | Path) -> dict[str, Any]:
    """Read an answer key file, refusing anything that is not one.

    The key is untrusted JSON (:mod:`casekit.inputs.jsonfile`): a BOM, a repeated key, NaN
    or a lone surrogate is refused with the place it was found, every refusal on ``key``.
    """
    path = Path(path)
    if not path.is_file():
        raise CasekitError(f"There is no answer key at {path}.", field="key")
    if path.stat().st_size > MAX_KEY_BYTES:
        raise CasekitError(f"{path} is too large to be an answer key.", field="key")
    try:
        key = parse_json(
            read_limited(path, what="answer key", max_bytes=MAX_KEY_BYTES),
            name=str(path),
            max_bytes=MAX_KEY_BYTES,
        )
    except CasekitError as err:
        raise CasekitError(
            f"{err.message} It is not an answer key casekit can read.",
            rule=err.rule,
            source=err.source,
            advice=err.advice,
            field="key",
        ) from None
    if not isinstance(key, dict) or not isinstance(key.get("cases"), list):
        raise CasekitError(f"{path} is not an answer key (it has no 'cases' list).", field="key")
    return key


# -- matching expectations against the log -------------------------------------------
def _values(event: Event, name: str, drafts: dict[str, Event]) -> list[Any]:
    names = (name, *_ALIASES.get(name, ()))
    found = []
    for n in names:
        if event.personal and n in event.personal:
            found.append(event.personal[n])
        if n in event.data:
            found.append(event.data[n])
    if name == "text" and event.kind in ("draft_approved", "draft_returned", "draft_submitted"):
        draft = drafts.get(str(event.data.get("draft_id")))
        if draft is not None:
            found.append(draft.get("text", ""))
    return [v for v in found if v is not None]


def _matches(value: Any, matcher: dict[str, Any]) -> bool:
    text = str(value).casefold()
    if "eq" in matcher:
        return text == str(matcher["eq"]).casefold()
    if "in" in matcher:
        return text in {str(v).casefold() for v in matcher["in"]}
    if "contains_any" in matcher:
        return any(str(v).casefold() in text for v in matcher["contains_any"] if str(v))
    if "not_contains_any" in matcher:
        return not any(str(v).casefold() in text for v in matcher["not_contains_any"] if str(v))
    if "exists" in matcher:
        return bool(value) == bool(matcher["exists"])
    return False


def _event_matches(
    event: Event, kind: str, where: dict[str, Any], drafts: dict[str, Event]
) -> bool:
    if event.kind != kind:
        return False
    for name, matcher in (where or {}).items():
        values = _values(event, name, drafts)
        if "not_contains_any" in matcher:
            if not values or not all(_matches(v, matcher) for v in values):
                return False
        elif not any(_matches(v, matcher) for v in values):
            return False
    return True


@dataclass
class _Scope:
    case: Case
    events: list[Event]
    delivered: date
    today: date
    calendar: Any
    drafts: dict[str, Event]

    def wd_after_delivery(self, event: Event) -> int:
        return self.calendar.working_days_between(self.delivered, as_date(event.at))

    def elapsed_wd(self) -> int:
        return self.calendar.working_days_between(self.delivered, self.today)


def _check(expectation: dict[str, Any], scope: _Scope) -> bool | None:
    """True when the expectation holds, False when it does not, None when undecided yet."""
    pattern = expectation.get("pattern", "occurs")
    kind = expectation.get("kind", "")
    where = expectation.get("where") or {}
    hits = [e for e in scope.events if _event_matches(e, kind, where, scope.drafts)]
    if pattern == "occurs":
        within = expectation.get("within_wd")
        if within is not None:
            hits = [e for e in hits if scope.wd_after_delivery(e) <= int(within)]
        before = expectation.get("before") or []
        for e in hits:
            later = [x for x in scope.events if x.kind in before and x.seq < e.seq]
            if not later:
                return True
        if hits:
            return False
        if within is not None and scope.elapsed_wd() > int(within):
            return False
        return None
    if pattern == "occurs_without_prior":
        prior = expectation.get("prior") or {}
        for e in hits:
            earlier = [
                x
                for x in scope.events
                if x.seq < e.seq
                and _event_matches(x, prior.get("kind", ""), prior.get("where") or {}, scope.drafts)
            ]
            if not earlier:
                return True
        return False
    if pattern == "missing":
        by = expectation.get("by_wd")
        if by is not None:
            hits = [e for e in hits if scope.wd_after_delivery(e) <= int(by)]
            if hits:
                return False
            return True if scope.elapsed_wd() > int(by) else None
        return not hits
    raise CasekitError(f"Unknown expectation pattern '{pattern}' in the answer key.", field="key")


def _trap_result(trap: dict[str, Any], pack_case: str, scope: _Scope | None) -> TrapResult:
    base = dict(
        case=scope.case.ref if scope else None,
        pack_case=pack_case,
        trap=str(trap.get("trap") or trap.get("id") or "trap"),
        label=str(trap.get("label", "")),
        source=str(trap.get("source", "")),
        criteria=tuple(trap.get("criteria", ())),
    )
    if scope is None:
        return TrapResult(
            status="not_reached", explanation="This case has not been logged yet.", **base
        )
    bad = [(x, _check(x, scope)) for x in trap.get("bad", [])]
    wrong = [x for x, ok in bad if ok]
    if wrong:
        return TrapResult(
            status="mishandled",
            explanation=str(trap.get("explanation", "")),
            details=tuple(str(x.get("explanation", "")) for x in wrong),
            **base,
        )
    good = [(x, _check(x, scope)) for x in trap.get("good", [])]
    if good and all(ok for _, ok in good):
        return TrapResult(
            status="handled",
            explanation=" ".join(str(x.get("explanation", "")) for x, _ in good),
            **base,
        )
    failed = [x for x, ok in good if ok is False]
    if failed and scope.case.status == "closed":
        return TrapResult(
            status="mishandled",
            explanation=str(trap.get("explanation", "")),
            details=tuple("Not done: " + str(x.get("explanation", "")) for x in failed),
            **base,
        )
    missing = [x for x, ok in good if not ok]
    return TrapResult(
        status="in_progress",
        explanation=str(trap.get("explanation", "")),
        details=tuple("Still to do: " + str(x.get("explanation", "")) for x in missing),
        **base,
    )


# -- common mistakes ------------------------------------------------------------------
def _mistake(mid: str, case_ref: str | None, **values: Any) -> Mistake:
    spec = settings()["mistakes"][mid]
    return Mistake(
        mid,
        spec["label"],
        case_ref,
        spec["message"].format(**values),
        spec["advice"],
        spec["source"],
        spec["criterion"],
    )


def _normalise(text: str, case: Case) -> str:
    text = text.casefold()
    for value in case.constituent.values():
        for part in str(value).casefold().split():
            if len(part) > 2:
                text = text.replace(part, " ")
    text = re.sub(r"ck-\d+|\d+", " ", text)
    return re.sub(r"\s+", " ", text).strip()


def _mistakes(state: State, today: date, calendar: Any) -> list[Mistake]:
    spec = settings()["mistakes"]
    out: list[Mistake] = []
    taken = {c.inbox_item for c in state.cases.values() if c.inbox_item}
    for item, event in state.inbox.items():
        days = calendar.working_days_between(as_date(event.at), today)
        if item not in taken and days > spec["unlogged_enquiry"]["after_wd"]:
            out.append(
                _mistake(
                    "unlogged_enquiry",
                    None,
                    day=as_date(event.at).isoformat(),
                    channel=event.data.get("channel", "?"),
                    days=days,
                )
            )
    for case in state.cases.values():
        for reply in case.replies:
            unverified = reply.data.get("unverified") or []
            if unverified:
                reason = reply.data.get("unverified_reason")
                out.append(
                    _mistake(
                        "unverified_passed_on",
                        case.ref,
                        case=case.ref,
                        action="the reply went",
                        facts=", ".join(unverified),
                        reason=f" (reason given: {reason})" if reason else "",
                    )
                )
        for referral in case.referrals:
            pending = [
                f.id
                for f in case.facts.values()
                if not _settled_before(f, referral.seq) and _recorded_before(f, case, referral.seq)
            ]
            if pending:
                out.append(
                    _mistake(
                        "unverified_passed_on",
                        case.ref,
                        case=case.ref,
                        action="the case was referred to a service",
                        facts=", ".join(pending),
                        reason="",
                    )
                )
        after = spec["unanswered_chaser"]["after_wd"]
        for chase in case.chasers:
            if not _answered_after(case, chase, calendar, after, today, outbound_only=True):
                out.append(
                    _mistake(
                        "unanswered_chaser",
                        case.ref,
                        case=case.ref,
                        day=as_date(chase.at).isoformat(),
                        days=after,
                    )
                )
        after = spec["unlogged_service_reply"]["after_wd"]
        for reply in case.service_replies:
            if not _answered_after(case, reply, calendar, after, today, outbound_only=False):
                out.append(
                    _mistake(
                        "unlogged_service_reply",
                        case.ref,
                        case=case.ref,
                        service=reply.data.get("service_name") or "the service",
                        day=as_date(reply.at).isoformat(),
                        days=after,
                    )
                )
        clocks = state.clocks(case)
        respond = clocks.get("respond")
        if respond is not None:
            late = respond.status == "missed" or (
                respond.status in ("running", "stopped")
                and case.status == "open"
                and today > respond.due
            )
            holding = [h for h in case.holding_replies if as_date(h.at) <= respond.due]
            if late and not holding:
                what = (
                    "the reply went late"
                    if respond.status == "missed"
                    else "it is still unanswered"
                )
                out.append(
                    _mistake(
                        "no_holding_reply",
                        case.ref,
                        case=case.ref,
                        due=respond.due.isoformat(),
                        what=what,
                    )
                )
    out.extend(_same_text(state))
    return out


def _recorded_before(fact: Any, case: Case, seq: int) -> bool:
    return any(
        e.kind == "fact_recorded" and e.data.get("fact_id") == fact.id and e.seq < seq
        for e in case.timeline
    )


def _settled_before(fact: Any, seq: int) -> bool:
    checks = (
        [c for c in fact.checks if c.get("seq", 0) < seq]
        if any("seq" in c for c in fact.checks)
        else fact.checks
    )
    if not checks:
        return False
    last = checks[-1]
    return last["result"] == "confirmed" or (
        last["result"] in ("discrepancy", "stale") and bool(last.get("resolution"))
    )


def _answered_after(
    case: Case, event: Event, calendar: Any, within: int, today: date, *, outbound_only: bool
) -> bool:
    start = as_date(event.at)
    if calendar.working_days_between(start, today) <= within:
        return True  # not yet due: give the learner the time
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


def _shingles(text: str) -> frozenset[str]:
    words = text.split()
    return frozenset(" ".join(words[i : i + 3]) for i in range(max(len(words) - 2, 1)))


def _candidate_pairs(sets: list[frozenset[str]], threshold: float) -> list[tuple[int, int]]:
    """Index pairs ``(i, j)``, ``i < j``, that can reach Jaccard similarity ``threshold``.

    Prefix filtering (Chaudhuri et al., 2006): with every set's items in one global order
    (rarest first), two sets whose overlap reaches the threshold share an item in their
    first ``|s| - ceil(threshold * |s|) + 1`` items. So only pairs meeting in those short
    prefixes are compared, instead of every pair of replies in the workspace.
    """
    frequency = Counter(item for items in sets for item in items)
    rank = {item: n for n, item in enumerate(sorted(frequency, key=lambda i: (frequency[i], i)))}
    seen: dict[str, list[int]] = defaultdict(list)
    pairs: set[tuple[int, int]] = set()
    for j, items in enumerate(sets):
        ordered = sorted(items, key=rank.__getitem__)
        # The overlap needed, rounded down a hair so float error never shortens the prefix.
        needed = max(math.ceil(threshold * len(ordered) - 1e-9), 0)
        for item in ordered[: max(len(ordered) - needed + 1, 1)]:
            pairs.update((i, j) for i in seen[item])
            seen[item].append(j)
    return sorted(pairs)


def _same_answer(a: Case, b: Case) -> bool:
    """Two constituents with the same problem, to whom the service gave the same answer,
    may rightly get much the same letter: that is not one size fitting all."""
    if a.category != b.category or not a.service_replies or not b.service_replies:
        return False
    return a.service_replies[-1].get("text") == b.service_replies[-1].get("text")


def _same_text(state: State) -> list[Mistake]:
    """Replies to different cases that are nearly the same text once names, references and
    numbers are taken out (Jaccard similarity of word triples)."""
    spec = settings()["mistakes"]["same_text"]
    replies = []
    for case in state.cases.values():
        for reply in case.replies:
            text = str(reply.get("text", ""))
            if len(text) >= spec["min_characters"]:
                replies.append((case, _shingles(_normalise(text, case))))
    out = []
    threshold = spec["similarity"]
    for i, j in _candidate_pairs([shingles for _, shingles in replies], threshold):
        (a, sa), (b, sb) = replies[i], replies[j]
        if a.ref == b.ref or not sa or not sb or _same_answer(a, b):
            continue
        small, large = sorted((len(sa), len(sb)))
        if small / large < threshold:
            continue  # Jaccard cannot reach the threshold
        ratio = len(sa & sb) / len(sa | sb)
        if ratio >= threshold:
            what = (
                f"{a.category.replace('_', ' ')} and {b.category.replace('_', ' ')}"
                if a.category != b.category
                else "different constituents' needs"
            )
            out.append(
                _mistake(
                    "same_text",
                    a.ref,
                    case=a.ref,
                    other=b.ref,
                    percent=round(ratio * 100),
                    what=what,
                )
            )
    return out


# -- the report -----------------------------------------------------------------------
def coach_state(
    state: State, key: dict[str, Any] | None = None, today: date | None = None
) -> CoachReport:
    """Coach a projected workspace (pure: reads nothing but ``state`` and ``key``)."""
    from casekit.rules.calendar import calendar_for

    calendar = calendar_for(state.profile, "subdivision")
    today = today or (as_date(state.now) if state.now else date.today())
    report = CoachReport(mistakes=_mistakes(state, today, calendar))
    if not key:
        return report
    drafts = {d: e for c in state.cases.values() for d, e in c.drafts.items()}
    for entry in key.get("cases", []):
        pack_case = str(entry.get("case_id") or entry.get("id") or "")
        ref = state.by_pack_case.get(pack_case)
        scope = None
        if ref is not None:
            case = state.cases[ref]
            delivered = as_date(case.received_at)
            inbox = state.inbox.get(str(case.inbox_item)) if case.inbox_item else None
            if inbox is not None:
                delivered = as_date(inbox.at)
            scope = _Scope(case, list(case.timeline), delivered, today, calendar, drafts)
        for trap in entry.get("traps", []):
            report.traps.append(_trap_result(trap, pack_case, scope))
    return report


def coach(ws: Any, key: dict[str, Any] | str | Path | None = None) -> CoachReport:
    """Coach a workspace, with the tutor's answer key when there is one."""
    if isinstance(key, (str, Path)):
        key = load_key(key)
    if key and ws.pack_path.exists():
        pack_id = json.loads(ws.pack_path.read_text(encoding="utf-8")).get("pack_id")
        if key.get("pack_id") and pack_id and key["pack_id"] != pack_id:
            raise CasekitError(
                f"This answer key is for pack {key['pack_id']}, but the workspace was made "
                f"from pack {pack_id}.",
                field="key",
                advice="Use the key that was generated with this learner's pack.",
            )
    return coach_state(ws.state(), key, ws.now.date())
