"""The coach's expectation forms and judgements in detail: every documented pattern and
matcher evaluated, whose consent was recorded (the writer or the person the case is
about, and "for your tutor to review" when a name fits both), duplicates linked to a
record with a blank reference, and the words a learner reads for a judged text.

Scripted logs on the seeded workspace of ``test_expectations`` (Mon 12 Jan 2026 is day 0).
"""

from __future__ import annotations

from typing import Any

import pytest

from casekit.drafting.judgements import JUDGES
from casekit.feedback.coaching import expectations as ex
from casekit.feedback.coaching.expectations import Scope, evaluate, match, values
from casekit.feedback.coaching.judges import NO, UNSURE, YES, person
from casekit.record.projection import ERASED
from casekit.record.workspace import Workspace
from tests.feedback.test_expectations import arrive, consent, day, escalate, log, refer, scope

MEMBER = {"name": "Cllr Example", "committees": ["planning"]}
BREACH_TEXT = (
    "I will oppose this application. I will vote against it. I have made up my mind "
    "and I will make sure it is refused."
)
SOUND_TEXT = "I cannot promise to vote either way: I must keep an open mind."


@pytest.fixture
def member(monkeypatch: pytest.MonkeyPatch) -> None:
    """The draft checks see a planning committee member (this workspace has no council)."""
    import casekit.feedback.coaching.judges as judges

    original = judges._context

    def with_member(event: Any, s: Scope) -> dict[str, Any]:
        return {**original(event, s), "member": MEMBER}

    monkeypatch.setattr(judges, "_context", with_member)


# -- the patterns and matchers the module documents --------------------------------------
def test_every_documented_pattern_is_evaluated(workspace: Workspace):
    arrive(workspace)
    ref = log(workspace)
    s = scope(workspace, ref)
    for pattern in ex.PATTERNS:
        spec = {"pattern": pattern, "kind": "escalated"}
        if pattern == "occurs_without_prior":
            spec["prior"] = {"kind": "consent_recorded"}
        assert evaluate(spec, s).holds is None, pattern  # open case, nothing yet


def test_an_expectation_without_a_pattern_is_an_occurs(workspace: Workspace):
    arrive(workspace)
    ref = log(workspace)
    escalate(workspace, ref)
    outcome = evaluate({"kind": "escalated"}, scope(workspace, ref))
    assert outcome.holds is True and outcome.events


def _escalation(ws: Workspace) -> tuple[Any, Scope]:
    arrive(ws)
    ref = log(ws)
    escalate(ws, ref)
    event = ws.state().cases[ref].escalations[-1]
    return event, scope(ws, ref)


MATCHERS = [
    ("eq", "route_id", "adult-safeguarding", YES),
    ("eq", "route_id", "child-safeguarding", NO),
    ("in", "route_id", ["complaint", "ADULT-SAFEGUARDING"], YES),
    ("in", "route_id", ["complaint", "child-safeguarding"], NO),
    ("contains_any", "reason", ["nothing", "risk"], YES),
    ("contains_any", "reason", ["nothing", "danger"], NO),
    ("not_contains_any", "reason", ["nothing", "danger"], YES),
    ("not_contains_any", "reason", ["nothing", "risk"], NO),  # one word is enough
    ("not_contains_any", "purpose", ["nothing"], NO),  # no such field: nothing to clear
    ("exists", "reason", True, YES),
    ("exists", "reason", False, NO),
    ("exists", "route_id", False, NO),
    ("instead_of", "route_id", "child-safeguarding", YES),
    ("instead_of", "route_id", "adult-safeguarding", NO),
    ("instead_of", "route_id", "complaint", NO),
]


@pytest.mark.parametrize(("matcher", "name", "value", "verdict"), MATCHERS)
def test_each_matcher_both_ways(workspace: Workspace, matcher, name, value, verdict):
    """The escalation is by the adult route with the reason "At risk."."""
    event, s = _escalation(workspace)
    spec = {"kind": "escalated", "where": {name: {matcher: value}}}
    judged = match(event, spec, s)
    assert judged.verdict == verdict
    assert judged.evidence == "" and judged.attempt is False


def test_every_documented_matcher_is_known():
    assert set(ex.MATCHERS) == {m for m, *_ in MATCHERS}
    for m, *_ in MATCHERS:
        ex._matches("a", {m: ["a"] if m in ("in", "contains_any", "not_contains_any") else "a"})


