"""Trap 6: a complaint (or a first-time service request) dressed as a member enquiry."""

from __future__ import annotations

from typing import Any

from casekit.scenarios import bank
from casekit.scenarios.traps.base import Trap, TrapContext


def plant(ctx: TrapContext) -> dict[str, Any]:
    spec = bank.load("traps")["complaint_as_enquiry"]
    kinds = bank.categories()[ctx.plan.category]["kinds"]
    if "service_request" in kinds and ctx.rng.random() < 0.35:
        ctx.case["true_kind"] = "service_request"
        # First time reported: no ticket exists yet.
        ctx.case["records"] = [r for r in ctx.case["records"] if r["type"] != "service_ticket"]
        ctx.enquiry.add(ctx.say(spec, "service_request"))
        return {
            "true_kind": "service_request",
            "route": "service's own front door (a service request)",
            "why": "This is the first time the problem has been reported: a service request.",
        }
    ctx.case["true_kind"] = "complaint"
    ctx.enquiry.add(ctx.say(spec))
    return {
        "true_kind": "complaint",
        "route": "corporate complaints procedure (stage 1)",
        "why": "The constituent is dissatisfied with how the council has acted: a complaint.",
    }


TRAP = Trap(id="complaint_as_enquiry", plant=plant, conflicts=frozenset({"hidden_statutory"}))
