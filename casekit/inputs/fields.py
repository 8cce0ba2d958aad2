"""Checks on what a learner types into a form, shared by every action.

Each check returns the clean value or raises :class:`~casekit.errors.CasekitError` naming
the field and what is wrong, so a widget can show the message beside the right control and
nothing is written.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from typing import Any

from casekit.errors import CasekitError
from casekit.inputs import dates
from casekit.inputs.phones import PhoneCheck

MAX_TEXT = 20_000
EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
# ``UK_PHONE.match(text)`` is truthy for a UK number in any common written form
# (casekit.inputs.phones); it was a regular expression that refused "(0113) 496 0155".
UK_PHONE = PhoneCheck()


def text(value: Any, name: str, *, required: bool = True, limit: int = MAX_TEXT) -> str:
    if value is None:
        value = ""
    if not isinstance(value, str):
        raise CasekitError(f"{name} must be text.", field=name)
    value = value.strip()
    if required and not value:
        raise CasekitError(f"{name} is empty.", field=name, advice=f"Fill in {name}.")
    if len(value) > limit:
        raise CasekitError(
            f"{name} is too long ({len(value)} characters; the limit is {limit}).", field=name
        )
    problem = not_text(value)
    if problem:
        raise CasekitError(
            f"{name} {problem}.",
            field=name,
            advice="Type it again (or paste it as plain text) and save.",
        )
    return value


_BROKEN = re.compile(r"[\ud800-\udfff\x00]")


def not_text(value: str) -> str | None:
    """Why ``value`` cannot be stored as text: a null character or half of a broken
    character pair (a lone surrogate, which pasted text can carry); None when it can."""
    found = _BROKEN.search(value)
    if found is None:
        return None
    if found.group(0) == "\x00":
        return "contains a null character"
    return "contains a broken character (half of a character pair)"


def choice(value: Any, name: str, choices: dict[str, str]) -> str:
    if value is None or value == "":
        raise CasekitError(
            f"Choose the {name}.", field=name, advice=f"Pick the {name} from the list."
        )
    if not isinstance(value, str) or value not in choices:
        listed = ", ".join(choices)
        raise CasekitError(f"{name} '{value}' is not one of: {listed}.", field=name)
    return str(value)


def as_day(value: Any, name: str) -> date:
    """A date typed in any form :func:`casekit.inputs.dates.parse_date` reads."""
    return dates.parse_date(value, name)


def as_datetime(value: Any, name: str) -> datetime:
    """A naive UK-local date and time (a date alone is 09:00; a UTC offset is converted)."""
    return dates.parse_datetime(value, name)
