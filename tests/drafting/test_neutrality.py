"""Political neutrality on short hand-written sentences, both ways: what a reply does (credit,
blame, campaign) is caught however it is worded; factual council business, electoral
administration and ordinary words that look political are not."""

from __future__ import annotations

import copy
import dataclasses

import pytest

from casekit.drafting import check_draft
from casekit.errors import CasekitError
from casekit.rules.profile import load_profile
from casekit.rules.profile.model import Profile
from tests.drafting.profiles import concept_rules_only

PROFILE = concept_rules_only(load_profile("default"))


def neutrality(text: str, **kwargs: object) -> list[tuple[str, str, str]]:
    return [
        (f.check, f.severity, f.words)
        for f in check_draft(text, profile=PROFILE, **kwargs)  # type: ignore[arg-type]
        if f.kind == "neutrality"
    ]


def flagged(text: str, **kwargs: object) -> bool:
    return any(sev != "advice" for _, sev, _ in neutrality(text, **kwargs))


PARTISAN = [
    # a party named to credit, blame or promote it
    "This is only possible because of Labour's investment in libraries.",
    "Sadly the Labour-run county council refuses to fund patrols.",
    "Since Reform took control of County Hall the budget has been cut.",
    "The Green-led administration has made clean streets its top priority.",
    "Remember to vote Conservative on 2 May!",
    "Thanks to Plaid Cymru councillors, no child goes hungry.",
    "Your Lib Dem Focus Team, working for you all year round.",
    "Mrs Hall is a Labour Party member and a friend of the councillor, so bring her job forward.",
    "Mae Llafur wedi methu: Labour has failed this ward.",
    # credit and blame without a party name
    "Since the change of leadership at County Hall, people who actually care are in charge.",
    "The group that ran this council until 2023 sat on the money.",
    "We can't go back to the last lot.",
    "Unlike the previous administration, which sold off the land, we are building.",
    "The councillors opposite would rather waste money on vanity projects.",
    "We told residents we would freeze it and we have kept that promise.",
    "This is one more promise your local team has delivered.",
    "What a difference four years of competent leadership makes.",
    "We inherited a council that was broke.",
    "Your MP has done nothing for this town.",
    # campaigning
    "With the election on 7 May, I hope I can count on your support.",
    "As I said on the doorstep when I was elected, I will not forget this street.",
    "You put your trust in me at the ballot box last May.",
    "Please add your name to my team's petition before the elections in May, so the council knows.",
    "Why not deliver a few of my leaflets in your road?",
    "If residents give me another four years, I will fix it.",
    "When we win on Thursday this will be the first thing we do.",
    "Come along to our branch meeting; we're always looking for new members.",
    "This is a great one for the next ward leaflet.",
    "This administration has delivered more homes than any before it.",
    "The shambles we inherited is finally being sorted out.",
    "Don't forget to vote on Thursday.",
    "I am standing for re-election in May.",
]

NEUTRAL = [
    "The Labour group has tabled a motion, which will be debated at full council on 3 March.",
    "A Conservative group amendment was debated at full council and was not agreed.",
    "Questions from the Liberal Democrat and Green groups were answered at Cabinet.",
    "The Reform UK group has asked for a scrutiny review of the contract.",
    "The increase reflects higher labour costs in the contract.",
    "The Reform of the parking scheme brought in a second-permit charge.",
    "The charge for the Green waste collection service is going up.",
    "Victoria Park kept its Green Flag Award this year.",
    "Village greens are registered by the county council.",
    "An independent drainage engineer checked the culvert.",
    "You can appeal to the tribunal, which is independent of the council.",
    "The site is in the Conservation Area.",
    "On a conservative estimate the work will take six weeks.",
    "The opposition from residents does not affect this work.",
    "Your polling station is the Labour Club, Mill Street.",
    "Your concern is a party wall matter; all interested parties will be notified.",
    "I will not be making this a party matter.",
    "I have long pressed for more frequent bin collections.",
    "Since the elections in May, the Cabinet Member for housing is Councillor Adair.",
    "The crews salted the main routes liberally.",
    "I am sorry the service has let you down.",
    "We promised you an answer by 3 October and I am sorry it is late.",
    "He told me he is a Reform UK member but that this is about the trees, not politics.",
    "The motion was supported by members of all parties at full council.",
    "Dear Mrs Greene, thank you for your letter.",
    "The crew will collect your bins from the doorstep every Thursday.",
    "Officers will be knocking on doors to tell residents about the works.",
    "The school has strong leadership and a good Ofsted report.",
    "Our campaign to cut litter starts in May.",
    "The library is always looking for new members.",
    "Fold your ballot paper and put it in the ballot box.",
    "The council's climate pledge commits it to net zero by 2030.",
]


