"""The next step on a case: the rule table walks a case from logging to closing, the most
urgent rule wins, and a bad rule file is refused naming the rule and the field."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from casekit.casework import next_step as ns
from casekit.casework.actions import Casework
from casekit.drafting.approval import text_digest
from casekit.errors import CasekitError
from casekit.record.log import Event
from casekit.record.workspace import Workspace
from tests.ui.support import council_workspace, log_case

TODAY = date(2026, 1, 5)


def step(path: Path, ref: str, today: date = TODAY) -> ns.NextStep:
    with Workspace.open(path) as ws:
        found = ns.next_step(ws.state(), ref, today)
    assert found is not None
    return found


def test_a_case_is_walked_from_logging_to_closing(tmp_path: Path) -> None:
    path = council_workspace(tmp_path / "ws")
    ref = log_case(path)
    first = step(path, ref)
    assert first.rule == "acknowledge" and first.where == "contacts"
    assert "(due Wed 7 Jan 2026)" in first.do and "{" not in first.do + first.why
    with Workspace.open(path) as ws:
        cw = Casework(ws)
        cw.acknowledge(ref, owner="Alex Learner")
    assert step(path, ref).rule == "record-facts"
    with Workspace.open(path) as ws:
        fact = Casework(ws).record_fact(ref, "The damp started in October.")
    later = step(path, ref)
    assert later.rule == "check-facts" and "the fact not yet settled" in later.do
    with Workspace.open(path) as ws:
        Casework(ws).verify_fact(ref, fact, source="Housing system", result="confirmed")
    assert step(path, ref).rule == "refer"
    with Workspace.open(path) as ws:
        Casework(ws).refer_to_service(ref, service="s-housing", question="When is the survey?")
    waiting = step(path, ref)
    assert waiting.rule == "await-service" and "Housing Repairs" in waiting.do
    with Workspace.open(path) as ws:  # the service's answer, logged by the learner
        Casework(ws).log_contact(
            ref, channel="email", direction="inbound", party="Sam Reid", summary="Booked."
        )
    assert step(path, ref).rule == "draft"
    with Workspace.open(path) as ws:
        ws.append("draft_saved", {"draft_id": "D1"}, case=ref, personal={"text": "Dear Mary"})
    assert step(path, ref).rule == "approval"
    with Workspace.open(path) as ws:
        ws.append("draft_returned", {"draft_id": "D1"}, case=ref, actor="member")
    assert step(path, ref).rule == "revise"
    letter = "Dear Mary, the survey is on 12 January."
    with Workspace.open(path) as ws:
        ws.append("draft_saved", {"draft_id": "D2"}, case=ref, personal={"text": letter})
        approved = {"draft_id": "D2", "text_sha256": text_digest(letter)}
        ws.append("draft_approved", approved, case=ref, actor="member")
    assert step(path, ref).rule == "send"
    with Workspace.open(path) as ws:
        Casework(ws).send_reply(ref, text=letter, draft_id="D2")
    assert step(path, ref).rule == "ask-satisfaction"
    with Workspace.open(path) as ws:
        ws.append("feedback_requested", {"stakeholder": "constituent"}, case=ref)
    asked = step(path, ref)
    assert asked.rule == "collect-answers" and "the constituent" in asked.do
    with Workspace.open(path) as ws:
        request = ws.events(kinds=["feedback_requested"])[-1].seq
        answer = ws.append(
            "feedback_received",
            {"stakeholder": "constituent", "score": 2, "low": True, "request_seq": request},
            case=ref,
            actor="constituent",
        )
    assert step(path, ref).rule == "follow-up"
    with Workspace.open(path) as ws:
        ws.append(
            "follow_up_recorded",
            {"stakeholder": "constituent", "feedback_seq": answer.seq},
            case=ref,
        )
    assert step(path, ref).rule == "close"
    with Workspace.open(path) as ws:
        Casework(ws).close(ref, outcome="Survey done")
    assert step(path, ref).rule == "closed"


def test_deadlines_come_first(tmp_path: Path) -> None:
    path = council_workspace(tmp_path / "ws")
    ref = log_case(path)
    late = step(path, ref, date(2026, 1, 9))  # the acknowledgement was due Wed 7 Jan
    assert late.rule == "overdue" and late.where == "deadlines"
    assert "acknowledgement" in late.do and "was due Wed 7 Jan 2026" in late.do
    with Workspace.open(path) as ws:
        Casework(ws).acknowledge(ref, owner="Alex Learner")
    soon = step(path, ref, date(2026, 1, 16))  # the response is due Mon 19 Jan
    assert soon.rule == "holding-reply" and "due Mon 19 Jan 2026" in soon.do
    assert step(path, ref, date(2026, 1, 20)).rule == "overdue"


def test_an_unknown_case_has_no_next_step(tmp_path: Path) -> None:
    path = council_workspace(tmp_path / "ws")
    with Workspace.open(path) as ws:
        assert ns.next_step(ws.state(), "CK-9999") is None


def _event(seq: int, kind: str, **data: object) -> Event:
    return Event(
        seq, f"2026-01-0{5 + seq % 3}T09:00", kind, "CK-0001", "x", dict(data), None, "h", "p"
    )


def test_a_chase_is_answered_only_by_something_sent_to_the_constituent() -> None:
    from types import SimpleNamespace

    chase = _event(5, "constituent_chased")
    case = SimpleNamespace(chasers=[chase], timeline=[_event(1, "enquiry_received"), chase])
    assert ns.unanswered_chase(case) is chase
    case.timeline.append(_event(6, "contact_logged", direction="inbound"))
    assert ns.unanswered_chase(case) is chase  # hearing from them is not answering them
    case.timeline.append(_event(7, "contact_logged", direction="outbound"))
    assert ns.unanswered_chase(case) is None
    case.timeline = [_event(1, "enquiry_received"), _event(3, "reply_sent"), chase]
    assert ns.unanswered_chase(case) is chase  # a reply before the chase does not count


def test_the_packaged_rules_use_every_condition_once_and_name_real_places() -> None:
    rules = ns.load_rules()
    assert sorted(r.when for r in rules) == sorted(ns.CONDITIONS)
    assert {r.where for r in rules} <= set(ns.PLACES)
    assert rules[0].id == "closed"  # a closed case needs nothing, whatever its clocks say


GOOD = {"id": "x", "when": "closed", "do": "d", "why": "w", "source": "s", "where": "case"}


@pytest.mark.parametrize(
    ("raw", "field"),
    [
        ({}, "rule"),
        ({"rule": []}, "rule"),
        ({"rule": ["nope"]}, "rule 1"),
        ({"rule": [{**GOOD, "when": "sometimes"}]}, "rule 1.when"),
        ({"rule": [{**GOOD, "where": "kitchen"}]}, "rule 1.where"),
        ({"rule": [{**GOOD, "do": ""}]}, "rule 1.do"),
        ({"rule": [{**GOOD, "why": 3}]}, "rule 1.why"),
        ({"rule": [GOOD, GOOD]}, "rule 2.id"),
    ],
)
def test_a_bad_rule_file_is_refused_naming_the_field(raw: dict, field: str) -> None:
    with pytest.raises(CasekitError) as caught:
        ns.parse_rules(raw, origin="mine.toml")
    assert caught.value.field == field
    assert caught.value.message.startswith("mine.toml: ")


@given(st.text(max_size=20).filter(lambda s: s not in ns.CONDITIONS))
def test_only_known_conditions_are_accepted(name: str) -> None:
    with pytest.raises(CasekitError):
        ns.parse_rules({"rule": [{**GOOD, "when": name}]})


def test_a_missing_or_broken_rule_file_is_refused(tmp_path: Path) -> None:
    with pytest.raises(CasekitError, match="no next-step rules"):
        ns.load_rules.__wrapped__(tmp_path / "none.toml")
    broken = tmp_path / "broken.toml"
    broken.write_text("[[rule]\n", encoding="utf-8")
    with pytest.raises(CasekitError, match="not valid TOML"):
        ns.load_rules.__wrapped__(broken)
