"""The coach's follow-up mistakes and its report, on scripted logs (Mon 12 Jan 2026 is
day 0; Wed 14 is day 2, Thu 15 day 3): a chaser or a service's reply answered on day N is
answered in time and on day N+1 is not; which steps count as an answer (only outbound
ones answer a constituent's chaser); an enquiry never logged; escalations the key does
not expect; the traps' wording and the report's counts, evidence lines and refusals.
"""

from __future__ import annotations

from dataclasses import FrozenInstanceError
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from casekit import api
from casekit.errors import CasekitError
from casekit.feedback.coaching.mistakes import Mistake, unexpected_escalations
from casekit.feedback.coaching.report import CoachReport, coach, coach_state, trap_statuses
from casekit.feedback.coaching.traps import TrapResult, trap_result
from casekit.record.workspace import Workspace
from casekit.scenarios.generate import generate, render
from tests.feedback.test_expectations import arrive, day, escalate, log, scope

CHASED = (
    "{ref}: the constituent chased on 2026-01-12 and nothing was logged in reply within "
    "2 working days."
)
SERVICE = (
    "{ref}: {service} replied on 2026-01-12 and nothing was logged after it within 2 working days."
)


def _found(ws: Workspace, mid: str, today: str) -> list[Mistake]:
    report = coach_state(ws.state(), None, date.fromisoformat(today))
    return [m for m in report.mistakes if m.mistake == mid]


def _chase(ws: Workspace) -> Any:
    return ws.append(
        "constituent_chased",
        {"pack_case": "P1", "channel": "email"},
        personal={"text": "Any news?"},
        actor="simulation",
    )


def _service_reply(ws: Workspace, **data: Any) -> Any:
    return ws.append("service_replied", {"pack_case": "P1", **data}, actor="simulation")


STEPS: dict[str, tuple[dict[str, Any], dict[str, Any]]] = {
    "holding_reply_sent": ({"new_date": "2026-01-30"}, {"text": "We are still waiting."}),
    "reply_sent": ({"channel": "email"}, {"text": "The repair is booked."}),
    "acknowledgement_sent": ({"owner": "Housing"}, {}),
    "outbound_contact": ({"channel": "phone", "direction": "outbound"}, {"party": "Melissa"}),
    "inbound_contact": ({"channel": "phone", "direction": "inbound"}, {"party": "Melissa"}),
    "referred_to_service": ({"service": "housing"}, {"question": "When?"}),
    "draft_saved": ({"draft_id": "D1", "letter_kind": "full_reply"}, {"text": "Draft."}),
    "case_closed": ({"outcome": "Closed."}, {}),
    "escalated": ({"route_id": "complaint"}, {}),
}
TO_THE_CONSTITUENT = {
    "holding_reply_sent",
    "reply_sent",
    "acknowledgement_sent",
    "outbound_contact",
}


def _step(ws: Workspace, ref: str, step: str) -> Any:
    data, personal = STEPS[step]
    kind = "contact_logged" if step.endswith("_contact") else step
    return ws.append(kind, data, case=ref, personal=personal or None)


@pytest.mark.parametrize("step", sorted(STEPS))
def test_only_a_step_towards_the_constituent_answers_a_chaser(workspace: Workspace, step: str):
    arrive(workspace)
    ref = log(workspace)
    chase = _chase(workspace)
    day(workspace, "2026-01-13")
    _step(workspace, ref, step)
    found = _found(workspace, "unanswered_chaser", "2026-01-19")
    if step in TO_THE_CONSTITUENT:
        assert found == []
    else:
        assert [(m.case, m.message, m.events) for m in found] == [
            (ref, CHASED.format(ref=ref), (chase.seq,))
        ]


@pytest.mark.parametrize("step", sorted(STEPS))
def test_any_logged_step_acts_on_a_services_reply(workspace: Workspace, step: str):
    arrive(workspace)
    ref = log(workspace)
    _service_reply(workspace, service_name="Housing")
    day(workspace, "2026-01-13")
    _step(workspace, ref, step)
    assert _found(workspace, "unlogged_service_reply", "2026-01-19") == []


