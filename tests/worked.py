"""Worked workspaces for the evidence tests: a good run scripted through the real API.

``worked_workspace(path, cases=N)`` makes a seeded, synthetic workspace with a small
council, whose enquiries arrive as if from a scenario pack, and works each case through
intake, verification, acknowledgement, referral, a draft saved with its checks and
approved by the member, the reply, closure and a satisfaction review; then a reflection,
a knowledge check and (unless told not to) the learner's details and signed declaration.
Same arguments, same log, byte for byte.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Any

from casekit.casework.actions import Casework
from casekit.drafting.approval import submit_for_approval
from casekit.drafting.case_drafts import save_draft
from casekit.evidence.declaration import sign_declaration
from casekit.record.workspace import Workspace
from tests.approved import approved_draft

START = datetime(2026, 3, 2, 9, 0)
PEOPLE = [
    ("Aisha Okafor", "LE11 3AB", "aisha.okafor@example.org", "01509 222333"),
    ("Tom Whitfield", "LE11 2PQ", "tom.w@example.org", "07700 900123"),
    ("Grace Lindqvist", "LE11 1XY", "grace.l@example.org", "01509 444555"),
]
# (category, service, what the constituent says, the fact to verify, where it is checked)
PROBLEMS = [
    (
        "highways",
        "street-lighting",
        "The streetlight outside my house has been out for two weeks and the pavement is dark.",
        "The light has been out since 14 February.",
        "Street lighting fault log",
    ),
    (
        "housing",
        "housing-repairs",
        "There has been black mould in my daughter's bedroom since January and she has asthma.",
        "A repair was reported on 8 January.",
        "Housing repairs system",
    ),
    (
        "waste",
        "waste-collection",
        "Our green bin has been missed three collections running and it is overflowing.",
        "Collections were missed on three Tuesdays.",
        "Waste round records",
    ),
]
NEXT_STEPS = [
    "An engineer will replace the lamp column fitting",
    "A surveyor will inspect the bedroom and arrange treatment",
    "The crew supervisor has added your road to the round sheet again",
    "The team has booked a night inspection of the whole street",
    "The repairs manager has made this an urgent job because of the asthma",
    "Missed bins are now flagged to the depot each morning",
    "The contractor has been asked to check the cable feed as well",
    "A damp specialist will also check the ventilation",
    "The driver has been briefed about the narrow access",
    "The lighting team will write to neighbours about the works",
    "The housing officer will visit afterwards to make sure it is fixed",
    "An assisted collection has been offered while the bin is replaced",
]
STYLE = {
    "formality": "neutral",
    "greeting": "Dear {first} {surname}",
    "sign_off": "Kind regards",
    "phrases": ["Thank you for bringing this to my attention."],
    "preferred_channel": "email",
    "stance": {"highways": "wants potholes fixed properly first time"},
}
SERVICES = [
    {
        "id": "street-lighting",
        "name": "Street Lighting",
        "category": "highways",
        "officer": {"name": "Dana Officer", "email": "dana.officer@example.gov.uk"},
    },
    {
        "id": "housing-repairs",
        "name": "Housing Repairs",
        "category": "housing",
        "officer": {"name": "Lee Surveyor", "email": "lee.surveyor@example.gov.uk"},
    },
    {
        "id": "waste-collection",
        "name": "Waste Collection",
        "category": "waste",
        "officer": {"name": "Kim Depot", "email": "kim.depot@example.gov.uk"},
    },
]
COUNCIL = {
    "name": "Charnwood Practice Council",
    "tier": "unitary",
    "wards": [{"id": "W01", "name": "Lemyngton", "sectors": ["LE11 1", "LE11 2", "LE11 3"]}],
    "members": [
        {
            "id": "M01",
            "name": "Councillor Henry Moran",
            "first": "Henry",
            "surname": "Moran",
            "wards": ["W01"],
            "style": STYLE,
            "email": "cllr.moran@example.gov.uk",
            "phone": "0116 496 0807",
        }
    ],
    "services": SERVICES,
}


def _letter(
    name: str, ref: str, i: int, problem: str, officer: dict[str, str], own: str = ""
) -> str:
    first, surname = name.split()
    return (
        f"Dear {first} {surname},\n\nThank you for bringing this to my attention. You told "
        f"me: {problem[0].lower()}{problem[1:]} I raised it with the council and checked "
        f"its records. {NEXT_STEPS[i % len(NEXT_STEPS)]}{own}, and this will be done within 10 "
        f"working days. Your reference is {ref}. If you need to contact anyone, please "
        f"contact {officer['name']} on {officer['email']} or my office on 0116 496 0807.\n\n"
        "Kind regards,\nCouncillor Henry Moran"
    )


def worked_workspace(
    path: str | Path,
    *,
    cases: int = 2,
    learner: str = "Sam Learner",
    sign: bool = True,
    synthetic: bool = True,
    texts: dict[str, str] | None = None,
    seed: int = 4242,
    careless: bool = False,
    own_words: str = "",
) -> Workspace:
    """A worked workspace. ``texts`` overrides learner-typed text (enquiry, summary,
    reflection, draft) to plant payloads; ``synthetic=False`` types cases in by hand;
    ``careless=True`` replies without verifying the fact (a common mistake to coach);
    ``own_words`` goes into everything the learner writes, so several learners' logs are
    each their own work (without it, two worked logs are word for word the same)."""
    texts = texts or {}
    own = f" ({own_words})" if own_words else ""
    ws = Workspace.create(
        path, start=START, learner="learner-01", secret_seed=str(seed), synthetic=synthetic
    )
    ws.append("council_defined", COUNCIL, actor="system")
    ws.append(
        "pack_loaded",
        {"pack_id": f"pack-{seed}", "seed": seed, "difficulty": "standard"},
        actor="system",
    )
    cw = Casework(ws)
    cw.record_learner_details(
        name=learner,
        registration="REG-0042",
        centre="Loughborough College",
        assessor="Pat Assessor",
    )
    refs = []
    for i in range(cases):
        name, postcode, email, phone = PEOPLE[i % len(PEOPLE)]
        category, service, problem, fact_text, source = PROBLEMS[i % len(PROBLEMS)]
        inbox = None
        if synthetic:
            inbox = f"item-{i + 1}"
            ws.append(
                "inbox_item_delivered",
                {
                    "item": inbox,
                    "timeline_item": inbox,
                    "pack_case": f"case-{i + 1}",
                    "channel": "email",
                },
                actor="system",
            )
        result = cw.receive_enquiry(
            constituent={
                "name": name,
                "postcode": postcode,
                "email": email,
                "phone": phone,
                "address": f"{10 + i} Forest Road, Loughborough",
            },
            enquiry=texts.get("enquiry", problem),
            category=category,
            channel="email",
            member_id="M01",
            inbox_item=inbox,
        )
        ref = result.case_ref
        refs.append(ref)
        fact = cw.record_fact(ref, fact_text + own)
        if not careless:
            cw.verify_fact(
                ref,
                fact,
                source=source,
                result="confirmed",
                found=f"{source}: matches what the constituent said{own}.",
            )
        cw.acknowledge(ref, owner="Member support office", text="Thank you: we are on it.")
        cw.log_contact(
            ref,
            channel="phone",
            direction="outbound",
            party="Service desk",
            summary=texts.get("summary", f"Asked the service for a date{own}."),
        )
        cw.refer_to_service(ref, service=service, question="When will it be put right?")
        if i == 0:
            cw.escalate(
                ref,
                route_id="outside-remit",
                reason=f"The pavement belongs to the county council{own}.",
            )
        officer = next(s["officer"] for s in SERVICES if s["id"] == service)
        letter = texts.get("draft", _letter(name, ref, i, problem, officer, own))
        if i == 0 and "draft" not in texts:  # a first try without the reference: returned
            first_try, _ = save_draft(
                ws,
                ref,
                letter_kind="full_reply",
                text=letter.replace(f"Your reference is {ref}. ", ""),
            )
            submit_for_approval(ws, ref, first_try.data["draft_id"])
        draft, _ = save_draft(ws, ref, letter_kind="full_reply", text=letter)
        draft_id = draft.data["draft_id"]
        _, decision = submit_for_approval(ws, ref, draft_id)
        if not decision.approved:  # a planted payload the simulated member sends back
            draft_id = approved_draft(ws, ref, letter)
        cw.send_reply(
            ref,
            text=letter,
            draft_id=draft_id,
            unverified_reason="The member wanted it sent today." if careless else "",
        )
        cw.close(ref, outcome="Put right")
        _satisfaction(ws, ref)
    from casekit.evidence.reflection import record_reflection

    sections = {
        "description": texts.get("reflection", f"A constituent reported a dark street{own}."),
        "feelings": (
            f"I was worried the repair would be slow and wanted to keep them informed{own}."
        ),
        "evaluation": f"Verifying the fault log first meant the reply was accurate{own}.",
        "analysis": f"The service level gave me a clear deadline to work to{own}.",
        "conclusion": f"Checking records before replying avoids passing on wrong dates{own}.",
        "action_plan": f"I will always check the fault log before drafting a reply{own}.",
    }
    record_reflection(
        ws,
        model="gibbs",
        case_ref=refs[0],
        date=START.date(),
        criteria=["AC1", "AC2"],
        sections=_sections_for(sections),
    )
    from casekit.feedback.knowledge import load_bank, record_result

    bank = load_bank()
    answers = {qid: q.answer for qid, q in list(bank.questions.items())[:4]}
    record_result(ws, answers, bank)
    if sign:
        sign_declaration(ws, learner)
    return ws


def _sections_for(texts: dict[str, str]) -> dict[str, str]:
    from casekit.rules.criteria import load_criteria

    model = load_criteria().reflection_models["gibbs"]
    values = list(texts.values())
    return {section.id: values[n % len(values)] for n, section in enumerate(model.sections)}


def _satisfaction(ws: Workspace, ref: str) -> Any:
    from casekit.casework import satisfaction

    satisfaction.request_feedback(ws, ref, "constituent")
    return satisfaction.simulate_answers(ws, ref)
