"""The forms a personal value takes in free text, so pseudonymising finds every one.

A constituent called "Bethany Rowe-Carter" is "Bethany" in a letter's greeting and
"ROWE-CARTER" in a note; "Flat 2, 17 Larkspur Close, Shepshed" is "17 Larkspur Close" or
"Larkspur Close" in a reply; a date of birth of 1958-07-03 is "03/07/1958" or "3 July
1958"; an identifier "QQ123456C" is "QQ 12 34 56 C". Each function here turns one value
into the forms worth searching for. Pure functions: the same value, the same forms.
"""

from __future__ import annotations

import re
from datetime import date

from casekit.inputs.dates import MONTHS

TITLES = {"mr", "mrs", "ms", "miss", "mx", "dr", "prof", "sir", "dame", "rev", "lord", "lady"}
_NUMBERED = re.compile(r"^(?:flat|apartment|unit|house)?\s*\d+[a-z]?\s*[,]?\s+(.+)$", re.I)
_DMY = re.compile(r"^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$")


def name_parts(name: str) -> list[str]:
    """The words of a name a letter might use alone (not titles, not initials), and the
    parts of a double-barrelled surname."""
    words = [w.strip(".,") for w in re.split(r"\s+", name.strip()) if w.strip(".,")]
    out = []
    for word in words:
        if word.casefold().rstrip(".") in TITLES or len(word) < 2:
            continue
        out.append(word)
        if "-" in word:
            out += [p for p in word.split("-") if len(p) >= 2]
    return out


def address_parts(address: str) -> list[str]:
    """The full address, each line that could find the home (a line with a number or of
    two or more words), and the street without its number. A town alone is kept: it
    identifies no one and the ward and council are in the pack anyway."""
    address = " ".join(address.split())
    out = [address] if address else []
    for line in re.split(r"[,\n;]", address):
        line = line.strip()
        if not line:
            continue
        if any(c.isdigit() for c in line) or len(line.split()) >= 2:
            out.append(line)
        match = _NUMBERED.match(line)
        if match and len(match.group(1).split()) >= 2:
            out.append(match.group(1).strip())
    return out


def as_date(value: str) -> date | None:
    """A date written as ISO (1958-07-03) or UK style (03/07/1958), else None."""
    text = value.strip()
    if re.match(r"^\d{4}-\d{2}-\d{2}$", text):
        try:
            return date.fromisoformat(text)
        except ValueError:
            return None
    match = _DMY.match(text)
    if match:
        try:
            return date(int(match.group(3)), int(match.group(2)), int(match.group(1)))
        except ValueError:
            return None
    return None


def date_forms(when: date) -> list[str]:
    """The ways a date is written in British letters and records."""
    d, m, y = when.day, when.month, when.year
    month = MONTHS[m - 1]
    suffix = "th" if 11 <= d <= 13 else {1: "st", 2: "nd", 3: "rd"}.get(d % 10, "th")
    forms = {
        when.isoformat(),
        f"{d:02d}/{m:02d}/{y}",
        f"{d}/{m}/{y}",
        f"{d:02d}.{m:02d}.{y}",
        f"{d:02d}-{m:02d}-{y}",
        f"{d} {month} {y}",
        f"{d}{suffix} {month} {y}",
        f"{d} {month[:3]} {y}",
        f"{month} {d}, {y}",
        f"{d:02d}/{m:02d}/{y % 100:02d}",
    }
    return sorted(forms, key=lambda f: (-len(f), f))


def flexible(value: str) -> str | None:
    """A pattern for an identifier or number however it is spaced or punctuated
    ("QQ123456C", "QQ 12 34 56 C", "01509-222-333"), or None if it is not one (it must
    hold at least five letters and digits, one of them a digit)."""
    chars = [c for c in value if c.isalnum()]
    if len(chars) < 5 or not any(c.isdigit() for c in chars):
        return None
    return r"[\s\-./]?".join(re.escape(c) for c in chars)