def test_a_field_is_found_under_its_aliases(workspace: Workspace):
    arrive(workspace)
    ref = log(workspace)
    refer(workspace, ref)  # the referral's words are its "question"
    shared = workspace.append(
        "shared_with_third_party",
        {},
        case=ref,
        personal={"recipient": "Age UK", "what": "Her address and her needs."},
    )
    s = scope(workspace, ref)
    referral = s.case.timeline[-2]
    assert referral.kind == "referred_to_service"
    assert values(referral, "text", s) == ["When will it be fixed?"]
    assert values(shared, "text", s) == ["Her address and her needs."]
    wanted = {"kind": "shared_with_third_party", "where": {"text": {"contains_any": ["needs"]}}}
    assert match(shared, wanted, s).verdict == YES


def test_a_draft_decision_is_judged_on_the_draft_decided_on(workspace: Workspace):
    arrive(workspace)
    ref = log(workspace)
    workspace.append(
        "draft_saved",
        {"draft_id": "D1", "letter_kind": "full_reply"},
        case=ref,
        personal={"text": "The repair is booked for Thursday."},
    )
    decisions = [
        workspace.append(kind, {"draft_id": "D1"}, case=ref, actor="member")
        for kind in ("draft_returned", "draft_approved")
    ]
    s = scope(workspace, ref)
    for event in decisions:
        assert values(event, "text", s) == ["The repair is booked for Thursday."], event.kind
        spec = {"kind": event.kind, "where": {"text": {"contains_any": ["thursday"]}}}
        assert match(event, spec, s).verdict == YES


# -- who wrote in ----------------------------------------------------------------------
def test_the_writer_is_the_delivered_enquirys_sender(workspace: Workspace):
    arrive(workspace)  # sent by Melissa Richardson
    ref = log(workspace)
    s = scope(workspace, ref)
    assert s.writer == "Melissa Richardson"
    s.case.constituent["name"] = "Somebody Else"
    assert s.writer == "Melissa Richardson"  # the sender comes first
    s.item = None
    assert s.writer == "Somebody Else"  # no delivery: the case's constituent
    s.case.constituent.pop("name")
    assert s.writer == ""
    assert not s.closed


# -- consent: the person the case is about --------------------------------------------
CONSENT_FROM = {"kind": "consent_recorded", "where": {}, "consent_from": "Jasmine Richardson"}


@pytest.mark.parametrize(
    ("given_by", "verdict", "evidence"),
    [
        (
            "Jasmine Richardson",
            YES,
            "Consent recorded on 2026-01-12 as given by Jasmine Richardson.",
        ),
        ("Ms J. Richardson", YES, "Consent recorded on 2026-01-12 as given by Ms J. Richardson."),
        (
            "Melissa Richardson",
            NO,
            "Consent recorded on 2026-01-12 as given by Melissa Richardson (the person who "
            "wrote in), not by Jasmine Richardson, the person the case is about.",
        ),
        (
            "Tom Okafor",
            NO,
            "Consent recorded on 2026-01-12 as given by Tom Okafor, not by Jasmine "
            "Richardson, the person the case is about.",
        ),
        (
            "Mrs Richardson",
            UNSURE,
            "Consent recorded on 2026-01-12 as given by 'Mrs Richardson', which could be "
            "Jasmine Richardson or Melissa Richardson (for your tutor to review).",
        ),
    ],
)
def test_consent_from_names_whose_consent_it_was(workspace: Workspace, given_by, verdict, evidence):
    arrive(workspace)
    ref = log(workspace)
    consent(workspace, ref, given_by=given_by)
    event = workspace.state().cases[ref].consents[-1]
    judged = match(event, CONSENT_FROM, scope(workspace, ref))
    assert (judged.verdict, judged.evidence) == (verdict, evidence)
    assert judged.attempt is (verdict == NO)


@pytest.mark.parametrize("given_by", [None, "   ", ERASED])
def test_consent_with_nobody_on_record_is_for_the_tutor(workspace: Workspace, given_by):
    arrive(workspace)
    ref = log(workspace)
    personal = {"recipient": "Housing", "purpose": "the repair"}
    if given_by is not None:
        personal["given_by"] = given_by
    event = workspace.append("consent_recorded", {"evidence": "Form"}, case=ref, personal=personal)
    judged = match(event, CONSENT_FROM, scope(workspace, ref))
    assert judged.verdict == UNSURE
    assert judged.evidence == (
        "Who gave the consent recorded on 2026-01-12 is not on record (for your tutor to review)."
    )


