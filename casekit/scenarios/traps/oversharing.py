"""Trap 5: special category data beyond need, and a request to copy other members in."""

from __future__ import annotations

from typing import Any

from casekit.scenarios import bank
from casekit.scenarios.traps.base import Trap, TrapContext


def plant(ctx: TrapContext) -> dict[str, Any]:
    spec = bank.load("traps")["oversharing"]
    others = [m for m in ctx.council["members"] if m["ward_id"] != ctx.plan.ward_id]
    others = others or [m for m in ctx.council["members"] if m["id"] != ctx.plan.member_id]
    values = {
        "special": ctx.rng.choice(spec["specials"]),
        "other_member": ctx.rng.choice(others)["name"],
    }
    ctx.enquiry.add(ctx.say(spec, values=values))
    return values


TRAP = Trap(id="oversharing", plant=plant, order=50)
