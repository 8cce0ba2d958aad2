"""Given names, so a person named without a title ("Jayden Reilly", "her lad Callum") is
still a person whose data a letter may leak.

The list lives in ``casekit/data/given_names.txt``: one name a line, made from the name
lists of the pinned Faker package (many locales, because casework letters name people of
every background) by ``python -m casekit.drafting.given_names``. A test keeps the file
current. Reading it needs no Faker at run time. A centre may add names to the file; names
that are ordinary words too ("Grace", "Will", "Ward") are set aside by the profile's
``not_given_names`` and by the drafting word families, and a name counts only where the
letter uses it as one (see :mod:`casekit.drafting.finder`).
"""

from __future__ import annotations

import importlib
import sys
from functools import lru_cache
from pathlib import Path

DATA = Path(__file__).resolve().parents[1] / "data" / "given_names.txt"
LOCALES = (
    "en_GB",
    "en_IE",
    "en_US",
    "en_IN",
    "en_NZ",
    "pl_PL",
    "ro_RO",
    "lt_LT",
    "uk_UA",
    "it_IT",
    "es_ES",
    "pt_PT",
    "fr_FR",
    "de_DE",
    "tr_TR",
    "ar_AA",
)
HEADER = (
    "# Given names, one a line, made by `python -m casekit.drafting.given_names` from the "
    "pinned Faker package's name lists ({locales}).\n"
)


def generate() -> list[str]:
    """The names from Faker's person providers (imported here only, never at run time)."""
    names: set[str] = set()
    for locale in LOCALES:
        provider = importlib.import_module(f"faker.providers.person.{locale}").Provider
        for attr in ("first_names", "first_names_male", "first_names_female"):
            value = getattr(provider, attr, None)
            if value:
                names.update(value.keys() if isinstance(value, dict) else value)
    return sorted(n for n in names if n.isalpha() and n[:1].isupper() and len(n) > 1)


def render(names: list[str]) -> str:
    return HEADER.format(locales=", ".join(LOCALES)) + "\n".join(names) + "\n"


@lru_cache(maxsize=1)
def given_names() -> frozenset[str]:
    """Every name in the data file, lower case."""
    if not DATA.exists():
        return frozenset()
    lines = DATA.read_text(encoding="utf-8").splitlines()
    return frozenset(n.strip().lower() for n in lines if n.strip() and not n.startswith("#"))


def main() -> int:
    DATA.write_text(render(generate()), encoding="utf-8")
    print(f"wrote {DATA}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
