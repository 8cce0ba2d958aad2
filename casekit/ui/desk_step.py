"""The casework desk: one view where every step of a case happens.

Laid out like a casework system: on the left what needs attention today, the inbox, the
cases (each with its deadline colour, owner and next date) and the learner's own work;
on the right the chosen case, opening with the next step the protocol expects and why,
then tabs: the case (the enquiry in the constituent's words, the constituent, every
deadline with "why this date?", everything that has happened with what was said), facts,
contacts, deadlines, the draft beside the enquiry with its approval and the reply,
satisfaction and reflection.

The desk holds the step forms themselves (:mod:`casekit.ui.intake_step` and the rest),
embedded: the same forms the step notebooks teach with. It chooses the case for them and
refreshes only the part on screen; the others catch up when they are opened. It keeps
itself current: after an action here, and within a second or two of a change anywhere
else (another notebook, the clock, the tutor's classroom clock), with no Refresh button.
"""

from __future__ import annotations

import html
from pathlib import Path
from typing import TYPE_CHECKING, Any

import ipywidgets as widgets

from casekit.ui.base import missing_workspace_html, register
from casekit.ui.case_views import constituent_html, deadlines_html, enquiry_html, history_html
from casekit.ui.controls import button, fmt_date, fmt_datetime
from casekit.ui.desk_parts import ClockBar, Item, PickList
from casekit.ui.desk_views import CASE_TABS, WORK, build_panels
from casekit.ui.errors import plain, shows_errors, status_area
from casekit.ui.intake_step import inbox_fields, inbox_item_id
from casekit.ui.theme import stylesheet

if TYPE_CHECKING:
    from datetime import date

    from casekit.api import State
    from casekit.ui.base import Step


