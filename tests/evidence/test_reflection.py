"""Reflective accounts: models as data, validation, and the recorded event."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from casekit.casework.actions import Casework
from casekit.errors import CasekitError
from casekit.evidence.reflection import models, record_reflection, validate_reflection
from casekit.rules.criteria import load_criteria

CAT = load_criteria()
SENTENCE = "I checked the tenancy record before replying to the constituent."
GIBBS = {s.id: SENTENCE for s in CAT.reflection_models["gibbs"].sections}
KOLB = {s.id: SENTENCE for s in CAT.reflection_models["kolb"].sections}
KNOWN = {"CK-0001": date(2026, 1, 12)}


def test_models_are_gibbs_and_kolb_with_their_sections():
    by_id = {m.id: m for m in models(CAT)}
    assert [s.id for s in by_id["gibbs"].sections] == [
        "description",
        "feelings",
        "evaluation",
        "analysis",
        "conclusion",
        "action_plan",
    ]
    assert [s.id for s in by_id["kolb"].sections] == [
        "experience",
        "reflective_observation",
        "abstract_conceptualisation",
        "active_experimentation",
    ]
    assert all(s.prompt for m in by_id.values() for s in m.sections)


def validate(**overrides):
    args = dict(
        model="gibbs",
        case_ref="CK-0001",
        date="2026-01-20",
        criteria=["AC5", "AC2"],
        sections=GIBBS,
        known_cases=KNOWN,
        today=date(2026, 1, 30),
    )
    args.update(overrides)
    return validate_reflection(CAT, **args)


def test_valid_reflection_is_normalised():
    clean = validate()
    assert clean["criteria"] == ["AC2", "AC5"] and clean["date"] == "2026-01-20"
    assert set(clean["sections"]) == set(GIBBS)
    assert validate(model="kolb", sections=KOLB, date=date(2026, 1, 12))["model"] == "kolb"


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"model": "schon"}, "model"),
        ({"case_ref": "CK-0999"}, "case_ref"),
        ({"date": "next week"}, "date"),
        ({"date": "2026-02-01"}, "date"),  # after today
        ({"date": "2026-01-02"}, "date"),  # before the case arrived
        ({"criteria": []}, "criteria"),
        ({"criteria": ["AC1", "AC9"]}, "criteria"),
        ({"sections": {**GIBBS, "feelings": "Fine."}}, "sections.feelings"),
        (
            {"sections": {k: v for k, v in GIBBS.items() if k != "action_plan"}},
            "sections.action_plan",
        ),
        ({"sections": {**GIBBS, "mood": SENTENCE}}, "sections.mood"),
        ({"sections": KOLB}, "sections.experience"),
        ({"sections": "all fine"}, "sections"),
    ],
)
def test_invalid_reflection_names_the_field(overrides, field):
    with pytest.raises(CasekitError) as err:
        validate(**overrides)
    assert err.value.field == field
    assert err.value.source == CAT.reflection_source


def start_case(ws) -> str:
    result = Casework(ws).receive_enquiry(
        constituent={"name": "Ann Example", "postcode": "LE11 3AB"},
        enquiry="Damp in the back bedroom, reported twice.",
        category="housing",
    )
    return result.event.case


def test_record_reflection_appends_event_with_text_as_personal(workspace):
    ref = start_case(workspace)
    event = record_reflection(
        workspace, model="gibbs", case_ref=ref, date="2026-01-12", criteria=["AC1"], sections=GIBBS
    )
    assert event.kind == "reflection_recorded" and event.case == ref
    assert event.data["model"] == "gibbs" and event.data["criteria"] == ["AC1"]
    assert event.data["date"] == "2026-01-12"
    assert event.data["sections"] == list(GIBBS)
    assert SENTENCE not in str(event.data)
    assert event.personal == {"sections": GIBBS}


def test_record_reflection_refuses_unknown_case_and_future_date(workspace):
    ref = start_case(workspace)
    before = workspace.log.count()
    with pytest.raises(CasekitError) as err:
        record_reflection(
            workspace,
            model="gibbs",
            case_ref="CK-0042",
            date="2026-01-12",
            criteria=["AC1"],
            sections=GIBBS,
        )
    assert err.value.field == "case_ref"
    with pytest.raises(CasekitError) as err:
        record_reflection(
            workspace,
            model="gibbs",
            case_ref=ref,
            date="2026-01-13",
            criteria=["AC1"],
            sections=GIBBS,
        )
    assert err.value.field == "date"
    assert workspace.log.count() == before


texts = st.text(max_size=60) | st.sampled_from([SENTENCE, "ok", "", "Word " * 4])
anything = (
    st.none() | st.integers() | st.text(max_size=10) | st.lists(st.text(max_size=4), max_size=3)
)


@settings(max_examples=200, deadline=None)
@given(
    model=st.sampled_from(["gibbs", "kolb", "GIBBS", ""]) | anything,
    case_ref=st.sampled_from(["CK-0001", "CK-0002"]) | anything,
    when=st.dates(date(2025, 12, 1), date(2026, 3, 1)).map(str) | anything,
    criteria=st.lists(st.sampled_from(["AC1", "AC3", "AC5", "X"]), max_size=3) | anything,
    sections=st.dictionaries(st.sampled_from([*GIBBS, *KOLB, "other"]), texts, max_size=8)
    | anything,
)
def test_reflection_validation_property(model, case_ref, when, criteria, sections):
    try:
        clean = validate(
            model=model, case_ref=case_ref, date=when, criteria=criteria, sections=sections
        )
    except CasekitError as err:
        assert err.field in (
            "model",
            "case_ref",
            "date",
            "criteria",
            "sections",
        ) or err.field.startswith("sections.")
    else:
        chosen = CAT.reflection_models[clean["model"]]
        assert list(clean["sections"]) == [s.id for s in chosen.sections]
        assert set(clean["criteria"]) <= set(CAT.criteria) and clean["criteria"]
        assert date(2026, 1, 12) <= date.fromisoformat(clean["date"]) <= date(2026, 1, 30)
