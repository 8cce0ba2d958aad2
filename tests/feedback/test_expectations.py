"""The answer keys' expectation language, each documented form judged the right way round.

Scripted logs on a seeded workspace (Mon 12 Jan 2026; working days Tue 13 = 1, Wed 14 =
2, Thu 15 = 3, Fri 16 = 4, Mon 19 = 5): ``occurs`` within N working days is on time on
day N and late on day N+1; ``missing`` by day N is undecided until day N is over; days are
counted from the enquiry's arrival, not from when the learner logged it; ``before`` and
``occurs_without_prior`` follow the order of the log; each judgement answers yes, no or
unsure both ways.
"""

from __future__ import annotations

import copy
import tomllib
from pathlib import Path
from typing import Any

import pytest

from casekit.casework.actions import Casework
from casekit.drafting.judgements import JUDGES
from casekit.errors import CasekitError
from casekit.feedback.coaching.expectations import Scope, evaluate, match
from casekit.feedback.coaching.judges import NO, TITLES, UNSURE, YES, person
from casekit.feedback.coaching.traps import scope_for
from casekit.record.workspace import Workspace
from casekit.rules.calendar import calendar_for
from casekit.rules.datafiles import validate
from casekit.scenarios.key_language import expectation_problems, spec_problems

ROOT = Path(__file__).resolve().parents[2]
TRAPS = tomllib.loads((ROOT / "casekit/data/scenarios/traps.toml").read_text("utf-8"))
ADULT = {"route_id": {"eq": "adult-safeguarding"}}


def day(ws: Workspace, iso: str) -> None:
    ws.append("clock_advanced", {"to": f"{iso}T09:00"}, actor="system")


def arrive(ws: Workspace, records: list[dict[str, Any]] | None = None) -> None:
    ws.append(
        "inbox_item_delivered",
        {"timeline_item": "T1", "pack_case": "P1", "received_at": "2026-01-12T09:00"},
        personal={
            "constituent": {"name": "Melissa Richardson"},
            "enquiry": "About my grandmother.",
            "records": records or [],
        },
        actor="system",
    )


def log(ws: Workspace, received_at: str = "2026-01-12T09:00") -> str:
    return (
        Casework(ws)
        .receive_enquiry(
            constituent={"name": "Melissa Richardson", "postcode": "LE11 3AB"},
            enquiry="My grandmother's damp is getting worse.",
            category="housing",
            received_at=received_at,
            inbox_item="T1",
        )
        .case_ref
    )


def scope(ws: Workspace, ref: str) -> Scope:
    state = ws.state()
    return scope_for(state, ref, ws.now.date(), calendar_for(state.profile, "subdivision"))


def escalate(ws: Workspace, ref: str, route: str = "adult-safeguarding") -> None:
    Casework(ws).escalate(ref, route_id=route, reason="At risk.")


def occurs(**more: Any) -> dict[str, Any]:
    return {"pattern": "occurs", "kind": "escalated", "where": ADULT, **more}


# -- occurs, within N working days of arrival ------------------------------------------
@pytest.mark.parametrize(
    ("on", "holds"),
    [("2026-01-12", True), ("2026-01-14", True), ("2026-01-15", False), ("2026-01-19", False)],
)
def test_within_n_working_days_is_on_time_on_day_n(workspace: Workspace, on: str, holds: bool):
    arrive(workspace)
    ref = log(workspace)
    day(workspace, on)
    escalate(workspace, ref)
    outcome = evaluate(occurs(within_wd=2), scope(workspace, ref))
    assert outcome.holds is holds
    assert outcome.attempted is (not holds)  # too late is a wrong attempt, not a blank
    if not holds:
        assert "working day" in outcome.evidence[0] and "too late" in outcome.evidence[0]


def test_within_n_is_undecided_until_day_n_is_over(workspace: Workspace):
    arrive(workspace)
    ref = log(workspace)
    for on in ("2026-01-13", "2026-01-14"):
        day(workspace, on)
        assert evaluate(occurs(within_wd=2), scope(workspace, ref)).holds is None
    day(workspace, "2026-01-15")
    outcome = evaluate(occurs(within_wd=2), scope(workspace, ref))
    assert outcome.holds is False and not outcome.attempted


