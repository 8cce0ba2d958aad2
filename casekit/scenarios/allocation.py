"""Which traps go in which case of a pack: as many as the difficulty says, spread evenly.

``generation.toml`` sets, per difficulty, the fewest and most traps a case holds, how many a
case holds on average over the pack, and the largest share of a pack's cases each trap may
be in (safeguarding disclosures are rare). Traps that would contradict each other
(``conflicts`` in traps.toml) never share a case.
"""

from __future__ import annotations

import random
from typing import Any

from casekit.scenarios.traps import Trap


def trap_counts(
    rng: random.Random, cases: int, per_case: tuple[int, int], mean: float
) -> list[int]:
    """How many traps each case gets: between the fewest and the most, adding up to the
    pack's average (``traps_per_pack``) so a pack's total is what its difficulty says."""
    low, high = per_case
    total = min(cases * high, max(cases * low, round(mean * cases)))
    counts = [low] * cases
    spare = [i for i in range(cases) for _ in range(high - low)]
    for i in rng.sample(spare, total - low * cases):
        counts[i] += 1
    return counts


def trap_limits(traps: dict[str, Trap], shares: dict[str, float], cases: int) -> dict[str, int]:
    """The most cases of a pack each trap may be in: its share of the pack, at least one."""
    return {t: max(1, int(shares[t] * cases)) for t in traps if t in shares}


def allocate(
    rng: random.Random,
    traps: dict[str, Trap],
    council: dict[str, Any],
    counts: list[int],
    limits: dict[str, int],
) -> list[list[str]]:
    """Trap ids for each case: the least-used applicable trap that fits goes next, so every
    trap is used once before any is used twice.

    Ties are broken by an order shuffled afresh each round, so the same traps do not always
    travel together. A trap with a limit (``trap_share`` in generation.toml) is used at
    most that many times, and traps that conflict never share a case.
    """
    ids = [t for t, trap in traps.items() if trap.applies(council)]
    used = dict.fromkeys(ids, 0)
    order = list(ids)
    rng.shuffle(order)
    rank = {t: n for n, t in enumerate(order)}
    rounds = 0
    plan: list[list[str]] = []
    for count in counts:
        chosen: list[str] = []
        for _ in range(count):
            live = [t for t in ids if t not in limits or used[t] < limits[t]]
            if live and min(used[t] for t in live) > rounds:  # each used once more: a new round
                rounds += 1
                rng.shuffle(order)
                rank = {t: n for n, t in enumerate(order)}
            for candidate in sorted(ids, key=lambda t: (used[t], rank[t])):
                spent = candidate in limits and used[candidate] >= limits[candidate]
                clash = candidate in chosen or any(
                    candidate in traps[c].conflicts or c in traps[candidate].conflicts
                    for c in chosen
                )
                if not (spent or clash):
                    chosen.append(candidate)
                    used[candidate] += 1
                    break
        plan.append(chosen)
    return plan
