"""Evidence: export a workspace as a pack, verify a pack, review packs, record assessor
decisions and IQA samples, and summarise a class.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from casekit.evidence.export import ExportResult
    from casekit.evidence.verify import Verification
    from casekit.record.workspace import Workspace

__all__ = [
    "bar_chart",
    "evidence_settings",
    "export_pack",
    "find_packs",
    "review",
    "review_failed",
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


def verify_pack(
    path: str | Path,
    *,
    template: str | Path | None = None,
    witness: str | Path | None = None,
) -> Verification:
    """Check a pack (folder or zip): every file's hash, the log's chain, every derived
    file rendered again from the log, and (given the tutor's ledger) the witnessed heads.

    Parameters
    ----------
    path
        The pack.
    template
        The centre's portfolio template the pack was made with (default: the kit's).
    witness
        The tutor's witness ledger file.

    Returns
    -------
    Verification
        ``consistent``, ``intact``, the problems found (each naming the file or event),
        notes, and the witness check; ``text()`` says it in plain words.
    """
    from casekit.evidence.verify import verify_pack as verify

    return verify(path, template=template, witness=witness)


def review(
    packs: Iterable[str | Path],
    *,
    witness: str | Path | None = None,
    ledger: str | Path | None = None,
    trust: str | Path | None = None,
    template: str | Path | None = None,
) -> tuple[list[dict[str, Any]], list[str]]:
    """One row per pack: learner, self-integrity, witness check, copying, coverage and
    the assessor's decisions (from the assessor's ledger only).

    Parameters
    ----------
    packs
        Pack folders or zips.
    witness
        The tutor's witness ledger file.
    ledger
        The assessor's ledger folder.
    trust
        The centre's public keys (a file or a folder of .pub files): check signatures.
    template
        The centre's portfolio template the packs were made with.

    Returns
    -------
    tuple
        The rows and the CSV columns.
    """
    from casekit.evidence.review import review as rows

    return rows(packs, witness=witness, ledger=ledger, trust=trust, template=template)


def review_failed(row: dict[str, Any]) -> bool:
    """Whether a review row needs the assessor's attention.

    Parameters
    ----------
    row
        A row from :func:`review`.

    Returns
    -------
    bool
        True when the pack changed, was refused, contradicts a witnessed or judged head,
        or is flagged as possibly copied.
    """
    from casekit.evidence.review import failed

    return failed(row)


def write_review(
    packs: Iterable[str | Path],
    out: str | Path,
    *,
    witness: str | Path | None = None,
    ledger: str | Path | None = None,
    trust: str | Path | None = None,
    template: str | Path | None = None,
) -> list[dict[str, Any]]:
    """Review packs into a CSV file.

    Parameters
    ----------
    packs
        Pack folders or zips.
    out
        The CSV to write.
    witness, ledger, trust, template
        As for :func:`review`.

    Returns
    -------
    list of dict
        The rows written.
    """
    from casekit.evidence.review import write_review as write

    return write(packs, out, witness=witness, ledger=ledger, trust=trust, template=template)


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
