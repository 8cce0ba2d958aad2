"""Trap 6: a complaint (or a first-time service request) dressed as a member enquiry.

Which it is follows the kit's one definition (casekit/data/definitions.toml): the complaint
wording expresses dissatisfaction with the council's service, and only a case keyed as a
complaint ever carries such words; the service request wording says the problem is being
reported for the first time, and such a case has no earlier report anywhere in it.
"""

from __future__ import annotations

import random
from typing import Any

from casekit.rules.definitions import definition
from casekit.scenarios import bank
from casekit.scenarios.casemodel import Facts
from casekit.scenarios.prose import problem_fits, problems
from casekit.scenarios.traps.base import CasePlan, PackInfo, Trap, TrapContext

SERVICE_REQUEST_SHARE = 0.35


def _first_report_possible(plan: CasePlan) -> bool:
    if "service_request" not in bank.categories()[plan.category]["kinds"]:
        return False
    facts = Facts(set(plan.tags))
    if not facts.fits(["first_report"]):
        return False
    facts.state(["first_report"])
    return any(problem_fits(p, plan.voice, facts, plan.needs) for p in problems(plan.category))


def shape(plan: CasePlan, council: dict[str, Any], pack: PackInfo, rng: random.Random) -> None:
    draw = rng.random()
    if _first_report_possible(plan) and draw < SERVICE_REQUEST_SHARE:
        plan.true_kind = "service_request"
        plan.tags.add("first_report")
    else:
        plan.true_kind = "complaint"
        plan.tags.add("complaint")


def plant(ctx: TrapContext) -> dict[str, Any]:
    spec = bank.load("traps")["complaint_as_enquiry"]
    kind = ctx.plan.true_kind
    meaning = definition(kind)
    ctx.case["true_kind"] = kind
    if kind == "service_request":
        quote = ctx.say(spec, "service_request")
        why = "This is the first time the problem has been reported: a service request."
    else:
        quote = ctx.say(spec)
        why = "The constituent is dissatisfied with how the council has acted: a complaint."
    ctx.enquiry.add(quote)
    return {
        "true_kind": kind,
        "kind_label": meaning.label.lower(),
        "route": meaning.route,
        "definition": meaning.definition,
        "definition_source": meaning.source,
        "why": why,
        "quote": quote,
    }


TRAP = Trap(id="complaint_as_enquiry", plant=plant, shape=shape, order=45)
