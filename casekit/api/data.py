"""The data files a centre edits (profiles, criteria, question bank, satisfaction rules,
coaching texts, evidence settings, scenario banks, template settings): which kinds there
are, and every problem with one, so a centre can check its edits before a class.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from casekit.inputs.problems import Problem
    from casekit.rules.datafiles import DataKind

__all__ = ["check_data_file", "data_kind", "packaged_data_files", "read_data_file"]


def data_kind(name: str) -> DataKind:
    """The kind of data file called ``name`` (``profile``, ``criteria``...).

    Parameters
    ----------
    name
        The kind's name.

    Returns
    -------
    DataKind

    Raises
    ------
    CasekitError
        When there is no such kind; the message lists the kinds.
    """
    from casekit.rules.datafiles import kind_named

    return kind_named(name)


def packaged_data_files() -> list[tuple[DataKind, Path]]:
    """Every data file casekit ships, with its kind, in a fixed order.

    Returns
    -------
    list of tuple
        ``(kind, path)`` pairs.
    """
    from casekit.rules.datafiles import packaged_files

    return packaged_files()


def check_data_file(
    path: str | Path, kind: str | None = None
) -> tuple[DataKind | None, list[Problem]]:
    """Every problem with one data file (empty when it is sound); never raises for a bad
    file: unreadable, unparseable or unrecognised is one problem.

    Parameters
    ----------
    path
        The file.
    kind
        Its kind, when its name or contents do not say.

    Returns
    -------
    tuple
        The kind recognised (None when none) and the problems, each with its dotted field.
    """
    from casekit.rules.datafiles import check_file

    return check_file(path, kind)


def read_data_file(kind: str, path: str | Path | None = None) -> dict[str, Any]:
    """The checked content of a data file of ``kind`` (the packaged one by default).

    Parameters
    ----------
    kind
        The kind's name (``learner-words``, ``next-steps``...).
    path
        The file; the packaged one when None.

    Returns
    -------
    dict
        The file's content, checked against its schema and meaning.

    Raises
    ------
    CasekitError
        The file is missing, not TOML, or has problems (all of them listed).
    """
    from casekit.rules.datafiles import read_data

    return read_data(kind, path)
