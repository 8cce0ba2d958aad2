"""The what-if calculator: when is a reply due, and why, for a date received.

For learners, tutors and officers: choose the kind of request (FOI, EIR, subject access,
a complaint at stage 1 or 2, a member enquiry's acknowledgement or response), the date
and time it arrived, and any clarification or acknowledgement date; the form shows the
due date and the ledger that explains it day by day, with the same rules the casework
applies (``casekit clock`` on the command line gives the same answer).
"""

from __future__ import annotations

import re
from datetime import date, datetime
from typing import Any

import ipywidgets as widgets

from casekit.errors import CasekitError
from casekit.ui.controls import (
    WIDE_WIDTH,
    button,
    date_picker,
    dropdown,
    fmt_date,
    heading,
    paragraph,
    section,
    text,
)
from casekit.ui.errors import shows_errors, status_area
from casekit.ui.ledger_view import ledger_html

_TIME = re.compile(r"^([01]?\d|2[0-3])[:.]([0-5]\d)$")


class ClockCalculator:
    """The calculator's form. Needs no workspace: it only applies a profile's rules."""

    def __init__(self, profile: str = "default") -> None:
        from casekit import api

        self.status = status_area()
        kinds = api.clock_kinds()
        self.kind = dropdown(
            "Kind of request",
            [(label, key) for key, label in kinds.items()],
            "foi",
            width=WIDE_WIDTH,
        )
        self.received = date_picker("Received on")
        self.time = text("Time received (optional, HH:MM)", placeholder="16:45")
        self.asked = date_picker(
            "Clarification asked for on (optional)",
            help="Subject access: the clock is paused from this day",
        )
        self.clarified = date_picker(
            "Clarification arrived on (optional)",
            help="FOI and EIR: the 20 working days start afresh from this day",
        )
        self.acknowledged = date_picker(
            "Acknowledged on (complaints, optional)",
            help="A complaint's response is counted from its acknowledgement",
        )
        profiles = api.clock_profiles()
        self.profile = dropdown(
            "Protocol profile", [(p, p) for p in profiles], profile if profile in profiles else None
        )
        self.button = button("Work out the due date", css="casekit-calculate")
        self.button.on_click(shows_errors(self.status)(self.calculate))
        self.result = widgets.HTML()
        self.result.add_class("casekit-calculator-result")
        self.widget = widgets.VBox(
            [
                heading("When is it due, and why?", 2),
                paragraph(
                    "Try a date: the form counts the days as the law and the protocol say, "
                    "and shows every day it counted or skipped."
                ),
                self.status,
                section(
                    "The request",
                    "What it is and when it arrived.",
                    self.kind,
                    self.received,
                    self.time,
                    self.profile,
                ),
                section(
                    "If it applies",
                    "A clarification, or a complaint's acknowledgement.",
                    self.asked,
                    self.clarified,
                    self.acknowledged,
                ),
                self.button,
                self.result,
            ],
            layout=widgets.Layout(max_width="60em"),
        )
        self.widget.add_class("casekit-step")
        self.widget.add_class("casekit-clock-calculator")
        self.widget.step = self  # type: ignore[attr-defined]

    def _received(self) -> date | datetime:
        day = self.received.value
        if day is None:
            raise CasekitError(
                "Give the date the request was received.",
                field="received on",
                advice="Pick the date in 'Received on'.",
            )
        typed = (self.time.value or "").strip()
        if not typed:
            return day
        match = _TIME.match(typed)
        if not match:
            raise CasekitError(
                f"time received '{typed}' is not a time.",
                field="time received",
                advice="Write it as HH:MM, for example 16:45, or leave it empty.",
            )
        return datetime(day.year, day.month, day.day, int(match.group(1)), int(match.group(2)))

    def calculate(self, _button: Any = None) -> str:
        from casekit import api

        ledger = api.what_if_clock(
            self.kind.value,
            self._received(),
            clarified=self.clarified.value,
            asked=self.asked.value,
            acknowledged=self.acknowledged.value,
            profile=self.profile.value or "default",
        )
        self.result.value = ledger_html(ledger)
        return f"{ledger.label}: due {fmt_date(ledger.due)}."


def clock_calculator(profile: str = "default") -> widgets.Widget:
    """The what-if deadline calculator (no workspace needed)."""
    return ClockCalculator(profile).widget
