"""The learner's session in one kernel: which workspace the forms use, and one open copy
of it shared by every form.

A learner's notebook says only ``ui.desk()``: where their workspace is and which pack it
starts from are found by :func:`casekit.api.learner_workspace` and
:func:`casekit.api.learner_pack`, and the workspace is made from the pack the first time.

Every form in the kernel reads the log through one open workspace per folder (and per
thread: JupyterLab may run a widget's callback on a kernel thread of its own, and an
SQLite connection belongs to the thread that opened it), whose projection is brought up
to date incrementally: after an action, ten forms refreshing fold the new events once, not
the whole log ten times. Other processes (another notebook, the command line, the tutor's
classroom clock) append through their own connections and the next read sees their
events.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from pathlib import Path
from typing import TYPE_CHECKING

from casekit.errors import CasekitError

if TYPE_CHECKING:
    from casekit.api import Workspace

KEEP_OPEN = 4  # workspaces a thread keeps open (a learner uses one; tests make many)
_OPEN: OrderedDict[tuple[Path, int], tuple[tuple[int, int], Workspace]] = OrderedDict()


def ready_workspace(path: str | Path | None = None, pack: str | Path | None = None) -> Path:
    """The workspace folder, made from the pack the first time (an existing workspace is
    never changed)."""
    from casekit import api

    folder = Path(path) if path is not None else api.learner_workspace()
    if not api.is_workspace(folder):
        chosen = Path(pack) if pack is not None else api.learner_pack()
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
    thread = threading.get_ident()
    key = (folder, thread)
    held = _OPEN.get(key)
    if held is not None and held[0] == identity:
        _OPEN.move_to_end(key)
        return held[1]
    if held is not None:
        held[1].close()
    ws = api.open_workspace(folder)
    _OPEN[key] = (identity, ws)
    mine = [k for k in _OPEN if k[1] == thread]
    for stale in mine[: max(0, len(mine) - KEEP_OPEN)]:  # only this thread may close its own
        _OPEN.pop(stale)[1].close()
    return ws


def forget(path: str | Path | None = None) -> None:
    """Close this thread's shared workspace at ``path`` (every one when None)."""
    thread = threading.get_ident()
    wanted = None if path is None else Path(path).resolve()
    for key in [k for k in _OPEN if k[1] == thread and wanted in (None, k[0])]:
        _OPEN.pop(key)[1].close()


def learner_workspace(here: str | Path | None = None) -> Path:
    """The learner's workspace folder (see :func:`casekit.api.learner_workspace`)."""
    from casekit import api

    return api.learner_workspace(here)


def learner_pack(here: str | Path | None = None) -> Path:
    """The pack a new workspace starts from (see :func:`casekit.api.learner_pack`)."""
    from casekit import api

    return api.learner_pack(here)
