"""The compiled JSON Schema subset: plain-word problems with paths, the same verdicts as the
jsonschema package on casekit's own schemas."""

from __future__ import annotations

import copy
import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from casekit.inputs.schema import SchemaError, Validator
from casekit.scenarios.generate import generate
from casekit.scenarios.pack import schema

PACK, KEY = generate(21, 4, "challenge")


def where(problems):
    return {p.where for p in problems}


def test_shipped_schemas_compile_and_accept_generated_packs():
    assert Validator(schema("pack")).problems(PACK) == []
    assert Validator(schema("answer-key")).problems(KEY) == []


def test_problems_are_in_plain_words_with_paths():
    v = Validator(
        {
            "type": "object",
            "additionalProperties": False,
            "required": ["id", "channel", "n"],
            "properties": {
                "id": {"type": "string", "pattern": "^C\\d{3}$"},
                "channel": {"enum": ["email", "phone"]},
                "n": {"type": "integer", "minimum": 0, "maximum": 3},
                "tags": {"type": "array", "items": {"type": "string"}, "minItems": 1},
            },
        }
    )
    found = v.problems({"id": "X1", "channel": "pigeon", "tags": [], "extra": 1})
    text = {str(p) for p in found}
    assert "$.n: is missing (required)" in text
    assert "$.id: 'X1' is not in the expected form (pattern ^C\\d{3}$)" in text
    assert "$.channel: 'pigeon' is not one of: email, phone" in text
    assert "$.tags: must not be empty" in text
    assert "$.extra: is not a known field here" in text
    too_many = v.problems({"id": "C123", "channel": "email", "n": 7})
    assert len(too_many) == 1
    assert "at most 3" in v.problems({"id": "C123", "channel": "email", "n": 7})[0].message
    assert "must be a whole number, not true" in str(
        v.problems({"id": "C123", "channel": "email", "n": True})
    )


def test_one_of_explains_the_branch_the_value_means():
    pack = copy.deepcopy(PACK)
    pack["cases"][0]["timeline"][0]["due_wd"] = "soon"
    pack["cases"][1]["timeline"][0]["type"] = "carrier_pigeon"
    pack["cases"][2]["member_note"] = {"from": "M01"}
    found = Validator(schema("pack")).problems(pack)
    assert "$.cases[0].timeline[0].due_wd" in where(found)
    assert "$.cases[1].timeline[0].type" in where(found)
    assert "$.cases[2].member_note.text" in where(found)
    assert all("more than one" not in p.message for p in found)


def test_unknown_keywords_are_refused_when_compiled():
    with pytest.raises(SchemaError, match="format"):
        Validator({"type": "string", "format": "date"})
    with pytest.raises(SchemaError, match="unknown type"):
        Validator({"type": "text"})


def test_json_equality_in_enum_and_const():
    v = Validator({"enum": [1, "a", None]})
    assert v.is_valid(1.0) and v.is_valid(None) and not v.is_valid(True)
    assert not Validator({"const": False}).is_valid(0)
    assert Validator({"type": "integer"}).is_valid(2.0)
    assert not Validator({"type": "number"}).is_valid(False)


# -- the verdicts match the jsonschema package (imported by the test only) -----------------
jsonschema = pytest.importorskip("jsonschema")

scalars = st.none() | st.booleans() | st.integers(-5, 500) | st.floats(-1, 1) | st.text(max_size=6)


def _leaves(value, prefix=()):
    if isinstance(value, dict):
        for key, item in value.items():
            yield from _leaves(item, (*prefix, key))
    elif isinstance(value, list):
        for n, item in enumerate(value):
            yield from _leaves(item, (*prefix, n))
    yield prefix


@pytest.mark.parametrize("name,document", [("pack", PACK), ("answer-key", KEY)])
@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_same_verdict_as_jsonschema_on_mutated_documents(name, document, data):
    value = copy.deepcopy(document)
    paths = [p for p in _leaves(value) if p]
    for _ in range(data.draw(st.integers(1, 3))):
        path = data.draw(st.sampled_from(paths))
        target = value
        try:
            for part in path[:-1]:
                target = target[part]
            action = data.draw(st.sampled_from(["set", "delete", "add"]))
            if action == "set":
                target[path[-1]] = data.draw(scalars | st.just({}) | st.just([]))
            elif action == "delete" and isinstance(target, dict):
                del target[path[-1]]
            elif isinstance(target, dict):
                target[data.draw(st.text(max_size=4))] = data.draw(scalars)
        except (KeyError, IndexError, TypeError):
            continue
    ours = Validator(schema(name)).problems(value)
    theirs = list(jsonschema.Draft202012Validator(schema(name)).iter_errors(value))
    assert bool(ours) == bool(theirs), (ours[:3], [e.message for e in theirs[:3]])
    for problem in ours:
        assert problem.where.startswith("$") and problem.message


@settings(max_examples=150, deadline=None)
@given(
    st.recursive(
        scalars,
        lambda c: st.lists(c, max_size=3) | st.dictionaries(st.text(max_size=5), c, max_size=3),
        max_leaves=10,
    )
)
def test_arbitrary_json_gets_the_same_verdict(value):
    ours = Validator(schema("pack")).problems(value)
    theirs = list(jsonschema.Draft202012Validator(schema("pack")).iter_errors(value))
    assert bool(ours) == bool(theirs)
    json.dumps([str(p) for p in ours])  # every problem is printable
