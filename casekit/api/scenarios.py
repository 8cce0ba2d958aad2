"""Scenario packs: generate a learner's pack and its answer key, validate and read packs,
and make a pack per learner of a class from a roster.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from casekit.record.workspace import Workspace
    from casekit.scenarios.pack import Problem


__all__ = [
    "difficulties",
    "finish_portfolio",
    "generate_pack",
    "make_class_pack",
    "read_json",
    "read_key",
    "read_pack",
    "render_pack",
    "validate_pack",
    "work_model_answer",
    "workspace_pack",
    "write_text",
    "write_texts",
]


def difficulties() -> dict[str, str]:
    """The difficulty levels packs can be generated at, labelled for people.

    Returns
    -------
    dict
        Level id (``intro``, ``standard``, ``challenge``) to its label.
    """
    from casekit.scenarios import bank

    levels = bank.load("generation")["difficulty"]
    return {k: str(v.get("label") or k.capitalize()) for k, v in levels.items()}


def generate_pack(
    seed: int,
    cases: int,
    difficulty: str = "intro",
    *,
    learner: str | None = None,
    profile: str = "default",
) -> tuple[dict[str, Any], dict[str, Any]]:
    """Generate a pack and its answer key from a seed (the same seed, the same pack).

    Parameters
    ----------
    seed
        The pack's seed.
    cases
        How many cases.
    difficulty
        One of :func:`difficulties`.
    learner
        The learner it is for.
    profile
        The protocol profile it is set under.

    Returns
    -------
    tuple
        The pack and its answer key.
    """
    from casekit.scenarios.generate import generate

    return generate(seed, cases, difficulty, learner=learner, profile=profile)


def render_pack(pack: dict[str, Any], key: dict[str, Any]) -> tuple[str, str]:
    """The pack's and the key's JSON text, exactly as written to disk.

    Parameters
    ----------
    pack, key
        From :func:`generate_pack`.

    Returns
    -------
    tuple of str
    """
    from casekit.scenarios.generate import render

    return render(pack, key)


def validate_pack(value: Any) -> list[Problem]:
    """Every problem with a pack's contents, each with its JSON path.

    Parameters
    ----------
    value
        A parsed pack.

    Returns
    -------
    list of Problem
        Empty when it is a valid pack.
    """
    from casekit.scenarios.pack import validate_pack as validate

    return validate(value)


def read_json(path: str | Path, what: str = "pack") -> Any:
    """Read a pack or key file as untrusted JSON.

    Parameters
    ----------
    path
        The file.
    what
        ``pack`` or ``key``, for the messages.

    Returns
    -------
    object
    """
    from casekit.scenarios.pack import read_json as read

    return read(path, what)


def read_pack(path: str | Path) -> dict[str, Any]:
    """Read and validate a scenario pack.

    Parameters
    ----------
    path
        The pack file.

    Returns
    -------
    dict
    """
    from casekit.scenarios.pack import read_pack as read

    return read(path)


def read_key(path: str | Path) -> dict[str, Any]:
    """Read and validate an answer key.

    Parameters
    ----------
    path
        The key file.

    Returns
    -------
    dict
    """
    from casekit.scenarios.pack import read_key as read

    return read(path)


def write_text(path: str | Path, text: str) -> Path:
    """Write a pack or key file atomically.

    Parameters
    ----------
    path
        Where.
    text
        The JSON text.

    Returns
    -------
    Path
    """
    from casekit.scenarios.pack import write_text as write

    return write(path, text)


def write_texts(files: list[tuple[str | Path, str]]) -> list[Path]:
    """Write several files all or none, such as a pack and its answer key: when one cannot
    be written, none is (nor the folders made for them).

    Parameters
    ----------
    files
        ``(path, text)`` pairs.

    Returns
    -------
    list of Path
        The files written.
    """
    from casekit.scenarios.pack import write_texts as write

    return write([(Path(path), text) for path, text in files])


def workspace_pack(ws: Workspace) -> dict[str, Any]:
    """The scenario pack a workspace was made from.

    Parameters
    ----------
    ws
        An open workspace.

    Returns
    -------
    dict
    """
    from casekit.scenarios.simclock import load_workspace_pack

    return load_workspace_pack(ws)


def make_class_pack(
    roster: str | Path,
    seed: int,
    out_dir: str | Path,
    *,
    cases: int = 8,
    difficulty: str = "standard",
    profile: str = "default",
    progress: bool = False,
    workspaces: str | Path | None = None,
    centre: str = "",
) -> dict[str, Any]:
    """A pack per learner from a roster, answer keys kept apart for the tutor; and, given
    a folder for them, each learner's workspace loaded with their pack.

    Parameters
    ----------
    roster
        The roster CSV (as an MIS or spreadsheet exports it: headings such as
        ``Learner ID,Name`` or ``Student Number;Forename;Surname``, commas or semicolons).
    seed
        The class's seed (each learner's pack is derived from it).
    out_dir
        Where to write packs, keys and the class list.
    cases, difficulty, profile
        What each pack holds.
    progress
        Show a progress bar.
    workspaces
        A new folder for the learners' workspaces (``<folder>/<learner_id>``), each
        carrying the roster's name as the learner's details; none made when None.
    centre
        The centre's name, put in each workspace's learner details.

    Returns
    -------
    dict
        What was written (``learners``, ``out``, ``files``, ``workspaces``).
    """
    from casekit.api.workspaces import new_workspace
    from casekit.scenarios.classpack import make_class_pack as make

    return make(
        roster,
        seed,
        out_dir,
        cases=cases,
        difficulty=difficulty,
        profile=profile,
        progress=progress,
        workspaces=workspaces,
        create=new_workspace,
        centre=centre,
    )


def work_model_answer(ws: Workspace, key: dict[str, Any] | str | Path, *, days: int = 25) -> Any:
    """Work every case of the workspace's pack as the protocol asks (the model answer).

    Parameters
    ----------
    ws
        A workspace made from a scenario pack.
    key
        The pack's answer key (a file or its contents), so every trap is handled.
    days
        The most working days the run may take.

    Returns
    -------
    WorkedRun
        The cases worked, replies sent and days taken.
    """
    from casekit.scenarios.model_answer import work_pack

    return work_pack(ws, key, days=days)


def finish_portfolio(ws: Workspace, learner: str = "Alex Example") -> None:
    """The portfolio steps after the casework: details, reflection, knowledge check and
    the signed declaration, as a model learner would complete them.

    Parameters
    ----------
    ws
        An open workspace.
    learner
        The learner's name for the details and the declaration.

    Returns
    -------
    None
    """
    from casekit.scenarios.model_answer import finish_portfolio as finish

    finish(ws, learner)
