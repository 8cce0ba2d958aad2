"""Synthetic people (constituents, members, officers) from Faker en_GB, one seed each.

Names, phone layouts and email domains are Faker en_GB's own lists, drawn from the
record's own ``random.Random`` exactly as Faker draws them (so a seed gives what Faker
seeded with it would), without Faker's per-call overhead.

Addresses are built from the council's own postcode sectors rather than Faker's
postcodes, so that a constituent's ward can be checked from the postcode like a real one.
"""

from __future__ import annotations

import random
import re
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
    return f"{rng.choice(_surnames())} {rng.choice(suffixes)}"


@cache
def _faker_lists() -> dict[str, tuple[Any, ...]]:
    """Faker en_GB's phone layouts (Ofcom's drama ranges) and free email domains.

    Each layout is kept split at its ``#`` marks, one random digit each: the only mark
    the en_GB layouts use.
    """
    from faker.providers.internet.en_GB import Provider as Internet
    from faker.providers.phone_number.en_GB import Provider as Phone

    return {
        "landline": tuple(tuple(layout.split("#")) for layout in Phone.formats),
        "mobile": tuple(tuple(layout.split("#")) for layout in Phone.cellphone_formats),
        "domains": tuple(Internet.free_email_domains),
    }


def _phone_number(rng: random.Random, kind: str) -> str:
    """A number in one of Faker's ``kind`` layouts, drawn as Faker draws it.

    Faker picks a layout with ``choice`` and fills each ``#`` in turn with ``randint(0,
    9)``; doing the same on the record's own stream gives the same numbers without
    Faker's layers of calls, which cost several times the draws themselves.
    """
    pieces = rng.choice(_faker_lists()[kind])
    out = [pieces[0]]
    for piece in pieces[1:]:
        out.append(str(rng.randint(0, 9)))
        out.append(piece)
    return "".join(out)


_NOT_DIGIT = re.compile(r"\D")


def uk_phone(raw: str) -> str:
    """Faker's many phone layouts turned into the one a council system stores.

    ``+44(0)118 496 0476`` and ``(0118) 4960476`` both become ``0118 496 0476``; the number
    itself is kept, so Ofcom's drama ranges stay drama ranges.
    """
    digits = _NOT_DIGIT.sub("", raw)
    if digits.startswith("44"):
        digits = digits[2:]
    digits = "0" + digits.lstrip("0")
    if digits.startswith(("07", "08")) or len(digits) != 11:
        return f"{digits[:5]} {digits[5:]}"
    if digits.startswith("02"):
        return f"{digits[:3]} {digits[3:7]} {digits[7:]}"
    if digits[2] == "1" or digits[3] == "1":
        return f"{digits[:4]} {digits[4:7]} {digits[7:]}"
    return f"{digits[:5]} {digits[5:]}"


def person(seed: int) -> dict[str, str]:
    """Name, title, phone and email of one person from their own seed."""
    return _person(seeded_random(seed))


def _person(rng: random.Random, gender: str | None = None) -> dict[str, str]:
    female = rng.random() < 0.5  # drawn either way, so a given gender shifts nothing else
    if gender is not None:
        female = gender == "female"
    if female:
        first, title = _pick(rng, "first_names_female"), rng.choice(["Ms", "Mrs", "Miss", "Dr"])
    else:
        first, title = _pick(rng, "first_names_male"), rng.choice(["Mr", "Mr", "Mr", "Dr"])
    surname = _pick(rng, "last_names")
    phone = uk_phone(_phone_number(rng, "landline" if rng.random() < 0.5 else "mobile"))
    if phone.startswith(("08", "09")):  # freephone and premium rate: not a person's line
        phone = uk_phone(_phone_number(rng, "mobile"))
    domain = rng.choice(_faker_lists()["domains"])
    return {
        "title": title,
        "first": first,
        "surname": surname,
        "name": f"{first} {surname}",
        "phone": phone,
        "email": f"{_email_local(first, surname, rng)}@{domain}",
    }


def resident(
    seed: int, sector: str, town: str, gender: str | None = None
) -> tuple[dict[str, str], dict[str, Any]]:
    """A person and their home in ``sector``: one record, so one seed."""
    rng = seeded_random(seed)
    return _person(rng, gender), _address(rng, sector, town)


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
