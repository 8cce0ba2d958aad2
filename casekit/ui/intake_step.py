"""Intake: read the enquiries that have arrived and log each one as a case (LO1, AC1).

The inbox shows what the constituent actually sent. Logging it copies the constituent's
details into the form, where the learner checks and corrects them, then chooses what kind
of case it is (an enquiry, a service request, a complaint...), the category and the
councillor. The domain decides whether anything needs a second look (a postcode outside
the member's ward, another tier's matter, a likely duplicate) and the form shows those
warnings with the rule each one cites.
"""

from __future__ import annotations

import html
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

import ipywidgets as widgets

from casekit.api import CASE_KINDS, CATEGORIES, CHANNELS
from casekit.errors import CasekitError
from casekit.ui.base import Step
from casekit.ui.controls import (
    WIDE_WIDTH,
    button,
    choices,
    columns,
    dropdown,
    fmt_datetime,
    plural,
    section,
    set_choice,
    set_options,
    table_html,
    text,
    textarea,
)
from casekit.ui.dates import DateField
from casekit.ui.errors import Outcome

if TYPE_CHECKING:
    from casekit.api import Event, State

NO_ITEM = "(type in an enquiry that did not come through the inbox)"
CHOOSE_MEMBER = ("Choose the councillor", "")
DEFAULT_KIND = "member_enquiry"


def inbox_item_id(event: Event) -> str:
    """The key the projection files an inbox item under."""
    return str(event.data.get("timeline_item") or event.data.get("item") or event.seq)


def inbox_fields(event: Event) -> dict[str, Any]:
    """What an arrived enquiry says, as the form needs it."""
    person = event.get("constituent") or event.get("from") or {}
    if not isinstance(person, dict):
        person = {"name": str(person)}
    subject = event.get("on_behalf_of") or {}
    return {
        "name": person.get("name", ""),
        "address": person.get("address", ""),
        "postcode": person.get("postcode", ""),
        "email": person.get("email", ""),
        "phone": person.get("phone", ""),
        "text": event.get("enquiry") or "",
        "subject_line": event.get("subject") or "",
        "channel": event.data.get("channel") or "email",
        "member_id": event.data.get("member_id") or event.data.get("member") or "",
        "received_at": event.data.get("received_at") or event.at,
        "member_note": event.data.get("member_note") or "",
        "on_behalf_name": subject.get("name", "") if isinstance(subject, dict) else "",
        "on_behalf_relationship": subject.get("relationship", "")
        if isinstance(subject, dict)
        else "",
    }


def inbox_label(event: Event) -> str:
    f = inbox_fields(event)
    who = f["name"] or "unknown sender"
    how = CHANNELS.get(f["channel"], f["channel"])
    return f"{inbox_item_id(event)}: {how} from {who}, {fmt_datetime(f['received_at'])}"