@pytest.mark.parametrize("text", PARTISAN)
def test_partisan_wording_is_caught_however_it_is_put(text: str) -> None:
    assert flagged(text), neutrality(text)


@pytest.mark.parametrize("text", NEUTRAL)
def test_factual_and_ordinary_wording_is_not_flagged(text: str) -> None:
    assert not flagged(text), neutrality(text)


@pytest.mark.parametrize(
    "text",
    [
        "You can hand your postal vote in at your polling station on polling day.",
        "Because of the pre-election period, which runs until the close of poll, the consultation "
        "opens in May.",
        "You can still apply for a postal vote until 5pm on 15 April.",
    ],
)
def test_electoral_administration_is_neutral_even_in_the_pre_election_period(text: str) -> None:
    assert neutrality(text, pre_election=True) == []


def test_the_pre_election_period_turns_warnings_into_breaches_and_counts_new_initiatives() -> None:
    text = "The councillor has secured a brand new fund, which will be launched after the election."
    assert not flagged(text)
    found = neutrality(text, pre_election=True)
    assert found and {sev for _, sev, _ in found} == {"breach"}
    assert [sev for _, sev, _ in neutrality("Vote for me.", pre_election=True)] == ["breach"]


def test_a_negation_turns_a_call_round_but_not_an_attack() -> None:
    assert not flagged("I will not ask you to vote for me.")
    assert flagged("This is not about politics, but the last lot let this estate rot.")
    assert flagged("I answer to residents, not to a party machine.")


def test_a_bare_mention_of_a_predecessor_is_advice_until_it_blames() -> None:
    assert neutrality("The previous administration agreed the scheme in 2022.") == [
        ("attacks", "advice", "previous administration")
    ]
    assert flagged("The previous administration left the tower blocks in a terrible state.")


def test_the_words_point_at_the_party_and_its_noun() -> None:
    assert neutrality("The Labour group has pushed for this.") == [
        ("party_names", "warning", "Labour group")
    ]


@pytest.mark.parametrize("brk", [";", ":", "-", "–", ", but"])
def test_a_negation_does_not_reach_past_a_clause_break(brk: str) -> None:
    """'I would not; vote for me' still asks for votes: the 'not' belongs to the clause
    before the break."""
    assert not flagged("I would not ask you to vote for me.")
    assert flagged(f"I would not{brk} vote for me.")


def test_a_negation_at_the_start_of_the_sentence_counts() -> None:
    assert not flagged("Never vote for me.")
    assert flagged("No, vote for me.")


# Round 3: rules learnt from the second held-out set's misses, each both ways.
ROUND3 = [
    # the writer labels their own side with a party
    (
        "Our Green council has opened two new play areas this spring.",
        "The Green group's question on play areas was answered at full council.",
    ),
    # a party named as the one who saved something, against another who wanted it gone
    (
        "It was Reform members who rescued the day centre when the Labour cabinet wanted it gone.",
        "The day centre was rescued by a charity grant and reopened in June.",
    ),
    # opponents named by their benches or their role in the chamber
    (
        "The ladies opposite will no doubt take the credit for it.",
        "The ladies opposite your house have asked about the same tree.",
    ),
    (
        "The whole thing was voted down by the opposite benches.",
        "New benches have been put in opposite the bandstand.",
    ),
    (
        "I visited the estate myself, unlike the opposition councillors for this ward.",
        "Opposition to the mast from residents was noted in the report.",
    ),
    # blame in words of neglect, waste or motive, pointed at those in charge
    (
        "The ruling group let the pool fall apart while spending a fortune elsewhere.",
        "The old shed had started to fall apart, so the park team removed it.",
    ),
    (
        "The cabinet turned the scheme down out of sheer spite.",
        "The cabinet turned the scheme down because the budget was already committed.",
    ),
    (
        "Our MP has done precious little for this ward since the election.",
        "The survey found very little for the ward to worry about.",
    ),
    (
        "The new administration is cleaning up after years of reckless borrowing by the people "
        "before them.",
        "The cleansing team is cleaning up after the market every Saturday.",
    ),
    # a change of control told in party colours, or as a group walking in
    (
        "Things moved fast once the county went from blue to yellow, funny how that works.",
        "The traffic light went from red to green and the crossing opened.",
    ),
    (
        "When our group walked through the door in May the reserves were in such a state.",
        "When the surveyor walked through the door he found damp in the kitchen.",
    ),
    # an administration praised by what it delivers; a leader's flagship promise
    (
        "It is a pleasure to work for an administration that actually delivers.",
        "The administration of the grant is handled by the housing team.",
    ),
    (
        "The Leader will be pleased, as this was one of her flagship promises.",
        "The Leader will present the budget report to full council on 3 March.",
    ),
    # a councillor's own petition, with a push for names
    (
        "Do add your name to Councillor Byrne's Safer Streets petition on his website.",
        "The petition about the crossing was presented to full council in June.",
    ),
]


