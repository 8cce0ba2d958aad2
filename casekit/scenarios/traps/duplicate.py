"""Trap 4: the same problem is already with another ward member or the MP.

The earlier case is in the member casework log, named by its reference and who holds it,
so intake can warn about it and the learner can link to it.
"""

from __future__ import annotations

import random
from datetime import timedelta
from typing import Any

from casekit.inputs.dates import stored_day
from casekit.scenarios import bank
from casekit.scenarios.people import person
from casekit.scenarios.traps.base import CasePlan, PackInfo, Trap, TrapContext


def shape(plan: CasePlan, council: dict[str, Any], pack: PackInfo, rng: random.Random) -> None:
    plan.tags.add("reported")  # raised before: never a first report


def plant(ctx: TrapContext) -> dict[str, Any]:
    spec = bank.load("traps")["duplicate"]
    received = stored_day(ctx.case["received_at"])
    colleagues = [
        m
        for m in ctx.council["members"]
        if m["ward_id"] == ctx.plan.ward_id and m["id"] != ctx.plan.member_id
    ]
    opened = received - timedelta(days=ctx.rng.randint(14, 45))
    if colleagues and ctx.rng.random() < 0.7:
        other = ctx.rng.choice(colleagues)
        other_member, raised_with, variant = other["name"], other["id"], "member"
    else:
        mp = person(ctx.seed ^ 0x4D)
        other_member, raised_with, variant = f"{mp['first']} {mp['surname']} MP", "MP", "mp"
    reference = f"MC{ctx.rng.randint(1000, 9999)}"
    record_id = ctx.add_record(
        "previous_case",
        opened.isoformat(),
        {
            "ref": reference,
            "raised_with": raised_with,
            "held_by": other_member,
            "raised_by": ctx.case["constituent"]["name"],
            "opened": opened.isoformat(),
            "status": "open: referred to the service",
            "summary": ctx.case["summary"],
        },
    )
    values = {
        "other_member": other_member,
        "record_id": record_id,
        "reference": reference,
        "where_raised": f"with {other_member} on {opened.day} {opened:%B %Y}",
    }
    ctx.enquiry.add(ctx.say(spec, "" if ctx.subtle else variant, values))
    return values


TRAP = Trap(id="duplicate", plant=plant, shape=shape, order=36)
