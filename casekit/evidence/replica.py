"""A pack's log as a throwaway, read-only workspace, so the coach can judge a pack.

The coach (:func:`casekit.api.coach`) judges a workspace. A tutor holds learners' packs,
not their workspaces; a pack carries its whole log (``evidence/log.jsonl`` and its
personal values), so the events it shows are put into a fresh workspace in a temporary
folder, in order and with their own times, and the coach runs on that with the learner's
answer key. The copy is not the learner's record and is never kept: its chain is the
copy's own (a pseudonymised pack's events are the ones it shows), and it is removed when
the ``with`` block ends. Only packs that verified are copied.
"""

from __future__ import annotations

import secrets
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from casekit.record.log import EventLog, NewEvent
from casekit.record.workspace import DB_NAME, Workspace

if TYPE_CHECKING:
    from casekit.evidence.derive import Source


def replicate(source: Source, folder: Path, workspace_id: str = "") -> Workspace:
    """A workspace in ``folder`` (new) holding the events ``source`` shows, in order."""
    folder.mkdir(parents=True, exist_ok=True)
    secret = secrets.token_hex(32)
    log = EventLog(folder / DB_NAME, secret=secret)
    log.set_meta({"secret": secret, "workspace_id": workspace_id, "replica": "yes"})
    # Already read against the event catalogue when the pack was verified; an erased
    # event keeps its place without the personal values the catalogue would ask for.
    log.append_many(
        [
            NewEvent(
                kind=e.kind,
                at=e.at,
                data=e.data,
                case=e.case,
                actor=e.actor,
                personal=e.personal or None,
            )
            for e in source.events
        ]
    )
    return Workspace(folder, log)


@contextmanager
def pack_workspace(source: Source, workspace_id: str = "") -> Iterator[Workspace]:
    """The pack's events as a workspace for the length of the ``with`` block."""
    with tempfile.TemporaryDirectory(prefix="casekit-pack-replica-") as tmp:
        ws = replicate(source, Path(tmp) / "ws", workspace_id)
        try:
            yield ws
        finally:
            ws.close()
