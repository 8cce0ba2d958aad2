"""One case, shown as a caseworker reads it: the enquiry in the constituent's words, who
they are, every deadline (and why it falls when it does), and everything that has
happened, with the words that were said.

Plain HTML strings, everything a learner or a constituent typed escaped. The casework
desk shows them together; the step forms use the parts they need (the drafting form
shows the enquiry beside the draft, the contacts form the history).
"""

from __future__ import annotations

import html
import re
from datetime import date
from typing import TYPE_CHECKING, Any

from casekit.ui.charts import FLAG_COLOURS
from casekit.ui.controls import fmt_date, fmt_datetime
from casekit.ui.errors import plain

if TYPE_CHECKING:
    from casekit.api import Case, Event, State

# The personal field that holds what was said, for each kind of event that says something.
SAID: dict[str, tuple[str, str]] = {
    "contact_logged": ("summary", "What was said"),
    "acknowledgement_sent": ("text", "Acknowledgement"),
    "referred_to_service": ("question", "Question asked"),
    "constituent_chased": ("text", "The constituent wrote"),
    "service_replied": ("text", "The service wrote"),
    "holding_reply_sent": ("text", "Holding reply"),
    "reply_sent": ("text", "Reply"),
    "escalated": ("reason", "Reason"),
    "consent_recorded": ("purpose", "Purpose"),
    "shared_with_third_party": ("what", "What was shared"),
    "follow_up_recorded": ("action", "What was done"),
}
# What happens behind the scenes, not a step of the case.
QUIET = frozenset({"clock_advanced", "draft_saved"})
_SNAKE = re.compile(r"\b[a-z]+(?:_[a-z]+)+\b")
LETTER = (
    "border-left:4px solid #999;margin:6px 0;padding:6px 12px;white-space:pre-wrap;"
    "font-family:Georgia,serif;background:#fafafa;line-height:1.45"
)
H3 = "<h3 style='margin:6px 0 2px;font-size:15px'>"
FLAG_WORDS = {
    "overdue": "overdue",
    "holding reply needed": "holding reply needed",
    "due today": "due today",
    "due soon": "due soon",
    "on track": "on track",
    "stopped": "clock stopped",
    "passed on": "passed on",
    "met": "met",
    "missed": "missed",
}


def _esc(value: Any) -> str:
    return html.escape(str(value if value is not None else ""))


def enquiry_html(case: Case, *, heading: str = "The enquiry, in the constituent's words") -> str:
    """The enquiry as the constituent wrote it, with who sent it, how and when."""
    from casekit.api import CHANNELS

    who = case.constituent.get("name", "")
    how = CHANNELS.get(case.channel, case.channel)
    return (
        f"<div class='casekit-enquiry-box'>{H3}{_esc(heading)}</h3>"
        f"<blockquote class='casekit-enquiry' style='{LETTER}'>"
        f"<p style='margin:0 0 6px'><strong>From:</strong> {_esc(who)} ({_esc(how)}, "
        f"{_esc(fmt_datetime(case.received_at))})</p>{_esc(case.enquiry)}</blockquote></div>"
    )


def constituent_html(state: State, case: Case) -> str:
    """Who the case is for, what kind it is, and any warning logged with it."""
    from casekit.api import CASE_KINDS, CATEGORIES

    person = case.constituent
    council = state.council
    member = council.members.get(case.member_id) if council else None
    ward = council.wards.get(case.ward_id) if council else None
    rows = [
        ("Name", person.get("name")),
        ("Address", person.get("address")),
        ("Postcode", person.get("postcode")),
        ("Email", person.get("email")),
        ("Phone", person.get("phone")),
    ]
    if case.on_behalf_of:
        subject = case.on_behalf_of
        rows.append(
            ("On behalf of", f"{subject.get('name', '')} ({subject.get('relationship', '')})")
        )
    rows += [
        ("Kind of case", CASE_KINDS.get(case.kind, case.kind)),
        ("Category", CATEGORIES.get(case.category, case.category)),
        ("Councillor", member.name if member else ""),
        ("Ward", ward.name if ward else ""),
        ("Status", "open" if case.status == "open" else "closed"),
    ]
    if case.duplicate_of:
        rows.append(("Duplicate of", case.duplicate_of))
    body = "".join(
        f"<tr><th scope='row' style='text-align:left;padding:2px 10px 2px 0;font-weight:normal;"
        f"color:#444;white-space:nowrap'>{_esc(k)}</th>"
        f"<td style='padding:2px 0'>{_esc(v)}</td></tr>"
        for k, v in rows
        if v
    )
    warnings = "".join(
        f"<li>{_esc(plain(str(w.get('message', ''))))}</li>" for w in case.warnings if w
    )
    listed = (
        f"<p style='margin:6px 0 0'><strong>Warnings logged with the case:</strong></p>"
        f"<ul style='margin:2px 0'>{warnings}</ul>"
        if warnings
        else ""
    )
    return (
        f"<div class='casekit-constituent'>{H3}The constituent and "
        f"the case</h3><table style='border-collapse:collapse'>{body}</table>{listed}</div>"
    )


