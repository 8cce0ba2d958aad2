"""The one reader of centre-editable data files: every packaged file is sound, a broken copy
of each kind shows every problem at once with its file and dotted field, and nothing but a
CasekitError ever comes out, whatever a file holds."""

from __future__ import annotations

import copy
import json
import shutil
import tomllib
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from casekit.errors import CasekitError
from casekit.rules.datafiles import (
    KINDS,
    Context,
    check_file,
    kind_named,
    kind_of,
    packaged_files,
    read_data,
    read_toml,
    validate,
)

PACKAGED: dict[str, Path] = {}
for _spec, _path in packaged_files():
    PACKAGED.setdefault(_spec.name, _path)  # the first of a kind: default.toml for profiles


def to_toml(document: dict[str, Any]) -> str:
    """A TOML document of one line a top-level key, inline tables all the way down."""

    def value(v: Any) -> str:
        if isinstance(v, bool):
            return "true" if v else "false"
        if isinstance(v, int | float):
            return repr(v)
        if isinstance(v, str):
            return json.dumps(v)
        if isinstance(v, list):
            return "[" + ", ".join(value(x) for x in v) + "]"
        return "{ " + ", ".join(f"{json.dumps(k)} = {value(x)}" for k, x in v.items()) + " }"

    return "\n".join(f"{json.dumps(k)} = {value(v)}" for k, v in document.items()) + "\n"


def original(kind: str) -> dict[str, Any]:
    with PACKAGED[kind].open("rb") as handle:
        return tomllib.load(handle)


def test_every_packaged_file_is_sound():
    assert {spec.name for spec in KINDS} == set(PACKAGED)
    for spec, path in packaged_files():
        found_kind, problems = check_file(path)
        assert found_kind is spec, path
        assert problems == [], (path, problems)
        assert isinstance(read_data(spec, path), dict)


def test_schemas_sit_beside_their_files():
    for spec in KINDS:
        schema = Path(spec.schema)
        assert schema.name.endswith(".schema.toml")
        if spec.name != "template":  # the template's settings live outside the package
            assert (PACKAGED[spec.name].parent / schema.name).is_file(), spec.name


# -- a broken copy of each kind: (what to break, the fields that must be named) -----------
def _set(path: str, value: Any) -> Callable[[dict[str, Any]], None]:
    def apply(doc: dict[str, Any]) -> None:
        *parents, last = path.split("/")
        for key in parents:
            doc = doc[int(key)] if isinstance(doc, list) else doc[key]
        if value is DELETE:
            del doc[last]
        elif isinstance(doc, list):
            doc[int(last)] = value
        else:
            doc[last] = value

    return apply


