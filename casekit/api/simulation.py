"""The simulation clock: advancing working days delivers what a pack's timeline holds.

A tutor moves a whole class on at once; one workspace that cannot move is reported and
the rest go on, so a classroom exercise never stops on one learner's problem.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from casekit.errors import CasekitError

if TYPE_CHECKING:
    from casekit.evidence.witness import Witnessed
    from casekit.record.log import Event
    from casekit.record.workspace import Workspace
    from casekit.scenarios.simclock import Advance

__all__ = ["DELIVERY_LABELS", "ClassAdvance", "advance", "advance_class", "delivery_label"]

DELIVERY_LABELS = {
    "inbox_item_delivered": "new enquiry",
    "service_replied": "service reply",
    "constituent_chased": "constituent chased",
    "record_changed": "record changed",
}


@dataclass(frozen=True)
class ClassAdvance:
    """What advancing one workspace of a class did, or why it could not."""

    path: Path
    start: datetime | None = None
    end: datetime | None = None
    working_days: int = 0
    delivered: list[Event] = field(default_factory=list)
    problem: CasekitError | None = None
    witnessed: Witnessed | None = None
    witness_problem: str = ""

    @property
    def ok(self) -> bool:
        return self.problem is None


def advance(ws: Workspace, days: int) -> Advance:
    """Move one workspace's clock on by working days and deliver what falls due.

    Parameters
    ----------
    ws
        An open workspace made from a scenario pack.
    days
        Working days to move on (a whole number, at least 1).

    Returns
    -------
    Advance
        Start, end, working days moved and the events delivered.

    Raises
    ------
    CasekitError
        When the number of days is not allowed or the workspace has no usable pack.
    """
    from casekit.scenarios.simclock import advance as move

    return move(ws, days)


def advance_class(
    paths: list[Path] | list[str],
    days: int,
    *,
    ledger: str | Path | None = None,
    now: datetime | None = None,
) -> list[ClassAdvance]:
    """Advance every workspace of a class by the same number of working days, and
    (given the tutor's witness ledger) record each one's chain head in it.

    Parameters
    ----------
    paths
        The workspace folders.
    days
        Working days to move on.
    ledger
        The tutor's witness ledger file: each workspace's head is witnessed after it
        moves, so heads are recorded at every classroom step without extra work.
    now
        The time to record in the ledger (default: the computer's clock).

    Returns
    -------
    list of ClassAdvance
        One per workspace, in the order given; a workspace that could not move carries
        its problem and the others are still advanced.
    """
    from dataclasses import replace

    from casekit.record.workspace import Workspace

    if ledger is not None:
        from casekit.evidence.witness import ready_to_append

        ready_to_append(ledger)  # a broken or unwritable ledger is refused before any clock moves

    results = []
    for path in map(Path, paths):
        try:
            with Workspace.open(path) as ws:
                moved = advance(ws, days)
        except CasekitError as err:
            results.append(ClassAdvance(path, problem=err))
            continue
        results.append(
            ClassAdvance(path, moved.start, moved.end, moved.working_days, moved.delivered)
        )
    if ledger is None:
        return results
    from casekit.evidence.witness import witness

    seen = witness([r.path for r in results], ledger, now=now)
    return [
        replace(r, witnessed=w.entry, witness_problem=w.problem)
        for r, w in zip(results, seen, strict=True)
    ]


def delivery_label(event: Event) -> str:
    """How a delivered event is named to a learner ("new enquiry", "service reply"...).

    Parameters
    ----------
    event
        A delivered event.

    Returns
    -------
    str
    """
    return DELIVERY_LABELS.get(event.kind, event.kind.replace("_", " "))
