"""The coaching report as a pack carries it: plain JSON, one entry per finding.

The coach (:mod:`casekit.feedback.coaching`) judges the log: each planted trap handled well,
mishandled, missed, for the tutor to review, in progress or not yet reached; the unit's
common mistakes; and what the learner recorded that a tutor should confirm. The pack
keeps its findings as data (``evidence/coaching.json``) so a tutor's class summary can
count the most common mistakes across packs without re-running anything.

The coach runs *without* the answer key, on the same (possibly pseudonymised) state the
pack shows: the pack carries feedback on what the learner did, never the key's wording
and never a real name.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from casekit.record.projection import State


def coaching_data(report: Any) -> dict[str, Any]:
    """A :class:`casekit.feedback.coaching.CoachReport` as JSON-able data, with a flat
    ``findings`` list (one per trap and mistake) that templates and tutors read."""
    from casekit.feedback.coaching import settings as coaching_settings

    labels = coaching_settings().get("status", {})
    raw = report.as_dict()
    findings: list[dict[str, Any]] = []
    for trap in raw.get("traps", []):
        findings.append(
            {
                "group": "trap",
                "id": trap["trap"],
                "title": trap["label"],
                "verdict": labels.get(trap["status"], trap["status"]),
                "mistake": trap["status"] in ("mishandled", "missed"),
                "case": trap.get("case") or "",
                "message": trap["explanation"],
                "advice": "",
                "criterion": ", ".join(trap.get("criteria", [])),
                "source": trap["source"],
            }
        )
    for m in raw.get("mistakes", []):
        findings.append(
            {
                "group": "mistake",
                "id": m["mistake"],
                "title": m["label"],
                "verdict": "mistake",
                "mistake": True,
                "case": m.get("case") or "",
                "message": m["message"],
                "advice": m["advice"],
                "criterion": m["criterion"],
                "source": m["source"],
            }
        )
    for r in raw.get("for_review", []):
        findings.append(
            {
                "group": "review",
                "id": r["kind"],
                "title": r["label"],
                "verdict": labels.get("for_review", "for your tutor to review"),
                "mistake": False,
                "case": r.get("case") or "",
                "message": r["message"],
                "advice": "",
                "criterion": r["criterion"],
                "source": r["source"],
            }
        )
    return {"available": True, "counts": raw.get("counts", {}), "findings": findings}


def run_coach(state: State) -> dict[str, Any]:
    """Coach the state the pack shows, on the log's own date; when the coach is not
    installed, say so in the pack rather than fail the export."""
    try:
        from casekit.feedback.coaching import coach_state
    except ImportError:
        return {
            "available": False,
            "counts": {},
            "findings": [],
            "reason": "casekit.feedback.coaching is not installed",
        }
    from casekit.record.projection import as_date

    today = as_date(state.now) if state.now else None
    return coaching_data(coach_state(state, None, today))
