"""Drafting: write the reply in the member's style, checked as you write (LO4, AC3).

"Start from template" gives a starting draft in the councillor's own greeting, register
and sign-off, beside the enquiry it answers. The learner edits it; the drafting checks
(style, neutrality, confidentiality, completeness) run as they type, once they pause for a
moment (and on "Check the draft"), and show each finding with the words it is about, the
rule it cites and the criterion it bears on. Saving keeps the draft and its findings in
the log; sending the reply is refused while facts are unverified unless a reason is
recorded, and the learner says every time whether it is the full reply.
"""

from __future__ import annotations

import html
from pathlib import Path
from typing import TYPE_CHECKING, Any

import ipywidgets as widgets

from casekit import api
from casekit.errors import CasekitError
from casekit.ui.base import Step
from casekit.ui.case_views import LETTER, enquiry_html
from casekit.ui.controls import (
    WIDE_WIDTH,
    button,
    choices,
    columns,
    dropdown,
    fmt_datetime,
    plural,
    section,
    set_options,
    text,
    textarea,
)
from casekit.ui.errors import Outcome, message_html, shows_errors
from casekit.ui.live import Debouncer

if TYPE_CHECKING:
    from casekit.api import Case, State

SEVERITY_LEVEL = {"breach": "error", "warning": "warning", "advice": "info"}
SEVERITY_HEADING = {"breach": "Breach", "warning": "Warning", "advice": "Advice"}
REPLY_KINDS = [
    ("Choose: the full reply, or an update", ""),
    ("Yes: the full reply (it answers the enquiry and meets its deadlines)", "full"),
    ("No: an update or a signposting letter (the deadlines keep running)", "update"),
]
READERS = {
    "constituent": "The constituent",
    "member": "The councillor (member)",
    "service": "The service officer",
}


def letter_kinds() -> dict[str, str]:
    return {k: k.replace("_", " ").capitalize() for k in api.letter_kinds()}


def template_fields() -> dict[str, str]:
    """Every extra detail a letter template asks for, ``{key: what it is}``."""
    fields: dict[str, str] = {}
    for needs in api.required_extras().values():
        for where, key, what in needs:
            if where == "extra":
                fields.setdefault(key, what)
    return fields


def findings_html(findings: list[Any]) -> str:
    """Each finding as a message box: what is wrong, the words, the rule, the criterion."""
    if not findings:
        return message_html(
            "success", "The checks found nothing to change in this draft.", heading="No findings"
        )
    boxes = []
    for f in findings:
        words = f" ('{f.words}')" if f.words and f.words not in f.message else ""
        about = str(f.kind).replace("_", " ")
        boxes.append(
            message_html(
                SEVERITY_LEVEL.get(f.severity, "info"),
                f"{f.message}{words} (about {about}; criterion {f.criterion})",
                source=f.rule,
                heading=SEVERITY_HEADING.get(f.severity, f.severity),
            )
        )
    return "".join(boxes)


def highlighted(text_: str, findings: list[Any]) -> str:
    """The draft with the words each finding is about marked, everything escaped (nothing
    when no finding points at words)."""
    spans = sorted({(f.start, f.end) for f in findings if 0 <= f.start < f.end <= len(text_)})
    if not spans:
        return ""
    out, at = [], 0
    for start, end in spans:
        if start < at:
            continue
        out.append(html.escape(text_[at:start]))
        out.append(f"<mark>{html.escape(text_[start:end])}</mark>")
        at = end
    out.append(html.escape(text_[at:]))
    return (
        "<div class='casekit-draft-preview' style='white-space:pre-wrap;border:1px solid #ccc;"
        "padding:6px 10px;font-family:Georgia,serif;line-height:1.4'>"
        f"{''.join(out)}</div>"
    )


