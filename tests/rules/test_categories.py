"""The categories are defined once; every other place derives from the categories file."""

from __future__ import annotations

import json

from casekit.rules import categories
from casekit.rules.profile import load_profile
from casekit.rules.vocabulary import CATEGORIES, CATEGORY_SUBJECTS, Council
from casekit.scenarios import bank
from casekit.scenarios.pack import schema


def test_vocabulary_names_come_from_the_file():
    defined = categories.case_categories()
    assert {cid: c.label for cid, c in defined.items()} == CATEGORIES
    assert {cid: c.subject for cid, c in defined.items()} == CATEGORY_SUBJECTS
    assert CATEGORIES["housing"] == "Housing" and CATEGORY_SUBJECTS["housing"] == "housing repair"
    assert "parking_on_street" not in CATEGORIES  # a tier-only service is not a case category


def test_scenario_banks_cover_exactly_the_case_categories():
    assert list(bank.categories()) == list(CATEGORIES)
    housing = bank.categories()["housing"]
    assert housing["description"] == "Housing repairs and tenancy" and housing["tier"] == "district"


def test_answer_key_schema_lists_the_case_categories():
    key = schema("answer-key")
    enum = key["properties"]["cases"]["items"]["properties"]["category"]["enum"]
    assert enum == list(CATEGORIES)
    json.dumps(enum)


def test_profile_tiers_derive_from_the_file():
    profile = load_profile("default")
    assert profile.tiers == categories.tiers()
    assert profile.tier_of("highways") == "county"
    assert profile.tier_of("housing") == "district"
    assert profile.tier_of("allotments") == "parish"
    assert profile.tier_of("outside_remit") == "outside"
    # Parking is run by both tiers, so no council is told it is the wrong one.
    assert profile.tier_of("parking") is None
    for tier in ("county", "district", "unitary"):
        assert Council("C", tier).owns("parking", profile.tier_of("parking"))


def test_every_category_has_one_tier_and_its_words():
    for cid, category in categories.all_categories().items():
        assert category.tier in ("county", "district", "parish", "outside", "any"), cid
        assert category.label and category.subject and category.description
    owners = [cid for ids in categories.tiers().values() for cid in ids]
    assert len(owners) == len(set(owners))
