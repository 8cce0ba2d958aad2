"""Trap 8: a safeguarding disclosure buried in a routine case."""

from __future__ import annotations

from typing import Any

from casekit.scenarios import bank
from casekit.scenarios.traps.base import Trap, TrapContext

ROUTES = {
    "adult": (
        "adult-safeguarding",
        "the adult social care front door",
        "an adult who may be at risk of abuse or neglect",
    ),
    "child": ("child-safeguarding", "children's services (MASH)", "a child who may be at risk"),
}


def plant(ctx: TrapContext) -> dict[str, Any]:
    spec = bank.load("traps")["safeguarding"]
    who = ctx.rng.choice(sorted(ROUTES))
    quote = ctx.say(spec, who)
    ctx.enquiry.bury(quote, ctx.rng)
    route_id, route, concern = ROUTES[who]
    return {
        "route_id": route_id,
        "route": route,
        "concern": concern,
        "quote": quote,
        "category_label": bank.categories()[ctx.plan.category]["description"].lower(),
    }


TRAP = Trap(id="safeguarding", plant=plant)