@pytest.mark.parametrize(("answered_on", "late"), [("2026-01-14", False), ("2026-01-15", True)])
def test_a_chaser_answered_on_day_n_is_answered_in_time(workspace: Workspace, answered_on, late):
    arrive(workspace)
    ref = log(workspace)
    _chase(workspace)
    day(workspace, answered_on)
    _step(workspace, ref, "outbound_contact")
    assert bool(_found(workspace, "unanswered_chaser", "2026-01-19")) is late


@pytest.mark.parametrize(("answered_on", "late"), [("2026-01-14", False), ("2026-01-15", True)])
def test_a_service_reply_acted_on_by_day_n_is_in_time(workspace: Workspace, answered_on, late):
    arrive(workspace)
    ref = log(workspace)
    _service_reply(workspace, service_name="Housing")
    day(workspace, answered_on)
    _step(workspace, ref, "draft_saved")
    assert bool(_found(workspace, "unlogged_service_reply", "2026-01-19")) is late


@pytest.mark.parametrize(("today", "flagged"), [("2026-01-14", False), ("2026-01-15", True)])
def test_the_learner_is_given_the_working_days_before_it_is_a_mistake(
    workspace: Workspace, today: str, flagged: bool
):
    arrive(workspace)
    log(workspace)
    _chase(workspace)
    _service_reply(workspace)
    assert bool(_found(workspace, "unanswered_chaser", today)) is flagged
    assert bool(_found(workspace, "unlogged_service_reply", today)) is flagged


def test_a_step_before_the_chaser_does_not_answer_it(workspace: Workspace):
    arrive(workspace)
    ref = log(workspace)
    _step(workspace, ref, "outbound_contact")
    _step(workspace, ref, "draft_saved")
    _chase(workspace)
    _service_reply(workspace, service_name="Housing")
    assert len(_found(workspace, "unanswered_chaser", "2026-01-19")) == 1
    assert len(_found(workspace, "unlogged_service_reply", "2026-01-19")) == 1


@pytest.mark.parametrize(
    ("data", "service"), [({"service_name": "Housing"}, "Housing"), ({}, "the service")]
)
def test_a_service_reply_not_acted_on_names_the_service(workspace: Workspace, data, service):
    arrive(workspace)
    ref = log(workspace)
    reply = _service_reply(workspace, **data)
    found = _found(workspace, "unlogged_service_reply", "2026-01-19")
    assert [(m.case, m.message, m.events, m.criterion) for m in found] == [
        (ref, SERVICE.format(ref=ref, service=service), (reply.seq,), "AC2")
    ]
    assert found[0].as_dict()["message"] == found[0].message
    with pytest.raises(FrozenInstanceError):
        found[0].message = "changed"  # type: ignore[misc]


# -- an enquiry never logged ----------------------------------------------------------
def _deliver(ws: Workspace, item: str) -> Any:
    return ws.append(
        "inbox_item_delivered",
        {"timeline_item": item, "pack_case": item, "channel": "email"},
        personal={"constituent": {"name": "Tom Okafor"}, "enquiry": "A pothole."},
        actor="system",
    )


@pytest.mark.parametrize(("today", "days"), [("2026-01-14", None), ("2026-01-15", 3)])
def test_an_enquiry_never_logged_is_a_mistake_after_two_working_days(
    workspace: Workspace, today: str, days: int | None
):
    arrive(workspace)  # T1, logged below
    log(workspace)
    item = _deliver(workspace, "T2")  # never logged
    found = _found(workspace, "unlogged_enquiry", today)
    if days is None:
        assert found == []
    else:
        assert [(m.case, m.message, m.events) for m in found] == [
            (
                None,
                "The enquiry that arrived on 2026-01-12 by email has not been logged as a "
                f"case after {days} working days.",
                (item.seq,),
            )
        ]


