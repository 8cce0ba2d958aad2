"""The learner's session in one kernel: which workspace the forms use, and one open copy
of it shared by every form.

A learner's notebook says only ``ui.desk()``: where their workspace is and which pack it
starts from are found here (``CASEKIT_WORKSPACE`` and ``CASEKIT_PACK`` when ``make lab``,
``casekit app`` or a test sets them; else the ``my-workspace`` folder beside the notebooks
or in ``../workspaces``), and the workspace is made from the pack the first time.

Every form in the kernel reads the log through one open workspace per folder, whose
projection is brought up to date incrementally: after an action, ten forms refreshing
fold the new events once, not the whole log ten times. Other processes (another notebook,
the command line, the tutor's classroom clock) append through their own connections and
the next read sees their events.
"""

from __future__ import annotations

import os
from collections import OrderedDict
from pathlib import Path
from typing import TYPE_CHECKING

from casekit.errors import CasekitError

if TYPE_CHECKING:
    from casekit.api import Workspace

WORKSPACE_NAME = "my-workspace"
DEFAULT_PACK = "intro.json"
KEEP_OPEN = 4  # workspaces kept open at once (a learner uses one; tests make many)
_OPEN: OrderedDict[Path, tuple[tuple[int, int], Workspace]] = OrderedDict()


def learner_workspace(here: str | Path | None = None) -> Path:
    """The learner's workspace folder, as a notebook in ``here`` (default: the current
    folder) should find it: ``CASEKIT_WORKSPACE``, else ``my-workspace`` beside the
    notebook (a learner's own copy, made by ``make lab``), else ``../workspaces/my-workspace``
    (the kit's notebooks folder)."""
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
    """The scenario pack a new workspace starts from: ``CASEKIT_PACK``, else the intro
    pack of the kit (``../scenarios/intro.json`` from the notebooks or the learner's folder)."""
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


def ready_workspace(path: str | Path | None = None, pack: str | Path | None = None) -> Path:
    """The workspace folder, made from the pack the first time (an existing workspace is
    never changed)."""
    from casekit import api

    folder = Path(path) if path is not None else learner_workspace()
    if not api.is_workspace(folder):
        chosen = Path(pack) if pack is not None else learner_pack()
        if not chosen.is_file():
            raise CasekitError(
                f"Your workspace cannot be made: the case pack {chosen.name} is missing.",
                field="pack",
                advice="Open the start page and choose the case pack your tutor gave you.",
            )
        api.open_or_new(folder, pack=chosen).close()
    return folder


def _identity(db: Path) -> tuple[int, int] | None:
    try:
        stat = db.stat()
    except OSError:
        return None
    return (stat.st_dev, stat.st_ino)


def shared_workspace(path: str | Path) -> Workspace:
    """The open workspace at ``path`` that every form in this kernel shares.

    Raises a :class:`CasekitError` in the learner's words when there is none there yet.
    A folder whose log was replaced (made again) is opened afresh.
    """
    from casekit import api

    folder = Path(path).resolve()
    identity = _identity(folder / api.DB_NAME)
    if identity is None:
        raise CasekitError(
            f"There is no workspace in the folder {Path(path).name} yet.",
            field="workspace",
            advice="Open the start page, choose your case pack and press "
            "'Create or open my workspace'; this form fills in by itself once it is made.",
        )
    held = _OPEN.get(folder)
    if held is not None and held[0] == identity:
        _OPEN.move_to_end(folder)
        return held[1]
    if held is not None:
        held[1].close()
    ws = api.open_workspace(folder)
    _OPEN[folder] = (identity, ws)
    while len(_OPEN) > KEEP_OPEN:
        _old, (_id, stale) = _OPEN.popitem(last=False)
        stale.close()
    return ws


def forget(path: str | Path | None = None) -> None:
    """Close the shared workspace at ``path`` (every one when None)."""
    for folder in list(_OPEN) if path is None else [Path(path).resolve()]:
        held = _OPEN.pop(folder, None)
        if held is not None:
            held[1].close()
