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
    from casekit.record.workspace import Workspace

__all__ = [
    "assessor_feedback",
    "assessor_record",
    "decision_choices",
    "export_assessor_feedback",
    "iqa_choices",
    "load_assessor_feedback",
    "make_standardisation_set",
    "new_key_pair",
    "read_assessor_ledger",
    "read_witness_ledger",
    "record_decision",
    "record_iqa_sample",
    "sampling_plan",
    "standardisation_report",
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
    decisions_from: str | Path | list[str | Path] | None = None,
) -> dict[str, Any]:
    """Record an internal quality assurer's sample of a pack's decisions.

    Parameters
    ----------
    ledger
        The ledger folder the sample goes in: the IQA's own (with ``decisions_from``),
        or the assessor's ledger holding the decisions sampled.
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
    decisions_from
        The assessors' ledger folder(s) holding the decisions sampled (default:
        ``ledger``); the entry names each decision sampled by its hash.

    Returns
    -------
    dict
        The ledger entry written.
    """
    from casekit.evidence.assessor import record_iqa_sample as sample

    return sample(
        ledger,
        pack,
        stage,
        criteria,
        outcome,
        iqa,
        on,
        comments,
        key=key,
        now=now,
        decisions_from=decisions_from,
    )


def iqa_choices() -> dict[str, list[str]]:
    """The IQA's stages (interim, summative) and outcomes (accept, reject).

    Returns
    -------
    dict
        ``stages`` and ``outcomes``.
    """
    from casekit.evidence.config import settings

    conf = settings()["iqa"]
    return {"stages": list(conf["stages"]), "outcomes": list(conf["outcomes"])}


def sampling_plan(
    assessor_ledgers: str | Path | list[str | Path],
    stage: str,
    *,
    iqa_ledger: str | Path | None = None,
    seed: str = "",
    packs: Iterable[str | Path] | None = None,
) -> Any:
    """The IQA's sampling plan: which learners and decisions of each assessor to sample.

    At least the centre's percentage of each assessor's learners (``[sampling]`` in the
    evidence settings), never fewer than its minimum, and every criterion at least once;
    learners already sampled at this stage (in the IQA's ledger) count towards it.

    Parameters
    ----------
    assessor_ledgers
        The assessors' ledger folder(s).
    stage
        ``interim`` or ``summative``.
    iqa_ledger
        The IQA's own ledger folder (what was sampled already).
    seed
        Any text: the same ledgers and seed give the same plan.
    packs
        The packs at hand: each row names its pack file.

    Returns
    -------
    pandas.DataFrame
        learner, workspace_id, assessor, criteria, stage, why, already_sampled, pack.
    """
    import pandas as pd

    from casekit.evidence.iqa import PLAN_COLUMNS, packs_by_workspace
    from casekit.evidence.iqa import sampling_plan as plan

    where = packs_by_workspace([Path(p) for p in packs]) if packs is not None else None
    rows = plan(assessor_ledgers, stage, iqa_ledger=iqa_ledger, seed=seed, packs=where)
    return pd.DataFrame(rows, columns=PLAN_COLUMNS)


def make_standardisation_set(
    packs: Iterable[str | Path], out: str | Path, key_file: str | Path, *, seed: str = ""
) -> list[dict[str, str]]:
    """Anonymised copies of packs for a standardisation exercise (``S01``, ``S02``...),
    each an ordinary pack that verifies, and the key to them for the IQA.

    Parameters
    ----------
    packs
        The packs (each must verify).
    out
        A new folder for the set (give it to every assessor taking part).
    key_file
        Where the key (label, pack, learner) goes: outside the set.
    seed
        Any text: decides the order of the labels.

    Returns
    -------
    list of dict
        The key's rows.
    """
    from casekit.evidence.standardise import make_set

    return make_set([Path(p) for p in packs], out, key_file, seed=seed)


def standardisation_report(ledgers: Iterable[str | Path]) -> dict[str, Any]:
    """How far assessors agree on the packs they all judged: per criterion the observed
    agreement and Cohen's kappa (two assessors) or Fleiss' kappa (more); and every pack
    and criterion on which they differ.

    Parameters
    ----------
    ledgers
        The assessors' ledger folders (one each, or one they share).

    Returns
    -------
    dict
        ``summary`` and ``differences`` (pandas DataFrames) and ``assessors``.
    """
    import pandas as pd

    from casekit.evidence.standardise import agreement

    found = agreement(list(ledgers))
    return {
        "summary": pd.DataFrame(found["summary"]),
        "differences": pd.DataFrame(
            found["differences"], columns=["pack", "criterion", *found["assessors"]]
        ),
        "assessors": found["assessors"],
    }


def export_assessor_feedback(
    ledgers: str | Path | list[str | Path], pack: str | Path, out: str | Path
) -> Path:
    """Export the assessor's decisions and feedback on one pack as a file for the learner.

    Parameters
    ----------
    ledgers
        The assessor's ledger folder (and, to show the IQA's sample, the IQA's).
    pack
        The learner's pack that was judged (folder or zip; it must verify).
    out
        The file to write, or a folder (``<learner>-feedback.json`` in it).

    Returns
    -------
    Path
        The file written.
    """
    from casekit.evidence.feedback_file import write_feedback

    folders = [ledgers] if isinstance(ledgers, str | Path) else list(ledgers)
    return write_feedback(folders, pack, out)


def load_assessor_feedback(
    ws: Workspace, path: str | Path, *, trust: str | Path | None = None
) -> Any:
    """Load the assessor's feedback file into the learner's workspace (one
    ``assessor_feedback_loaded`` event), after checking each entry's hash, that it judged
    this workspace's own log, and (given the centre's keys) each signature.

    Parameters
    ----------
    ws
        The learner's open workspace.
    path
        The feedback file the assessor sent.
    trust
        The centre's public keys (a ``.pub`` file or a folder of them), to check the
        signatures; without them, whether it is signed is recorded.

    Returns
    -------
    Event
        The event appended. Refused (CasekitError, nothing written) when the file is not
        feedback, was changed, is about another workspace or a log that differs from this
        one, a signature does not check, or it is already loaded.
    """
    from casekit.evidence.feedback_file import load_feedback

    return load_feedback(ws, path, trust=trust)


def assessor_feedback(ws: Workspace) -> dict[str, list[dict[str, Any]]]:
    """The assessor's feedback the learner has loaded: the latest decision per criterion,
    and the IQA samples, for the learner's desk.

    Parameters
    ----------
    ws
        The learner's open workspace.

    Returns
    -------
    dict
        ``decisions`` (criterion, decision, feedback, assessor, on, loaded, checked) and
        ``iqa`` (stage, criteria, outcome, iqa, on, comments).
    """
    from casekit.evidence.feedback_file import EVENT, feedback_rows, iqa_rows

    events = ws.events(kinds=[EVENT])
    return {"decisions": feedback_rows(events), "iqa": iqa_rows(events)}
