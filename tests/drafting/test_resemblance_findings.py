"""The resemblance models' second opinion, quickly: which words a warning names, the span it
points at, and the model files written and read back exactly (the slow check that the
packaged models are what the letters teach is in test_resemblance.py)."""

from __future__ import annotations

import dataclasses
import tomllib

import pytest

from casekit.drafting import check_draft
from casekit.drafting.checks.resemblance import (
    MODELS_DIR,
    Model,
    load_model,
    model_from,
    model_toml,
    resembling,
)
from casekit.drafting.lemmas import lemma
from casekit.rules.profile import load_profile

PROFILE = load_profile("default")
VOTE, POSTER, LEAFLET, DOOR = (lemma(w) for w in ("vote", "poster", "leaflet", "door"))


def _toy(weights: dict[str, float]) -> Model:
    return Model("toy", "partisan", "", 1.0, -2.0, weights)


def test_a_warning_names_the_three_heaviest_words_only() -> None:
    toy = _toy({VOTE: 2.0, POSTER: 1.5, LEAFLET: 1.2, DOOR: 1.1})
    [found] = resembling("Vote, put up a poster, take a leaflet, knock on a door.", toy)
    assert found.cues == ("Vote", "poster", "leaflet")


def test_a_light_but_positive_word_is_named_and_a_weightless_one_is_not() -> None:
    toy = _toy({VOTE: 3.5, POSTER: 0.4})
    [found] = resembling("Vote and display the poster.", toy)
    assert found.cues == ("Vote", "poster")


def test_a_warning_points_at_the_whole_sentence() -> None:
    text = "The bins are late. Please vote for me on Thursday. Thank you."
    [found] = resembling(text, _toy({VOTE: 4.0}))
    assert text[found.start : found.end] == "Please vote for me on Thursday."


def test_a_loaded_model_cannot_be_changed_by_one_check_for_the_next() -> None:
    """Models are loaded once and shared by every check in the session."""
    model = load_model("partisan")
    with pytest.raises(dataclasses.FrozenInstanceError):
        model.threshold = 0.0  # type: ignore[misc]
    assert load_model("partisan") is model


@pytest.mark.parametrize("name", ["partisan", "leak"])
def test_a_packaged_model_is_written_back_byte_for_byte(name: str) -> None:
    text = (MODELS_DIR / f"{name}.toml").read_text(encoding="utf-8")
    about = [line[2:] if line != "#" else "" for line in text.splitlines() if line[:1] == "#"]
    model = load_model(name)
    assert model.common and model.label == name
    assert model_toml(model, about) == text


def test_any_feature_survives_the_model_file() -> None:
    """Features are words a letter used; quotes and backslashes must not break the file."""
    toy = Model(
        "toy",
        "partisan",
        "sha256:" + "0" * 64,
        0.5,
        -1.25,
        {'say "no"': 1.5, "back\\slash": -0.75, "plain": 0.1},
        frozenset({'"', "\\"}),
    )
    data = tomllib.loads(model_toml(toy, ["a toy model", ""]))
    assert model_from(data, "toy") == toy


def test_a_political_second_opinion_is_a_warning_for_the_tutor_naming_its_words() -> None:
    text = "Those who ran the council for twenty years let the youth centre fall apart."
    [f] = [f for f in check_draft(text, profile=PROFILE) if f.kind == "neutrality"]
    assert (f.check, f.severity, f.words) == ("political_resemblance", "warning", text)
    assert f.message.startswith(f"'{text}' reads like letters that take a political side")
    assert "(words such as '" in f.message and "for your tutor to review" in f.message
