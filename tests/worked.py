"""Worked workspaces for the evidence tests: a good run scripted through the real API.

``worked_workspace(path, cases=N)`` makes a seeded, synthetic workspace whose enquiries
arrive as if from a scenario pack, works each case through intake, verification,
acknowledgement, referral, a draft approved by the member, the reply, closure and a
satisfaction review, then adds a reflection, a knowledge check and (unless told not to)
the learner's details and signed declaration. Same arguments, same log, byte for byte.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Any

from casekit.evidence.declaration import sign_declaration
from casekit.workflow import Casework
from casekit.workspace import Workspace

START = datetime(2026, 3, 2, 9, 0)
PEOPLE = [
    ("Aisha Okafor", "LE11 3AB", "aisha.okafor@example.org", "01509 222333"),
    ("Tom Whitfield", "LE11 2PQ", "tom.w@example.org", "07700 900123"),
    ("Grace Lindqvist", "LE11 1XY", "grace.l@example.org", "01509 444555"),
]
CATEGORIES = ["highways", "housing", "waste", "planning", "parking", "environmental_health"]


def _category(i: int) -> str:
    from casekit.model import CATEGORIES as KNOWN

    wanted = CATEGORIES[i % len(CATEGORIES)]
    return wanted if wanted in KNOWN else sorted(KNOWN)[i % len(KNOWN)]


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
) -> Workspace:
    """A worked workspace. ``texts`` overrides learner-typed text (enquiry, summary,
    reflection, draft) to plant payloads; ``synthetic=False`` types cases in by hand;
    ``careless=True`` replies without verifying the fact (a common mistake to coach)."""
    texts = texts or {}
    ws = Workspace.create(
        path, start=START, learner="learner-01", secret_seed=str(seed), synthetic=synthetic
    )
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
            enquiry=texts.get(
                "enquiry",
                f"The streetlight outside number {10 + i} has been "
                "out for two weeks and the pavement is dark.",
            ),
            category=_category(i),
            channel="email",
            inbox_item=inbox,
        )
        ref = result.case_ref
        refs.append(ref)
        fact = cw.record_fact(ref, "The light has been out since 14 February.")
        if not careless:
            cw.verify_fact(
                ref,
                fact,
                source="Street lighting fault log",
                result="confirmed",
                found="Fault SL-1 logged on 14 February.",
            )
        cw.acknowledge(ref, owner="Member support office", text="Thank you: we are on it.")
        cw.log_contact(
            ref,
            channel="phone",
            direction="outbound",
            party="Street lighting team",
            summary=texts.get("summary", "Asked the team for a repair date."),
        )
        cw.refer_to_service(ref, service="street-lighting", question="When will it be fixed?")
        if i == 0:
            cw.escalate(
                ref, route_id="outside-remit", reason="The pavement belongs to the county council."
            )
        letter = texts.get(
            "draft",
            f"Dear {name},\n\nThe light will be repaired this week."
            "\n\nYours sincerely,\nCllr Patel",
        )
        ws.append(
            "draft_saved",
            {"draft_id": "D1", "letter_kind": "reply", "findings": []},
            case=ref,
            personal={"text": letter},
        )
        ws.append(
            "draft_approved",
            {"draft_id": "D1"},
            case=ref,
            actor="member",
            personal={"text": letter, "comments": "Approved as written."},
        )
        cw.send_reply(
            ref,
            text=letter,
            draft_id="D1",
            unverified_reason="The member wanted it sent today." if careless else "",
        )
        cw.close(ref, outcome="Light repaired")
        _satisfaction(ws, ref)
    from casekit.reflection import record_reflection

    sections = {
        "description": texts.get("reflection", "A constituent reported a dark street."),
        "feelings": "I was worried the repair would be slow and wanted to keep them informed.",
        "evaluation": "Verifying the fault log first meant the reply was accurate.",
        "analysis": "The service level gave me a clear deadline to work to.",
        "conclusion": "Checking records before replying avoids passing on wrong dates.",
        "action_plan": "I will always check the fault log before drafting a reply.",
    }
    record_reflection(
        ws,
        model="gibbs",
        case_ref=refs[0],
        date=START.date(),
        criteria=["AC1", "AC2"],
        sections=_sections_for(sections),
    )
    from casekit.knowledge import load_bank, record_result

    bank = load_bank()
    answers = {qid: q.answer for qid, q in list(bank.questions.items())[:4]}
    record_result(ws, answers, bank)
    if sign:
        sign_declaration(ws, learner)
    return ws


def _sections_for(texts: dict[str, str]) -> dict[str, str]:
    from casekit.criteria import load_criteria

    model = load_criteria().reflection_models["gibbs"]
    out = {}
    for n, section in enumerate(model.sections):
        out[section.id] = list(texts.values())[n % len(texts)]
    return out


def _satisfaction(ws: Workspace, ref: str) -> Any:
    from casekit import satisfaction

    satisfaction.request_feedback(ws, ref, "constituent")
    return satisfaction.simulate_answers(ws, ref)