# -- escalations the key does not expect ----------------------------------------------
def _key(*traps: str) -> dict[str, Any]:
    return {
        "cases": [{"case_id": "P1", "traps": [{"trap": t, "good": [], "bad": []} for t in traps]}]
    }


@pytest.mark.parametrize(
    ("traps", "listed"),
    [
        (("duplicate",), True),
        ((), True),
        (("duplicate", "safeguarding"), False),
        (("safeguarding", "duplicate"), False),
    ],
)
def test_a_safeguarding_escalation_the_key_does_not_plant_is_for_review(
    workspace: Workspace, traps: tuple[str, ...], listed: bool
):
    arrive(workspace)
    ref = log(workspace)
    escalate(workspace, ref, "complaint")  # not of the safeguarding family
    escalate(workspace, ref)
    event = workspace.state().cases[ref].escalations[-1]
    found = unexpected_escalations(workspace.state(), _key(*traps))
    if not listed:
        assert found == []
        return
    route = event.data.get("route") or event.data["route_id"]
    assert [(r.kind, r.case, r.message, r.events) for r in found] == [
        (
            "escalation-without-disclosure",
            ref,
            f"{ref}: escalated to {route} on 2026-01-12, though the answer key plants no such "
            "concern in this case: whether the enquiry warranted it is for your tutor to review.",
            (event.seq,),
        )
    ]
    assert found[0].as_dict()["case"] == ref
    report = coach_state(workspace.state(), _key(*traps), date(2026, 1, 12))
    assert [r.message for r in report.for_review] == [found[0].message]
    assert report.counts["to_confirm"] == 1


# -- traps: the words a learner reads -------------------------------------------------
ESCALATE = {"pattern": "occurs", "kind": "escalated", "explanation": "Escalate the concern."}
REFER = {"pattern": "occurs", "kind": "referred_to_service", "explanation": "Refer it."}


def test_a_trap_not_reached_says_so_and_keeps_its_names():
    found = trap_result({"trap": "duplicate", "source": "S", "criteria": ["AC1"]}, "case-3", None)
    assert (found.status, found.explanation, found.label, found.case) == (
        "not_reached",
        "This case has not been logged yet.",
        "",
        None,
    )
    assert (found.trap, found.source, found.criteria, found.pack_case) == (
        "duplicate",
        "S",
        ("AC1",),
        "case-3",
    )
    with pytest.raises(FrozenInstanceError):
        found.status = "handled"  # type: ignore[misc]


def test_a_handled_trap_explains_each_good_step(workspace: Workspace):
    arrive(workspace)
    ref = log(workspace)
    escalate(workspace, ref)
    workspace.append("referred_to_service", {"service": "housing"}, case=ref)
    trap = {"trap": "t", "label": "A concern", "good": [ESCALATE, REFER], "bad": []}
    found = trap_result(trap, "P1", scope(workspace, ref))
    assert (found.status, found.explanation, found.case) == (
        "handled",
        "Escalate the concern. Refer it.",
        ref,
    )


def test_steps_still_to_do_and_not_done_are_listed(workspace: Workspace):
    arrive(workspace)
    ref = log(workspace)
    bare = {"pattern": "occurs", "kind": "referred_to_service"}
    trap = {"trap": "t", "explanation": "Why.", "good": [ESCALATE, bare], "bad": []}
    found = trap_result(trap, "P1", scope(workspace, ref))
    assert (found.status, found.explanation) == ("in_progress", "Why.")
    assert found.details == ("Still to do: Escalate the concern.", "Still to do: ")
    workspace.append("case_closed", {"outcome": "Closed."}, case=ref)
    found = trap_result(trap, "P1", scope(workspace, ref))
    assert (found.status, found.explanation) == ("missed", "Why.")
    assert found.details == ("Not done: Escalate the concern.", "Not done: ")


