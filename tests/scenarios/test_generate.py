"""Generation: determinism, traps and keys, difficulty levels, schema validity."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from casekit.errors import CasekitError
from casekit.scenarios.generate import generate, render
from casekit.scenarios.pack import validate_key, validate_pack
from casekit.scenarios.traps import registry

CASEKIT = [sys.executable, "-m", "casekit"]
PLACEHOLDER = re.compile(r"\{[a-z_]+\}")


def test_same_seed_same_bytes_in_process():
    first = render(*generate(7, 6, "standard", learner="amy"))
    second = render(*generate(7, 6, "standard", learner="amy"))
    assert first == second


@pytest.mark.slow
def test_same_seed_same_bytes_across_processes(tmp_path: Path):
    outputs = []
    for run, hash_seed in (("a", "1"), ("b", "4242")):
        pack, key = tmp_path / f"{run}.json", tmp_path / f"{run}.key.json"
        subprocess.run(
            [
                *CASEKIT,
                "scenario",
                "generate",
                "--seed",
                "31",
                "--cases",
                "5",
                "--difficulty",
                "challenge",
                "--out",
                str(pack),
                "--answer-key",
                str(key),
            ],
            check=True,
            capture_output=True,
            env={**os.environ, "PYTHONHASHSEED": hash_seed},
        )
        outputs.append((pack.read_bytes(), key.read_bytes()))
    assert outputs[0] == outputs[1]
    assert outputs[0][0].endswith(b"}\n")


def test_learners_get_different_cases_but_share_the_council():
    amy, _ = generate(11, 4, "intro", learner="amy")
    ben, _ = generate(11, 4, "intro", learner="ben")
    assert amy["council"] == ben["council"]
    assert [c["enquiry"] for c in amy["cases"]] != [c["enquiry"] for c in ben["cases"]]


def test_a_case_does_not_depend_on_how_many_cases_follow():
    short, _ = generate(12, 3, "standard")
    long, _ = generate(12, 9, "standard")
    # Allocation of traps is per pack, but people are drawn from each case's own seed.
    assert [c["constituent"]["name"] for c in short["cases"]] == [
        c["constituent"]["name"] for c in long["cases"][:3]
    ]


@pytest.mark.parametrize("difficulty", ["intro", "standard", "challenge"])
def test_difficulty_sets_traps_per_case_and_per_pack(difficulty: str):
    from casekit.scenarios import bank

    spec = bank.load("generation")["difficulty"][difficulty]
    low, high = spec["traps_per_case"]
    _, key = generate(5, 10, difficulty)
    counts = [len(case["traps"]) for case in key["cases"]]
    assert all(low <= n <= high for n in counts)
    assert sum(counts) == round(spec["traps_per_pack"] * 10)


def test_a_standard_pack_is_a_caseload_not_a_puzzle():
    """Issue 12: 31 traps in 12 cases, and 4 of 12 with a safeguarding disclosure, read as
    nothing a democratic services officer has seen."""
    _, key = generate(41, 12, "standard")
    traps = [t["trap"] for case in key["cases"] for t in case["traps"]]
    assert len(traps) == 18
    assert traps.count("safeguarding") == 1


@pytest.mark.parametrize("seed", [1, 2, 3, 4, 5, 6])
def test_every_applicable_trap_is_planted_and_keyed(seed: int):
    pack, key = generate(seed, 10, "standard")
    applicable = {t for t, trap in registry().items() if trap.applies(pack["council"])}
    planted = {t["trap"] for case in key["cases"] for t in case["traps"]}
    assert planted == applicable
    assert len(applicable) >= 9  # only predetermination needs a planning authority
    for case in key["cases"]:
        for trap in case["traps"]:
            assert trap["good"] and trap["bad"] and trap["criteria"] and trap["source"]
            assert not PLACEHOLDER.search(json.dumps(trap)), trap  # every slot filled


def test_registry_has_the_ten_traps_of_section_8():
    assert sorted(registry()) == sorted(
        [
            "stale_information",
            "wrong_ward_or_tier",
            "third_party_consent",
            "duplicate",
            "oversharing",
            "complaint_as_enquiry",
            "hidden_statutory",
            "safeguarding",
            "party_political",
            "predetermination",
        ]
    )


def test_traps_change_the_case_they_are_planted_in():
    pack, key = generate(21, 12, "standard")
    cases = {c["id"]: c for c in pack["cases"]}
    for entry in key["cases"]:
        case = cases[entry["case_id"]]
        for trap in entry["traps"]:
            if trap["trap"] == "party_political":
                assert case["member_note"] and case["member_note"]["text"]
            if trap["trap"] == "hidden_statutory":
                # The request starts its own clock; the case keeps its own kind and clock.
                assert entry["statutory"] in ("foi", "eir", "sar")
                assert entry["true_kind"] in ("member_enquiry", "service_request")
            if trap["trap"] == "duplicate":
                assert any(r["type"] == "previous_case" for r in case["records"])
            if trap["trap"] == "predetermination":
                member = next(m for m in pack["council"]["members"] if m["id"] == case["member_id"])
                assert "planning" in member["committees"]
                assert entry["category"] == "planning"


def test_challenge_has_a_pre_election_period_with_political_traps_inside_it():
    pack, key = generate(303, 12, "challenge")
    period = pack["pre_election"]
    assert period and period["start"] < period["end"]
    cases = {c["id"]: c for c in pack["cases"]}
    political = [e for e in key["cases"] if any(t["trap"] == "party_political" for t in e["traps"])]
    assert political
    for entry in political:
        assert cases[entry["case_id"]]["received_at"][:10] >= period["start"]


@pytest.mark.parametrize("difficulty", ["intro", "standard", "challenge"])
@pytest.mark.parametrize("seed", [0, 99, 2026])
def test_generated_packs_and_keys_are_schema_valid(difficulty: str, seed: int):
    pack, key = generate(seed, 8, difficulty, learner="L1")
    assert validate_pack(pack) == []
    assert validate_key(key) == []


def test_five_day_profile_pack():
    pack, _ = generate(8, 3, "intro", profile="five-day")
    assert pack["protocol_profile"] == "five-day"
    assert validate_pack(pack) == []


def test_learner_pack_holds_no_answer_key():
    pack, key = generate(42, 10, "challenge")
    text = render(pack, key)[0]
    for leak in (
        '"true_kind"',
        '"traps"',
        '"good"',
        '"bad"',
        '"looks_like"',
        "predetermination",
        "stale_information",
        "third_party_consent",
    ):
        assert leak not in text


@pytest.mark.parametrize(
    "seed,cases,difficulty,learner",
    [
        (-1, 3, "intro", None),
        (1, 0, "intro", None),
        (1, 3, "expert", None),
        ("x", 3, "intro", None),
        (1, 3, "intro", "Amy B"),
        (1, 3, "intro", "../x"),
    ],
)
def test_bad_arguments_are_refused(seed, cases, difficulty, learner):
    with pytest.raises(CasekitError):
        generate(seed, cases, difficulty, learner=learner)


def test_answer_key_names_the_pack_it_belongs_to():
    pack_text, key_text = render(*generate(3, 2, "intro"))
    import hashlib

    key = json.loads(key_text)
    assert key["pack_sha256"] == hashlib.sha256(pack_text.encode()).hexdigest()
    assert [c["inbox_item"] for c in key["cases"]] == [
        c["inbox_item"] for c in json.loads(pack_text)["cases"]
    ]


SHIPPED = [("intro", 101, 6), ("standard", 202, 10), ("challenge", 303, 12)]
REPO = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize("difficulty,seed,cases", SHIPPED)
def test_shipped_packs_equal_a_fresh_generation(difficulty: str, seed: int, cases: int):
    pack_text, key_text = render(*generate(seed, cases, difficulty))
    assert (REPO / "scenarios" / f"{difficulty}.json").read_text("utf-8") == pack_text, (
        "regenerate the shipped packs: see scenarios/README.md"
    )
    assert (REPO / "scenarios" / "keys" / f"{difficulty}.key.json").read_text("utf-8") == key_text


def test_scenario_commands_import_no_heavy_library():
    code = (
        "import sys, casekit.cli.scenario, casekit.cli.advance, casekit.cli.class_pack, "
        "casekit.scenarios, casekit.scenarios.loader, casekit.scenarios.simclock;"
        "heavy = {'faker', 'jsonschema', 'pandas', 'tqdm', 'ipywidgets', 'jinja2'};"
        "print(sorted(heavy & set(sys.modules)))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=REPO
    )
    assert out.stdout.strip() == "[]"