DELETE = object()
BROKEN: dict[str, list[tuple[str, Any, str]]] = {
    # (path to change, new value or DELETE, the dotted field a problem must name)
    "profile": [
        ("service_levels/complaint/respond_wd", "ten", "service_levels.complaint.respond_wd"),
        ("retention/source", DELETE, "retention.source"),
        ("calendar/subdivison", "ENG", "calendar.subdivison"),
        ("rules/not-in-ward/message", "{postcod} is not in {ward}.", "rules.not-in-ward.message"),
        ("tiers", {"county": ["unicorns"]}, "tiers.county"),
        (
            "drafting/confidentiality/email_pattern",
            "([a-z",
            "drafting.confidentiality.email_pattern",
        ),
    ],
    "criteria": [
        ("catalogue/unit", 5, "catalogue.unit"),
        ("reflection/source", DELETE, "reflection.source"),
        ("reflection/min_word", 4, "reflection.min_word"),
        ("items/escalation/title", "Escalation to {route", "items.escalation.title"),
        ("evidence/escalated", ["AC7"], "evidence.escalated"),
        ("evidence/tea_made", ["AC1"], "evidence.tea_made"),
    ],
    "categories": [
        ("housing/tier", 3, "housing.tier"),
        ("highways/subject", DELETE, "highways.subject"),
        ("parking/lable", "Parking", "parking.lable"),
        ("waste/tier", "regional", "waste.tier"),
    ],
    "knowledge": [
        ("questions/0/answer", "1", "questions[0].answer"),
        ("questions/1/source", DELETE, "questions[1].source"),
        ("questions/2/hint", "look it up", "questions[2].hint"),
        ("questions/3/criterion", "AC9", "questions[3].criterion"),
        ("questions/4/answer", 9, "questions[4].answer"),
        ("questions/5/case_kind", "complaint", "questions[5].case_kind"),
    ],
    "definitions": [
        ("kinds/complaint/definition", DELETE, "kinds.complaint.definition"),
        ("kinds/grumble", {"label": "x"}, "kinds.grumble"),
        ("kinds/service_request/signs", ["unhappy"], "kinds.service_request.signs"),
        ("statutory/sorce", "FOIA", "statutory.sorce"),
    ],
    "satisfaction": [
        ("satisfaction/start", "five", "satisfaction.start"),
        ("rules/feedback-pending/advice", DELETE, "rules.feedback-pending.advice"),
        ("factors/late_reply/colour", "red", "factors.late_reply.colour"),
        (
            "rules/no-feedback-pending/message",
            "No case {cas}.",
            "rules.no-feedback-pending.message",
        ),
        ("stakeholders/colleague/needs", "referred_to_servise", "stakeholders.colleague.needs"),
    ],
    "coaching": [
        ("mistakes/same_text/similarity", "high", "mistakes.same_text.similarity"),
        ("mistakes/unlogged_enquiry/label", DELETE, "mistakes.unlogged_enquiry.label"),
        ("status/handeled", "done", "status.handeled"),
        (
            "mistakes/no_holding_reply/message",
            "{case} due {deu}",
            "mistakes.no_holding_reply.message",
        ),
        ("mistakes/same_text/criterion", "AC9", "mistakes.same_text.criterion"),
    ],
    "evidence": [
        ("limits/max_members", "lots", "limits.max_members"),
        ("declaration/statement", DELETE, "declaration.statement"),
        ("declaration/sorce", "x", "declaration.sorce"),
        ("pseudonyms/phone", "01632 96{numbr:04d}", "pseudonyms.phone"),
        ("rules/template", DELETE, "rules.template"),
    ],
    "template": [
        ("colours/text", 5, "colours.text"),
        ("colours/gap", "#fefefe", "colours.gap"),
        ("centre/nmae", "Our centre", "centre.nmae"),
        ("centre/logo", "nowhere.svg", "centre.logo"),
    ],
    "scenario-categories": [
        ("housing/weight", "lots", "housing.weight"),
        ("waste/service", DELETE, "waste.service"),
        ("parking/servise", "Parking", "parking.servise"),
        ("planning/problems/0/self", "On {street there is", "planning.problems[0].self"),
        ("housing/details/list/0/problems", ["nowhere"], "housing.details.list[0].problems[0]"),
        ("highways/consent", True, "highways.consent"),
        ("unicorns", original("scenario-categories")["waste"], "unicorns"),
    ],
    "scenario-councils": [
        ("wards/count", "four", "wards.count"),
        ("addresses/flat_share", DELETE, "addresses.flat_share"),
        ("members/partys", ["Labour"], "members.partys"),
        ("naming/unitary", ["{place Council"], "naming.unitary[0]"),
        ("members/stance/unicorns", ["likes them"], "members.stance.unicorns"),
        ("place/0/tiers", ["unitary", "district"], "place[0].tiers"),
        ("place/1/districts/0/code", "XX9", "place[1].districts"),
        ("place/2/phones", ["0113 496 0xxx"], "place[2].phones[0]"),
    ],
    "scenario-generation": [
        ("difficulty/intro/start", "2026-02-30", "difficulty.intro.start"),
        ("timeline/chase_after_wd", DELETE, "timeline.chase_after_wd"),
        ("channels/colours", ["red"], "channels.colours"),
        ("difficulty/standard/traps_per_case", [3, 2], "difficulty.standard.traps_per_case"),
        ("channels/ids", ["email", "phone", "letter", "surgery", "pigeon"], "channels.ids"),
        ("difficulty/intro/traps_per_pack", 3.0, "difficulty.intro.traps_per_pack"),
        ("difficulty/standard/trap_share/unicorns", 0.5, "difficulty.standard.trap_share.unicorns"),
    ],
    "scenario-prose": [
        ("tone_weights", "equal", "tone_weights"),
        ("slots/school_prefix", DELETE, "slots.school_prefix"),
        ("tonez", ["calm"], "tonez"),
        ("chaser/calm/0", "About {subject", "chaser.calm[0]"),
        ("opening/angry", DELETE, "opening.angry"),
    ],
    "scenario-traps": [
        ("duplicate/criteria", "AC2", "duplicate.criteria"),
        ("safeguarding/label", DELETE, "safeguarding.label"),
        ("oversharing/explanation", "It has {special", "oversharing.explanation"),
        ("party_political/good/0/kind", "draft_aproved", "party_political.good[0].kind"),
        ("stale_information/criteria", ["AC9"], "stale_information.criteria"),
        ("predetermination/conflicts", ["unicorn"], "predetermination.conflicts"),
        ("unicorn_trap", original("scenario-traps")["duplicate"], "unicorn_trap"),
    ],
    "next-steps": [
        ("rule/0/when", "whenever", "rule[0].when"),  # not a condition the desk decides
        ("rule/1/where", "the attic", "rule[1].where"),
        ("rule/2/do", "Send a holding reply by {due", "rule[2].do"),
        ("rule/3/why", DELETE, "rule[3].why"),
        ("rule/4/id", "Overdue Twice", "rule[4].id"),
    ],
    "learner-words": [
        ("advice/Declaration Required", "Sign it.", "advice.Declaration Required"),
        ("words/[I]", 5, "words.[I]"),
        ("advise", {}, "advise"),
    ],
}