class Desk:
    """The casework desk on the workspace at ``workspace``."""

    def __init__(self, workspace: str | Path) -> None:
        self.path = Path(workspace)
        self.view: tuple[str, str] | None = None  # ("case", ref), ("inbox", item), ("work", id)
        self.seen_seq = 0  # the last event the learner has been told about
        self.shown: dict[int, tuple[int, str]] = {}  # id(step) -> (log seq, case) it shows
        self.status = status_area()
        self.clock = ClockBar(self.path, embedded=True)
        self.news = widgets.HTML()
        self.news.add_class("casekit-news")
        self.attention = widgets.HTML()
        self.attention.add_class("casekit-attention")
        pick = shows_errors(self.status)
        self.inbox = PickList(
            "Inbox", pick(lambda key: self.open(("inbox", key))), empty="Nothing waiting."
        )
        self.cases = PickList(
            "Cases", pick(lambda key: self.open(("case", key))), empty="No cases logged yet."
        )
        self.work = PickList(
            "Your work", pick(lambda key: self.open(("work", key))), empty="", count=False
        )
        self.work.show([Item(key, words) for key, (words, _make) in WORK.items()])
        self.head = widgets.HTML()
        self.head.add_class("casekit-case-head")
        self.go_button = button("Go to the next step", kind="", css="casekit-go-next")
        self.go_button.on_click(lambda _b: self._go_next())
        self.overview = widgets.HTML()
        self.overview.add_class("casekit-case-overview")
        self.panels = build_panels(self.path, self.overview)
        self.just_logged: str | None = None
        self.panels.intake.status.observe(self._logged_message, names="value")
        self.tabs = widgets.Tab(
            children=[self.panels.case_tabs[key] for key, _title in CASE_TABS],
            titles=[title for _key, title in CASE_TABS],
        )
        self.tabs.add_class("casekit-case-tabs")
        self.tabs.observe(self._on_tab, names="selected_index")
        self.case_view = widgets.VBox(
            [self.head, self.go_button, self.tabs], layout=widgets.Layout(width="100%")
        )
        self.right = widgets.VBox(layout=widgets.Layout(width="100%", min_width="0"))
        self.right.add_class("casekit-desk-main")
        left = widgets.VBox(
            [self.attention, self.inbox.widget, self.cases.widget, self.work.widget],
            layout=widgets.Layout(width="100%", min_width="0"),
        )
        left.add_class("casekit-desk-lists")
        body = widgets.GridBox(
            [left, self.right],
            layout=widgets.Layout(
                width="100%",
                grid_template_columns="minmax(16em, 26%) minmax(0, 1fr)",
                grid_gap="0 16px",
            ),
        )
        self.widget = widgets.VBox(
            [stylesheet(), self.clock.widget, self.status, self.news, body],
            layout=widgets.Layout(width="100%"),
        )
        self.widget.add_class("casekit-desk")
        self.widget.desk = self  # type: ignore[attr-defined]
        register(self)
        self.refresh()

    # -- reading the log ----------------------------------------------------------------
    def exists(self) -> bool:
        from casekit import api

        return api.is_workspace(self.path)

    def now(self) -> tuple[State, date]:
        """The log's state and the simulation's today."""
        from casekit.ui.session import shared_workspace

        ws = shared_workspace(self.path)
        return ws.state(), ws.now.date()

    def refresh(self) -> None:
        """Bring the desk up to date with the log; only the part on screen is redrawn."""
        shows_errors(self.status)(self._refresh)()

    def _refresh(self) -> None:
        if not self.exists():
            self.status.value = missing_workspace_html(self.path, "The desk")
            return
        from casekit import api
        from casekit.ui.session import shared_workspace

        ws = shared_workspace(self.path)
        state = ws.state()
        today = ws.now.date()
        self.clock.refresh()
        self._tell_news(ws, state)
        rows = api.case_rows(state, today)
        self.rows = {r.ref: r for r in rows}
        self._show_attention(state, today)
        self._show_lists(state, rows)
        if self.view is None or not self._still_there(state):
            self.view = self._first_view(state, rows)
        self._show_view(state, today)

    def _still_there(self, state: State) -> bool:
        kind, key = self.view or ("", "")
        if kind == "inbox":
            if any(inbox_item_id(e) == key for e in state.unhandled_inbox()):
                return True
            intake = self.panels.intake
            logged = getattr(intake, "logged", None)
            if logged and logged in state.cases:  # just logged here: show the new case,
                self.view = ("case", logged)  # opened on its overview and next step
                self.just_logged = logged  # its message is copied here once it is shown
                intake.logged = None
                with self.tabs.hold_trait_notifications():
                    self.tabs.selected_index = 0
                return True
            return False
        return kind == "work" or key in state.cases

    def _logged_message(self, change: dict[str, Any]) -> None:
        """The intake form's answer ("Logged as case ...", with any warning) shown above
        the new case, since the form itself gives way to the case."""
        if self.just_logged and self.view == ("case", self.just_logged) and change["new"]:
            self.status.value = change["new"]
            self.just_logged = None

    @staticmethod
    def _first_view(state: State, rows: list[Any]) -> tuple[str, str]:
        """The most urgent open case, else the first enquiry waiting, else any case."""
        waiting = state.unhandled_inbox()
        if rows and rows[0].status == "open":
            return ("case", rows[0].ref)
        if waiting:
            return ("inbox", inbox_item_id(waiting[0]))
        return ("case", rows[0].ref) if rows else ("work", "about")

    # -- the left column ------------------------------------------------------------
    def _tell_news(self, ws: Any, state: State) -> None:
        """What arrived since the learner last looked, from a change made elsewhere (the
        tutor's clock, another notebook); this desk's own clock says so itself."""
        from casekit import api

        if not self.seen_seq:
            self.seen_seq = state.seq
            return
        fresh = [
            e
            for e in ws.events(kinds=sorted(api.DELIVERY_LABELS), since=self.seen_seq)
            if e.seq not in self.clock.delivered
        ]
        self.seen_seq = state.seq
        if not fresh:
            return
        said = "".join(
            f"<li>{html.escape(a.what)}, {html.escape(a.where)}.</li>"
            for a in api.arrivals(state, fresh)
        )
        self.news.value = (
            "<div role='status' class='casekit-msg casekit-msg-info' style='border-left:5px "
            "solid #0b4680;background:#e8f0fe;color:#0b4680;padding:6px 10px;margin:4px 0'>"
            f"<strong>New since you last looked:</strong><ul style='margin:2px 0'>{said}</ul>"
            "</div>"
        )

    def _show_attention(self, state: State, today: date) -> None:
        from casekit import api

        items = api.desk_attention(state, today)
        listed = "".join(f"<li>{html.escape(plain(i.what))}</li>" for i in items)
        body = (
            f"<ul style='margin:2px 0;padding-left:1.2em'>{listed}</ul>"
            if items
            else ("<p style='margin:2px 0'>Nothing is due today.</p>")
        )
        self.attention.value = (
            "<div class='casekit-attention-list'><h2 style='margin:6px 0 2px;font-size:16px'>"
            f"Needs attention today</h2>{body}</div>"
        )

    def _show_lists(self, state: State, rows: list[Any]) -> None:
        from casekit.api import CHANNELS

        inbox = []
        for event in state.unhandled_inbox():
            f = inbox_fields(event)
            how = CHANNELS.get(f["channel"], f["channel"])
            words = f"{f['name'] or 'Unknown sender'}\n{how}, {fmt_datetime(f['received_at'])}"
            inbox.append(Item(inbox_item_id(event), words))
        self.inbox.show(inbox)
        items = []
        for row in rows:
            owner = f"Owner: {row.owner}" if row.owner else "Owner: not assigned yet"
            if row.status != "open":
                nxt = "Closed"
            elif row.next_due:
                nxt = f"Next: {row.next_label} due {fmt_date(row.next_due)} ({row.flag})"
            else:
                nxt = "No deadline running"
            words = f"{row.ref} {row.constituent}, {row.category}\n{owner}. {nxt}"
            items.append(Item(row.ref, words, row.flag))
        self.cases.show(items)

    # -- the right column -----------------------------------------------------------
    def open(self, view: tuple[str, str]) -> None:
        """Show an inbox item, a case or a part of the learner's own work."""
        if view != self.view:
            self.status.value = ""
        self.view = view
        self._show_view(*self.now())

    def _show_view(self, state: State, today: date) -> None:
        kind, key = self.view or ("work", "about")
        self.inbox.mark(key if kind == "inbox" else None)
        self.cases.mark(key if kind == "case" else None)
        self.work.mark(key if kind == "work" else None)
        if kind == "inbox":
            intake = self.panels.intake
            if intake.inbox.value != key:
                intake.inbox.value = key  # copies the enquiry into the form
            self._show_step(intake, state, None)
            self._show_only(intake.widget)
        elif kind == "case":
            self._show_case(state, key)
            self._show_only(self.case_view)
        else:
            panel = self.panels.work[key]
            self._show_step(panel, state, None)
            self._show_only(panel.widget)

    def _show_only(self, panel: widgets.Widget) -> None:
        """Show one panel on the right. Panels stay on the page once shown and are hidden,
        not removed: the browser draws each form once, not at every change of view."""
        if panel not in self.right.children:
            self.right.children = (*self.right.children, panel)
        for child in self.right.children:
            child.layout.display = "" if child is panel else "none"

    @property
    def shown_panel(self) -> widgets.Widget | None:
        """The panel on the right the learner sees."""
        return next((c for c in self.right.children if c.layout.display != "none"), None)

    def _show_case(self, state: State, ref: str) -> None:
        case = state.case(ref)
        row = self.rows.get(ref)
        if case is None or row is None:
            return
        step = row.next_step
        head = (
            f"<h2 style='margin:6px 0 2px;font-size:17px'>{html.escape(ref)}: "
            f"{html.escape(row.constituent)}, {html.escape(row.category)}"
            f"{'' if case.status == 'open' else ' (closed)'}</h2>"
        )
        if step is not None:
            head += (
                "<div class='casekit-next-step' role='status'><strong>Next step:</strong> "
                f"{html.escape(plain(step.do))}<br><span>Why: {html.escape(plain(step.why))}"
                f"</span><br><span class='casekit-rule' style='font-size:13px;color:#333'>"
                f"Rule: {html.escape(plain(step.source))}</span></div>"
            )
            self.go_button.description = f"Go to {dict(CASE_TABS)[step.where]}"
            self.go_button.layout.display = ""
        else:
            self.go_button.layout.display = "none"
        self.head.value = head
        self._show_visible()

    def _on_tab(self, _change: Any) -> None:
        self.status.value = ""  # a message about the last action, not about this part
        shows_errors(self.status)(self._show_visible)()

    def _go_next(self) -> None:
        row = self.rows.get((self.view or ("", ""))[1])
        if row is not None and row.next_step is not None:
            self.tabs.selected_index = [k for k, _t in CASE_TABS].index(row.next_step.where)

    def _show_visible(self) -> None:
        """Refresh the case tab on screen (the others wait until they are opened)."""
        kind, ref = self.view or ("", "")
        if kind != "case":
            return
        state, today = self.now()
        key = CASE_TABS[self.tabs.selected_index or 0][0]
        if key == "case":
            case = state.case(ref)
            if case is None:
                return
            self.overview.value = (
                columns_html(enquiry_html(case), constituent_html(state, case))
                + deadlines_html(state, case, today)
                + history_html(state, case)
            )
        for step in self.panels.steps_for(key):
            self._show_step(step, state, ref)

    def _show_step(self, step: Step, state: State, ref: str | None) -> None:
        """Bring one embedded form up to date, on case ``ref``; a form that cannot show
        that case (drafting a closed case) says so instead."""
        if self.shown.get(id(step)) == (state.seq, ref or ""):
            return
        _no_past_default(step)
        if ref is not None and not step.select_case(ref):
            step.refresh()
            step.select_case(ref)
        step.refresh()
        picker = getattr(step, "case", None)
        blocked = ref is not None and picker is not None and picker.value != ref
        step.widget.layout.display = "none" if blocked else ""
        note = self.panels.notes.get(id(step))
        if note is not None:
            note.layout.display = "" if blocked else "none"
        self.shown[id(step)] = (state.seq, ref or "")


def _no_past_default(step: Step) -> None:
    """A date offered for a holding reply must not be in the past: when the clock has
    moved past it, the form offers a new one (the dashboard fills an empty date)."""
    chosen = getattr(step, "h_date", None)
    value = getattr(chosen, "value", None)
    if value is None:
        return
    from casekit.ui.session import shared_workspace

    if value <= shared_workspace(step.path).now.date():
        chosen.value = None


def columns_html(*parts: str) -> str:
    """Blocks side by side while there is room, one under the other when there is not."""
    cells = "".join(f"<div style='min-width:0'>{p}</div>" for p in parts)
    return (
        "<div style='display:grid;grid-template-columns:repeat(auto-fit,minmax(min(24em,100%),"
        f"1fr));gap:0 16px'>{cells}</div>"
    )


def desk(workspace: str | Path) -> widgets.Widget:
    """The casework desk for the workspace at ``workspace``."""
    return Desk(workspace).widget
