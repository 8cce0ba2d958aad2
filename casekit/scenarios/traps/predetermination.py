"""Trap 10: a planning case where the councillor risks predetermination.

The case is about a live application (so there is something to predetermine) that the
planning committee will decide, and the member written to sits on that committee.
"""

from __future__ import annotations

import random
from typing import Any

from casekit.scenarios import bank
from casekit.scenarios.council import owns
from casekit.scenarios.traps.base import CasePlan, PackInfo, Trap, TrapContext

COMMITTEE = "planning committee"


def shape(plan: CasePlan, council: dict[str, Any], pack: PackInfo, rng: random.Random) -> None:
    committee = [m for m in council["members"] if "planning" in m["committees"]]
    member = rng.choice(committee)
    plan.category = "planning"
    plan.category_fixed = True
    plan.member_id = member["id"]
    plan.ward_id = plan.home_ward_id = member["ward_id"]
    plan.needs.add("application")
    plan.notes["decision_by"] = COMMITTEE


def plant(ctx: TrapContext) -> dict[str, Any]:
    spec = bank.load("traps")["predetermination"]
    member = next(m for m in ctx.council["members"] if m["id"] == ctx.plan.member_id)
    values = {"member_name": member["name"], "application": ctx.slots["ref"]}
    ctx.enquiry.add(ctx.say(spec, values=values))
    return values


TRAP = Trap(
    id="predetermination",
    plant=plant,
    shape=shape,
    applies=lambda council: owns(council, "planning"),
    order=10,
)
