"""The satisfaction review: asking the constituent, the councillor and the service officer
how the case went, and doing something about low scores (criterion AC4).

The people asked are simulated, but their answers are not random: they follow from how
the case was handled, read from the log (a late reply, no holding reply before a missed
deadline, drafts returned by the member, unverified facts passed on, no acknowledgement),
with the weights in ``casekit/data/satisfaction.toml``. The same workspace and case always
get the same answers. The constituent's answer is also graded the WriteToThem way
(replied / replied but not answered / acknowledgement only / no reply).
"""

from __future__ import annotations

import hashlib
import random
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from casekit.errors import CasekitError
from casekit.rules.datafiles import DATA_DIR, read_toml

if TYPE_CHECKING:
    from casekit.record.log import Event
    from casekit.record.projection import Case
    from casekit.record.workspace import Workspace

DEFAULT_PATH = DATA_DIR / "satisfaction.toml"
FORMAT_RULE = "satisfaction-rules-format"
FORMAT_SOURCE = "the format described in casekit/data/satisfaction.toml"
FACTORS = (
    "late_reply",
    "no_holding_reply",
    "no_acknowledgement",
    "late_acknowledgement",
    "unverified_facts",
    "reply_before_service_answer",
    "returned_drafts",
)
GRADES = ("replied", "replied_not_answered", "acknowledgement_only", "no_reply")
RULE_IDS = (
    "feedback-needs-reply",
    "no-self-rating",
    "unknown-stakeholder",
    "feedback-pending",
    "colleague-needs-referral",
    "no-feedback-pending",
    "follow-up-needs-feedback",
    "follow-up-needs-action",
    "unknown-case",
)
WORD = re.compile(r"[^\W\d_]+")


# --------------------------------------------------------------------------- the rules


@dataclass(frozen=True)
class Rule:
    id: str
    message: str
    source: str
    advice: str

    def error(self, *, field: str | None = None, **values: Any) -> CasekitError:
        return CasekitError(
            _fill(self.message, values),
            rule=self.id,
            source=self.source,
            advice=_fill(self.advice, values),
            field=field,
        )


@dataclass(frozen=True)
class Stakeholder:
    id: str
    label: str
    question: str
    graded: bool
    positive: str
    weights: dict[str, int]
    needs: str | None = None


@dataclass(frozen=True)
class Factor:
    id: str
    label: str
    comment: str
    source: str
    cap: int | None = None


@dataclass(frozen=True)
class SatisfactionRules:
    path: str
    source: str
    criterion: str
    scale_min: int
    scale_max: int
    start: int
    low_threshold: int
    jitter: tuple[int, ...]
    self_names: tuple[str, ...]
    reply_kinds: tuple[str, ...]
    follow_up_min_words: int
    stakeholders: dict[str, Stakeholder]
    factors: dict[str, Factor]
    grading_source: str
    not_answered_if: tuple[str, ...]
    grades: dict[str, str]
    rules: dict[str, Rule]

    def is_low(self, score: int) -> bool:
        return score <= self.low_threshold


def load_rules(path: str | Path | None = None) -> SatisfactionRules:
    """Load and validate the satisfaction rules (the packaged file by default)."""
    file = Path(path) if path is not None else DEFAULT_PATH
    raw = read_toml(file, "satisfaction rules", rule=FORMAT_RULE, source=FORMAT_SOURCE)
    return parse_rules(raw, origin=str(file))


