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

MAX_TEXT = 20_000
EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
UK_PHONE = re.compile(r"^(?:\+44\s?|0)[0-9\s()-]{9,14}$")


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
    if "\x00" in value:
        raise CasekitError(f"{name} contains a null character.", field=name)
    return value


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
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        try:
            return date.fromisoformat(value.strip())
        except ValueError:
            pass
    raise CasekitError(f"{name} '{value}' is not a date (YYYY-MM-DD).", field=name)


def as_datetime(value: Any, name: str) -> datetime:
    if isinstance(value, datetime):
        return value
    if isinstance(value, date):
        return datetime(value.year, value.month, value.day, 9, 0)
    if isinstance(value, str):
        try:
            return datetime.fromisoformat(value.strip())
        except ValueError:
            pass
    raise CasekitError(f"{name} '{value}' is not a date and time (YYYY-MM-DD HH:MM).", field=name)
