"""Party politics by its concepts, both ways: partisan wording put in ways no list holds
is caught (who is credited or blamed, the people in charge now or before, elections and
campaigning, favours); the factual mentions that look like it are not; what cannot be
decided is a warning for the tutor; and the profile's signals are checked."""

from __future__ import annotations

import pytest

from casekit.drafting import check_draft
from casekit.drafting.checks.signals import parse_signal
from casekit.errors import CasekitError
from casekit.rules.profile import load_profile
from tests.drafting.profiles import concept_rules_only

PROFILE = concept_rules_only(load_profile("default"))


def hard(text: str, **kwargs: object) -> list[tuple[str, str, str]]:
    return [
        (f.check, f.severity, f.message)
        for f in check_draft(text, profile=PROFILE, **kwargs)  # type: ignore[arg-type]
        if f.kind == "neutrality" and f.above_advice
    ]


# Written for these tests, in phrasings none of the corpus letters use.
PARTISAN = [
    "Since this lot took over, the bins have never been emptied on time.",
    "The ruling group at County Hall have made a right pig's ear of the budget.",
    "Frankly the powers that be at County Hall couldn't organise a raffle.",
    "When you go to the polls on Thursday, remember which councillor turned up for you.",
    "I'd appreciate your vote again on 4 May.",
    "The cowboys who ran this council for twenty years left it in a state.",
    "Our new administration has done more in a year than the last one did in ten.",
    "Since we won control of the council, potholes are filled within a week.",
    "The shower running County Hall couldn't care less about the villages.",
    "Make sure you back the people who actually delivered this on polling day.",
    "The reds have never cared about this end of town.",
    "Since we were given the keys to County Hall, the backlog has halved.",
    "The Leader and her cronies will never fund it.",
    "Look out for this in the next Focus!",
    "I'll be by the polling station door in my blue rosette, so say hi.",
    "My running mate and I knocked on every door in your street.",
    "Good luck on Thursday, Councillor - fingers crossed for you!",
    "Happy to send over some photos of the new benches for your leaflet.",
    "Mrs Dunn has had our poster up every election, so could you move her repair up the list?",
    "Mr Patel chairs our local branch, so the councillor would appreciate a quick fix.",
    "It was our administration that finally got this sorted.",
    "The Tories have let this town down for years.",
]
NEUTRAL = [
    "The previous administration agreed the scheme in 2022 and work began last year.",
    "County Hall reception is open from 9am; the best entrance is on Mill Street.",
    "Since the elections in May, Councillor Shah has been the Cabinet Member for Housing.",
    "I am sorry the service has let you down; we should have done better.",
    "The new management at the care home have told us they will review the charges.",
    "My team will visit on Thursday to inspect the damage.",
    "Officers will take over the management of the site from the contractor in June.",
    "The old management company went into administration, and a new one took over.",
    "The new leadership at the housing association will review damp cases.",
    "Unlike some other councils, we do not charge for the first green bin.",
    "The tenants' association will hold its election in May; candidates must be members.",
    "Your poll card will tell you where to vote.",
    "The youth council will present its manifesto to Cabinet in June.",
    "Officers cannot attend events organised by candidates during the election period.",
    "Please remember to bring photo ID to the polling station.",
    "We have delivered your new bin, as promised.",
    "Thank you for your support for the library consultation.",
    "Councillor Helen Patel (Conservative) and I, though we sit for different parties, agree.",
    "I will not ask you to vote for me.",
]


@pytest.mark.parametrize("text", PARTISAN)
def test_partisan_wording_is_caught_by_its_concepts(text: str) -> None:
    assert hard(text), text


@pytest.mark.parametrize("text", NEUTRAL)
def test_factual_wording_that_looks_political_is_not(text: str) -> None:
    assert hard(text) == [], text


def test_an_appeal_next_to_an_election_counts_within_a_paragraph_only() -> None:
    joined = "Your postal ballot should arrive this week. I hope I can count on you again!"
    apart = "Your postal ballot should arrive this week.\n\nI hope I can count on you again!"
    assert hard(joined)
    assert hard(apart) == []


def test_undecided_politics_is_a_warning_for_the_tutor_even_before_an_election() -> None:
    text = "Since the change of leadership, the budget will be set before May."
    for pre_election in (False, True):
        found = hard(text, pre_election=pre_election)
        assert found and all(sev == "warning" for _, sev, _ in found), found
        assert any("for your tutor to review" in msg for _, _, msg in found)


def test_the_pre_election_period_makes_decided_signals_breaches() -> None:
    text = "The previous crowd at the Town Hall let takeaways do as they pleased."
    assert {sev for _, sev, _ in hard(text)} == {"warning"}
    assert {sev for _, sev, _ in hard(text, pre_election=True)} == {"breach"}


def test_a_party_named_with_no_side_taken_is_advice() -> None:
    found = [
        (f.check, f.severity)
        for f in check_draft(
            "Councillor Ruth Fenwick, leader of the Independent group, has also written to me.",
            profile=PROFILE,
        )
        if f.kind == "neutrality"
    ]
    assert found and all(sev == "advice" for _, sev in found)


@pytest.mark.parametrize(
    ("text", "why"),
    [
        ("power", "a concept with no check"),
        ("power + => attacks", "an empty partner"),
        ("power ~ => attacks", "a near signal with no partner"),
        ("power + nowhere => attacks", "an unknown concept"),
        ("power + judgement + tone => attacks", "three concepts"),
    ],
)
def test_signals_the_profile_cannot_mean_are_refused(text: str, why: str) -> None:
    with pytest.raises(CasekitError) as err:
        parse_signal(text, "partisan", ("power", "judgement", "tone"))
    assert err.value.field == "drafting.neutrality.signals", why


def test_a_signal_reads_its_parts() -> None:
    signal = parse_signal(
        "electoral ~ appeal|luck => calls_to_action", "partisan", ("electoral", "appeal", "luck")
    )
    assert (signal.first, signal.others, signal.near, signal.check) == (
        "electoral",
        ("appeal", "luck"),
        True,
        "calls_to_action",
    )


def test_a_trap_judgement_leaves_undecided_politics_to_the_tutor() -> None:
    from casekit.drafting.judgements import BREACH, UNSURE, judge_party_political

    undecided = judge_party_political(
        "Since the change of leadership, the budget will be set before May.", profile=PROFILE
    )
    assert undecided.verdict == UNSURE and "for your tutor to review" in undecided.reason
    decided = judge_party_political(
        "The previous crowd at the Town Hall let takeaways do as they pleased.", profile=PROFILE
    )
    assert decided.verdict == BREACH


def test_a_membership_is_political_only_when_it_is_a_party_s() -> None:
    leisure = "Your leisure centre membership will be refunded for the weeks the pool was shut."
    assert hard(leisure) == []
    party = "I gather her party membership lapsed after the row over the leaflets."
    assert [check for check, _s, _m in hard(party)] == ["political_review"]
