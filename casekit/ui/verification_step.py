"""Verification: record what the constituent says as facts, and check each one against a
source (LO2, AC1).

Information passed on must be current and as accurate as possible. The learner writes
down each claim as a fact, checks it against a council system or an officer, records what
the source says and, when they disagree or the record is out of date, how that was
resolved. The domain refuses a reply while a fact is unsettled; this form shows which are.
When the scenario pack delivered the council's records with the enquiry, they are shown
beside the form, with the date each was last updated and any change the simulation has
delivered since, so staleness can be spotted.
"""

from __future__ import annotations

import html
from pathlib import Path
from typing import TYPE_CHECKING, Any

import ipywidgets as widgets

from casekit.api import VERIFICATION_RESULTS
from casekit.ui.base import Step
from casekit.ui.controls import (
    WIDE_WIDTH,
    button,
    choices,
    columns,
    combobox,
    dropdown,
    fmt_date,
    fmt_datetime,
    section,
    set_options,
    table_html,
    text,
    textarea,
)

if TYPE_CHECKING:
    from casekit.api import Case, Event, State


def council_records(state: State, case: Case) -> tuple[list[dict[str, Any]], list[Event]]:
    """The council's records delivered with the case's enquiry (from the scenario pack),
    and the ``record_changed`` events the simulation has delivered for them since."""
    item = state.inbox.get(str(case.inbox_item)) if case.inbox_item else None
    records = list(item.get("records") or []) if item is not None else []
    ids = {str(r.get("id")) for r in records}
    changes = [
        e
        for e in case.timeline
        if e.kind == "record_changed" and str(e.data.get("record_id")) in ids
    ]
    return records, changes


def council_names(state: State) -> dict[str, str]:
    """The names of the council's members, wards and services by their ids, so a record
    that says "raised with M01" reads "raised with Cllr Asha Patel"."""
    from casekit import api

    names: dict[str, str] = dict(api.CATEGORIES)  # a service record's "service": a category
    council = state.council
    if council is None:
        return names
    for table in (council.members, council.wards, council.services):
        names.update({key: str(getattr(item, "name", key)) for key, item in table.items()})
    return names


def records_html(
    records: list[dict[str, Any]],
    changes: list[Event] = (),
    names: dict[str, str] | None = None,
) -> str:
    """Each record as a small card, with the date it was last updated, then any change
    delivered since (so a learner can see a fact go stale). Ids of the council's people
    and services are shown as their ``names``."""
    names = names or {}
    if not records:
        return (
            "<p class='casekit-empty'><em>No council records are attached to this case: "
            "check with the service or the council's systems yourself.</em></p>"
        )
    blocks = []
    for record in records:
        fields = record.get("fields") or {}
        rows = "".join(
            f"<tr><th scope='row' style='text-align:left;padding:2px 8px;font-weight:normal;"
            f"color:#444'>{html.escape(str(k).replace('_', ' '))}</th>"
            f"<td style='padding:2px 8px'>{html.escape(_named(v, names))}</td></tr>"
            for k, v in fields.items()
        )
        blocks.append(
            "<div class='casekit-record' style='border:1px solid #ccc;padding:4px 8px;"
            "margin:4px 0'>"
            f"<strong>{html.escape(str(record.get('system', 'Council record')))}</strong> "
            f"(record {html.escape(str(record.get('id', '')))}, last updated "
            f"{html.escape(fmt_date(record.get('as_of')))})"
            f"<table>{rows}</table></div>"
        )
    for change in changes:
        blocks.append(
            "<div class='casekit-record-change' role='note' style='border-left:4px solid "
            "#c25e00;padding:4px 8px;margin:4px 0'>"
            f"<strong>Record changed</strong> on {html.escape(fmt_datetime(change.at))}: "
            f"{html.escape(str(change.data.get('system', '')))} "
            f"{html.escape(str(change.data.get('record_id', '')))}, "
            f"{html.escape(str(change.data.get('field', '')).replace('_', ' '))} was "
            f"'{html.escape(_named(change.get('old', ''), names))}', now "
            f"'{html.escape(_named(change.get('new', ''), names))}'.</div>"
        )
    return "".join(blocks)


def _named(value: Any, names: dict[str, str]) -> str:
    return _value(names.get(str(value), value))


def _value(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, str) and len(value) == 10 and value[4] == "-" and value[7] == "-":
        return fmt_date(value)
    return str(value)


def fact_label(fact: Any, limit: int = 80) -> str:
    """A fact as a choice in a list: its number and its words, shortened with an ellipsis
    when long (the table below the form shows every fact in full)."""
    words = " ".join(str(fact.statement).split())
    if len(words) > limit:
        words = words[: limit - 1].rstrip() + "…"
    return f"{fact.id}: {words}"


