"""What kind of case an enquiry is, defined once (``casekit/data/definitions.toml``).

The scenario generator keys its cases by these definitions, the knowledge check's questions
about a case's kind must agree with them, and the coach quotes them: a complaint is "an
expression of dissatisfaction, however made, about the standard of service, actions or lack
of action" (LGSCO), wherever the kit meets one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import Any

from casekit.rules.datafiles import read_data

JUDGED = ("complaint", "service_request")  # the kinds signs can show, in the order judged
DEFAULT_KIND = "member_enquiry"


@dataclass(frozen=True)
class Definition:
    """One kind of case: its definition, route, source and the words that show it."""

    kind: str
    label: str
    definition: str
    route: str
    source: str
    note: str
    signs: tuple[str, ...]


@cache
def definitions_table() -> dict[str, Any]:
    """The checked definitions file (read once)."""
    return read_data("definitions")


@cache
def definitions() -> dict[str, Definition]:
    """Kind of case -> its definition."""
    return {
        kind: Definition(
            kind=kind,
            label=entry["label"],
            definition=entry["definition"],
            route=entry["route"],
            source=entry["source"],
            note=entry["note"],
            signs=tuple(entry["signs"]),
        )
        for kind, entry in definitions_table()["kinds"].items()
    }


def definition(kind: str) -> Definition:
    """The definition of ``kind`` (``"complaint"``, ``"service_request"``, ...)."""
    return definitions()[kind]


def statutory_definition() -> dict[str, str]:
    """What a statutory request inside a case is, and its source."""
    return dict(definitions_table()["statutory"])


def _pattern(signs: tuple[str, ...]) -> re.Pattern[str] | None:
    if not signs:
        return None
    words = sorted((re.escape(s) for s in signs), key=len, reverse=True)
    return re.compile(r"(?<!\w)(?:" + "|".join(words) + r")(?!\w)", re.IGNORECASE)


@cache
def _patterns() -> dict[str, re.Pattern[str] | None]:
    return {kind: _pattern(d.signs) for kind, d in definitions().items()}


def signs_in(text: str, kind: str) -> list[str]:
    """The signs of ``kind`` that ``text`` shows, as written there (whole words, any case)."""
    pattern = _patterns().get(kind)
    return [m.group(0) for m in pattern.finditer(text)] if pattern is not None else []


def judge(text: str) -> str:
    """The kind of case ``text`` is by these definitions: a complaint if it shows a complaint
    sign, else a service request if it shows one of those, else a member enquiry."""
    for kind in JUDGED:
        if kind in definitions() and signs_in(text, kind):
            return kind
    return DEFAULT_KIND
