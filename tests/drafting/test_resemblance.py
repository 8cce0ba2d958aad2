"""The resemblance models, a second opinion for wording the concept rules miss: measured on
letters they were not learnt from, both ways on sentences written for these tests, never
more than a warning for the tutor, and their files checked like every other data file."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from casekit.drafting import check_draft
from casekit.drafting.checks.resemblance import (
    MODELS_DIR,
    Model,
    features,
    load_model,
    model_from,
    model_toml,
    resembling,
)
from casekit.drafting.judgements import TUTOR
from casekit.drafting.learn import Example, learn
from casekit.drafting.lemmas import lemma
from casekit.drafting.text import analyse
from casekit.errors import CasekitError
from casekit.rules.datafiles import read_data
from casekit.rules.profile import load_profile
from tests.corpus import train
from tests.corpus.loader import SETS, load
from tests.drafting.profiles import concept_rules_only

PROFILE = load_profile("default")

# Written for these tests (not in the corpus): partisan wording the concept rules do not all
# hold, and factual sentences that look political.
PARTISAN = [
    "It is amazing what can be achieved when the council is finally run by people who live "
    "in the real world.",
    "Those who ran the council for twenty years let the youth centre fall apart.",
    "Funny how the money for the ring road appeared the moment the new lot moved into the "
    "leader's office.",
    "Since the change at the top, the planning department finally answers its phone.",
]
NEUTRAL = [
    "The Labour group's motion on bus services will be debated at full council on 14 March.",
    "Poll cards for the county council election will be delivered from next week.",
    "The cabinet agreed the new allocations policy in June, and it applies to all "
    "applications from 1 September.",
    "The contractor's quote includes labour costs of £340 for the repair.",
    "An independent structural engineer will inspect the wall before any decision is made.",
    "I cannot say how I will vote on the application, because I sit on the planning "
    "committee and must keep an open mind.",
    "The repair was done on Tuesday, and the housing officer will visit next week to check "
    "it has worked.",
    "The petition has 312 signatures and will be presented to the council meeting on 4 "
    "April, as the petition scheme allows.",
]


def neutrality(text: str, profile: object = PROFILE) -> list[tuple[str, str, str]]:
    return [
        (f.check, f.severity, f.message)
        for f in check_draft(text, profile=profile)  # type: ignore[arg-type]
        if f.kind == "neutrality" and f.above_advice
    ]


@pytest.mark.parametrize("text", PARTISAN)
def test_partisan_wording_is_caught(text: str) -> None:
    assert neutrality(text)


def test_the_model_alone_catches_what_the_rules_miss() -> None:
    """The concept rules say nothing of this one; the model's warning names its words."""
    for text in PARTISAN[1:2]:
        assert neutrality(text, concept_rules_only(PROFILE)) == []
        [(check, severity, message)] = neutrality(text)
        assert (check, severity) == ("political_resemblance", "warning")
        assert TUTOR in message and "reads like letters that take a political side" in message


@pytest.mark.xfail(strict=True, reason="a campaign favour in everyday words: still missed")
def test_a_window_poster_offered_by_my_team_is_caught() -> None:
    assert neutrality("If you would like a poster for your front window, just let my team know.")


@pytest.mark.parametrize("text", NEUTRAL)
def test_factual_wording_is_not_flagged(text: str) -> None:
    assert neutrality(text) == []


def test_the_reader_s_own_circumstances_are_not_a_leak_by_resemblance() -> None:
    """The leak model cannot tell whose data a sentence gives, so it is asked only about
    sentences that speak of someone other than the reader."""
    text = (
        "Dear Ms Shah,\n\nYou told me you did not want the police involved while you are "
        "recovering from your operation, and I have respected that.\n\nYours sincerely,\n"
        "Cllr Pat Lowe"
    )
    recipient = {"name": "Ms Shah", "role": "constituent"}
    found = check_draft(
        text, profile=PROFILE, recipient=recipient, case={"constituent": {"name": "Ms Shah"}}
    )
    assert [f for f in found if f.check == "personal_resemblance"] == []


def test_turned_off_in_the_profile_it_says_nothing() -> None:
    for text in PARTISAN[:2]:
        off = [m for c, _s, m in neutrality(text, concept_rules_only(PROFILE))]
        assert not any("reads like" in m for m in off)


# -- measured on letters the models were not learnt from -----------------------------------
@pytest.fixture(scope="module")
def sets() -> dict[str, list]:
    return {s: load(s) for s in SETS}


