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
    "class_results",
    "evidence_settings",
    "export_pack",
    "find_packs",
    "results_html",
    "results_view",
    "results_views",
    "review",
    "review_failed",
    "review_table",
    "save_table",
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
    ledger: str | Path | Sequence[str | Path] | None = None,
    trust: str | Path | None = None,
    template: str | Path | None = None,
    keys: str | Path | None = None,
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
        The assessor's ledger folder, or several (an assessor's and an IQA's).
    trust
        The centre's public keys (a file or a folder of .pub files): check signatures.
    template
        The centre's portfolio template the packs were made with.
    keys
        The folder of answer keys: the coach runs on each pack's log with the learner's
        key, adding ``traps_handled``, ``traps_mishandled``, ``traps_missed``,
        ``trap_problems`` and ``mistakes`` columns.

    Returns
    -------
    tuple
        The rows and the CSV columns.
    """
    from casekit.api.feedback import coach
    from casekit.evidence.review import review as rows

    return rows(
        packs,
        witness=witness,
        ledger=ledger,
        trust=trust,
        template=template,
        keys=keys,
        coach=coach if keys is not None else None,
    )


def review_table(
    packs: Iterable[str | Path],
    *,
    witness: str | Path | None = None,
    ledger: str | Path | Sequence[str | Path] | None = None,
    trust: str | Path | None = None,
    template: str | Path | None = None,
    keys: str | Path | None = None,
) -> Any:
    """The review as a pandas DataFrame, one row per pack (columns as :func:`review`).

    Parameters
    ----------
    packs, witness, ledger, trust, template, keys
        As for :func:`review`.

    Returns
    -------
    pandas.DataFrame
    """
    from casekit.evidence.review import review_frame

    found, columns = review(
        packs, witness=witness, ledger=ledger, trust=trust, template=template, keys=keys
    )
    return review_frame(found, columns)


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
    ledger: str | Path | Sequence[str | Path] | None = None,
    trust: str | Path | None = None,
    template: str | Path | None = None,
    keys: str | Path | None = None,
) -> list[dict[str, Any]]:
    """Review packs into a CSV file (or ``.xlsx``), written from the review's DataFrame
    with every cell formula-safe.

    Parameters
    ----------
    packs
        Pack folders or zips.
    out
        The CSV to write.
    witness, ledger, trust, template, keys
        As for :func:`review`.

    Returns
    -------
    list of dict
        The rows written.
    """
    from casekit.api.feedback import coach
    from casekit.evidence.review import write_review as write

    return write(
        packs,
        out,
        witness=witness,
        ledger=ledger,
        trust=trust,
        template=template,
        keys=keys,
        coach=coach if keys is not None else None,
    )


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
    from casekit.evidence.collected import find_packs as find

    return find(Path(folder))


def class_results(
    folder: str | Path,
    *,
    roster: str | Path | None = None,
    keys: str | Path | None = None,
    witness: str | Path | None = None,
    progress: bool = False,
) -> dict[str, Any]:
    """Per-learner results for a class: who submitted, each pack's integrity, the traps
    each learner handled, mishandled or missed (with the answer keys), their common
    mistakes and each criterion met, partly or not yet.

    Parameters
    ----------
    folder
        The collected packs (folders and zips; a folder and a zip of one learner's work
        count once).
    roster
        The class roster: every learner on it gets a row, submitted or not.
    keys
        The folder of answer keys (``tutor/keys`` of the class folder, or the class
        folder itself): the coach runs on each pack's log with the learner's key.
    witness
        The tutor's witness ledger: packs contradicting it are marked changed.
    progress
        Show a progress bar.

    Returns
    -------
    dict
        ``table`` (a pandas DataFrame, one row per learner), ``learners`` (the same as
        rows), ``criteria``, ``packs``, ``coverage``, ``mistakes``, ``traps``, ``problems``.
    """
    from casekit.api.feedback import coach
    from casekit.evidence.class_summary import class_results as results
    from casekit.evidence.class_summary import results_frame

    found = results(
        folder, roster=roster, keys=keys, witness=witness, coach=coach, progress=progress
    )
    found["table"] = results_frame(found)
    return found


def summarise_class(
    folder: str | Path,
    out: str | Path,
    *,
    roster: str | Path | None = None,
    keys: str | Path | None = None,
    witness: str | Path | None = None,
    progress: bool = True,
) -> dict[str, Any]:
    """Write a class's summary: ``learners.csv`` and ``learners.xlsx`` (one row per
    learner), ``coverage.csv``, ``mistakes.csv`` (with who made each), ``traps.csv``,
    ``packs.csv`` and two charts.

    Parameters
    ----------
    folder
        The collected packs.
    out
        Where to write the summary files.
    roster, keys, witness
        As for :func:`class_results`.
    progress
        Show a progress bar.

    Returns
    -------
    dict
        As :func:`class_results` (``table`` included).
    """
    from casekit.evidence.class_summary import write_summary

    found = class_results(folder, roster=roster, keys=keys, witness=witness, progress=progress)
    write_summary(Path(out), found)
    return found


def results_html(table: Any, *, caption: str = "") -> str:
    """A results table as HTML with red/amber/green cells (the words say it too).

    Parameters
    ----------
    table
        A pandas DataFrame from :func:`class_results` or :func:`review_table`.
    caption
        The table's caption.

    Returns
    -------
    str
        HTML, every value escaped.
    """
    from casekit.evidence.tables import styled_html

    return styled_html(table, caption=caption)


def results_view(
    table: Any, show: str = "everyone", sort: str = "", descending: bool = False
) -> Any:
    """The rows of a class's results table a tutor asks to see, sorted.

    Parameters
    ----------
    table
        The ``table`` from :func:`class_results`.
    show
        ``everyone``, ``struggling`` (a trap mishandled or missed, or a common mistake),
        ``not_submitted``, ``criterion_not_met`` or ``needs_a_look`` (changed, refused or
        flagged packs); :func:`results_views` labels them.
    sort
        A column to sort by ('' keeps the roster's order); criterion columns sort by how
        far the learner got.
    descending
        Largest first.

    Returns
    -------
    pandas.DataFrame
    """
    from casekit.evidence.learners import view

    return view(table, show, sort, descending)


def results_views() -> dict[str, str]:
    """The ways a tutor can filter the class's results, labelled for people.

    Returns
    -------
    dict
    """
    from casekit.evidence.learners import VIEWS

    return dict(VIEWS)


def save_table(table: Any, path: str | Path) -> Path:
    """Save a results table as CSV or, for a ``.xlsx`` path, a spreadsheet with filters
    and coloured cells; every cell formula-safe.

    Parameters
    ----------
    table
        A pandas DataFrame.
    path
        The file to write (``.csv`` or ``.xlsx``).

    Returns
    -------
    Path
    """
    from casekit.evidence.tables import save_table as save

    return save(table, path)


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