def parse_rules(raw: Mapping[str, Any], *, origin: str) -> SatisfactionRules:
    """Validate already-parsed rules, naming the file and field of any fault."""

    def fail(where: str, problem: str) -> CasekitError:
        return CasekitError(
            f"{origin}: {where} {problem}.",
            rule=FORMAT_RULE,
            source=FORMAT_SOURCE,
            field=where,
            advice="Correct that field (compare with the packaged satisfaction.toml).",
        )

    def table(obj: Any, where: str) -> Mapping[str, Any]:
        if not isinstance(obj, Mapping):
            raise fail(where, "must be a table")
        return obj

    def text(obj: Mapping[str, Any], key: str, where: str) -> str:
        value = obj.get(key)
        if not isinstance(value, str) or not value.strip():
            raise fail(f"{where}.{key}", "must be non-empty text")
        return value.strip()

    def whole(obj: Mapping[str, Any], key: str, where: str, low: int = 0) -> int:
        value = obj.get(key)
        if isinstance(value, bool) or not isinstance(value, int) or value < low:
            raise fail(f"{where}.{key}", f"must be a whole number, {low} or more")
        return value

    def texts(obj: Mapping[str, Any], key: str, where: str) -> tuple[str, ...]:
        value = obj.get(key)
        if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
            raise fail(f"{where}.{key}", "must be a list of non-empty texts")
        return tuple(v.strip() for v in value)

    raw = table(raw, "file")
    head = table(raw.get("satisfaction"), "satisfaction")
    scale_min = whole(head, "scale_min", "satisfaction", 0)
    scale_max = whole(head, "scale_max", "satisfaction", 0)
    if scale_max <= scale_min:
        raise fail("satisfaction.scale_max", "must be above scale_min")
    start = whole(head, "start", "satisfaction", 0)
    low = whole(head, "low_threshold", "satisfaction", 0)
    for key, value in (("start", start), ("low_threshold", low)):
        if not scale_min <= value <= scale_max:
            raise fail(f"satisfaction.{key}", f"must be within the scale {scale_min}-{scale_max}")
    jitter = head.get("jitter")
    if (
        not isinstance(jitter, list)
        or not jitter
        or not all(isinstance(j, int) and not isinstance(j, bool) for j in jitter)
    ):
        raise fail("satisfaction.jitter", "must be a non-empty list of whole numbers")
    reply_kinds = texts(head, "reply_kinds", "satisfaction")
    if not reply_kinds:
        raise fail("satisfaction.reply_kinds", "must name at least one event kind")

    factors: dict[str, Factor] = {}
    factors_raw = table(raw.get("factors"), "factors")
    for fid in FACTORS:
        where = f"factors.{fid}"
        entry = table(factors_raw.get(fid), where)
        cap = entry.get("cap")
        if cap is not None and (isinstance(cap, bool) or not isinstance(cap, int) or cap < 1):
            raise fail(f"{where}.cap", "must be a whole number, 1 or more")
        factors[fid] = Factor(
            fid,
            text(entry, "label", where),
            text(entry, "comment", where),
            text(entry, "source", where),
            cap,
        )
    for fid in factors_raw:
        if fid not in FACTORS:
            raise fail(
                f"factors.{fid}", f"is not a handling problem casekit reads ({', '.join(FACTORS)})"
            )

    stakeholders: dict[str, Stakeholder] = {}
    for sid, value in table(raw.get("stakeholders"), "stakeholders").items():
        where = f"stakeholders.{sid}"
        entry = table(value, where)
        weights_raw = table(entry.get("weights"), f"{where}.weights")
        weights = {}
        for fid in weights_raw:
            if fid not in factors:
                raise fail(
                    f"{where}.weights.{fid}", f"is not a handling problem ({', '.join(FACTORS)})"
                )
            weights[fid] = whole(weights_raw, fid, f"{where}.weights", 0)
        graded = entry.get("graded", False)
        if not isinstance(graded, bool):
            raise fail(f"{where}.graded", "must be true or false")
        needs = entry.get("needs")
        if needs is not None and (not isinstance(needs, str) or not needs.strip()):
            raise fail(f"{where}.needs", "must be an event kind")
        stakeholders[sid] = Stakeholder(
            sid,
            text(entry, "label", where),
            text(entry, "question", where),
            graded,
            text(entry, "positive", where),
            weights,
            needs,
        )
    if not stakeholders:
        raise fail("stakeholders", "must name at least one stakeholder")

    grading = table(raw.get("grading"), "grading")
    grades_raw = table(grading.get("grades"), "grading.grades")
    grades = {g: text(grades_raw, g, "grading.grades") for g in GRADES}
    not_answered = texts(grading, "not_answered_if", "grading")
    for fid in not_answered:
        if fid not in factors:
            raise fail("grading.not_answered_if", f"names {fid!r}, not a handling problem")

    rules_raw = table(raw.get("rules"), "rules")
    rules = {}
    for rid in RULE_IDS:
        where = f"rules.{rid}"
        entry = table(rules_raw.get(rid), where)
        rules[rid] = Rule(
            rid,
            text(entry, "message", where),
            text(entry, "source", where),
            text(entry, "advice", where),
        )

    return SatisfactionRules(
        path=origin,
        source=text(head, "source", "satisfaction"),
        criterion=text(head, "criterion", "satisfaction"),
        scale_min=scale_min,
        scale_max=scale_max,
        start=start,
        low_threshold=low,
        jitter=tuple(jitter),
        self_names=tuple(n.casefold() for n in texts(head, "self_names", "satisfaction")),
        reply_kinds=reply_kinds,
        follow_up_min_words=whole(head, "follow_up_min_words", "satisfaction", 1),
        stakeholders=stakeholders,
        factors=factors,
        grading_source=text(grading, "source", "grading"),
        not_answered_if=not_answered,
        grades=grades,
        rules=rules,
    )