def test_a_withdrawn_consent_says_so(workspace: Workspace):
    arrive(workspace)
    ref = log(workspace)
    event = workspace.append(
        "consent_recorded",
        {"withdrawn": True},
        case=ref,
        personal={"recipient": "Housing", "given_by": "Jasmine Richardson"},
    )
    judged = match(event, CONSENT_FROM, scope(workspace, ref))
    assert (judged.verdict, judged.attempt) == (NO, True)
    assert judged.evidence == "The consent recorded on 2026-01-12 was withdrawn."


def test_consent_from_the_writer_first_tried_shows_in_the_occurs_evidence(workspace: Workspace):
    arrive(workspace)
    ref = log(workspace)
    consent(workspace, ref, given_by="Melissa Richardson")
    outcome = evaluate({"pattern": "occurs", **CONSENT_FROM}, scope(workspace, ref))
    assert outcome.holds is None and outcome.attempted
    assert outcome.evidence == [
        "Consent recorded on 2026-01-12 as given by Melissa Richardson (the person who wrote "
        "in), not by Jasmine Richardson, the person the case is about."
    ]
    consent(workspace, ref, given_by="Jasmine Richardson")
    outcome = evaluate({"pattern": "occurs", **CONSENT_FROM}, scope(workspace, ref))
    assert outcome.holds is True
    assert outcome.evidence == ["Consent recorded on 2026-01-12 as given by Jasmine Richardson."]


@pytest.mark.parametrize(
    ("given", "wanted", "others", "verdict"),
    [
        ("Jasmine Richardson", "Jasmine May Richardson", (), YES),  # a middle name wanted
        ("Jasmine Okafor", "Jasmine May Richardson", (), NO),
        ("J Richardson", "Jasmine Richardson", ("Jane Richardson",), UNSURE),
        ("J Richardson", "Jasmine Richardson", ("Melissa Richardson",), YES),
        ("K Richardson", "Jasmine Richardson", (), NO),  # another initial
        ("Richardson", "Jasmine Richardson", (), YES),
        ("Jasmine", "Richardson", (), NO),
    ],
)
def test_person_more_names(given, wanted, others, verdict):
    assert person(given, wanted, others) == verdict


# -- duplicates -----------------------------------------------------------------------
@pytest.mark.parametrize("fields", [{}, {"ref": "   "}, {"ref": None}, {"ref": ""}])
def test_a_record_with_no_reference_is_named_by_its_id(workspace: Workspace, fields):
    arrive(workspace, [{"id": "C001-R3", "fields": fields}, {"id": "C009", "fields": {}}])
    ref = log(workspace)
    spec = {"kind": "duplicate_linked", "where": {}, "linked_to": "C001-R3"}
    wrong = workspace.append("duplicate_linked", {"other": "MC0001"}, case=ref)
    judged = match(wrong, spec, scope(workspace, ref))
    assert (judged.verdict, judged.attempt) == (NO, True)
    assert judged.evidence == "Linked on 2026-01-12 to MC0001, not to the earlier case (C001-R3)."
    right = workspace.append("duplicate_linked", {"other": "c001-r3"}, case=ref)
    judged = match(right, spec, scope(workspace, ref))
    assert (judged.verdict, judged.evidence) == (YES, "Linked on 2026-01-12 to c001-r3.")


# -- what the text sent says ----------------------------------------------------------
def _judged(ws: Workspace, kind: str, text: str | None, verdict: str, **data: Any):
    arrive(ws)
    ref = log(ws)
    if kind == "referred_to_service":
        personal = {"question": text} if text is not None else {}
        event = ws.append(
            "referred_to_service", {"service": "housing"}, case=ref, personal=personal
        )
    elif kind == "draft_approved":
        ws.append(
            "draft_saved",
            {"draft_id": "D1", "letter_kind": "full_reply"},
            case=ref,
            personal={"text": text},
        )
        event = ws.append("draft_approved", {"draft_id": "D1"}, case=ref, actor="member")
    else:
        personal = {"text": text} if text is not None else {}
        event = ws.append(kind, data, case=ref, personal=personal)
    spec = {"kind": kind, "where": {}, "judge": "predetermination", "verdict": verdict}
    return match(event, spec, scope(ws, ref))