@pytest.mark.parametrize("name", sorted(train.MODELS))
def test_the_packaged_model_is_what_the_letters_teach(name: str, sets: dict) -> None:
    """Learnt again from the same letters, the model is the packaged file byte for byte
    (so it is not stale, and learning is deterministic); its threshold is the one
    cross-validation chooses, and reaches the stated precision on letters it did not see."""
    model, about = train.build(name)
    packaged = (MODELS_DIR / f"{name}.toml").read_text(encoding="utf-8")
    assert model_toml(model, about) == packaged, "run `make models` and commit the files"
    label, table, target = train.MODELS[name]
    pooled = train.cross_validate(sets, name, label, table)
    threshold, precision, _recall = train.choose(pooled, target)
    assert threshold == load_model(name).threshold
    assert precision >= target


def test_the_models_know_the_letters_they_were_learnt_from() -> None:
    for name in train.MODELS:
        assert load_model(name).letters == train.letters_digest()


# -- the model files ------------------------------------------------------------------------
@pytest.mark.parametrize("name", sorted(train.MODELS))
def test_the_packaged_files_pass_their_schema(name: str) -> None:
    data = read_data("resemblance", MODELS_DIR / f"{name}.toml")
    assert model_from(data, name).weights


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ('threshold = "high"', "threshold"),
        ('label = "rude"', "label"),
        ('letters = "md5:00"', "letters"),
    ],
)
def test_a_damaged_model_file_is_refused_naming_the_field(
    change: str, field: str, tmp_path: Path
) -> None:
    text = (MODELS_DIR / "partisan.toml").read_text(encoding="utf-8")
    key = change.split(" = ")[0]
    lines = [change if line.startswith(f"{key} = ") else line for line in text.splitlines()]
    bad = tmp_path / "partisan.toml"
    bad.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(CasekitError) as caught:
        read_data("resemblance", bad)
    assert field in str(caught.value)


def test_a_weight_that_is_not_a_number_is_refused(tmp_path: Path) -> None:
    bad = tmp_path / "partisan.toml"
    bad.write_text(
        'label = "partisan"\nletters = "sha256:' + "0" * 64 + '"\nthreshold = 1.0\n'
        'prior = -2.0\ncommon = []\n\n[weights]\n"vote" = "lots"\n',
        encoding="utf-8",
    )
    with pytest.raises(CasekitError) as caught:
        read_data("resemblance", bad)
    assert "weights.vote" in str(caught.value)


# -- scoring and learning ------------------------------------------------------------------
VOTE, BIN, HAVE = lemma("vote"), lemma("bin"), lemma("have")  # features are lemmas
TOY = Model("toy", "partisan", "", 1.0, -2.0, {VOTE: 2.0, "for me": 2.5, BIN: -1.0})


def test_a_sentence_scores_its_prior_plus_the_weights_present() -> None:
    [found] = resembling("Please vote for me on Thursday.", TOY)
    assert found.score == pytest.approx(-2.0 + 2.0 + 2.5)
    assert found.cues == ("for me", "vote")  # heaviest first, as written
    assert resembling("Your bin will be emptied on Thursday.", TOY) == []


def test_the_threshold_is_exceeded_not_met() -> None:
    at = dataclasses.replace(TOY, threshold=0.0, weights={VOTE: 2.0})
    assert resembling("Vote.", at) == []
    assert resembling("Vote.", dataclasses.replace(at, threshold=-0.01))


def test_common_words_count_only_beside_another_word() -> None:
    tokens = analyse("I have this.")[1][0].tokens
    assert set(features(tokens, frozenset({"i", HAVE, "this"}))) == set()
    assert set(features(tokens)) == {"i", HAVE, "this", f"i {HAVE}", f"{HAVE} this"}
    assert set(features(tokens, frozenset({"i", HAVE}))) == {"this", f"{HAVE} this"}


def test_learning_weighs_the_marked_sentences_words_up() -> None:
    streets = ["Mill Lane", "Oak Road", "Hill Street", "Park View", "Elm Close", "Church Walk"]
    clean = " ".join(f"The repair on {street} is booked." for street in streets)
    examples = [
        Example("Vote for me in May. The hedge is cut.", True, ((0, 19),)),
        Example("Vote for me again. The hedge is cut again.", True, ((0, 18),)),
        Example(f"{clean} Bins are late.", False, ()),
        Example(f"{clean} Grit bins are full.", False, ()),
        Example(f"{clean} The hedge is cut.", False, ()),
    ]
    model = learn(examples, name="toy", label="partisan")
    assert model.weights[VOTE] > 0 > model.weights[BIN]
    assert learn(examples, name="toy", label="partisan") == model


def test_learning_needs_both_kinds_of_letter() -> None:
    with pytest.raises(ValueError):
        learn([Example("The bins are late.", False, ())], name="toy", label="partisan")


@settings(max_examples=60, deadline=None)
@given(st.text(max_size=300))
def test_any_text_is_scored_and_every_cue_is_in_its_sentence(text: str) -> None:
    model = load_model("partisan")
    for found in resembling(text, dataclasses.replace(model, threshold=-1e9)):
        sentence = text[found.start : found.end]
        assert all(cue in sentence for cue in found.cues)