# --------------------------------------------------------------------------- scoring


class ClockLike(Protocol):
    status: str
    due: date


def handling_factors(case: Case, clocks: Mapping[str, ClockLike], today: date) -> dict[str, int]:
    """Read from a case how it was handled: each problem 0/1, returned drafts counted."""
    respond = clocks.get("respond")
    respond_missed = respond is not None and (
        respond.status == "missed"
        or (respond.status in ("running", "stopped") and today > respond.due)
    )
    to_constituent = [
        h for h in case.holding_replies if h.data.get("to", "constituent") != "member"
    ]
    holding_in_time = respond is not None and any(_day(h.at) <= respond.due for h in to_constituent)
    acknowledge = clocks.get("acknowledge")
    finals = [r for r in case.replies if r.data.get("final", True)]
    service_answered = [_day(s.at) for s in case.service_replies]
    first_final = min((_day(r.at) for r in finals), default=None)
    before_service = (
        bool(case.referrals)
        and first_final is not None
        and (not service_answered or first_final < min(service_answered))
    )
    return {
        "late_reply": int(respond_missed),
        "no_holding_reply": int(respond_missed and not holding_in_time),
        "no_acknowledgement": int(not case.acknowledgements),
        "late_acknowledgement": int(
            bool(case.acknowledgements)
            and acknowledge is not None
            and acknowledge.status == "missed"
        ),
        "unverified_facts": int(
            any(r.data.get("unverified") for r in finals) or bool(case.unsettled_facts())
        ),
        "reply_before_service_answer": int(before_service),
        "returned_drafts": sum(1 for e in case.approvals if e.kind == "draft_returned"),
    }


def grade(case: Case, factors: Mapping[str, int], rules: SatisfactionRules) -> str:
    """The WriteToThem grade of the constituent's answer to "did you get a reply?"."""
    if any(r.data.get("final", True) for r in case.replies):
        if any(factors.get(f) for f in rules.not_answered_if):
            return "replied_not_answered"
        return "replied"
    if case.replies or case.holding_replies or case.acknowledgements:
        return "acknowledgement_only"
    return "no_reply"


def score(
    stakeholder: Stakeholder, factors: Mapping[str, int], rules: SatisfactionRules, seed: str
) -> tuple[int, list[str]]:
    """A stakeholder's score and the problems that lowered it (heaviest first)."""
    penalties: dict[str, int] = {}
    for fid, count in factors.items():
        weight = stakeholder.weights.get(fid, 0)
        cap = rules.factors[fid].cap if fid in rules.factors else None
        counted = min(count, cap) if cap is not None else count
        if weight and counted:
            penalties[fid] = weight * counted
    rng = random.Random(int(hashlib.sha256(seed.encode()).hexdigest()[:16], 16))
    raw = rules.start - sum(penalties.values()) + rng.choice(rules.jitter)
    value = max(rules.scale_min, min(rules.scale_max, raw))
    reasons = sorted(penalties, key=lambda f: (-penalties[f], FACTORS.index(f)))
    return value, reasons


# --------------------------------------------------------------------------- actions


