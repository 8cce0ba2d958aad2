"""The assessor's form: open packs (folders or zips), verify them, read the evidence
location matrix, and record a decision per criterion with feedback, in the assessor's own
ledger; then send the feedback back to the learner, and (for the IQA) make the sampling
plan and record samples (:mod:`casekit.ui.iqa_panel`).

Everything goes through the evidence API: verification checks each file against the
manifest, the log's hash chain, and every derived file rendered again from the log (and,
given the tutor's witness ledger, the witnessed chain heads). Decisions are appended to
the assessor's ledger, a folder the assessor chooses outside the packs, hash-chained and
optionally signed; a pack's own ``assessor/`` folder is never read. Every value from a
pack is escaped before it is shown.
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
    from casekit import api

    return api.decision_choices()


def _e(value: Any) -> str:
    """Any value from a pack, as text safe to put in HTML."""
    return html.escape(str(value if value is not None else ""), quote=True)


def matrix_html(manifest: dict[str, Any], latest: dict[str, dict[str, Any]]) -> str:
    """The evidence location matrix: each criterion, its evidence items, whether there is
    enough, and the current decision. Every value is escaped (a pack is untrusted)."""
    coverage = manifest.get("coverage") if isinstance(manifest.get("coverage"), dict) else {}
    rows_in = [(cid, c) for cid, c in coverage.items() if isinstance(c, dict)]
    listed = [c.get("items") for _cid, c in rows_in]
    items = sorted({str(i) for group in listed if isinstance(group, list) for i in group})
    head = "".join(
        f"<th scope='col' style='padding:2px 6px;border-bottom:2px solid #555'>{_e(i)}</th>"
        for i in items
    )
    rows = []
    for cid, c in rows_in:
        have = {str(i) for i in c.get("items") or [] if isinstance(c.get("items"), list)}
        marks = "".join(
            f"<td style='text-align:center;padding:2px 6px;border-bottom:1px solid #ddd'>"
            f"{'&#10003;' if i in have else ''}"
            f"<span style='position:absolute;left:-9999px'>{'yes' if i in have else 'no'}"
            "</span></td>"
            for i in items
        )
        decided = latest.get(cid) if isinstance(latest.get(cid), dict) else {}
        rows.append(
            f"<tr><th scope='row' style='text-align:left;padding:2px 6px'>{_e(cid)}</th>"
            f"{marks}<td style='padding:2px 6px'>{_e(c.get('count', 0))} of "
            f"{_e(c.get('minimum', ''))}</td><td style='padding:2px 6px'>"
            f"{'enough' if c.get('met') is True else 'more needed'}</td>"
            f"<td style='padding:2px 6px'>{_e(decided.get('decision', ''))}</td></tr>"
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


def default_ledger(packs_dir: str | Path) -> Path:
    """Where the assessor's ledger goes unless they choose: beside the folder of packs,
    never inside it (a pack's files are the learner's)."""
    return Path(packs_dir).resolve().parent / "assessor-ledger"


class Assessor(Step):
    title = "Assessor: verify packs and record decisions"
    intro = (
        "List the evidence packs in a folder and check each one: every file against the "
        "pack's manifest and the learner's log, rendered again from that log. Open one to "
        "read its evidence location matrix, then record a decision per criterion with "
        "feedback. Decisions are kept in your own ledger folder, never in the learner's "
        "pack. Open the pack's index.html to read the evidence itself."
    )
    css = "casekit-assessor"

    def __init__(self, packs_dir: str | Path, ledger: str | Path | None = None) -> None:
        self._ledger_default = str(ledger if ledger is not None else default_ledger(packs_dir))
        self._rows: dict[str, dict[str, Any]] = {}
        super().__init__(packs_dir)

    def exists(self) -> bool:
        return True  # a folder of packs, not a workspace

    def build(self) -> list[widgets.Widget]:
        from casekit.ui.iqa_panel import IqaPanel

        self.iqa = IqaPanel(self, self.path)
        self.folder = text("Folder of evidence packs", str(self.path), width=WIDE_WIDTH)
        self.ledger = text("Your ledger folder", self._ledger_default, width=WIDE_WIDTH)
        self.witness = text(
            "Tutor's witness ledger (optional)",
            width=WIDE_WIDTH,
            placeholder="e.g. class/witness.jsonl",
        )
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
        self.key = text("Your signing key (optional)", width=WIDE_WIDTH, placeholder="e.g. pat.key")
        self.decide_button = button("Record the decision", css="casekit-record-decision")
        self.on(self.decide_button, self.decide)
        self.decisions = widgets.HTML()
        return [
            section(
                "1. The packs",
                "Each pack is verified as it is listed; decisions come from your ledger.",
                self.folder,
                self.ledger,
                self.witness,
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
                self.key,
                self.decide_button,
                self.decisions,
            ),
            *self.iqa.sections(),
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
    def _witness(self) -> str | None:
        return self.witness.value.strip() or None

    def _ledger(self) -> str:
        return self.ledger.value.strip() or self._ledger_default

    def ledger_folder(self) -> str:
        """The assessor's ledger folder, as the form gives it."""
        return self._ledger()

    def relist(self) -> None:
        """List and show the packs again (after a decision or a sample is recorded)."""
        self.filling = True
        try:
            self._list()
        finally:
            self.filling = False
        self._show_pack()

    def _list(self) -> None:
        from casekit import api

        found = api.find_packs(Path(self.folder.value.strip()))
        rows, _columns = api.review(found, witness=self._witness(), ledger=self.iqa.ledgers())
        self._rows = {str(path): row for path, row in zip(found, rows, strict=True)}
        self.packs_table.value = table_html(
            rows,
            [
                ("pack", "Pack"),
                ("learner", "Learner"),
                ("registration", "Registration"),
                ("integrity", "Integrity"),
                ("witness", "Witness ledger"),
                ("copying", "Copying"),
                ("problems", "Problems"),
                ("events", "Events"),
                ("gaps", "Gaps"),
                ("assessor_ledger", "Your ledger"),
                ("iqa", "IQA"),
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
        from casekit import api

        if not self.pack.value:
            self.front.value = self.matrix.value = self.decisions.value = ""
            return
        path = Path(self.pack.value)
        check = api.verify_pack(path, witness=self._witness())
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
        row = self._rows.get(str(path), {})
        coverage = manifest.get("coverage") if isinstance(manifest.get("coverage"), dict) else {}
        latest = {cid: {"decision": row.get(f"{cid}_decision", "")} for cid in coverage}
        self.matrix.value = matrix_html(manifest, latest)
        set_options(self.criterion, list(coverage))
        self.iqa.show_pack(list(coverage))
        record = (
            api.assessor_record(self._ledger(), str(manifest.get("workspace_id", "")))
            if manifest
            else None
        )
        self.decisions.value = table_html(
            [{**d, "on": fmt_date(d.get("on"))} for d in (record.decisions if record else [])],
            [
                ("on", "Date"),
                ("criterion", "Criterion"),
                ("decision", "Decision"),
                ("assessor", "Assessor"),
                ("feedback", "Feedback"),
            ],
            caption="Decisions in your ledger",
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
        from casekit import api

        entry = api.record_decision(
            self._ledger(),
            self.pack.value or "",
            self.criterion.value or "",
            self.decision.value,
            self.feedback.value,
            self.assessor.value,
            self.on_date.value.isoformat() if self.on_date.value else "",
            key=self.key.value.strip() or None,
        )
        self.feedback.value = ""
        self.relist()
        signed = " and signed" if "signature" in entry else ""
        return Outcome(
            f"Decision recorded{signed}: {entry['criterion']} {entry['decision']} "
            f"({fmt_date(entry['on'])}) in {self._ledger()}."
        )


def assessor(packs_dir: str | Path, ledger: str | Path | None = None) -> widgets.Widget:
    """The assessor's form for the folder of packs ``packs_dir``, keeping decisions in the
    ledger folder ``ledger`` (default: ``assessor-ledger`` beside the packs folder)."""
    return Assessor(packs_dir, ledger).widget
