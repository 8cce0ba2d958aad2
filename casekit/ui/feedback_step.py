"""The learner's form for their assessor's feedback: load the file the assessor sent,
then read the decision and feedback on each criterion (and any IQA sample).

Loading appends one event to the learner's log, after the kit checks that the feedback is
the assessor's as recorded (each entry's hash), that it judged this workspace's own log,
and, given the centre's public keys, each signature. The feedback then shows here, on the
desk (:func:`casekit.api.assessor_feedback`) and in the learner's next evidence pack.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import ipywidgets as widgets

from casekit.ui.base import Step
from casekit.ui.controls import WIDE_WIDTH, button, fmt_date, plural, section, table_html, text
from casekit.ui.errors import Outcome


class AssessorFeedback(Step):
    title = "Your assessor's feedback"
    intro = (
        "When your assessor has judged your evidence pack, they send you a feedback file. "
        "Load it here to read their decision and feedback on each criterion; it is kept in "
        "your log and shown in your next evidence pack."
    )
    css = "casekit-assessor-feedback"

    def build(self) -> list[widgets.Widget]:
        self.file = text(
            "Feedback file", width=WIDE_WIDTH, placeholder="e.g. ../feedback/A1-feedback.json"
        )
        self.trust = text(
            "Centre's public keys (optional)",
            width=WIDE_WIDTH,
            placeholder="e.g. centre-keys/ (checks the assessor's signature)",
        )
        self.load_button = button("Load my assessor's feedback", css="casekit-load-feedback")
        self.on(self.load_button, self.load)
        self.decisions = widgets.HTML()
        self.decisions.add_class("casekit-feedback-decisions")
        return [
            section(
                "Load the feedback",
                "The file your assessor sent you.",
                self.file,
                self.trust,
                self.load_button,
            ),
            section("The decisions", "The latest decision on each criterion.", self.decisions),
        ]

    def on_refresh(self, _state: Any = None) -> None:
        from casekit import api

        with self.workspace() as ws:
            found = api.assessor_feedback(ws)
        self.decisions.value = table_html(
            [{**d, "on": fmt_date(d.get("on"))} for d in found["decisions"]],
            [
                ("criterion", "Criterion"),
                ("decision", "Decision"),
                ("feedback", "Feedback"),
                ("assessor", "Assessor"),
                ("on", "Date"),
            ],
            caption="Your assessor's decisions",
            empty="No feedback loaded yet.",
        ) + (
            table_html(
                [{**q, "on": fmt_date(q.get("on"))} for q in found["iqa"]],
                [
                    ("stage", "Stage"),
                    ("criteria", "Criteria"),
                    ("outcome", "Outcome"),
                    ("iqa", "Quality assurer"),
                    ("on", "Date"),
                    ("comments", "Comments"),
                ],
                caption="Internal quality assurance",
            )
            if found["iqa"]
            else ""
        )

    def load(self, _button: Any = None) -> Outcome:
        from casekit import api

        trust = self.trust.value.strip() or None
        with self.workspace() as ws:
            event = api.load_assessor_feedback(ws, Path(self.file.value.strip()), trust=trust)
        count = len(event.data["decisions"])
        return Outcome(
            f"Loaded {plural(count, 'decision')} from your assessor ({event.data['checked']})."
        )


def assessor_feedback(workspace: str | Path) -> widgets.Widget:
    """The learner's form to load and read their assessor's feedback."""
    return AssessorFeedback(workspace).widget