def broken_copy(kind: str, tmp_path: Path) -> tuple[Path, set[str]]:
    document = copy.deepcopy(original(kind))
    for path, value, _ in BROKEN[kind]:
        _set(path, value)(document)
    if kind == "template":
        folder = tmp_path / "centre-template"
        shutil.copytree(PACKAGED["template"].parent, folder)
        target = folder / "centre.toml"
    else:
        target = tmp_path / PACKAGED[kind].name
    target.write_text(to_toml(document), encoding="utf-8")
    return target, {field for _, _, field in BROKEN[kind]}


@pytest.mark.parametrize("kind", sorted(BROKEN))
def test_a_broken_copy_shows_every_problem_at_once(kind: str, tmp_path: Path):
    target, fields = broken_copy(kind, tmp_path)
    spec, problems = check_file(target)
    assert spec is kind_named(kind)
    named = {p.where for p in problems}
    assert fields <= named, (fields - named, problems)
    for problem in problems:
        assert problem.message and problem.message[0] != " "
    with pytest.raises(CasekitError) as err:
        read_data(kind, target)
    assert str(target) in err.value.message
    assert err.value.field == problems[0].where
    assert err.value.rule == spec.rule
    for field in fields:
        assert f"  - {field}: " in err.value.message


def test_the_kind_comes_from_the_name_then_the_content(tmp_path: Path):
    other = tmp_path / "our-rules.toml"
    other.write_text(PACKAGED["criteria"].read_text("utf-8"), encoding="utf-8")
    data = tomllib.loads(other.read_text("utf-8"))
    assert kind_of(other, data) is kind_named("criteria")
    assert check_file(other) == (kind_named("criteria"), [])
    odd = tmp_path / "odd.toml"
    odd.write_text('colour = "blue"\n', encoding="utf-8")
    spec, problems = check_file(odd)
    assert spec is None and "--kind" in problems[0].message
    spec, problems = check_file(odd, "coaching")
    assert spec is kind_named("coaching") and {"mistakes", "status", "colour"} <= {
        p.where for p in problems
    }


def test_unreadable_files_are_one_problem_each(tmp_path: Path):
    missing = check_file(tmp_path / "criteria.toml")[1]
    assert len(missing) == 1 and "no such file" in missing[0].message
    bad = tmp_path / "criteria.toml"
    bad.write_text("[catalogue\n", encoding="utf-8")
    assert "not valid TOML" in check_file(bad)[1][0].message
    bad.write_bytes(b"\xff\xfe")
    assert "not UTF-8" in check_file(bad)[1][0].message
    with pytest.raises(CasekitError) as err:
        read_data("criteria", bad)
    assert err.value.field == "file"
    with pytest.raises(CasekitError) as err:
        kind_named("nonsense")
    assert err.value.field == "kind" and "criteria" in (err.value.advice or "")


