"""Turning a workspace's (possibly pseudonymised) events into what the pack shows.

Everything here is a pure function of the events, the catalogue, the coaching report and
the template: the same log gives the same HTML and CSV bytes. Times come from the log,
never the wall clock. The HTML is rendered by Jinja2 with autoescaping on, so learner text
(which may hold markup) is always shown as text.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from casekit.evidence.charts import bar_chart
from casekit.evidence.csvsafe import to_csv
from casekit.evidence.naming import NAMED, Names, case_name, names_of, reflection_sections
from casekit.record.audit import audit_rows, summarise
from casekit.record.log import Event
from casekit.rules.vocabulary import CASE_KINDS, CATEGORIES, CHANNELS

if TYPE_CHECKING:
    from casekit.evidence.template import Template
    from casekit.feedback.coverage import Coverage
    from casekit.record.projection import State
    from casekit.rules.criteria import Catalogue

HIDDEN_KEYS = {
    "findings",
    "sections",
    "results",
    "warnings",
    "constituent",
    "on_behalf_of",
    "statement",
    "criteria",
    "text",
    # the machinery of the approval gate: the pack shows the approval itself, not its hash
    "text_sha256",
    "approval_seq",
    "request_seq",
    "feedback_seq",
}


def kind_label(kind: str) -> str:
    return kind.replace("_", " ")


def _plain(value: Any) -> str:
    if isinstance(value, bool):
        return "yes" if value else "no"
    if value is None:
        return ""
    if isinstance(value, list):
        return ", ".join(_plain(v) for v in value)
    if isinstance(value, dict):
        return "; ".join(f"{k}: {_plain(v)}" for k, v in sorted(value.items()))
    return str(value)


def details(event: Event, names: Names | None = None) -> list[tuple[str, str]]:
    """The event's fields as (label, text) pairs, personal values first; ids shown by the
    names they stand for."""
    out: list[tuple[str, str]] = []
    merged: dict[str, Any] = dict(event.data)
    merged.update(event.personal or {})
    for key in sorted(merged):
        if key in HIDDEN_KEYS:
            continue
        text = _plain(merged[key])
        if not text:
            continue
        label = key.replace("_", " ")
        if names is not None and key in NAMED and text in names.get(key, {}):
            label, text = NAMED[key], names[key][text]
        out.append((label, text))
    return out


def _finding(found: dict[str, Any]) -> dict[str, str]:
    """A draft-check finding with every field the page shows (erased or older events keep
    only the kind, severity, check, rule and criterion)."""
    fields = ("kind", "severity", "message", "words", "criterion", "check", "rule")
    view = {k: str(found.get(k) or "") for k in fields}
    view["message"] = view["message"] or view["check"].replace("_", " ")
    return view


def event_view(event: Event, names: Names | None = None) -> dict[str, Any]:
    """One event as the template shows it."""
    view: dict[str, Any] = {
        "seq": event.seq,
        "at": event.at.replace("T", " "),
        "kind": kind_label(event.kind),
        "summary": summarise(event),
        "details": details(event, names),
        "text": event.get("text", "") if event.kind != "declaration_signed" else "",
        "findings": [_finding(f) for f in event.get("findings", []) or [] if isinstance(f, dict)],
        "sections": [],
        "results": list(event.data.get("results", []) or []),
        "erased": event.erased,
    }
    if view["results"]:
        view["results"] = _with_questions(view["results"])
    view["sections"] = reflection_sections(event)
    return view


def _with_questions(results: list[Any]) -> list[dict[str, Any]]:
    """Knowledge-check results with each question's wording and the option chosen, from
    the kit's question bank (so an assessor reads what was asked, not only an id)."""
    from casekit.errors import CasekitError

    try:
        from casekit.feedback.knowledge import load_bank

        questions = load_bank().questions
    except (ImportError, CasekitError):
        questions = {}
    out = []
    for result in results:
        if not isinstance(result, dict):
            continue
        q = questions.get(str(result.get("id")))
        given = result.get("given")
        chosen = ""
        if q is not None and isinstance(given, int) and 0 <= given < len(q.options):
            chosen = q.options[given]
        out.append(
            {
                **result,
                "question": q.question if q else "",
                "chosen": chosen,
                "explanation": q.explanation if q else "",
                "source": q.source if q else "",
            }
        )
    return out


