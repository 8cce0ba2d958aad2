"""Trap 4: the same problem is already with another ward member, the MP, or an earlier case."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from casekit.inputs.dates import stored_day
from casekit.scenarios import bank
from casekit.scenarios.people import person
from casekit.scenarios.prose import fill
from casekit.scenarios.traps.base import Trap, TrapContext


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
        other_member, raised_with = other["name"], other["id"]
    else:
        mp = person(ctx.seed ^ 0x4D)
        other_member = f"{mp['first']} {mp['surname']} MP"
        raised_with = "MP"
    record_id = ctx.add_record(
        "previous_case",
        opened.isoformat(),
        {
            "ref": f"MC{ctx.rng.randint(1000, 9999)}",
            "raised_with": raised_with,
            "raised_by": ctx.case["constituent"]["name"],
            "opened": opened.isoformat(),
            "status": "open: referred to the service",
            "summary": ctx.case["summary"],
        },
    )
    values = {
        "other_member": other_member,
        "record_id": record_id,
        "where_raised": f"with {other_member} on {opened:%d %B %Y}",
    }
    ctx.enquiry.add(fill(ctx.say(spec), values))
    return values


TRAP = Trap(id="duplicate", plant=plant, order=50)
