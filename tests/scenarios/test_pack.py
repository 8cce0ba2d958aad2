"""Pack files: canonical writing, schema and semantic validation, hostile input."""

from __future__ import annotations

import copy
import json
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from casekit.errors import CasekitError
from casekit.scenarios.generate import generate
from casekit.scenarios.pack import (
    MAX_BYTES,
    dumps,
    parse_text,
    read_pack,
    validate_pack,
    write_json,
)

PACK, KEY = generate(55, 4, "standard")
REPO = Path(__file__).resolve().parents[2]

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(),
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=8), children, max_size=4)
    ),
    max_leaves=30,
)


@given(json_values)
def test_dumps_is_exactly_json_dumps_sorted_indented(value):
    expected = json.dumps(value, sort_keys=True, indent=2, ensure_ascii=False) + "\n"
    assert dumps(value) == expected


def test_dumps_matches_json_dumps_on_a_real_pack():
    assert dumps(PACK) == json.dumps(PACK, sort_keys=True, indent=2, ensure_ascii=False) + "\n"


@settings(suppress_health_check=[HealthCheck.too_slow], max_examples=60)
@given(json_values)
def test_validator_never_crashes_on_arbitrary_json(value):
    problems = validate_pack(value)
    assert problems, "random JSON is never a valid pack"
    for problem in problems:
        assert problem.path.startswith("$") and problem.message


MUTATIONS = [
    (lambda p: p.__setitem__("schema_version", 99), "$.schema_version"),
    (lambda p: p["cases"][0].__setitem__("member_id", 5), "$.cases[0].member_id"),
    (
        lambda p: p["cases"][1]["timeline"][0].__setitem__("due_wd", -3),
        "$.cases[1].timeline[0].due_wd",
    ),
    (
        lambda p: p["cases"][0]["constituent"].__setitem__("postcode", "NOT A POSTCODE"),
        "$.cases[0].constituent.postcode",
    ),
    (
        lambda p: p["council"]["members"][0].__setitem__("ward_id", "W99"),
        "$.council.members[0].ward_id",
    ),
    (lambda p: p["cases"][1].__setitem__("id", p["cases"][0]["id"]), "$.cases[1].id"),
    (lambda p: p["cases"][0].__setitem__("member_id", "M99"), "$.cases[0].member_id"),
    (
        lambda p: p["cases"][0]["timeline"].append(
            {
                "id": p["cases"][0]["id"] + "-T9",
                "type": "record_change",
                "due_wd": 3,
                "time": "10:00",
                "record_id": p["cases"][0]["id"] + "-R99",
                "field": "status",
                "old": "a",
                "new": "b",
            }
        ),
        "$.cases[0].timeline[",
    ),
    (lambda p: p["cases"][0].__setitem__("true_kind", "complaint"), "$.cases"),
]


@pytest.mark.parametrize("mutate,where", MUTATIONS)
def test_broken_packs_are_reported_with_their_json_path(mutate, where):
    pack = copy.deepcopy(PACK)
    mutate(pack)
    problems = validate_pack(pack)
    assert problems
    assert any(p.path.startswith(where) for p in problems), problems


@settings(max_examples=40, deadline=None)
@given(st.data())
def test_any_single_field_replaced_with_a_wrong_type_is_caught(data):
    pack = copy.deepcopy(PACK)
    case = data.draw(st.sampled_from(pack["cases"]))
    field = data.draw(st.sampled_from(sorted(case)))
    case[field] = data.draw(st.sampled_from([None, 3.5, [], {"x": 1}, True]))
    if (field, case[field]) in (("member_note", None), ("records", [])):
        return  # no member's note, or no records, is a valid case
    assert validate_pack(pack)


def test_hostile_files_are_refused_clearly(tmp_path: Path):
    big = tmp_path / "big.json"
    with big.open("wb") as handle:
        handle.truncate(MAX_BYTES + 1)
    with pytest.raises(CasekitError, match="limit"):
        read_pack(big)
    notjson = tmp_path / "x.json"
    notjson.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    with pytest.raises(CasekitError, match="not valid JSON"):
        read_pack(notjson)
    with pytest.raises(CasekitError, match="nested"):
        parse_text("[" * 100_000 + "]" * 100_000)
    with pytest.raises(CasekitError, match="nested"):
        parse_text("[" * 40 + "]" * 40)
    wrong = tmp_path / "list.json"
    wrong.write_text("[1, 2, 3]")
    with pytest.raises(CasekitError, match=r"\$"):
        read_pack(wrong)
    with pytest.raises(CasekitError, match="no pack file"):
        read_pack(tmp_path / "missing.json")


def test_a_valid_pack_round_trips(tmp_path: Path):
    path = write_json(tmp_path / "p.json", PACK)
    assert read_pack(path) == PACK
    assert path.read_text("utf-8") == dumps(PACK)


def _cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "casekit", *args], capture_output=True, text=True, cwd=REPO
    )


@pytest.mark.slow
def test_validate_command_exit_codes(tmp_path: Path):
    good = write_json(tmp_path / "good.json", PACK)
    assert _cli("scenario", "validate", str(good)).returncode == 0
    broken = copy.deepcopy(PACK)
    broken["cases"][0]["member_id"] = "M99"
    broken["cases"][1]["channel"] = "pigeon"
    bad = write_json(tmp_path / "bad.json", broken)
    result = _cli("scenario", "validate", str(bad))
    assert result.returncode == 1
    assert "$.cases[0].member_id" in result.stderr and "$.cases[1].channel" in result.stderr
    key = write_json(tmp_path / "key.json", KEY)
    result = _cli("scenario", "validate", str(key))
    assert result.returncode == 1 and "answer key" in result.stderr
    garbage = tmp_path / "g.json"
    garbage.write_text("{not json")
    result = _cli("scenario", "validate", str(garbage))
    assert result.returncode == 1 and "not valid JSON" in result.stderr


