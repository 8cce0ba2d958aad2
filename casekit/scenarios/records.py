"""What the council's systems say about a case: the records a learner verifies against.

Each record has the system it comes from and the date it was last updated (``as_of``),
so a learner can see when a record is stale. Every date agrees with the case: a ticket is
opened after the problem began and updated before the enquiry arrived; a planning
application's neighbour consultation runs 21 days from its validation and is still open
when the enquiry arrives. Some records disagree with the constituent on their own (a ticket
marked completed that the constituent says was never done); traps plant the rest.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from casekit.scenarios.prose import fill

SYSTEMS = {
    "electoral_register": "Electoral register",
    "tenancy": "Housing management system",
    "council_tax_account": "Revenues and benefits system",
    "service_ticket": "Customer service ticketing system",
    "previous_case": "Member casework log",
    "planning_application": "Planning register",
}

REF_PREFIX = {
    "housing": "HR",
    "highways": "HW",
    "anti_social_behaviour": "ASB",
    "waste": "WS",
    "parking": "PCN",
    "planning": "ENF/",
    "council_tax": "CT",
    "adult_social_care": "ASC",
    "housing_benefit": "HB",
    "school_admissions": "ADM",
    "outside_remit": "CS",
}
CONSULTATION_DAYS = 21  # neighbours have 21 days to comment (casework-rules.md section 7)
DECISION_WEEKS = {"minor": 8, "major": 13}


@dataclass(frozen=True)
class Application:
    """A planning application as the register holds it."""

    ref: str
    site: str
    proposal: str
    valid: date
    consultation_ends: date
    decision_due: date
    decision_by: str


def ticket_statuses(category: str) -> list[str]:
    """The statuses a ticket of ``category`` can have; the last means the job is done."""
    from casekit.scenarios import bank

    return list(bank.categories()[category]["ticket_statuses"])


def reference(rng: random.Random, category: str, problem: dict[str, Any], year: int) -> str:
    """A service reference in the style of the category's system (a planning application's
    is ``P/26/0123/FUL``; enforcement's ``ENF/26/0123``)."""
    yy = year % 100
    if problem.get("application"):
        return f"P/{yy:02d}/{rng.randint(100, 2999):04d}/FUL"
    prefix = REF_PREFIX[category]
    if prefix.endswith("/"):
        return f"{prefix}{yy:02d}/{rng.randint(100, 999):04d}"
    return f"{prefix}{rng.randint(100000, 999999)}"


def application(
    rng: random.Random,
    problem: dict[str, Any],
    ref: str,
    received: date,
    slots: dict[str, Any],
    decision_by: str | None = None,
) -> Application | None:
    """The planning application a problem is about, validated a few days before the
    enquiry so the neighbour consultation is still open when it arrives."""
    spec = problem.get("application")
    if not spec:
        return None
    valid = received - timedelta(days=rng.randint(3, 12))
    major = "houses" in spec["proposal"] or "dwellings" in spec["proposal"]
    weeks = DECISION_WEEKS["major" if major else "minor"]
    if decision_by is None:
        committee = major or rng.random() < 0.4
        decision_by = "planning committee" if committee else "officers (delegated)"
    return Application(
        ref=ref,
        site=fill(spec["site"], slots),
        proposal=spec["proposal"],
        valid=valid,
        consultation_ends=valid + timedelta(days=CONSULTATION_DAYS),
        decision_due=valid + timedelta(weeks=weeks),
        decision_by=decision_by,
    )


def record(
    case_id: str, number: int, kind: str, as_of: date, fields: dict[str, Any]
) -> dict[str, Any]:
    return {
        "id": f"{case_id}-R{number}",
        "type": kind,
        "system": SYSTEMS[kind],
        "as_of": as_of.isoformat(),
        "fields": fields,
    }


def _between(rng: random.Random, first: date, last: date) -> date:
    if last <= first:
        return first
    return first + timedelta(days=rng.randint(0, (last - first).days))


def make_records(
    rng: random.Random,
    case_id: str,
    category: str,
    problem: dict[str, Any],
    subject: dict[str, Any],
    ref: str,
    received: date,
    onset: date,
    *,
    ticket: bool = True,
    runs_service: bool = True,
    planning: Application | None = None,
    street: str = "",
) -> list[dict[str, Any]]:
    """The records a case starts with. ``subject`` is the person the case is about;
    ``ticket=False`` when the problem has not been reported before (a service request);
    ``runs_service=False`` when this council does not run the service (the other tier's
    matter), so its systems hold no tenancy, account or ticket for it."""
    records = [
        record(
            case_id,
            1,
            "electoral_register",
            received - timedelta(days=rng.randint(20, 90)),
            {
                "name": subject["name"],
                "address": subject["address"],
                "postcode": subject["postcode"],
            },
        )
    ]

    def add(kind: str, as_of: date, fields: dict[str, Any]) -> None:
        records.append(record(case_id, len(records) + 1, kind, as_of, fields))

    if category == "housing" and runs_service:
        add(
            "tenancy",
            received - timedelta(days=rng.randint(60, 400)),
            {
                "tenancy_ref": f"T{rng.randint(10000, 99999)}",
                "tenant": subject["name"],
                "address": subject["address"],
                "tenure": "secure",
                "landlord": "the council",
            },
        )
    if category in ("council_tax", "housing_benefit") and runs_service:
        add(
            "council_tax_account",
            received - timedelta(days=rng.randint(5, 60)),
            {
                "account_ref": ref
                if category == "council_tax"
                else f"CT{rng.randint(100000, 999999)}",
                "liable_person": subject["name"],
                "address": subject["address"],
                "band": rng.choice("ABCDE"),
                "single_person_discount": rng.random() < 0.4,
                "balance_owed": f"£{rng.randint(1, 1400)}.00",
                **({"benefit_claim_ref": ref} if category == "housing_benefit" else {}),
            },
        )
    if ticket and runs_service and problem.get("ticket"):
        # One ticket in three says the job is done: the constituent says otherwise.
        statuses = ticket_statuses(category)
        weights = [4] * (len(statuses) - 1) + [2 * (len(statuses) - 1) - 1]
        status = rng.choices(statuses, weights=weights)[0]
        latest = received - timedelta(days=1)
        opened = min(onset, latest)  # reported the day it began ("I reported it on ...")
        add(
            "service_ticket",
            _between(rng, opened, latest),
            {
                "ref": ref,
                "service": category,
                "opened": opened.isoformat(),
                "status": status,
                "summary": f"{problem['summary']}, {street}" if street else problem["summary"],
            },
        )
    if planning is not None:
        add(
            "planning_application",
            _between(rng, planning.valid, received - timedelta(days=1)),
            {
                "ref": planning.ref,
                "site": planning.site,
                "proposal": planning.proposal,
                "status": "under consideration",
                "valid_from": planning.valid.isoformat(),
                "consultation_ends": planning.consultation_ends.isoformat(),
                "decision_due": planning.decision_due.isoformat(),
                "decision_by": planning.decision_by,
            },
        )
    return records
