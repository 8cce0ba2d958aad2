"""Cohen's and Fleiss' kappa against published worked values, and their properties."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from casekit.evidence.agreement import (
    cohen_kappa,
    counts_table,
    describe,
    fleiss_kappa,
    kappa,
    observed_agreement,
)


def test_cohen_worked_example() -> None:
    """50 grant proposals read by two readers: yes/yes 20, yes/no 5, no/yes 10, no/no 15.
    p_o = 0.7, p_e = 0.5, kappa = 0.4 (the example in Cohen's kappa's Wikipedia article)."""
    a = ["yes"] * 25 + ["no"] * 25
    b = ["yes"] * 20 + ["no"] * 5 + ["yes"] * 10 + ["no"] * 15
    assert cohen_kappa(a, b) == pytest.approx(0.4)


def test_cohen_second_worked_example() -> None:
    """The same shape with yes/yes 45, yes/no 15, no/yes 25, no/no 15: kappa = 0.1304."""
    a = ["yes"] * 60 + ["no"] * 40
    b = ["yes"] * 45 + ["no"] * 15 + ["yes"] * 25 + ["no"] * 15
    assert cohen_kappa(a, b) == pytest.approx(0.1304, abs=1e-4)


FLEISS_TABLE = [
    [0, 0, 0, 0, 14],
    [0, 2, 6, 4, 2],
    [0, 0, 3, 5, 6],
    [0, 3, 9, 2, 0],
    [2, 2, 8, 1, 1],
    [7, 7, 0, 0, 0],
    [3, 2, 6, 3, 0],
    [2, 5, 3, 2, 2],
    [6, 5, 2, 1, 0],
    [0, 2, 2, 3, 7],
]


def test_fleiss_worked_example() -> None:
    """Fleiss' worked example (14 raters, 10 subjects, 5 categories): P-bar 0.378,
    P-bar-e 0.213, kappa 0.210 (Fleiss' kappa's Wikipedia article)."""
    assert fleiss_kappa(FLEISS_TABLE) == pytest.approx(0.2099, abs=1e-3)


def test_perfect_and_undefined() -> None:
    assert cohen_kappa(["met", "not met"], ["met", "not met"]) == pytest.approx(1.0)
    assert cohen_kappa(["met", "met"], ["met", "met"]) is None  # chance agreement is certain
    assert fleiss_kappa([[3, 0], [0, 3]]) == pytest.approx(1.0)
    assert fleiss_kappa([[3, 0], [3, 0]]) is None
    assert describe(None).startswith("undefined") and describe(0.65) == "substantial"
    assert describe(-0.2).startswith("poor")


def test_uneven_raters_are_refused() -> None:
    with pytest.raises(ValueError):
        fleiss_kappa([[2, 1], [1, 1]])
    with pytest.raises(ValueError):
        cohen_kappa(["a"], ["a", "b"])


def test_kappa_picks_the_method() -> None:
    cats = ["met", "partly met", "not met"]
    two = [("met", "met"), ("not met", "met"), ("partly met", "partly met")]
    assert kappa(two, cats)[1] == "Cohen's kappa"
    three = [("met", "met", "not met"), ("not met", "not met", "not met"), ("met",) * 3]
    value, method = kappa(three, cats)
    assert method == "Fleiss' kappa" and value == pytest.approx(
        fleiss_kappa(counts_table(three, cats))
    )
    assert observed_agreement(three) == pytest.approx(2 / 3)


choices = st.sampled_from(["met", "partly met", "not met", "ready for assessment"])


@given(st.lists(st.tuples(choices, choices), min_size=1, max_size=30))
@settings(max_examples=200)
def test_cohen_is_bounded_and_symmetric(pairs: list[tuple[str, str]]) -> None:
    a, b = [p[0] for p in pairs], [p[1] for p in pairs]
    value = cohen_kappa(a, b)
    if value is not None:
        assert -1.0 - 1e-9 <= value <= 1.0 + 1e-9
        assert value == pytest.approx(cohen_kappa(b, a))
        if a == b:
            assert value == pytest.approx(1.0)


@given(
    st.integers(2, 6).flatmap(
        lambda r: st.lists(st.lists(choices, min_size=r, max_size=r), min_size=1, max_size=20)
    )
)
@settings(max_examples=200)
def test_fleiss_is_at_most_one(subjects: list[list[str]]) -> None:
    cats = ["met", "partly met", "not met", "ready for assessment"]
    value = fleiss_kappa(counts_table(subjects, cats))
    if value is not None:
        assert value <= 1.0 + 1e-9
        if all(len(set(s)) == 1 for s in subjects):
            assert value == pytest.approx(1.0)
