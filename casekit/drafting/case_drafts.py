"""Drafting on a workspace: starting drafts in the member's style, live checks, saving.

This joins :mod:`casekit.drafting` (templates and checks, which know nothing of the log) to
a case in the log: who the member is, who the constituent is, which recipients have
consented, whether the pre-election period is on. A saved draft is one ``draft_saved``
event carrying its findings, so the assessor sees exactly what the checks said.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from casekit import inputs
from casekit.errors import CasekitError
from casekit.inputs.dates import uk_today
from casekit.record.log import Event
from casekit.record.projection import Case, State, as_date
from casekit.record.workspace import Workspace

RECIPIENTS = ("constituent", "member", "service", "third_party")


def in_pre_election(state: State, day: date) -> bool:
    """Whether ``day`` falls in the pack's pre-election period (notice to close of poll)."""
    period = (state.pack or {}).get("pre_election") or {}
    start, end = period.get("start"), period.get("end")
    if not start or not end:
        return False
    return as_date(start) <= day <= as_date(end)


def _member(state: State, case: Case) -> dict[str, Any] | None:
    if state.council is None or case.member_id not in state.council.members:
        return None
    m = state.council.members[case.member_id]
    ward_names = [state.council.wards[w].name for w in m.wards if w in state.council.wards]
    return {
        "id": m.id,
        "name": m.name,
        "wards": ward_names,
        "style": dict(m.style),
        "email": m.email,
        "phone": m.phone,
        "committees": list(m.committees),
    }


def _case(state: State, case_ref: str) -> Case:
    case = state.case(case_ref)
    if case is None:
        raise state.profile.rule("unknown-case").error(case=case_ref, field="case")
    return case


def check_context(
    state: State, case: Case, recipient: str = "constituent", letter_kind: str = ""
) -> dict[str, Any]:
    """The keyword arguments :func:`casekit.drafting.check_draft` needs for this case."""
    if recipient not in RECIPIENTS and not recipient.strip():
        raise CasekitError("recipient is empty.", field="recipient")
    known = []
    if case.on_behalf_of:
        known.append(case.on_behalf_of)
    member = _member(state, case)
    if recipient == "constituent":
        reader: Any = case.constituent
    elif recipient == "member":
        reader = {"name": member["name"] if member else "the member", "role": "member"}
    elif recipient == "service":
        officer = case.referrals[-1].data.get("officer") if case.referrals else ""
        reader = {"name": officer or "service officer", "role": "colleague"}
    else:
        reader = {"name": recipient, "role": "third party"}
    contacts = []
    if state.council is not None:
        for referral in case.referrals:
            service = state.council.services.get(str(referral.data.get("service")))
            if service is not None:
                contacts.append({"name": service.officer, "email": service.email})
    consents = [c.get("recipient", "") for c in case.consents]
    if (
        recipient == "service"
        and case.referrals
        and (not case.on_behalf_of or case.subject_consent() is not None)
    ):
        # A referral passes the constituent's own request to the council service that can
        # act on it (UK GDPR art. 6(1)(e); DPA 2018 Sch. 1 para 23, as refer_to_service
        # records): the officer it went to needs no extra consent.
        consents.append(reader["name"])
    return {
        "member": member,
        "recipient": reader,
        "case": {
            "ref": case.ref,
            "constituent": case.constituent,
            "contacts": contacts,
            "category": case.category,
            "letter_kind": letter_kind,
        },
        "consents": consents,
        "known_people": known,
        "pre_election": in_pre_election(state, as_date(state.now) if state.now else uk_today()),
    }


def check_case_draft(
    ws: Workspace,
    case_ref: str,
    text: str,
    recipient: str = "constituent",
    letter_kind: str = "",
) -> list[Any]:
    """Findings on a draft for this case, without saving anything (live checking)."""
    from casekit.drafting import check_draft

    state = ws.state()
    case = _case(state, case_ref)
    context = check_context(state, case, recipient, letter_kind)
    return check_draft(text, profile=ws.profile, **context)