def check_stakeholder(
    stakeholder: Any,
    rules: SatisfactionRules,
    *,
    actor: str | None = None,
    case_ref: str = "",
    rating: bool = True,
) -> str:
    """The stakeholder id to ask, or a refusal: nobody rates their own case (not the
    learner, not whoever is asking), and only the stakeholders the rules name.
    ``rating=False`` skips the self-rating check (naming whose answer is followed up)."""
    who = stakeholder.strip() if isinstance(stakeholder, str) else stakeholder
    values = {"case": case_ref, "stakeholder": who}
    if (
        rating
        and isinstance(who, str)
        and (
            (actor is not None and who.casefold() == actor.strip().casefold())
            or who.casefold() in rules.self_names
        )
    ):
        raise rules.rules["no-self-rating"].error(field="stakeholder", **values)
    if not isinstance(who, str) or who not in rules.stakeholders:
        raise rules.rules["unknown-stakeholder"].error(
            field="stakeholder", choices=", ".join(rules.stakeholders), **values
        )
    return who


def check_action(action: Any, rules: SatisfactionRules, *, case_ref: str = "") -> str:
    """A follow-up action must say what was done, in at least the rules' number of words."""
    text = action.strip() if isinstance(action, str) else ""
    if len(WORD.findall(text)) < rules.follow_up_min_words:
        raise rules.rules["follow-up-needs-action"].error(
            field="action", words=rules.follow_up_min_words, case=case_ref
        )
    return text


def request_feedback(
    ws: Workspace,
    case_ref: str,
    stakeholder: str,
    *,
    actor: str = "learner",
    rules: SatisfactionRules | None = None,
) -> Event:
    """Ask one stakeholder how the case went: appends ``feedback_requested``.

    Refused (nothing written) when the stakeholder is the one asking or the learner,
    when the case has had no reply, when the same stakeholder was asked and has not
    answered, or (for the service officer) when the case was never referred.
    """
    rules = rules or load_rules()
    who = check_stakeholder(stakeholder, rules, actor=actor, case_ref=case_ref)
    values = {"case": case_ref, "stakeholder": who}
    person = rules.stakeholders[who]
    values["stakeholder"] = person.label
    with ws.transaction():
        events = ws.events(case=case_ref)
        if not any(e.kind == "enquiry_received" for e in events):
            raise rules.rules["unknown-case"].error(field="case", **values)
        if not any(e.kind in rules.reply_kinds for e in events):
            raise rules.rules["feedback-needs-reply"].error(field="case", **values)
        if person.needs and not any(e.kind == person.needs for e in events):
            raise rules.rules["colleague-needs-referral"].error(field="stakeholder", **values)
        if who in _pending(events):
            raise rules.rules["feedback-pending"].error(field="stakeholder", **values)
        return ws.append(
            "feedback_requested",
            {"stakeholder": who, "question": person.question},
            case=case_ref,
            actor=actor,
        )


def simulate_answers(
    ws: Workspace, case_ref: str, *, rules: SatisfactionRules | None = None
) -> list[Event]:
    """Let every stakeholder with an unanswered request on the case answer it, with a
    score that follows from how the case was handled. Appends ``feedback_received``."""
    rules = rules or load_rules()
    with ws.transaction():
        events = ws.events(case=case_ref)
        pending = _pending(events)
        if not pending:
            raise rules.rules["no-feedback-pending"].error(field="case", case=case_ref)
        state = ws.state()
        case = state.cases.get(case_ref)
        if case is None:
            raise rules.rules["unknown-case"].error(field="case", case=case_ref)
        today = ws.now.date()
        factors = handling_factors(case, state.clocks(case), today)
        answers = []
        for who, request in pending.items():
            person = rules.stakeholders.get(who)
            if person is None:  # asked under rules that knew them; skip, do not invent
                continue
            value, reasons = score(person, factors, rules, f"{ws.id}\n{case_ref}\n{who}")
            data: dict[str, Any] = {
                "stakeholder": who,
                "request_seq": request.seq,
                "question": person.question,
                "score": value,
                "scale": [rules.scale_min, rules.scale_max],
                "low": rules.is_low(value),
                "reasons": reasons,
                "comment": rules.factors[reasons[0]].comment if reasons else person.positive,
            }
            if person.graded:
                data["grade"] = grade(case, factors, rules)
                data["grade_label"] = rules.grades[data["grade"]]
            answers.append(ws.append("feedback_received", data, case=case_ref, actor=who))
        return answers


