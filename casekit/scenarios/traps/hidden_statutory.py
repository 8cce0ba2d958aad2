"""Trap 7: an FOI, EIR or subject access request hidden inside the enquiry.

The request starts its own statutory clock; the case keeps its own kind (an enquiry about a
problem is still that enquiry) and so its member-enquiry clock. The key records the request
as the case's ``statutory`` request, not as its kind.
"""

from __future__ import annotations

from typing import Any

from casekit.rules.vocabulary import CASE_KINDS
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
    category = ctx.plan.category
    if category in ENVIRONMENTAL and ctx.rng.random() < 0.6:
        statutory = "eir"
        stem = "eir" if ctx.subtle else f"eir_{category}"
    else:
        statutory = ctx.rng.choice(["foi", "sar"])
        stem = statutory
    quote = ctx.say(spec, stem)
    ctx.case["statutory"] = statutory
    if ctx.subtle:
        ctx.enquiry.bury(quote, ctx.rng)
    else:
        ctx.enquiry.add(quote)
    label, deadline = LABELS[statutory]
    return {
        "statutory": statutory,
        "label": label,
        "a_label": f"{'an' if label[0] in 'AEIOU' else 'a'} {label}",
        "quote": quote,
        "deadline": deadline,
        "case_kind_label": CASE_KINDS[ctx.plan.true_kind].lower(),
    }


TRAP = Trap(id="hidden_statutory", plant=plant)