class Intake(Step):
    title = "Log new enquiries"
    intro = (
        "Read each enquiry in the inbox, then log it as a case. Check the constituent's details "
        "against what they wrote, and decide what kind of case it is. This is evidence for "
        "LO1 / AC1: collecting and recording constituent information systematically."
    )
    css = "casekit-intake"

    def build(self) -> list[widgets.Widget]:
        self.inbox = dropdown(
            "Enquiry in the inbox",
            [(NO_ITEM, "")],
            help="Choose an enquiry that has arrived",
            width=WIDE_WIDTH,
        )
        self.inbox.observe(self._on_pick, names="value")
        self.letter = widgets.HTML()
        self.letter.add_class("casekit-inbox-text")
        self.name = text("Constituent's name")
        self.address = textarea("Address", rows=2)  # a long address wraps, never cut off
        self.postcode = text("Postcode", placeholder="e.g. LE11 3AB", width="16em")
        self.email = text("Email")
        self.phone = text("Phone", placeholder="e.g. 01509 123456")
        self.enquiry = textarea(
            "What they are asking about", rows=6, help="The enquiry in the constituent's words"
        )
        self.kind = dropdown(
            "Kind of case",
            choices(CASE_KINDS),
            DEFAULT_KIND,
            help="A complaint is any dissatisfaction, even if not called one",
        )
        # No default: a category left on the first choice would mislabel the case.
        self.category = dropdown(
            "Category", [("Choose the category", ""), *choices(CATEGORIES)], ""
        )
        self.channel = dropdown("How it came in", choices(CHANNELS), "email")
        self.member = dropdown(
            "Councillor (member)", [CHOOSE_MEMBER], help="The councillor the case is for"
        )
        self.received = DateField(
            "Received (date and time)",
            with_time=True,
            help="Leave empty to use today's date in the simulation",
        )
        self.behalf_name = text(
            "Raised on behalf of (name)", help="Fill in only when someone asks for another person"
        )
        self.behalf_relationship = text("Their relationship", placeholder="e.g. neighbour")
        self.log_button = button("Log this enquiry", css="casekit-log-enquiry")
        self.on(self.log_button, self.log_enquiry)

        self.cases = widgets.HTML()
        self.cases.add_class("casekit-case-list")
        self.cases_section = section(
            "Cases logged so far", "Every case in this workspace.", self.cases
        )
        return [
            section(
                "1. The inbox",
                "Enquiries that have arrived and are not logged yet.",
                self.inbox,
                self.letter,
                css="casekit-inbox",
            ),
            section(
                "2. Log it as a case",
                "The details are copied from the enquiry: check them, correct anything wrong, "
                "and choose the kind of case, the category and the councillor.",
                columns(
                    widgets.VBox(
                        [
                            self.name,
                            self.address,
                            self.postcode,
                            self.email,
                            self.phone,
                            self.behalf_name,
                            self.behalf_relationship,
                        ]
                    ),
                    widgets.VBox(
                        [self.kind, self.category, self.channel, self.member, self.received]
                    ),
                ),
                self.enquiry,
                self.log_button,
                css="casekit-intake-form",
            ),
            self.cases_section,
        ]

    # -- filling the form -----------------------------------------------------------
    def on_refresh(self, state: State) -> None:
        before = set(getattr(self, "_inbox", {}))
        self._inbox = {inbox_item_id(e): e for e in state.unhandled_inbox()}
        options = [(inbox_label(e), key) for key, e in self._inbox.items()]
        first = next(iter(self._inbox), "")
        if self.inbox.value == "" and set(self._inbox) - before:
            self.inbox.value = None  # new enquiries arrived: offer the first one
        changed = set_options(self.inbox, [*options, (NO_ITEM, "")], prefer=first)
        members = []
        if state.council is not None:
            members = [(m.name, m.id) for m in state.council.members.values()]
        set_options(self.member, [CHOOSE_MEMBER, *members])
        if changed:
            self._prefill()
        self._show_letter()
        self.cases.value = table_html(
            [
                {
                    "ref": c.ref,
                    "who": c.constituent.get("name", ""),
                    "kind": CASE_KINDS.get(c.kind, c.kind),
                    "category": CATEGORIES.get(c.category, c.category),
                    "received": fmt_datetime(c.received_at),
                    "status": c.status,
                    "warnings": len(c.warnings),
                }
                for c in state.cases.values()
            ],
            [
                ("ref", "Case"),
                ("who", "Constituent"),
                ("kind", "Kind"),
                ("category", "Category"),
                ("received", "Received"),
                ("status", "Status"),
                ("warnings", "Warnings"),
            ],
            caption="Cases",
            empty="No cases logged yet.",
        )

    def _on_pick(self, _change: dict[str, Any]) -> None:
        if self.filling:
            return
        self.status.value = ""  # a message about the last enquiry is not about this one
        self.mark_field(None)
        self._show_letter()
        self._prefill()

    def _prefill(self) -> None:
        """Copy the chosen enquiry's details into the form for the learner to check; the
        choices only the learner can make start again for every enquiry."""
        self.kind.value = DEFAULT_KIND
        self.category.value = ""
        self.member.value = ""
        self.channel.value = "email"
        event = getattr(self, "_inbox", {}).get(self.inbox.value)
        if event is None:  # typing one in: start from an empty form
            for control in self._typed():
                control.value = ""
            self.received.value = None
            return
        f = inbox_fields(event)
        self.name.value = f["name"]
        self.address.value = f["address"]
        self.postcode.value = f["postcode"]
        self.email.value = f["email"]
        self.phone.value = f["phone"]
        self.enquiry.value = f["text"]
        set_choice(self.channel, f["channel"])
        set_choice(self.member, f["member_id"])
        self.received.value = _moment(f["received_at"])
        self.behalf_name.value = f["on_behalf_name"]
        self.behalf_relationship.value = f["on_behalf_relationship"]

    def _show_letter(self) -> None:
        event = getattr(self, "_inbox", {}).get(self.inbox.value)
        if event is None:
            self.letter.value = (
                "<p><em>No inbox item chosen: type the enquiry into the form below.</em></p>"
            )
            return
        f = inbox_fields(event)
        subject = (
            f"<p><strong>Subject:</strong> {html.escape(f['subject_line'])}</p>"
            if f["subject_line"]
            else ""
        )
        self.letter.value = (
            '<blockquote class="casekit-letter" style="border-left:4px solid #999;'
            "margin:6px 0;padding:6px 12px;white-space:pre-wrap;max-width:46em;"
            'font-family:Georgia,serif;background:#fafafa;line-height:1.45">'
            f"<p><strong>From:</strong> {html.escape(f['name'])} "
            f"({html.escape(CHANNELS.get(f['channel'], f['channel']))}, "
            f"{html.escape(fmt_datetime(f['received_at']))})</p>{subject}"
            f"{html.escape(f['text'])}</blockquote>"
        )
        if f["member_note"]:
            self.letter.value += (
                "<p class='casekit-member-note'><strong>Note from the councillor:</strong> "
                f"{html.escape(str(f['member_note']))}</p>"
            )

    # -- actions --------------------------------------------------------------------
    def log_enquiry(self, _button: Any = None) -> Outcome:
        item = self.inbox.value or None
        if not self.member.value and len(self.member.options) > 1:
            raise CasekitError(
                "Choose the councillor the case is for.",
                field="Councillor (member)",
                advice="Pick the councillor from the list: the enquiry says who it was sent to.",
            )
        received = self.received.read(required=False)
        who = self.name.value.strip()
        with self.casework() as cw:
            result = cw.receive_enquiry(
                constituent={
                    "name": self.name.value,
                    "address": self.address.value,
                    "postcode": self.postcode.value,
                    "email": self.email.value,
                    "phone": self.phone.value,
                },
                enquiry=self.enquiry.value,
                category=self.category.value,
                case_kind=self.kind.value,
                channel=self.channel.value,
                member_id=self.member.value or "",
                received_at=received,
                on_behalf_of={
                    "name": self.behalf_name.value,
                    "relationship": self.behalf_relationship.value,
                },
                inbox_item=item,
            )
        for control in self._typed():
            control.value = ""
        self.received.value = None
        self.kind.value = DEFAULT_KIND
        self.category.value = ""
        self.member.value = ""
        self.logged = result.case_ref
        warned = ""
        if result.notices:
            warned = f", with {plural(len(result.notices), 'warning')} about it to check"
        named = f" ({who})" if who else ""
        return Outcome(f"Logged as case {result.case_ref}{named}{warned}.", result.notices)

    def _typed(self) -> list[widgets.Text | widgets.Textarea]:
        """The fields a learner types or corrects (cleared after logging)."""
        return [
            self.name,
            self.address,
            self.postcode,
            self.email,
            self.phone,
            self.enquiry,
            self.behalf_name,
            self.behalf_relationship,
        ]