def test_days_count_from_arrival_not_from_logging(workspace: Workspace):
    """A learner who sat on the enquiry for three days and logged it as received then gets
    no extra time: the escalation on the day of logging is three working days late."""
    arrive(workspace)
    day(workspace, "2026-01-15")
    ref = log(workspace, received_at="2026-01-15T09:00")
    escalate(workspace, ref)
    s = scope(workspace, ref)
    assert s.arrived.isoformat() == "2026-01-12"
    assert evaluate(occurs(within_wd=0), s).holds is False
    assert evaluate(occurs(within_wd=3), s).holds is True


# -- missing, by N working days -------------------------------------------------------
def missing(**more: Any) -> dict[str, Any]:
    return {"pattern": "missing", "kind": "escalated", "where": ADULT, **more}


@pytest.mark.parametrize(
    ("escalated_on", "judged_on", "holds"),
    [
        (None, "2026-01-14", None),  # day 2 is not over: undecided
        (None, "2026-01-15", True),  # nothing by the end of day 2
        ("2026-01-14", "2026-01-15", False),  # done on day 2: not missing
        ("2026-01-15", "2026-01-16", True),  # done on day 3: missing by day 2
    ],
)
def test_missing_by_n_working_days(workspace: Workspace, escalated_on, judged_on, holds):
    arrive(workspace)
    ref = log(workspace)
    if escalated_on:
        day(workspace, escalated_on)
        escalate(workspace, ref)
    day(workspace, judged_on)
    assert evaluate(missing(by_wd=2), scope(workspace, ref)).holds is holds


def test_missing_without_a_deadline_is_decided_at_closure(workspace: Workspace):
    arrive(workspace)
    ref = log(workspace)
    assert evaluate(missing(), scope(workspace, ref)).holds is None
    Casework(workspace).close(ref, outcome="Closed.", reason="Nothing more to do.")
    assert evaluate(missing(), scope(workspace, ref)).holds is True


def test_missing_without_a_deadline_is_false_once_it_happens(workspace: Workspace):
    arrive(workspace)
    ref = log(workspace)
    escalate(workspace, ref)
    Casework(workspace).close(ref, outcome="Closed.", reason="Escalated.")
    assert evaluate(missing(), scope(workspace, ref)).holds is False


# -- before and occurs_without_prior ------------------------------------------------------
CONSENT = {"kind": "consent_recorded", "where": {}}


def consent(ws: Workspace, ref: str, given_by: str = "Jasmine Richardson", **more: Any) -> None:
    Casework(ws).record_consent(
        ref,
        recipient="Housing",
        purpose="the repair",
        evidence="" if more else "Signed form",
        given_by=given_by,
        **more,
    )


def refer(ws: Workspace, ref: str) -> None:
    service = next(iter(ws.state().council.services)) if ws.state().council else "Housing"
    ws.append(
        "referred_to_service",
        {"service": service, "service_name": "Housing"},
        case=ref,
        personal={"question": "When will it be fixed?"},
    )


def test_occurs_before_a_kind_holds_only_in_that_order(workspace: Workspace):
    spec = {"pattern": "occurs", **CONSENT, "before": ["referred_to_service"]}
    arrive(workspace)
    ref = log(workspace)
    assert evaluate(spec, scope(workspace, ref)).holds is None
    refer(workspace, ref)
    outcome = evaluate(spec, scope(workspace, ref))
    assert outcome.holds is False  # the referral came first: it can no longer be in time
    consent(workspace, ref)
    outcome = evaluate(spec, scope(workspace, ref))
    assert outcome.holds is False and outcome.attempted


def test_occurs_before_a_kind_in_order(workspace: Workspace):
    spec = {"pattern": "occurs", **CONSENT, "before": ["referred_to_service"]}
    arrive(workspace)
    ref = log(workspace)
    consent(workspace, ref)
    refer(workspace, ref)
    assert evaluate(spec, scope(workspace, ref)).holds is True


def without_prior(**prior: Any) -> dict[str, Any]:
    return {
        "pattern": "occurs_without_prior",
        "kind": "referred_to_service",
        "where": {},
        "prior": {**CONSENT, **prior},
    }


