"""Trap 7: an FOI, EIR or subject access request hidden inside the enquiry."""

from __future__ import annotations

from typing import Any

from casekit.scenarios import bank
from casekit.scenarios.traps.base import Trap, TrapContext

ENVIRONMENTAL = {"planning", "highways", "waste"}
LABELS = {
    "foi": ("Freedom of Information request", "20 working day"),
    "eir": ("Environmental Information Regulations request", "20 working day"),
    "sar": ("subject access request", "one month"),
}


def plant(ctx: TrapContext) -> dict[str, Any]:
    spec = bank.load("traps")["hidden_statutory"]
    if ctx.plan.category in ENVIRONMENTAL and ctx.rng.random() < 0.6:
        statutory = "eir"
    else:
        statutory = ctx.rng.choice(["foi", "sar"])
    quote = ctx.say(spec, statutory)
    ctx.case["true_kind"] = statutory
    if ctx.subtle:
        ctx.enquiry.bury(quote, ctx.rng)
    else:
        ctx.enquiry.add(quote)
    label, deadline = LABELS[statutory]
    return {"statutory": statutory, "label": label, "quote": quote, "deadline": deadline}


TRAP = Trap(id="hidden_statutory", plant=plant, conflicts=frozenset({"complaint_as_enquiry"}))
