"""Workspaces: make one (from a scenario pack), open one, read its record and check it.

A workspace is one folder holding a learner's event log; everything else is derived from
the log, so these few calls are all a command or a form needs to start from.
"""

from __future__ import annotations

import os
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from casekit.errors import CasekitError
from casekit.record.workspace import DB_NAME, Workspace

WORKSPACE_NAME = "my-workspace"
DEFAULT_PACK = "intro.json"

if TYPE_CHECKING:
    from casekit.record.log import ChainProblem, Event
    from casekit.record.projection import State

__all__ = [
    "DB_NAME",
    "Workspace",
    "audit_rows",
    "events",
    "is_workspace",
    "learner_pack",
    "learner_workspace",
    "log_head",
    "new_workspace",
    "open_or_new",
    "open_workspace",
    "state",
    "summarise",
    "verify_log",
    "workspaces_in",
]


def new_workspace(
    path: str | Path,
    *,
    pack: str | Path | None = None,
    profile: str | None = None,
    learner: str = "learner",
    start: str | datetime | None = None,
) -> Workspace:
    """Create a workspace; with a pack, load it so its first enquiries are in the inbox.

    A pack fixes the profile, the start date and the key for personal digests (from the
    pack's seed and the learner), so the same pack and actions give the same log.

    Parameters
    ----------
    path
        The folder to make; it must not hold a workspace already.
    pack
        A scenario pack (JSON) to load; without one the workspace holds real work.
    profile
        The protocol profile's name or file; by default the pack's, else ``default``.
    learner
        Who the workspace belongs to (part of the seed of its personal-data key).
    start
        When the simulation starts (a date starts at 09:00); by default the pack's start.

    Returns
    -------
    Workspace
        The open workspace. Close it (or use it in a ``with`` block) when done.

    Raises
    ------
    CasekitError
        When the folder holds a workspace, or the pack or start date is refused; nothing
        is left behind.
    """
    path = Path(path)
    if (path / DB_NAME).exists():
        raise CasekitError(
            f"There is already a workspace at {path}.",
            field="workspace",
            advice="Open it, or choose another folder.",
        )
    from casekit.inputs.dates import parse_datetime

    # A date alone starts the working day at 09:00; a time with a UTC offset is UK time.
    when = parse_datetime(start, "start") if start else None
    if pack is None:
        return Workspace.create(
            path, profile=profile or "default", start=when, learner=learner, synthetic=False
        )
    from casekit.scenarios.loader import load_pack
    from casekit.scenarios.pack import read_pack

    pack_data = read_pack(pack)
    _check_pack_copy(path, Path(pack))
    before = _present(path)
    ws = Workspace.create(
        path,
        profile=profile or pack_data.get("protocol_profile", "default"),
        start=when or datetime.fromisoformat(pack_data["start"]),
        learner=learner,
        secret_seed=f"{pack_data.get('seed')}:{learner}:{pack_data.get('pack_id')}",
        synthetic=True,
    )
    try:
        load_pack(ws, pack)
    except BaseException:
        ws.close()
        _remove_made(path, before)
        raise
    return ws


def open_or_new(
    path: str | Path, *, pack: str | Path | None = None, learner: str = "learner"
) -> Workspace:
    """Open the workspace at ``path``, or make it from ``pack`` if it does not exist yet.

    Parameters
    ----------
    path
        The workspace folder.
    pack
        The scenario pack to make it from when there is none yet.
    learner
        Who it belongs to, when it is made now.

    Returns
    -------
    Workspace
        The open workspace.
    """
    path = Path(path)
    if (path / DB_NAME).exists():
        return Workspace.open(path)
    return new_workspace(path, pack=pack, learner=learner)


_MADE = (DB_NAME, f"{DB_NAME}-wal", f"{DB_NAME}-shm", "pack.json")


def _present(path: Path) -> set[str] | None:
    """What of a workspace's files is already in ``path`` (None: the folder is not there)."""
    if not path.exists():
        return None
    return {name for name in _MADE if (path / name).exists()}


def _check_pack_copy(path: Path, pack: Path) -> None:
    """Refuse, before anything is written, to put the pack's copy over another file.

    The workspace keeps a copy of its pack as ``pack.json``; a file of that name already in
    the folder is the user's, unless it is the very pack being loaded."""
    copy = path / "pack.json"
    if copy.exists() and copy.resolve() != pack.resolve():
        raise CasekitError(
            f"The folder {path} already holds a file called pack.json that is not the pack "
            "you chose; it is left as it is.",
            field="workspace",
            advice="Choose another folder for the workspace.",
        )


def _remove_made(path: Path, before: set[str] | None) -> None:
    """Undo a half-made workspace: remove only what this call created, never a file that
    was there before (such as the user's own pack)."""
    import shutil

    if before is None:
        shutil.rmtree(path, ignore_errors=True)
        return
    for name in _MADE:
        if name not in before:
            (path / name).unlink(missing_ok=True)