def test_shipped_schemas_are_the_ones_casekit_uses():
    for name in ("pack", "answer-key"):
        shipped = (REPO / "scenarios" / "schema" / f"{name}.schema.json").read_text("utf-8")
        packaged = REPO / "casekit" / "data" / "scenarios" / "schema" / f"{name}.schema.json"
        assert shipped == packaged.read_text("utf-8")
        assert json.loads(shipped)["$schema"].endswith("2020-12/schema")


# -- the fast seeded generators give exactly the standard library's values ---------------
from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402


@settings(max_examples=80, deadline=None)
@given(
    seed=st.integers(min_value=0, max_value=2**128),
    items=st.lists(st.integers(), min_size=1, max_size=40),
    low=st.integers(min_value=-1000, max_value=1000),
    span=st.integers(min_value=0, max_value=10_000),
)
def test_seeded_random_matches_the_standard_generator(seed, items, low, span):
    import random

    from casekit.scenarios.seeds import seeded_random

    fast, standard = seeded_random(seed), random.Random(seed)
    assert fast.getstate() == standard.getstate()
    for _ in range(5):
        assert fast.choice(items) == standard.choice(items)
        assert fast.randint(low, low + span) == standard.randint(low, low + span)
        assert fast.randrange(low, low + span + 1) == standard.randrange(low, low + span + 1)
        assert fast.randrange(span + 1) == standard.randrange(span + 1)
        assert fast.random() == standard.random()


@settings(max_examples=60, deadline=None)
@given(
    seed=st.integers(min_value=0, max_value=10**9),
    learner=st.none() | st.text(max_size=12),
    index=st.integers(min_value=0, max_value=500),
    purpose=st.text(min_size=1, max_size=20),
)
def test_record_seeds_are_the_derived_seeds(seed, learner, index, purpose):
    from casekit.scenarios.seeds import RecordSeeds, derive_seed

    assert RecordSeeds(seed, learner, index).seed(purpose) == derive_seed(
        seed, learner, index, purpose
    )


# -- issue 13: packs that validated and then broke the workspace are refused at the door ----
def _pack_text() -> str:
    return json.dumps(PACK, indent=2, ensure_ascii=False)


def _refusal(tmp_path: Path, data: bytes) -> str:
    path = tmp_path / "pack.json"
    path.write_bytes(data)
    with pytest.raises(CasekitError) as err:
        read_pack(path)
    return err.value.message


def test_a_bom_prefixed_pack_is_refused(tmp_path: Path):
    message = _refusal(tmp_path, b"\xef\xbb\xbf" + _pack_text().encode("utf-8"))
    assert "byte order mark" in message


def test_an_impossible_date_is_refused_with_its_path(tmp_path: Path):
    pack = copy.deepcopy(PACK)
    pack["cases"][1]["received_at"] = "2026-02-30T10:00"
    pack["cases"][0]["records"].append(dict(pack["cases"][0]["records"][0], as_of="2025-13-01"))
    problems = {str(p) for p in validate_pack(pack)}
    assert (
        "$.cases[1].received_at: '2026-02-30T10:00' is not a real date: "
        "February 2026 has 28 days, so there is no day 30" in problems
    )
    last = len(pack["cases"][0]["records"]) - 1
    assert any(p.startswith(f"$.cases[0].records[{last}].as_of") for p in problems)
    assert "$.cases[1].received_at" in _refusal(tmp_path, json.dumps(pack).encode())


def test_duplicate_keys_are_refused_with_their_path(tmp_path: Path):
    text = _pack_text().replace('"channel": ', '"channel": "email", "channel": ', 1)
    assert "appears more than once" in _refusal(tmp_path, text.encode("utf-8"))
    assert "$.cases[0]" in _refusal(tmp_path, text.encode("utf-8"))


def test_a_lone_surrogate_escape_is_refused_with_its_path(tmp_path: Path):
    text = json.dumps(PACK).replace('"enquiry": "', '"enquiry": "\\ud800', 1)
    message = _refusal(tmp_path, text.encode("utf-8"))
    assert "$.cases[0].enquiry" in message and "surrogate" in message


@pytest.mark.slow
def test_validate_command_refuses_each_gap_and_new_writes_nothing(tmp_path: Path):
    good = _pack_text()
    broken = {
        "bom.json": b"\xef\xbb\xbf" + good.encode("utf-8"),
        "dup.json": good.replace('"channel": ', '"channel": "email", "channel": ', 1).encode(),
        "surrogate.json": json.dumps(PACK)
        .replace('"enquiry": "', '"enquiry": "\\ud800', 1)
        .encode(),
        "date.json": good.replace(PACK["cases"][0]["received_at"], "2026-02-30T10:00").encode(),
    }
    for name, data in broken.items():
        path = tmp_path / name
        path.write_bytes(data)
        result = _cli("scenario", "validate", str(path))
        assert result.returncode == 1, name
        assert "Traceback" not in result.stderr
        result = _cli("new", str(tmp_path / f"ws-{name}"), "--pack", str(path))
        assert result.returncode == 2 and "Traceback" not in result.stderr, result.stderr
        assert not (tmp_path / f"ws-{name}").exists()