def starting_draft(
    ws: Workspace, case_ref: str, letter_kind: str, extra: dict[str, Any] | None = None
) -> str:
    """A starting draft of ``letter_kind`` in the member's style, for the learner to edit."""
    from casekit.drafting import render_letter

    state = ws.state()
    case = _case(state, case_ref)
    member = _member(state, case) or {"name": "the councillor", "style": {}}
    clocks = state.clocks(case)
    due = clocks["respond"].due if "respond" in clocks else ws.now.date()
    owner: dict[str, Any] = {"name": "the casework team"}
    if case.acknowledgements:
        owner = {"name": case.acknowledgements[-1].data.get("owner", "the casework team")}
    if case.referrals and case.referrals[-1].data.get("officer"):
        owner = {"name": case.referrals[-1].data["officer"]}
    extra = dict(extra or {})
    extra.setdefault("date", ws.now.date())
    if letter_kind == "referral" and case.referrals:
        extra.setdefault("service", case.referrals[-1].data.get("service_name"))
        extra.setdefault("officer", case.referrals[-1].data.get("officer"))
    # What the log already says fills the template; what it cannot know (what an outside
    # organisation is, what the service decided when it has not replied) the learner gives,
    # and the template names the field when it is missing.
    extra = {k: v for k, v in extra.items() if not (isinstance(v, str) and not v.strip())}
    latest = case.service_replies[-1] if case.service_replies else None
    if latest is not None:
        found = (
            f"{latest.data.get('service_name', 'The service')} has told me: "
            f"{latest.get('text', '')}"
        )
        extra.setdefault("outcome", found)
        extra.setdefault("progress", found)
        extra.setdefault("service_replied", True)  # the letter may say it has the answer
    if letter_kind == "holding_reply" and case.holding_replies:
        extra.setdefault("reason", case.holding_replies[-1].data.get("reason"))
        extra.setdefault("new_date", case.holding_replies[-1].data.get("new_date"))
    from casekit.rules.vocabulary import CATEGORY_SUBJECTS

    summary = f"the {CATEGORY_SUBJECTS.get(case.category, 'matter')} you raised"
    street = _street(str(case.constituent.get("address", "")))
    if street:
        summary += f" ({street})"
    return render_letter(
        letter_kind,
        member=member,
        case={
            "ref": case.ref,
            "summary": summary,
            "category": case.category,
            "due": due,
            "owner": owner,
        },
        constituent=case.constituent,
        extra=extra,
    )


def _street(address: str) -> str:
    """The street line of an address ("13 Hall Road"), passing over a flat or unit line."""
    for part in address.split(","):
        part = part.strip()
        if (
            part
            and not part.startswith("[")
            and not re.match(r"(?i)(flat|apartment|unit|room|suite)\b", part)
        ):
            return part
    return ""


def save_draft(
    ws: Workspace, case_ref: str, *, letter_kind: str, text: str, recipient: str = "constituent"
) -> tuple[Event, list[Any]]:
    """Check and save a draft. Findings are kept with it; their quoted words (which may
    name people) go with the personal values so retention can erase them."""
    from casekit.drafting import LETTER_KINDS, check_draft

    if letter_kind not in LETTER_KINDS:
        raise CasekitError(
            f"letter kind '{letter_kind}' is not one of: {', '.join(LETTER_KINDS)}.",
            field="letter kind",
        )
    if not isinstance(text, str) or not text.strip():
        raise CasekitError(
            "The draft is empty.",
            field="draft text",
            advice="Write the letter, or start from the template.",
        )
    inputs.text(text, "draft text")  # the length limit, nulls, broken characters (kept as typed)
    recipient = inputs.text(recipient, "recipient", limit=200)
    with ws.transaction():
        state = ws.state()
        case = _case(state, case_ref)
        if case.status != "open":
            raise state.profile.rule("reply-after-close").error(field="case")
        context = check_context(state, case, recipient, letter_kind)
        findings = check_draft(text, profile=ws.profile, **context)
        draft_id = f"D{sum(len(c.drafts) for c in state.cases.values()) + 1}"
        event = ws.append(
            "draft_saved",
            {
                "draft_id": draft_id,
                "letter_kind": letter_kind,
                "recipient": recipient if recipient in RECIPIENTS else "third_party",
                "pre_election": context["pre_election"],
                "findings": [
                    {
                        "kind": f.kind,
                        "severity": f.severity,
                        "check": f.check,
                        "rule": f.rule,
                        "criterion": f.criterion,
                    }
                    for f in findings
                ],
            },
            case=case_ref,
            personal={
                "text": text,
                "findings": [f.as_dict() for f in findings],
                "recipient_name": recipient,
            },
        )
    return event, findings
