"""The protocol profile loader: shipped profiles load, and every bad field is named."""

from __future__ import annotations

import copy
import os
import tomllib
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from casekit.errors import CasekitError
from casekit.rules.profile import (
    PROFILES_DIR,
    EscalationRoute,
    Profile,
    Rule,
    ServiceLevel,
    StatutoryClock,
    available_profiles,
    clear_profile_cache,
    load_profile,
    parse_profile,
)

DEFAULT_TEXT = (PROFILES_DIR / "default.toml").read_text(encoding="utf-8")
DEFAULT_DATA = tomllib.loads(DEFAULT_TEXT)
FAKE = Path("/centre/profiles/test.toml")


def problems_of(data: dict) -> CasekitError:
    with pytest.raises(CasekitError) as err:
        parse_profile(data, FAKE)
    assert str(FAKE) in err.value.message
    assert err.value.rule == "profile-schema"
    return err.value


def mutated(**changes) -> dict:
    """A copy of the default profile with dotted paths set (value None deletes the key)."""
    data = copy.deepcopy(DEFAULT_DATA)
    for dotted, value in changes.items():
        *parents, last = dotted.split("__")
        table = data
        for key in parents:
            table = table[key]
        if value is None:
            del table[last]
        else:
            table[last] = value
    return data


# ----------------------------------------------------------------- shipped profiles


@pytest.mark.parametrize("name", ["default", "five-day"])
def test_shipped_profiles_load_with_every_section_typed(name):
    profile = load_profile(name)
    assert isinstance(profile, Profile)
    assert profile.id == name
    assert profile.path == (PROFILES_DIR / f"{name}.toml").resolve()
    assert len(profile.digest) == 64
    assert {"member_enquiry", "service_request", "complaint"} <= set(profile.service_levels)
    assert all(isinstance(s, ServiceLevel) for s in profile.service_levels.values())
    assert {"foi", "eir", "sar"} <= set(profile.statutory)
    assert all(isinstance(s, StatutoryClock) for s in profile.statutory.values())
    assert profile.statutory["sar"].unit == "months"
    assert profile.statutory["foi"].unit == "working_days"
    assert all(isinstance(r, Rule) and r.source for r in profile.rules.values())
    assert {"extension-limit", "extension-needs-reason"} <= set(profile.rules)
    assert all(isinstance(e, EscalationRoute) for e in profile.escalations)
    assert profile.escalation("missed-deadline").route
    assert profile.tier_of("highways") == "county"
    assert profile.tier_of("unicorns") is None
    assert profile.pre_election.notice_wd_before_poll > 0
    assert profile.retention.anonymise_after_closure_days > 0
    for section in profile.drafting.values():
        assert section["source"]


def test_the_default_profile_carries_casework_rules_numbers():
    profile = load_profile()
    enquiry = profile.service_levels["member_enquiry"]
    assert (enquiry.acknowledge_wd, enquiry.respond_wd, enquiry.keep_open_after_reply_wd) == (
        2,
        10,
        5,
    )
    assert enquiry.max_extension_wd is None  # no limit set
    assert profile.service_levels["complaint"].max_extension_wd == 10
    assert profile.statutory["foi"].calendar == "UK"
    assert profile.statutory["eir"].max_extension_wd == 20
    assert profile.statutory["sar"].max_extension_months == 2
    assert profile.calendar.subdivision == "ENG"
    assert profile.calendar.receipt_on_non_working_day == "next_working_day"
    assert isinstance(profile.drafting["style"]["min_reading_ease"], float)


def test_five_day_profile_differs_only_as_data():
    five = load_profile("five-day")
    assert five.calendar.subdivision == "SCT"
    assert five.service_levels["member_enquiry"].respond_wd == 5
    assert five.service_levels["member_enquiry"].max_extension_wd == 5
    assert five.statutory["foi"].calendar == "subdivision"
    # Every escalation route and rule the default has, the five-day council has too.
    assert [e.id for e in five.escalations] == [e.id for e in load_profile().escalations]
    assert set(five.rules) == set(load_profile().rules)
    assert set(five.drafting) == set(load_profile().drafting)


