"""Trap 1: stale information (an old address on file, or a case closed as fixed long ago).

The constituent's words agree with the stale record's dates: the year of the last letter is
the year the register was last updated, and a move falls between that and now.
"""

from __future__ import annotations

import random
from datetime import timedelta
from typing import Any

from casekit.inputs.dates import stored_day
from casekit.scenarios import bank
from casekit.scenarios.people import address
from casekit.scenarios.traps.base import CasePlan, PackInfo, Trap, TrapContext


def shape(plan: CasePlan, council: dict[str, Any], pack: PackInfo, rng: random.Random) -> None:
    plan.notes["stale"] = "address" if rng.random() < 0.5 else "case"
    if plan.notes["stale"] == "case":
        plan.tags.add("reported")  # fixed once before: never a first report


def plant(ctx: TrapContext) -> dict[str, Any]:
    spec = bank.load("traps")["stale_information"]
    received = stored_day(ctx.case["received_at"])
    as_of = received - timedelta(days=ctx.rng.randint(500, 1100))
    who = ctx.case["subject"]  # the person the records are about
    if ctx.plan.notes["stale"] == "address":
        ward_id = ctx.plan.ward_id if ctx.plan.about_other else ctx.plan.home_ward_id
        ward = next(w for w in ctx.council["wards"] if w["id"] == ward_id)
        old = address(ctx.seed ^ 0x0D, ctx.rng.choice(ward["sectors"]), ward["town"])
        stale_value = ", ".join([*old["lines"], old["town"], old["postcode"]])
        register = ctx.case["records"][0]
        register["as_of"] = as_of.isoformat()
        register["fields"].update({"address": stale_value, "postcode": old["postcode"]})
        moved = as_of + timedelta(days=ctx.rng.randint(30, max(31, (received - as_of).days - 60)))
        values = {
            "fact": "address",
            "record_type_id": "electoral_register",
            "field": "address",
            "field_also": "postcode",
            "stale_what": "an address the constituent has moved from",
            "record_type": "electoral register",
            "stale_value": stale_value,
            "current_value": who["address"],
            "old_address": stale_value,
            "old_street": old["street"],
            "moved": f"{moved:%B %Y}",
        }
        stem = "address"
    else:
        record_id = ctx.add_record(
            "previous_case",
            as_of.isoformat(),
            {
                "ref": f"MC{ctx.rng.randint(1000, 9999)}",
                "member_id": ctx.plan.member_id,
                "status": "closed",
                "closed": as_of.isoformat(),
                "summary": ctx.case["summary"],
                "officer_reply": "Work completed; no further action.",
            },
        )
        stale_value = f"the problem was fixed and case {record_id} closed on {as_of:%d %B %Y}"
        values = {
            "fact": "case status",
            "record_type_id": "previous_case",
            "field": "status",
            "field_also": "case status",
            "stale_what": "an old closed case marked as fixed",
            "record_type": "previous case",
            "stale_value": stale_value,
            "current_value": "the problem is back",
        }
        stem = "case"
    values.update(as_of=as_of.isoformat(), as_of_year=str(as_of.year))
    ctx.enquiry.bury(ctx.say(spec, stem, values), ctx.rng)
    return values


TRAP = Trap(id="stale_information", plant=plant, shape=shape, order=35)
