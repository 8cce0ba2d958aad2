"""The scenario data files (phrase banks, council parts, categories, traps), read once.

Wording and numbers live in ``casekit/data/scenarios/*.toml`` so a centre can edit them
without touching code.
"""

from __future__ import annotations

import tomllib
from functools import cache
from typing import Any

from casekit.rules.datafiles import DATA_DIR

DATA_DIR = DATA_DIR / "scenarios"


@cache
def load(name: str) -> dict[str, Any]:
    """One data file by stem (``"categories"``, ``"prose"``, ``"councils"``, ...)."""
    with (DATA_DIR / f"{name}.toml").open("rb") as handle:
        return tomllib.load(handle)


def categories() -> dict[str, dict[str, Any]]:
    """Category id -> its definition, in file order."""
    return load("categories")


def category_ids() -> list[str]:
    return list(categories())
