"""The criteria catalogue: packaged content, the event-to-criterion mapping, validation."""

from __future__ import annotations

import copy
import tomllib
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from casekit.errors import CasekitError
from casekit.rules.criteria import DEFAULT_PATH, load_criteria, parse_criteria

RAW = tomllib.loads(DEFAULT_PATH.read_text(encoding="utf-8"))


def test_packaged_catalogue_is_provisional_and_holds_the_unit():
    cat = load_criteria()
    assert cat.provisional is True
    assert "could not be found" in cat.note
    assert cat.qualification.startswith("OU Level 3 Certificate in Democratic Services Practice")
    assert cat.unit == "Support elected members' casework"
    assert list(cat.outcomes) == ["LO1", "LO2", "LO3", "LO4", "LO5", "LO6"]
    assert list(cat.criteria) == ["AC1", "AC2", "AC3", "AC4", "AC5"]
    assert cat.outcomes["LO4"].text == "draft responses on behalf of the elected member"
    assert cat.criteria["AC1"].outcomes == ("LO1", "LO2")
    assert cat.criteria["AC4"].evidenced_by.startswith("feedback requests sent and answered")


def test_every_outcome_is_addressed_by_some_criterion():
    cat = load_criteria()
    covered = {o for c in cat.criteria.values() for o in c.outcomes}
    assert covered == set(cat.outcomes)


@pytest.mark.parametrize(
    ("kind", "expected"),
    [
        ("enquiry_received", ["AC1"]),
        ("fact_verified", ["AC1"]),
        ("contact_logged", ["AC2"]),
        ("holding_reply_sent", ["AC2"]),
        ("clock_extended", ["AC2"]),
        ("draft_approved", ["AC3"]),
        ("feedback_received", ["AC4"]),
        ("follow_up_recorded", ["AC4"]),
        ("escalated", ["AC5"]),
        ("clock_started", ["AC5"]),
        ("knowledge_check_completed", ["AC5"]),
        ("draft_saved", []),
        ("clock_advanced", []),
        ("no_such_kind", []),
    ],
)
def test_criteria_for_event(kind, expected):
    assert load_criteria().criteria_for_event(kind, {}) == expected


def test_reflection_evidences_the_criteria_it_names_in_catalogue_order():
    cat = load_criteria()
    data = {"criteria": ["AC5", "AC2", "AC9", 7]}
    assert cat.criteria_for_event("reflection_recorded", data) == ["AC2", "AC5"]
    assert cat.criteria_for_event("reflection_recorded", {}) == []
    assert cat.criteria_for_event("reflection_recorded", {"criteria": "AC3"}) == ["AC3"]


def test_minimum_uses_default_and_centre_overrides():
    cat = load_criteria()
    assert cat.minimum("AC1") == 2
    raw = copy.deepcopy(RAW)
    raw["sufficiency"]["AC3"] = 4
    cat = parse_criteria(raw)
    assert cat.minimum("AC3") == 4 and cat.minimum("AC2") == 2
    with pytest.raises(CasekitError) as err:
        cat.minimum("AC9")
    assert err.value.field == "criteria"


def test_a_centre_points_at_its_own_file(tmp_path: Path):
    text = DEFAULT_PATH.read_text(encoding="utf-8").replace('id = "AC1"', 'id = "C-101"')
    text = text.replace('["AC1"]', '["C-101"]').replace("\nAC1 = [", "\nC-101 = [")
    own = tmp_path / "centre.toml"
    own.write_text(text, encoding="utf-8")
    cat = load_criteria(own)
    assert "C-101" in cat.criteria and "AC1" not in cat.criteria
    assert cat.criteria_for_event("fact_verified") == ["C-101"]
    assert cat.quality.checks["C-101"] == ("facts_verified", "discrepancies_resolved")
    assert cat.path == str(own)


def test_quality_names_only_known_criteria_checks_and_kinds():
    """A renamed criterion left in [quality], a check casekit does not make, a kind of case
    or of event that does not exist: each is named at its field, all at once."""
    raw = copy.deepcopy(RAW)
    raw["quality"]["checks"]["AC9"] = ["facts_verified"]
    raw["quality"]["checks"]["AC1"] = ["facts_verified", "facts_guessed"]
    raw["quality"]["route_needs"]["complaint"]["case_kinds"] = ["grumble"]
    raw["quality"]["route_needs"]["information-request"]["or_kind"] = "clock_begun"
    raw["quality"]["knowledge_pass_percent"] = 120
    with pytest.raises(CasekitError) as err:
        parse_criteria(raw)
    text = str(err.value)
    for field in (
        "quality.checks.AC9",
        "quality.checks.AC1",
        "quality.route_needs.complaint.case_kinds",
        "quality.route_needs.information-request.or_kind",
        "quality.knowledge_pass_percent",
    ):
        assert field in text, field
    assert "facts_guessed" in text and "grumble" in text and "clock_begun" in text