def open_workspace(path: str | Path, *, inspect: bool = False) -> Workspace:
    """Open an existing workspace (read-only when its folder cannot be written).

    Parameters
    ----------
    path
        The workspace folder.
    inspect
        Open it even when its record was damaged outside casekit (its append-only
        protection removed, its version reset), to examine it: :func:`verify_log` then
        reports the damage. Ordinary opening refuses such a workspace.

    Returns
    -------
    Workspace
        The open workspace; use it in a ``with`` block to close it.

    Raises
    ------
    CasekitError
        When there is no casekit workspace there.
    """
    return Workspace.open(path, inspect=inspect)


def is_workspace(path: str | Path) -> bool:
    """Whether ``path`` holds a casekit workspace (its log file is there).

    Parameters
    ----------
    path
        A folder.

    Returns
    -------
    bool
    """
    return (Path(path) / DB_NAME).is_file()


def workspaces_in(folder: str | Path) -> list[Path]:
    """The workspace folders directly inside ``folder`` (a class's), sorted by name.

    Parameters
    ----------
    folder
        A folder holding one workspace folder per learner.

    Returns
    -------
    list of Path
        Empty when the folder is missing or holds none.
    """
    folder = Path(folder)
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.iterdir() if p.is_dir() and is_workspace(p))


def state(ws: Workspace) -> State:
    """The state derived from the workspace's log: cases, inbox, clocks, learner details.

    Parameters
    ----------
    ws
        An open workspace.

    Returns
    -------
    State
        Brought up to date with every event in the log.
    """
    return ws.state()


def events(
    ws: Workspace, *, kinds: list[str] | None = None, case: str | None = None
) -> list[Event]:
    """The events of the log, in order, optionally of some kinds or one case.

    Parameters
    ----------
    ws
        An open workspace.
    kinds
        Only events of these kinds.
    case
        Only events of this case reference.

    Returns
    -------
    list of Event
    """
    return ws.events(kinds=kinds, case=case)


def verify_log(ws: Workspace) -> list[ChainProblem]:
    """Check the workspace's hash chain and personal values.

    Parameters
    ----------
    ws
        An open workspace.

    Returns
    -------
    list of ChainProblem
        Empty when the chain holds; otherwise the problems, the first broken event first.
    """
    return ws.verify()


def summarise(event: Event) -> str:
    """The one-line summary of an event, as the audit trail and timelines show it.

    Parameters
    ----------
    event
        An event of the log.

    Returns
    -------
    str
    """
    from casekit.record.audit import summarise as line

    return line(event)


def audit_rows(events_: list[Event]) -> list[dict[str, Any]]:
    """One row per event (seq, at, case, actor, kind, summary, hash), for tables and CSV.

    Parameters
    ----------
    events_
        Events, in order.

    Returns
    -------
    list of dict
    """
    from casekit.record.audit import audit_rows as rows

    return rows(events_)


def log_head(ws: Workspace) -> tuple[int, str]:
    """The last event's number and hash: it changes whenever anything is appended, by
    this process or another, so a form can tell cheaply that the log has moved on.

    Parameters
    ----------
    ws
        An open workspace.

    Returns
    -------
    tuple of (int, str)
        ``(0, genesis)`` for an empty log.
    """
    return ws.log.head()


def learner_workspace(here: str | Path | None = None) -> Path:
    """The learner's workspace folder, as a notebook in ``here`` finds it.

    ``CASEKIT_WORKSPACE`` when set (``make lab``, ``casekit app`` and the tests set it);
    else ``my-workspace`` beside the notebook (the learner's own copies, made by
    ``make lab``); else ``../workspaces/my-workspace`` from the kit's ``notebooks/``.

    Parameters
    ----------
    here
        The notebook's folder; the current folder when None.

    Returns
    -------
    Path
        The folder (it may not hold a workspace yet).
    """
    chosen = os.environ.get("CASEKIT_WORKSPACE", "").strip()
    if chosen:
        return Path(chosen)
    base = Path(here) if here is not None else Path.cwd()
    beside = base / WORKSPACE_NAME
    in_the_kit = (base.parent / "scenarios").is_dir() and base.name != "workspaces"
    if beside.exists() or not in_the_kit:
        return beside
    return base.parent / "workspaces" / WORKSPACE_NAME


def learner_pack(here: str | Path | None = None) -> Path:
    """The scenario pack a learner's new workspace starts from.

    ``CASEKIT_PACK`` when set, else the kit's intro pack (``scenarios/intro.json`` here,
    one folder up, or beside the package).

    Parameters
    ----------
    here
        The notebook's folder; the current folder when None.

    Returns
    -------
    Path
    """
    chosen = os.environ.get("CASEKIT_PACK", "").strip()
    if chosen:
        return Path(chosen)
    base = Path(here) if here is not None else Path.cwd()
    for candidate in (
        base / "scenarios",
        base.parent / "scenarios",
        Path(__file__).resolve().parents[2] / "scenarios",
    ):
        if (candidate / DEFAULT_PACK).is_file():
            return candidate / DEFAULT_PACK
    return base.parent / "scenarios" / DEFAULT_PACK
