"""The tutor's classroom on the class hub: move the whole class's clock on, witness every
learner's log, and collect and review the packs learners sent, through the hub's
classroom service (the tutor never needs to reach a learner's files).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import ipywidgets as widgets

from casekit.ui.base import Step
from casekit.ui.controls import WIDE_WIDTH, button, number, plural, section, table_html, text
from casekit.ui.errors import Outcome, message_html

ROWS = [
    ("learner", "Learner"),
    ("now", "Now"),
    ("witnessed", "Witnessed event"),
    ("problem", "Problem"),
]


class Classroom(Step):
    title = "Your class on the hub"
    intro = (
        "Move every learner's clock on together (each log is witnessed as it moves), "
        "witness every log at any time, and collect and review the packs your learners send."
    )
    css = "casekit-classroom"

    def exists(self) -> bool:
        return True  # the folder for collected packs is made by the first collection

    def build(self) -> list[widgets.Widget]:
        from casekit import api

        self.on_hub = api.on_class_hub()
        self.days = number("Working days to advance", 1, low=1, high=20)
        self.advance_button = button("Advance the class", css="casekit-classroom-advance")
        self.witness_button = button("Witness every workspace", css="casekit-classroom-witness")
        self.out = text("Collect packs into", str(self.path / "collected"), width=WIDE_WIDTH)
        self.collect_button = button("Collect sent packs", css="casekit-classroom-collect")
        self.review_button = button("Review sent packs", css="casekit-classroom-review")
        for control, callback in (
            (self.advance_button, self.advance),
            (self.witness_button, self.witness),
            (self.collect_button, self.collect),
            (self.review_button, self.review),
        ):
            control.disabled = not self.on_hub
            self.on(control, callback)
        self.result = widgets.HTML()
        self.result.add_class("casekit-classroom-result")
        return [
            section(
                "1. The classroom clock",
                "Every learner meets the same day's events; their logs are witnessed.",
                self.days,
                widgets.HBox([self.advance_button, self.witness_button]),
            ),
            section(
                "2. Packs your learners sent",
                "Each is checked on arrival; the review checks them against your ledger.",
                self.out,
                widgets.HBox([self.collect_button, self.review_button]),
            ),
            self.result,
        ]

    def refresh(self) -> None:
        if not self.on_hub:
            self.status.value = message_html(
                "info",
                "This page works on your class's hub (where it is your start page). "
                "Elsewhere, use the tutor notebook with the learners' workspace folder.",
            )

    def _conn(self) -> Any:
        from casekit import api

        return api.classroom_connection()

    def advance(self, _button: Any = None) -> Outcome:
        from casekit import api

        days = int(self.days.value)
        done = api.classroom_advance(self._conn(), days)
        self.result.value = table_html(done["rows"], ROWS)
        return Outcome(
            f"Advanced {done['advanced']} of {plural(done['learners'], 'learner')} "
            f"by {plural(days, 'working day')}."
        )

    def witness(self, _button: Any = None) -> Outcome:
        from casekit import api

        done = api.classroom_witness(self._conn())
        rows = [{**r, "witnessed": r.get("seq", "")} for r in done["rows"]]
        self.result.value = table_html(rows, ROWS)
        return Outcome(f"Witnessed {done['witnessed']} of {plural(done['learners'], 'workspace')}.")

    def collect(self, _button: Any = None) -> Outcome:
        from casekit import api

        out = Path(self.out.value.strip())
        packs = api.classroom_collect(self._conn(), out)
        self.result.value = table_html(
            [{"pack": p.name, "where": str(p)} for p in packs],
            [("pack", "Pack"), ("where", "Saved as")],
            empty="No packs have been sent yet.",
        )
        return Outcome(f"Collected {plural(len(packs), 'pack')} and your ledger into {out}.")

    def review(self, _button: Any = None) -> Outcome:
        from casekit import api

        found = api.classroom_review(self._conn())
        rows = [{**r, "attention": "yes" if r["needs_attention"] else "no"} for r in found["rows"]]
        self.result.value = table_html(
            rows,
            [
                ("learner", "Learner"),
                ("integrity", "Integrity"),
                ("witness", "Against your ledger"),
                ("events", "Events"),
                ("attention", "Needs attention"),
            ],
            empty="No packs have been sent yet.",
        )
        flagged = sum(1 for r in rows if r["attention"] == "yes")
        return Outcome(f"Reviewed {plural(len(rows), 'pack')}; {flagged} need(s) your attention.")


def classroom(class_dir: str | Path) -> widgets.Widget:
    """The tutor's classroom form; collected packs go under ``class_dir``."""
    return Classroom(class_dir).widget