def test_available_profiles_lists_the_shipped_ones():
    assert {"default", "five-day"} <= set(available_profiles())


# ----------------------------------------------------------------- loading and caching


def test_names_and_paths_load_the_same_cached_profile():
    by_name = load_profile("default")
    assert load_profile(PROFILES_DIR / "default.toml") is by_name
    assert load_profile(str(PROFILES_DIR / "default.toml")) is by_name


def test_an_edited_file_is_reloaded(tmp_path):
    path = tmp_path / "council.toml"
    path.write_text(DEFAULT_TEXT, encoding="utf-8")
    first = load_profile(path)
    assert load_profile(path) is first
    path.write_text(DEFAULT_TEXT.replace("respond_wd = 10", "respond_wd = 12", 1), encoding="utf-8")
    os.utime(path, ns=(1, 1))  # a different stamp even within one clock tick
    assert load_profile(path).service_levels["member_enquiry"].respond_wd == 12
    clear_profile_cache()
    assert load_profile(path) is not first


def test_unknown_name_and_missing_file_are_refused(tmp_path):
    with pytest.raises(CasekitError, match="no shipped protocol profile 'nope'") as err:
        load_profile("nope")
    assert "default" in err.value.advice
    with pytest.raises(CasekitError, match="does not exist"):
        load_profile(tmp_path / "missing.toml")


def test_toml_syntax_error_names_file_and_line(tmp_path):
    path = tmp_path / "broken.toml"
    path.write_text('[profile]\nid = "x"\nname = "unclosed\n', encoding="utf-8")
    with pytest.raises(CasekitError) as err:
        load_profile(path)
    assert str(path.resolve()) in err.value.message
    assert "not valid TOML" in err.value.message
    assert "line 3" in err.value.message


def test_non_utf8_file_is_refused(tmp_path):
    path = tmp_path / "latin1.toml"
    path.write_bytes(b'[profile]\nname = "Caf\xe9"\n')
    with pytest.raises(CasekitError, match="not UTF-8"):
        load_profile(path)


# ----------------------------------------------------------------- validation


def test_all_problems_are_reported_together_with_dotted_fields():
    data = mutated(
        service_levels__member_enquiry__respond_wd="ten",
        service_levels__complaint__acknowledge_wd=-1,
        calendar__subdivision="UK",
        statutory__foi__calendar="everywhere",
        retention__anonymise_after_closure_days=None,
        calender={"subdivision": "ENG"},
    )
    err = problems_of(data)
    message = err.message
    assert "6 problems" in message
    assert "service_levels.member_enquiry.respond_wd: must be a whole number, got 'ten'" in message
    assert "service_levels.complaint.acknowledge_wd: must not be negative" in message
    assert "calendar.subdivision: unknown value 'UK'" in message
    assert (
        "statutory.foi.calendar: unknown value 'everywhere'; use one of: UK, subdivision" in message
    )
    assert "retention.anonymise_after_closure_days: missing (required)" in message
    assert "calender: unknown key (did you mean 'calendar'?)" in message
    assert err.field == "calendar.subdivision"


def test_unknown_nested_key_is_a_typo():
    err = problems_of(mutated(service_levels__member_enquiry__respond_days=10))
    assert (
        "service_levels.member_enquiry.respond_days: unknown key (did you mean 'respond_wd'?)"
        in (err.message)
    )


def test_missing_section_and_wrong_types():
    err = problems_of(
        mutated(
            pre_election=None,
            escalation={"id": "x"},
            tiers={"county": "highways"},
            service_levels__complaint__holding_reply_before_deadline="yes",
        )
    )
    assert "pre_election: missing (required)" in err.message
    assert "escalation: must be a list of [[escalation]] tables" in err.message
    assert "tiers.county: must be a list of text" in err.message
    assert "holding_reply_before_deadline: must be true or false, got 'yes'" in err.message


