"""A trap's life: not reached until its case is logged, in progress while it is worked,
never in progress once closed; handled by the model answer with no common mistake; the
evidence behind a verdict; what it does to the simulated satisfaction; and an escalation
the key does not expect, for the tutor to review.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from casekit import api
from casekit.record.workspace import Workspace
from casekit.scenarios.model_answer import ModelAnswer
from tests.feedback.planted import MAX_DAYS, TRAP_IDS, Learner, Planted, consent, route, subject


def test_judgement_evidence_names_whose_consent_and_which_words(
    tmp_path: Path, planted: dict[str, Planted]
) -> None:
    learner = Learner(tmp_path / "a", planted["third_party_consent"], "third_party_consent")
    try:
        learner.log()
        consent(learner, learner.writer)
        learner.refer()
        result = learner.result()
        assert any(learner.writer in e and subject(learner) in e for e in result.evidence)
    finally:
        learner.ws.close()
    learner = Learner(tmp_path / "b", planted["party_political"], "party_political")
    try:
        learner.log()
        learner.reply("The Conservative group voted against the funding.", member=False)
        result = learner.result()
        assert any("Conservative group" in e for e in result.evidence)
        assert learner.ws.state().cases[learner.ref].replies[0].seq in result.events
    finally:
        learner.ws.close()


@pytest.mark.parametrize("trap_id", TRAP_IDS)
def test_a_trap_on_a_closed_case_is_never_in_progress(
    tmp_path: Path, planted: dict[str, Planted], trap_id: str
) -> None:
    learner = Learner(tmp_path, planted[trap_id], trap_id)
    try:
        learner.log()
        assert learner.result().status in ("in_progress", "handled", "mishandled", "missed")
        learner.close()
        assert learner.result().status in ("handled", "mishandled", "missed")
    finally:
        learner.ws.close()


def test_a_case_not_yet_logged_is_not_reached(tmp_path: Path, planted: dict[str, Planted]) -> None:
    learner = Learner(tmp_path, planted["safeguarding"], "safeguarding")
    try:
        result = learner.result()
        assert (result.status, result.case) == ("not_reached", None)
        assert "not been logged" in result.explanation
    finally:
        learner.ws.close()


def test_a_trap_still_being_worked_is_in_progress(
    tmp_path: Path, planted: dict[str, Planted]
) -> None:
    learner = Learner(tmp_path, planted["hidden_statutory"], "hidden_statutory")
    try:
        learner.log()
        result = learner.result()
        assert (result.status, result.case) == ("in_progress", learner.ref)
        assert any(d.startswith("Still to do:") for d in result.details)
    finally:
        learner.ws.close()


@pytest.mark.parametrize("trap_id", TRAP_IDS)
def test_a_good_run_handles_the_trap_with_no_mistake(
    tmp_path: Path, planted: dict[str, Planted], trap_id: str
) -> None:
    where = planted[trap_id]
    pack = tmp_path / "pack.json"
    pack.write_text(where.pack_text, encoding="utf-8")
    ws: Workspace = api.new_workspace(tmp_path / "ws", pack=pack, learner="trap-test")
    try:
        model = ModelAnswer(ws, where.key)
        for _ in range(MAX_DAYS):
            for item in ws.state().unhandled_inbox():
                if item.data["pack_case"] == where.case_id:
                    model.intake(item)
            ref = ws.state().by_pack_case.get(where.case_id)
            if ref is not None:
                model.progress(ref)
                if ws.state().case(ref).status == "closed":
                    break
            api.advance(ws, 1)
        report = api.coach(ws, where.key)
        result = next(t for t in report.traps if t.trap == trap_id and t.pack_case == where.case_id)
        assert ws.state().case(result.case).status == "closed"
        assert result.status == "handled", result
        assert [m for m in report.mistakes if m.case == result.case] == []
        assert report.for_review == []
    finally:
        ws.close()


def test_a_missed_safeguarding_concern_lowers_the_simulated_satisfaction(
    tmp_path: Path, planted: dict[str, Planted]
) -> None:
    """With the tutor's key, the member and the constituent mark down a case whose
    safeguarding concern was never escalated, however quickly it was answered."""
    scores = {}
    for handling in ("escalated", "missed"):
        learner = Learner(tmp_path / handling, planted["safeguarding"], "safeguarding")
        try:
            learner.log()
            if handling == "escalated":
                learner.cw.escalate(learner.ref, route_id=route(learner), reason="At risk.")
            learner.cw.acknowledge(learner.ref, owner="the casework team")
            learner.days(1)
            learner.reply("I have looked into the problem and the council will put it right.")
            for who in ("constituent", "member"):
                api.request_feedback(learner.ws, learner.ref, who)
            answers = api.simulate_answers(learner.ws, learner.ref, learner.where.key)
            scores[handling] = {a.data["stakeholder"]: a.data for a in answers}
        finally:
            learner.ws.close()
    for who in ("constituent", "member"):
        missed, kept = scores["missed"][who], scores["escalated"][who]
        assert "missed_safeguarding" in missed["reasons"] and missed["low"], missed
        assert "missed_safeguarding" not in kept["reasons"] and kept["score"] >= 4, kept


def test_a_safeguarding_escalation_the_key_does_not_expect_is_for_the_tutor(
    tmp_path: Path, planted: dict[str, Planted]
) -> None:
    """On a case with no planted disclosure, a safeguarding escalation is not counted as a
    mistake (something in the enquiry may have warranted it): the tutor is asked to look."""
    learner = Learner(tmp_path / "none", planted["duplicate"], "duplicate")
    try:
        learner.log()
        learner.cw.escalate(learner.ref, route_id="adult-safeguarding", reason="Worried.")
        report = api.coach(learner.ws, learner.where.key)
        [review] = [r for r in report.for_review if r.kind == "escalation-without-disclosure"]
        assert review.case == learner.ref and review.criterion == "AC5"
        assert "for your tutor to review" in review.message
        assert not [m for m in report.mistakes if m.case == learner.ref]
    finally:
        learner.ws.close()
    learner = Learner(tmp_path / "planted", planted["safeguarding"], "safeguarding")
    try:
        learner.log()
        learner.cw.escalate(learner.ref, route_id=route(learner), reason="At risk.")
        assert api.coach(learner.ws, learner.where.key).for_review == []
    finally:
        learner.ws.close()