# -- the report -----------------------------------------------------------------------
def test_the_report_text_shows_each_line_of_evidence():
    report = CoachReport(
        traps=[
            TrapResult(
                "CK-0001",
                "case-1",
                "consent",
                "Consent",
                "for_review",
                "Whose consent?",
                "DPA 2018",
                ("AC1",),
                details=("For your tutor to review: check the name.",),
                evidence=("Consent recorded on 2026-01-12 as given by 'Mrs R'.", "Second line."),
            ),
            TrapResult(None, "case-2", "t", "Other", "handled", "Good.", "R", ()),
            TrapResult(None, "case-3", "t", "Other", "handled", "Good.", "R", ()),
        ]
    )
    assert report.text().splitlines() == [
        "Planted traps",
        "- [for your tutor to review] CK-0001: Consent. Whose consent? "
        "(Rule: DPA 2018; criteria AC1)",
        "    For your tutor to review: check the name.",
        "    Evidence: Consent recorded on 2026-01-12 as given by 'Mrs R'.",
        "    Evidence: Second line.",
        "- [handled well] case-2: Other. Good. (Rule: R; criteria )",
        "- [handled well] case-3: Other. Good. (Rule: R; criteria )",
        "No common mistakes found.",
    ]
    counts = report.counts
    assert (counts["for_review"], counts["handled"], counts["missed"]) == (1, 2, 0)
    shown = report.as_dict()
    assert shown["traps"][0]["evidence"][1] == "Second line."
    assert shown["counts"]["handled"] == 2 and shown["for_review"] == []


BROKEN = {
    "cases": [
        {
            "case_id": "P1",
            "traps": [{"trap": "t", "good": [{"pattern": "often", "kind": "x"}], "bad": []}],
        }
    ]
}


def test_a_key_outside_the_language_is_refused_by_the_coach_and_the_statuses(workspace: Workspace):
    arrive(workspace)
    ref = log(workspace)
    with pytest.raises(CasekitError) as err:
        coach_state(workspace.state(), BROKEN, date(2026, 1, 12))
    assert str(err.value).startswith("The answer key is not an answer key casekit can use")
    with pytest.raises(CasekitError) as err:
        trap_statuses(workspace, workspace.state(), ref, BROKEN)
    assert str(err.value).startswith("The answer key is not an answer key casekit can use")


def test_trap_statuses_of_a_case_the_key_does_not_plant_are_empty(workspace: Workspace):
    arrive(workspace)
    ref = log(workspace)
    key = {"cases": [{"case_id": "P9", "traps": [{"trap": "t", "good": [ESCALATE], "bad": []}]}]}
    assert trap_statuses(workspace, workspace.state(), ref, key) == {}
    key["cases"][0]["case_id"] = "P1"
    assert trap_statuses(workspace, workspace.state(), ref, key) == {"t": "in_progress"}


def test_a_key_for_another_pack_is_refused(tmp_path: Path):
    pack_text, key_text = render(*generate(3, 1, "intro"))
    (tmp_path / "pack.json").write_text(pack_text, encoding="utf-8")
    ws = api.new_workspace(tmp_path / "ws", pack=tmp_path / "pack.json", learner="other-pack")
    try:
        import json

        key = json.loads(key_text)
        assert coach(ws, key).traps  # its own key is read
        key["pack_id"] = "another-pack"
        with pytest.raises(CasekitError) as err:
            coach(ws, key)
        assert "another-pack" in str(err.value)
    finally:
        ws.close()


def test_the_report_lists_mistakes_and_what_to_confirm():
    from casekit.feedback.coaching.mistakes import ForReview

    report = CoachReport(
        mistakes=[Mistake("same_text", "One size", "CK-0001", "Same.", "Adapt.", "S", "AC3")],
        for_review=[ForReview("para-23-2", "A reason", "CK-0001", "Check it.", "DPA", "AC1")],
    )
    assert report.text().splitlines()[-2:] == [
        "For your tutor to confirm",
        "- A reason: Check it.",
    ]
    shown = report.as_dict()
    assert shown["mistakes"][0]["mistake"] == "same_text"
    assert shown["for_review"][0]["message"] == "Check it."
    assert (shown["counts"]["mistakes"], shown["counts"]["to_confirm"]) == (1, 1)


