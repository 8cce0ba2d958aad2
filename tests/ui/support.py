"""Shared helpers for the widget tests: a small workspace, widget-tree walking, messages.

The workspace is made from a generated scenario pack when ``casekit.scenarios`` can make
one, so the forms are driven against what learners really get; the hand-made council
(``council_workspace``) keeps the tests of the core forms independent of the generator.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import ipywidgets as widgets

from casekit.record.workspace import Workspace
from tests.approved import send_approved

START = datetime(2026, 1, 5, 9, 0)  # a Monday

COUNCIL = {
    "name": "Charnwood Test Borough Council",
    "tier": "unitary",
    "wards": [
        {"id": "w-north", "name": "North Ward", "sectors": ["LE11 3"]},
        {"id": "w-south", "name": "South Ward", "sectors": ["LE11 5"]},
    ],
    "members": [
        {
            "id": "m-patel",
            "name": "Cllr Asha Patel",
            "wards": ["w-north"],
            "style": {
                "formality": "warm",
                "greeting": "Dear {first_name}",
                "sign_off": "Best wishes",
                "recurring_phrases": ["I hope this helps"],
            },
        },
        {"id": "m-jones", "name": "Cllr Tom Jones", "wards": ["w-south"], "style": {}},
    ],
    "services": [
        {
            "id": "s-housing",
            "name": "Housing Repairs",
            "officer": "Sam Reid",
            "email": "repairs@example.gov.uk",
        },
        {"id": "s-highways", "name": "Highways", "officer": "Jo Hart"},
    ],
}

ENQUIRY = {
    "name": "Mary Walsh",
    "address": "12 Mill Lane, Loughborough",
    "postcode": "LE11 3AB",
    "email": "mary.walsh@example.com",
    "phone": "01509 123456",
}


def council_workspace(path: Path, *, inbox: int = 2) -> Path:
    """A workspace with a council and ``inbox`` delivered enquiries; returns its path."""
    ws = Workspace.create(path, start=START, secret_seed="ui-tests")
    ws.append("council_defined", COUNCIL, actor="system")
    for i in range(1, inbox + 1):
        person = dict(ENQUIRY)
        if i > 1:
            person = {
                "name": f"Person {i}",
                "address": f"{i} High Street",
                "postcode": "LE11 5XY",
                "email": "",
                "phone": "",
            }
        ws.append(
            "inbox_item_delivered",
            {
                "timeline_item": f"T{i}",
                "channel": "email",
                "member_id": "m-patel",
                "pack_case": f"C{i}",
                "received_at": START.isoformat(timespec="minutes"),
            },
            personal={
                "constituent": person,
                "enquiry": f"Dear Councillor, enquiry number {i}: the damp in my flat.",
            },
            actor="system",
        )
    ws.close()
    return path


def log_case(path: Path, **overrides) -> str:
    """Log a case directly through the domain (for forms that start after intake)."""
    from casekit.casework.actions import Casework

    args = {
        "constituent": dict(ENQUIRY),
        "enquiry": "Damp in the bedroom since October.",
        "category": "housing",
        "member_id": "m-patel",
    }
    args.update(overrides)
    with Workspace.open(path) as ws:
        return Casework(ws).receive_enquiry(**args).case_ref


def events(path: Path, kind: str | None = None) -> list:
    with Workspace.open(path) as ws:
        return ws.events(kinds=[kind] if kind else None)


def walk(widget: widgets.Widget) -> Iterator[widgets.Widget]:
    yield widget
    for child in getattr(widget, "children", ()) or ():
        yield from walk(child)


CONTROLS = (widgets.ValueWidget, widgets.Button)


def unlabelled(widget: widgets.Widget) -> list[widgets.Widget]:
    """Controls a screen reader could not name: no description and no label beside them.
    Display-only widgets (HTML, Label) are not controls."""
    missing = []
    for w in walk(widget):
        if isinstance(w, widgets.HTML | widgets.Label | widgets.HTMLMath | widgets.Output):
            continue
        if not isinstance(w, CONTROLS) and not isinstance(w, widgets.FileUpload):
            continue
        if getattr(w, "description_allow_html", False):
            missing.append(w)
            continue
        if not str(getattr(w, "description", "") or "").strip():
            missing.append(w)
    return missing


def status_text(widget: widgets.HTML) -> str:
    """The words a status area shows, markup removed and entities decoded."""
    return html.unescape(re.sub(r"<[^>]+>", " ", widget.value))


def buttons(widget: widgets.Widget) -> dict[str, widgets.Button]:
    return {w.description: w for w in walk(widget) if isinstance(w, widgets.Button)}


def write_pack(folder: Path, seed: int = 7, cases: int = 4, learner: str | None = None) -> Path:
    """A generated scenario pack written to ``folder``; returns the pack file."""
    from casekit.scenarios.generate import generate
    from casekit.scenarios.pack import write_json

    pack, _key = generate(seed, cases, "intro", learner=learner)
    folder.mkdir(parents=True, exist_ok=True)
    return write_json(folder / f"{pack['pack_id']}.json", pack)


def pack_workspace(path: Path, seed: int = 7, cases: int = 4) -> Path:
    """A workspace made from a generated pack, as a learner's would be."""
    from casekit.api.workspaces import new_workspace

    pack = write_pack(path.parent / "packs", seed, cases)
    new_workspace(path, pack=pack).close()
    return path


def replied_case(path: Path) -> str:
    """Log a case, refer it to a service and send the full reply (ready for feedback)."""
    from casekit.casework.actions import Casework

    ref = log_case(path)
    with Workspace.open(path) as ws:
        cw = Casework(ws)
        cw.refer_to_service(ref, service="s-housing", question="When is the survey?")
        send_approved(ws, ref, "Dear Mary, the survey is booked for 12 January.")
    return ref
