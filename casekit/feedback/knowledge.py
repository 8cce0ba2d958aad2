"""The knowledge check: multiple-choice questions on the protocols of casework (AC5).

Outcome LO6 is about *understanding* protocols (escalation routes, statutory clocks,
consent, neutrality, how meetings work), which a worked case shows only in part. The
question bank is data (``casekit/data/knowledge.toml``); every answer is marked at once
and explained with its source, and the result is an event in the log, so it is evidence.
"""

from __future__ import annotations

import random
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from casekit.errors import CasekitError
from casekit.rules.datafiles import DATA_DIR, Context, data_error, read_data, validate

if TYPE_CHECKING:
    from casekit.record.log import Event
    from casekit.record.workspace import Workspace
    from casekit.rules.criteria import Catalogue

DEFAULT_PATH = DATA_DIR / "knowledge.toml"
BANK_RULE = "knowledge-bank-format"
BANK_SOURCE = "the question bank format described in casekit/data/knowledge.toml"
ANSWER_RULE = "knowledge-answer"
ANSWER_SOURCE = "casekit knowledge check: one answer per question, by option number"


@dataclass(frozen=True)
class Question:
    id: str
    topic: str
    criterion: str
    question: str
    options: tuple[str, ...]
    answer: int
    explanation: str
    source: str


@dataclass(frozen=True)
class Bank:
    """A validated question bank."""

    path: str
    title: str
    default_count: int
    source: str
    questions: dict[str, Question]


@dataclass(frozen=True)
class QuestionResult:
    """One marked answer, with why the right answer is right."""

    id: str
    given: int | None
    correct: int
    right: bool
    explanation: str
    source: str
    criterion: str

    def as_data(self) -> dict[str, Any]:
        return {"id": self.id, "given": self.given, "correct": self.correct, "right": self.right}


@dataclass(frozen=True)
class Result:
    score: int
    out_of: int
    results: tuple[QuestionResult, ...]

    @property
    def criteria(self) -> list[str]:
        return sorted({r.criterion for r in self.results})

    def as_data(self) -> dict[str, Any]:
        return {
            "score": self.score,
            "out_of": self.out_of,
            "criteria": self.criteria,
            "results": [r.as_data() for r in self.results],
        }


def load_bank(path: str | Path | None = None, catalogue: Catalogue | None = None) -> Bank:
    """Load and validate the question bank; each question's criterion must be one the
    criteria catalogue knows (the packaged catalogue unless one is given)."""
    file = Path(path) if path is not None else DEFAULT_PATH
    context = Context(criteria=catalogue.criteria) if catalogue is not None else None
    return _build(read_data("knowledge", file, context=context), str(file))


def parse_bank(raw: Mapping[str, Any], *, origin: str, criteria: set[str]) -> Bank:
    """Validate an already-parsed bank, naming the file and every field at fault."""
    problems = validate("knowledge", raw, origin=origin, context=Context(criteria=criteria))
    if problems:
        raise data_error("knowledge", problems, origin)
    return _build(raw, origin)


def _build(raw: Mapping[str, Any], origin: str) -> Bank:
    """The bank from a checked file (ids unique, answers among the options)."""
    questions = {
        entry["id"].strip(): Question(
            id=entry["id"].strip(),
            topic=entry["topic"].strip(),
            criterion=entry["criterion"].strip(),
            question=entry["question"].strip(),
            options=tuple(o.strip() for o in entry["options"]),
            answer=entry["answer"],
            explanation=entry["explanation"].strip(),
            source=entry["source"].strip(),
        )
        for entry in raw["questions"]
    }
    head = raw["knowledge"]
    return Bank(
        path=origin,
        title=head["title"].strip(),
        default_count=min(head.get("default_count", 10), len(questions)),
        source=head["source"].strip(),
        questions=questions,
    )


def questions(n: int | None = None, seed: int = 0, bank: Bank | None = None) -> list[Question]:
    """A reproducible selection of ``n`` questions (the bank's default count if None):
    the same seed always gives the same questions in the same order."""
    bank = bank or load_bank()
    count = bank.default_count if n is None else n
    if (
        isinstance(count, bool)
        or not isinstance(count, int)
        or not 1 <= count <= len(bank.questions)
    ):
        raise CasekitError(
            f"Ask for between 1 and {len(bank.questions)} questions, not {n!r}.",
            rule=ANSWER_RULE,
            source=ANSWER_SOURCE,
            field="n",
        )
    ids = sorted(bank.questions)
    return [bank.questions[qid] for qid in random.Random(seed).sample(ids, count)]


def validate_answers(answers: Any, bank: Bank) -> dict[str, int | None]:
    """Check a learner's answers: a mapping of question id to option number (or None for
    a question left unanswered). Raises CasekitError naming the first faulty field."""
    if not isinstance(answers, Mapping) or not answers:
        raise CasekitError(
            "There are no answers to mark.",
            rule=ANSWER_RULE,
            source=ANSWER_SOURCE,
            field="answers",
            advice="Answer at least one question.",
        )
    checked: dict[str, int | None] = {}
    for qid, given in answers.items():
        question = bank.questions.get(qid) if isinstance(qid, str) else None
        if question is None:
            raise CasekitError(
                f"There is no question {qid!r} in the knowledge check.",
                rule=ANSWER_RULE,
                source=ANSWER_SOURCE,
                field=f"answers.{qid}",
                advice="Answer only the questions you were given.",
            )
        if given is not None and (
            isinstance(given, bool)
            or not isinstance(given, int)
            or not 0 <= given < len(question.options)
        ):
            raise CasekitError(
                f"The answer to question {qid!r} must be an option number from 0 to "
                f"{len(question.options) - 1}, not {given!r}.",
                rule=ANSWER_RULE,
                source=ANSWER_SOURCE,
                field=f"answers.{qid}",
                advice="Choose one of the options shown.",
            )
        checked[qid] = given
    return checked


def mark(answers: Mapping[str, int | None], bank: Bank | None = None) -> Result:
    """Mark answers: the score, and for each question right or wrong with the reason."""
    bank = bank or load_bank()
    checked = validate_answers(answers, bank)
    results = []
    for qid, given in checked.items():
        q = bank.questions[qid]
        results.append(
            QuestionResult(
                id=qid,
                given=given,
                correct=q.answer,
                right=given == q.answer,
                explanation=q.explanation,
                source=q.source,
                criterion=q.criterion,
            )
        )
    return Result(sum(r.right for r in results), len(results), tuple(results))


def record_result(
    ws: Workspace, answers: Mapping[str, int | None], bank: Bank | None = None
) -> Event:
    """Mark the answers and append ``knowledge_check_completed``; nothing is written when
    the answers are invalid."""
    result = mark(answers, bank)
    return ws.append("knowledge_check_completed", result.as_data())
