"""The satisfaction review: requests, simulated answers that follow the handling,
follow-ups, the WriteToThem grade and the summary by stakeholder."""

from __future__ import annotations

import copy
import tomllib
from datetime import date
from types import SimpleNamespace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from casekit.casework.actions import Casework
from casekit.casework.satisfaction import (
    DEFAULT_PATH,
    check_action,
    check_stakeholder,
    handling_factors,
    load_rules,
    parse_rules,
    record_follow_up,
    request_feedback,
    score,
    simulate_answers,
    summary,
)
from casekit.errors import CasekitError
from casekit.record.log import Event
from tests.approved import send_approved

RULES = load_rules()
RAW = tomllib.loads(DEFAULT_PATH.read_text(encoding="utf-8"))


# --------------------------------------------------------------------- scripted runs


def advance(ws, to: str) -> None:
    ws.append("clock_advanced", {"to": to}, actor="system")


def open_case(ws, item: str = "T1", pack_case: str = "P1") -> str:
    ws.append(
        "inbox_item_delivered", {"timeline_item": item, "pack_case": pack_case}, actor="system"
    )
    result = Casework(ws).receive_enquiry(
        constituent={"name": "Ann Example", "postcode": "LE11 3AB"},
        enquiry="Damp in the back bedroom, reported twice to the housing office.",
        category="housing",
        inbox_item=item,
    )
    return result.event.case


def good_run(ws) -> str:
    """Acknowledged the same day, fact verified, referred, answered by the service, and
    replied well within 10 working days."""
    cw = Casework(ws)
    ref = open_case(ws)
    cw.acknowledge(ref, owner="Housing repairs team")
    fact = cw.record_fact(ref, "Council tenant at this address since 2019", topic="tenancy")
    cw.verify_fact(ref, fact, source="Housing management system", result="confirmed")
    cw.refer_to_service(ref, service="Housing repairs", question="When will the damp be inspected?")
    advance(ws, "2026-01-15T09:00")
    ws.append("service_replied", {"pack_case": "P1"}, actor="simulation")
    send_approved(ws, ref, "The surveyor will visit on 20 January; our reference is CK-0001.")
    return ref


def poor_run(ws) -> str:
    """Never acknowledged, a fact passed on unverified, two drafts returned, and the reply
    a week late with no holding reply."""
    cw = Casework(ws)
    ref = open_case(ws)
    cw.record_fact(ref, "The repair was booked last month", topic="repairs")
    ws.append("draft_returned", {"draft_id": "D1"}, case=ref, actor="member")
    ws.append("draft_returned", {"draft_id": "D2"}, case=ref, actor="member")
    advance(ws, "2026-02-03T09:00")
    send_approved(ws, ref, "The repair is booked.", unverified_reason="member wanted it out today")
    return ref


def test_good_run_scores_well_and_is_graded_replied(workspace):
    ref = good_run(workspace)
    for who in ("constituent", "member", "colleague"):
        event = request_feedback(workspace, ref, who)
        assert event.kind == "feedback_requested" and event.actor == "learner"
    answers = simulate_answers(workspace, ref)
    assert [a.actor for a in answers] == ["constituent", "member", "colleague"]
    for a in answers:
        assert a.kind == "feedback_received" and a.case == ref
        assert a.data["score"] >= 4 and a.data["reasons"] == [] and not a.data["low"]
    constituent = answers[0].data
    assert constituent["grade"] == "replied"
    assert constituent["comment"] == RULES.stakeholders["constituent"].positive
    assert "grade" not in answers[1].data
    report = summary(workspace.events(), RULES)
    assert report["constituent"]["count"] == 1 and report["constituent"]["low"] == 0
    assert all(not row["low_without_follow_up"] for row in report.values())


def test_poor_run_scores_low_with_reasons_and_needs_follow_up(workspace):
    ref = poor_run(workspace)
    request_feedback(workspace, ref, "constituent")
    request_feedback(workspace, ref, "member")
    constituent, member = simulate_answers(workspace, ref)
    assert constituent.data["score"] == 1 and constituent.data["low"]
    assert constituent.data["reasons"][:2] == ["late_reply", "no_holding_reply"]
    assert set(constituent.data["reasons"]) == {
        "late_reply",
        "no_holding_reply",
        "no_acknowledgement",
        "unverified_facts",
    }
    assert constituent.data["grade"] == "replied_not_answered"
    assert constituent.data["comment"] == RULES.factors["late_reply"].comment
    assert "returned_drafts" in member.data["reasons"] and member.data["score"] == 1
    report = summary(workspace.events(), RULES)
    assert [x["case"] for x in report["constituent"]["low_without_follow_up"]] == [ref]
    record_follow_up(
        workspace,
        ref,
        "constituent",
        "Rang to apologise and confirmed the repair date with the contractor.",
    )
    report = summary(workspace.events(), RULES)
    assert report["constituent"]["low_without_follow_up"] == []
    assert report["constituent"]["follow_ups"] == 1
    assert report["member"]["low_without_follow_up"][0]["score"] == 1
    assert report["constituent"]["grades"] == {"replied_not_answered": 1}


