"""Approval: put a saved draft to the councillor and read their decision (LO4, AC3).

Replies go out in the member's name, so the member approves them. The simulated member
reads the draft against the findings saved with it and either approves it or returns it
with comments in their own voice, each citing the rule behind it. Every decision is an
event, so the approval (or the revision it asked for) is evidence. A member who approved
another way (by phone, at a surgery, by email) is recorded here with who, when and how;
the kit accepts it and marks it for the tutor to confirm.
"""

from __future__ import annotations

import html
from pathlib import Path
from typing import TYPE_CHECKING, Any

import ipywidgets as widgets

from casekit import api
from casekit.errors import CasekitError
from casekit.ui.base import Step
from casekit.ui.controls import (
    WIDE_WIDTH,
    button,
    choices,
    date_picker,
    dropdown,
    fmt_datetime,
    plural,
    section,
    set_options,
    table_html,
    text,
)
from casekit.ui.drafting_step import saved_draft_options
from casekit.ui.errors import Outcome, message_html

if TYPE_CHECKING:
    from casekit.api import State


def decision_html(approved: bool, comments: list[str], note: str = "") -> str:
    """The member's answer as the learner reads it."""
    if approved:
        box = message_html("success", note or "Approved.", heading="Approved by the councillor")
    else:
        box = message_html(
            "warning", note or "Returned for revision.", heading="Returned by the councillor"
        )
    items = "".join(f"<li>{html.escape(c)}</li>" for c in comments)
    listed = f"<ul class='casekit-member-comments'>{items}</ul>" if items else ""
    return f"<div class='casekit-decision'>{box}{listed}</div>"


class Approval(Step):
    title = "Ask the councillor to approve"
    intro = (
        "Send a saved draft to the councillor. They approve it, or return it with comments "
        "to act on: revise the draft in the drafting form, save it and send it again. "
        "Evidence for AC3: the member's approval of replies in their name."
    )
    css = "casekit-approval"

    def build(self) -> list[widgets.Widget]:
        self.case = self.case_picker()
        self.case.observe(self._on_change, names="value")
        self.draft = dropdown("Saved draft", [], width=WIDE_WIDTH)
        self.draft.observe(self._on_change, names="value")
        self.letter = widgets.HTML()
        self.letter.add_class("casekit-draft-text")
        self.submit_button = button(
            "Send to the councillor for approval", css="casekit-submit-draft"
        )
        self.on(self.submit_button, self.submit)
        self.decision = widgets.HTML()
        self.decision.add_class("casekit-decision-area")
        self.history = widgets.HTML()
        self.o_who = text("Who approved it", placeholder="Councillor Henry Moran")
        self.o_how = dropdown("How", choices(api.APPROVAL_ROUTES), "phone")
        self.o_day = date_picker("On")
        self.o_time = text("At (HH:MM)", placeholder="14:30")
        self.o_note = text("Note for your tutor (optional)", width=WIDE_WIDTH)
        self.other_button = button(
            "Record the councillor's approval", kind="", css="casekit-approval-another-way"
        )
        self.on(self.other_button, self.record_other_way)
        return [
            self.case,
            section(
                "The draft",
                "What the councillor will read.",
                self.draft,
                self.letter,
                self.submit_button,
            ),
            section(
                "The councillor's answer", "Approved, or returned with comments.", self.decision
            ),
            section(
                "Approved another way",
                "If the councillor approved this draft by phone, at a surgery or by email, "
                "record who, when and how. It is accepted, and your tutor will confirm it.",
                self.o_who,
                self.o_how,
                self.o_day,
                self.o_time,
                self.o_note,
                self.other_button,
            ),
            section("Decisions on this case", "Every draft sent and what came back.", self.history),
        ]

    def on_refresh(self, state: State) -> None:
        set_options(self.case, self.case_options(state))
        case = self.selected_case(state, self.case)
        set_options(self.draft, saved_draft_options(case) if case else [])
        if case is None:
            self.letter.value = "<p><em>No case yet.</em></p>"
            self.history.value = ""
            return
        event = case.drafts.get(self.draft.value or "")
        if event is None:
            self.letter.value = (
                "<p><em>No saved draft on this case: save one in the drafting form.</em></p>"
            )
        else:
            self.letter.value = (
                "<div style='white-space:pre-wrap;line-height:1.4;border:1px solid #ccc;"
                "padding:6px 10px;max-width:46em;font-family:Georgia,serif'>"
                f"{html.escape(str(event.get('text') or ''))}</div>"
            )
        self.history.value = table_html(
            [
                {
                    "at": fmt_datetime(e.at),
                    "draft": e.data.get("draft_id"),
                    "decision": (
                        "returned"
                        if e.kind == "draft_returned"
                        else f"approved {api.APPROVAL_ROUTES[e.data['route']].lower()} "
                        "(for your tutor to confirm)"
                        if e.data.get("route") in api.APPROVAL_ROUTES
                        else "approved"
                    ),
                    "comments": " / ".join(e.get("comments") or []),
                }
                for e in case.approvals
            ],
            [
                ("at", "When"),
                ("draft", "Draft"),
                ("decision", "Decision"),
                ("comments", "Comments"),
            ],
            empty="No draft on this case has been sent for approval yet.",
        )

    def _on_change(self, _change: dict[str, Any]) -> None:
        if not self.filling:
            self._refresh()

    def submit(self, _button: Any = None) -> Outcome:
        with self.workspace() as ws:
            _event, decision = api.submit_for_approval(
                ws, self.case.value or "", self.draft.value or ""
            )
        self.decision.value = decision_html(
            decision.approved, list(decision.comments), decision.note
        )
        draft = self.draft.value
        if decision.approved:
            return Outcome(f"Draft {draft} approved: you can send it from the drafting form.")
        return Outcome(  # more work to do: shown as a warning, never as "Done"
            f"Draft {draft} returned with {plural(len(decision.comments), 'comment')}: "
            "revise it in the drafting form, save and send it again.",
            level="warning",
            heading="The councillor returned the draft",
        )

    def record_other_way(self, _button: Any = None) -> Outcome:
        day = self.o_day.value
        if day is None:
            raise CasekitError(
                "Give the day the councillor approved the draft.",
                field="on",
                advice="Pick the date in 'On'.",
            )
        typed = (self.o_time.value or "").strip() or "09:00"
        when = api.parse_uk_date(f"{day:%d/%m/%Y} {typed}", "at")
        with self.workspace() as ws:
            api.record_member_approval(
                ws,
                self.case.value or "",
                self.draft.value or "",
                approved_by=self.o_who.value,
                approved_at=when,
                how=self.o_how.value,
                note=self.o_note.value,
            )
        draft = self.draft.value
        self.o_note.value = ""
        return Outcome(
            f"Recorded: the councillor approved draft {draft} "
            f"{api.APPROVAL_ROUTES[self.o_how.value].lower()}. You can send it from the "
            "drafting form; your tutor will confirm the approval."
        )


def approval(workspace: str | Path) -> widgets.Widget:
    """The approval form for the workspace at ``workspace``."""
    return Approval(workspace).widget