class Verification(Step):
    title = "Check the facts"
    intro = (
        "Write down each thing the constituent says that the reply will rely on, then check "
        "it against a council system or an officer. Record what the source says, and how "
        "any difference was resolved. Evidence for LO2 / AC1: information verified and current."
    )
    css = "casekit-verification"

    def build(self) -> list[widgets.Widget]:
        self.case = self.case_picker()
        self.case.observe(self._on_case, names="value")
        self.summary = widgets.HTML()
        self.records = widgets.HTML()
        self.records.add_class("casekit-records")
        self.statement = textarea(
            "The fact", rows=2, placeholder="e.g. The repair was reported on 3 November"
        )
        self.claimed_by = text("Who said it", "constituent")
        self.topic = combobox(
            "Which record it concerns",
            placeholder="e.g. address, tenancy",
            help="The council record you will check it against",
        )
        self.record_button = button("Record this fact", css="casekit-record-fact")
        self.on(self.record_button, self.record_fact)

        self.fact = dropdown("Fact to check", [], width="100%")
        self.source = text(
            "Source checked",
            width=WIDE_WIDTH,
            placeholder="e.g. Housing management system, or the officer's name",
        )
        self.result = dropdown("Result", choices(VERIFICATION_RESULTS), "confirmed")
        self.found = textarea("What the source says", rows=2)
        self.resolution = textarea(
            "How the difference was resolved",
            rows=2,
            help="Needed when the source disagrees or is out of date",
        )
        self.check_button = button("Record the check", css="casekit-verify-fact")
        self.on(self.check_button, self.verify_fact)
        self.facts = widgets.HTML()
        self.facts.add_class("casekit-facts")
        return [
            self.case,
            self.summary,
            section(
                "Council records",
                "What the council's systems hold for this case, and "
                "when each record was last updated.",
                self.records,
            ),
            section(
                "1. Record a fact",
                "One claim at a time, in plain words.",
                columns(self.statement, widgets.VBox([self.claimed_by, self.topic])),
                self.record_button,
            ),
            section(
                "2. Check a fact against a source",
                "Choose the fact, say where you checked it and what you found.",
                self.fact,
                columns(
                    widgets.VBox([self.source, self.result]),
                    widgets.VBox([self.found, self.resolution]),
                ),
                self.check_button,
            ),
            section("Facts on this case", "Unsettled facts hold up the reply.", self.facts),
        ]

    def on_refresh(self, state: State) -> None:
        set_options(self.case, self.case_options(state))
        self._show(state)

    def _on_case(self, _change: dict[str, Any]) -> None:
        if not self.filling:
            self._refresh()

    def _show(self, state: State) -> None:
        case = self.selected_case(state, self.case)
        if case is None:
            self.summary.value = "<p><em>No case logged yet: log one in the intake form.</em></p>"
            self.records.value = ""
            self.facts.value = ""
            set_options(self.fact, [])
            return
        self.summary.value = (
            "<blockquote class='casekit-enquiry' style='border-left:4px solid #999;margin:6px 0;"
            "padding:4px 10px;white-space:pre-wrap;line-height:1.4'>"
            f"<strong>{html.escape(case.ref)}</strong>, received "
            f"{html.escape(fmt_datetime(case.received_at))}: {html.escape(case.enquiry)}"
            "</blockquote>"
        )
        records, changes = council_records(state, case)
        self.records.value = records_html(records, changes, council_names(state))
        topics = {str(r.get("type", "")).replace("_", " ") for r in records}
        topics |= {str(k).replace("_", " ") for r in records for k in (r.get("fields") or {})}
        self.topic.options = sorted(t for t in topics if t)
        set_options(self.fact, [(fact_label(f), f.id) for f in case.facts.values()])
        rows = []
        for fact in case.facts.values():
            last = fact.checks[-1] if fact.checks else {}
            rows.append(
                {
                    "id": fact.id,
                    "statement": fact.statement,
                    "by": fact.claimed_by,
                    "topic": getattr(fact, "topic", ""),
                    "source": last.get("source", ""),
                    "result": VERIFICATION_RESULTS.get(fact.result or "", "not checked yet"),
                    "found": last.get("found", ""),
                    "resolution": last.get("resolution", ""),
                    "settled": "settled" if fact.settled else "NOT settled",
                }
            )
        self.facts.value = table_html(
            rows,
            [
                ("id", "Fact"),
                ("statement", "What was said"),
                ("by", "Said by"),
                ("topic", "Record"),
                ("source", "Checked with"),
                ("result", "Result"),
                ("found", "Source says"),
                ("resolution", "Resolved by"),
                ("settled", "Settled?"),
            ],
            caption=f"Facts on {case.ref}",
            empty="No facts recorded on this case yet.",
        )

    def record_fact(self, _button: Any = None) -> str:
        with self.casework() as cw:
            fact_id = cw.record_fact(
                self.case.value or "",
                self.statement.value,
                self.claimed_by.value,
                topic=self.topic.value,
            )
        self.statement.value = ""
        self.topic.value = ""
        return f"Fact {fact_id} recorded on {self.case.value}. Now check it against a source."

    def verify_fact(self, _button: Any = None) -> str:
        with self.casework() as cw:
            cw.verify_fact(
                self.case.value or "",
                self.fact.value or "",
                source=self.source.value,
                result=self.result.value,
                found=self.found.value,
                resolution=self.resolution.value,
            )
        fact = self.fact.value
        for control in (self.source, self.found, self.resolution):
            control.value = ""
        return f"Check of {fact} recorded: {VERIFICATION_RESULTS[self.result.value].lower()}."


def verification(workspace: str | Path) -> widgets.Widget:
    """The verification form for the workspace at ``workspace``."""
    return Verification(workspace).widget