@pytest.mark.parametrize(
    ("kind", "data", "what"),
    [
        ("reply_sent", {"channel": "email"}, "The reply sent"),
        ("referred_to_service", {}, "The referral to the service"),
        ("draft_approved", {}, "The draft approved"),
        ("holding_reply_sent", {"new_date": "2026-01-30"}, "The holding reply"),
        ("acknowledgement_sent", {"owner": "Housing"}, "Acknowledgement sent"),
    ],
)
def test_a_breach_names_the_step_the_rule_and_three_of_its_words(
    workspace: Workspace, member: None, kind: str, data: dict[str, Any], what: str
):
    found = JUDGES["predetermination"](BREACH_TEXT, member=MEMBER)
    assert found.verdict == "breach" and len(found.words) > 3
    quoted = "'I will oppose this'; 'I will vote against'; 'I have made up my mind'"
    judged = _judged(workspace, kind, BREACH_TEXT, "sound", **data)
    assert (judged.verdict, judged.attempt) == (NO, True)
    assert judged.evidence == f"{what} on 2026-01-12: {found.reason} ({quoted})"
    assert "predetermination" in judged.evidence


def test_a_sound_text_is_quoted_without_words(workspace: Workspace, member: None):
    found = JUDGES["predetermination"](SOUND_TEXT, member=MEMBER)
    judged = _judged(workspace, "reply_sent", SOUND_TEXT, "sound", channel="email")
    assert judged.verdict == YES and not judged.attempt
    assert judged.evidence == f"The reply sent on 2026-01-12: {found.reason}"


def test_a_breach_asked_for_is_a_yes(workspace: Workspace, member: None):
    judged = _judged(workspace, "reply_sent", BREACH_TEXT, "breach", channel="email")
    assert judged.verdict == YES and not judged.attempt


@pytest.mark.parametrize(
    ("kind", "text", "what"),
    [
        ("reply_sent", ERASED, "the reply sent"),
        ("referred_to_service", None, "the referral to the service"),
        ("acknowledgement_sent", None, "acknowledgement sent"),
    ],
)
def test_a_text_not_on_record_is_for_the_tutor(workspace: Workspace, kind, text, what):
    data = {"reply_sent": {"channel": "email"}, "acknowledgement_sent": {"owner": "Housing"}}
    judged = _judged(workspace, kind, text, "sound", **data.get(kind, {}))
    assert judged.verdict == UNSURE
    assert judged.evidence == (
        f"The text of {what} on 2026-01-12 is not on record (for your tutor to review)."
    )


# -- occurs: order, lateness and what is shown ----------------------------------------
def test_the_step_itself_is_not_the_step_it_must_come_before(workspace: Workspace):
    """ "Escalate by the adult route before any other escalation": the adult escalation is
    itself an escalation, and it is in time when it comes first."""
    spec = {
        "pattern": "occurs",
        "kind": "escalated",
        "where": {"route_id": {"eq": "adult-safeguarding"}},
        "before": ["escalated"],
    }
    arrive(workspace)
    ref = log(workspace)
    escalate(workspace, ref)
    escalate(workspace, ref, "complaint")
    outcome = evaluate(spec, scope(workspace, ref))
    assert outcome.holds is True
    assert outcome.events == [workspace.state().cases[ref].escalations[0].seq]


def test_a_step_after_the_one_it_should_precede_is_named(workspace: Workspace):
    spec = {"pattern": "occurs", "kind": "consent_recorded", "before": ["referred_to_service"]}
    arrive(workspace)
    ref = log(workspace)
    refer(workspace, ref)
    consent(workspace, ref)
    outcome = evaluate(spec, scope(workspace, ref))
    assert (outcome.holds, outcome.attempted) == (False, True)
    assert outcome.evidence == [
        "Consent recorded for Housing only after the step it should come before."
    ]