@pytest.mark.parametrize(("bad", "good"), ROUND3)
def test_round_three_rules_catch_the_bad_and_pass_the_good(bad: str, good: str) -> None:
    assert flagged(bad), neutrality(bad)
    assert not flagged(good), neutrality(good)


def test_an_aside_next_to_polling_day_is_a_call_to_vote() -> None:
    bad = "Polls open at 7am on Thursday and, between ourselves, the right cross gets that done."
    assert flagged(bad, pre_election=True)
    assert not flagged(
        "Polls open at 7am on Thursday; your polling station is St Anne's Hall.", pre_election=True
    )


def test_residents_cases_handed_to_a_political_group_are_for_the_tutor() -> None:
    bad = "The Leader asked me to pass three of last week's cases to the group for her speech."
    found = neutrality(bad)
    assert ("political_review", "warning") in {(c, s) for c, s, _ in found}
    assert not flagged("The Leader asked me to pass three of last week's cases to housing.")
    assert not flagged("Your case was discussed at the support group for carers on Monday.")


@pytest.mark.parametrize(
    "text",
    [
        "When the repairs team came through the door, they found the damp was worse.",
        "The people before us in the queue were seen first, which was better for them.",
        "The cabinet approved the scheme in spite of the objections.",
        "The cabinet thanked the volunteers who protected the meadow from flooding.",
        "The field went from green to brown in the dry summer, which was worse for wildlife.",
        "The previous tenant left the flat in such a state that it needed a deep clean.",
    ],
)
def test_round_three_words_in_their_ordinary_sense_are_not_flagged(text: str) -> None:
    assert not flagged(text), neutrality(text)


ROUND4 = [
    # the people in charge by a mocking nickname, or as the only adults
    (
        "Blame the Leader and her lackeys in the top-floor offices for the closure.",
        "Please ask the Leader's office for the date of the next surgery.",
    ),
    (
        "At last there are grown-ups in charge at the Civic Centre.",
        "Grown-ups in charge of children must stay with them in the splash park.",
    ),
    (
        "Since the spring, Ashby has finally got a council that cares about its parks.",
        "Since the spring, the library has finally got a lift that works.",
    ),
    # a party by a colour nickname, but a sports team by its colour is a club
    (
        "The blues have done nothing for this estate in a decade.",
        "The Blues fixture on Sunday has moved to the far pitch.",
    ),
    # an invitation to campaign alongside the member
    (
        "Cllr Rowe is out canvassing on Elm Road this weekend and would love to see you there.",
        "Cllr Rowe holds a surgery at Elm Road library this weekend.",
    ),
    # campaign hashtags
    (
        "Bins collected on time again! #TeamPatel #OakwardDelivers",
        "Bins are collected on Tuesdays; see #BinDay on the council's page for changes.",
    ),
    # asking for the reader's support at the ballot again; a platform stood on
    (
        "I said the pool would stay open, and I'll be asking for your backing again in May.",
        "I said the pool would stay open, and I will ask the trust for a date in May.",
    ),
    (
        "Local jobs for local people: we stood on that and we will be standing on it again.",
        "The ladder is what we stood on to reach the gutter.",
    ),
    # a branch's petition pushed by the writer's own side
    (
        "Please sign the petition our local Conservative association is running for the pool.",
        "The petition about the pool was debated by full council in June.",
    ),
    # sarcasm about those in charge; hinting at motives; voters told to remember
    (
        "The cabinet will be delighted to explain why their own streets were swept first.",
        "The team will be pleased to explain how the sweeping rota works.",
    ),
    (
        "Those in charge knew full well what the closure would mean for families.",
        "The engineers knew full well that the bridge needed new bearings.",
    ),
    (
        "Those who sold the pool knew full well what they were doing, and voters will "
        "remember that.",
        "Residents will remember that the fair moves to the park this year.",
    ),
    # a party blamed for letting things crumble; credited as the reason why
    (
        "The Conservative cabinet has let the leisure centre roof crumble for years.",
        "The leisure centre roof was left to dry before the new felt went on.",
    ),
    (
        "This is precisely why Reform councillors pushed for a landlord register.",
        "This is precisely why the landlord register asks for a gas certificate.",
    ),
    # a group that beat the established parties; a mailshot timed for the ballot
    (
        "We took the seat from the established parties, and it shows in the new crossing.",
        "The crossing was installed in March after the road safety audit.",
    ),
    (
        "Can the agent get the leaflets out before the postal votes land?",
        "Postal votes for the by-election will be sent out on 3 April.",
    ),
    (
        "Here are the figures; they give you something to hit back with at the hustings.",
        "Here are the figures you asked for about fly-tipping on your street.",
    ),
]


