"""The assessor's form: open packs, verify them, read the evidence location matrix, and
record a decision per criterion with feedback.

Everything goes through the evidence-pack API: verification checks each file against the
manifest and the log's hash chain; decisions are appended to the pack's assessor record,
which is itself hash-chained and refused for a pack that has changed since export.
"""

from __future__ import annotations

import html
from pathlib import Path
from typing import Any

import ipywidgets as widgets

from casekit.ui.base import Step
from casekit.ui.controls import (
    WIDE_WIDTH,
    button,
    date_picker,
    dropdown,
    fmt_date,
    plural,
    section,
    set_options,
    table_html,
    text,
    textarea,
)
from casekit.ui.errors import Outcome, message_html


def decision_choices() -> list[str]:
    from casekit.api import evidence_settings as settings

    return list(settings()["decisions"]["choices"])


def matrix_html(manifest: dict[str, Any], latest: dict[str, dict[str, Any]]) -> str:
    """The evidence location matrix: each criterion, its evidence items, whether there is
    enough, and the current decision."""
    coverage = manifest.get("coverage") or {}
    items = sorted({str(i) for c in coverage.values() for i in c.get("items", [])})
    head = "".join(
        f"<th scope='col' style='padding:2px 6px;border-bottom:2px solid #555'>"
        f"{html.escape(i)}</th>"
        for i in items
    )
    rows = []
    for cid, c in coverage.items():
        have = {str(i) for i in c.get("items", [])}
        marks = "".join(
            f"<td style='text-align:center;padding:2px 6px;border-bottom:1px solid #ddd'>"
            f"{'&#10003;' if i in have else ''}"
            f"<span style='position:absolute;left:-9999px'>{'yes' if i in have else 'no'}"
            "</span></td>"
            for i in items
        )
        decided = latest.get(cid, {})
        decision = decided.get("decision", "")
        rows.append(
            f"<tr><th scope='row' style='text-align:left;padding:2px 6px'>{html.escape(cid)}</th>"
            f"{marks}<td style='padding:2px 6px'>{c.get('count', 0)} of "
            f"{c.get('minimum', '')}</td><td style='padding:2px 6px'>"
            f"{'enough' if c.get('met') else 'more needed'}</td>"
            f"<td style='padding:2px 6px'>{html.escape(decision)}</td></tr>"
        )
    if not rows:
        return "<p><em>This pack has no coverage in its manifest.</em></p>"
    return (
        "<table class='casekit-matrix' style='border-collapse:collapse;font-size:14px'>"
        "<caption style='text-align:left;font-weight:bold'>Evidence location matrix</caption>"
        f"<thead><tr><th scope='col'>Criterion</th>{head}<th scope='col'>Items</th>"
        "<th scope='col'>Sufficient?</th><th scope='col'>Decision</th></tr></thead>"
        f"<tbody>{''.join(rows)}</tbody></table>"
    )


