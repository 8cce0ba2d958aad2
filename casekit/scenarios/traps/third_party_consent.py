"""Trap 3: a relative or neighbour asks on someone else's behalf, without their consent.

The case is then told in the other voice: the narrator introduces the person, and every
later sentence speaks of them as "she" or "he". Only a matter that is the person's own (their
home, account, claim or care) is raised for them: nobody needs consent to report a pothole.
"""

from __future__ import annotations

import random
from typing import Any

from casekit.scenarios import bank
from casekit.scenarios.casemodel import PRONOUNS
from casekit.scenarios.council import owns
from casekit.scenarios.traps.base import CasePlan, PackInfo, Trap, TrapContext


def _consent_categories(council: dict[str, Any]) -> tuple[list[str], list[int]]:
    cats = bank.categories()
    usable = [
        c
        for c, spec in cats.items()
        if spec.get("consent") and owns(council, c) and any("other" in p for p in spec["problems"])
    ]
    return usable, [cats[c]["weight"] for c in usable]


def shape(plan: CasePlan, council: dict[str, Any], pack: PackInfo, rng: random.Random) -> None:
    spec = bank.load("traps")["third_party_consent"]["relationships"]
    name = rng.choice(sorted(spec))
    relation = spec[name]
    gender = rng.choice(["female", "male"])  # drawn either way, for a neighbour
    plan.relationship = name
    plan.about_gender = gender if relation["gender"] == "any" else relation["gender"]
    plan.about_family = bool(relation["family"])
    usable, weights = _consent_categories(council)
    if not bank.categories()[plan.category].get("consent") and usable and not plan.category_fixed:
        plan.category = rng.choices(usable, weights=weights)[0]
        plan.category_fixed = True


def plant(ctx: TrapContext) -> dict[str, Any]:
    spec = bank.load("traps")["third_party_consent"]
    writer = ctx.case["constituent"]
    subject = ctx.case["subject"]
    relationship = ctx.plan.notes.get("relationship") or ctx.plan.relationship
    writer_gender = ctx.plan.notes["writer_gender"]
    relation = spec["relationships"][relationship]
    values = {
        "subject": subject["name"],
        "relationship": relationship,
        "subject_address": subject["address"],
        "writer": writer["name"],
        "writer_his_her": PRONOUNS[writer_gender]["his_her"],
        "subject_his_her": PRONOUNS[ctx.plan.about_gender or "female"]["his_her"],
        "inverse": relation["inverse"][0 if writer_gender == "male" else 1],
    }
    ctx.enquiry.body.insert(0, ctx.say(spec, values=values))
    return values


TRAP = Trap(id="third_party_consent", plant=plant, shape=shape, order=40)
