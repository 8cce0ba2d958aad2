"""The categories of casework, defined once (``casekit/data/categories.toml``).

The intake form's choices, the letter's "the housing repair you raised", the tier that
owns a category (and so the wrong-tier notice and which services a synthetic council
runs) and the scenario prose's description all derive from this one file, read and
checked through :mod:`casekit.rules.datafiles`.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Any

from casekit.rules.datafiles import read_data

TIER_ORDER = ("county", "district", "parish", "outside")


@dataclass(frozen=True)
class Category:
    """One category: its id, form label, how a letter names it, the tier that owns it."""

    id: str
    label: str
    subject: str
    tier: str  # county | district | parish | outside | any
    case_category: bool = True
    description: str = ""


@cache
def category_table() -> dict[str, dict[str, Any]]:
    """The checked categories file: id -> its table, in file order (read once)."""
    return read_data("categories")


@cache
def all_categories() -> dict[str, Category]:
    """Every category, services that only name a tier included, in file order."""
    return {
        cid: Category(
            id=cid,
            label=entry["label"],
            subject=entry["subject"],
            tier=entry["tier"],
            case_category=entry.get("case_category", True),
            description=entry.get("description", entry["label"]),
        )
        for cid, entry in category_table().items()
    }


def case_categories() -> dict[str, Category]:
    """The categories a case can have (the intake form's choices), in file order."""
    return {cid: c for cid, c in all_categories().items() if c.case_category}


def labels() -> dict[str, str]:
    """Category id -> the label forms show (``vocabulary.CATEGORIES``)."""
    return {cid: c.label for cid, c in case_categories().items()}


def subjects() -> dict[str, str]:
    """Category id -> how a letter names the matter (``vocabulary.CATEGORY_SUBJECTS``)."""
    return {cid: c.subject for cid, c in case_categories().items()}


def tiers() -> dict[str, list[str]]:
    """Tier -> the categories it owns: a profile's [tiers] when it gives none. Categories
    both tiers run ("any") are in none, so neither tier is told it is the wrong one."""
    out: dict[str, list[str]] = {tier: [] for tier in TIER_ORDER}
    for cid, category in all_categories().items():
        if category.tier in out:
            out[category.tier].append(cid)
    return {tier: ids for tier, ids in out.items() if ids}
