"""Property tests for the parsers and helpers behind the trust checks: ledgers given any
bytes give entries or one clean refusal; a personal value is found however it is written."""

from __future__ import annotations

import re
import tempfile
from datetime import date
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from casekit.errors import CasekitError
from casekit.evidence import assessor, witness
from casekit.evidence.personal_values import as_date, date_forms, flexible, name_parts
from casekit.evidence.pseudonymise import Pseudonymiser

LINES = st.lists(
    st.one_of(
        st.binary(max_size=80),
        st.sampled_from([b"{}", b'{"n": 1}', b"[]", b'"x"', b'{"type": "decision"}', b"null"]),
    ),
    max_size=4,
)


@given(LINES)
@settings(max_examples=150, deadline=None)
def test_ledgers_read_any_bytes_cleanly(lines: list[bytes]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        raw = b"\n".join(lines) + (b"\n" if lines else b"")
        (folder / "witness.jsonl").write_bytes(raw)
        (folder / assessor.LEDGER).write_bytes(raw)
        for read in (
            lambda: witness.read_ledger(folder / "witness.jsonl"),
            lambda: assessor.read_ledger(folder),
        ):
            try:
                entries = read()
            except CasekitError as err:
                assert "line" in err.message or "not a file" in err.message
            else:
                assert entries == [] and not raw.strip()


SEPARATORS = st.sampled_from(["", " ", "-", ".", "/"])


@given(
    st.text(alphabet="ABCDEFGHJKLMNPQRSTWXYZ0123456789", min_size=5, max_size=12).filter(
        lambda v: any(c.isdigit() for c in v)
    ),
    st.lists(SEPARATORS, min_size=12, max_size=12),
)
@settings(max_examples=200)
def test_an_identifier_is_found_however_it_is_spaced(value: str, seps: list[str]) -> None:
    pattern = flexible(value)
    assert pattern is not None
    written = "".join(c + seps[i] for i, c in enumerate(value[:-1])) + value[-1]
    assert re.fullmatch(pattern, written, flags=re.IGNORECASE)
    p = Pseudonymiser()
    p._value(value, "[withheld]")
    assert value.casefold() not in p.scrub(f"ref {written.lower()} ends").casefold()


@given(st.dates(min_value=date(1900, 1, 1), max_value=date(2030, 12, 31)))
@settings(max_examples=200)
def test_every_written_form_of_a_date_is_scrubbed(when: date) -> None:
    forms = date_forms(when)
    assert when.isoformat() in forms and as_date(when.isoformat()) == when
    assert as_date(f"{when.day:02d}/{when.month:02d}/{when.year}") == when
    p = Pseudonymiser()
    p._value(when.isoformat(), "[withheld]")
    for form in forms:
        assert form not in p.scrub(f"born {form}, she said"), form


@given(st.text(max_size=60))
@settings(max_examples=200)
def test_name_parts_never_return_titles_or_initials(name: str) -> None:
    for part in name_parts(name):
        assert len(part) >= 2 and part.casefold().rstrip(".") not in ("mr", "mrs", "ms", "dr")