def _moment(value: Any) -> datetime | None:
    try:
        return datetime.fromisoformat(str(value))
    except ValueError:
        return None


class LinkDuplicate(Step):
    """Link a case to the case it repeats (one case per problem)."""

    title = "Link a duplicate"
    intro = (
        "If a warning says this looks like a case already open, link the two, saying why "
        "they are the same matter: one case per problem."
    )
    css = "casekit-duplicates"

    def build(self) -> list[widgets.Widget]:
        self.case = dropdown("This case", [], width=WIDE_WIDTH)
        self.case.observe(self._on_case, names="value")
        self.other = dropdown("Duplicate of", [], width=WIDE_WIDTH)
        self.other.tooltip = "A case here, or one held by another member or the MP"
        self.reason = text("Why they are the same matter", width=WIDE_WIDTH)
        self.link_button = button("Link as duplicate", kind="", css="casekit-link-duplicate")
        self.on(self.link_button, self.link_duplicate)
        return [self.case, self.other, self.reason, self.link_button]

    def on_refresh(self, state: State) -> None:
        # The case just logged comes first: its warning is the one this answers.
        cases = self.case_options(state)
        set_options(self.case, cases, prefer=cases[-1][1] if cases else None)
        self._offer(state)

    def _offer(self, state: State) -> None:
        """The chosen case's possible duplicates: cases held by another member or the MP
        that came with its enquiry, then this workspace's other cases (the domain decides)."""
        from casekit import api

        set_options(self.other, api.duplicate_choices(state, self.case.value or None))

    def _on_case(self, _change: dict[str, Any]) -> None:
        if not self.filling and self.exists():
            self._offer(self.state())

    def link_duplicate(self, _button: Any = None) -> str:
        with self.casework() as cw:
            cw.link_duplicate(self.case.value or "", self.other.value or "", self.reason.value)
        self.reason.value = ""
        return f"{self.case.value} is linked as a duplicate of {self.other.value}."


def intake(workspace: str | Path) -> widgets.Widget:
    """The intake form for the workspace at ``workspace``, with linking duplicates below."""
    form = Intake(workspace)
    duplicates = LinkDuplicate(workspace)
    box = widgets.VBox([form.widget, duplicates.widget], layout=widgets.Layout(width="100%"))
    box.add_class("casekit-step")
    box.add_class("casekit-intake-lesson")
    box.step = form  # type: ignore[attr-defined]
    box.duplicates = duplicates  # type: ignore[attr-defined]
    return box
