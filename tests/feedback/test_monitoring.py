"""Monitoring on fixed dates: deadline flags, answered within target, the per-case frame."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime

import pytest

from casekit.casework.actions import Casework
from casekit.errors import CasekitError
from casekit.feedback.monitoring import (
    FLAG_ORDER,
    answered_within_target,
    attention,
    cases_frame,
    deadline_rows,
)
from casekit.record.workspace import Workspace
from tests.approved import send_approved

RECEIVED = "2025-12-19T10:00"  # Fri 19 Dec 2025: acknowledge by 23 Dec, respond by 7 Jan
COUNCIL = {
    "name": "Charnwood Borough Council",
    "tier": "district",
    "wards": [
        {"id": "hastings", "name": "Loughborough Hastings", "sectors": ["LE11 3"]},
        {"id": "shelthorpe", "name": "Loughborough Shelthorpe", "sectors": ["LE11 2"]},
    ],
    "members": [
        {"id": "patel", "name": "Cllr Ada Patel", "wards": ["hastings"], "style": {}},
        {"id": "okafor", "name": "Cllr Ben Okafor", "wards": ["shelthorpe"], "style": {}},
    ],
    "services": [],
}


@pytest.fixture
def ws(workspace_factory: Callable[..., Workspace]) -> Workspace:
    workspace = workspace_factory(start=datetime(2025, 12, 19, 10, 0))
    workspace.append("council_defined", COUNCIL, actor="system")
    return workspace


def advance(ws: Workspace, to: str) -> None:
    ws.append("clock_advanced", {"to": to, "working_days": 1}, actor="system", at=to)


def receive(cw: Casework, name: str, **overrides: object) -> str:
    args: dict[str, object] = {
        "constituent": {"name": name},
        "enquiry": "Help",
        "category": "housing",
        "member_id": "patel",
        "received_at": RECEIVED,
    }
    args.update(overrides)
    return cw.receive_enquiry(**args).case_ref  # type: ignore[arg-type]


def flags(ws: Workspace, today: date) -> dict[tuple[str, str], str]:
    return {(r.case, r.clock): r.flag for r in deadline_rows(ws.state(), today)}


def test_flags_move_with_the_date(ws: Workspace) -> None:
    ref = receive(Casework(ws), "Ann Smith")
    expected = {
        date(2025, 12, 19): ("due soon", "on track"),  # 2 WD left (22, 23 Dec)
        date(2025, 12, 22): ("due soon", "on track"),
        date(2025, 12, 23): ("due today", "on track"),
        date(2025, 12, 24): ("overdue", "on track"),
        date(2026, 1, 5): ("overdue", "due soon"),  # 2 WD left: not yet a holding reply
        date(2026, 1, 6): ("overdue", "holding reply needed"),  # 1 WD left
        date(2026, 1, 7): ("overdue", "holding reply needed"),  # due today, still unanswered
        date(2026, 1, 8): ("overdue", "overdue"),
    }
    for today, (ack, respond) in expected.items():
        got = flags(ws, today)
        assert (got[(ref, "acknowledge")], got[(ref, "respond")]) == (ack, respond), today


def test_rows_carry_the_case_and_the_rule(ws: Workspace) -> None:
    ref = receive(Casework(ws), "Ann Smith", channel="phone", category="waste")
    rows = deadline_rows(ws.state(), date(2026, 1, 6))
    respond = next(r for r in rows if r.clock == "respond")
    assert respond.as_dict() == {
        "case": ref,
        "constituent": "Ann Smith",
        "category": "Waste and bins",
        "member": "Cllr Ada Patel",
        "ward": "Loughborough Hastings",
        "channel": "Phone",
        "case_status": "open",
        "clock": "respond",
        "label": "response (member enquiry)",
        "due": "2026-01-07",
        "status": "running",
        "days_left": 1,
        "flag": "holding reply needed",
        "source": respond.source,
        "note": "",
    }
    assert "Member/officer protocol" in respond.source
    # most urgent first
    assert [FLAG_ORDER.index(r.flag) for r in rows] == sorted(
        FLAG_ORDER.index(r.flag) for r in rows
    )
    needs = attention(ws.state(), date(2026, 1, 6))
    assert [r.clock for r in needs["holding reply needed"]] == ["respond"]
    assert [r.clock for r in needs["overdue"]] == ["acknowledge"]
    assert needs["due today"] == []


def test_met_missed_and_passed_on(ws: Workspace) -> None:
    cw = Casework(ws)
    on_time = receive(cw, "Ann Smith")
    late = receive(cw, "Bob Jones", category="waste", channel="phone", member_id="okafor")
    foi = receive(cw, "Cy Lee", category="planning")
    cw.start_clock(foi, "foi")
    cw.escalate(foi, route_id="information-request", reason="an FOI request inside the case")
    advance(ws, "2026-01-07T16:00")
    send_approved(ws, on_time, "Done")
    advance(ws, "2026-01-08T09:00")
    send_approved(ws, late, "Sorry for the delay")
    got = flags(ws, date(2026, 1, 8))
    assert got[(on_time, "respond")] == "met"
    assert got[(on_time, "acknowledge")] == "missed"  # no acknowledgement by 23 Dec
    assert got[(late, "respond")] == "missed"
    assert got[(foi, "foi")] == "passed on"
    assert got[(foi, "respond")] == "overdue"
    # The FOI is with information governance, but the problem the constituent raised still
    # needs its answer: the case cannot close while that clock runs (the kit let it close).
    with pytest.raises(CasekitError) as refused:
        cw.close(foi, outcome="passed to information governance", reason="the FOI team has it")
    assert refused.value.rule == "close-with-open-enquiry"
    withdrawn = receive(cw, "Di Ray", category="planning")
    cw.close(withdrawn, outcome="withdrawn", reason="the constituent withdrew it by phone")
    assert flags(ws, date(2026, 1, 8))[(withdrawn, "respond")] == "stopped"

    by_category = answered_within_target(ws.state(), "category")
    assert by_category == [
        {"category": "Housing", "answered": 1, "within_target": 1, "share": 1.0},
        {"category": "Waste and bins", "answered": 1, "within_target": 0, "share": 0.0},
    ]
    assert answered_within_target(ws.state(), "ward") == [
        {"ward": "Loughborough Hastings", "answered": 1, "within_target": 1, "share": 1.0},
        {"ward": "Loughborough Shelthorpe", "answered": 1, "within_target": 0, "share": 0.0},
    ]
    assert answered_within_target(ws.state(), "channel") == [
        {"channel": "Email", "answered": 1, "within_target": 1, "share": 1.0},
        {"channel": "Phone", "answered": 1, "within_target": 0, "share": 0.0},
    ]
    with pytest.raises(CasekitError) as info:
        answered_within_target(ws.state(), "postcode")
    assert info.value.field == "by"
    from casekit.feedback.reporting import answered_frame

    table = answered_frame(ws.state())  # the same figures as one pandas table
    assert list(table["by"]) == ["ward"] * 2 + ["category"] * 2 + ["channel"] * 2
    assert table[table["by"] == "category"].drop(columns="by").to_dict("records") == [
        {"group": "Housing", "answered": 1, "within_target": 1, "share": 1.0},
        {"group": "Waste and bins", "answered": 1, "within_target": 0, "share": 0.0},
    ]
    with pytest.raises(CasekitError):
        answered_frame(ws.state(), ("postcode",))


def test_share_is_rounded_over_several_cases(ws: Workspace) -> None:
    cw = Casework(ws)
    refs = [receive(cw, f"Person {i}") for i in range(3)]
    advance(ws, "2026-01-02T09:00")
    send_approved(ws, refs[0], "a")
    send_approved(ws, refs[1], "b")
    advance(ws, "2026-01-09T09:00")
    send_approved(ws, refs[2], "c")
    assert answered_within_target(ws.state(), "member") == [
        {"member": "Cllr Ada Patel", "answered": 3, "within_target": 2, "share": 0.667}
    ]


def test_cases_frame_is_one_row_per_case(ws: Workspace) -> None:
    cw = Casework(ws)
    first = receive(cw, "Ann Smith")
    second = receive(cw, "Bob Jones", category="waste")
    cw.start_clock(second, "foi")
    frame = cases_frame(ws.state(), date(2026, 1, 6))
    assert list(frame.index) == [first, second] and frame.index.name == "case"
    assert frame.loc[first, "constituent"] == "Ann Smith"
    assert frame.loc[first, "respond due"] == date(2026, 1, 7)
    assert frame.loc[second, "foi due"] == date(2026, 1, 22)
    assert frame.loc[first, "flag"] == "overdue"  # the most urgent of its clocks
    assert frame.loc[second, "foi status"] == "running"


def test_empty_workspace(workspace: Workspace) -> None:
    state = workspace.state()
    assert deadline_rows(state, date(2026, 1, 12)) == []
    assert cases_frame(state, date(2026, 1, 12)).empty
    assert answered_within_target(state) == []