def deadlines_html(state: State, case: Case, today: date, *, why: Any = None) -> str:
    """Every deadline of the case with its date, working days left and flag, each with
    "Why this date?" opening how the date was reached. ``why(clock)`` gives the lines of
    that explanation (the dashboard's deadline ledger can be passed in)."""
    from casekit import api

    explain = why or api.why_this_date
    rows = [r for r in api.deadline_rows(state, today) if r.case == case.ref]
    clocks = state.clocks(case)
    if not rows:
        return "<p class='casekit-empty'><em>No deadlines on this case.</em></p>"
    items = []
    for row in rows:
        colour = FLAG_COLOURS.get(row.flag, "#333")
        left = "" if row.days_left is None else f", {_days(row.days_left)}"
        lines = "".join(f"<li>{_esc(plain(line))}</li>" for line in explain(clocks[row.clock]))
        items.append(
            f"<li class='casekit-deadline' style='margin:4px 0;list-style:none;"
            f"border-left:6px solid {colour};padding:2px 8px'>"
            f"<strong>{_esc(row.label[:1].upper() + row.label[1:])}</strong>: due "
            f"{_esc(fmt_date(row.due))}{_esc(left)} "
            f"<span class='casekit-flag' style='color:{colour};font-weight:bold'>"
            f"({_esc(FLAG_WORDS.get(row.flag, row.flag))})</span>"
            f"<details class='casekit-why-date'><summary>Why this date?</summary>"
            f"<ul style='margin:2px 0 4px'>{lines}</ul></details></li>"
        )
    return (
        f"<div class='casekit-case-deadlines'>{H3}Deadlines</h3>"
        f"<ul style='padding:0;margin:0'>{''.join(items)}</ul></div>"
    )


def _days(n: int) -> str:
    if n < 0:
        return f"{-n} working day{'s' if n != -1 else ''} late"
    if n == 0:
        return "due today"
    return f"{n} working day{'s' if n != 1 else ''} left"


def history_line(event: Event, labels: dict[str, str]) -> str:
    """What an event did, in words: the audit line with dates, clocks and codes spelt out."""
    from casekit.api import summarise

    line = summarise(event)
    clock = event.data.get("clock")
    if event.kind.startswith("clock_") and clock in labels:
        line = line.replace(str(clock).upper(), labels[clock], 1).replace(
            str(clock), labels[clock], 1
        )
    if event.kind == "constituent_chased":
        line = "the constituent chased"
    line = _SNAKE.sub(lambda m: m.group(0).replace("_", " "), line)
    line = plain(line)
    return line[:1].upper() + line[1:]


def history_html(state: State, case: Case, *, newest_first: bool = True) -> str:
    """Everything that has happened on the case, each with what was said."""
    labels = {cid: c.label for cid, c in state.clocks(case).items()}
    events = [e for e in case.timeline if e.kind not in QUIET]
    if newest_first:
        events = events[::-1]
    items = []
    for event in events:
        said = ""
        field, heading = SAID.get(event.kind, ("", ""))
        words = str(event.get(field) or "").strip() if field else ""
        if words:
            said = (
                f"<blockquote style='{LETTER};margin:4px 0 2px'>"
                f"<span class='casekit-said-heading' style='font-family:sans-serif;"
                f"font-size:12px;color:#444'>{_esc(heading)}</span><br>{_esc(words)}"
                "</blockquote>"
            )
        who = "" if event.actor in ("learner", "system", "simulation") else f" ({event.actor})"
        items.append(
            f"<li class='casekit-history-item casekit-event-{_esc(event.kind)}' "
            f"style='margin:4px 0'><span style='color:#444'>{_esc(fmt_datetime(event.at))}"
            f"</span> {_esc(history_line(event, labels))}{_esc(who)}{said}</li>"
        )
    return (
        f"<div class='casekit-case-history'>{H3}What has happened "
        f"(newest first)</h3><ul style='padding-left:1.2em;margin:0'>{''.join(items)}</ul></div>"
    )
