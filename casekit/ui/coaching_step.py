"""Coaching: the kit's formative feedback on the work so far, against the unit's criteria.

The coach reads the log and names the common mistakes of the unit it finds (passing on
unverified information, gaps in the log, generic or political drafts, sharing without
consent, one size fits all), each with what to do and the rule behind it. With the
tutor's answer key it also says how each planted trap was handled. The coaching is
computed by :mod:`casekit.feedback.coaching`; this form only shows it.
"""

from __future__ import annotations

import html
from pathlib import Path
from typing import TYPE_CHECKING, Any

import ipywidgets as widgets

from casekit.ui.base import Step
from casekit.ui.controls import (
    button,
    plural,
    section,
    table_html,
    text,
)
from casekit.ui.errors import Outcome, message_html

if TYPE_CHECKING:
    from casekit.api import State

STATUS_LEVEL = {
    "handled": "success",
    "mishandled": "error",
    "missed": "error",
    "for_review": "warning",
    "in_progress": "info",
    "not_reached": "info",
}


def report_html(report: Any, labels: dict[str, str]) -> str:
    """The coach's report: counts, then each trap and each mistake with its rule."""
    counts = report.counts
    summary = ", ".join(f"{labels.get(k, k.replace('_', ' '))}: {v}" for k, v in counts.items())
    parts = [
        f"<p class='casekit-coach-counts' role='status'><strong>{html.escape(summary)}</strong></p>"
    ]
    if report.traps:
        parts.append(
            table_html(
                [
                    {
                        "case": t.case or t.pack_case,
                        "trap": t.label,
                        "status": labels.get(t.status, t.status),
                        "what": " ".join([t.explanation, *t.details]),
                        "evidence": " ".join(t.evidence),
                        "rule": t.source,
                        "criteria": ", ".join(t.criteria),
                    }
                    for t in report.traps
                ],
                [
                    ("case", "Case"),
                    ("trap", "What to notice"),
                    ("status", "How it went"),
                    ("what", "Explanation"),
                    ("evidence", "What the log shows"),
                    ("rule", "Rule"),
                    ("criteria", "Criteria"),
                ],
                caption="Planted traps",
            )
        )
    if not report.mistakes:
        parts.append(
            message_html("success", "No common mistakes found so far.", heading="Well done")
        )
    for m in report.mistakes:
        where = f"{m.case}: " if m.case else ""
        parts.append(
            message_html(
                "warning",
                f"{where}{m.message} (criterion {m.criterion})",
                source=m.source,
                advice=m.advice,
                heading=m.label,
            )
        )
    for r in report.for_review:
        parts.append(
            message_html(
                "info",
                f"{r.message} (criterion {r.criterion})",
                source=r.source,
                heading=r.label,
            )
        )
    return "".join(parts)


class Coaching(Step):
    title = "Coaching on your work so far"
    intro = (
        "The coach reads everything in your log and points out the common mistakes of the "
        "unit, each with what to do and the rule behind it. Run it whenever you like: it "
        "changes nothing in your log."
    )
    css = "casekit-coaching"

    def __init__(
        self, workspace: str | Path, *, key: str | Path | None = None, embedded: bool = False
    ) -> None:
        self._key = str(key) if key else ""
        super().__init__(workspace, embedded=embedded)

    def build(self) -> list[widgets.Widget]:
        self.key = text(
            "Answer key file (tutors only)",
            self._key,
            width="40em",
            help="Leave empty: learners are coached without the key",
        )
        self.coach_button = button("Coach me", css="casekit-coach")
        self.on(self.coach_button, self.run)
        self.report = widgets.HTML()
        self.report.add_class("casekit-coach-report")
        return [
            section("Settings", "Only a tutor has the answer key.", self.key),
            self.coach_button,
            self.report,
        ]

    def on_refresh(self, state: State) -> None:
        """The report is run on request: coaching reads the whole log."""

    def run(self, _button: Any = None) -> Outcome:
        from casekit.api import coach
        from casekit.api import coaching_labels as settings

        with self.workspace() as ws:
            report = coach(ws, self.key.value.strip() or None)
        self.report.value = report_html(report, dict(settings().get("status", {})))
        return Outcome(f"Coaching done: {plural(len(report.mistakes), 'point')} to look at.")


def coaching(workspace: str | Path, *, key: str | Path | None = None) -> widgets.Widget:
    """The coach's report for ``workspace`` (with the tutor's answer ``key`` if given)."""
    return Coaching(workspace, key=key).widget
