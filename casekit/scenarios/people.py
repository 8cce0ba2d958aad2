"""Synthetic people (constituents, members, officers) from Faker en_GB, one seed each.

Addresses are built from the council's own postcode sectors rather than Faker's
postcodes, so that a constituent's ward can be checked from the postcode like a real one.
"""

from __future__ import annotations

import random
import re
from typing import Any

from casekit.scenarios import bank
from casekit.scenarios.seeds import faker_for

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


def street_name(fake: Any, rng: random.Random) -> str:
    suffixes = bank.load("councils")["addresses"]["street_suffixes"]
    return f"{fake.last_name()} {rng.choice(suffixes)}"


def uk_phone(raw: str) -> str:
    """Faker's many phone layouts turned into the one a council system stores.

    ``+44(0)118 496 0476`` and ``(0118) 4960476`` both become ``0118 496 0476``; the number
    itself is kept, so Ofcom's drama ranges stay drama ranges.
    """
    digits = re.sub(r"\D", "", raw)
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
    fake = faker_for(seed)
    rng = fake.random  # the record's own seeded stream: no second generator to seed
    if rng.random() < 0.5:
        first, title = fake.first_name_female(), rng.choice(["Ms", "Mrs", "Miss", "Ms", "Dr"])
    else:
        first, title = fake.first_name_male(), rng.choice(["Mr", "Mr", "Mr", "Dr"])
    surname = fake.last_name()
    phone = uk_phone(fake.phone_number() if rng.random() < 0.5 else fake.cellphone_number())
    domain = fake.free_email_domain()
    return {
        "title": title,
        "first": first,
        "surname": surname,
        "name": f"{first} {surname}",
        "phone": phone,
        "email": f"{_email_local(first, surname, rng)}@{domain}",
    }


def address(seed: int, sector: str, town: str) -> dict[str, Any]:
    """A street address in ``sector``: lines, town and postcode."""
    fake = faker_for(seed)
    rng = fake.random
    spec = bank.load("councils")["addresses"]
    street = street_name(fake, rng)
    number = rng.randint(1, int(spec["max_house_number"]))
    lines = [f"{number} {street}"]
    if rng.random() < float(spec["flat_share"]):
        lines = [
            f"Flat {rng.randint(1, 24)}",
            f"{rng.choice(['Abbey', 'Victoria', 'Carlton', 'Jubilee'])} Court",
            street,
        ]
    return {"lines": lines, "street": street, "town": town, "postcode": postcode(sector, rng)}
