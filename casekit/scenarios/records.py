"""What the council's systems say about a case: the records a learner verifies against.

Each record has the system it comes from and the date it was last updated (``as_of``),
so a learner can see when a record is stale. Some records disagree with the constituent
on their own (a ticket marked completed that the constituent says was never done); traps
plant the rest.
"""

from __future__ import annotations

import random
from datetime import date, timedelta
from typing import Any

SYSTEMS = {
    "electoral_register": "Electoral register",
    "tenancy": "Housing management system",
    "council_tax_account": "Revenues and benefits system",
    "service_ticket": "Customer service ticketing system",
    "previous_case": "Member casework log",
    "planning_application": "Planning register",
}

TICKET_CATEGORIES = {
    "housing",
    "highways",
    "anti_social_behaviour",
    "waste",
    "parking",
    "adult_social_care",
    "school_admissions",
}
REF_PREFIX = {
    "housing": "HR",
    "highways": "HW",
    "anti_social_behaviour": "ASB",
    "waste": "WS",
    "parking": "PCN",
    "planning": "P/25/",
    "council_tax": "CT",
    "adult_social_care": "ASC",
    "housing_benefit": "HB",
    "school_admissions": "ADM",
    "outside_remit": "CS",
}


def reference(rng: random.Random, category: str) -> str:
    """A service reference in the style of the category's system."""
    prefix = REF_PREFIX[category]
    if prefix.endswith("/"):
        return f"{prefix}{rng.randint(100, 2999):04d}/FUL"
    return f"{prefix}{rng.randint(100000, 999999)}"


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


def make_records(
    rng: random.Random,
    case_id: str,
    category: str,
    subject: dict[str, Any],
    ref: str,
    received: date,
    summary: str,
) -> list[dict[str, Any]]:
    """The records a case starts with. ``subject`` is the person the case is about."""
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

    def add(kind: str, days_back: int, fields: dict[str, Any]) -> None:
        as_of = received - timedelta(days=days_back)
        records.append(record(case_id, len(records) + 1, kind, as_of, fields))

    if category == "housing":
        add(
            "tenancy",
            rng.randint(60, 400),
            {
                "tenancy_ref": f"T{rng.randint(10000, 99999)}",
                "tenant": subject["name"],
                "address": subject["address"],
                "tenure": "secure",
                "landlord": "the council",
            },
        )
    if category in ("council_tax", "housing_benefit"):
        add(
            "council_tax_account",
            rng.randint(5, 60),
            {
                "account_ref": ref
                if category == "council_tax"
                else f"CT{rng.randint(100000, 999999)}",
                "liable_person": subject["name"],
                "address": subject["address"],
                "band": rng.choice("ABCDE"),
                "single_person_discount": rng.random() < 0.4,
                "balance_owed": f"£{rng.randint(0, 1400)}.00",
            },
        )
    if category in TICKET_CATEGORIES:
        # One ticket in three says the job is done: the constituent says otherwise.
        status = rng.choices(["open", "awaiting contractor", "completed"], weights=[4, 2, 3])[0]
        opened = rng.randint(15, 70)
        add(
            "service_ticket",
            rng.randint(2, opened),
            {
                "ref": ref,
                "service": category,
                "opened": (received - timedelta(days=opened)).isoformat(),
                "status": status,
                "summary": summary,
            },
        )
    if category == "planning":
        add(
            "planning_application",
            rng.randint(3, 20),
            {
                "ref": ref,
                "site": subject["address"],
                "status": "under consideration",
                "consultation_ends": (received + timedelta(days=rng.randint(7, 21))).isoformat(),
                "decision_by": "planning committee"
                if rng.random() < 0.5
                else "officers (delegated)",
            },
        )
    return records