def test_quality_settings_are_read_and_a_catalogue_without_them_judges_nothing():
    cat = load_criteria()
    assert cat.quality.knowledge_pass_percent == 80
    assert cat.quality.unresolved_severity == "breach"
    assert "adult-safeguarding" in cat.quality.same_day_routes
    assert cat.quality.route_needs["complaint"].case_kinds == ("complaint",)
    assert cat.quality.route_needs["information-request"].or_kind == "clock_started"
    raw = copy.deepcopy(RAW)
    raw.pop("quality")
    assert parse_criteria(raw).quality.checks == {}


def test_the_quality_checks_a_catalogue_may_name_are_the_ones_casekit_makes():
    from casekit.feedback.quality import CHECKS
    from casekit.rules.criteria import QUALITY_CHECKS

    assert tuple(CHECKS) == QUALITY_CHECKS


def test_missing_file_and_bad_toml_name_the_file(tmp_path: Path):
    with pytest.raises(CasekitError) as err:
        load_criteria(tmp_path / "nope.toml")
    assert "nope.toml" in str(err.value) and err.value.field == "path"
    bad = tmp_path / "bad.toml"
    bad.write_text("[catalogue\nprovisional = true", encoding="utf-8")
    with pytest.raises(CasekitError) as err:
        load_criteria(bad)
    assert "bad.toml" in str(err.value)


def _broken(mutate):
    raw = copy.deepcopy(RAW)
    mutate(raw)
    with pytest.raises(CasekitError) as err:
        parse_criteria(raw, origin="centre.toml")
    assert str(err.value).startswith("centre.toml: ")
    return err.value


def test_validation_names_the_field():
    assert _broken(lambda r: r["catalogue"].pop("provisional")).field == "catalogue.provisional"
    assert _broken(lambda r: r["catalogue"].update(note="")).field == "catalogue.note"
    err = _broken(lambda r: r["criteria"][1].update(outcomes=["LO9"]))
    assert err.field == "criteria[1].outcomes" and "LO9" in err.message
    err = _broken(lambda r: r["criteria"].append(dict(r["criteria"][0])))
    assert err.field == "criteria[5].id" and "repeats" in err.message
    err = _broken(lambda r: r["evidence"].update(escalated=["AC7"]))
    assert err.field == "evidence.escalated"
    err = _broken(lambda r: r["evidence"].update(new_kind=["AC1"]))
    assert err.field == "evidence.new_kind" and "no [items] group" in err.message
    err = _broken(lambda r: r["items"]["draft"].update(kinds=["draft_approved", "escalated"]))
    assert "escalated" in err.message
    err = _broken(lambda r: r["sufficiency"].update(AC2=-1))
    assert err.field == "sufficiency.AC2"
    err = _broken(lambda r: r["sufficiency"].update(AC8=1))
    assert err.field == "sufficiency.AC8"
    err = _broken(lambda r: r["reflection"]["models"][0]["sections"].append({"id": "x"}))
    assert err.field.startswith("reflection.models[0].sections[6]")
    err = _broken(lambda r: r["mahara"]["evidencestatuses"].update(done="Done"))
    assert err.field == "mahara.evidencestatuses.done"
    err = _broken(lambda r: r["criteria"][0].update(outcomes=[["LO1"]]))
    assert err.field == "criteria[0].outcomes"
    assert _broken(lambda r: r["evidence"].update(escalated=[{}])).field == "evidence.escalated"
    err = _broken(lambda r: r["items"]["draft"].update(kinds=[["draft_approved"]]))
    assert err.field == "items.draft.kinds"
    err = _broken(lambda r: r["outcomes"][0].update(id="LO 1"))
    assert err.field == "outcomes[0].id"


# Property: whatever a centre's file holds, the loader either returns a catalogue or
# raises CasekitError; it never crashes with another exception.
json_values = st.recursive(
    st.none() | st.booleans() | st.integers(-3, 3) | st.text(max_size=8),
    lambda children: (
        st.lists(children, max_size=3) | st.dictionaries(st.text(max_size=6), children, max_size=3)
    ),
    max_leaves=8,
)
PATHS = [
    ("catalogue",),
    ("catalogue", "provisional"),
    ("catalogue", "id"),
    ("outcomes",),
    ("outcomes", 0),
    ("outcomes", 0, "id"),
    ("criteria",),
    ("criteria", 2, "outcomes"),
    ("criteria", 0, "id"),
    ("evidence",),
    ("evidence", "escalated"),
    ("evidence", "reflection_recorded"),
    ("items",),
    ("items", "draft", "per"),
    ("items", "intake", "kinds"),
    ("sufficiency", "default"),
    ("sufficiency", "AC1"),
    ("reflection", "min_words"),
    ("reflection", "models"),
    ("reflection", "models", 1, "sections"),
    ("mahara", "selfassess"),
    ("mahara", "evidencestatuses"),
]


@settings(max_examples=150, deadline=None)
@given(st.sampled_from(PATHS), json_values)
def test_loader_never_crashes(path, value):
    raw = copy.deepcopy(RAW)
    target = raw
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = value
    try:
        cat = parse_criteria(raw)
    except CasekitError as err:
        assert err.field and err.message.startswith("criteria.toml: ")
    else:
        for kind in cat.evidence:
            assert set(cat.criteria_for_event(kind, {"criteria": ["AC1"]})) <= set(cat.criteria)