def test_holding_reply_kept_spares_the_late_penalties(workspace):
    """A holding reply sent before the deadline, and the answer on the date it promised:
    the protocol was kept, so neither the lateness nor the missing update counts."""
    cw = Casework(workspace)
    ref = open_case(workspace)
    cw.acknowledge(ref, owner="Housing")
    advance(workspace, "2026-01-22T09:00")
    cw.send_holding_reply(ref, reason="Waiting for the surveyor", new_date="2026-02-02")
    advance(workspace, "2026-02-02T09:00")
    send_approved(workspace, ref, "The surveyor found the cause and the repair is booked.")
    state = workspace.state()
    factors = handling_factors(state.cases[ref], state.clocks(state.cases[ref]), date(2026, 2, 2))
    assert factors["late_reply"] == 0 and factors["no_holding_reply"] == 0


def test_a_broken_holding_promise_counts_as_late_but_not_as_no_update(workspace):
    cw = Casework(workspace)
    ref = open_case(workspace)
    cw.acknowledge(ref, owner="Housing")
    advance(workspace, "2026-01-22T09:00")
    cw.send_holding_reply(ref, reason="Waiting for the surveyor", new_date="2026-02-02")
    advance(workspace, "2026-02-06T09:00")
    send_approved(workspace, ref, "The surveyor found the cause and the repair is booked.")
    state = workspace.state()
    factors = handling_factors(state.cases[ref], state.clocks(state.cases[ref]), date(2026, 2, 6))
    assert factors["late_reply"] == 1 and factors["no_holding_reply"] == 0


def test_a_reply_without_the_members_approval_lowers_the_members_score(workspace):
    """The gate refuses such a reply; an older log or another tool may still hold one."""
    cw = Casework(workspace)
    ref = open_case(workspace)
    cw.acknowledge(ref, owner="Housing")
    fact = cw.record_fact(ref, "Council tenant at this address since 2019", topic="tenancy")
    cw.verify_fact(ref, fact, source="Housing management system", result="confirmed")
    workspace.append(
        "reply_sent",
        {"channel": "email", "final": True},
        case=ref,
        personal={"text": "The repair is booked for Monday."},
    )
    request_feedback(workspace, ref, "constituent")
    request_feedback(workspace, ref, "member")
    constituent, member = simulate_answers(workspace, ref)
    assert member.data["reasons"] == ["unapproved_reply"] and member.data["low"]
    assert member.data["comment"] == RULES.factors["unapproved_reply"].comment
    assert "unapproved_reply" in constituent.data["reasons"]


def test_a_third_party_acted_for_without_their_consent_lowers_the_scores(workspace):
    """Logged as raised for someone else, referred before that person's consent (a log
    the consent guard would refuse today, so appended directly)."""
    cw = Casework(workspace)
    workspace.append(
        "inbox_item_delivered", {"timeline_item": "T1", "pack_case": "P1"}, actor="system"
    )
    ref = cw.receive_enquiry(
        constituent={"name": "Ann Example", "postcode": "LE11 3AB"},
        enquiry="My mother's damp is getting worse.",
        category="housing",
        inbox_item="T1",
        on_behalf_of={"name": "Joan Example", "relationship": "mother"},
    ).case_ref
    workspace.append(
        "referred_to_service",
        {"service": "housing", "service_name": "Housing"},
        case=ref,
        personal={"question": "When will the damp be fixed?"},
    )
    cw.record_consent(
        ref, recipient="Housing", purpose="the repair", evidence="phone", given_by="Joan Example"
    )
    state = workspace.state()
    factors = handling_factors(
        state.cases[ref], state.clocks(state.cases[ref]), date(2026, 1, 13), rules=RULES
    )
    assert factors["consent_missing"] == 1


