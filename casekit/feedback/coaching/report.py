"""The coach's report: planted traps, common mistakes and what a tutor should confirm.

:func:`coach_state` is pure (it reads only the projected state and the key); :func:`coach`
opens a workspace's state and checks the key belongs to its pack. The report keeps the
shape the tutor's class summary reads (``traps[*].status/trap/case/criteria``,
``mistakes[*].mistake/criterion/case``); new fields are added, never renamed.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from casekit.feedback.coaching.keys import check_pack, expectation_problems, load_key, refuse
from casekit.feedback.coaching.mistakes import (
    ForReview,
    Mistake,
    find_mistakes,
    for_review,
    unexpected_escalations,
)
from casekit.feedback.coaching.texts import settings
from casekit.feedback.coaching.traps import STATUSES, TrapResult, scope_for, trap_result
from casekit.inputs.dates import uk_today
from casekit.record.projection import State, as_date


@dataclass
class CoachReport:
    """Traps (with a key), common mistakes, and what the tutor should confirm."""

    traps: list[TrapResult] = field(default_factory=list)
    mistakes: list[Mistake] = field(default_factory=list)
    for_review: list[ForReview] = field(default_factory=list)

    @property
    def counts(self) -> dict[str, int]:
        """Traps by status (for review counted apart), mistakes, things to confirm."""
        out = dict.fromkeys(STATUSES, 0)
        for t in self.traps:
            out[t.status] = out.get(t.status, 0) + 1
        out["mistakes"] = len(self.mistakes)
        out["to_confirm"] = len(self.for_review)
        return out

    def as_dict(self) -> dict[str, Any]:
        return {
            "counts": self.counts,
            "traps": [t.as_dict() for t in self.traps],
            "mistakes": [m.as_dict() for m in self.mistakes],
            "for_review": [r.as_dict() for r in self.for_review],
        }

    def text(self) -> str:
        labels = settings()["status"]
        lines = []
        if self.traps:
            lines.append("Planted traps")
            for t in self.traps:
                where = t.case or t.pack_case
                lines.append(
                    f"- [{labels.get(t.status, t.status)}] {where}: {t.label}. {t.explanation}"
                    f" (Rule: {t.source}; criteria {', '.join(t.criteria)})"
                )
                lines.extend(f"    {d}" for d in t.details)
                lines.extend(f"    Evidence: {e}" for e in t.evidence)
        lines.append("Common mistakes" if self.mistakes else "No common mistakes found.")
        for m in self.mistakes:
            lines.append(
                f"- {m.label}: {m.message} What to do: {m.advice} "
                f"(Rule: {m.source}; criterion {m.criterion})"
            )
        if self.for_review:
            lines.append("For your tutor to confirm")
            lines.extend(f"- {r.label}: {r.message}" for r in self.for_review)
        return "\n".join(lines)


def coach_state(
    state: State, key: dict[str, Any] | None = None, today: date | None = None
) -> CoachReport:
    """Coach a projected workspace (pure: reads nothing but ``state`` and ``key``), as of
    ``today`` (default: the log's own latest day, else today in the UK)."""
    from casekit.rules.calendar import calendar_for

    calendar = calendar_for(state.profile, "subdivision")
    today = today or (as_date(state.now) if state.now else uk_today())
    report = CoachReport(
        mistakes=find_mistakes(state, today, calendar), for_review=for_review(state)
    )
    if not key:
        return report
    refuse(expectation_problems(key), "The answer key")
    for entry in key.get("cases", []):
        pack_case = str(entry.get("case_id") or entry.get("id") or "")
        ref = state.by_pack_case.get(pack_case)
        scope = scope_for(state, ref, today, calendar) if ref is not None else None
        for trap in entry.get("traps", []):
            report.traps.append(trap_result(trap, pack_case, scope))
    report.for_review.extend(unexpected_escalations(state, key))
    return report


def coach(ws: Any, key: dict[str, Any] | str | Path | None = None) -> CoachReport:
    """Coach a workspace, with the tutor's answer key when there is one."""
    if isinstance(key, (str, Path)):
        key = load_key(key)
    if key:
        check_pack(ws, key)
    return coach_state(ws.state(), key, ws.now.date())


def trap_statuses(
    ws: Any, state: State, case_ref: str, key: dict[str, Any] | str | Path
) -> dict[str, str]:
    """Trap id -> status for the traps the key plants in one case (the simulated
    satisfaction asks: was the safeguarding concern on this case missed?)."""
    from casekit.rules.calendar import calendar_for

    if isinstance(key, (str, Path)):
        key = load_key(key)
    check_pack(ws, key)
    refuse(expectation_problems(key), "The answer key")
    case = state.cases.get(case_ref)
    pack_case = case.pack_case if case is not None else None
    entry = next((e for e in key.get("cases", []) if e.get("case_id") == pack_case), None)
    if entry is None:
        return {}
    calendar = calendar_for(state.profile, "subdivision")
    scope = scope_for(state, case_ref, ws.now.date(), calendar)
    return {
        str(t.get("trap")): trap_result(t, str(pack_case), scope).status
        for t in entry.get("traps", [])
    }