def test_statutory_clock_needs_exactly_one_length():
    err = problems_of(mutated(statutory__sar__working_days=20))
    assert "statutory.sar: give exactly one of working_days or calendar_months (both are set)" in (
        err.message
    )
    err = problems_of(mutated(statutory__foi__working_days=None))
    assert "(neither is set)" in err.message
    err = problems_of(mutated(statutory__foi__max_extension_months=1))
    assert "statutory.foi.max_extension_months: use max_extension_wd" in err.message


def test_rule_wording_may_only_use_plain_placeholders():
    data = copy.deepcopy(DEFAULT_DATA)
    data["rules"]["unknown-case"]["message"] = "There is no case {case.__class__}."
    data["rules"]["wrong-tier"]["advice"] = "Signpost {owner"
    data["rules"]["not-in-ward"]["source"] = "{ward!r:>10}"
    err = problems_of(data)
    assert "rules.unknown-case.message: placeholder {case.__class__}" in err.message
    assert "rules.wrong-tier.advice: bad placeholder" in err.message
    assert "rules.not-in-ward.source: placeholder {ward}" in err.message


def test_duplicate_escalation_and_category_in_two_tiers():
    data = copy.deepcopy(DEFAULT_DATA)
    data["escalation"].append(dict(data["escalation"][0]))
    data["tiers"] = {"county": ["highways"], "parish": ["highways"], "district": ["unicorns"]}
    err = problems_of(data)
    assert f"escalation[{len(data['escalation']) - 1}].id: duplicate escalation id" in err.message
    assert "tiers.parish: category 'highways' is already in tier 'county'" in err.message
    assert "tiers.district: names 'unicorns', which is not a category" in err.message


def test_drafting_values_are_checked():
    err = problems_of(
        mutated(
            drafting__style__min_reading_ease=True,
            drafting__style__messages__greeting=["ok", 5],
            drafting__extra={"words": ["a"]},
        )
    )
    assert "drafting.style.min_reading_ease: must be text, a list of text, a number" in err.message
    assert "drafting.style.messages.greeting: must be a list of text" in err.message
    assert "drafting.extra.source: missing (required)" in err.message


def test_bad_names_are_refused():
    data = copy.deepcopy(DEFAULT_DATA)
    data["service_levels"]["Member Enquiry"] = data["service_levels"]["member_enquiry"]
    data["profile"]["id"] = "My Council"
    err = problems_of(data)
    assert "service_levels.Member Enquiry: name must use lower-case letters" in err.message
    assert "profile.id: name must use lower-case letters" in err.message


# ----------------------------------------------------------------- lookups and rules


def test_rule_error_fills_placeholders_and_cites_the_source():
    rule = load_profile().rule("extension-limit")
    err = rule.error(
        clock="FOI", limit=0, asked=5, clock_source="FOIA 2000 s10", field="working_days"
    )
    assert isinstance(err, CasekitError)
    assert err.rule == "extension-limit"
    assert err.source == "FOIA 2000 s10"
    assert err.field == "working_days"
    assert "at most 0 more" in err.message and "asked for 5" in err.message
    # A value the guard forgot stays visible instead of crashing the guard.
    assert "{asked}" in rule.error(clock="FOI", limit=0).message


def test_lookups_name_what_is_missing():
    profile = load_profile()
    with pytest.raises(CasekitError, match="no rule 'no-such-rule'"):
        profile.rule("no-such-rule")
    with pytest.raises(CasekitError, match="no escalation route 'dragons'") as err:
        profile.escalation("dragons")
    assert "adult-safeguarding" in err.value.message
    with pytest.raises(CasekitError, match="no service level for 'petition'"):
        profile.service_level("petition")
    with pytest.raises(CasekitError, match="no statutory clock 'planning'"):
        profile.statutory_clock("planning")


# ----------------------------------------------------------------- properties

INT_FIELDS = [
    (("service_levels", kind, key))
    for kind, level in DEFAULT_DATA["service_levels"].items()
    for key, value in level.items()
    if isinstance(value, int) and not isinstance(value, bool)
] + [("pre_election", "notice_wd_before_poll"), ("retention", "anonymise_after_closure_days")]