def test_a_late_step_is_named_with_its_working_day(workspace: Workspace):
    arrive(workspace)
    ref = log(workspace)
    day(workspace, "2026-01-15")
    escalate(workspace, ref)
    spec = {"pattern": "occurs", "kind": "escalated", "within_wd": 2}
    outcome = evaluate(spec, scope(workspace, ref))
    assert outcome.holds is False
    assert len(outcome.evidence) == 1
    assert outcome.evidence[0].startswith("Escalated to ")
    assert outcome.evidence[0].endswith(" on working day 3 after arrival: too late.")


def test_an_unsure_step_goes_to_the_tutor_with_its_events(workspace: Workspace):
    arrive(workspace)
    ref = log(workspace)
    consent(workspace, ref, given_by="Mrs Richardson")
    outcome = evaluate({"pattern": "occurs", **CONSENT_FROM}, scope(workspace, ref))
    assert (outcome.holds, outcome.review) == (None, True)
    assert outcome.events == [workspace.state().cases[ref].consents[-1].seq]
    assert "for your tutor to review" in outcome.evidence[0]


# -- occurs_without_prior -------------------------------------------------------------
def test_without_prior_a_step_a_person_must_judge_is_for_review(workspace: Workspace):
    spec = {
        "pattern": "occurs_without_prior",
        **CONSENT_FROM,
        "prior": {"kind": "referred_to_service"},
    }
    arrive(workspace)
    ref = log(workspace)
    consent(workspace, ref, given_by="Mrs Richardson")
    outcome = evaluate(spec, scope(workspace, ref))
    assert (outcome.holds, outcome.review) == (None, True)
    assert outcome.evidence == [
        "Consent recorded on 2026-01-12 as given by 'Mrs Richardson', which could be "
        "Jasmine Richardson or Melissa Richardson (for your tutor to review)."
    ]


def test_without_prior_names_the_step_and_its_day(workspace: Workspace):
    spec = {"pattern": "occurs_without_prior", "kind": "escalated", "prior": {"kind": "x"}}
    arrive(workspace)
    ref = log(workspace)
    escalate(workspace, ref)
    outcome = evaluate(spec, scope(workspace, ref))
    assert outcome.holds is True
    assert outcome.evidence[0].startswith("Escalated to ")
    assert outcome.evidence[0].endswith(" on 2026-01-12.")


# -- missing ----------------------------------------------------------------------------
def test_missing_that_happened_names_the_events_that_show_it(workspace: Workspace):
    spec = {"pattern": "missing", **CONSENT_FROM}
    arrive(workspace)
    ref = log(workspace)
    consent(workspace, ref, given_by="Melissa Richardson")  # not the step: another person
    consent(workspace, ref, given_by="Jasmine Richardson")
    outcome = evaluate(spec, scope(workspace, ref))
    assert outcome.holds is False
    assert outcome.events == [workspace.state().cases[ref].consents[-1].seq]


def test_missing_with_only_an_unsure_step_is_for_review(workspace: Workspace):
    spec = {"pattern": "missing", **CONSENT_FROM}
    arrive(workspace)
    ref = log(workspace)
    consent(workspace, ref, given_by="Mrs Richardson")
    outcome = evaluate(spec, scope(workspace, ref))
    assert (outcome.holds, outcome.review) == (None, True)
    assert outcome.events == [workspace.state().cases[ref].consents[-1].seq]
    assert "could be Jasmine Richardson or Melissa Richardson" in outcome.evidence[0]


def test_a_fact_is_found_under_its_topic(workspace: Workspace):
    arrive(workspace)
    ref = log(workspace)
    event = workspace.append(
        "fact_recorded",
        {"fact_id": "F1", "topic": "repair_date"},
        case=ref,
        personal={"statement": "The repair is booked."},
    )
    s = scope(workspace, ref)
    assert values(event, "fact", s) == ["repair_date"]
    spec = {"kind": "fact_recorded", "where": {"fact": {"eq": "repair_date"}}}
    assert match(event, spec, s).verdict == YES


def test_a_draft_decisions_other_fields_are_its_own(workspace: Workspace):
    arrive(workspace)
    ref = log(workspace)
    workspace.append(
        "draft_saved",
        {"draft_id": "D1", "letter_kind": "full_reply"},
        case=ref,
        personal={"text": "Draft."},
    )
    event = workspace.append("draft_approved", {"draft_id": "D1"}, case=ref, actor="member")
    assert values(event, "draft_id", scope(workspace, ref)) == ["D1"]


