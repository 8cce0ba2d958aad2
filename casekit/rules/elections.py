"""The pre-election period's start: the notice of election, as published or at the latest.

The period runs from the notice of election to the close of poll (Code of Recommended
Practice on Local Authority Publicity). A council publishes its notice on a date it
knows, often earlier than the law's latest date (25 working days before an English local
poll); the profile gives that date (``[pre_election] notice_of_election``) when known, and
the latest date is the fallback.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from casekit.rules.calendar import WorkingCalendar


def notice_of_election(rules: Any, poll: date, calendar: WorkingCalendar) -> tuple[date, str]:
    """The day the pre-election period starts for ``poll``, and how it was found:
    ``"published"`` (the profile's date) or ``"latest"`` (``notice_wd_before_poll``
    working days before the poll). A published date is used only when it is no later than
    the latest date the law allows and within the three months before the poll (an older
    date belongs to another election)."""
    latest = calendar.add_working_days(poll, -rules.notice_wd_before_poll)
    published = getattr(rules, "notice_of_election", None)
    if published is not None and poll - timedelta(days=92) <= published <= latest:
        return published, "published"
    return latest, "latest"
