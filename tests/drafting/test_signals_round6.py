"""Partisan wording round 6 taught the concept rules (from the spent sixth and seventh
held-out sets), both ways, in sentences written for these tests: each kind is caught by the
rules alone, and a factual sentence using the same words is not.
"""

from __future__ import annotations

import pytest

from casekit.drafting import check_draft
from casekit.rules.profile import load_profile
from tests.drafting.profiles import concept_rules_only

RULES = concept_rules_only(load_profile("default"))


def flagged(text: str) -> list[tuple[str, str]]:
    return [
        (f.check, f.words)
        for f in check_draft(text, profile=RULES)
        if f.kind == "neutrality" and f.above_advice
    ]


PARTISAN = [
    # a change of who runs the council, judged
    "Since the change of colour in the Guildhall, the bins actually get collected.",
    "What a difference now that the place is finally run by people who care.",
    "Things have really turned around since the new team took charge last May.",
    # sarcasm and nicknames
    "Funny how the bright sparks upstairs only found the money in an election year.",
    "I'll be only too happy to explain at the hustings why the other lot voted against it.",
    "It was the cabinet that squeezed the parks budget to pay for its own mistakes.",
    # campaigning, the writer's own
    "If you want someone who will actually stand up for Eastfield, give me a ring.",
    "Don't forget who got the job done when polling day comes round.",
    "Would you be willing to have a board in your front garden this spring?",
    "Any chance you could help deliver round the estate next weekend?",
    "Dave, one for the next newsletter: a textbook case.",
    # in Welsh: the Conservatives are to blame
    "Mae'r Ceidwadwyr ar fai am y toriadau.",
    # a resident favoured for their party work
    "She's out every weekend with our leaflets, so please look after her.",
    # from the spent eighth set, in other words
    "The pool went in the last administration's fire sale and we are still picking up the pieces.",
    "With a new team at the helm, complaints actually get answered.",
    "The same crowd who closed the tip now want to charge for parking.",
    "Any of these would make a good story for the spring newsletter.",
    "Those stories are exactly the examples we need for the autumn leaflet.",
    "Only the Ashby Independents have stood up for the village.",
    "Cllr Ward and her Green Party colleagues have made damp their main campaign this year.",
]


@pytest.mark.parametrize("text", PARTISAN)
def test_the_rules_catch_it(text: str) -> None:
    assert flagged(text)


NEUTRAL = [
    "You will need planning permission for a board in your front garden only if it is lit.",
    "It is amazing what the volunteers have done with the garden.",
    "The charity is led by people who have lived in the area for years.",
    "The new contractor is now run by a management team from Leeds.",
    "The lorry had to turn round at the end of the lane.",
    "We will turn the application round within eight weeks.",
    "The Meals on Wheels volunteers help deliver round the estate on Tuesdays.",
    "The Labour group's motion to close the depot was debated and defeated.",
    "The Green group asked why the toilets were closed.",
    "I spoke and voted for it at full council in March.",
    "The list of candidates for each ward is on the council's website.",
    "The committee wrote off £300 of the debt because of the delay.",
    "The Liberal Democrat group put forward an amendment to keep Saturday opening; it was "
    "debated and was not carried.",
    "The Holloway Independent Traders' Association has asked for the market to move.",
    "The council's Love Your Street campaign starts on Monday.",
    "A new project manager is at the helm of the regeneration team.",
]


@pytest.mark.parametrize("text", NEUTRAL)
def test_the_same_words_used_factually_are_not(text: str) -> None:
    assert flagged(text) == []


@pytest.mark.parametrize(
    ("text", "partisan"),
    [
        ("Reform have been stirring up rows on every street since the summer.", True),
        ("Reform of the scheme has made it fairer for tenants.", False),
        ("Our group will make the repairs backlog a campaign issue this year.", True),
    ],
)
def test_a_party_by_its_verb_and_a_campaign_issue(text: str, partisan: bool) -> None:
    assert bool(flagged(text)) is partisan


@pytest.mark.parametrize(
    "text",
    [
        "The Liberal Democrat group has called the application in, so the committee will "
        "decide it.",
        "We are in the pre-election period, so I will give you the council's position rather "
        "than my own.",
    ],
)
def test_council_business_and_the_election_period_are_not_politics(text: str) -> None:
    assert flagged(text) == []
