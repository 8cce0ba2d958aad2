"""The satisfaction summary by stakeholder: requests, answers, mean score, low scores,
follow-ups, and the low scores still waiting for a follow-up (what a reviewer chases)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, Protocol

from casekit.casework.satisfaction.rules import SatisfactionRules, load_rules


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


def pending(events: Iterable[EventLike]) -> dict[str, EventLike]:
    """Stakeholders asked about a case whose latest request has no answer yet."""
    latest: dict[str, EventLike] = {}
    answered: set[int] = set()
    for e in sorted(events, key=lambda e: e.seq):
        if e.kind == "feedback_requested":
            latest[e.data.get("stakeholder")] = e
        elif e.kind == "feedback_received" and isinstance(e.data.get("request_seq"), int):
            answered.add(e.data["request_seq"])
    return {who: req for who, req in latest.items() if req.seq not in answered}
