"""The learner's casework actions, and the words the forms offer.

Every action is a method of :class:`~casekit.casework.actions.Casework`: each checks what
was typed, applies the protocol's guards inside one transaction, and appends exactly the
events it means; a refusal is a :class:`~casekit.errors.CasekitError` that names the rule
and writes nothing.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from casekit.casework.actions import Casework, IntakeResult, Notice
from casekit.record.log import Event
from casekit.record.projection import Case, State
from casekit.rules.vocabulary import (
    APPROVAL_ROUTES,
    AWAITING,
    CASE_KINDS,
    CATEGORIES,
    CHANNELS,
    DIRECTIONS,
    NEEDS_EXEMPTION,
    OUTCOMES_FOR,
    PARA_23_2_REASONS,
    STAKEHOLDERS,
    STATUTORY_CLOCKS,
    STATUTORY_OUTCOMES,
    TITLES,
    VERIFICATION_RESULTS,
    Council,
)

if TYPE_CHECKING:
    from datetime import date

    from casekit.casework.next_step import NextStep
    from casekit.record.workspace import Workspace
    from casekit.rules.profile import EscalationRoute

__all__ = [
    "APPROVAL_ROUTES",
    "AWAITING",
    "CASE_KINDS",
    "CATEGORIES",
    "CHANNELS",
    "DIRECTIONS",
    "NEEDS_EXEMPTION",
    "OUTCOMES_FOR",
    "PARA_23_2_REASONS",
    "STAKEHOLDERS",
    "STATUTORY_CLOCKS",
    "STATUTORY_OUTCOMES",
    "TITLES",
    "VERIFICATION_RESULTS",
    "Case",
    "Casework",
    "Council",
    "Event",
    "IntakeResult",
    "Notice",
    "State",
    "actions",
    "duplicate_choices",
    "escalation_routes",
    "next_step",
]


def actions(ws: Workspace) -> Casework:
    """The learner's actions on a workspace.

    Parameters
    ----------
    ws
        An open workspace.

    Returns
    -------
    Casework
        Its methods (``receive_enquiry``, ``record_fact``, ``verify_fact``,
        ``acknowledge``, ``refer_to_service``, ``record_consent``, ``escalate``,
        ``start_clock``, ``extend_clock``, ``stop_clock``, ``restart_clock``,
        ``send_holding_reply``, ``send_reply``, ``send_statutory_response``,
        ``start_complaint_stage_two``, ``close``...) are the actions; each returns the
        event it appended.
    """
    return Casework(ws)


def escalation_routes(ws: Workspace) -> list[EscalationRoute]:
    """The escalation routes of the workspace's protocol profile, in the profile's order.

    Parameters
    ----------
    ws
        An open workspace.

    Returns
    -------
    list of EscalationRoute
        Each with its id, trigger, route, when and source.
    """
    return list(ws.profile.escalations)


def duplicate_choices(state: State, case_ref: str | None) -> list[tuple[str, str]]:
    """What a case may be linked to as a duplicate, for the "Link a duplicate" choice.

    Parameters
    ----------
    state
        The workspace's projection (``ws.state()``).
    case_ref
        The case being linked (``"CK-0001"``); ``None`` or empty for none chosen yet.

    Returns
    -------
    list of (str, str)
        ``(label, value)`` pairs: first the open cases held by another member or the MP
        that came with the case's enquiry (value: their reference, e.g. ``"MC3966"``),
        then this workspace's other cases (value: their case reference).
    """
    from casekit.casework.duplicates import duplicate_choices as choices

    return choices(state, case_ref)


def next_step(state: State, case_ref: str, today: date | None = None) -> NextStep | None:
    """What the protocol expects next on a case, why, and where the action is.

    The rules are the ordered table in ``casekit/data/next_steps.toml``; the first whose
    condition holds on the case (as its log stands) is the next step.

    Parameters
    ----------
    state
        A workspace's state.
    case_ref
        The case.
    today
        The day to judge deadlines on; the simulation's today when None.

    Returns
    -------
    NextStep or None
        ``do``, ``why``, ``source`` and ``where`` (the part of the desk that holds the
        action); None for an unknown case.
    """
    from casekit.casework.next_step import next_step as decide

    return decide(state, case_ref, today)
