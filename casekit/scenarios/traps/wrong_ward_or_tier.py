"""Trap 2: the constituent lives outside the ward or council, or the other tier runs it."""

from __future__ import annotations

import random
from functools import cache
from typing import Any

from casekit.scenarios import bank
from casekit.scenarios.council import owns, place_of
from casekit.scenarios.traps.base import CasePlan, PackInfo, Trap, TrapContext


@cache
def _other_tier(tier: str) -> list[str]:
    """The categories the other tier of local government runs, for a council of ``tier``."""
    return [
        c
        for c, spec in bank.categories().items()
        if spec["tier"] in ("county", "district") and not owns({"tier": tier}, c)
    ]


def shape(plan: CasePlan, council: dict[str, Any], pack: PackInfo, rng: random.Random) -> None:
    other_tier = _other_tier(council["tier"])
    if other_tier and not plan.category_fixed and rng.random() < 0.5:
        plan.category = rng.choice(other_tier)
        plan.category_fixed = True
        plan.notes["variant"] = "tier"
        return
    others = [w for w in council["wards"] if w["id"] != plan.ward_id]
    if others and rng.random() < 0.6:
        plan.home_ward_id = rng.choice(others)["id"]
        plan.notes["variant"] = "ward"
        return
    area = rng.choice(place_of(council)["neighbours"])
    plan.home = {
        "sector": f"{area['code']} {rng.randint(1, 9)}",
        "town": area["town"],
        "council": area["council"],
        "phones": list(area["phones"]),
    }
    plan.notes["variant"] = "council"


def plant(ctx: TrapContext) -> dict[str, Any]:
    spec = bank.load("traps")["wrong_ward_or_tier"]
    council = ctx.council
    variant = ctx.plan.notes["variant"]
    who = ctx.case["constituent"]
    member = next(m for m in council["members"] if m["id"] == ctx.plan.member_id)
    if variant == "tier":
        label = bank.categories()[ctx.plan.category]["description"]
        other = (council.get("other_tier") or {}).get("names", ["the other council"])
        why = f"{label} is run by {other[0]}, not {council['name']}"
        signpost = other[0]
        also = "County Council" if council["tier"] == "district" else "District Council"
    elif variant == "ward":
        home = next(w for w in council["wards"] if w["id"] == ctx.plan.home_ward_id)
        ward = next(w for w in council["wards"] if w["id"] == ctx.plan.ward_id)
        theirs = [m["name"] for m in council["members"] if m["ward_id"] == home["id"]]
        why = (
            f"The constituent's postcode {who['postcode']} is in {home['name']} ward, "
            f"not {ward['name']}, which {member['name']} represents"
        )
        signpost = theirs[0]
        also = f"{home['name']} ward"
        ctx.enquiry.add(ctx.say(spec, "ward"))
    else:
        why = (
            f"The constituent lives in {ctx.plan.home['town']} ({who['postcode']}), "
            f"which is {ctx.plan.home['council']}'s area, not {council['name']}'s"
        )
        signpost = ctx.plan.home["council"]
        also = ctx.plan.home["town"]
        ctx.enquiry.add(ctx.say(spec, "council"))
    return {"why": why, "signpost": signpost, "signpost_also": also, "variant": variant}


TRAP = Trap(id="wrong_ward_or_tier", plant=plant, shape=shape, order=20)
