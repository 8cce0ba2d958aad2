"""Trap 9: the member asks for party-political wording, worst in the pre-election period.

The note asks for party credit or an attack on another group; it never claims the problem
was fixed (the council may not have fixed it), and it speaks of polling day only when the
case falls in the pre-election period.
"""

from __future__ import annotations

import random
from datetime import date
from typing import Any

from casekit.scenarios import bank
from casekit.scenarios.traps.base import CasePlan, PackInfo, Trap, TrapContext


def shape(plan: CasePlan, council: dict[str, Any], pack: PackInfo, rng: random.Random) -> None:
    if pack.pre_election_days:
        first, last = pack.pre_election_days
        plan.due_wd = rng.randint(first, last)


def plant(ctx: TrapContext) -> dict[str, Any]:
    spec = bank.load("traps")["party_political"]
    member = next(m for m in ctx.council["members"] if m["id"] == ctx.plan.member_id)
    parties = bank.load("councils")["members"]["parties"]
    other_party = ctx.rng.choice([p for p in parties if p != member["party"]])
    in_period = bool(ctx.pack.pre_election_days)
    poll = date.fromisoformat(ctx.pack.pre_election["end"]) if ctx.pack.pre_election else None
    values = {
        "party": member["party"],
        "other_party": other_party,
        "poll_day": f"{poll.day} {poll:%B}" if poll else "polling day",
    }
    instruction = ctx.say(spec, "pre_election" if in_period else "", values)
    ctx.case["member_note"] = {"from": member["id"], "text": instruction}
    values.update(
        instruction=instruction,
        pre_election_note=(
            ", all the more because the case falls in the pre-election period" if in_period else ""
        ),
    )
    return values


TRAP = Trap(id="party_political", plant=plant, shape=shape, order=30)