def test_safeguarding_escalated_after_the_day_it_arrived_counts(workspace):
    cw = Casework(workspace)
    ref = open_case(workspace)
    advance(workspace, "2026-01-14T09:00")
    cw.escalate(ref, route_id="adult-safeguarding", reason="Neighbour at risk.")
    state = workspace.state()
    case = state.cases[ref]
    late = handling_factors(case, state.clocks(case), date(2026, 1, 14), rules=RULES)
    assert late["missed_safeguarding"] == 1


def test_safeguarding_escalated_the_same_day_does_not(workspace):
    cw = Casework(workspace)
    ref = open_case(workspace)
    cw.escalate(ref, route_id="adult-safeguarding", reason="Neighbour at risk.")
    state = workspace.state()
    case = state.cases[ref]
    assert (
        handling_factors(case, state.clocks(case), date(2026, 1, 14), rules=RULES)[
            "missed_safeguarding"
        ]
        == 0
    )


def test_the_answer_keys_trap_verdicts_count_when_a_key_is_given():
    """A trap the coach judges mishandled or missed counts as its factor; handled does not."""
    case = _case()
    clocks = {}
    for status, expected in (("missed", 1), ("mishandled", 1), ("handled", 0), ("for_review", 0)):
        factors = handling_factors(
            case, clocks, date(2026, 1, 30), rules=RULES, traps={"safeguarding": status}
        )
        assert factors["missed_safeguarding"] == expected, status
        assert factors["consent_missing"] == 0


def test_a_service_that_missed_its_deadline_escalated_first_excuses_replying_without_it(
    workspace,
):
    cw = Casework(workspace)
    ref = open_case(workspace)
    cw.acknowledge(ref, owner="Housing")
    cw.refer_to_service(ref, service="Housing repairs", question="When will it be inspected?")
    advance(workspace, "2026-01-26T09:00")
    cw.escalate(ref, route_id="missed-deadline", reason="The service has not answered.")
    send_approved(workspace, ref, "I have raised the delay with the head of service.")
    state = workspace.state()
    case = state.cases[ref]
    excused = handling_factors(case, state.clocks(case), date(2026, 1, 26), rules=RULES)
    assert excused["reply_before_service_answer"] == 0
    assert (
        handling_factors(case, state.clocks(case), date(2026, 1, 26))["reply_before_service_answer"]
        == 1
    )  # without the rules' excuse list it would count


def test_answers_are_deterministic_for_a_workspace(workspace_factory):
    results = []
    for name in ("a", "b"):
        ws = workspace_factory(name)
        ref = poor_run(ws)
        request_feedback(ws, ref, "member")
        results.append([(e.data, e.at) for e in simulate_answers(ws, ref)])
    assert results[0] == results[1]


@pytest.mark.parametrize(
    ("stakeholder", "actor", "rule"),
    [
        ("learner", "learner", "no-self-rating"),
        ("member", "member", "no-self-rating"),
        ("Caseworker", "learner", "no-self-rating"),
        ("mp", "learner", "unknown-stakeholder"),
    ],
)
def test_nobody_rates_their_own_case(workspace, stakeholder, actor, rule):
    ref = good_run(workspace)
    with pytest.raises(CasekitError) as err:
        request_feedback(workspace, ref, stakeholder, actor=actor)
    assert err.value.rule == rule and err.value.field == "stakeholder"
    assert err.value.source == RULES.rules[rule].source


def test_request_guards_write_nothing(workspace):
    ref = open_case(workspace)
    count = workspace.log.count
    before = count()
    with pytest.raises(CasekitError) as err:
        request_feedback(workspace, ref, "constituent")
    assert err.value.rule == "feedback-needs-reply"
    with pytest.raises(CasekitError) as err:
        request_feedback(workspace, "CK-0099", "constituent")
    assert err.value.rule == "unknown-case"
    assert count() == before
    send_approved(workspace, ref, "Your repair is booked for Monday.")
    with pytest.raises(CasekitError) as err:
        request_feedback(workspace, ref, "colleague")
    assert err.value.rule == "colleague-needs-referral"
    request_feedback(workspace, ref, "constituent")
    with pytest.raises(CasekitError) as err:
        request_feedback(workspace, ref, "constituent")
    assert err.value.rule == "feedback-pending"
    simulate_answers(workspace, ref)
    with pytest.raises(CasekitError) as err:
        simulate_answers(workspace, ref)
    assert err.value.rule == "no-feedback-pending"
    request_feedback(workspace, ref, "constituent")  # answered, so it may be asked again


