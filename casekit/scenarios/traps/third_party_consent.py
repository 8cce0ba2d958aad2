"""Trap 3: a relative or neighbour asks on someone else's behalf, without their consent."""

from __future__ import annotations

import random
from typing import Any

from casekit.scenarios import bank
from casekit.scenarios.prose import fill
from casekit.scenarios.traps.base import CasePlan, PackInfo, Trap, TrapContext


def shape(plan: CasePlan, council: dict[str, Any], pack: PackInfo, rng: random.Random) -> None:
    spec = bank.load("traps")["third_party_consent"]
    relationship = rng.choice(spec["relationships"])
    plan.notes["relationship"] = relationship
    plan.about_gender = next((g for g in ("female", "male") if relationship in spec[g]), None)
    plan.about_other = True
    plan.about_family = relationship != "neighbour"


def plant(ctx: TrapContext) -> dict[str, Any]:
    spec = bank.load("traps")["third_party_consent"]
    writer = ctx.case["constituent"]
    subject = ctx.case["subject"]
    relationship = ctx.plan.notes["relationship"]
    values = {
        "subject": subject["name"],
        "relationship": relationship,
        "subject_address": subject["address"],
        "writer": writer["name"],
    }
    ctx.enquiry.body.insert(0, fill(ctx.say(spec), values))
    return values


TRAP = Trap(
    id="third_party_consent",
    plant=plant,
    shape=shape,
    conflicts=frozenset({"wrong_ward_or_tier"}),
    order=40,
)
