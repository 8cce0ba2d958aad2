"""The people of a case and the dates it speaks of.

The narrator lives in the ward (or where a trap puts them), with a phone number of that
area and no email if they do not use the internet; the subject is the narrator, or the
relative or neighbour they write for. Every date a constituent gives comes before the
enquiry, worked out from when the problem began.
"""

from __future__ import annotations

import random
from datetime import date, timedelta
from typing import Any

from casekit.scenarios.council import place_of
from casekit.scenarios.people import resident
from casekit.scenarios.seeds import RecordSeeds
from casekit.scenarios.timeline import short_date
from casekit.scenarios.traps import CasePlan


def people(
    seeds: RecordSeeds, rng: random.Random, plan: CasePlan, council: dict[str, Any]
) -> tuple[dict[str, Any], dict[str, Any], dict[str, Any], dict[str, Any]]:
    """The narrator and their home; the subject and the problem's place (the same person
    and home unless the narrator writes for someone else)."""
    place = place_of(council)
    if plan.home:
        sector, town, phones = plan.home["sector"], plan.home["town"], plan.home["phones"]
    else:
        home_ward = next(w for w in council["wards"] if w["id"] == plan.home_ward_id)
        sector, town, phones = rng.choice(home_ward["sectors"]), home_ward["town"], place["phones"]
    who, where = resident(
        seeds.seed("constituent"), sector, town, phones=phones, online="online" in plan.tags
    )
    plan.notes["writer_gender"] = who.pop("gender")
    constituent = {
        "title": who["title"],
        "name": who["name"],
        "first": who["first"],
        "surname": who["surname"],
        "phone": who["phone"],
        "email": who["email"],
        "address_lines": where["lines"],
        "town": where["town"],
        "postcode": where["postcode"],
        "address": ", ".join([*where["lines"], where["town"], where["postcode"]]),
    }
    subject, spot = constituent, where
    if plan.about_other:
        # The problem is at the home of the person the case is about, in the ward.
        ward_of_case = next(w for w in council["wards"] if w["id"] == plan.ward_id)
        other, spot = resident(
            seeds.seed("subject"),
            rng.choice(ward_of_case["sectors"]),
            ward_of_case["town"],
            plan.about_gender,
            phones=place["phones"],
        )
        surname = who["surname"] if plan.about_family else other["surname"]
        subject = {
            "name": f"{other['first']} {surname}",
            "postcode": spot["postcode"],
            "address": ", ".join([*spot["lines"], spot["town"], spot["postcode"]]),
        }
    return constituent, where, subject, spot


def dates(
    rng: random.Random, problem: dict[str, Any], received: date
) -> tuple[date, dict[str, str]]:
    """When the problem began and the date words of the case, all before it arrived
    (``{soon}``, a hospital discharge, is the one date just after)."""
    texts = problem["self"] + problem.get("other", "")
    default = (9, 36) if "{months}" in texts else (2, 9)
    low, high = problem.get("onset_weeks") or default
    weeks = rng.randint(low, high)
    onset = received - timedelta(days=weeks * 7 + rng.randint(0, 3))
    months = max(2, round((received - onset).days / 30.4))
    recent = received - timedelta(days=rng.randint(1, 5))
    while recent.weekday() >= 5:  # a weekday: contractors and crews do not call on Sundays
        recent -= timedelta(days=1)
    soon = received + timedelta(days=rng.randint(3, 10))
    return onset, {
        "since": short_date(onset),
        "weeks": number_words(weeks),
        "months": number_words(months),
        "month": f"{onset:%B}",
        "day": f"{recent:%A}",
        "soon": short_date(soon),
    }


UNITS = [
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
]
TENS = {2: "twenty", 3: "thirty", 4: "forty", 5: "fifty"}


def number_words(n: int) -> str:
    """A count as a constituent writes it (two ... fifty-nine)."""
    if n < 20:
        return UNITS[n]
    ten, unit = divmod(n, 10)
    return TENS[ten] + (f"-{UNITS[unit]}" if unit else "")
