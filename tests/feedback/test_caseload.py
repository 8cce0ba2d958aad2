"""The caseload as the desk lists it: urgency order, owner and next date, what needs
attention (with chases, in the constituent's words) and arrivals said as what and where."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

from casekit.casework.actions import Casework
from casekit.feedback import caseload
from casekit.record.workspace import Workspace
from tests.ui.support import council_workspace, log_case, pack_workspace

TODAY = date(2026, 1, 5)


def test_rows_put_the_most_urgent_open_case_first(tmp_path: Path) -> None:
    path = council_workspace(tmp_path / "ws")
    first = log_case(path)
    second = log_case(path, constituent={"name": "Sam Hill", "postcode": "LE11 3AB"})
    with Workspace.open(path) as ws:
        Casework(ws).acknowledge(second, owner="Jo Officer")
        Casework(ws).close(first, outcome="Dealt with by phone", reason="Sorted at once")
        rows = caseload.case_rows(ws.state(), TODAY)
    assert [r.ref for r in rows] == [second, first]  # closed cases last
    open_row, closed_row = rows
    assert open_row.owner == "Jo Officer" and closed_row.owner == ""
    assert open_row.flag == "on track" and open_row.next_due == date(2026, 1, 19)
    assert open_row.next_label.startswith("response")
    assert open_row.next_step is not None and open_row.next_step.rule == "record-facts"
    assert closed_row.flag == "" and closed_row.next_due is None
    assert open_row.member == "Cllr Asha Patel" and open_row.category == "Housing"


def test_attention_lists_late_deadlines_and_the_inbox(tmp_path: Path) -> None:
    path = council_workspace(tmp_path / "ws", inbox=2)
    ref = log_case(path)
    with Workspace.open(path) as ws:
        items = caseload.attention(ws.state(), date(2026, 1, 8))
    words = [i.what for i in items]
    assert any(i.case == ref and "was due Wed 7 Jan 2026" in i.what for i in items), words
    assert words[-1] == "2 new enquiries are waiting in the inbox to be logged."
    with Workspace.open(path) as ws:
        assert [i.level for i in caseload.attention(ws.state(), TODAY)] == ["inbox"]


def test_a_chase_needs_attention_in_the_constituents_words(tmp_path: Path) -> None:
    from casekit import api

    path = pack_workspace(tmp_path / "ws", cases=4)
    with Workspace.open(path) as ws:
        for event in ws.state().unhandled_inbox():
            item = event.data.get("timeline_item") or event.data.get("item")
            api.actions(ws).receive_enquiry(
                constituent=dict(event.get("constituent")),
                enquiry=event.get("enquiry"),
                category="housing",
                member_id=event.data.get("member_id"),
                inbox_item=str(item),
            )
        delivered = []
        for _ in range(10):
            delivered += api.advance(ws, 1).delivered
            if any(e.kind == "constituent_chased" for e in delivered):
                break
        state = ws.state()
    chases = [e for e in delivered if e.kind == "constituent_chased"]
    assert chases, "the generated pack has a constituent who chases"
    items = [i for i in caseload.attention(state, TODAY) if i.level == "chased"]
    text = " ".join(str(chases[0].get("text")).split())
    assert items and text[:40] in items[0].what  # what they wrote, not "constituent chased"
    said = caseload.arrivals(state, chases)
    assert said[0].what.endswith("chased") and said[0].case in said[0].where
    assert "answer it today" in said[0].where


def test_arrivals_say_what_and_where(tmp_path: Path) -> None:
    from casekit import api

    path = pack_workspace(tmp_path / "ws", cases=4)
    with Workspace.open(path) as ws:
        state = ws.state()
        arrived = caseload.arrivals(state, state.unhandled_inbox())
        assert arrived and all(a.where == "in the inbox" and a.case == "" for a in arrived)
        assert arrived[0].what.startswith("A new enquiry from ")
        moved = api.advance(ws, 5)
        said = caseload.arrivals(ws.state(), moved.delivered)
    assert len(said) == len(moved.delivered)
    for arrival in said:
        assert arrival.what and arrival.where and "_" not in arrival.what + arrival.where


def test_why_this_date_counts_the_rule_and_every_change(tmp_path: Path) -> None:
    path = council_workspace(tmp_path / "ws")
    ref = log_case(path)
    with Workspace.open(path) as ws:
        Casework(ws).extend_clock(ref, "respond", reason="Complex case", working_days=5)
        state = ws.state()
        clock = state.clocks(state.case(ref))["respond"]
    lines = caseload.why_this_date(clock)
    assert lines[0].startswith("Received Mon 5 Jan 2026")
    assert lines[1] == "Day one: Tue 6 Jan 2026."  # the first working day after receipt
    assert any(line.startswith("Rule: ") and "working day 10" in line for line in lines)
    assert any(
        line.startswith("Extended by 5 working days") and "Complex case" in line for line in lines
    )
    assert "Not counted: 6 weekend days." in lines  # 5 Jan to 26 Jan 2026: three weekends
    assert lines[-1].startswith(f"So it is due {caseload.day(clock.due)} (")
    assert clock.due.isoformat() == "2026-01-26"  # 10 + 5 working days, no holidays


def test_why_this_date_names_the_bank_holidays_it_skipped(tmp_path: Path) -> None:
    """The explanation is the ledger's counting, not a summary of its own: a deadline
    across Christmas says which days were bank holidays."""
    from casekit.rules.clocks import start_clock
    from casekit.rules.profile import load_profile

    profile = load_profile("default")
    clock = start_clock(
        profile, "respond", datetime(2026, 12, 21, 10, 0), case_kind="member_enquiry"
    )
    lines = caseload.why_this_date(clock)
    shown = "\n".join(lines)
    assert "Fri 25 Dec 2026" in shown and "Christmas" in shown
    assert "Mon 28 Dec 2026" in shown  # Boxing Day falls on a Saturday: substitute day
    assert lines[-1].startswith(f"So it is due {caseload.day(clock.due)}")
