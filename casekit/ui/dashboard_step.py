"""The monitoring dashboard: every deadline, what needs doing today, and the clock (LO3, AC2).

The table and the timeline come from the monitoring view (``casekit.api.deadline_rows``),
so they say exactly what the log says. From here the learner sends a holding reply before
a deadline is missed (the case is then held to the new date, not shown overdue), asks
"why this date?" of any deadline, manages the clocks (:mod:`casekit.ui.dashboard_clocks`),
closes or reopens a case, and advances the simulation by working days so that replies
arrive, constituents chase and deadlines fall due.
"""

from __future__ import annotations

import html
from datetime import timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

import ipywidgets as widgets

from casekit import api
from casekit.ui.base import Step
from casekit.ui.charts import FLAG_COLOURS, deadline_timeline_svg
from casekit.ui.controls import (
    WIDE_WIDTH,
    button,
    checkbox,
    choices,
    date_picker,
    dropdown,
    fmt_date,
    number,
    plural,
    section,
    set_options,
    table_html,
    text,
    textarea,
)
from casekit.ui.dashboard_clocks import ClockForms
from casekit.ui.errors import Outcome, plain

if TYPE_CHECKING:
    from casekit.api import State


def advance_clock(path: Path, working_days: int) -> Any:
    """Advance the scenario's simulation clock (the scenarios module owns the rules)."""
    with api.open_workspace(path) as ws:
        return api.advance(ws, working_days)


def deadline_table_html(rows: list[Any]) -> str:
    """The deadline table with each flag written out and coloured."""
    if not rows:
        return "<p class='casekit-empty'><em>No cases yet, so no deadlines.</em></p>"
    head = "".join(
        f"<th scope='col' style='text-align:left;padding:4px 8px;border-bottom:2px solid #555'>"
        f"{h}</th>"
        for h in ("Case", "Constituent", "Deadline", "Due", "Working days left", "Flag", "Rule")
    )
    body = []
    for r in rows:
        colour = FLAG_COLOURS.get(r.flag, "#333")
        left = "" if r.days_left is None else str(r.days_left)
        cells = [r.case, r.constituent, r.label, fmt_date(r.due), left]
        tds = "".join(
            f"<td style='padding:4px 8px;border-bottom:1px solid #ddd;"
            f"white-space:{'nowrap' if i in (0, 3) else 'normal'}'>{html.escape(str(c))}</td>"
            for i, c in enumerate(cells)
        )
        note = (
            f"<br><span class='casekit-flag-note' style='font-weight:normal;white-space:normal'>"
            f"{html.escape(r.note)}</span>"
            if r.note
            else ""
        )
        flag = (
            f"<td class='casekit-flag casekit-flag-{html.escape(r.flag.replace(' ', '-'))}' "
            f"style='padding:4px 8px;border-bottom:1px solid #ddd;color:{colour};"
            f"font-weight:bold;white-space:nowrap'>{html.escape(r.flag)}{note}</td>"
        )
        rule = (
            f"<td style='padding:4px 8px;border-bottom:1px solid #ddd;font-size:12px;"
            f"color:#444'>{html.escape(plain(r.source))}</td>"
        )
        body.append(f"<tr>{tds}{flag}{rule}</tr>")
    return (
        "<table class='casekit-deadlines' style='border-collapse:collapse;font-size:14px;"
        "line-height:1.4'>"
        "<caption style='text-align:left;font-weight:bold'>Every deadline, most urgent first"
        f"</caption><thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table>"
    )


