"""The what-if calculator gives the workflow's dates, and refuses what makes no sense."""

from __future__ import annotations

from datetime import date

import pytest

from casekit.errors import CasekitError
from casekit.rules.whatif import KINDS, what_if

DATES = [
    # kind, received, options, due (sources in tests/rules/test_law_dates.py)
    ("foi", "03/04/2026", {}, date(2026, 5, 5)),  # FOIA s10(1): Good Friday
    ("foi", "2026-12-19", {}, date(2027, 1, 21)),
    ("foi", "01/01/2027", {}, date(2027, 2, 1)),
    ("eir", "01/08/2026", {}, date(2026, 9, 1)),
    ("foi", "2026-03-02", {"clarified": "16/03/2026"}, date(2026, 4, 16)),  # s10(6)(b)
    ("sar", "31/01/2026", {}, date(2026, 3, 2)),  # art. 12(3)
    ("sar", "2026-01-05", {"asked": "2026-01-06", "clarified": "2026-01-09"}, date(2026, 2, 9)),
    ("complaint", "01/06/2026", {"acknowledged": "02/06/2026"}, date(2026, 6, 16)),  # LGSCO
    ("complaint", "01/06/2026", {}, date(2026, 6, 22)),  # from the acknowledgement deadline
    ("complaint-stage2", "01/06/2026", {"acknowledged": "03/06/2026"}, date(2026, 7, 1)),
    ("acknowledgement", "19/12/2025", {}, date(2025, 12, 23)),  # profile: 2 WD
    ("response", "19/12/2025 16:45", {}, date(2026, 1, 7)),  # rules section 3, England 10 WD
    ("foi", "2026-06-30T23:30Z", {}, date(2026, 7, 30)),  # UK date: 1 July
]


@pytest.mark.parametrize(("kind", "received", "options", "due"), DATES)
def test_what_if_dates(kind, received, options, due):
    ledger = what_if(kind, received, **options)
    assert ledger.due == due
    assert ledger.counted == ledger.length


def test_the_five_day_profile_changes_the_answer():
    assert what_if("response", "2025-11-27", profile="five-day").due == date(2025, 12, 5)
    assert what_if("foi", "03/04/2026", profile="five-day").due == date(2026, 5, 1)  # FOISA


def test_complaint_notes_its_acknowledgement_deadline():
    ledger = what_if("complaint", "01/06/2026")
    assert ledger.notes[0] == "Acknowledge by Mon 8 Jun 2026 (5 working days)."
    assert ledger.time_known is False
    assert what_if("foi", "03/04/2026 16:45").time_known is True


@pytest.mark.parametrize(
    ("kind", "received", "options", "field"),
    [
        ("pothole", "2026-01-05", {}, "kind"),
        ("foi", "", {}, "received"),
        ("foi", "31/02/2026", {}, "received"),
        ("foi", "2026-01-05", {"acknowledged": "2026-01-06"}, "acknowledged"),
        ("complaint", "2026-01-05", {"acknowledged": "2026-01-02"}, "acknowledged"),
        ("sar", "2026-01-05", {"clarified": "2026-01-09"}, "asked"),
        ("foi", "2026-01-05", {"asked": "2026-01-06"}, "clarified"),
        ("foi", "2026-01-05", {"clarified": "2026-01-02"}, "clarified"),
        ("response", "2026-01-05", {"clarified": "2026-01-07"}, "clarified"),
    ],
)
def test_what_makes_no_sense_is_refused_naming_the_field(kind, received, options, field):
    with pytest.raises(CasekitError) as err:
        what_if(kind, received, **options)
    assert err.value.field == field


def test_every_kind_has_a_label():
    assert set(KINDS) == {
        "foi",
        "eir",
        "sar",
        "complaint",
        "complaint-stage2",
        "acknowledgement",
        "response",
    }
