"""What comes in from outside, checked at the boundary: text a learner types, dates, UK
phone numbers, names compared by meaning, and JSON from files nobody vouches for.
"""

from casekit.inputs.fields import (
    EMAIL,
    MAX_TEXT,
    UK_PHONE,
    as_datetime,
    as_day,
    choice,
    not_text,
    text,
)

__all__ = [
    "EMAIL",
    "MAX_TEXT",
    "UK_PHONE",
    "as_datetime",
    "as_day",
    "choice",
    "not_text",
    "text",
]
