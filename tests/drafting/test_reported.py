"""Words a letter reports rather than says, both ways: the reader's question and the
reader's quoted words are answered, not adopted, so a neutrality finding inside them is
advice; the writer agreeing with them, or saying the same thing in their own words, is
judged as written. Also: names of things that borrow a party's colour or an election's
words ("Green waste crew", "postal vote pack") are not politics, in the rules or the model.
"""

from __future__ import annotations

import pytest

from casekit.drafting import check_draft
from casekit.drafting.checks.reported import inside, reported_spans
from casekit.drafting.checks.resemblance import load_model, resembling
from casekit.drafting.patterns import families_of
from casekit.drafting.rules import drafting_rules
from casekit.drafting.text import analyse
from casekit.rules.profile import load_profile

PROFILE = load_profile("default")
READER = {"name": "Mr Luca Bianchi", "role": "constituent"}


def said(text: str, pre_election: bool = False) -> list[tuple[str, str]]:
    """(check, severity) of every neutrality finding."""
    return [
        (f.check, f.severity)
        for f in check_draft(text, profile=PROFILE, recipient=READER, pre_election=pre_election)
        if f.kind == "neutrality"
    ]


def flagged(text: str, pre_election: bool = False) -> bool:
    return any(sev != "advice" for _, sev in said(text, pre_election))


REPORTED = [
    # the reader's question, repeated before it is answered
    "Thank you for your email asking whether Councillor Okoro will promise to reopen the "
    "toilets if she is returned at the election on 2 May.",
    "You wanted to know if I would vote Labour in May to save the library.",
    "Mrs Khan wondered whether the Tories would scrap the scheme if they won.",
    # the reader's words, quoted
    "You described the cabinet as 'a useless shower who have wrecked this town'. The "
    "toilets will reopen in June.",
    "In your email you called the Tories \u201cvandals\u201d for closing the pool. The "
    "closure was agreed by the Cabinet in March.",
    'Residents told me the old guard "let the place rot". The repairs start on 3 June.',
]


@pytest.mark.parametrize("text", REPORTED)
def test_a_reported_question_or_quotation_is_advice(text: str) -> None:
    found = said(text)
    assert found, "the words are still pointed out"
    assert not flagged(text), found
    assert not flagged(text, pre_election=True), "in a pre-election period too"


ADOPTED = [
    # agreement makes the words the writer's own
    "You said the cabinet is 'a useless shower'. You're right, and they will pay for it in May.",
    "You asked whether the Tories would scrap it if they won. I agree: they would.",
    "In your letter you called the Lib Dems 'liars'. I couldn't agree more.",
    # the same words, the writer's own
    "The cabinet is a useless shower who have wrecked this town.",
    "If she is returned at the election on 2 May, she will reopen them.",
    # "as you say" agrees; a bare "you said that" is judged as written
    "Labour's plan, as you say, is 'a disgrace'.",
    "You said the people at the top tore up the hardship fund, so I've left the names in "
    "for the ward newsletter.",
    # a quotation opening far from its cue is not the reader's
    "You wrote to me about the bins and several other matters on the estate last month, "
    "and 'the Tories have failed this town' is what I tell everyone.",
]


@pytest.mark.parametrize("text", ADOPTED)
def test_words_the_writer_adopts_are_judged_as_written(text: str) -> None:
    assert flagged(text), said(text)


def _spans(text: str) -> list[tuple[int, int, int]]:
    rules = drafting_rules(PROFILE)["neutrality"]
    return reported_spans(text, analyse(text)[1], rules, families_of(rules.get("families") or {}))


def test_a_possessive_apostrophe_does_not_open_a_quotation() -> None:
    text = "You said Labour's plan is fine and Mr Jones' idea is not."
    assert _spans(text) == []


def test_a_quotation_never_closed_is_not_one() -> None:
    text = "You wrote 'the Tories have failed and " + "more words " * 80 + "."
    assert _spans(text) == []


def test_a_reported_question_runs_to_the_end_of_its_sentence_only() -> None:
    text = "You asked whether it will reopen. It will reopen if she is returned."
    spans = _spans(text)
    assert len(spans) == 1
    _s, start, end = spans[0]
    assert text[start:end].strip() == "it will reopen."
    assert inside(spans, start + 1, end - 1)
    assert not inside(spans, end + 1, len(text))


def test_the_model_does_not_read_what_is_hidden() -> None:
    """A sentence the partisan model finds is not found once its words are hidden."""
    model = load_model("partisan")
    text = "Those who ran the council for twenty years let the youth centre fall apart."
    assert resembling(text, model)
    every = {0: set(range(len(analyse(text)[1][0].tokens)))}
    assert resembling(text, model, hidden=every) == []


NOT_POLITICAL = [
    "I've chased the Green waste crew and they'll be back for your brown bin tomorrow.",
    "Eighteen new trees will be planted on the village green side of the park.",
    "The park has held the Green Flag Award for nine years.",
    "Your postal vote pack should arrive about two weeks before polling day.",
    "The school is a polling station, so it closes to pupils on election day.",
    "Candidates' election expenses returns are available to inspect at the Town Hall.",
    "The yellow lines and the red route signs will be repainted on Tuesday.",
    "The Blues' fixture on 16 February can go on Pitch 4.",
    "As I sit on the Planning Committee I must decide on the evidence, so I can't tell you "
    "now how I will vote.",
]


@pytest.mark.parametrize("text", NOT_POLITICAL)
def test_a_thing_named_with_a_party_colour_or_election_word_is_not_politics(text: str) -> None:
    assert not flagged(text), said(text)


STILL_POLITICAL = [
    "The blue team's cuts are to blame for the state of the roads.",
    "The Greens at County Hall have let this estate rot.",
    "Do use your postal vote for me on 7 May.",
    "The Blues' mess is ours to clear up.",
    "Things have really turned around since the new team took charge last May.",
    "We inherited an awful mess, but we're turning it round.",
    "Another promise kept by your local team.",
]


@pytest.mark.parametrize("text", STILL_POLITICAL)
def test_the_same_words_taking_a_side_are_still_caught(text: str) -> None:
    assert flagged(text), said(text)
