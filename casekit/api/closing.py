"""Closing a case and the learner's own portfolio steps: the satisfaction review (AC4),
reflective accounts, the knowledge check (AC5) and the declaration of authenticity.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from casekit.casework.satisfaction import SatisfactionRules
    from casekit.feedback.knowledge import Bank, Question, Result
    from casekit.record.log import Event
    from casekit.record.workspace import Workspace
    from casekit.rules.criteria import ReflectionModel

__all__ = [
    "default_statement",
    "knowledge_bank",
    "knowledge_questions",
    "mark_knowledge",
    "record_follow_up",
    "record_knowledge_result",
    "record_reflection",
    "reflection_models",
    "request_feedback",
    "satisfaction_rules",
    "satisfaction_summary",
    "sign_declaration",
    "simulate_all_answers",
    "simulate_answers",
]


def satisfaction_rules() -> SatisfactionRules:
    """The satisfaction review's rules: questions, scales, what counts as low.

    Returns
    -------
    SatisfactionRules
    """
    from casekit.casework.satisfaction import load_rules

    return load_rules()


def request_feedback(ws: Workspace, case_ref: str, stakeholder: str) -> Event:
    """Ask a stakeholder (``constituent``, ``member`` or ``colleague``) how the case went.

    Parameters
    ----------
    ws, case_ref
        The workspace and case.
    stakeholder
        Who is asked; nobody rates their own case.

    Returns
    -------
    Event
        The ``feedback_requested`` event.
    """
    from casekit.casework.satisfaction import request_feedback as ask

    return ask(ws, case_ref, stakeholder)


def simulate_answers(
    ws: Workspace, case_ref: str, key: dict[str, Any] | str | Path | None = None
) -> list[Event]:
    """The simulated stakeholders answer every open request on a case, scoring how it was
    handled: the pace of the replies and whether the protocol was kept.

    Parameters
    ----------
    ws, case_ref
        The workspace and case.
    key
        The tutor's answer key (a file or its contents), when there is one: the planted
        traps it judges mishandled or missed on the case (a missed safeguarding concern,
        a wrong person's consent) lower the scores too.

    Returns
    -------
    list of Event
        The ``feedback_received`` events.
    """
    from casekit.casework.satisfaction import simulate_answers as answer

    return answer(ws, case_ref, key=key)


def record_follow_up(ws: Workspace, case_ref: str, stakeholder: str, action: str) -> Event:
    """Record what was done about a low satisfaction score.

    Parameters
    ----------
    ws, case_ref
        The workspace and case.
    stakeholder
        Whose low score it answers.
    action
        What was done.

    Returns
    -------
    Event
    """
    from casekit.casework.satisfaction import record_follow_up as follow_up

    return follow_up(ws, case_ref, stakeholder, action)


def satisfaction_summary(events: Iterable[Event]) -> dict[str, dict[str, Any]]:
    """Satisfaction per stakeholder: asked, answered, mean score, low scores followed up.

    Parameters
    ----------
    events
        A workspace's events.

    Returns
    -------
    dict
        Stakeholder to its figures.
    """
    from casekit.casework.satisfaction import summary

    return summary(events)


def reflection_models() -> list[ReflectionModel]:
    """The reflective models (Gibbs, Kolb) with their sections, from the criteria file.

    Returns
    -------
    list of ReflectionModel
    """
    from casekit.evidence.reflection import models

    return models()


def record_reflection(
    ws: Workspace,
    *,
    model: str,
    case_ref: str,
    on: date | str,
    criteria: list[str],
    sections: dict[str, str],
) -> Event:
    """Record a reflective account on a case after checking every section is answered.

    Parameters
    ----------
    ws
        An open workspace.
    model
        ``gibbs`` or ``kolb``.
    case_ref
        The case reflected on.
    on
        The date of the account.
    criteria
        The criteria it addresses.
    sections
        Section id to text.

    Returns
    -------
    Event
    """
    from casekit.evidence.reflection import record_reflection as record

    return record(ws, model=model, case_ref=case_ref, date=on, criteria=criteria, sections=sections)


def knowledge_bank() -> Bank:
    """The knowledge check's question bank.

    Returns
    -------
    Bank
    """
    from casekit.feedback.knowledge import load_bank

    return load_bank()


def knowledge_questions(n: int | None = None, seed: int = 0) -> list[Question]:
    """A reproducible selection of questions.

    Parameters
    ----------
    n
        How many; all when None.
    seed
        Which selection.

    Returns
    -------
    list of Question
    """
    from casekit.feedback.knowledge import questions

    return questions(n, seed)


def mark_knowledge(answers: Mapping[str, int | None]) -> Result:
    """Mark answers (question id to the chosen option's index, or None).

    Parameters
    ----------
    answers
        The learner's answers.

    Returns
    -------
    Result
        Score, out of, and each answer marked with its explanation.
    """
    from casekit.feedback.knowledge import mark

    return mark(answers)


def record_knowledge_result(ws: Workspace, answers: Mapping[str, int | None]) -> Event:
    """Mark the answers and record the result in the log.

    Parameters
    ----------
    ws
        An open workspace.
    answers
        The learner's answers.

    Returns
    -------
    Event
    """
    from casekit.feedback.knowledge import record_result

    return record_result(ws, answers)


def default_statement() -> str:
    """The declaration of authenticity's wording.

    Returns
    -------
    str
    """
    from casekit.evidence.declaration import default_statement as statement

    return statement()


def sign_declaration(ws: Workspace, name: str, statement: str | None = None) -> Event:
    """The learner signs the declaration that the work is their own (needed for export).

    Parameters
    ----------
    ws
        An open workspace.
    name
        The learner's name, as recorded in their details.
    statement
        The declaration's wording; the default when None.

    Returns
    -------
    Event
    """
    from casekit.evidence.declaration import sign_declaration as sign

    return sign(ws, name, statement)


def simulate_all_answers(ws: Workspace) -> dict[str, list[Event]]:
    """Every case with feedback requests outstanding gets its answers (see
    :func:`simulate_answers`).

    Parameters
    ----------
    ws
        An open workspace.

    Returns
    -------
    dict
        Case reference to the ``feedback_received`` events appended on it; empty when no
        request was waiting.
    """
    from casekit.casework.satisfaction import pending as pending_feedback
    from casekit.casework.satisfaction import simulate_answers as answer

    events = ws.events(kinds=["feedback_requested", "feedback_received"])
    by_case: dict[str, list[Any]] = {}
    for event in events:
        by_case.setdefault(str(event.case), []).append(event)
    return {ref: answer(ws, ref) for ref, mine in by_case.items() if pending_feedback(mine)}
