"""A tiny timing helper the benchmarks share: best-of-N wall time and a printed ratio."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any


def best_of(fn: Callable[[], Any], repeat: int = 3) -> tuple[float, Any]:
    """The fastest of ``repeat`` runs of ``fn`` (seconds) and the last run's result.

    The best run is the least disturbed by the rest of the machine, so it is the figure
    that is comparable between two implementations measured the same way.
    """
    best = float("inf")
    result: Any = None
    for _ in range(max(1, repeat)):
        start = time.perf_counter()
        result = fn()
        best = min(best, time.perf_counter() - start)
    return best, result


def report(name: str, seconds: float) -> float:
    """Print ``name: X s`` and return the seconds."""
    print(f"{name}: {seconds:.3f} s")
    return seconds


def ratio(name: str, ours: float, baseline: float) -> float:
    """Print ``name ratio: Y`` (ours / baseline) and return it."""
    value = ours / baseline if baseline > 0 else float("inf")
    print(f"{name} ratio: {value:.2f}")
    return value


def rate(name: str, count: int, seconds: float) -> float:
    """Print ``name: N per second`` and return it."""
    value = count / seconds if seconds > 0 else float("inf")
    print(f"{name}: {value:,.0f} per second ({count:,} in {seconds:.3f} s)")
    return value