class Dashboard(ClockForms, Step):
    title = "Monitor deadlines"
    intro = (
        "See every deadline on every case, most urgent first. Send a holding reply before a "
        "deadline is missed, manage the clocks with reasons, and move the simulation on by "
        "working days. Evidence for LO3 / AC2: monitoring progress and keeping people updated."
    )
    css = "casekit-dashboard"

    def build(self) -> list[widgets.Widget]:
        self.today = widgets.HTML()
        self.today.add_class("casekit-today")
        self.attention = widgets.HTML()
        self.attention.add_class("casekit-attention")
        self.table = widgets.HTML()
        self.table.add_class("casekit-deadline-table")
        self.timeline = widgets.HTML()
        self.timeline.add_class("casekit-deadline-timeline")
        self.answered = widgets.HTML()

        self.days = number("Working days to advance", 1, low=1, high=20)
        self.advance_button = button("Advance the clock", css="casekit-advance")
        self.on(self.advance_button, self.advance)

        self.case = self.case_picker()
        self.case.observe(self._on_case, names="value")

        self.h_reason = textarea("Reason for the delay", rows=2)
        self.h_date = date_picker("New date they will hear by")
        self.h_channel = dropdown("Sent by", choices(api.CHANNELS), "email")
        self.h_member = checkbox("This update is for the councillor, not the constituent")
        self.h_text = textarea("Text of the holding reply (optional)", rows=3)
        self.holding_button = button("Send holding reply", css="casekit-holding-reply")
        self.on(self.holding_button, self.holding_reply)

        clock_forms = self.build_clock_forms()

        self.outcome = text("Outcome", width=WIDE_WIDTH)
        self.close_reason = text("Reason (closing without a reply, or reopening)", width=WIDE_WIDTH)
        self.close_button = button("Close the case", kind="", css="casekit-close-case")
        self.reopen_button = button("Reopen the case", kind="", css="casekit-reopen-case")
        self.on(self.close_button, self.close)
        self.on(self.reopen_button, self.reopen)
        return [
            self.today,
            self.attention,
            section(
                "Advance the clock",
                "Move the simulation on. Replies arrive, "
                "constituents chase and deadlines fall due as working days pass.",
                self.days,
                self.advance_button,
                css="casekit-clock",
            ),
            section(
                "Deadlines",
                "Flags: overdue, holding reply needed, due today, due soon, on track.",
                self.table,
                css="casekit-deadlines-section",
            ),
            section(
                "Timeline",
                "Each bar runs from today to a deadline; red means overdue.",
                self.timeline,
            ),
            section(
                "Answered within target",
                "Share of replied cases whose response deadline was met, by category.",
                self.answered,
            ),
            section(
                "Act on a case",
                "Choose the case; the forms below act on it.",
                self.case,
                css="casekit-case-choice",
            ),
            section(
                "Send a holding reply",
                "Before a deadline is missed: the reason and a new date. Sent in time, the "
                "case is held to that date instead of showing overdue.",
                self.h_reason,
                self.h_date,
                self.h_channel,
                self.h_member,
                self.h_text,
                self.holding_button,
            ),
            *clock_forms,
            section(
                "Close or reopen",
                "Close when the matter is dealt with.",
                self.outcome,
                self.close_reason,
                widgets.HBox([self.close_button, self.reopen_button]),
            ),
        ]

    def on_refresh(self, state: State) -> None:
        with self.workspace() as ws:
            today = ws.now.date()
        rows = api.deadline_rows(state, today)
        self.today.value = (
            f"<p class='casekit-today-line' style='font-size:16px'><strong>Today in the "
            f"simulation:</strong> {html.escape(fmt_date(today))}</p>"
        )
        needs = api.attention(state, today)
        items = "".join(
            f"<li><strong>{html.escape(flag)}:</strong> "
            f"{html.escape(', '.join(f'{r.case} ({r.label})' for r in found) or 'none')}</li>"
            for flag, found in needs.items()
        )
        self.attention.value = (
            "<div role='status' class='casekit-attention-list'><strong>Needs attention "
            f"today</strong><ul style='margin:2px 0'>{items}</ul></div>"
        )
        self.table.value = deadline_table_html(rows)
        self.timeline.value = deadline_timeline_svg(rows, today)
        answered = api.answered_within_target(state)
        self.answered.value = self._answered_chart(answered) + table_html(
            [{**r, "share": f"{r['share']:.0%}"} for r in answered],
            [
                ("category", "Category"),
                ("answered", "Replied"),
                ("within_target", "Within target"),
                ("share", "Share"),
            ],
            empty="No case has had its full reply yet.",
        )
        set_options(self.case, self.case_options(state))
        self.fill_clocks(state)
        if self.h_date.value is None:
            self.h_date.value = today + timedelta(days=7)

    @staticmethod
    def _answered_chart(answered: list[dict[str, Any]]) -> str:
        if not answered:
            return ""
        return api.bar_chart(
            [str(r["category"]) for r in answered],
            [round(100 * r["share"]) for r in answered],
            title="Replies within target, per cent by category",
            max_value=100,
            standalone=False,
        )

    def _on_case(self, _change: dict[str, Any]) -> None:
        if not self.filling:
            self._refresh()

    # -- actions --------------------------------------------------------------------
    def advance(self, _button: Any = None) -> str:
        result = advance_clock(self.path, int(self.days.value))
        with self.workspace() as ws:
            now = ws.now
        delivered = list(getattr(result, "delivered", []) or [])
        arrived = "Nothing new arrived"
        if delivered:
            arrived = f"{plural(len(delivered), 'new item')} arrived"
        return f"The clock moved on to {fmt_date(now)}. {arrived}."

    def holding_reply(self, _button: Any = None) -> str:
        with self.casework() as cw:
            cw.send_holding_reply(
                self.case.value or "",
                reason=self.h_reason.value,
                new_date=self.h_date.value,
                channel=self.h_channel.value,
                text=self.h_text.value,
                to_member=self.h_member.value,
            )
        who = "the councillor" if self.h_member.value else "the constituent"
        self.h_reason.value = ""
        self.h_text.value = ""
        return (
            f"Holding reply sent to {who} on {self.case.value}: they will hear by "
            f"{fmt_date(self.h_date.value)}."
        )

    def close(self, _button: Any = None) -> str:
        with self.casework() as cw:
            cw.close(
                self.case.value or "", outcome=self.outcome.value, reason=self.close_reason.value
            )
        self.outcome.value = ""
        self.close_reason.value = ""
        return f"{self.case.value} is closed."

    def reopen(self, _button: Any = None) -> Outcome:
        with self.casework() as cw:
            cw.reopen(self.case.value or "", reason=self.close_reason.value)
        self.close_reason.value = ""
        return Outcome(f"{self.case.value} is open again.")


def dashboard(workspace: str | Path) -> widgets.Widget:
    """The monitoring dashboard for the workspace at ``workspace``."""
    return Dashboard(workspace).widget