@pytest.mark.parametrize(("bad", "good"), ROUND4)
def test_round_four_rules_catch_the_bad_and_pass_the_good(bad: str, good: str) -> None:
    assert flagged(bad), neutrality(bad)
    assert not flagged(good), neutrality(good)


def test_ranking_residents_by_how_long_they_have_lived_here_is_for_the_tutor() -> None:
    """A dog whistle about newcomers is advice alone, a flag with campaign talk."""
    ranking = "Older residents should come first, not people who moved here in spring."
    assert ("attacks", "advice") in {(c, s) for c, s, _ in neutrality(ranking)}
    assert not flagged(ranking)
    campaign = "Older residents should come first, not newcomers: I will campaign on it."
    assert flagged(campaign)
    assert not neutrality("Urgent repairs come first, before cosmetic ones.")


def test_but_is_a_clause_break_for_a_negation_too() -> None:
    """'Do not worry but do vote for me': the 'not' is about the worrying."""
    assert neutrality("Do not worry but do vote for me in May.") == [
        ("calls_to_action", "warning", "vote for")
    ]


def _edited(**neutrality_rules: object) -> Profile:
    drafting = copy.deepcopy(PROFILE.drafting)
    drafting["neutrality"].update(neutrality_rules)
    return dataclasses.replace(PROFILE, drafting=drafting)


def test_a_centre_may_let_a_negation_turn_party_words_round() -> None:
    text = "This is not our party politics."
    assert neutrality(text) == [("party_names", "warning", "our party")]
    negatable = [*PROFILE.drafting["neutrality"]["negatable"], "party_names"]
    edited = _edited(negatable=negatable)
    assert [f for f in check_draft(text, profile=edited) if f.kind == "neutrality"] == []


def test_a_centres_broken_cued_pattern_is_refused_naming_its_list() -> None:
    broken = _edited(attacks_cued=["... previous"])
    with pytest.raises(CasekitError) as err:
        check_draft("The previous administration agreed it.", profile=broken)
    assert err.value.field == "drafting.neutrality.attacks_cued"
    assert "'... previous' starts or ends with '...'" in err.value.message


def test_a_party_word_pattern_names_the_party_in_the_message() -> None:
    (f,) = [
        f
        for f in check_draft("Nobody in my party would say so.", profile=PROFILE)
        if f.kind == "neutrality"
    ]
    assert (f.check, f.severity, f.words) == ("party_names", "warning", "my party")
    assert f.message.startswith("The draft names a political party ('my party') in a way")
    assert "Local Government Act 1986 s2" in f.rule


def test_a_centres_broken_pattern_is_refused_naming_its_list() -> None:
    broken = _edited(attacks=["... previous"])
    with pytest.raises(CasekitError) as err:
        check_draft("The previous administration agreed it.", profile=broken)
    assert err.value.field == "drafting.neutrality.attacks"


def test_a_plain_mention_of_a_group_is_advice_under_the_party_names_check() -> None:
    [f] = [
        f
        for f in check_draft(
            "Cllr Jones has been working on the Labour group's plan for the park.",
            profile=PROFILE,
        )
        if f.kind == "neutrality"
    ]
    assert (f.check, f.severity, f.words) == ("party_names", "advice", "Labour group")
    assert f.message.startswith("The draft names a party ('Labour group'). Keep it only as")


def test_a_decided_finding_is_kept_over_a_longer_one_for_review() -> None:
    """The learner is told what is wrong ('our party') rather than asked to have the whole
    sentence reviewed."""
    review = "The Leader asked me to pass three of last week's cases to the group for her speech."
    assert ("political_review", "warning") in {(c, s) for c, s, _ in neutrality(review)}
    both = review.replace("last week's", "our party's")
    assert neutrality(both) == [("party_names", "warning", "our party")]


def test_a_cued_pattern_needs_its_cue_family_named_as_the_centre_wrote_it() -> None:
    families = {**PROFILE.drafting["neutrality"]["families"], "XBlame": ["mess", "shambles"]}
    edited = _edited(attacks_cued=["predecessor|predecessors => {XBlame}"], families=families)

    def found(text: str) -> list[tuple[str, str]]:
        return [(f.check, f.severity) for f in check_draft(text, profile=edited)]

    assert ("attacks", "warning") in found("My predecessor left the budget in a mess.")
    assert ("attacks", "advice") in found("My predecessor agreed the budget in March.")


def test_a_sentence_for_review_stays_a_warning_in_the_pre_election_period() -> None:
    """Only what casekit has decided becomes a breach; a review is still the tutor's call."""
    review = "The Leader asked me to pass three of last week's cases to the group for her speech."
    found = {(c, s) for c, s, _ in neutrality(review, pre_election=True)}
    assert ("political_review", "warning") in found
    assert [s for _, s, _ in neutrality("Vote for me.", pre_election=True)] == ["breach"]
