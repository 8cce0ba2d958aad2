"""The scenario data files (phrase banks, council parts, category banks, traps), read once.

Wording and numbers live in ``casekit/data/scenarios/*.toml`` so a centre can edit them
without touching code; each is read and checked through :mod:`casekit.rules.datafiles`
(a typo is reported with its file and field before any pack is made). The categories
themselves come from the one categories file (:mod:`casekit.rules.categories`).
"""

from __future__ import annotations

from functools import cache
from typing import Any

from casekit.rules.datafiles import DATA_DIR, read_data

DATA_DIR = DATA_DIR / "scenarios"
# Bank name -> kind of data file (the category banks were once "categories.toml").
KINDS = {
    "categories": "scenario-categories",
    "category_banks": "scenario-categories",
    "councils": "scenario-councils",
    "generation": "scenario-generation",
    "prose": "scenario-prose",
    "traps": "scenario-traps",
}


@cache
def load(name: str) -> dict[str, Any]:
    """One data file by name (``"categories"``, ``"prose"``, ``"councils"``, ...), checked."""
    return read_data(KINDS[name])


@cache
def categories() -> dict[str, dict[str, Any]]:
    """Category id -> its scenario bank, in file order, with the category's ``label``,
    ``tier`` and ``description`` from the categories file."""
    from casekit.rules.categories import all_categories

    defined = all_categories()
    return {
        cid: {
            **bank,
            "label": defined[cid].label,
            "tier": defined[cid].tier,
            "description": defined[cid].description,
        }
        for cid, bank in load("categories").items()
    }