def test_occurs_without_prior_both_ways(workspace_factory):
    ws = workspace_factory("a")
    arrive(ws)
    ref = log(ws)
    assert evaluate(without_prior(), scope(ws, ref)).holds is None  # nothing yet
    refer(ws, ref)
    assert evaluate(without_prior(), scope(ws, ref)).holds is True
    ws = workspace_factory("b")
    arrive(ws)
    ref = log(ws)
    consent(ws, ref)
    refer(ws, ref)
    assert evaluate(without_prior(), scope(ws, ref)).holds is False
    ws = workspace_factory("c")
    arrive(ws)
    ref = log(ws)
    Casework(ws).close(ref, outcome="Closed.", reason="Nothing to do.")
    assert evaluate(without_prior(), scope(ws, ref)).holds is False  # never happened


def test_a_prior_with_a_judgement_must_pass_it(workspace: Workspace):
    arrive(workspace)
    ref = log(workspace)
    consent(workspace, ref, given_by="Melissa Richardson")  # the writer, not the subject
    refer(workspace, ref)
    outcome = evaluate(without_prior(consent_from="Jasmine Richardson"), scope(workspace, ref))
    assert outcome.holds is True
    assert any("Melissa Richardson (the person who wrote in)" in e for e in outcome.evidence)


def test_a_prior_a_person_must_judge_makes_it_for_review(workspace: Workspace):
    arrive(workspace)
    ref = log(workspace)
    consent(workspace, ref, given_by="Mrs Richardson")
    refer(workspace, ref)
    outcome = evaluate(without_prior(consent_from="Jasmine Richardson"), scope(workspace, ref))
    assert outcome.holds is None and outcome.review
    assert "could be Jasmine Richardson or Melissa Richardson" in outcome.evidence[0]


# -- matchers and judgements ----------------------------------------------------------
def test_instead_of_matches_only_another_route_of_the_same_family(workspace: Workspace):
    arrive(workspace)
    ref = log(workspace)
    wrong = {
        "pattern": "occurs",
        "kind": "escalated",
        "where": {"route_id": {"instead_of": "adult-safeguarding"}},
    }
    escalate(workspace, ref, "complaint")
    escalate(workspace, ref, "adult-safeguarding")
    assert evaluate(wrong, scope(workspace, ref)).holds is None
    escalate(workspace, ref, "child-safeguarding")
    assert evaluate(wrong, scope(workspace, ref)).holds is True


@pytest.mark.parametrize(
    ("given", "verdict"),
    [
        ("Jasmine Richardson", YES),
        ("Mrs Jasmine May Richardson", YES),
        ("JASMINE  RICHARDSON", YES),
        ("J Richardson", YES),  # the writer's initial differs
        ("Mrs Richardson", UNSURE),  # the writer shares the surname
        ("Jas Richardson", UNSURE),  # a short form
        ("Jasmine", UNSURE),
        ("Melissa Richardson", NO),
        ("Jane Richardson", NO),
        ("Jasmine Smith", NO),
        ("", NO),
    ],
)
def test_person_reads_names_as_a_person_would(given: str, verdict: str):
    assert person(given, "Jasmine Richardson", ("Melissa Richardson",)) == verdict


def test_a_surname_alone_is_enough_when_nobody_else_shares_it():
    assert person("Mrs Richardson", "Jasmine Richardson", ("Tom Okafor",)) == YES
    assert person("M Richardson", "Jasmine Richardson", ("Melissa Richardson",)) == NO


def test_consent_from_para_23_and_withdrawn(workspace: Workspace):
    arrive(workspace)
    ref = log(workspace)
    consent(
        workspace,
        ref,
        para_23_reason="cannot_give",
        explanation="She is in hospital.",
    )
    spec = {"kind": "consent_recorded", "where": {}, "consent_from": "Jasmine Richardson"}
    event = workspace.state().cases[ref].consents[-1]
    judged = match(event, spec, scope(workspace, ref))
    assert judged.verdict == UNSURE and "para 23(2)" in judged.evidence
    withdrawn = workspace.append(
        "consent_recorded",
        {"withdrawn": True},
        case=ref,
        personal={"recipient": "Housing", "given_by": "Jasmine Richardson"},
    )
    judged = match(withdrawn, spec, scope(workspace, ref))
    assert judged.verdict == NO and judged.attempt


