"""The knowledge check: the bank, selection, marking, validation and the event."""

from __future__ import annotations

import copy
import tomllib

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from casekit.errors import CasekitError
from casekit.feedback.knowledge import (
    DEFAULT_PATH,
    load_bank,
    mark,
    parse_bank,
    questions,
    record_result,
    validate_answers,
)

BANK = load_bank()
RAW = tomllib.loads(DEFAULT_PATH.read_text(encoding="utf-8"))


def test_bank_has_at_least_twenty_questions_on_every_topic():
    assert len(BANK.questions) >= 20
    topics = {q.topic for q in BANK.questions.values()}
    assert {"clocks", "escalation", "data protection", "neutrality", "meetings"} <= topics
    for q in BANK.questions.values():
        assert q.criterion == "AC5"
        assert q.source and q.explanation
        assert 0 <= q.answer < len(q.options)
    # the right answer is not always in the same place
    assert len({q.answer for q in BANK.questions.values()}) == 4


@pytest.mark.parametrize(
    ("qid", "must_say"),
    [
        ("clock-foi", "20th working day"),
        ("clock-foi-calendar", "any part of the United Kingdom"),
        ("clock-sar", "15 April"),
        ("clock-acknowledge", "2 working days"),
        ("meet-chair", "casting vote only when the votes are tied"),
        ("meet-minutes", "not a word-for-word transcript"),
        ("meet-open", "exempt information"),
    ],
)
def test_key_facts_are_the_correct_answers(qid, must_say):
    q = BANK.questions[qid]
    assert must_say in q.options[q.answer]


def test_meetings_questions_cite_the_acts():
    assert "Sch. 12A" in BANK.questions["meet-open"].source
    assert "Public Bodies (Admission to Meetings) Act 1960" in BANK.questions["meet-open"].source
    assert (
        "FOIA" in BANK.questions["clock-foi"].source
        or "Freedom of Information Act 2000" in BANK.questions["clock-foi"].source
    )


def test_questions_are_reproducible_by_seed():
    a = [q.id for q in questions(8, seed=42, bank=BANK)]
    assert a == [q.id for q in questions(8, seed=42, bank=BANK)]
    assert len(set(a)) == 8
    assert a != [q.id for q in questions(8, seed=43, bank=BANK)]
    assert len(questions(bank=BANK)) == BANK.default_count
    for bad in (0, len(BANK.questions) + 1, True, "3"):
        with pytest.raises(CasekitError) as err:
            questions(bad, bank=BANK)  # type: ignore[arg-type]
        assert err.value.field == "n"


def test_mark_scores_and_explains():
    right = BANK.questions["meet-chair"]
    wrong = BANK.questions["clock-sar"]
    result = mark(
        {right.id: right.answer, wrong.id: (wrong.answer + 1) % 4, "esc-national": None}, BANK
    )
    assert (result.score, result.out_of) == (1, 3)
    by_id = {r.id: r for r in result.results}
    assert by_id["meet-chair"].right and not by_id["clock-sar"].right
    assert by_id["clock-sar"].correct == wrong.answer
    assert by_id["clock-sar"].explanation == wrong.explanation
    assert by_id["esc-national"].given is None and not by_id["esc-national"].right
    assert result.as_data()["criteria"] == ["AC5"]


@pytest.mark.parametrize(
    ("answers", "field"),
    [
        ({}, "answers"),
        ([], "answers"),
        ({"nope": 0}, "answers.nope"),
        ({"meet-chair": 4}, "answers.meet-chair"),
        ({"meet-chair": -1}, "answers.meet-chair"),
        ({"meet-chair": True}, "answers.meet-chair"),
        ({"meet-chair": "2"}, "answers.meet-chair"),
    ],
)
def test_bad_answers_name_the_field(answers, field):
    with pytest.raises(CasekitError) as err:
        mark(answers, BANK)
    assert err.value.field == field


def test_record_result_appends_the_event(workspace):
    q = BANK.questions["meet-minutes"]
    event = record_result(workspace, {q.id: q.answer, "dp-controller": 3}, BANK)
    assert event.kind == "knowledge_check_completed"
    assert event.data["score"] == 1 and event.data["out_of"] == 2
    assert event.data["results"][0] == {
        "id": "meet-minutes",
        "given": q.answer,
        "correct": q.answer,
        "right": True,
    }


def test_invalid_answers_write_nothing(workspace):
    before = workspace.log.count()
    with pytest.raises(CasekitError):
        record_result(workspace, {"meet-minutes": 9}, BANK)
    assert workspace.log.count() == before


def test_bank_validation_names_file_and_field():
    def broken(mutate):
        raw = copy.deepcopy(RAW)
        mutate(raw)
        with pytest.raises(CasekitError) as err:
            parse_bank(raw, origin="bank.toml", criteria={"AC5"})
        assert str(err.value).startswith("bank.toml: ")
        return err.value.field

    assert broken(lambda r: r["questions"][0].update(answer=4)) == "questions[0].answer"
    assert (
        broken(lambda r: r["questions"][1].update(options=["only one"])) == "questions[1].options"
    )
    assert broken(lambda r: r["questions"][2].update(criterion="AC9")) == "questions[2].criterion"
    assert broken(lambda r: r["questions"].append(dict(r["questions"][0]))).endswith(".id")
    assert broken(lambda r: r["questions"][3].pop("source")) == "questions[3].source"
    assert broken(lambda r: r.pop("knowledge")) == "knowledge"


answer_values = st.none() | st.booleans() | st.integers(-5, 8) | st.text(max_size=3) | st.floats()
answer_keys = st.sampled_from(sorted(BANK.questions)) | st.text(max_size=10)


@settings(max_examples=200, deadline=None)
@given(st.dictionaries(answer_keys, answer_values, max_size=6))
def test_answer_validation_property(answers):
    try:
        checked = validate_answers(answers, BANK)
    except CasekitError as err:
        assert err.field and err.field.startswith("answers")
    else:
        for qid, given_ in checked.items():
            q = BANK.questions[qid]
            assert given_ is None or (type(given_) is int and 0 <= given_ < len(q.options))
        result = mark(answers, BANK)
        assert 0 <= result.score <= result.out_of == len(answers)


bank_values = (
    st.none()
    | st.booleans()
    | st.integers(-2, 6)
    | st.text(max_size=5)
    | st.lists(st.text(max_size=5), max_size=5)
)


@settings(max_examples=150, deadline=None)
@given(
    st.integers(0, len(RAW["questions"]) - 1),
    st.sampled_from(["id", "options", "answer", "criterion", "question", "topic"]),
    bank_values,
)
def test_bank_loader_never_crashes(index, key, value):
    raw = copy.deepcopy(RAW)
    raw["questions"][index][key] = value
    try:
        bank = parse_bank(raw, origin="bank.toml", criteria={"AC5"})
    except CasekitError as err:
        assert err.field
    else:
        q = list(bank.questions.values())[index]
        assert 0 <= q.answer < len(q.options)