def test_follow_up_guards(workspace):
    ref = good_run(workspace)
    with pytest.raises(CasekitError) as err:
        record_follow_up(workspace, ref, "member", "Called the councillor to discuss it.")
    assert err.value.rule == "follow-up-needs-feedback"
    request_feedback(workspace, ref, "member")
    simulate_answers(workspace, ref)
    with pytest.raises(CasekitError) as err:
        record_follow_up(workspace, ref, "member", "ok")
    assert err.value.rule == "follow-up-needs-action" and err.value.field == "action"
    with pytest.raises(CasekitError) as err:
        record_follow_up(workspace, ref, "nobody", "Called the councillor to discuss it.")
    assert err.value.rule == "unknown-stakeholder"
    event = record_follow_up(workspace, ref, "member", "Called the councillor to discuss it.")
    assert event.kind == "follow_up_recorded" and event.data["stakeholder"] == "member"
    assert event.personal == {"action": "Called the councillor to discuss it."}


# --------------------------------------------------------------------- pure parts


def test_score_weights_caps_and_clamps():
    member = RULES.stakeholders["member"]
    none = dict.fromkeys(RULES.factors, 0)
    value, reasons = score(member, none, RULES, "seed")
    assert reasons == [] and value in {RULES.start + j for j in RULES.jitter}
    many = {**none, "returned_drafts": 9}
    value, reasons = score(member, many, RULES, "seed")
    cap = RULES.factors["returned_drafts"].cap
    assert reasons == ["returned_drafts"]
    assert value in {
        RULES.start - cap * member.weights["returned_drafts"] + j for j in RULES.jitter
    }
    worst = dict.fromkeys(RULES.factors, 1)
    assert score(RULES.stakeholders["constituent"], worst, RULES, "x")[0] == RULES.scale_min


def ev(seq, kind, case="CK-0001", **data):
    return Event(seq, "2026-01-20T09:00", kind, case, "learner", data, None, "h", "p")


def test_summary_counts_by_stakeholder():
    events = [
        ev(1, "feedback_requested", stakeholder="constituent"),
        ev(
            2,
            "feedback_received",
            stakeholder="constituent",
            request_seq=1,
            score=2,
            grade="replied",
        ),
        ev(3, "feedback_requested", stakeholder="member"),
        ev(4, "feedback_requested", stakeholder="constituent", case="CK-0002"),
        ev(
            5,
            "feedback_received",
            stakeholder="constituent",
            request_seq=4,
            score=5,
            case="CK-0002",
        ),
        ev(6, "follow_up_recorded", stakeholder="constituent", feedback_seq=5),
    ]
    report = summary(events, RULES)
    c = report["constituent"]
    assert (c["requested"], c["count"], c["pending"], c["mean"], c["low"]) == (2, 2, 0, 3.5, 1)
    assert c["low_without_follow_up"] == [{"case": "CK-0001", "seq": 2, "score": 2}]
    assert report["member"]["pending"] == 1 and report["member"]["mean"] is None
    assert report["colleague"]["requested"] == 0


def _case(**lists):
    from casekit.record.projection import Case, ClockOps

    case = Case(
        ref="CK-0001",
        kind="member_enquiry",
        category="housing",
        member_id="M01",
        ward_id="W01",
        channel="email",
        received_at="2026-01-12T09:00",
        constituent={"name": "Ann Example"},
        enquiry="",
    )
    case.clock_ops = {
        "acknowledge": ClockOps("acknowledge", case.received_at, role="acknowledge"),
        "respond": ClockOps("respond", case.received_at, role="respond"),
    }
    for name, events in lists.items():
        setattr(case, name, events)
        case.timeline.extend(events)
    case.timeline.sort(key=lambda e: e.seq)
    return case


