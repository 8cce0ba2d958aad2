"""The answer key's expectation forms (``casekit/data/scenarios/traps.toml``), judged on a
hand-made log: a learner is coached on these verdicts, so each boundary matters. A trap
"within N working days" is still open on day N; days count from the enquiry's arrival;
a "missing" expectation holds only when the event is absent."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from casekit.api.workspaces import new_workspace
from casekit.casework.actions import Casework
from casekit.errors import CasekitError
from casekit.feedback.coaching import _check, _Scope, _trap_result, coach
from casekit.record.log import Event
from casekit.record.projection import as_date
from casekit.record.workspace import Workspace
from casekit.rules.calendar import calendar_named
from casekit.scenarios.generate import generate, render
from casekit.scenarios.simclock import advance

ENG = calendar_named("ENG")
DELIVERED = date(2026, 1, 12)  # a Monday: working day N is 12 + N while N <= 4


@dataclass
class _Case:
    """The two things a trap verdict reads from a case."""

    ref: str = "CK-1"
    status: str = "open"


def _event(seq: int, kind: str, day: date, **data: Any) -> Event:
    return Event(seq, f"{day.isoformat()}T10:00:00", kind, "CK-1", "learner", data, None, "", "")


def _scope(events: list[Event], today: date, status: str = "open") -> _Scope:
    return _Scope(_Case(status=status), events, DELIVERED, today, ENG, {})  # type: ignore[arg-type]


def _wd(n: int) -> date:
    return ENG.add_working_days(DELIVERED, n)


STARTED = {"pattern": "occurs", "kind": "clock_started", "within_wd": 2}
NEVER_STARTED = {"pattern": "missing", "kind": "clock_started", "by_wd": 2}


@pytest.mark.parametrize(
    ("day", "today", "verdict"),
    [
        (0, 0, True),
        (2, 2, True),  # on day N itself: in time
        (3, 3, False),  # a day late
        (None, 1, None),
        (None, 2, None),  # nothing yet on day N: still open, not failed
        (None, 3, False),
    ],
)
def test_occurs_within_n_working_days(day: int | None, today: int, verdict: bool | None) -> None:
    events = [] if day is None else [_event(1, "clock_started", _wd(day))]
    assert _check(STARTED, _scope(events, _wd(today))) is verdict


@pytest.mark.parametrize(
    ("day", "today", "verdict"),
    [
        (None, 2, None),  # not yet missed on day N
        (None, 3, True),
        (2, 3, False),  # started on day N: not missing
        (3, 3, True),  # started on day 3: it was missing by day 2
    ],
)
def test_missing_by_n_working_days(day: int | None, today: int, verdict: bool | None) -> None:
    events = [] if day is None else [_event(1, "clock_started", _wd(day))]
    assert _check(NEVER_STARTED, _scope(events, _wd(today))) is verdict


def test_missing_without_a_deadline_holds_only_when_absent() -> None:
    missing = {"pattern": "missing", "kind": "consent_recorded"}
    assert _check(missing, _scope([], _wd(5))) is True
    found = [_event(1, "consent_recorded", _wd(1))]
    assert _check(missing, _scope(found, _wd(5))) is False


def test_occurs_before_another_kind() -> None:
    first = {"pattern": "occurs", "kind": "fact_verified", "before": ["reply_sent"]}
    in_order = [_event(1, "fact_verified", _wd(1)), _event(2, "reply_sent", _wd(2))]
    assert _check(first, _scope(in_order, _wd(3))) is True
    too_late = [_event(1, "reply_sent", _wd(1)), _event(2, "fact_verified", _wd(2))]
    assert _check(first, _scope(too_late, _wd(3))) is False
    assert _check(first, _scope([], _wd(3))) is None


def test_occurs_without_prior() -> None:
    unconsented = {
        "pattern": "occurs_without_prior",
        "kind": "referred_to_service",
        "prior": {"kind": "consent_recorded", "where": {}},
    }
    bare = [_event(1, "referred_to_service", _wd(1))]
    assert _check(unconsented, _scope(bare, _wd(2))) is True
    consented = [_event(1, "consent_recorded", _wd(1)), _event(2, "referred_to_service", _wd(1))]
    assert _check(unconsented, _scope(consented, _wd(2))) is False
    assert _check(unconsented, _scope([], _wd(2))) is False


@pytest.mark.parametrize(
    ("matcher", "value", "matches"),
    [
        ({"eq": "FOI"}, "foi", True),
        ({"eq": "foi"}, "sar", False),
        ({"in": ["foi", "eir"]}, "EIR", True),
        ({"in": ["foi"]}, "sar", False),
        ({"contains_any": ["bins"]}, "the Bins were missed", True),
        ({"contains_any": ["bins", ""]}, "nothing here", False),
        ({"not_contains_any": ["password"]}, "a plain letter", True),
        ({"not_contains_any": ["password"]}, "your password is", False),
        ({"exists": True}, "x", True),
        ({"exists": True}, "", False),
    ],
)
def test_where_matchers(matcher: dict[str, Any], value: str, matches: bool) -> None:
    expectation = {"pattern": "occurs", "kind": "clock_started", "where": {"clock": matcher}}
    events = [_event(1, "clock_started", _wd(1), clock=value)]
    verdict = _check(expectation, _scope(events, _wd(1)))
    assert verdict is (True if matches else None)


def test_an_unknown_pattern_is_refused_on_the_key() -> None:
    with pytest.raises(CasekitError, match="Unknown expectation pattern 'sometimes'") as err:
        _check({"pattern": "sometimes", "kind": "x"}, _scope([], _wd(1)))
    assert err.value.field == "key"


TRAP = {
    "trap": "hidden_statutory",
    "label": "A hidden information request",
    "source": "FOIA 2000 s10",
    "criteria": ["2.1"],
    "explanation": "It is a request for information.",
    "good": [{**STARTED, "explanation": "Starts the clock."}],
    "bad": [{**NEVER_STARTED, "explanation": "The clock never starts."}],
}


@pytest.mark.parametrize(
    ("events", "today", "status", "verdict", "details"),
    [
        ([], 2, "open", "in_progress", ("Still to do: Starts the clock.",)),
        ([], 3, "open", "mishandled", ("The clock never starts.",)),
        ([(1, "clock_started", 2)], 5, "open", "handled", ()),
        ([(1, "clock_started", 3)], 3, "open", "mishandled", ("The clock never starts.",)),
    ],
)
def test_a_trap_verdict_from_its_good_and_bad_expectations(
    events: list[tuple[int, str, int]],
    today: int,
    status: str,
    verdict: str,
    details: tuple[str, ...],
) -> None:
    logged = [_event(seq, kind, _wd(day)) for seq, kind, day in events]
    result = _trap_result(TRAP, "case-1", _scope(logged, _wd(today), status))
    assert (result.status, result.details) == (verdict, details)
    assert (result.case, result.trap, result.source, result.criteria) == (
        "CK-1",
        "hidden_statutory",
        "FOIA 2000 s10",
        ("2.1",),
    )
    expected = "Starts the clock." if verdict == "handled" else TRAP["explanation"]
    assert result.explanation == expected


@pytest.mark.parametrize(("status", "verdict"), [("open", "in_progress"), ("closed", "mishandled")])
def test_good_handling_not_done_counts_against_a_closed_case_only(
    status: str, verdict: str
) -> None:
    trap = {**TRAP, "bad": []}
    result = _trap_result(trap, "case-1", _scope([], _wd(3), status))
    prefix = "Not done: " if status == "closed" else "Still to do: "
    assert (result.status, result.details) == (verdict, (prefix + "Starts the clock.",))


def test_a_case_not_logged_is_not_reached() -> None:
    result = _trap_result(TRAP, "case-1", None)
    assert (result.status, result.case, result.pack_case) == ("not_reached", None, "case-1")


# -- on a workspace: days count from the enquiry's arrival, not from when it was logged ------
def _workspace_logged_late(tmp_path: Path) -> tuple[Workspace, str, int]:
    """A one-case pack whose enquiry is logged some working days after it arrived (without
    a received time, as a learner may log it); returns the days it waited."""
    pack_text, _key = render(*generate(3, 1, "intro"))
    (tmp_path / "pack.json").write_text(pack_text, encoding="utf-8")
    ws = new_workspace(tmp_path / "ws", pack=tmp_path / "pack.json", learner="coach-test")
    item = ws.state().unhandled_inbox()[0]
    advance(ws, 4)
    waited = ENG.working_days_between(as_date(item.at), ws.now.date())
    Casework(ws).receive_enquiry(
        constituent=dict(item.personal["constituent"]),
        enquiry=item.personal["enquiry"],
        category="housing",
        channel=item.data["channel"],
        member_id=item.data["member_id"],
        inbox_item=item.data["timeline_item"],
    )
    return ws, str(item.data["pack_case"]), waited


def _logged_within(pack_case: str, days: int) -> dict[str, Any]:
    good = {"pattern": "occurs", "kind": "enquiry_received", "within_wd": days}
    trap = {"trap": "prompt", "good": [{**good, "explanation": "Logs it."}]}
    return {"cases": [{"case_id": pack_case, "traps": [trap]}]}


def test_trap_deadlines_count_from_the_enquiry_s_arrival(tmp_path: Path) -> None:
    ws, pack_case, waited = _workspace_logged_late(tmp_path)
    try:
        assert waited >= 2
        late = coach(ws, _logged_within(pack_case, waited - 1)).traps[0]
        assert late.status == "in_progress"
        assert late.details == ("Still to do: Logs it.",)
        assert coach(ws, _logged_within(pack_case, waited)).traps[0].status == "handled"
    finally:
        ws.close()


def test_an_expectation_without_a_pattern_is_an_occurrence() -> None:
    plain = {"kind": "clock_started"}
    assert _check(plain, _scope([_event(1, "clock_started", _wd(1))], _wd(1))) is True


def test_an_unknown_matcher_matches_nothing() -> None:
    odd = {"pattern": "occurs", "kind": "clock_started", "where": {"clock": {"regex": ".*"}}}
    events = [_event(1, "clock_started", _wd(1), clock="foi")]
    assert _check(odd, _scope(events, _wd(1))) is None


def test_a_trap_without_source_or_explanations_reads_empty_not_invented() -> None:
    bare = {"trap": "t", "good": [{"pattern": "occurs", "kind": "x"}]}
    result = _trap_result(bare, "case-1", _scope([], _wd(1)))
    assert (result.source, result.explanation, result.details) == ("", "", ("Still to do: ",))