class Drafting(Step):
    title = "Draft the reply"
    intro = (
        "Start from the councillor's template, then make it fit this case: the enquiry is "
        "beside the draft. The checks run as you type: they point at the words, cite the "
        "rule and name the criterion. Save the draft, send it for approval, then send the "
        "reply. Evidence for LO4 / AC3."
    )
    css = "casekit-drafting"

    def build(self) -> list[widgets.Widget]:
        self.case = self.case_picker()
        self.case.observe(self._on_case, names="value")
        self.kind = dropdown("Kind of letter", choices(letter_kinds()), "full_reply")
        self.kind.observe(self._on_kind, names="value")
        self.reader = dropdown("Who will read it", choices(READERS), "constituent")
        self.third_party = text("Or a named third party", help="Only with recorded consent")
        # What only the learner can say (what the service decided, why it is late): a few
        # lines each, so nothing they write is cut off.
        self.extras = {
            key: textarea(what[0].upper() + what[1:], rows=2, width=WIDE_WIDTH)
            for key, what in template_fields().items()
        }
        self.template_button = button("Start from template", kind="", css="casekit-start-template")
        self.on(self.template_button, self.start_from_template)
        self.draft = textarea(
            "Draft",
            rows=18,
            width="100%",
            help="Edit the letter; the checks run as you type",
        )
        self.draft.continuous_update = True
        self.live_check = Debouncer(self._check_now)
        self.draft.observe(self._on_edit, names="value")
        self.check_button = button("Check the draft", kind="", css="casekit-check-draft")
        self.on(self.check_button, self.check)
        self.findings = widgets.HTML()
        self.findings.add_class("casekit-findings")
        self.preview = widgets.HTML()
        self.save_button = button("Save the draft", css="casekit-save-draft")
        self.on(self.save_button, self.save)
        self.answering = widgets.HTML()
        self.answering.add_class("casekit-answering")

        self.saved = dropdown("Saved draft to send", [], width=WIDE_WIDTH)
        self.channel = dropdown("Send by", choices(api.CHANNELS), "email")
        # No default: a letter logged as the full reply meets the deadlines, so the
        # learner says which it is every time (a statutory request needs its own
        # statutory response either way).
        self.final = dropdown("Is this the full reply?", REPLY_KINDS, "", width=WIDE_WIDTH)
        self.unverified = text(
            "Reason for replying before every fact is verified",
            width=WIDE_WIDTH,
            help="Leave empty unless you must",
        )
        self.send_button = button("Send the reply", kind="success", css="casekit-send-reply")
        self.on(self.send_button, self.send)
        self._show_extras()
        return [
            self.case,
            section(
                "1. Start the letter",
                "Choose the kind of letter and who will read it; fill in what the template needs.",
                columns(
                    widgets.VBox([self.kind, self.reader, self.third_party]),
                    widgets.VBox(list(self.extras.values())),
                ),
                self.template_button,
            ),
            section(
                "2. Edit and check",
                "Checks: style, neutrality, confidentiality and completeness.",
                columns(
                    self.answering,
                    widgets.VBox(
                        [
                            self.draft,
                            widgets.HBox([self.check_button, self.save_button]),
                            self.findings,
                            self.preview,
                        ],
                        layout=widgets.Layout(width="100%"),
                    ),
                    min_width="24em",
                ),
                css="casekit-draft-editor",
            ),
            section(
                "3. Send the reply",
                "Send a draft the councillor approved, exactly as approved: a returned or "
                "changed draft cannot go out in their name.",
                self.saved,
                self.channel,
                self.final,
                self.unverified,
                self.send_button,
            ),
        ]

    # -- filling --------------------------------------------------------------------
    def on_refresh(self, state: State) -> None:
        set_options(self.case, self.case_options(state, open_only=True))
        case = self.selected_case(state, self.case)
        set_options(self.saved, saved_draft_options(case) if case else [])
        self.answering.value = (
            answering_html(case) if case else ("<p><em>No open case to answer.</em></p>")
        )
        just_saved = getattr(self, "_just_saved", None)
        if just_saved and just_saved in [v for _, v in self.saved.options]:
            self.saved.value = just_saved
        self._just_saved = None

    def _on_case(self, _change: dict[str, Any]) -> None:
        if not self.filling:
            self._refresh()

    def _on_kind(self, _change: dict[str, Any]) -> None:
        self._show_extras()

    def _show_extras(self) -> None:
        needs = api.required_extras().get(self.kind.value, ())
        needed = {key for where, key, _ in needs if where == "extra"}
        for key, control in self.extras.items():
            control.layout.display = "" if key in needed else "none"

    def _on_edit(self, _change: dict[str, Any]) -> None:
        if not self.filling and self.draft.value.strip():
            self.live_check()

    def _check_now(self) -> None:
        shows_errors(self.status)(self.check)()

    def _recipient(self) -> str:
        return self.third_party.value.strip() or self.reader.value

    # -- actions --------------------------------------------------------------------
    def start_from_template(self, _button: Any = None) -> str:
        extra = {k: c.value.strip() for k, c in self.extras.items() if c.value.strip()}
        with self.workspace() as ws:
            letter = api.starting_draft(ws, self.case.value or "", self.kind.value, extra)
        self.draft.value = letter  # the observer checks it
        return (
            f"Started a {letter_kinds()[self.kind.value].lower()} in the councillor's "
            "style. Edit it to fit the case."
        )

    def check(self, _button: Any = None) -> None:
        with self.workspace() as ws:
            found = api.check_case_draft(
                ws, self.case.value or "", self.draft.value, self._recipient(), self.kind.value
            )
        self.findings.value = findings_html(found)
        self.preview.value = highlighted(self.draft.value, found)

    def save(self, _button: Any = None) -> Outcome:
        with self.workspace() as ws:
            event, found = api.save_draft(
                ws,
                self.case.value or "",
                letter_kind=self.kind.value,
                text=self.draft.value,
                recipient=self._recipient(),
            )
        self.findings.value = findings_html(found)
        self.preview.value = highlighted(self.draft.value, found)
        draft_id = event.data["draft_id"]
        self._just_saved = draft_id  # chosen for sending once the lists refresh
        return Outcome(
            f"Draft {draft_id} saved with {plural(len(found), 'finding')}. "
            "Now send it to the councillor for approval."
        )

    def send(self, _button: Any = None) -> str:
        if self.final.value not in ("full", "update"):
            raise CasekitError(
                "Say whether this is the full reply or an update.",
                field="Is this the full reply?",
                advice="Choose 'Yes' only when the letter answers the enquiry in full: it "
                "meets the case's deadlines. A signposting letter or an update is not.",
            )
        final = self.final.value == "full"
        with self.workspace() as ws:
            case = ws.state().case(self.case.value or "")
            draft = case.drafts.get(self.saved.value or "") if case else None
            letter = draft.get("text") if draft is not None else self.draft.value
        with self.casework() as cw:
            cw.send_reply(
                self.case.value or "",
                text=letter or "",
                channel=self.channel.value,
                draft_id=self.saved.value or None,
                unverified_reason=self.unverified.value,
                final=final,
            )
        self.unverified.value = ""
        self.final.value = ""
        kind = "Full reply" if final else "Update"
        return f"{kind} sent on {self.case.value}."


