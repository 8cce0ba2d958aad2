"""Parts of the casework desk: the simulation clock bar, and the lists a caseworker picks
from (the inbox, the cases, the learner's own work).

Each list is a column of buttons, one per item: a button is reachable and pressed with
the keyboard, read out by a screen reader with the whole line ("CK-0002 Mary Walsh,
Housing. Owner: Sam Reid. Next: Response due Wed 21 Jan 2026 (on track)"), and carries a
coloured edge for its most urgent deadline flag, the flag also written in the line.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import ipywidgets as widgets

from casekit.ui.base import Step
from casekit.ui.controls import button as make_button
from casekit.ui.controls import fmt_date, number, plural, whole_number
from casekit.ui.errors import Outcome

if TYPE_CHECKING:
    from casekit.api import State

MAX_ADVANCE = 20


class ClockBar(Step):
    """Today in the simulation, and moving it on by working days."""

    title = "The simulation clock"
    css = "casekit-clockbar"

    def build(self) -> list[widgets.Widget]:
        self.today = widgets.HTML()
        self.today.add_class("casekit-today")
        self.days = number("Working days to advance", 1, low=1, high=MAX_ADVANCE)
        self.advance_button = make_button("Advance the clock", css="casekit-advance")
        self.on(self.advance_button, self.advance)
        self.delivered: set[int] = set()  # what this bar's advances delivered
        row = widgets.HBox(
            [self.today, self.days, self.advance_button],
            layout=widgets.Layout(flex_flow="row wrap", align_items="center", width="100%"),
        )
        return [row]

    def on_refresh(self, state: State) -> None:
        with self.workspace() as ws:
            now = ws.now
        self.today.value = (
            "<p style='margin:0 16px 0 0;font-size:15px'><strong>Today in the simulation:"
            f"</strong> {fmt_date(now)}</p>"
        )

    def advance(self, _button: Any = None) -> Outcome:
        from casekit import api

        days = whole_number(self.days)
        with self.workspace() as ws:
            result = api.advance(ws, days)
            now = ws.now
            state = ws.state()
        delivered = list(result.delivered)
        self.delivered |= {e.seq for e in delivered}
        moved = f"The clock moved on {plural(days, 'working day')} to {fmt_date(now)}."
        if not delivered:
            return Outcome(f"{moved} Nothing new arrived.")
        said = "; ".join(f"{a.what}, {a.where}" for a in api.arrivals(state, delivered))
        return Outcome(f"{moved} {plural(len(delivered), 'new item')} arrived: {said}.")


@dataclass(frozen=True)
class Item:
    """One line of a list: its key, the words on its button and its flag (for colour)."""

    key: str
    words: str
    flag: str = ""


class PickList:
    """A column of buttons, one per item; pressing one calls ``on_pick(key)``. The
    buttons are made again only when the items change, and the chosen one is marked."""

    def __init__(
        self, label: str, on_pick: Callable[[str], None], *, empty: str, count: bool = True
    ) -> None:
        self.count = count
        self.on_pick = on_pick
        self.heading = widgets.HTML()
        self.label = label
        self.empty = widgets.HTML(f"<p style='margin:2px 0'><em>{empty}</em></p>")
        self.box = widgets.VBox(layout=widgets.Layout(width="100%"))
        self.box.add_class("casekit-picklist")
        self.widget = widgets.VBox([self.heading, self.box], layout=widgets.Layout(width="100%"))
        self.items: tuple[Item, ...] = ()
        self.buttons: dict[str, widgets.Button] = {}
        self.chosen: str | None = None
        self.show([])

    def show(self, items: Sequence[Item]) -> None:
        items = tuple(items)
        counted = f" ({len(items)})" if self.count else ""
        self.heading.value = (
            f"<h2 style='margin:10px 0 2px;font-size:16px'>{self.label}{counted}</h2>"
        )
        if items == self.items and self.buttons:
            return
        if [i.key for i in items] != [i.key for i in self.items]:
            # A button is made once per item and kept: a new case adds one button, it
            # does not make the browser draw the whole list again.
            self.buttons = {i.key: self.buttons.get(i.key) or self._button(i.key) for i in items}
            self.box.children = [self.buttons[i.key] for i in items] or [self.empty]
        for item in items:
            control = self.buttons[item.key]
            control.description = item.words
            control.tooltip = item.words
            for css in [c for c in control._dom_classes if c.startswith("casekit-flag-")]:
                control.remove_class(css)
            if item.flag:
                control.add_class("casekit-flag-" + item.flag.replace(" ", "-"))
        self.items = items
        self.mark(self.chosen)

    def mark(self, key: str | None) -> None:
        self.chosen = key
        for item_key, control in self.buttons.items():
            if item_key == key:
                control.add_class("casekit-selected")
            else:
                control.remove_class("casekit-selected")

    def _button(self, key: str) -> widgets.Button:
        control = widgets.Button(layout=widgets.Layout(width="100%", height="auto"))
        control.add_class("casekit-pick")
        control.on_click(lambda _b: self.on_pick(key))
        return control
