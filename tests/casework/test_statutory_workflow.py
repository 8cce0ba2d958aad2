"""The law's dates through the workflow: cases logged, clocks started, clarified,
extended and answered with the learner's actions, read back from the log's projection.

Each date matches tests/rules/test_law_dates.py (which cites the source); here the point
is that the casework gives the same answer as ``casekit clock``.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from typing import Any

import pytest

from casekit.casework.actions import Casework
from casekit.errors import CasekitError
from casekit.record.workspace import Workspace
from casekit.rules.whatif import what_if
from tests.approved import send_approved

ANN = {"name": "Ann Smith", "postcode": "LE11 3AB"}


@pytest.fixture
def make(workspace_factory: Callable[..., Workspace]) -> Callable[[str], Workspace]:
    return lambda start: workspace_factory(start=datetime.fromisoformat(start))


def advance(ws: Workspace, to: str) -> None:
    ws.append("clock_advanced", {"to": to, "working_days": 1}, actor="system", at=to)


def receive(ws: Workspace, kind: str = "member_enquiry", **extra: Any) -> str:
    return (
        Casework(ws)
        .receive_enquiry(
            constituent=dict(ANN),
            enquiry="Please help.",
            category="housing",
            case_kind=kind,
            **extra,
        )
        .case_ref
    )


def clocks(ws: Workspace, ref: str) -> dict[str, Any]:
    state = ws.state()
    return state.clocks(state.case(ref))


@pytest.mark.parametrize(
    ("kind", "received", "due"),
    [
        ("foi", "2026-04-03T11:00", date(2026, 5, 5)),  # Good Friday
        ("foi", "2026-12-19T10:00", date(2027, 1, 21)),  # Saturday
        ("eir", "2027-01-01T10:00", date(2027, 2, 1)),  # New Year's Day
        ("foi", "2026-08-01T10:00", date(2026, 9, 1)),  # Saturday
        ("sar", "2026-01-31T10:00", date(2026, 3, 2)),
    ],
)
def test_a_request_logged_as_its_kind_keeps_the_enquiry_clock(make, kind, received, due) -> None:
    ws = make(received)
    ref = receive(ws, kind)
    got = clocks(ws, ref)
    assert got[kind].due == due == what_if(kind, received).due
    # the underlying problem keeps its member-enquiry clocks (the kit dropped "respond")
    assert "member enquiry" in got["respond"].label and "acknowledge" in got
    assert got["respond"].due == what_if("response", received).due
    # starting it explicitly confirms it (the coaching looks for that), once
    Casework(ws).start_clock(ref, kind)
    with pytest.raises(CasekitError, match="already running"):
        Casework(ws).start_clock(ref, kind)


def test_a_utc_receipt_counts_from_its_uk_date(make) -> None:
    ws = make("2026-06-30T08:00")
    ref = receive(ws, "foi", received_at="2026-06-30T23:30+00:00")
    case = ws.state().case(ref)
    assert case.received_at == "2026-07-01T00:30"  # stored in UK local time
    assert clocks(ws, ref)["foi"].started == date(2026, 7, 1)


def test_clarification_restarts_an_foi_through_the_workflow(make) -> None:
    ws = make("2026-03-02T10:00")
    ref = receive(ws, "foi")
    cw = Casework(ws)
    cw.stop_clock(ref, "foi", reason="Asked which years are wanted", awaiting="clarification")
    advance(ws, "2026-03-16T09:00")
    event = cw.restart_clock(ref, "foi")
    assert event.data["afresh"] is True and event.data["due"] == "2026-04-16"
    assert clocks(ws, ref)["foi"].due == date(2026, 4, 16)
    assert what_if("foi", "2026-03-02", clarified="2026-03-16").due == date(2026, 4, 16)


def test_a_sar_extension_told_after_the_first_month_is_refused(make) -> None:
    ws = make("2026-01-31T10:00")
    ref = receive(ws, "sar")
    cw = Casework(ws)
    advance(ws, "2026-03-05T09:00")
    before = ws.log.head()
    with pytest.raises(CasekitError) as err:  # issue 10: accepted, to 5 May
        cw.extend_clock(ref, "sar", reason="complex request", months=2)
    assert err.value.rule == "extension-notice-window"
    assert "UK GDPR art. 12(3)" in err.value.source
    assert ws.log.head() == before


def test_sar_pause_in_calendar_days_through_the_workflow(make) -> None:
    ws = make("2026-01-05T10:00")
    ref = receive(ws, "sar")
    cw = Casework(ws)
    advance(ws, "2026-01-06T09:00")
    cw.stop_clock(ref, "sar", reason="Asked for proof of identity", awaiting="identity")
    advance(ws, "2026-01-09T09:00")
    cw.restart_clock(ref, "sar")
    assert clocks(ws, ref)["sar"].due == date(2026, 2, 9)


def test_complaint_stages_through_the_workflow(make) -> None:
    ws = make("2026-06-01T09:30")
    ref = receive(ws, "complaint")
    cw = Casework(ws)
    assert clocks(ws, ref)["respond"].due == date(2026, 6, 22)  # provisional
    advance(ws, "2026-06-02T09:00")
    cw.acknowledge(ref, owner="Complaints team")
    assert clocks(ws, ref)["respond"].due == date(2026, 6, 16)  # 10 WD after acknowledgement
    with pytest.raises(CasekitError) as err:
        cw.start_complaint_stage_two(ref, reason="Not happy")
    assert err.value.rule == "stage2-needs-stage1"
    advance(ws, "2026-06-15T09:00")
    send_approved(ws, ref, "Our stage 1 response: the repair is booked.")
    assert clocks(ws, ref)["respond"].status == "met"
    cw.start_complaint_stage_two(ref, reason="The complainant says the repair was not done.")
    got = clocks(ws, ref)
    assert got["acknowledge_stage2"].due == date(2026, 6, 22)
    advance(ws, "2026-06-17T09:00")
    cw.acknowledge(ref, owner="Head of housing (not involved at stage 1)")
    got = clocks(ws, ref)
    assert got["acknowledge_stage2"].status == "met"
    assert got["respond_stage2"].due == date(2026, 7, 15)  # 20 WD after 17 June
    assert got["respond"].status == "met"  # stage 1 untouched
    with pytest.raises(CasekitError, match="already at stage 2"):
        cw.start_complaint_stage_two(ref, reason="again")
    cw.escalate(ref, route_id="ombudsman", reason="Told of the Ombudsman in the final response.")


def test_statutory_response_outcomes(make) -> None:
    ws = make("2026-01-05T10:00")
    ref = receive(ws, "foi")
    cw = Casework(ws)
    for outcome, extra, rule in [
        ("sar_copy", {}, "statutory-outcome"),  # not an FOI answer
        ("refused", {}, "statutory-response-needs-exemption"),
        ("partly_refused", {"exemptions": "  "}, "statutory-response-needs-exemption"),
    ]:
        before = ws.log.head()
        with pytest.raises(CasekitError) as err:
            cw.send_statutory_response(ref, "foi", outcome=outcome, **extra)
        assert err.value.rule == rule and ws.log.head() == before
    with pytest.raises(CasekitError) as err:
        cw.send_statutory_response(ref, "respond", outcome="information_given")
    assert err.value.field == "clock"
    sent = cw.send_statutory_response(ref, "foi", outcome="partly_refused", exemptions="s40(2)")
    assert sent.data["late"] is False
    assert clocks(ws, ref)["foi"].status == "met"
    with pytest.raises(CasekitError, match="already had its statutory response"):
        cw.send_statutory_response(ref, "foi", outcome="information_given")


def test_a_late_statutory_response_is_missed(make) -> None:
    ws = make("2026-01-05T10:00")
    ref = receive(ws, "eir")
    advance(ws, "2026-02-10T09:00")
    sent = Casework(ws).send_statutory_response(ref, "eir", outcome="not_held")
    assert sent.data["late"] is True
    assert clocks(ws, ref)["eir"].status == "missed"


def test_cannot_close_while_either_clock_runs(make) -> None:
    ws = make("2026-01-05T10:00")
    ref = receive(ws, "foi")
    cw = Casework(ws)
    send_approved(ws, ref, "About your repair: it is booked.")
    assert clocks(ws, ref)["foi"].status == "running"  # a casework reply never stops it
    with pytest.raises(CasekitError) as err:
        cw.close(ref, outcome="done")
    assert err.value.rule == "close-with-open-clock" and "Mon 2 Feb 2026" in err.value.message
    cw.send_statutory_response(ref, "foi", outcome="information_given")
    cw.close(ref, outcome="done")
    # the other way round: the statutory response alone does not let the case close
    second = receive(ws, "sar")
    cw.send_statutory_response(second, "sar", outcome="sar_copy")
    with pytest.raises(CasekitError) as err:
        cw.close(second, outcome="done", reason="the SAR is answered")
    assert err.value.rule == "close-with-open-enquiry"


def test_a_late_extension_leaves_the_deadline_missed(make) -> None:
    ws = make("2026-01-12T09:00")
    ref = receive(ws)
    advance(ws, "2026-01-27T09:00")  # due 26 January
    event = Casework(ws).extend_clock(
        ref, "respond", reason="waiting for the survey", working_days=5
    )
    assert event.data["late"] is True and event.data["due"] == "2026-02-02"
    assert clocks(ws, ref)["respond"].due == date(2026, 1, 26)
    send_approved(ws, ref, "The survey is back and the repair is booked.")
    assert clocks(ws, ref)["respond"].status == "missed"  # issue 10: the pack said "met"
