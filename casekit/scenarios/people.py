"""Synthetic people (constituents, members, officers) from Faker en_GB, one seed each.

Names and email domains are Faker en_GB's own lists, drawn from the record's own
``random.Random`` as Faker draws them, without Faker's per-call overhead. Phone numbers
come from the place's own layouts (Ofcom's drama ranges for its dialling code), so a
Leicestershire constituent never has a Glasgow number.

Addresses are built from the council's own postcode sectors rather than Faker's
postcodes, so that a constituent's ward can be checked from the postcode like a real one.
"""

from __future__ import annotations

import random
import re
from collections.abc import Sequence
from functools import cache
from typing import Any

from casekit.scenarios import bank
from casekit.scenarios.seeds import seeded_random

_NOT_EMAIL = re.compile(r"[^a-z]")


def email_safe(text: str) -> str:
    """Lower-case letters only: names such as O'Brien or Zoë-Ann made safe for an address."""
    return _NOT_EMAIL.sub("", text.lower())


def _email_local(first: str, surname: str, rng: random.Random) -> str:
    first_part = email_safe(first)
    last_part = email_safe(surname)
    style = rng.randrange(4)
    if style == 0:
        return f"{first_part}.{last_part}"
    if style == 1:
        return f"{first_part[:1]}{last_part}{rng.randrange(10, 99)}"
    if style == 2:
        return f"{first_part}{last_part}"
    return f"{last_part}.{first_part}{rng.randrange(1, 9)}"


def postcode(sector: str, rng: random.Random) -> str:
    """A full postcode inside ``sector`` (e.g. ``"LE11 3"`` -> ``"LE11 3QT"``)."""
    letters = bank.load("councils")["addresses"]["unit_letters"]
    return f"{sector}{rng.choice(letters)}{rng.choice(letters)}"


@cache
def _surnames() -> tuple[str, ...]:
    """Faker en_GB's surnames, for street names.

    Drawn uniformly rather than by Faker's population weights: streets are not named in
    proportion to surnames, and the weighted draw was the costliest step of a case.
    """
    from faker.providers.person.en_GB import Provider

    names = Provider.last_names
    return tuple(sorted(names if isinstance(names, (list, tuple)) else names.keys()))


@cache
def _names(kind: str) -> tuple[tuple[str, ...], list[float] | None]:
    """Faker en_GB's list of ``kind`` names and, when Faker weights them, cumulative weights.

    Drawing with precomputed cumulative weights keeps Faker's population frequencies while
    skipping the per-call recomputation that made names the slowest part of a case.
    """
    from itertools import accumulate

    from faker.providers.person.en_GB import Provider

    names = getattr(Provider, kind)
    if hasattr(names, "items"):
        return tuple(names), list(accumulate(names.values()))
    return tuple(names), None


def _pick(rng: random.Random, kind: str) -> str:
    names, cumulative = _names(kind)
    if cumulative is None:
        return rng.choice(names)
    return rng.choices(names, cum_weights=cumulative)[0]


def street_name(rng: random.Random) -> str:
    suffixes = bank.load("councils")["addresses"]["street_suffixes"]
    name, suffix = rng.choice(_surnames()), rng.choice(suffixes)
    if name == suffix:  # not "Lane Lane": the next suffix in the list
        suffix = suffixes[(suffixes.index(suffix) + 1) % len(suffixes)]
    return f"{name} {suffix}"


@cache
def _domains() -> tuple[str, ...]:
    """Faker en_GB's free email domains."""
    from faker.providers.internet.en_GB import Provider as Internet

    return tuple(Internet.free_email_domains)


def phone_number(rng: random.Random, layouts: Sequence[str]) -> str:
    """A number in one of ``layouts`` (``"0116 496 0###"``: the ``#`` marks, all at the end,
    are random digits).

    The layouts are a place's: Ofcom's drama ranges for its dialling code, or 01632 960xxx
    where the area has none, so a constituent's number never gives away another region.
    """
    layout = rng.choice(layouts)
    digits = layout.count("#")
    head = layout[: layout.index("#")] if digits else layout
    return f"{head}{rng.randrange(10**digits):0{digits}d}" if digits else layout


def mobiles() -> tuple[str, ...]:
    return tuple(bank.load("councils")["mobiles"])


def person(
    seed: int, phones: Sequence[str] = ("01632 960###",), *, gender: str | None = None
) -> dict[str, str]:
    """Name, title, phone and email of one person from their own seed; a landline from
    ``phones`` (the layouts of where they live) or a mobile."""
    return _person(seeded_random(seed), gender, phones)


def _person(
    rng: random.Random,
    gender: str | None = None,
    phones: Sequence[str] = ("01632 960###",),
    online: bool = True,
) -> dict[str, str]:
    female = rng.random() < 0.5  # drawn either way, so a given gender shifts nothing else
    if gender is not None:
        female = gender == "female"
    if female:
        first, title = _pick(rng, "first_names_female"), rng.choice(["Ms", "Mrs", "Miss", "Dr"])
    else:
        first, title = _pick(rng, "first_names_male"), rng.choice(["Mr", "Mr", "Mr", "Dr"])
    surname = _pick(rng, "last_names")
    landline = rng.random() < 0.5
    phone = phone_number(rng, phones if landline else mobiles())
    domain = rng.choice(_domains())
    email = f"{_email_local(first, surname, rng)}@{domain}"
    return {
        "title": title,
        "first": first,
        "surname": surname,
        "name": f"{first} {surname}",
        "gender": "female" if female else "male",
        "phone": phone,
        "email": email if online else "",
    }


def resident(
    seed: int,
    sector: str,
    town: str,
    gender: str | None = None,
    *,
    phones: Sequence[str] = ("01632 960###",),
    online: bool = True,
) -> tuple[dict[str, str], dict[str, Any]]:
    """A person and their home in ``sector``: one record, so one seed. Someone who does not
    use the internet (``online=False``) has no email address."""
    rng = seeded_random(seed)
    return _person(rng, gender, phones, online), _address(rng, sector, town)


def address(seed: int, sector: str, town: str) -> dict[str, Any]:
    """A street address in ``sector``: lines, town and postcode."""
    return _address(seeded_random(seed), sector, town)


def _address(rng: random.Random, sector: str, town: str) -> dict[str, Any]:
    spec = bank.load("councils")["addresses"]
    street = street_name(rng)
    number = rng.randint(1, int(spec["max_house_number"]))
    lines = [f"{number} {street}"]
    if rng.random() < float(spec["flat_share"]):
        lines = [
            f"Flat {rng.randint(1, 24)}",
            f"{rng.choice(['Abbey', 'Victoria', 'Carlton', 'Jubilee'])} Court",
            street,
        ]
    return {"lines": lines, "street": street, "town": town, "postcode": postcode(sector, rng)}
