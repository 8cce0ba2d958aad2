"""Trap allocation: counts per case and per pack as the data says, shares and conflicts kept,
every trap used once before any is used twice."""

from __future__ import annotations

import random
from collections import Counter

from hypothesis import given, settings
from hypothesis import strategies as st

from casekit.scenarios.allocation import allocate, trap_counts, trap_limits
from casekit.scenarios.generate import _council
from casekit.scenarios.traps import registry


@settings(max_examples=300, deadline=None)
@given(
    seed=st.integers(0, 2**32),
    cases=st.integers(1, 60),
    low=st.integers(0, 3),
    extra=st.integers(0, 3),
    mean=st.floats(0, 7, allow_nan=False),
)
def test_counts_stay_in_range_and_add_up_to_the_pack_average(seed, cases, low, extra, mean):
    high = low + extra
    counts = trap_counts(random.Random(seed), cases, (low, high), mean)
    assert len(counts) == cases
    assert all(low <= n <= high for n in counts)
    assert sum(counts) == min(cases * high, max(cases * low, round(mean * cases)))


def test_a_share_limits_a_trap_to_at_least_one_case() -> None:
    traps = registry()
    limits = trap_limits(traps, {"safeguarding": 0.1, "predetermination": 0.5}, 12)
    assert limits == {"safeguarding": 1, "predetermination": 6}
    assert trap_limits(traps, {"safeguarding": 0.01}, 3) == {"safeguarding": 1}


@settings(max_examples=60, deadline=None)
@given(seed=st.integers(0, 2**32), council_seed=st.integers(0, 50), cases=st.integers(1, 30))
def test_allocation_keeps_limits_and_conflicts_and_spreads_traps(seed, council_seed, cases):
    traps = registry()
    council = _council(council_seed, "default", "ENG")
    counts = trap_counts(random.Random(seed), cases, (1, 2), 1.5)
    limits = trap_limits(traps, {"safeguarding": 0.1}, cases)
    plan = allocate(random.Random(seed), traps, council, counts, limits)
    assert [len(c) for c in plan] == counts
    used = Counter(t for case in plan for t in case)
    assert used["safeguarding"] <= limits["safeguarding"]
    for case in plan:
        assert len(set(case)) == len(case)
        for a in case:
            assert not any(b in traps[a].conflicts for b in case if b != a)
    applicable = [t for t, trap in traps.items() if trap.applies(council)]
    unlimited = [t for t in applicable if t not in limits]
    if sum(counts) >= len(applicable):
        assert set(applicable) <= set(used), set(applicable) - set(used)
    if used:
        assert max(used[t] for t in unlimited) - min(used[t] for t in unlimited) <= 1
