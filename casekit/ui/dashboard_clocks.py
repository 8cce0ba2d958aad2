"""The dashboard's clock forms: manage a clock, "why this date?", start a statutory clock,
send the statutory response, and move a complaint to stage 2.

A mixin of :class:`casekit.ui.dashboard_step.Dashboard`, kept apart so each file stays
small. Every rule (limits, notice windows, what restarts a clock afresh) is the domain's;
these forms only collect what the learner chose and show what came back.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

import ipywidgets as widgets

from casekit import api
from casekit.ui.controls import (
    WIDE_WIDTH,
    button,
    choices,
    date_picker,
    dropdown,
    fmt_date,
    number,
    section,
    set_options,
    text,
    textarea,
)
from casekit.ui.ledger_view import ledger_html

if TYPE_CHECKING:
    from casekit.api import State


class ClockForms:
    """Clock controls for a step with ``case``, ``on``, ``casework`` and ``workspace``."""

    case: widgets.Dropdown

    def build_clock_forms(self) -> list[widgets.Widget]:
        self.clock = dropdown("Clock", [], width=WIDE_WIDTH)
        self.why_button = button("Why this date?", kind="info", css="casekit-why-date")
        self.on(self.why_button, self.why)  # type: ignore[attr-defined]
        self.why_area = widgets.HTML()
        self.why_area.add_class("casekit-why-area")
        self.k_reason = text("Reason", width=WIDE_WIDTH)
        self.k_days = number("Extend by (working days)", 0, low=0, high=60)
        self.k_months = number("Extend by (months, subject access only)", 0, low=0, high=3)
        self.k_awaiting = dropdown("Stopped while waiting for", choices(api.AWAITING), "other")
        self.k_arrived = date_picker(
            "It arrived on (to restart; empty: today)",
            help="The day the clarification, identity or fee arrived",
        )
        self.extend_button = button("Extend the clock", css="casekit-extend-clock")
        self.stop_button = button("Stop the clock", kind="warning", css="casekit-stop-clock")
        self.restart_button = button("Restart the clock", kind="", css="casekit-restart-clock")
        self.on(self.extend_button, self.extend)  # type: ignore[attr-defined]
        self.on(self.stop_button, self.stop)  # type: ignore[attr-defined]
        self.on(self.restart_button, self.restart)  # type: ignore[attr-defined]

        self.statutory = dropdown(
            "Statutory request found in the case",
            [(api.CASE_KINDS[c], c) for c in api.STATUTORY_CLOCKS],
        )
        self.start_button = button("Start its clock", css="casekit-start-clock")
        self.on(self.start_button, self.start_clock)  # type: ignore[attr-defined]

        self.s_clock = dropdown("Request answered", [], width=WIDE_WIDTH)
        self.s_outcome = dropdown(
            "Statutory response", choices(api.STATUTORY_OUTCOMES), "information_given"
        )
        self.s_exemption = text(
            "Exemption relied on (for a refusal)", placeholder="s40(2) personal information"
        )
        self.s_channel = dropdown("Sent by", choices(api.CHANNELS), "email")
        self.s_text = textarea("Text of the response (optional)", rows=3)
        self.response_button = button(
            "Send the statutory response", css="casekit-statutory-response"
        )
        self.on(self.response_button, self.statutory_response)  # type: ignore[attr-defined]

        self.c_reason = text("Why the complainant is still dissatisfied", width=WIDE_WIDTH)
        self.stage2_button = button(
            "Move the complaint to stage 2", kind="", css="casekit-complaint-stage2"
        )
        self.on(self.stage2_button, self.stage_two)  # type: ignore[attr-defined]
        return [
            section(
                "Manage a clock",
                "Every change needs a reason; the profile sets the limits. A statutory "
                "extension must be told within the first period.",
                self.clock,
                widgets.HBox([self.why_button]),
                self.why_area,
                self.k_reason,
                self.k_days,
                self.k_months,
                self.k_awaiting,
                self.k_arrived,
                widgets.HBox([self.extend_button, self.stop_button, self.restart_button]),
            ),
            section(
                "Start a statutory clock",
                "An FOI, EIR or subject access request hidden in a case starts its own clock.",
                self.statutory,
                self.start_button,
            ),
            section(
                "Send the statutory response",
                "Only the statutory response stops an FOI, EIR or subject access clock: the "
                "reply on the problem itself does not.",
                self.s_clock,
                self.s_outcome,
                self.s_exemption,
                self.s_channel,
                self.s_text,
                self.response_button,
            ),
            section(
                "Complaint: stage 2",
                "When the complainant is still dissatisfied after the stage 1 response.",
                self.c_reason,
                self.stage2_button,
            ),
        ]

    def fill_clocks(self, state: State) -> None:
        case = self.selected_case(state, self.case)  # type: ignore[attr-defined]
        options, statutory = [], []
        if case is not None:
            for clock_id, clock in state.clocks(case).items():
                label = f"{clock.label}: due {fmt_date(clock.due)} ({clock.status})"
                options.append((label, clock_id))
                if not case.clock_ops[clock_id].role:
                    statutory.append((label, clock_id))
        set_options(self.clock, options)
        set_options(self.s_clock, statutory)

    # -- actions --------------------------------------------------------------------
    def why(self, _button: Any = None) -> str:
        with self.workspace() as ws:  # type: ignore[attr-defined]
            ledger = api.deadline_ledger(ws, self.case.value or "", self.clock.value or "")
        self.why_area.value = ledger_html(ledger)
        return (
            f"{ledger.label} is due {fmt_date(ledger.due)}: {ledger.counted} of "
            f"{ledger.length} days counted, every day explained below."
        )

    def extend(self, _button: Any = None) -> str:
        with self.casework() as cw:  # type: ignore[attr-defined]
            event = cw.extend_clock(
                self.case.value or "",
                self.clock.value or "",
                reason=self.k_reason.value,
                working_days=int(self.k_days.value),
                months=int(self.k_months.value),
            )
        self.k_reason.value = ""
        if event.data.get("late"):
            return (
                "Recorded as late: the deadline had already passed, so it stays missed; "
                f"the reply is now promised by {fmt_date(event.data['due'])}."
            )
        return f"Clock extended: now due {fmt_date(event.data['due'])}."

    def stop(self, _button: Any = None) -> str:
        with self.casework() as cw:  # type: ignore[attr-defined]
            cw.stop_clock(
                self.case.value or "",
                self.clock.value or "",
                reason=self.k_reason.value,
                awaiting=self.k_awaiting.value,
            )
        self.k_reason.value = ""
        return f"The {self.clock.value} clock on {self.case.value} is stopped."

    def restart(self, _button: Any = None) -> str:
        arrived: date | None = self.k_arrived.value
        with self.casework() as cw:  # type: ignore[attr-defined]
            event = cw.restart_clock(
                self.case.value or "", self.clock.value or "", arrived_on=arrived
            )
        self.k_arrived.value = None
        afresh = " The count started afresh." if event.data.get("afresh") else ""
        return (
            f"The {self.clock.value} clock on {self.case.value} is running again: due "
            f"{fmt_date(event.data['due'])}.{afresh}"
        )

    def start_clock(self, _button: Any = None) -> str:
        with self.casework() as cw:  # type: ignore[attr-defined]
            event = cw.start_clock(self.case.value or "", self.statutory.value)
        return (
            f"{api.CASE_KINDS[self.statutory.value]} clock started on {self.case.value}, due "
            f"{fmt_date(event.data['due'])} ({event.data['source']})."
        )

    def statutory_response(self, _button: Any = None) -> str:
        with self.casework() as cw:  # type: ignore[attr-defined]
            event = cw.send_statutory_response(
                self.case.value or "",
                self.s_clock.value or "",
                outcome=self.s_outcome.value,
                exemptions=self.s_exemption.value,
                channel=self.s_channel.value,
                text=self.s_text.value,
            )
        self.s_exemption.value = ""
        self.s_text.value = ""
        late = " It was late: the deadline had passed." if event.data.get("late") else ""
        return f"Statutory response sent on {self.case.value}: its clock has stopped.{late}"

    def stage_two(self, _button: Any = None) -> str:
        with self.casework() as cw:  # type: ignore[attr-defined]
            cw.start_complaint_stage_two(self.case.value or "", reason=self.c_reason.value)
        self.c_reason.value = ""
        return (
            f"{self.case.value} is at stage 2 of the complaints procedure: acknowledge it, "
            "and have someone not involved at stage 1 answer it."
        )