not_a_count = st.one_of(
    st.text(max_size=5),
    st.integers(max_value=-1),
    st.floats(allow_nan=False),
    st.booleans(),
    st.lists(st.integers(), max_size=2),
)


@settings(max_examples=150, deadline=None)
@given(where=st.sampled_from(INT_FIELDS), value=not_a_count)
def test_any_bad_count_is_named_by_its_dotted_field(where, value):
    data = copy.deepcopy(DEFAULT_DATA)
    table = data
    for key in where[:-1]:
        table = table[key]
    table[where[-1]] = value
    with pytest.raises(CasekitError) as err:
        parse_profile(data, FAKE)
    assert f"{'.'.join(where)}: must" in err.value.message


@settings(max_examples=100, deadline=None)
@given(key=st.text(min_size=1, max_size=12).filter(lambda k: k not in (*DEFAULT_DATA, "tiers")))
def test_any_unknown_top_level_key_is_refused(key):
    data = copy.deepcopy(DEFAULT_DATA)
    data[key] = 1
    with pytest.raises(CasekitError) as err:
        parse_profile(data, FAKE)
    assert f"{key}: unknown key" in err.value.message


toml_values = st.recursive(
    st.one_of(
        st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False), st.text(max_size=8)
    ),
    lambda children: st.one_of(
        st.lists(children, max_size=3), st.dictionaries(st.text(max_size=8), children, max_size=3)
    ),
    max_leaves=8,
)


def _leaf_paths(data, prefix=()):
    if isinstance(data, dict):
        for key, value in data.items():
            yield from _leaf_paths(value, (*prefix, key))
    elif isinstance(data, list):
        for n, value in enumerate(data):
            yield from _leaf_paths(value, (*prefix, n))
    yield prefix


LEAVES = [p for p in _leaf_paths(DEFAULT_DATA) if p]


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(where=st.sampled_from(LEAVES), value=toml_values)
def test_any_replaced_value_loads_or_raises_casekit_error(where, value):
    data = copy.deepcopy(DEFAULT_DATA)
    table = data
    for key in where[:-1]:
        table = table[key]
    table[where[-1]] = value
    try:
        profile = parse_profile(data, FAKE)
    except CasekitError as err:
        assert str(FAKE) in err.message
    else:
        assert isinstance(profile, Profile)


@settings(max_examples=100, deadline=None)
@given(data=st.dictionaries(st.text(max_size=10), toml_values, max_size=6))
def test_arbitrary_documents_raise_only_casekit_error(data):
    with pytest.raises(CasekitError):
        parse_profile(data, FAKE)


# --------------------------------------------------------------------------- extends


def test_five_day_profile_lists_only_its_differences_from_the_default():
    from casekit.rules.profile import PROFILES_DIR

    text = (PROFILES_DIR / "five-day.toml").read_text(encoding="utf-8")
    assert 'extends = "default"' in text
    assert "[drafting.style]" not in text  # inherited, not copied
    five, default = load_profile("five-day"), load_profile("default")
    assert five.service_levels["member_enquiry"].respond_wd == 5
    assert default.service_levels["member_enquiry"].respond_wd == 10
    assert five.drafting["style"] == default.drafting["style"]
    assert "Alba Party" in five.drafting["neutrality"]["party_names"]
    assert five.rules["share-needs-consent"] == default.rules["share-needs-consent"]
    assert five.escalation("adult-safeguarding").source.startswith("Adult Support and Protection")


def test_a_centre_profile_can_extend_a_shipped_one(tmp_path):
    own = tmp_path / "ours.toml"
    own.write_text(
        '[profile]\nextends = "default"\nid = "ours"\nname = "Our council"\n'
        'description = "Seven-day replies."\n\n'
        "[service_levels.member_enquiry]\nrespond_wd = 7\n",
        encoding="utf-8",
    )
    profile = load_profile(own)
    assert profile.id == "ours"
    assert profile.service_levels["member_enquiry"].respond_wd == 7
    assert profile.service_levels["member_enquiry"].acknowledge_wd == 2  # from the default