def test_linked_to_by_id_or_reference_and_not_elsewhere(workspace: Workspace):
    arrive(workspace, [{"id": "C001-R3", "fields": {"ref": "MC1234"}}])
    ref = log(workspace)
    spec = {"kind": "duplicate_linked", "where": {}, "linked_to": "C001-R3"}
    for other, verdict in (
        ("C001-R3", YES),
        ("mc1234", YES),
        ("MC1234 (with Cllr Patel)", YES),
        ("MC12345", NO),
        ("MC0001", NO),
    ):
        event = workspace.append(
            "duplicate_linked", {"other": other, "reason": "Same problem."}, case=ref
        )
        judged = match(event, spec, scope(workspace, ref))
        assert judged.verdict == verdict, other
        if verdict == NO:
            assert "not to the earlier case (C001-R3 / MC1234)" in judged.evidence


@pytest.mark.parametrize(
    ("text", "wanted", "verdict"),
    [
        ("I will oppose this application at the committee.", "breach", YES),
        ("I will oppose this application at the committee.", "sound", NO),
        ("I cannot promise to vote either way: I must keep an open mind.", "sound", YES),
        ("I cannot promise to vote either way: I must keep an open mind.", "breach", NO),
        ("The planning team will write to you.", "sound", UNSURE),
        ("The planning team will write to you.", "breach", UNSURE),
    ],
)
def test_judge_reads_the_text_sent(
    workspace: Workspace, monkeypatch: pytest.MonkeyPatch, text: str, wanted: str, verdict: str
):
    """With a planning committee member (this workspace has no council, so the member the
    draft checks see is given), the verdict the key asks for matches; unsure never does."""
    import casekit.feedback.coaching.judges as judges

    arrive(workspace)
    ref = log(workspace)
    reply = workspace.append("reply_sent", {"channel": "email"}, case=ref, personal={"text": text})
    original = judges._context

    def with_member(event: Any, scope: Scope) -> dict[str, Any]:
        return {
            **original(event, scope),
            "member": {"name": "Cllr Example", "committees": ["planning"]},
        }

    monkeypatch.setattr(judges, "_context", with_member)
    spec = {"kind": "reply_sent", "where": {}, "judge": "predetermination", "verdict": wanted}
    judged = match(reply, spec, scope(workspace, ref))
    assert judged.verdict == verdict, judged
    assert judged.attempt is (verdict == NO)


def test_an_unknown_pattern_or_matcher_is_refused_on_the_key(workspace: Workspace):
    arrive(workspace)
    ref = log(workspace)
    escalate(workspace, ref)
    with pytest.raises(CasekitError) as err:
        evaluate({"pattern": "sometimes", "kind": "escalated"}, scope(workspace, ref))
    assert err.value.field == "key"
    with pytest.raises(CasekitError) as err:
        evaluate(
            {"pattern": "occurs", "kind": "escalated", "where": {"route_id": {"like": "a"}}},
            scope(workspace, ref),
        )
    assert err.value.field == "key" and err.value.rule == "answer-key-language"


# -- the language checked in keys and in traps.toml -------------------------------------
@pytest.mark.parametrize(
    ("spec", "field", "says"),
    [
        ({"pattern": "occurs", "kind": "x", "by_wd": 2}, "w.by_wd", "not read by the occurs"),
        ({"pattern": "missing", "kind": "x", "before": ["y"]}, "w.before", "not read"),
        ({"pattern": "occurs_without_prior", "kind": "x"}, "w.prior", "missing"),
        ({"pattern": "occurs", "kind": "x", "judge": "oversharing"}, "w.verdict", "sound or"),
        ({"pattern": "occurs", "kind": "x", "verdict": "sound"}, "w.verdict", "only with judge"),
        (
            {"pattern": "occurs", "kind": "x", "judge": "rudeness", "verdict": "sound"},
            "w.judge",
            "is not one of",
        ),
        (
            {"pattern": "occurs", "kind": "x", "where": {"a": {"eq": 1, "in": [1]}}},
            "w.where.a",
            "exactly one matcher",
        ),
        (
            {
                "pattern": "occurs_without_prior",
                "kind": "x",
                "prior": {"kind": "y", "within_wd": 1},
            },
            "w.prior.within_wd",
            "not read in a prior",
        ),
        ({"pattern": "seldom", "kind": "x"}, "w.pattern", "is not one of"),
    ],
)
def test_spec_problems_name_the_part_and_why(spec: dict[str, Any], field: str, says: str):
    found = spec_problems(spec, "w", JUDGES)
    assert any(p.path == field and says in p.message for p in found), found


