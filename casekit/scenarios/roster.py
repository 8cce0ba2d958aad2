"""Reading a class roster the way MIS and spreadsheet exports write it.

A roster is a CSV file with one learner a line. Centres export them from their MIS or a
spreadsheet, so the reader takes what those write: a byte-order mark (Excel's "CSV
UTF-8"), commas, semicolons (Excel in many European locales) or tabs, quoted names with
commas in them, headings such as ``Learner ID,Name`` or ``Student Number;Forename;Surname``
(the headings each column may have are data: ``[roster]`` in ``casekit/data/evidence.toml``),
and other columns, which it ignores. What it refuses it names by row and column, as the
tutor's spreadsheet shows them, and nothing is written.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from functools import cache

from casekit.errors import CasekitError

MAX_ROSTER_BYTES = 2 * 1024 * 1024
MAX_LEARNERS = 2000
SOURCE = (
    "casekit class-pack roster format: a CSV file with a heading line naming the learner id "
    "and the name (or forename and surname) columns, optionally email and registration"
)
LEARNER_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$")
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
FIELDS = ("learner_id", "name", "forename", "surname", "email", "registration")
DELIMITERS = (",", ";", "\t")


@dataclass(frozen=True)
class Learner:
    learner_id: str
    name: str
    email: str = ""
    registration: str = ""


def _bad(message: str, field: str, advice: str = "") -> CasekitError:
    return CasekitError(
        message,
        rule="roster-format",
        source=SOURCE,
        field=field,
        advice=advice or "Fix the roster and run the command again.",
    )


def heading_key(text: str) -> str:
    """A heading as compared: case, spaces, punctuation and a byte-order mark aside."""
    return " ".join(re.sub(r"[^0-9a-z]+", " ", text.casefold().lstrip("\ufeff")).split())


@cache
def headings() -> dict[str, str]:
    """Each known heading (as :func:`heading_key` gives it) to the field it fills."""
    from casekit.evidence.config import settings

    out: dict[str, str] = {}
    conf = settings().get("roster", {})
    for field in FIELDS:
        for heading in conf.get(field, [field]):
            out.setdefault(heading_key(str(heading)), field)
    return out


def _text(data: bytes | str) -> str:
    if isinstance(data, bytes):
        if len(data) > MAX_ROSTER_BYTES:
            raise _bad(
                f"The roster is {len(data):,} bytes; the limit is {MAX_ROSTER_BYTES:,}.", "roster"
            )
        if b"\x00" in data:
            raise _bad(
                "The roster is not a CSV text file (it contains binary data).",
                "roster",
                "Save the spreadsheet as CSV (comma separated values).",
            )
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as err:
            raise _bad(
                f"The roster is not UTF-8 text (byte {err.start}).",
                "roster",
                "Save the spreadsheet as 'CSV UTF-8'.",
            ) from err
    else:
        text = data.removeprefix("\ufeff")
        if "\x00" in text:
            raise _bad("The roster is not a CSV text file (it contains binary data).", "roster")
    if not text.strip():
        raise _bad(
            "The roster is empty.",
            "roster",
            "Give a heading line such as 'learner_id,name' and one line per learner.",
        )
    return text


def delimiter(text: str) -> str:
    """The separator of the heading line: the one of ``,`` ``;`` tab it uses most
    (outside quotes), a comma when it uses none."""
    first = next((line for line in text.splitlines() if line.strip()), "")
    unquoted = re.sub(r'"[^"]*"', "", first)
    counts = {d: unquoted.count(d) for d in DELIMITERS}
    best = max(DELIMITERS, key=lambda d: (counts[d], d == ","))
    return best if counts[best] else ","


def _columns(header: list[str]) -> dict[str, int]:
    """Field to column index; refuses a heading line that lacks what a roster needs."""
    known = headings()
    found: dict[str, int] = {}
    for index, cell in enumerate(header):
        field = known.get(heading_key(cell))
        if field is None:
            continue
        if field in found:
            raise _bad(
                f"The roster's columns '{header[found[field]].strip()}' and '{cell.strip()}' "
                f"both give the {field.replace('_', ' ')}.",
                "header",
                "Keep one of them.",
            )
        found[field] = index
    has_name = "name" in found or ("forename" in found and "surname" in found)
    if "learner_id" not in found or not has_name:
        missing = [] if "learner_id" in found else ["a learner id (e.g. 'learner_id')"]
        if not has_name:
            missing.append("a name (e.g. 'name', or 'forename' and 'surname')")
        shown = ",".join(h.strip() for h in header)[:200]
        raise _bad(
            f"The roster's heading line is '{shown}': missing column(s) for "
            + " and ".join(missing)
            + ".",
            "header",
            "The first line must name the columns, e.g. 'learner_id,name' (optionally "
            "',email'); see the [roster] headings in the kit's evidence settings.",
        )
    return found


def parse_roster(data: bytes | str) -> list[Learner]:
    """The learners on a roster, in order; refuses it whole, naming the row and the column
    (as headed in the file), when any line is not a learner casekit can make a pack for."""
    text = _text(data)
    try:
        rows = list(
            csv.reader(io.StringIO(text, newline=""), delimiter=delimiter(text), strict=True)
        )
    except csv.Error as err:
        raise _bad(f"The roster is not valid CSV ({err}).", "roster") from err
    start = next((n for n, row in enumerate(rows) if any(c.strip() for c in row)), None)
    if start is None:
        raise _bad("The roster has no heading line.", "roster")
    header = rows[start]
    columns = _columns(header)
    learners: list[Learner] = []
    seen: dict[str, int] = {}
    for number, row in enumerate(rows[start + 1 :], start=start + 2):
        if not any(cell.strip() for cell in row):
            continue  # a blank line, as spreadsheets leave at the end
        if len(row) > len(header) and any(c.strip() for c in row[len(header) :]):
            raise _bad(
                f"Roster row {number} has {len(row)} values; the heading line has {len(header)}.",
                f"row {number}",
                "A name with a comma in it must be in double quotes.",
            )
        learner = _learner(row, header, columns, number)
        folded = learner.learner_id.casefold()
        if folded in seen:
            raise _bad(
                f"Roster row {number}, column {_shown(header, columns['learner_id'])}: "
                f"'{learner.learner_id}' is already used on row {seen[folded]}.",
                f"row {number}, learner_id",
                "Give every learner a different id.",
            )
        seen[folded] = number
        learners.append(learner)
        if len(learners) > MAX_LEARNERS:
            raise _bad(f"The roster has more than {MAX_LEARNERS} learners.", "roster")
    if not learners:
        raise _bad("The roster has a heading line but no learners.", "roster")
    return learners


def _shown(header: list[str], index: int) -> str:
    return header[index].strip().lstrip("\ufeff")[:60] or f"{index + 1}"


def _learner(row: list[str], header: list[str], columns: dict[str, int], number: int) -> Learner:
    def cell(field: str) -> str:
        index = columns.get(field)
        return row[index].strip() if index is not None and index < len(row) else ""

    def where(field: str) -> tuple[str, str]:
        return (
            f"Roster row {number}, column {_shown(header, columns[field])}",
            f"row {number}, {field}",
        )

    learner_id = cell("learner_id")
    if not learner_id:
        said, field = where("learner_id")
        raise _bad(f"{said}: the learner id is empty.", field)
    if not LEARNER_ID.match(learner_id):
        said, field = where("learner_id")
        raise _bad(
            f"{said}: '{learner_id[:70]}' may use only letters, digits, '.', '_' and '-' "
            "(up to 64), starting with a letter or digit.",
            field,
        )
    if "name" in columns:
        name = " ".join(cell("name").split())
        if not name:
            said, field = where("name")
            raise _bad(f"{said}: the name is empty.", field)
    else:
        for part in ("forename", "surname"):
            if not cell(part):
                said, field = where(part)
                raise _bad(f"{said}: the {part} is empty.", field)
        name = " ".join(f"{cell('forename')} {cell('surname')}".split())
    if len(name) > 200:
        said, field = where("name" if "name" in columns else "surname")
        raise _bad(f"{said}: the name is longer than 200 characters.", field)
    email = cell("email")
    if email and not _EMAIL.match(email):
        said, field = where("email")
        raise _bad(f"{said}: '{email[:70]}' is not an email address.", field)
    registration = cell("registration")
    if len(registration) > 50:
        said, field = where("registration")
        raise _bad(f"{said}: the registration number is longer than 50 characters.", field)
    return Learner(learner_id, name, email, registration)
