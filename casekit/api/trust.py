"""Trust anchored outside the learner's reach: the tutor's witness ledger of chain heads,
the assessor's own ledger of decisions and IQA samples, and Ed25519 signing keys.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from casekit.evidence.assessor import AssessorRecord
    from casekit.evidence.witness import Witnessed, WitnessResult

__all__ = [
    "assessor_record",
    "decision_choices",
    "new_key_pair",
    "read_assessor_ledger",
    "read_witness_ledger",
    "record_decision",
    "record_iqa_sample",
    "witness",
]


def witness(
    workspaces: Iterable[str | Path], ledger: str | Path, *, now: datetime | None = None
) -> list[WitnessResult]:
    """Record each workspace's chain head in the tutor's witness ledger.

    Parameters
    ----------
    workspaces
        The learners' workspace folders.
    ledger
        The ledger file (made on first use; keep it where learners cannot write).
    now
        The time to record (default: the computer's clock, in UTC).

    Returns
    -------
    list of WitnessResult
        One per workspace: the entry written, or why none was (a log that does not
        verify is named and not witnessed).
    """
    from casekit.evidence.witness import witness as record

    return record(workspaces, ledger, now=now)


def read_witness_ledger(ledger: str | Path) -> list[Witnessed]:
    """Every entry of a witness ledger, each link of its chain checked.

    Parameters
    ----------
    ledger
        The ledger file.

    Returns
    -------
    list of Witnessed
        Refused (CasekitError) at the first entry changed, removed or reordered.
    """
    from casekit.evidence.witness import read_ledger

    return read_ledger(ledger)


def new_key_pair(out: str | Path, holder: str) -> tuple[Path, Path]:
    """Make an Ed25519 signing key pair for an assessor or IQA.

    Parameters
    ----------
    out
        The name to write: ``OUT.key`` (private) and ``OUT.pub`` (public).
    holder
        The person the key belongs to, as they sign their decisions.

    Returns
    -------
    tuple of Path
        The private and the public key files.
    """
    from casekit.evidence.keys import new_key_pair as make

    return make(out, holder)


def decision_choices() -> list[str]:
    """The decisions an assessor may record on a criterion.

    Returns
    -------
    list of str
    """
    from casekit.evidence.config import settings

    return list(settings()["decisions"]["choices"])


def read_assessor_ledger(ledger: str | Path) -> list[dict[str, Any]]:
    """Every decision and IQA sample in an assessor's ledger folder, links checked.

    Parameters
    ----------
    ledger
        The assessor's ledger folder.

    Returns
    -------
    list of dict
        The entries in the order recorded (none for a new folder).
    """
    from casekit.evidence.assessor import read_ledger

    return read_ledger(ledger)


def assessor_record(ledger: str | Path, workspace_id: str) -> AssessorRecord:
    """The decisions and IQA samples an assessor's ledger holds for one workspace.

    Parameters
    ----------
    ledger
        The assessor's ledger folder.
    workspace_id
        The pack's workspace id (from its manifest).

    Returns
    -------
    AssessorRecord
    """
    from casekit.evidence.assessor import read_ledger, record_for

    return record_for(read_ledger(ledger), workspace_id)


def record_decision(
    ledger: str | Path,
    pack: str | Path,
    criterion: str,
    decision: str,
    feedback: str,
    assessor: str,
    on: date | str,
    *,
    key: str | Path | None = None,
    now: datetime | None = None,
) -> dict[str, Any]:
    """Record an assessor's decision on one criterion of a pack, in the assessor's ledger.

    Parameters
    ----------
    ledger
        The assessor's ledger folder (never inside a pack).
    pack
        The pack judged (folder or zip); it must verify.
    criterion
        The criterion id.
    decision
        One of :func:`decision_choices`.
    feedback
        The assessor's feedback (needed unless the criterion is met).
    assessor
        Who decided.
    on
        The date of the decision (not in the future, not before the course began).
    key
        The assessor's private key file, to sign the decision.
    now
        The time to record (default: the computer's clock).

    Returns
    -------
    dict
        The ledger entry written.
    """
    from casekit.evidence.assessor import record_decision as decide

    return decide(ledger, pack, criterion, decision, feedback, assessor, on, key=key, now=now)


def record_iqa_sample(
    ledger: str | Path,
    pack: str | Path,
    stage: str,
    criteria: list[str],
    outcome: str,
    iqa: str,
    on: date | str,
    comments: str = "",
    *,
    key: str | Path | None = None,
    now: datetime | None = None,
) -> dict[str, Any]:
    """Record an internal quality assurer's sample of a pack's decisions.

    Parameters
    ----------
    ledger
        The assessor's ledger folder holding the decisions sampled.
    pack
        The pack (folder or zip); it must verify.
    stage
        ``interim`` or ``summative``.
    criteria
        The criteria sampled (each must have a decision, made by someone else).
    outcome
        ``accept`` or ``reject``.
    iqa
        Who sampled.
    on
        The date.
    comments
        The IQA's comments (needed to reject).
    key
        The IQA's private key file, to sign the sample.
    now
        The time to record.

    Returns
    -------
    dict
        The ledger entry written.
    """
    from casekit.evidence.assessor import record_iqa_sample as sample

    return sample(ledger, pack, stage, criteria, outcome, iqa, on, comments, key=key, now=now)
