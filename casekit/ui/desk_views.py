"""The forms the casework desk holds: the step forms, embedded, arranged in the case's
tabs and in the learner's own work.

The desk composes the step forms rather than copying them, so a form changed for its
lesson changes on the desk too. A form made for a lesson shows parts the desk already
shows elsewhere (the dashboard's table of every case, its own copy of the clock): those
parts are hidden here by finding the part of the form that holds a given control, so a
form that gains or loses a part still shows everything else.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import ipywidgets as widgets

from casekit.ui.base import Step

CASE_TABS: list[tuple[str, str]] = [
    ("case", "The case"),
    ("facts", "Facts"),
    ("contacts", "Contacts"),
    ("deadlines", "Deadlines"),
    ("draft", "Draft and reply"),
    ("satisfaction", "Satisfaction"),
    ("reflect", "Reflection"),
]


def _dashboard_overview(path: Path) -> Step:
    from casekit.ui.dashboard_step import Dashboard

    board = Dashboard(path, embedded=True)
    hide_parts(
        board,
        *(
            getattr(board, name, None)
            for name in ("advance_button", "case", "holding_button", "extend_button")
        ),
        *(getattr(board, name, None) for name in ("start_button", "close_button")),
    )
    return board


def _coaching(path: Path) -> Step:
    from casekit.ui.coaching_step import Coaching

    return Coaching(path, embedded=True)


def _knowledge(path: Path) -> Step:
    from casekit.ui.knowledge_step import KnowledgeCheck

    return KnowledgeCheck(path, embedded=True)


def _export(path: Path) -> Step:
    from casekit.ui.export_step import Export

    return Export(path, embedded=True)


def _about(path: Path) -> Step:
    from casekit.ui.start_step import Start

    return Start(path, embedded=True)


# The learner's own work: (the words on its button, how its form is made).
WORK: dict[str, tuple[str, Callable[[Path], Step]]] = {
    "deadlines": ("All deadlines, on every case", _dashboard_overview),
    "coaching": ("Coaching on your work so far", _coaching),
    "knowledge": ("Knowledge check", _knowledge),
    "export": ("Sign and export your evidence pack", _export),
    "about": ("About you and your case pack", _about),
}


def hide_parts(step: Step, *controls: widgets.Widget | None) -> None:
    """Hide the part of ``step``'s form (a section, or a line of it) that holds each of
    ``controls``; a control the form no longer has is passed over."""
    tops = list(step.widget.children)
    for control in controls:
        if control is None:
            continue
        for top in tops:
            if _holds(top, control):
                top.layout.display = "none"
                break


def _holds(widget: widgets.Widget, control: widgets.Widget) -> bool:
    if widget is control:
        return True
    return any(_holds(child, control) for child in getattr(widget, "children", ()) or ())


def _note(text: str) -> widgets.HTML:
    note = widgets.HTML(f"<p class='casekit-note'><em>{text}</em></p>")
    note.layout.display = "none"
    return note


@dataclass
class Panels:
    """Every form on the desk, made once."""

    intake: Any
    case_tabs: dict[str, widgets.Widget]
    by_tab: dict[str, list[Step]]
    work_makers: dict[str, Callable[[Path], Step]]
    path: Path
    notes: dict[int, widgets.HTML] = field(default_factory=dict)
    made: dict[str, Step] = field(default_factory=dict)

    def steps_for(self, tab: str) -> list[Step]:
        return self.by_tab.get(tab, [])

    @property
    def work(self) -> _Work:
        return _Work(self)


class _Work:
    """The learner's own work, each form made the first time it is opened."""

    def __init__(self, panels: Panels) -> None:
        self.panels = panels

    def __getitem__(self, key: str) -> Step:
        made = self.panels.made
        if key not in made:
            made[key] = self.panels.work_makers[key](self.panels.path)
        return made[key]


def build_panels(path: Path, overview: widgets.HTML) -> Panels:
    """Make the desk's forms: the intake form for inbox items, and the case's tabs."""
    from casekit.ui.approval_step import Approval
    from casekit.ui.contacts_step import Contacts
    from casekit.ui.dashboard_step import Dashboard
    from casekit.ui.drafting_step import Drafting
    from casekit.ui.intake_step import Intake, LinkDuplicate
    from casekit.ui.reflection_step import Reflection
    from casekit.ui.satisfaction_step import Satisfaction
    from casekit.ui.verification_step import Verification

    intake = Intake(path, embedded=True)
    hide_parts(intake, intake.cases_section)
    intake.inbox.layout.display = "none"  # the desk's inbox list chooses the enquiry

    duplicates = LinkDuplicate(path, embedded=True)
    facts = Verification(path, embedded=True)
    contacts = Contacts(path, embedded=True)
    deadlines = Dashboard(path, embedded=True)
    hide_parts(
        deadlines,
        *(
            getattr(deadlines, name, None)
            for name in ("today", "attention", "advance_button", "table", "timeline", "answered")
        ),
    )
    drafting = Drafting(path, embedded=True)
    approval = Approval(path, embedded=True)
    send = next((t for t in drafting.widget.children if _holds(t, drafting.send_button)), None)
    kids = list(drafting.widget.children)
    kids.insert(kids.index(send) if send in kids else len(kids), approval.widget)
    drafting.widget.children = kids
    satisfaction = Satisfaction(path, embedded=True)
    reflection = Reflection(path, embedded=True)
    steps = [duplicates, facts, contacts, deadlines, drafting, approval, satisfaction, reflection]
    for step in steps:
        step.hide_case_picker()

    closed_note = _note(
        "This case is closed, so no letter can be drafted or sent on it. Reopen it in "
        "Deadlines to write to the constituent again."
    )
    case_tabs = {
        "case": widgets.VBox(
            [overview, _titled("Link a duplicate", duplicates.widget)],
            layout=widgets.Layout(width="100%"),
        ),
        "facts": facts.widget,
        "contacts": contacts.widget,
        "deadlines": deadlines.widget,
        "draft": widgets.VBox([closed_note, drafting.widget], layout=widgets.Layout(width="100%")),
        "satisfaction": satisfaction.widget,
        "reflect": reflection.widget,
    }
    panels = Panels(
        intake=intake,
        case_tabs=case_tabs,
        by_tab={
            "case": [duplicates],
            "facts": [facts],
            "contacts": [contacts],
            "deadlines": [deadlines],
            "draft": [drafting, approval],
            "satisfaction": [satisfaction],
            "reflect": [reflection],
        },
        work_makers={key: make for key, (_words, make) in WORK.items()},
        path=path,
    )
    panels.notes[id(drafting)] = closed_note
    return panels


def _titled(title: str, body: widgets.Widget) -> widgets.VBox:
    from casekit.ui.controls import section

    return section(title, "When a warning says this repeats a case already logged.", body)