def answering_html(case: Case) -> str:
    """What the draft answers: the enquiry, and what the service said about it."""
    parts = [enquiry_html(case, heading="The enquiry you are answering")]
    for reply in case.service_replies:
        service = reply.data.get("service_name") or "The service"
        parts.append(
            f"<h3 style='margin:8px 0 2px;font-size:15px'>{html.escape(str(service))} replied "
            f"({html.escape(fmt_datetime(reply.at))})</h3>"
            f"<blockquote class='casekit-service-reply' style='{LETTER}'>"
            f"{html.escape(str(reply.get('text') or ''))}</blockquote>"
        )
    unsettled = case.unsettled_facts()
    if unsettled:
        parts.append(
            "<p class='casekit-unsettled' style='color:#6b4100'><strong>Not settled yet:</strong> "
            + html.escape("; ".join(f.statement for f in unsettled))
            + "</p>"
        )
    return "".join(parts)


def saved_draft_options(case: Case) -> list[tuple[str, str]]:
    """Saved drafts on a case, each with where it stands with the councillor."""
    options = []
    for draft_id, event in case.drafts.items():
        status = api.draft_status(case, draft_id)
        kind = str(event.data.get("letter_kind", "")).replace("_", " ")
        options.append((f"{draft_id}: {kind} ({status})", draft_id))
    return options


def drafting(workspace: str | Path) -> widgets.Widget:
    """The drafting form for the workspace at ``workspace``."""
    return Drafting(workspace).widget