def test_every_shipped_expectation_is_in_the_language():
    for trap_id, spec in TRAPS.items():
        for side in ("good", "bad"):
            for n, x in enumerate(spec[side]):
                assert spec_problems(x, f"{trap_id}.{side}[{n}]", JUDGES) == []


def test_check_data_refuses_a_traps_file_outside_the_language():
    data = copy.deepcopy(TRAPS)
    data["safeguarding"]["good"][0]["by_wd"] = 1
    data["party_political"]["bad"][0].pop("verdict")
    data["duplicate"]["good"][0]["linked_to"] = 7
    found = validate("scenario-traps", data, origin="traps.toml")
    fields = {p.path for p in found}
    assert "safeguarding.good[0].by_wd" in fields
    assert "party_political.bad[0].verdict" in fields
    assert any(f.startswith("duplicate.good[0].linked_to") for f in fields)


def test_a_key_outside_the_language_is_refused_on_the_key_field(tmp_path: Path):
    from casekit.feedback.coaching import load_key
    from casekit.scenarios.generate import generate, render

    _, key_text = render(*generate(3, 2, "intro"))
    assert expectation_problems(__import__("json").loads(key_text)) == []
    broken = key_text.replace('"verdict": "sound"', '"verdict": "fine"', 1)
    if broken == key_text:  # no judged trap in this small pack: break a pattern instead
        broken = key_text.replace('"pattern": "occurs"', '"pattern": "often"', 1)
    (tmp_path / "key.json").write_text(broken, encoding="utf-8")
    with pytest.raises(CasekitError) as err:
        load_key(tmp_path / "key.json")
    assert err.value.field == "key"
    from casekit.scenarios.pack import read_key

    with pytest.raises(CasekitError):  # the scenario tools refuse it too
        read_key(tmp_path / "key.json")


def test_a_key_whose_shape_is_sound_but_whose_language_is_not_is_refused(tmp_path: Path):
    import json

    from casekit.scenarios.generate import generate, render
    from casekit.scenarios.pack import read_key, validate_key

    _, key_text = render(*generate(3, 2, "intro"))
    key = json.loads(key_text)
    trap = key["cases"][0]["traps"][0]
    trap["good"][0]["by_wd"] = 2  # the schema allows by_wd; "occurs" does not read it
    trap["good"][0]["pattern"] = "occurs"
    problems = validate_key(key)
    assert [p.path for p in problems] == ["$.cases[0].traps[0].good[0].by_wd"]
    (tmp_path / "key.json").write_text(json.dumps(key), encoding="utf-8")
    with pytest.raises(CasekitError) as err:
        read_key(tmp_path / "key.json")
    assert "not read by the occurs pattern" in str(err.value)


# -- properties -----------------------------------------------------------------------
from hypothesis import given  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

PARTS = st.sampled_from(
    [
        "pattern",
        "kind",
        "where",
        "before",
        "within_wd",
        "by_wd",
        "prior",
        "judge",
        "verdict",
        "on",
        "consent_from",
        "linked_to",
        "explanation",
        "other",
    ]
)
VALUES = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(-2, 5)
    | st.sampled_from(["occurs", "missing", "occurs_without_prior", "oversharing", "sound", "x"]),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(PARTS, inner, max_size=3),
    max_leaves=10,
)


@given(st.dictionaries(PARTS, VALUES, max_size=8) | VALUES)
def test_spec_problems_never_crash_and_name_fields_under_the_expectation(spec: Any) -> None:
    for problem in spec_problems(spec, "x", JUDGES):
        assert problem.path == "x" or problem.path.startswith("x.")
        assert problem.message


# A title ("Mr", "Dr") is not a name: the reader ignores it, so names are drawn without them.
NAME = st.text(alphabet="abcdefghijklmnopqrstuvwxyz", min_size=2, max_size=8).filter(
    lambda w: w not in TITLES
)


@given(NAME, NAME, NAME)
def test_a_full_name_is_that_person_and_another_surname_is_not(first: str, last: str, other: str):
    name = f"{first.title()} {last.title()}"
    assert person(name, name) == YES
    assert person(f"Mrs {name}", name) == YES
    if other != last:
        assert person(f"{first.title()} {other.title()}", name) == NO
