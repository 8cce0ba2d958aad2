"""Trap judgements from the text a learner actually sent: sound, breach, or unsure (for the
tutor to review), on corpus letters and on short hand-written replies."""

from __future__ import annotations

from typing import Any

import pytest

from casekit import api
from casekit.drafting.judgements import (
    BREACH,
    SOUND,
    UNSURE,
    judge_oversharing,
    judge_party_political,
    judge_predetermination,
)
from casekit.errors import CasekitError
from casekit.rules.profile import load_profile
from tests.corpus.loader import check_kwargs, load

PROFILE = load_profile("default")
CORPUS = {letter.id: letter for letter in load("tuning")}
ON_COMMITTEE = {"name": "Cllr Fiona Armitage", "committees": ["planning"]}
NOT_ON_COMMITTEE = {"name": "Cllr Simon Tate", "committees": ["licensing"]}
PLANNING = {"category": "planning", "constituent": "Ms Helen Thwaite"}


def corpus(letter_id: str) -> tuple[str, dict[str, Any]]:
    letter = CORPUS[letter_id]
    return letter.text, {"profile": PROFILE, **check_kwargs(letter)}


# -- predetermination ---------------------------------------------------------------------
SOUND_PLANNING = [
    "As I sit on the Planning Committee, I cannot promise to vote either way on this "
    "application. I must keep an open mind until I have heard all the evidence.",
    "As a member of the planning committee I must keep an open mind until the committee hears "
    "the application, so I cannot say how I will vote. You can comment online.",
]
PREDETERMINED = [
    "You have my word. I will make sure the application is refused.",
    "I will vote against this application when it comes to committee.",
    "I oppose this development and I promise I will vote to refuse it.",
    "My mind is made up: it will never be approved.",
]


@pytest.mark.parametrize("text", SOUND_PLANNING)
def test_an_open_mind_is_sound(text: str) -> None:
    verdict = judge_predetermination(text, profile=PROFILE, member=ON_COMMITTEE, case=PLANNING)
    assert verdict.verdict == SOUND
    assert verdict.words  # the good-practice words it shows


@pytest.mark.parametrize("text", PREDETERMINED)
def test_a_commitment_by_a_committee_member_is_a_breach(text: str) -> None:
    verdict = judge_predetermination(text, profile=PROFILE, member=ON_COMMITTEE, case=PLANNING)
    assert verdict.verdict == BREACH
    assert verdict.words and all(w in text for w in verdict.words)


def test_a_commitment_is_unsure_when_committee_membership_is_unknown() -> None:
    verdict = judge_predetermination(PREDETERMINED[0], profile=PROFILE, case=PLANNING)
    assert verdict.verdict == UNSURE and "for your tutor to review" in verdict.reason
    assert "I will make sure the application is refused" in verdict.words


def test_a_member_not_on_the_committee_may_lobby() -> None:
    text = "I will be speaking at the planning committee to ask it to refuse the application."
    verdict = judge_predetermination(
        PREDETERMINED[1], profile=PROFILE, member=NOT_ON_COMMITTEE, case=PLANNING
    )
    assert verdict.verdict == SOUND
    assert judge_predetermination(text, profile=PROFILE, case=PLANNING).verdict == SOUND


def test_silence_on_the_question_is_for_the_tutor() -> None:
    verdict = judge_predetermination(
        "Thank you for your letter about the application.",
        profile=PROFILE,
        member=ON_COMMITTEE,
        case=PLANNING,
    )
    assert verdict.verdict == UNSURE


def test_the_corpus_open_mind_letter_is_sound() -> None:
    text, context = corpus("T006")
    context["member"] = {**context["member"], "committees": ["planning"]}
    assert judge_predetermination(text, **context).verdict == SOUND


# -- party politics -----------------------------------------------------------------------
@pytest.mark.parametrize("letter_id", ["T004", "T043", "T094", "T097", "T117", "T149"])
def test_partisan_corpus_letters_are_breaches(letter_id: str) -> None:
    text, context = corpus(letter_id)
    verdict = judge_party_political(text, **context)
    assert verdict.verdict == BREACH
    assert all(w in text for w in verdict.words)


@pytest.mark.parametrize("letter_id", ["T018", "T020", "T026", "T051", "T052", "T092"])
def test_neutral_corpus_letters_are_sound(letter_id: str) -> None:
    text, context = corpus(letter_id)
    assert judge_party_political(text, **context).verdict == SOUND


def test_an_independent_engineer_is_not_party_politics() -> None:
    text = "An independent drainage engineer will inspect the culvert on 3 May."
    assert judge_party_political(text, profile=PROFILE).verdict == SOUND


def test_a_bare_mention_of_a_predecessor_is_for_the_tutor() -> None:
    verdict = judge_party_political(
        "The previous administration agreed this scheme in 2022.", profile=PROFILE
    )
    assert verdict.verdict == UNSURE and verdict.words == ("previous administration",)


# -- oversharing --------------------------------------------------------------------------
@pytest.mark.parametrize("letter_id", ["T011", "T021", "T042", "T099", "T126", "T137"])
def test_leaking_corpus_letters_are_breaches(letter_id: str) -> None:
    text, context = corpus(letter_id)
    assert judge_oversharing(text, **context).verdict == BREACH


@pytest.mark.parametrize("letter_id", ["T009", "T013", "T028", "T047", "T098", "T128"])
def test_clean_corpus_letters_are_sound(letter_id: str) -> None:
    text, context = corpus(letter_id)
    assert judge_oversharing(text, **context).verdict == SOUND


def test_nothing_copied_is_sound_and_a_copy_is_a_breach() -> None:
    member = {"name": "Cllr Raj Mistry"}
    quiet = "Nothing about you has been copied to him, and your details stay with me."
    assert judge_oversharing(quiet, profile=PROFILE, member=member).verdict == SOUND
    copied = "Thank you for your letter.\n\ncc: Cllr Tom Reid"
    verdict = judge_oversharing(copied, profile=PROFILE, member=member)
    assert verdict.verdict == BREACH and verdict.words == ("cc: Cllr Tom Reid",)


def test_a_number_nobody_owns_is_for_the_tutor() -> None:
    verdict = judge_oversharing("For updates, text 07700 900123.", profile=PROFILE)
    assert verdict.verdict == UNSURE and verdict.words == ("07700 900123",)


def test_the_facade_judges_by_concern_and_refuses_unknown_ones() -> None:
    verdict = api.judge_sent_text("party_political", "Vote for me.", profile=PROFILE)
    assert verdict.verdict == BREACH and verdict.as_dict()["concern"] == "party_political"
    with pytest.raises(CasekitError) as err:
        api.judge_sent_text("astrology", "text")
    assert err.value.field == "concern"