def case_view(state: State, ref: str, names: Names | None = None) -> dict[str, Any]:
    case = state.cases[ref]
    names = names if names is not None else names_of(state)
    council = state.council
    member = ward = ""
    if council is not None:
        m = council.members.get(case.member_id)
        member = m.name if m else case.member_id
        w = council.wards.get(case.ward_id)
        ward = w.name if w else case.ward_id
    clocks = []
    for clock_id, clock in state.clocks(case).items():
        clocks.append(
            {
                "id": clock_id,
                "label": clock.label,
                "due": clock.due.isoformat(),
                "status": clock.status,
                "source": clock.source,
                "ledger": _ledger_view(clock) if clock.spec.role == "statutory" else None,
            }
        )
    return {
        "ref": case.ref,
        "kind": CASE_KINDS.get(case.kind, case.kind),
        "category": CATEGORIES.get(case.category, case.category),
        "channel": CHANNELS.get(case.channel, case.channel),
        "member": member or case.member_id,
        "ward": ward or case.ward_id,
        "received_at": case.received_at.replace("T", " "),
        "status": case.status,
        "constituent": str(case.constituent.get("name", "")),
        "on_behalf_of": str((case.on_behalf_of or {}).get("name", "")),
        "enquiry": case.enquiry,
        "facts": [
            {
                "id": f.id,
                "statement": f.statement,
                "claimed_by": f.claimed_by,
                "checks": [
                    {
                        "at": str(c.get("at", "")).replace("T", " "),
                        "source": c.get("source", ""),
                        "result": c.get("result", ""),
                        "found": c.get("found", ""),
                        "resolution": c.get("resolution", ""),
                    }
                    for c in f.checks
                ],
            }
            for f in case.facts.values()
        ],
        "clocks": clocks,
        "timeline": [event_view(e, names) for e in case.timeline],
        "name": case_name(state, ref),
    }


def _ledger_view(clock: Any) -> dict[str, Any]:
    """Why a statutory deadline falls where it does, day by day, for the assessor."""
    from casekit.rules.ledger import explain

    ledger = explain(clock)
    return {
        "received": ledger.received.isoformat(timespec="minutes").replace("T", " "),
        "day_one": ledger.day_one.isoformat() if ledger.day_one else "",
        "rule": ledger.rule,
        "calendar": ledger.calendar,
        "counted": ledger.counted,
        "length": ledger.length,
        "notes": list(ledger.notes),
        "sources": list(ledger.sources),
        "days": [
            {"date": d.date.isoformat(), "counted": d.day or "", "reason": d.reason}
            for d in ledger.days
        ],
    }


def item_views(cov: Coverage, events: list[Event], state: State) -> list[dict[str, Any]]:
    """Each numbered evidence item with its events (and, for a draft, the draft)."""
    by_seq = {e.seq: e for e in events}
    names = names_of(state)
    out = []
    for item in cov.items:
        item_events = [by_seq[s] for s in item.events if s in by_seq]
        drafts = _drafts_behind(item_events, events, names) if item.group == "draft" else []
        out.append(
            {
                "number": item.number,
                "title": item.title,
                "date": item.date,
                "case": item.case or "",
                "criteria": list(item.criteria),
                "flaws": [{"criterion": c, "reason": why} for c, why in item.flaws],
                "group": item.group,
                "case_name": case_name(state, item.case) if item.case else "",
                "events": [event_view(e, names) for e in item_events],
                "drafts": drafts,
                "show_case": item.group == "intake" and item.case in state.cases,
            }
        )
    return out


def _drafts_behind(
    approvals: list[Event], events: list[Event], names: Names | None = None
) -> list[dict[str, Any]]:
    """Every draft saved on the case on the way to each approval (since the one before),
    with its check findings and the member's decision: the learner's drafting, returned
    drafts included, as an assessor wants to see it."""
    out: list[dict[str, Any]] = []
    for approval in approvals:
        case_events = [e for e in events if e.case == approval.case and e.seq < approval.seq]
        earlier = [e.seq for e in case_events if e.kind == "draft_approved"]
        since = max(earlier, default=0)
        decisions = {
            e.data.get("draft_id"): e
            for e in events
            if e.case == approval.case and e.kind in ("draft_approved", "draft_returned")
        }
        for saved in case_events:
            if saved.kind != "draft_saved" or saved.seq <= since:
                continue
            view = event_view(saved, names)
            decision = decisions.get(saved.data.get("draft_id"))
            view["draft_id"] = saved.data.get("draft_id", "")
            view["decision"] = (
                ""
                if decision is None
                else "approved by the member"
                if decision.kind == "draft_approved"
                else "returned by the member"
            )
            comments = decision.get("comments") if decision is not None else None
            view["comments"] = [
                str(c.get("message", c)) if isinstance(c, dict) else str(c)
                for c in (
                    comments if isinstance(comments, list) else [comments] if comments else []
                )
            ]
            out.append(view)
    return out


