"""Coherence over hundreds of seeds: what a democratic services officer would notice.

Every check of :mod:`tests.scenarios.coherence` runs over 200 generated packs of each
difficulty (12 cases, a different learner each), so a contradiction, an off-topic reply or
a give-away detail that only some seeds produce is still found. Generation takes about a
hundredth of a second a pack, so the sweep stays fast; it is marked ``coherence`` and kept
on one worker (``-m "not coherence"`` skips it while editing). Each check is also run on a
pack spoilt on purpose, to prove it can fail.
"""

from __future__ import annotations

import copy
import re
import statistics
from collections.abc import Callable
from functools import cache
from typing import Any

import pytest

from casekit.scenarios import bank
from casekit.scenarios.generate import generate
from tests.scenarios import coherence
from tests.scenarios.coherence import CHECKS, pack_texts, sentences

SEEDS = range(200)
DIFFICULTIES = ("intro", "standard", "challenge")
CASES = 12


@cache
def sweep(difficulty: str) -> tuple[tuple[dict[str, Any], dict[str, Any]], ...]:
    return tuple(generate(seed, CASES, difficulty, learner=f"L{seed % 30:02d}") for seed in SEEDS)


@pytest.mark.coherence
@pytest.mark.xdist_group("coherence")
@pytest.mark.parametrize("difficulty", DIFFICULTIES)
@pytest.mark.parametrize("check", CHECKS, ids=lambda c: c.__name__.removeprefix("check_"))
def test_generated_packs_read_true(check: Callable, difficulty: str) -> None:
    problems = [
        f"seed {seed}: {problem}"
        for seed, (pack, key) in zip(SEEDS, sweep(difficulty), strict=True)
        for problem in check(pack, key)
    ]
    assert problems == [], "\n".join(problems[:20])


@pytest.mark.coherence
@pytest.mark.xdist_group("coherence")
def test_two_learners_packs_do_not_read_alike() -> None:
    """Most of what one learner reads is not word for word in a classmate's pack."""

    def said(pack: dict[str, Any]) -> set[str]:
        return {s.casefold() for t in pack_texts(pack) for s in sentences(t) if len(s.split()) >= 6}

    shares = []
    for difficulty in DIFFICULTIES:
        for seed in range(20):
            amy = said(generate(seed, CASES, difficulty, learner="amy")[0])
            ben = said(generate(seed, CASES, difficulty, learner="ben")[0])
            shares.append(len(amy & ben) / len(amy))
    assert statistics.mean(shares) < 0.3 and max(shares) < 0.4, (
        statistics.mean(shares),
        max(shares),
    )


def test_every_problem_shares_words_with_its_replies() -> None:
    """A reply answers its problem: the bank's replies use the problem's own words."""
    for category, spec in bank.categories().items():
        for problem in spec["problems"]:
            terms = [t.lower() for t in problem["terms"]]
            for text in [problem["self"], problem.get("other", ""), *problem.get("replies", [])]:
                if text:
                    assert any(t in text.lower() for t in terms), (category, problem["id"], text)


def test_only_complaint_phrases_carry_complaint_words() -> None:
    """The phrase bank follows the kit's definition: a phrase shows a complaint sign exactly
    when it is tagged as one, so only complaint cases carry dissatisfaction."""
    from casekit.rules.definitions import signs_in

    prose = bank.load("prose")
    phrases = [
        p for part in ("opening", "feeling", "closing") for t in prose[part].values() for p in t
    ]
    phrases += [p for t in prose["chaser"].values() for p in t] + list(prose["generic_asks"])
    for category in bank.categories().values():
        for problem in category["problems"]:
            phrases += [problem["self"], problem.get("other", ""), *problem.get("replies", [])]
        for part in ("details", "asks"):
            for entry in category[part]["list"]:
                phrases += [entry.get(k, "") for k in ("text", "self", "other")]
    checked = 0
    for phrase in phrases:
        text = phrase if isinstance(phrase, str) else phrase["text"]
        tagged = not isinstance(phrase, str) and "complaint" in phrase.get("tags", [])
        assert bool(signs_in(text, "complaint")) == tagged, text
        checked += tagged
    assert checked >= 4
    traps = bank.load("traps")["complaint_as_enquiry"]
    for text in traps["clear"] + traps["subtle"]:
        assert signs_in(text, "complaint"), text
    for text in traps["service_request_clear"] + traps["service_request_subtle"]:
        assert signs_in(text, "service_request") and not signs_in(text, "complaint"), text