def test_profiles_that_extend_each_other_in_a_loop_are_refused(tmp_path):
    a, b = tmp_path / "a.toml", tmp_path / "b.toml"
    a.write_text('[profile]\nextends = "b.toml"\n', encoding="utf-8")
    b.write_text('[profile]\nextends = "a.toml"\n', encoding="utf-8")
    with pytest.raises(CasekitError, match="loop"):
        load_profile(a)


def test_extending_a_missing_profile_names_the_field(tmp_path):
    own = tmp_path / "ours.toml"
    own.write_text('[profile]\nextends = "nowhere.toml"\n', encoding="utf-8")
    with pytest.raises(CasekitError) as err:
        load_profile(own)
    assert err.value.field == "profile.extends"


# ----------------------------------------------------------------- clock rules (issue 10)


def test_the_default_profile_carries_each_clock_rule_with_its_source():
    profile = parse_profile(DEFAULT_DATA, FAKE)
    foi, sar = profile.statutory["foi"], profile.statutory["sar"]
    assert foi.receipt_on_non_working_day == "same_day" and "s10(1)" in foi.counting_source
    assert foi.restart_on == ("clarification",) and "s10(6)(b)" in foi.pause_source
    assert foi.max_extension_wd == 20 and "s10(3)" in foi.extension_source
    assert foi.extension_after_deadline == "refuse"
    assert sar.pause_unit == "calendar_days" and sar.pause_includes_day_asked
    assert "art. 12A" in sar.pause_source and sar.restart_on == ()
    complaint = profile.service_levels["complaint"]
    assert (complaint.respond_wd, complaint.respond_counted_from) == (10, "acknowledgement")
    stage2 = profile.service_levels["complaint_stage2"]
    assert (stage2.acknowledge_wd, stage2.respond_wd, stage2.max_extension_wd) == (5, 20, 20)
    assert profile.service_levels["member_enquiry"].extension_after_deadline == "record_late"
    assert profile.pre_election.notice_of_election is None
    assert any(route.id == "ombudsman" for route in profile.escalations)


def test_clock_rules_are_checked_like_every_other_field():
    err = problems_of(
        mutated(
            statutory__foi__restart_on=["clarification", "whim"],
            statutory__sar__pause_unit="fortnights",
            statutory__eir__extension_after_deadline="shrug",
            statutory__eir__receipt_on_non_working_day="tomorrow",
            service_levels__complaint__respond_counted_from="the moon",
            pre_election__notice_of_election="23 March",
        )
    )
    assert "6 problems" in err.message
    assert "statutory.foi.restart_on" in err.message and "'whim'" in err.message
    assert "statutory.sar.pause_unit: unknown value 'fortnights'" in err.message
    assert "statutory.eir.extension_after_deadline: unknown value 'shrug'" in err.message
    assert "statutory.eir.receipt_on_non_working_day: unknown value 'tomorrow'" in err.message
    assert "service_levels.complaint.respond_counted_from: unknown value 'the moon'" in err.message
    assert "pre_election.notice_of_election: '23 March' is not a date" in err.message


def test_the_notice_of_election_is_taken_from_the_profile_when_known():
    from datetime import date

    from casekit.rules.calendar import calendar_named
    from casekit.rules.elections import notice_of_election

    england = calendar_named("ENG")
    poll = date(2026, 5, 7)
    computed = parse_profile(DEFAULT_DATA, FAKE).pre_election
    assert notice_of_election(computed, poll, england) == (date(2026, 3, 30), "latest")
    published = parse_profile(
        mutated(pre_election__notice_of_election=date(2026, 3, 23)), FAKE
    ).pre_election
    assert notice_of_election(published, poll, england) == (date(2026, 3, 23), "published")
    too_late = parse_profile(
        mutated(pre_election__notice_of_election=date(2026, 4, 20)), FAKE
    ).pre_election
    assert notice_of_election(too_late, poll, england) == (date(2026, 3, 30), "latest")
    old = parse_profile(mutated(pre_election__notice_of_election=date(2025, 3, 20)), FAKE)
    assert notice_of_election(old.pre_election, poll, england)[1] == "latest"