def test_a_field_under_two_names_matches_when_either_does(workspace: Workspace):
    event, s = _escalation(workspace)
    assert set(values(event, "route", s)) == {"adult-safeguarding", event.data["route"]}
    assert (
        match(
            event, {"kind": "escalated", "where": {"route": {"eq": "adult-safeguarding"}}}, s
        ).verdict
        == YES
    )


def test_an_unknown_pattern_names_the_language(workspace: Workspace):
    from casekit.errors import CasekitError

    arrive(workspace)
    ref = log(workspace)
    with pytest.raises(CasekitError) as err:
        evaluate({"pattern": "sometimes", "kind": "escalated"}, scope(workspace, ref))
    assert err.value.source == (
        "the expectation language at the top of casekit/data/scenarios/traps.toml"
    )
    assert "'sometimes'" in str(err.value)


LETTER_TO_A_NEIGHBOUR = (
    "Dear Mr Jones, Melissa Richardson, who lives at 4 Elm Road, has diabetes and is "
    "waiting for surgery."
)


@pytest.mark.parametrize(
    ("recipient", "consent_first", "verdict", "says"),
    [
        ("Mr Tom Jones", False, "breach", "no recorded consent"),  # a third party
        ("constituent", False, "sound", "only what this reader may have"),  # her own details
        ("Mr Tom Jones", True, "breach", "health data"),  # consent, but not explicit
    ],
)
def test_a_draft_approved_is_judged_as_its_reader_reads_it(
    workspace: Workspace, recipient: str, consent_first: bool, verdict: str, says: str
):
    arrive(workspace)
    ref = log(workspace)
    late_consent = {"recipient": "Mr Tom Jones", "given_by": "Melissa Richardson"}
    if consent_first:
        workspace.append("consent_recorded", {"evidence": "Form"}, case=ref, personal=late_consent)
    workspace.append(
        "draft_saved",
        {"draft_id": "D1", "letter_kind": "full_reply", "recipient": recipient},
        case=ref,
        personal={"text": LETTER_TO_A_NEIGHBOUR},
    )
    event = workspace.append("draft_approved", {"draft_id": "D1"}, case=ref, actor="member")
    if not consent_first:  # consent recorded after the approval does not clear it
        workspace.append("consent_recorded", {"evidence": "Form"}, case=ref, personal=late_consent)
    spec = {"kind": "draft_approved", "judge": "oversharing", "verdict": verdict}
    judged = match(event, spec, scope(workspace, ref))
    assert judged.verdict == YES, judged
    assert judged.evidence.startswith("The draft approved on 2026-01-12: ")
    assert says in judged.evidence
    assert ("no recorded consent" in judged.evidence) is (says == "no recorded consent")


def test_each_judgement_that_says_no_marks_a_wrong_attempt(workspace: Workspace, member: None):
    """judgements() answers for every judgement a spec asks: a "no" is a step tried and
    got wrong (the right kind of event), never a step not taken."""
    from casekit.feedback.coaching.judges import judgements

    arrive(workspace, [{"id": "C001-R3", "fields": {"ref": "MC1234"}}])
    ref = log(workspace)
    consent(workspace, ref, given_by="Melissa Richardson")
    withdrawn = workspace.append(
        "consent_recorded",
        {"withdrawn": True},
        case=ref,
        personal={"recipient": "Housing", "given_by": "Jasmine Richardson"},
    )
    linked = workspace.append("duplicate_linked", {"other": "MC0001"}, case=ref)
    reply = workspace.append(
        "reply_sent", {"channel": "email"}, case=ref, personal={"text": BREACH_TEXT}
    )
    s = scope(workspace, ref)
    wrong_consent = s.case.consents[0]
    asked = [
        (wrong_consent, {"consent_from": "Jasmine Richardson"}),
        (withdrawn, {"consent_from": "Jasmine Richardson"}),
        (linked, {"linked_to": "C001-R3"}),
        (reply, {"judge": "predetermination", "verdict": "sound"}),
    ]
    for event, spec in asked:
        [judged] = judgements(spec, event, s)
        assert (judged.verdict, judged.attempt) == (NO, True), spec
    both = judgements(
        {"consent_from": "Jasmine Richardson", "linked_to": "C001-R3", "judge": "oversharing"},
        wrong_consent,
        s,
    )
    assert len(both) == 3