def test_read_toml_names_missing_unreadable_and_broken_files(tmp_path: Path):
    file = tmp_path / "ours.toml"
    for content, field, words in [
        (None, "path", "There is no criteria catalogue"),
        (b"\xff\xfe not text", "file", "cannot be read"),
        (b"[catalogue\nname = ", "file", "not valid TOML"),
    ]:
        if content is not None:
            file.write_bytes(content)
        with pytest.raises(CasekitError) as err:
            read_toml(file, "criteria catalogue", rule="criteria-format", source="casekit")
        assert err.value.field == field and words in err.value.message
        assert str(file) in err.value.message and err.value.rule == "criteria-format"


def test_a_context_decides_what_may_be_referred_to():
    bank = original("knowledge")
    assert validate("knowledge", bank, context=Context(criteria={"AC5"})) == []
    found = validate("knowledge", bank, context=Context(criteria={"X1"}))
    assert found and all(p.where.endswith(".criterion") for p in found)
    catalogue = original("criteria")
    kinds = Context(event_kinds={"enquiry_received"})
    assert any(
        p.where == "evidence.escalated" for p in validate("criteria", catalogue, context=kinds)
    )


# -- nothing but a CasekitError, whatever a file holds ------------------------------------
toml_scalars = (
    st.text(max_size=8)
    | st.integers(-5, 10**6)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.booleans()
)
toml_values = st.recursive(
    toml_scalars,
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3)
    ),
    max_leaves=12,
)


def _leaves(value: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [prefix] if prefix else []
    if isinstance(value, dict):
        for key, item in value.items():
            found += _leaves(item, (*prefix, key))
    elif isinstance(value, list):
        for n, item in enumerate(value[:3]):
            found += _leaves(item, (*prefix, n))
    return found


LEAVES = {kind: _leaves(original(kind)) for kind in PACKAGED}


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(kind=st.sampled_from(sorted(PACKAGED)), data=st.data())
def test_any_changed_value_gives_problems_never_a_crash(kind: str, data: st.DataObject):
    document = copy.deepcopy(original(kind))
    for _ in range(data.draw(st.integers(1, 3))):
        path = data.draw(st.sampled_from(LEAVES[kind]))
        target = document
        try:
            for key in path[:-1]:
                target = target[key]
            target[path[-1]] = data.draw(toml_values)
        except (KeyError, IndexError, TypeError):
            continue
    problems = validate(kind, document)
    for problem in problems:
        assert isinstance(problem.where, str) and problem.message


@settings(max_examples=200, deadline=None)
@given(
    kind=st.sampled_from(sorted(PACKAGED)),
    document=st.dictionaries(st.text(max_size=8), toml_values, max_size=5),
)
def test_arbitrary_documents_give_problems_never_a_crash(kind: str, document: dict[str, Any]):
    problems = validate(kind, document)
    if not document:
        assert problems  # an empty document is never a sound data file
    json.dumps([str(p) for p in problems])


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    kind=st.sampled_from(sorted(PACKAGED)),
    document=st.dictionaries(st.text(max_size=8), toml_values, max_size=5),
)
def test_reading_any_file_raises_only_casekit_error(
    tmp_path: Path, kind: str, document: dict[str, Any]
):
    target = tmp_path / "any.toml"
    target.write_text(to_toml(document), encoding="utf-8")
    try:
        read_data(kind, target)
    except CasekitError as err:
        assert err.message
    spec, problems = check_file(target, kind)
    assert spec is kind_named(kind) and all(isinstance(p.message, str) for p in problems)


def test_a_profile_is_checked_over_what_it_extends(tmp_path: Path):
    ours = tmp_path / "ours.toml"
    ours.write_text(
        '[profile]\nextends = "default"\nid = "ours"\nname = "Ours"\ndescription = "Ours."\n'
        "[service_levels.member_enquiry]\nrespond_wd = 0\n",
        encoding="utf-8",
    )
    spec, problems = check_file(ours)
    assert spec is kind_named("profile")
    assert [p.where for p in problems] == ["service_levels.member_enquiry.respond_wd"]
    ours.write_text('[profile]\nextends = "nowhere.toml"\n', encoding="utf-8")
    assert [p.where for p in check_file(ours)[1]] == ["profile.extends"]
