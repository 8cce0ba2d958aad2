"""Realism: UK postcodes and phones, wards that hold their constituents, working-hours
receipt, and enquiries that talk about their category's subject."""

from __future__ import annotations

import re
from datetime import datetime

import pytest

from casekit.rules.calendar import calendar_named
from casekit.scenarios import bank
from casekit.scenarios.council import owns
from casekit.scenarios.generate import generate
from casekit.scenarios.prose import Enquiry

POSTCODE = re.compile(r"^[A-Z]{1,2}[0-9][A-Z0-9]? [0-9][ABD-HJLNP-UW-Z]{2}$")
PHONE = re.compile(r"^0[1-9][0-9]{1,3} ?[0-9]{3,4} ?[0-9]{3,4}$")
EMAIL = re.compile(r"^[a-z0-9._-]+@[a-z0-9.-]+\.[a-z]{2,}$")
LEFTOVER = re.compile(r"\{[a-z_]+\}")
SEEDS = [1, 17, 202, 303, 4242]


def _packs():
    for seed in SEEDS:
        for difficulty in ("intro", "standard", "challenge"):
            yield generate(seed, 12, difficulty, learner=f"r{seed}")


PACKS = list(_packs())


def test_a_scottish_profile_gets_a_scottish_single_tier_council():
    calendar = calendar_named("SCT")
    for seed in (1, 2, 3):
        pack, _ = generate(seed, 6, "standard", profile="five-day")
        council = pack["council"]
        assert council["tier"] == "unitary" and council["subdivision"] == "SCT"
        assert council["postcode_area"] in ("PA", "KY")
        for case in pack["cases"]:
            assert calendar.is_working_day(datetime.fromisoformat(case["received_at"]).date())
            assert POSTCODE.match(case["constituent"]["postcode"])


def test_postcodes_phones_and_emails_look_british():
    for pack, _ in PACKS:
        for case in pack["cases"]:
            who = case["constituent"]
            assert POSTCODE.match(who["postcode"]), who["postcode"]
            digits = re.sub(r"\D", "", who["phone"])
            assert PHONE.match(who["phone"]) and len(digits) in (10, 11), who["phone"]
            if who["email"] or case["channel"] in ("email", "social_media"):
                assert EMAIL.match(who["email"]), who["email"]
            assert who["address"].endswith(who["postcode"])
        for member in pack["council"]["members"]:
            assert EMAIL.match(member["email"]) and member["email"].endswith(".gov.uk")


def test_wards_share_one_postcode_area_and_never_share_a_sector():
    for pack, _ in PACKS:
        council = pack["council"]
        sectors = [s for w in council["wards"] for s in w["sectors"]]
        assert len(sectors) == len(set(sectors))
        assert {re.match(r"[A-Z]+", s).group() for s in sectors} == {council["postcode_area"]}


def test_constituents_live_in_the_ward_unless_the_wrong_ward_trap_says_not():
    for pack, key in PACKS:
        council = pack["council"]
        sectors = {w["id"]: set(w["sectors"]) for w in council["wards"]}
        for case, entry in zip(pack["cases"], key["cases"], strict=True):
            sector = case["constituent"]["postcode"][:-2]
            inside = sector in sectors[case["ward_id"]]
            trapped = any(t["trap"] == "wrong_ward_or_tier" for t in entry["traps"])
            if not trapped:
                assert inside, (case["id"], sector)
            elif owns(council, entry["category"]) or entry["category"] == "outside_remit":
                assert not inside, (case["id"], sector)  # the ward or council variant


def test_members_represent_the_ward_of_their_cases():
    for pack, _ in PACKS:
        members = {m["id"]: m for m in pack["council"]["members"]}
        for case in pack["cases"]:
            assert members[case["member_id"]]["ward_id"] == case["ward_id"]


def test_enquiries_arrive_on_working_days_in_working_hours():
    calendar = calendar_named("ENG")
    for pack, _ in PACKS:
        for case in pack["cases"]:
            when = datetime.fromisoformat(case["received_at"])
            assert calendar.is_working_day(when.date()), case["received_at"]
            assert 9 <= when.hour < 17
            assert datetime(2026, 1, 1) <= when <= datetime(2026, 6, 30)


def test_enquiries_talk_about_their_category_and_hold_no_placeholder():
    categories = bank.categories()
    for pack, key in PACKS:
        for case, entry in zip(pack["cases"], key["cases"], strict=True):
            text = case["enquiry"]
            terms = categories[entry["category"]]["subject_terms"]
            assert any(t.lower() in text.lower() for t in terms), (entry["category"], text)
            assert not LEFTOVER.search(text), text
            assert len(text.split()) >= 25


def test_tones_and_channels_vary():
    tones = {e["tone"] for _, key in PACKS for e in key["cases"]}
    channels = {c["channel"] for pack, _ in PACKS for c in pack["cases"]}
    assert tones == {"calm", "angry", "confused", "vulnerable"}
    assert channels == {"email", "phone", "letter", "surgery", "social_media"}


def test_some_records_disagree_or_are_stale():
    statuses = [
        r["fields"].get("status")
        for pack, _ in PACKS
        for c in pack["cases"]
        for r in c["records"]
        if r["type"] == "service_ticket"
    ]
    assert "completed" in statuses and "open" in statuses
    old = [
        r
        for pack, _ in PACKS
        for c in pack["cases"]
        for r in c["records"]
        if r["as_of"] < "2024-06-01"
    ]
    assert old  # stale information: records not touched for years


def test_a_buried_sentence_stays_inside_the_body():
    import random

    enquiry = Enquiry(
        "email",
        "calm",
        "Dear Cllr,",
        "Opening.",
        ["One.", "Two.", "Three."],
        "Ask?",
        "Feeling.",
        "Closing.",
        "Regards,\nA",
    )
    enquiry.bury("Hidden.", random.Random(1))
    text = enquiry.render()
    assert "Hidden." in text and text.index("Hidden.") > text.index("One.")


@pytest.mark.parametrize("channel", ["email", "letter", "phone", "surgery", "social_media"])
def test_every_channel_renders_every_part(channel: str):
    import random

    enquiry = Enquiry(
        channel,
        "calm",
        "Hi",
        "Open.",
        ["Body one.", "Body two.", "Body three."],
        "Ask?",
        "Feel.",
        "Close.",
        "Sign",
    )
    enquiry.bury("Buried.", random.Random(3))
    enquiry.add("Extra.")
    text = enquiry.render()
    for part in ("Body one.", "Body three.", "Buried.", "Extra.", "Ask?"):
        assert part in text


def test_relatives_have_names_that_fit_the_relationship():
    from faker.providers.person.en_GB import Provider

    spec = bank.load("traps")["third_party_consent"]
    names = {"female": set(Provider.first_names_female), "male": set(Provider.first_names_male)}
    checked = 0
    for pack, key in PACKS:
        cases = {c["id"]: c for c in pack["cases"]}
        for entry in key["cases"]:
            for trap in entry["traps"]:
                if trap["trap"] != "third_party_consent":
                    continue
                relationship = next(
                    r
                    for r in spec["relationships"]
                    if f"her {r}," in trap["looks_like"] or f"his {r}," in trap["looks_like"]
                )
                subject = trap["looks_like"].split(f" {relationship}, ")[1].split(",")[0]
                writer = cases[entry["case_id"]]["constituent"]
                gender = spec["relationships"][relationship]["gender"]
                if gender != "any":
                    assert subject.split()[0] in names[gender], (relationship, subject)
                if spec["relationships"][relationship]["family"]:
                    assert subject.split()[-1] == writer["surname"]
                checked += 1
    assert checked
