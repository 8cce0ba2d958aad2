"""Evidence: export a workspace as a pack, verify a pack, review packs, record assessor
decisions and IQA samples, and summarise a class.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from casekit.evidence.assessor import AssessorRecord
    from casekit.evidence.export import ExportResult
    from casekit.evidence.verify import Verification
    from casekit.record.workspace import Workspace

__all__ = [
    "bar_chart",
    "evidence_settings",
    "export_pack",
    "find_packs",
    "read_assessor_record",
    "record_decision",
    "record_iqa_sample",
    "review",
    "summarise_class",
    "verify_pack",
    "write_review",
]


def export_pack(
    workspace: Workspace | str | Path,
    out: str | Path,
    *,
    zip_pack: bool = False,
    pdf: bool = False,
    template: str | Path | None = None,
) -> ExportResult:
    """Render the evidence pack from the workspace's log (needs a signed declaration).

    Parameters
    ----------
    workspace
        An open workspace or its folder.
    out
        The pack folder to write.
    zip_pack
        Also write a zip of it.
    pdf
        Also print it to PDF.
    template
        A centre's portfolio template folder.

    Returns
    -------
    ExportResult
        Where the pack, zip and PDF went.
    """
    from casekit.evidence.export import export_pack as export

    return export(workspace, out, zip_pack=zip_pack, pdf=pdf, template=template)


def verify_pack(path: str | Path) -> Verification:
    """Check a pack (folder or zip) has not changed since export.

    Parameters
    ----------
    path
        The pack.

    Returns
    -------
    Verification
        ``intact`` and the problems found, each naming the file or event.
    """
    from casekit.evidence.verify import verify_pack as verify

    return verify(path)


def review(packs: Iterable[str | Path]) -> tuple[list[dict[str, Any]], list[str]]:
    """One row per pack: learner, integrity, coverage, decisions.

    Parameters
    ----------
    packs
        Pack folders or zips.

    Returns
    -------
    tuple
        The rows and the problems met.
    """
    from casekit.evidence.review import review as rows

    return rows(packs)


def write_review(packs: Iterable[str | Path], out: str | Path) -> list[dict[str, Any]]:
    """Review packs into a CSV file.

    Parameters
    ----------
    packs
        Pack folders or zips.
    out
        The CSV to write.

    Returns
    -------
    list of dict
        The rows written.
    """
    from casekit.evidence.review import write_review as write

    return write(packs, out)


def find_packs(folder: str | Path) -> list[Path]:
    """The packs (folders and zips) in a folder of collected work.

    Parameters
    ----------
    folder
        Where the packs were collected.

    Returns
    -------
    list of Path
    """
    from casekit.evidence.class_summary import find_packs as find

    return find(Path(folder))


def summarise_class(folder: str | Path, out: str | Path, *, progress: bool = True) -> dict:
    """A class's coverage per criterion and most common mistakes, as CSV and a chart.

    Parameters
    ----------
    folder
        The collected packs.
    out
        Where to write the summary files.
    progress
        Show a progress bar.

    Returns
    -------
    dict
        What was written and the figures.
    """
    from casekit.evidence.class_summary import summarise_class as summarise

    return summarise(folder, out, progress=progress)


def read_assessor_record(pack_dir: str | Path) -> AssessorRecord | None:
    """The assessor's decisions and IQA samples recorded for a pack, if any.

    Parameters
    ----------
    pack_dir
        The pack folder.

    Returns
    -------
    AssessorRecord or None
    """
    from casekit.evidence.assessor import read_record

    return read_record(pack_dir)


def record_decision(
    pack_dir: str | Path,
    criterion: str,
    decision: str,
    feedback: str,
    assessor: str,
    on: date | str,
) -> dict[str, Any]:
    """Record an assessor's decision on one criterion of a pack.

    Parameters
    ----------
    pack_dir
        The pack folder.
    criterion
        The criterion id.
    decision
        ``ready``, ``not_met``, ``partly_met`` or ``met``.
    feedback
        The assessor's feedback.
    assessor
        Who decided.
    on
        When.

    Returns
    -------
    dict
        The entry recorded.
    """
    from casekit.evidence.assessor import record_decision as decide

    return decide(pack_dir, criterion, decision, feedback, assessor, on)


def record_iqa_sample(
    pack_dir: str | Path,
    stage: str,
    criteria: list[str],
    outcome: str,
    iqa: str,
    on: date | str,
    comments: str = "",
) -> dict[str, Any]:
    """Record an internal quality assurer's sample of a pack.

    Parameters
    ----------
    pack_dir
        The pack folder.
    stage
        ``interim`` or ``summative``.
    criteria
        The criteria sampled.
    outcome
        The IQA's outcome.
    iqa
        Who sampled.
    on
        When.
    comments
        The IQA's comments.

    Returns
    -------
    dict
    """
    from casekit.evidence.assessor import record_iqa_sample as sample

    return sample(pack_dir, stage, criteria, outcome, iqa, on, comments)


def evidence_settings() -> dict[str, Any]:
    """The evidence pack's rules and wording (decisions, limits, labels).

    Returns
    -------
    dict
    """
    from casekit.evidence.config import settings

    return settings()


def bar_chart(
    labels: Sequence[str],
    values: Sequence[float],
    *,
    title: str,
    max_value: float | None = None,
    target: float | None = None,
    colour: str = "#1d4f91",
    width: int = 640,
    standalone: bool = True,
) -> str:
    """A deterministic SVG bar chart.

    Parameters
    ----------
    labels, values
        One bar each.
    title
        The chart's title (also its accessible name).
    max_value, target
        The axis's end and a target line.
    colour, width, standalone
        How it is drawn.

    Returns
    -------
    str
        SVG markup.
    """
    from casekit.evidence.charts import bar_chart as chart

    return chart(
        labels,
        values,
        title=title,
        max_value=max_value,
        target=target,
        colour=colour,
        width=width,
        standalone=standalone,
    )
