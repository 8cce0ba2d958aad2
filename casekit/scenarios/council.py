"""A synthetic council: name, tier, wards with postcode sectors, members and services.

The council depends only on the pack seed (not on the learner), so a class shares one
council and its members while each learner gets different cases.
"""

from __future__ import annotations

import random
import re
from typing import Any

from casekit.scenarios import bank
from casekit.scenarios.people import email_safe, person
from casekit.scenarios.seeds import derive_seed, rng_for

TIERS = ("unitary", "county", "district")


def _weighted(rng: random.Random, weights: dict[str, int]) -> str:
    keys = list(weights)
    return rng.choices(keys, weights=[weights[k] for k in keys])[0]


def _local(who: dict[str, str]) -> str:
    """``first.surname``: the council's own email style."""
    return f"{email_safe(who['first'])}.{email_safe(who['surname'])}"


def _slug(name: str) -> str:
    return re.sub(r"[^a-z]+", "", name.lower().replace(" council", ""))[:24]


def owns(council: dict[str, Any], category: str) -> bool:
    """Whether this council runs the service for ``category`` (tier split of section 6)."""
    owner = bank.categories()[category]["tier"]
    tier = council["tier"]
    if owner == "outside":
        return False
    if owner == "any" or tier == "unitary":
        return True
    return owner == tier


def make_council(seed: int, profile: str = "default", subdivision: str = "ENG") -> dict[str, Any]:
    """Build the council for a pack seed, in the profile's nation (``subdivision``).

    The tier is one the place really has: a unitary is never placed inside a two-tier
    county, nor a district in a unitary area.
    """
    spec = bank.load("councils")
    rng = rng_for(seed, None, 0, "council")
    places = [p for p in spec["place"] if p.get("subdivision", "ENG") == subdivision]
    place = rng.choice(places or spec["place"])
    tiers = list(place["tiers"])
    if subdivision in spec["single_tier_subdivisions"]:
        tiers = ["unitary"]
    tier = _weighted(rng, {t: spec["tier_weights"][t] for t in tiers})
    naming = spec["naming"]
    names = naming.get(f"{tier}_{subdivision}", naming[tier])
    if tier == "unitary" and place.get("unitary_names"):
        names = place["unitary_names"]
    name = rng.choice(names).format(place=place["name"], county=place["county"])
    towns = [d["town"] for d in place["districts"]]
    other_tier: dict[str, Any] = {}
    if tier == "county":
        other_tier = {
            "tier": "district",
            "names": [
                template.format(county=place["county"], town=town)
                for template, town in zip(naming["district_names"][:2], towns, strict=False)
            ],
        }
    elif tier == "district":
        other_tier = {"tier": "county", "names": [f"{place['county']} County Council"]}

    wards = _wards(rng, spec, place)
    members = _members(seed, rng, spec, wards, name, place["phones"])
    services = _services(seed, rng, spec, name, tier)
    return {
        "name": name,
        "tier": tier,
        "place": place["name"],
        "county": place["county"],
        "postcode_area": place["area"],
        "towns": towns,
        "other_tier": other_tier or None,
        "protocol_profile": profile,
        "subdivision": subdivision,
        "wards": wards,
        "members": members,
        "services": services,
    }


def place_of(council: dict[str, Any]) -> dict[str, Any]:
    """The place a council was built on (its phone layouts, neighbours, districts)."""
    return next(p for p in bank.load("councils")["place"] if p["name"] == council["place"])


def _wards(rng: random.Random, spec: dict[str, Any], place: dict[str, Any]) -> list[dict]:
    """Wards, each inside one postcode district so its town is the district's own."""
    low, high = spec["wards"]["count"]
    count = rng.randint(low, high)
    names = rng.sample(spec["wards"]["names"], count)
    districts = list(place["districts"])
    free = {d["code"]: [f"{d['code']} {s}" for s in range(1, 10)] for d in districts}
    for sectors in free.values():
        rng.shuffle(sectors)
    wards = []
    for index, ward_name in enumerate(names, start=1):
        district = districts[(index - 1) % len(districts)]
        per = rng.randint(*spec["wards"]["sectors_per_ward"])
        chosen = sorted(free[district["code"]].pop() for _ in range(per))
        wards.append(
            {"id": f"W{index:02d}", "name": ward_name, "town": district["town"], "sectors": chosen}
        )
    return wards


def _members(
    seed: int,
    rng: random.Random,
    spec: dict[str, Any],
    wards: list[dict],
    council_name: str,
    phones: list[str],
) -> list[dict]:
    mspec = spec["members"]
    members: list[dict] = []
    domain = f"{_slug(council_name)}.{spec['services']['email_domain_suffix']}"
    for ward in wards:
        for _ in range(rng.randint(*spec["wards"]["members_per_ward"])):
            number = len(members) + 1
            who = person(derive_seed(seed, None, number, "member"), phones)
            formality = rng.choice(mspec["formality"])
            stance_topics = rng.sample(sorted(mspec["stance"]), 3)
            members.append(
                {
                    "id": f"M{number:02d}",
                    "ward_id": ward["id"],
                    "wards": [ward["id"]],
                    "name": f"Councillor {who['first']} {who['surname']}",
                    "first": who["first"],
                    "surname": who["surname"],
                    "party": rng.choice(mspec["parties"]),
                    "committees": ["planning"] if rng.random() < 0.35 else [],
                    "email": f"cllr.{_local(who)}@{domain}",
                    "phone": who["phone"],
                    "style": {
                        "formality": formality,
                        "greeting": rng.choice(mspec["greeting"][formality]),
                        "sign_off": rng.choice(mspec["sign_off"][formality]),
                        "phrases": rng.sample(mspec["phrases"][formality], 2),
                        "preferred_channel": rng.choice(mspec["channels"]),
                        "stance": {t: rng.choice(mspec["stance"][t]) for t in stance_topics},
                    },
                }
            )
    if not any("planning" in m["committees"] for m in members):
        members[0]["committees"] = ["planning"]
    return members


def _services(
    seed: int, rng: random.Random, spec: dict[str, Any], council_name: str, tier: str
) -> list[dict]:
    council = {"tier": tier}
    domain = f"{_slug(council_name)}.{spec['services']['email_domain_suffix']}"
    services = []
    for category, cat in bank.categories().items():
        if category != "outside_remit" and not owns(council, category):
            continue
        number = len(services) + 1
        officer = person(derive_seed(seed, None, number, "officer"))
        reply = rng.choices(
            spec["services"]["reply_wd"], weights=spec["services"]["reply_weights"]
        )[0]
        services.append(
            {
                "id": f"S{number:02d}",
                "category": category,
                "name": cat["service"],
                "officer": {
                    "name": officer["name"],
                    "title": cat["officer_title"],
                    "email": f"{_local(officer)}@{domain}",
                },
                "reply_wd": None if reply == "never" else int(reply),
            }
        )
    return services


def service_for(council: dict[str, Any], category: str) -> dict[str, Any] | None:
    return next((s for s in council["services"] if s["category"] == category), None)


def ward(council: dict[str, Any], ward_id: str) -> dict[str, Any]:
    return next(w for w in council["wards"] if w["id"] == ward_id)


def member(council: dict[str, Any], member_id: str) -> dict[str, Any]:
    return next(m for m in council["members"] if m["id"] == member_id)
