"""Satisfaction: ask the constituent, the councillor and the service officer how the case
went, read their answers, and follow up low scores (LO5, AC4).

Each person is asked separately, and nobody rates their own case. The answers follow from
how the case was handled, as the log shows it, and each comes with the reason for its
score. A low score asks for a follow-up: what was done about it.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

import ipywidgets as widgets

from casekit.ui.base import Step
from casekit.ui.controls import (
    button,
    dropdown,
    fmt_datetime,
    plural,
    section,
    set_options,
    table_html,
    textarea,
)
from casekit.ui.errors import Outcome

if TYPE_CHECKING:
    from casekit.api import State


def _who(label: str, *, capital: bool = False) -> str:
    """A stakeholder's label from the rules, capitalised when it opens a cell or option."""
    return label[:1].upper() + label[1:] if capital else label


def _rules() -> Any:
    from casekit.api import satisfaction_rules as load_rules

    return load_rules()


class Satisfaction(Step):
    title = "Check people are satisfied"
    intro = (
        "After the reply, ask the constituent, the councillor and the service officer "
        "separately how the case went. Read each answer and its reason, and record what you "
        "did about any low score. Evidence for LO5 / AC4."
    )
    css = "casekit-satisfaction"

    def build(self) -> list[widgets.Widget]:
        rules = _rules()
        people = [(_who(s.label, capital=True), sid) for sid, s in rules.stakeholders.items()]
        self.case = self.case_picker()
        self.case.observe(self._on_case, names="value")
        self.stakeholder = dropdown("Who to ask", people)
        self.request_button = button("Ask for feedback", css="casekit-request-feedback")
        self.on(self.request_button, self.request)
        self.answers_button = button("Collect the answers", kind="", css="casekit-collect-feedback")
        self.on(self.answers_button, self.collect)
        self.answers = widgets.HTML()
        self.answers.add_class("casekit-feedback")
        self.f_stakeholder = dropdown("Whose answer you followed up", people)
        self.f_action = textarea(
            "What you did about it", rows=3, help="Say what you did, in a sentence or two"
        )
        self.follow_button = button("Record the follow-up", css="casekit-follow-up")
        self.on(self.follow_button, self.follow_up)
        self.summary = widgets.HTML()
        self.summary.add_class("casekit-satisfaction-summary")
        return [
            self.case,
            section(
                "1. Ask",
                "One person at a time; each is asked once until they answer. 'Collect the "
                "answers' collects every answer waiting, on all your cases.",
                self.stakeholder,
                widgets.HBox([self.request_button, self.answers_button]),
            ),
            section("2. Their answers", "Scores, with the reason for each.", self.answers),
            section(
                "3. Follow up",
                "For a low score, record what you did.",
                self.f_stakeholder,
                self.f_action,
                self.follow_button,
            ),
            section("Across all your cases", "Satisfaction by person asked.", self.summary),
        ]

    def on_refresh(self, state: State) -> None:
        from casekit.api import satisfaction_summary as summary

        rules = _rules()
        set_options(self.case, self.case_options(state))
        with self.workspace() as ws:
            events = ws.events(
                kinds=["feedback_requested", "feedback_received", "follow_up_recorded"]
            )
        mine = [e for e in events if e.case == self.case.value]
        rows = []
        for e in mine:
            if e.kind != "feedback_received":
                continue
            who = rules.stakeholders.get(e.data.get("stakeholder"))
            scale = e.data.get("scale") or ["", ""]
            rows.append(
                {
                    "at": fmt_datetime(e.at),
                    "who": _who(who.label if who else str(e.data.get("stakeholder")), capital=True),
                    "score": f"{e.data.get('score')} out of {scale[-1]}",
                    "low": "low: follow it up" if e.data.get("low") else "",
                    "grade": e.data.get("grade_label", ""),
                    "comment": e.data.get("comment", ""),
                }
            )
        self.answers.value = table_html(
            rows,
            [
                ("at", "When"),
                ("who", "Who"),
                ("score", "Score"),
                ("low", "Low?"),
                ("grade", "Grade"),
                ("comment", "What they said"),
            ],
            caption=f"Answers on {self.case.value or 'this case'}",
            empty="No answers on this case yet: ask, then collect the answers.",
        )
        table = [
            {
                "who": _who(row["label"], capital=True),
                "asked": row["requested"],
                "answered": row["count"],
                "waiting": row["pending"],
                "mean": "" if row["mean"] is None else row["mean"],
                "low": row["low"],
                "follow_ups": row["follow_ups"],
                "chase": ", ".join(str(x["case"]) for x in row["low_without_follow_up"]),
            }
            for row in summary(events).values()
        ]
        self.summary.value = table_html(
            table,
            [
                ("who", "Who"),
                ("asked", "Asked"),
                ("answered", "Answered"),
                ("waiting", "Waiting"),
                ("mean", "Average score"),
                ("low", "Low scores"),
                ("follow_ups", "Follow-ups"),
                ("chase", "Low scores not yet followed up"),
            ],
        )

    def _on_case(self, _change: dict[str, Any]) -> None:
        if not self.filling:
            self._refresh()

    def request(self, _button: Any = None) -> str:
        from casekit.api import request_feedback

        with self.workspace() as ws:
            request_feedback(ws, self.case.value or "", self.stakeholder.value)
        who = _who(_rules().stakeholders[self.stakeholder.value].label)
        return (
            f"Feedback requested from {who} on {self.case.value}. "
            "Press 'Collect the answers' to read what they said."
        )

    def collect(self, _button: Any = None) -> Outcome:
        """Collect every answer waiting, on every case (not only the one shown)."""
        from casekit.api import simulate_all_answers

        with self.workspace() as ws:
            collected = simulate_all_answers(ws)
        if not collected:
            return Outcome(
                "No answers are waiting: ask someone for feedback first.",
                level="info",
                heading="Nothing to collect",
            )
        answers = [a for found in collected.values() for a in found]
        low = [a for a in answers if a.data.get("low")]
        note = f" {plural(len(low), 'low score')} to follow up." if low else ""
        where = ", ".join(collected)
        return Outcome(f"{plural(len(answers), 'answer')} received (on {where}).{note}")

    def follow_up(self, _button: Any = None) -> str:
        from casekit.api import record_follow_up

        with self.workspace() as ws:
            record_follow_up(
                ws, self.case.value or "", self.f_stakeholder.value, self.f_action.value
            )
        self.f_action.value = ""
        who = _who(_rules().stakeholders[self.f_stakeholder.value].label)
        return f"Follow-up recorded for {who} on {self.case.value}."


def satisfaction(workspace: str | Path) -> widgets.Widget:
    """The satisfaction review form for the workspace at ``workspace``."""
    return Satisfaction(workspace).widget