# -- each check can fail: packs spoilt the way issue 12 found them ------------------------
def _first(difficulty: str, want: Callable[[dict, dict], bool]) -> tuple[dict, dict, dict]:
    """A fresh copy of the first generated case (pack, key, entry) that ``want`` accepts."""
    for seed in range(60):
        pack, key = generate(seed, CASES, difficulty)
        for case, entry in zip(pack["cases"], key["cases"], strict=True):
            if want(case, entry):
                pack, key = copy.deepcopy(pack), copy.deepcopy(key)
                index = [c["id"] for c in pack["cases"]].index(case["id"])
                return pack, key, index
    raise AssertionError("no generated case fits")


def _traps(entry: dict) -> set[str]:
    return {t["trap"] for t in entry["traps"]}


def spoil_tier(pack, key, i):
    pack["council"]["tier"] = "unitary" if pack["council"]["tier"] != "unitary" else "county"


def spoil_phone(pack, key, i):
    pack["cases"][i]["constituent"]["phone"] = "0131 496 0321"  # Edinburgh


def spoil_channel(pack, key, i):
    case = pack["cases"][i]
    case["enquiry"] = case["enquiry"].replace("\n\n", " I do not use the internet.\n\n", 1)


def spoil_voice(pack, key, i):
    case = pack["cases"][i]
    case["enquiry"] = case["enquiry"].replace(
        "\n\n", " My son sleeps on the sofa in my council flat.\n\n", 2
    )


def spoil_kind(pack, key, i):
    case = pack["cases"][i]
    case["enquiry"] = case["enquiry"].replace("\n\n", " Frankly this is a disgrace.\n\n", 1)


def spoil_reply(pack, key, i):
    reply = next(t for t in pack["cases"][i]["timeline"] if t["type"] == "service_reply")
    reply["text"] = "The location does not meet the criteria for traffic calming on Nowhere Road."


def spoil_date(pack, key, i):
    record = pack["cases"][i]["records"][0]
    record["as_of"] = "2026-12-25"


def spoil_note(pack, key, i):
    pack["cases"][i]["member_note"] = {
        "from": "M01",
        "text": "Say this was fixed thanks to our group.",
    }


def spoil_frequency(pack, key, i):
    for entry in key["cases"]:
        entry["traps"] = entry["traps"] + [dict(entry["traps"][0], trap="safeguarding")] * 3


def spoil_repeat(pack, key, i):
    case = pack["cases"][i]
    case["enquiry"] = (
        case["enquiry"] + "\nI have had enough of being passed from pillar to post. " * 2
    )


SPOILT = [
    (coherence.check_tier, spoil_tier, lambda c, e: True),
    (coherence.check_places_and_phones, spoil_phone, lambda c, e: True),
    (coherence.check_channels, spoil_channel, lambda c, e: c["channel"] == "email"),
    (coherence.check_voice, spoil_voice, lambda c, e: "third_party_consent" in _traps(e)),
    (coherence.check_kinds, spoil_kind, lambda c, e: e["true_kind"] == "member_enquiry"),
    (
        coherence.check_replies,
        spoil_reply,
        lambda c, e: any(t["type"] == "service_reply" for t in c["timeline"]),
    ),
    (coherence.check_dates, spoil_date, lambda c, e: True),
    (coherence.check_notes, spoil_note, lambda c, e: True),
    (coherence.check_frequencies, spoil_frequency, lambda c, e: True),
    (coherence.check_repeats, spoil_repeat, lambda c, e: True),
]


@pytest.mark.parametrize(
    ("check", "spoil", "want"), SPOILT, ids=lambda x: getattr(x, "__name__", "")
)
def test_each_check_finds_what_issue_12_found(
    check: Callable, spoil: Callable, want: Callable
) -> None:
    pack, key, index = _first("standard", want)
    assert check(pack, key) == []
    spoil(pack, key, index)
    assert check(pack, key), f"{check.__name__} missed {spoil.__name__}"


def test_every_check_has_a_spoilt_pack() -> None:
    assert {c for c, _, _ in SPOILT} == set(CHECKS)
    assert all(re.match(r"check_", c.__name__) for c in CHECKS)
