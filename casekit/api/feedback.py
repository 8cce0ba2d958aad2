"""What the kit tells a learner about their work: deadlines and what needs doing, the
criteria and their coverage, and coaching on traps and common mistakes.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import pandas as pd

    from casekit.feedback.caseload import Arrival, AttentionItem, CaseRow
    from casekit.feedback.coaching import CoachReport
    from casekit.feedback.coverage import Coverage
    from casekit.feedback.monitoring import DeadlineRow
    from casekit.feedback.tutor_review import ForTutor
    from casekit.record.log import Event
    from casekit.record.projection import State
    from casekit.record.workspace import Workspace
    from casekit.rules.criteria import Catalogue

__all__ = [
    "answered_table",
    "answered_within_target",
    "arrivals",
    "attention",
    "case_rows",
    "cases_frame",
    "coach",
    "coaching_labels",
    "coverage",
    "coverage_chart",
    "coverage_rows",
    "coverage_view",
    "criteria",
    "deadline_rows",
    "desk_attention",
    "export_criteria_for_mahara",
    "for_tutor_to_confirm",
    "why_this_date",
]


def deadline_rows(state: State, today: date | None = None) -> list[DeadlineRow]:
    """Every clock of every case as one row: due date, working days left, flag.

    Parameters
    ----------
    state
        A workspace's state.
    today
        The day to count from; the simulation's today when None.

    Returns
    -------
    list of DeadlineRow
    """
    from casekit.feedback.monitoring import deadline_rows as rows

    return rows(state, today)


def for_tutor_to_confirm(ws: Workspace) -> list[ForTutor]:
    """What the learner recorded on trust for a tutor to confirm: the member's approval
    given another way (by phone, at a surgery) and para 23(2) reasons for acting without
    consent. The coaching and the tutor's view build on this list.

    Parameters
    ----------
    ws
        An open workspace.

    Returns
    -------
    list of ForTutor
        Each with its kind (``approval-another-way`` or ``para-23-2-reason``), case,
        event number, one-line summary and the details recorded.
    """
    from casekit.feedback.tutor_review import for_tutor_to_confirm as listed

    return listed(ws.state())


def attention(state: State, today: date | None = None) -> dict[str, list[DeadlineRow]]:
    """What needs doing today: overdue, due today, holding reply needed, coming up.

    Parameters
    ----------
    state
        A workspace's state.
    today
        The day to count from.

    Returns
    -------
    dict
        Heading to the rows under it.
    """
    from casekit.feedback.monitoring import attention as needs

    return needs(state, today)


def answered_within_target(state: State, by: str = "category") -> list[dict[str, Any]]:
    """The share of answered cases met within target, by ward, category, member or channel.

    Parameters
    ----------
    state
        A workspace's state.
    by
        ``ward``, ``category``, ``member`` or ``channel``.

    Returns
    -------
    list of dict
    """
    from casekit.feedback.monitoring import answered_within_target as share

    return share(state, by)


def answered_table(
    state: State, by: tuple[str, ...] = ("ward", "category", "channel")
) -> pd.DataFrame:
    """Answered within target by ward, category and channel, as one pandas DataFrame.

    Parameters
    ----------
    state
        A workspace's state.
    by
        The groupings wanted: any of ``ward``, ``category``, ``channel``, ``member``.

    Returns
    -------
    pandas.DataFrame
        ``by``, ``group``, ``answered``, ``within_target``, ``share``.
    """
    from casekit.feedback.reporting import answered_frame

    return answered_frame(state, by)


def cases_frame(state: State, today: date | None = None) -> pd.DataFrame:
    """The deadline view as a pandas DataFrame, one row per clock.

    Parameters
    ----------
    state
        A workspace's state.
    today
        The day to count from.

    Returns
    -------
    pandas.DataFrame
    """
    from casekit.feedback.monitoring import cases_frame as frame

    return frame(state, today)


def criteria(path: str | Path | None = None) -> Catalogue:
    """The criteria catalogue (the centre's, or the packaged provisional one).

    Parameters
    ----------
    path
        A centre's criteria file; the packaged one when None.

    Returns
    -------
    Catalogue
    """
    from casekit.rules.criteria import load_criteria

    return load_criteria(path)


def coverage(ws: Workspace) -> Coverage:
    """Which numbered evidence items in the workspace bear on which criteria, and whether
    each criterion has enough sound ones (met, partly met with the reasons, or not met).

    Parameters
    ----------
    ws
        An open workspace.

    Returns
    -------
    Coverage
    """
    from casekit.feedback.coverage import coverage as cover

    return cover(ws.events(), criteria(), ws.state())


def coverage_rows(cov: Coverage) -> list[dict[str, str]]:
    """The coverage matrix as rows (criterion, items, count, minimum, sufficient).

    Parameters
    ----------
    cov
        From :func:`coverage`.

    Returns
    -------
    list of dict
    """
    from casekit.feedback.coverage import rows

    return rows(cov, criteria())


def coverage_view(cov: Coverage) -> list[dict[str, Any]]:
    """The coverage matrix as the evidence pack and the export form show it.

    Parameters
    ----------
    cov
        From :func:`coverage`.

    Returns
    -------
    list of dict
    """
    from casekit.evidence.render import coverage_view as view

    return view(cov, criteria())


def coverage_chart(cov: Coverage, colour: str = "#1d4f91") -> str:
    """The coverage as an inline SVG bar chart.

    Parameters
    ----------
    cov
        From :func:`coverage`.
    colour
        The bars' colour.

    Returns
    -------
    str
        SVG markup.
    """
    from casekit.evidence.render import coverage_chart as chart

    return chart(cov, criteria(), colour)


def coach(ws: Workspace, key: dict[str, Any] | str | Path | None = None) -> CoachReport:
    """Coaching on the workspace: common mistakes, and with a tutor's answer key, how each
    planted trap was handled.

    Parameters
    ----------
    ws
        An open workspace.
    key
        The answer key (a tutor's), as a file or its contents.

    Returns
    -------
    CoachReport
    """
    from casekit.feedback.coaching import coach as run

    return run(ws, key)


def coaching_labels() -> dict[str, Any]:
    """The coaching wording: status labels and the texts of the common mistakes.

    Returns
    -------
    dict
    """
    from casekit.feedback.coaching import settings

    return settings()


def export_criteria_for_mahara(path: str | Path, source: str | Path | None = None) -> Path:
    """Write the criteria as a Mahara SmartEvidence framework (``.matrix``).

    Parameters
    ----------
    path
        Where to write it.
    source
        A centre's criteria file; the packaged one when None.

    Returns
    -------
    Path
    """
    from casekit.evidence.mahara import export_matrix

    return export_matrix(criteria(source), path)


def case_rows(state: State, today: date) -> list[CaseRow]:
    """The caseload as the desk lists it: one row per case, the most urgent first.

    Parameters
    ----------
    state
        A workspace's state.
    today
        The day to judge deadlines on.

    Returns
    -------
    list of CaseRow
        Each with the constituent, category, owner, councillor, the most urgent flag,
        the next deadline and the next step.
    """
    from casekit.feedback.caseload import case_rows as rows

    return rows(state, today)


def desk_attention(state: State, today: date) -> list[AttentionItem]:
    """What needs doing today, in words: deadlines overdue, holding replies needed,
    deadlines due today, chases nobody has answered, enquiries waiting in the inbox.

    Parameters
    ----------
    state
        A workspace's state.
    today
        The day to judge deadlines on.

    Returns
    -------
    list of AttentionItem
    """
    from casekit.feedback.caseload import attention as needs

    return needs(state, today)


def arrivals(state: State, delivered: list[Event]) -> list[Arrival]:
    """What the simulation delivered, each said as what it is and where to find it.

    Parameters
    ----------
    state
        The workspace's state after the delivery.
    delivered
        The delivered events (from an advance of the clock, or new in the log).

    Returns
    -------
    list of Arrival
    """
    from casekit.feedback.caseload import arrivals as said

    return said(state, delivered)


def why_this_date(clock: Any) -> list[str]:
    """How a deadline's date was reached, one line a step: receipt, the rule's length,
    each extension or stop, the date.

    Parameters
    ----------
    clock
        A clock of a case (``State.clocks(case)[clock_id]``).

    Returns
    -------
    list of str
    """
    from casekit.feedback.caseload import why_this_date as explain

    return explain(clock)
