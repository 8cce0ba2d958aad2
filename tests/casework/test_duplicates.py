"""Duplicates held elsewhere: a case already open with another member or the MP.

The member casework log that comes with an enquiry shows it; intake warns naming its
reference and who holds it, the link form offers it first, and linking records the
reference. A closed case in the log is history, not a duplicate.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from casekit.casework.actions import Casework
from casekit.casework.duplicates import duplicate_choices, held_elsewhere
from casekit.record.workspace import Workspace

START = datetime(2026, 1, 12, 9, 0)
COUNCIL = {
    "name": "Test Council",
    "tier": "unitary",
    "wards": [{"id": "W01", "name": "Abbey", "sectors": ["LE11 3"]}],
    "members": [
        {"id": "M01", "name": "Councillor Ada Patel", "wards": ["W01"]},
        {"id": "M02", "name": "Councillor Ben Okafor", "wards": ["W01"]},
    ],
    "services": [{"id": "S01", "name": "Waste", "category": "waste"}],
}
OPEN_ELSEWHERE = {
    "id": "C001-R2",
    "type": "previous_case",
    "system": "Member casework log",
    "as_of": "2025-12-10",
    "fields": {
        "ref": "MC3966",
        "raised_with": "M02",
        "held_by": "Councillor Ben Okafor",
        "opened": "2025-12-10",
        "status": "open: referred to the service",
        "summary": "Bin lid damaged during collection, Mill Lane",
    },
}
CLOSED_LONG_AGO = {
    "id": "C001-R3",
    "type": "previous_case",
    "as_of": "2023-06-05",
    "fields": {"ref": "MC2777", "status": "closed", "summary": "Missed bins"},
}
PERSON = {"name": "Mat Griffiths", "address": "19 Mill Lane", "postcode": "LE11 3HB"}


@pytest.fixture
def ws(tmp_path: Path) -> Workspace:
    ws = Workspace.create(tmp_path / "ws", start=START, secret_seed="duplicates")
    ws.append("council_defined", COUNCIL, actor="system")
    ws.append(
        "inbox_item_delivered",
        {"timeline_item": "C001-T1", "channel": "email", "member_id": "M01", "pack_case": "C001"},
        personal={
            "constituent": PERSON,
            "enquiry": "The crew broke my bin lid. I mentioned it to Cllr Okafor.",
            "records": [OPEN_ELSEWHERE, CLOSED_LONG_AGO],
        },
        actor="system",
    )
    yield ws
    ws.close()


def _log(ws: Workspace, **extra) -> tuple[str, list]:
    result = Casework(ws).receive_enquiry(
        constituent=dict(PERSON),
        enquiry="The crew broke my bin lid.",
        category="waste",
        member_id="M01",
        **extra,
    )
    return result.case_ref, result.notices


def test_intake_warns_of_a_case_held_by_another_member(ws: Workspace) -> None:
    _ref, notices = _log(ws, inbox_item="C001-T1")
    [notice] = [n for n in notices if n.rule == "possible-duplicate"]
    assert "MC3966" in notice.message and "Councillor Ben Okafor" in notice.message
    assert "MC2777" not in notice.message  # closed: history, not a duplicate
    kept = ws.events(kinds=["enquiry_received"])[-1].data["warnings"]
    assert kept[0]["rule"] == "possible-duplicate"
    assert "Mill Lane" not in str(kept)  # the log keeps no address in the warning


def test_the_link_form_offers_it_first_and_linking_records_its_reference(ws: Workspace) -> None:
    ref, _ = _log(ws, inbox_item="C001-T1")
    other, _ = _log(ws)  # typed in: no casework log came with it
    choices = duplicate_choices(ws.state(), ref)
    assert [value for _, value in choices] == ["MC3966", other]
    assert choices[0][0] == "MC3966, held by Councillor Ben Okafor (outside this workspace)"
    assert [value for _, value in duplicate_choices(ws.state(), other)] == [ref]
    event = Casework(ws).link_duplicate(ref, "MC3966", reason="Same bin, raised with Cllr Okafor")
    assert event.data["other"] == "MC3966"


def test_a_typed_in_enquiry_has_no_case_held_elsewhere(ws: Workspace) -> None:
    _, notices = _log(ws)
    assert not [n for n in notices if "MC3966" in n.message]
    assert duplicate_choices(ws.state(), None) == duplicate_choices(ws.state(), "")


def test_only_open_cases_with_a_reference_are_held_elsewhere() -> None:
    held = held_elsewhere([OPEN_ELSEWHERE, CLOSED_LONG_AGO], "Councillor Ada Patel")
    assert [h.ref for h in held] == ["MC3966"]
    assert held[0].label == "MC3966, held by Councillor Ben Okafor, opened 10 December 2025"
    unnamed = {**OPEN_ELSEWHERE, "fields": {"ref": "MC1", "status": "open"}}
    assert held_elsewhere([unnamed], "Councillor Ada Patel")[0].held_by == "Councillor Ada Patel"


JSONISH = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=12),
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4)
    ),
    max_leaves=12,
)


@settings(max_examples=200, deadline=None)
@given(records=JSONISH)
def test_any_records_give_a_list_never_an_error(records) -> None:
    """Records come from a pack a learner can edit: junk gives nothing, never a crash."""
    found = held_elsewhere(records)
    assert isinstance(found, list)
    assert all(h.ref and isinstance(h.label, str) for h in found)