def test_factors_from_a_hand_made_case():
    n = iter(range(1, 100))

    def e(kind, at, **data):
        return Event(next(n), at, kind, "CK-0001", "learner", data, None, "h", "p")

    case = _case(
        referrals=[e("referred_to_service", "2026-01-13T09:00")],
        acknowledgements=[e("acknowledgement_sent", "2026-01-16T09:00")],
        holding_replies=[e("holding_reply_sent", "2026-01-20T09:00", to="member")],
        approvals=[e("draft_approved", "2026-01-27T09:00", draft_id="D1")],
        replies=[e("reply_sent", "2026-01-28T09:00", final=True, unverified=[], draft_id="D1")],
    )
    clocks = {
        # the only holding reply went to the member: the constituent was never told
        "respond": SimpleNamespace(
            status="missed", due=date(2026, 1, 26), completed_on=date(2026, 1, 28), history=()
        ),
        "acknowledge": SimpleNamespace(
            status="missed", due=date(2026, 1, 14), completed_on=date(2026, 1, 16), history=()
        ),
    }
    factors = handling_factors(case, clocks, date(2026, 1, 30), rules=RULES)
    assert factors == {
        "late_reply": 1,
        "no_holding_reply": 1,
        "no_acknowledgement": 0,
        "late_acknowledgement": 1,
        "unverified_facts": 0,
        "reply_before_service_answer": 1,
        "returned_drafts": 0,
        "unapproved_reply": 0,
        "consent_missing": 0,
        "missed_safeguarding": 0,
    }


def test_rules_validation_names_file_and_field():
    def broken(mutate):
        raw = copy.deepcopy(RAW)
        mutate(raw)
        with pytest.raises(CasekitError) as err:
            parse_rules(raw, origin="sat.toml")
        assert str(err.value).startswith("sat.toml: ")
        return err.value.field

    assert (
        broken(lambda r: r["satisfaction"].update(low_threshold=9)) == "satisfaction.low_threshold"
    )
    assert broken(lambda r: r["satisfaction"].update(scale_max=0)) == "satisfaction.scale_max"
    assert broken(lambda r: r["satisfaction"].update(jitter=[])) == "satisfaction.jitter"
    assert (
        broken(lambda r: r["stakeholders"]["member"]["weights"].update(rude=1))
        == "stakeholders.member.weights.rude"
    )
    assert broken(lambda r: r["factors"].pop("late_reply")) == "factors.late_reply"
    assert broken(lambda r: r["rules"].pop("no-self-rating")) == "rules.no-self-rating"
    assert broken(lambda r: r["grading"]["grades"].pop("no_reply")) == "grading.grades.no_reply"


values = (
    st.none()
    | st.booleans()
    | st.integers(-3, 9)
    | st.text(max_size=5)
    | st.lists(st.integers(-2, 2) | st.text(max_size=3), max_size=3)
    | st.dictionaries(st.text(max_size=4), st.integers(-1, 3), max_size=2)
)
PATHS = [
    ("satisfaction", "start"),
    ("satisfaction", "low_threshold"),
    ("satisfaction", "jitter"),
    ("satisfaction", "scale_min"),
    ("satisfaction", "self_names"),
    ("satisfaction", "reply_kinds"),
    ("stakeholders", "member", "weights"),
    ("stakeholders", "colleague", "needs"),
    ("stakeholders", "constituent", "graded"),
    ("factors", "returned_drafts", "cap"),
    ("grading", "not_answered_if"),
    ("rules", "feedback-pending"),
    ("stakeholders",),
]


@settings(max_examples=150, deadline=None)
@given(st.sampled_from(PATHS), values)
def test_rules_loader_never_crashes(path, value):
    raw = copy.deepcopy(RAW)
    target = raw
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = value
    try:
        rules = parse_rules(raw, origin="sat.toml")
    except CasekitError as err:
        assert err.field
    else:
        assert rules.scale_min <= rules.start <= rules.scale_max
        for person in rules.stakeholders.values():
            s, _ = score(person, dict.fromkeys(rules.factors, 1), rules, "seed")
            assert rules.scale_min <= s <= rules.scale_max


@settings(max_examples=200, deadline=None)
@given(
    st.sampled_from(["constituent", "member", "colleague", " member ", "learner", "Learner"])
    | st.text(max_size=12)
    | st.none()
    | st.integers(),
    st.sampled_from(["learner", "member", "Colleague"]),
)
def test_stakeholder_check_property(stakeholder, actor):
    try:
        who = check_stakeholder(stakeholder, RULES, actor=actor, case_ref="CK-0001")
    except CasekitError as err:
        assert err.field == "stakeholder"
        assert err.rule in ("no-self-rating", "unknown-stakeholder")
    else:
        assert who in RULES.stakeholders
        assert who.casefold() != actor.casefold()
        assert who.casefold() not in RULES.self_names


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=40) | st.none() | st.integers())
def test_follow_up_action_check_property(action):
    try:
        text = check_action(action, RULES)
    except CasekitError as err:
        assert err.field == "action" and err.rule == "follow-up-needs-action"
    else:
        assert text == action.strip()
        assert len(text.split()) >= 1