def record_follow_up(
    ws: Workspace,
    case_ref: str,
    stakeholder: str,
    action: str,
    *,
    rules: SatisfactionRules | None = None,
) -> Event:
    """Record what was done about a stakeholder's answer: appends ``follow_up_recorded``."""
    rules = rules or load_rules()
    who = check_stakeholder(stakeholder, rules, case_ref=case_ref, rating=False)
    person = rules.stakeholders[who]
    text = check_action(action, rules, case_ref=case_ref)
    with ws.transaction():
        answers = [
            e
            for e in ws.events(kinds=["feedback_received"], case=case_ref)
            if e.data.get("stakeholder") == who
        ]
        if not answers:
            raise rules.rules["follow-up-needs-feedback"].error(
                field="stakeholder", stakeholder=person.label, case=case_ref
            )
        answer = answers[-1]
        return ws.append(
            "follow_up_recorded",
            {
                "stakeholder": who,
                "feedback_seq": answer.seq,
                "score": answer.data.get("score"),
            },
            case=case_ref,
            personal={"action": text},
        )


# --------------------------------------------------------------------------- reporting


class EventLike(Protocol):
    seq: int
    kind: str
    case: str | None
    data: dict[str, Any]


def summary(
    events: Iterable[EventLike], rules: SatisfactionRules | None = None
) -> dict[str, dict[str, Any]]:
    """Satisfaction by stakeholder: requests, answers, mean score, low scores, follow-ups,
    and the low scores still waiting for a follow-up (what a reviewer should chase)."""
    rules = rules or load_rules()
    out: dict[str, dict[str, Any]] = {
        sid: {
            "label": s.label,
            "requested": 0,
            "count": 0,
            "pending": 0,
            "mean": None,
            "low": 0,
            "follow_ups": 0,
            "low_without_follow_up": [],
            "grades": {},
        }
        for sid, s in rules.stakeholders.items()
    }
    scores: dict[str, list[int]] = {sid: [] for sid in out}
    ordered = sorted(events, key=lambda e: e.seq)
    followed: set[int] = set()
    for e in ordered:
        if e.kind == "follow_up_recorded" and isinstance(e.data.get("feedback_seq"), int):
            followed.add(e.data["feedback_seq"])
    answered_requests: set[int] = set()
    for e in ordered:
        if e.kind == "feedback_received" and isinstance(e.data.get("request_seq"), int):
            answered_requests.add(e.data["request_seq"])
    for e in ordered:
        who = e.data.get("stakeholder")
        if who not in out:
            continue
        row = out[who]
        if e.kind == "feedback_requested":
            row["requested"] += 1
            if e.seq not in answered_requests:
                row["pending"] += 1
        elif e.kind == "feedback_received" and isinstance(e.data.get("score"), int):
            value = e.data["score"]
            row["count"] += 1
            scores[who].append(value)
            if e.data.get("grade"):
                row["grades"][e.data["grade"]] = row["grades"].get(e.data["grade"], 0) + 1
            if rules.is_low(value):
                row["low"] += 1
                if e.seq not in followed:
                    row["low_without_follow_up"].append(
                        {"case": e.case, "seq": e.seq, "score": value}
                    )
        elif e.kind == "follow_up_recorded":
            row["follow_ups"] += 1
    for sid, values in scores.items():
        if values:
            out[sid]["mean"] = round(sum(values) / len(values), 2)
    return out


# --------------------------------------------------------------------------- helpers


def pending_feedback(events: Iterable[EventLike]) -> dict[str, EventLike]:
    """Stakeholders asked about a case whose latest request has no answer yet."""
    return _pending(events)


def _pending(events: Iterable[EventLike]) -> dict[str, EventLike]:
    """Stakeholders asked about a case whose latest request has no answer yet."""
    latest: dict[str, EventLike] = {}
    answered: set[int] = set()
    for e in sorted(events, key=lambda e: e.seq):
        if e.kind == "feedback_requested":
            latest[e.data.get("stakeholder")] = e
        elif e.kind == "feedback_received" and isinstance(e.data.get("request_seq"), int):
            answered.add(e.data["request_seq"])
    return {who: req for who, req in latest.items() if req.seq not in answered}


def _day(at: str) -> date:
    return datetime.fromisoformat(at).date()


class _Values(dict[str, Any]):
    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


def _fill(template: str, values: Mapping[str, Any]) -> str:
    try:
        return template.format_map(_Values(values))
    except (ValueError, IndexError, AttributeError, KeyError):
        return template