def test_a_key_entry_named_by_id_is_read(workspace: Workspace):
    arrive(workspace)
    ref = log(workspace)
    key = {"cases": [{"id": "P1", "traps": [{"trap": "t", "good": [ESCALATE], "bad": []}]}]}
    found = coach_state(workspace.state(), key, date(2026, 1, 12)).traps
    assert [(t.case, t.pack_case, t.status) for t in found] == [(ref, "P1", "in_progress")]


def test_a_step_never_done_on_a_closed_case_is_missed_with_the_keys_words(workspace: Workspace):
    arrive(workspace)
    ref = log(workspace)
    consent_from = {
        "pattern": "occurs",
        "kind": "consent_recorded",
        "consent_from": "Jasmine Richardson",
        "explanation": "Consent from her.",
    }
    no_escalation = {"pattern": "missing", "kind": "escalated", "explanation": "No escalation."}
    trap = {"trap": "t", "explanation": "Why.", "good": [consent_from], "bad": [no_escalation]}
    workspace.append("case_closed", {"outcome": "Closed."}, case=ref)
    found = trap_result(trap, "P1", scope(workspace, ref))
    assert (found.status, found.details, found.evidence) == ("missed", ("No escalation.",), ())


def test_a_good_step_tried_wrongly_makes_a_fired_missing_a_mishandling(workspace: Workspace):
    from tests.feedback.test_expectations import consent

    arrive(workspace)
    ref = log(workspace)
    consent(workspace, ref, given_by="Melissa Richardson")
    consent_from = {
        "pattern": "occurs",
        "kind": "consent_recorded",
        "consent_from": "Jasmine Richardson",
    }
    no_escalation = {"pattern": "missing", "kind": "escalated", "explanation": "No escalation."}
    trap = {"trap": "t", "good": [consent_from], "bad": [no_escalation]}
    workspace.append("case_closed", {"outcome": "Closed."}, case=ref)
    found = trap_result(trap, "P1", scope(workspace, ref))
    assert (found.status, found.details) == ("mishandled", ("No escalation.",))
    assert found.evidence == (
        "Consent recorded on 2026-01-12 as given by Melissa Richardson (the person who wrote "
        "in), not by Jasmine Richardson, the person the case is about.",
    )


def test_what_to_confirm_is_listed_even_without_its_wording(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    """A centre's coaching file may leave out the review wording: the item is still listed
    for the tutor, under its kind, with no rule rather than a made-up one."""
    import casekit.feedback.coaching.mistakes as mistakes
    from tests.feedback.test_coaching_mistakes import _log

    pack_text, _ = render(*generate(3, 1, "intro"))
    (tmp_path / "pack.json").write_text(pack_text, encoding="utf-8")
    ws = api.new_workspace(tmp_path / "ws", pack=tmp_path / "pack.json", learner="no-wording")
    try:
        ref = _log(ws)
        saved, _ = api.save_draft(ws, ref, letter_kind="full_reply", text="Thank you.")
        api.record_member_approval(
            ws, ref, saved.data["draft_id"], approved_by="Cllr X", approved_at=ws.now, how="phone"
        )
        texts = {k: v for k, v in mistakes.settings().items() if k != "review"}
        monkeypatch.setattr(mistakes, "settings", lambda: texts)
        [review] = mistakes.for_review(ws.state())
        assert (review.kind, review.label, review.source, review.criterion) == (
            "approval-another-way",
            "approval-another-way",
            "",
            "",
        )
        assert review.case == ref
    finally:
        ws.close()