def coverage_view(cov: Coverage, catalogue: Catalogue) -> list[dict[str, Any]]:
    return [
        {
            "id": cid,
            "text": crit.text,
            "items": cov.matrix.get(cid, []),
            "count": cov.sufficiency[cid].count,
            "minimum": cov.sufficiency[cid].minimum,
            "met": cov.sufficiency[cid].met,
            "sound": cov.sufficiency[cid].sound,
            "status": cov.sufficiency[cid].status,
            "reasons": list(cov.sufficiency[cid].reasons),
        }
        for cid, crit in catalogue.criteria.items()
    ]


def coverage_chart(cov: Coverage, catalogue: Catalogue, colour: str) -> str:
    ids = list(catalogue.criteria)
    minimum = max((cov.sufficiency[c].minimum for c in ids), default=0)
    return bar_chart(
        ids,
        [cov.sufficiency[c].sound for c in ids],
        title="Sound evidence items per criterion",
        target=minimum or None,
        colour=colour,
        standalone=False,
    )


def render_html(template: Template, context: dict[str, Any]) -> str:
    """Render ``index.html.j2`` with autoescaping on; the stylesheet is the only markup
    passed through unescaped, after :mod:`casekit.evidence.template` checked it."""
    from jinja2 import Environment, FileSystemLoader, StrictUndefined, TemplateError
    from markupsafe import Markup

    from casekit.evidence.config import refuse

    env = Environment(
        loader=FileSystemLoader(str(template.folder)),
        autoescape=True,
        undefined=StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    try:
        page = env.get_template("index.html.j2")
        return page.render(
            **context,
            centre=template.centre,
            css=Markup(template.css),  # checked: no '</', no url(), no @import
            logo_uri=template.logo_uri,
        )
    except TemplateError as err:
        raise refuse(
            "template", f"index.html.j2 could not be rendered ({err}).", field="index.html.j2"
        ) from None


# -- CSV (every cell formula-safe: casekit.evidence.csvsafe) ---------------------------
def audit_csv(events: list[Event]) -> str:
    return to_csv(audit_rows(events), ["seq", "at", "case", "actor", "kind", "summary", "hash"])


CASE_COLUMNS = [
    "case",
    "kind",
    "category",
    "channel",
    "member",
    "ward",
    "received_at",
    "status",
    "closed_at",
    "constituent",
    "facts",
    "facts_settled",
    "contacts",
    "holding_replies",
    "replies",
    "escalations",
    "drafts",
    "approvals",
    "feedback",
    "acknowledge_due",
    "acknowledge_status",
    "respond_due",
    "respond_status",
]


def cases_csv(state: State) -> str:
    rows = []
    names = names_of(state)
    for ref, case in state.cases.items():
        view = case_view(state, ref, names)
        clocks = {c["id"]: c for c in view["clocks"]}
        rows.append(
            {
                "case": ref,
                "kind": view["kind"],
                "category": view["category"],
                "channel": view["channel"],
                "member": view["member"],
                "ward": view["ward"],
                "received_at": case.received_at,
                "status": case.status,
                "closed_at": case.closed_at or "",
                "constituent": view["constituent"],
                "facts": len(case.facts),
                "facts_settled": sum(f.settled for f in case.facts.values()),
                "contacts": len(case.contacts),
                "holding_replies": len(case.holding_replies),
                "replies": len(case.replies),
                "escalations": len(case.escalations),
                "drafts": len(case.drafts),
                "approvals": len(case.approvals),
                "feedback": len(case.feedback),
                "acknowledge_due": clocks.get("acknowledge", {}).get("due", ""),
                "acknowledge_status": clocks.get("acknowledge", {}).get("status", ""),
                "respond_due": clocks.get("respond", {}).get("due", ""),
                "respond_status": clocks.get("respond", {}).get("status", ""),
            }
        )
    return to_csv(rows, CASE_COLUMNS)


def coverage_csv(cov: Coverage, catalogue: Catalogue) -> str:
    from casekit.feedback.coverage import rows

    return to_csv(rows(cov, catalogue), ["item", "date", "case", "title", *catalogue.criteria])