class Assessor(Step):
    title = "Assessor: verify packs and record decisions"
    intro = (
        "List the evidence packs in a folder and check each has not changed since export. "
        "Open one to read its evidence location matrix, then record a decision per "
        "criterion with feedback. Open the pack's index.html to read the evidence itself."
    )
    css = "casekit-assessor"

    def exists(self) -> bool:
        return True  # a folder of packs, not a workspace

    def build(self) -> list[widgets.Widget]:
        self.folder = text("Folder of evidence packs", str(self.path), width=WIDE_WIDTH)
        self.list_button = button("List and verify the packs", css="casekit-list-packs")
        self.on(self.list_button, self.list_packs)
        self.packs_table = widgets.HTML()
        self.packs_table.add_class("casekit-packs")
        self.pack = dropdown("Pack to assess", [], width=WIDE_WIDTH)
        self.pack.observe(self._on_pack, names="value")
        self.front = widgets.HTML()
        self.matrix = widgets.HTML()
        self.matrix.add_class("casekit-matrix-area")
        self.criterion = dropdown("Criterion", [])
        self.decision = dropdown("Decision", decision_choices())
        self.feedback = textarea("Feedback to the learner", rows=4)
        self.assessor = text("Assessor's name")
        self.on_date = date_picker("Date of the decision")
        self.decide_button = button("Record the decision", css="casekit-record-decision")
        self.on(self.decide_button, self.decide)
        self.decisions = widgets.HTML()
        return [
            section(
                "1. The packs",
                "Each pack is verified as it is listed.",
                self.folder,
                self.list_button,
                self.packs_table,
            ),
            section(
                "2. One pack",
                "Its front sheet and evidence location matrix.",
                self.pack,
                self.front,
                self.matrix,
            ),
            section(
                "3. Record a decision",
                "One criterion at a time; feedback is needed unless the criterion is met.",
                self.criterion,
                self.decision,
                self.feedback,
                self.assessor,
                self.on_date,
                self.decide_button,
                self.decisions,
            ),
        ]

    def refresh(self) -> None:
        if Path(self.folder.value.strip() or self.path).is_dir():
            self._refresh()

    def on_refresh(self, _state: Any = None) -> None:
        self._list()

    def _refresh(self) -> None:
        from casekit.ui.errors import shows_errors

        @shows_errors(self.status)
        def reread() -> None:
            self.filling = True
            try:
                self._list()
            finally:
                self.filling = False
            self._show_pack()

        reread()

    # -- reading packs --------------------------------------------------------------
    def _list(self) -> None:
        from casekit.api import find_packs, review

        found = find_packs(Path(self.folder.value.strip()))
        rows, _columns = review(found)
        self.packs_table.value = table_html(
            rows,
            [
                ("pack", "Pack"),
                ("learner", "Learner"),
                ("registration", "Registration"),
                ("integrity", "Integrity"),
                ("problems", "Problems"),
                ("events", "Events"),
                ("gaps", "Gaps"),
                ("assessor_record", "Assessor record"),
            ],
            caption=plural(len(found), "pack"),
            empty="No packs in this folder.",
        )
        set_options(self.pack, [(p.name, str(p)) for p in found])

    def _on_pack(self, _change: dict[str, Any]) -> None:
        if not self.filling:
            from casekit.ui.errors import shows_errors

            shows_errors(self.status)(self._show_pack)()

    def _show_pack(self) -> None:
        from casekit.api import read_assessor_record as read_record
        from casekit.api import verify_pack

        if not self.pack.value:
            self.front.value = self.matrix.value = self.decisions.value = ""
            return
        path = Path(self.pack.value)
        check = verify_pack(path)
        manifest = check.manifest or {}
        learner = manifest.get("learner") if isinstance(manifest.get("learner"), dict) else {}
        level = "success" if check.intact else "error"
        self.front.value = message_html(
            level, check.text(), heading="Intact" if check.intact else "Changed"
        ) + table_html(
            [
                {"k": k.replace("_", " "), "v": v}
                for k, v in (learner or {}).items()
                if isinstance(v, str | int)
            ],
            [("k", "Front sheet"), ("v", "")],
        )
        record = read_record(path) if path.is_dir() else None
        latest = record.latest() if record else {}
        self.matrix.value = matrix_html(manifest, latest)
        set_options(self.criterion, list((manifest.get("coverage") or {}).keys()))
        self.decisions.value = table_html(
            [{**d, "on": fmt_date(d.get("on"))} for d in (record.decisions if record else [])],
            [
                ("on", "Date"),
                ("criterion", "Criterion"),
                ("decision", "Decision"),
                ("assessor", "Assessor"),
                ("feedback", "Feedback"),
            ],
            caption="Decisions recorded",
            empty="No decisions recorded on this pack yet.",
        )

    # -- actions --------------------------------------------------------------------
    def list_packs(self, _button: Any = None) -> str:
        self.filling = True
        try:
            self._list()
        finally:
            self.filling = False
        self._show_pack()
        return f"{plural(len(self.pack.options), 'pack')} listed and verified."

    def decide(self, _button: Any = None) -> Outcome:
        from casekit.api import record_decision

        entry = record_decision(
            self.pack.value or "",
            self.criterion.value or "",
            self.decision.value,
            self.feedback.value,
            self.assessor.value,
            self.on_date.value.isoformat() if self.on_date.value else "",
        )
        self.feedback.value = ""
        self._show_pack()
        return Outcome(
            f"Decision recorded: {entry['criterion']} {entry['decision']} "
            f"({fmt_date(entry['on'])})."
        )


def assessor(packs_dir: str | Path) -> widgets.Widget:
    """The assessor's form for the folder of packs ``packs_dir``."""
    return Assessor(packs_dir).widget
