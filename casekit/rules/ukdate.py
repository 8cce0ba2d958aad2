"""UK local dates and times: a deadline counts from the day it is in the UK.

A timestamp's date is its UK local date (Europe/London), so 23:30 UTC on 30 June is
00:30 on 1 July in the UK, and a request sent then was received on 1 July
(casework-rules.md section 3, "Dates"). Times without a zone are UK local times already
(the simulation's clock is kept in UK time). People in the UK write dates day first, so
``03/04/2026`` is 3 April.

This is a small local helper; if ``casekit.inputs.dates`` (UK date input, from another
engineer) arrives, the parsing half can move there.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from functools import lru_cache
from typing import Any
from zoneinfo import ZoneInfo

from casekit.errors import CasekitError

UK_ZONE = "Europe/London"
_UK_DAY = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})(?:[ T,]+(\d{1,2}):(\d{2}))?$")


@lru_cache(maxsize=1)
def _zone() -> ZoneInfo:
    return ZoneInfo(UK_ZONE)


def uk_local(value: datetime) -> datetime:
    """``value`` as a UK local time without a zone; a time without a zone is left as it is."""
    if value.tzinfo is None:
        return value
    return value.astimezone(_zone()).replace(tzinfo=None)


def uk_now() -> datetime:
    """The time now in the UK (Europe/London), without a zone: the machine may run in UTC."""
    return datetime.now(_zone()).replace(tzinfo=None)


def uk_today() -> date:
    """Today's date in the UK."""
    return uk_now().date()


def uk_date(value: date | datetime | str) -> date:
    """The UK local date of a date, a date and time, or an ISO text (``...Z`` or ``+00:00``)."""
    if isinstance(value, str):
        value = _iso(value, "date")
    if isinstance(value, datetime):
        return uk_local(value).date()
    return value


def uk_datetime(value: date | datetime | str, *, default_hour: int = 9) -> datetime:
    """A UK local date and time; a bare date is taken at ``default_hour`` (the office day)."""
    if isinstance(value, str):
        value = _iso(value, "date and time")
    if isinstance(value, datetime):
        return uk_local(value)
    return datetime(value.year, value.month, value.day, default_hour, 0)


def _iso(text: str, what: str) -> date | datetime:
    cleaned = text.strip().replace("Z", "+00:00").replace("z", "+00:00")
    try:
        if len(cleaned) == 10:
            return date.fromisoformat(cleaned)
        return datetime.fromisoformat(cleaned)
    except ValueError:
        raise CasekitError(
            f"'{text}' is not a {what}.",
            field=what,
            advice="Write it as YYYY-MM-DD (or with a time, YYYY-MM-DDTHH:MM).",
        ) from None


def parse_when(value: Any, name: str = "date") -> datetime | date:
    """A date (or date and time) typed by a person: ISO (``2026-04-03``, ``2026-04-03T16:45``)
    or the UK way, day first (``03/04/2026``, ``3/4/2026 16:45``).

    Returns a :class:`date` when no time was given, else a UK local :class:`datetime`.
    A refusal names the field and shows both ways of writing it.
    """
    if isinstance(value, datetime):
        return uk_local(value)
    if isinstance(value, date):
        return value
    if isinstance(value, str) and value.strip():
        text = value.strip()
        match = _UK_DAY.match(text)
        try:
            if match:
                day, month, year, hour, minute = match.groups()
                if hour is None:
                    return date(int(year), int(month), int(day))
                return datetime(int(year), int(month), int(day), int(hour), int(minute))
            parsed = _iso(text, name)
            return uk_local(parsed) if isinstance(parsed, datetime) else parsed
        except (ValueError, CasekitError):
            pass
    raise CasekitError(
        f"{name} '{value}' is not a date.",
        field=name,
        advice="Write it as DD/MM/YYYY (03/04/2026) or YYYY-MM-DD (2026-04-03); "
        "add a time as 16:45 if you know it.",
    )
