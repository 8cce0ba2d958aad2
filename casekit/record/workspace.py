"""A workspace: one folder holding a learner's event log, its profile and its clock.

The folder holds ``casekit.sqlite`` (the log) and, when made from a scenario pack, a copy
of the learner's pack (``pack.json``). Everything else a learner or assessor sees is
derived from the log, so copying the folder copies the whole record.
"""

from __future__ import annotations

import gc
import hashlib
import secrets
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from casekit import __version__
from casekit.errors import CasekitError
from casekit.record.events import catalogue
from casekit.record.log import Event, EventLog, NewEvent

if TYPE_CHECKING:
    from casekit.record.projection import State
    from casekit.rules.profile import Profile

DB_NAME = "casekit.sqlite"
PACK_NAME = "pack.json"


def parse_at(value: str) -> datetime:
    return datetime.fromisoformat(value)


class Workspace:
    """A learner's workspace. Open one per process (or thread); appends are safe across
    processes because each runs in its own IMMEDIATE transaction."""

    def __init__(self, path: Path, log: EventLog) -> None:
        self.path = Path(path)
        self.log = log
        self._profile: Profile | None = None
        self._state: State | None = None

    # -- opening ----------------------------------------------------------------------
    @classmethod
    def create(
        cls,
        path: str | Path,
        *,
        profile: str = "default",
        start: datetime | None = None,
        learner: str = "learner",
        secret_seed: str | None = None,
        synthetic: bool = True,
    ) -> Workspace:
        """Make a new workspace folder. ``secret_seed`` makes a seeded workspace
        reproducible byte for byte; without it the key for personal digests is random."""
        path = Path(path)
        if (path / DB_NAME).exists():
            raise CasekitError(
                f"There is already a workspace at {path}.",
                field="workspace",
                advice="Open it instead, or choose another folder name.",
            )
        if path.exists() and not path.is_dir():
            raise CasekitError(f"{path} is a file, not a folder.", field="workspace")
        from casekit.rules.profile import load_profile

        loaded = load_profile(profile)  # fail before anything is written
        if start is None:
            from casekit.inputs.dates import uk_now

            start = uk_now().replace(hour=9, minute=0, second=0, microsecond=0)
        if secret_seed is not None:
            secret = hashlib.sha256(f"casekit-secret\n{secret_seed}".encode()).hexdigest()
            digest = hashlib.sha256(f"casekit-ws\n{secret_seed}".encode()).hexdigest()
            workspace_id = f"ws-{digest[:12]}"
        else:
            secret = secrets.token_hex(32)
            workspace_id = "ws-" + secrets.token_hex(6)
        made_folder = not path.exists()
        try:
            path.mkdir(parents=True, exist_ok=True)
        except OSError as err:
            raise CasekitError(
                f"The folder {path} could not be made ({err.strerror or err}).",
                field="workspace",
                advice="Choose a folder you can write to.",
            ) from None
        log = None
        try:
            log = EventLog(path / DB_NAME, secret=secret, readonly=False)
            log.set_meta({"secret": secret, "workspace_id": workspace_id})
            ws = cls(path, log)
            ws._profile = loaded
            ws.append(
                "workspace_created",
                {
                    "workspace_id": workspace_id,
                    "casekit_version": __version__,
                    "profile": profile,
                    "profile_id": loaded.id,
                    "start": start.isoformat(timespec="minutes"),
                    "learner": learner,
                    "synthetic": synthetic,
                },
                actor="system",
                at=start.isoformat(timespec="minutes"),
            )
        except BaseException:
            # A workspace without its creation event could never be opened: remove what
            # this call made (never anything that was in the folder before).
            if log is not None:
                log.close()
            _remove_new(path, made_folder)
            raise
        return ws

    @classmethod
    def open(cls, path: str | Path, *, inspect: bool = False) -> Workspace:
        """Open an existing workspace (read-only when its folder cannot be written).

        ``inspect`` opens one whose record was damaged outside casekit, to examine it
        (``verify`` reports the damage); ordinary opening refuses it."""
        path = Path(path)
        try:
            found = (path / DB_NAME).is_file()
        except OSError:  # a name too long: no workspace can be there
            found = False
        if not found:
            raise CasekitError(
                f"There is no casekit workspace at {path}.",
                field="workspace",
                advice="Check the folder name, or create one with 'casekit new'.",
            )
        return cls(path, EventLog(path / DB_NAME, inspect=inspect))

    def close(self) -> None:
        self.log.close()

    def __enter__(self) -> Workspace:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- facts about the workspace ----------------------------------------------------
    @property
    def created(self) -> Event:
        events = self.log.events(kinds=["workspace_created"])
        if not events:
            raise CasekitError(f"The workspace at {self.path} has no creation event.")
        return events[0]

    @property
    def id(self) -> str:
        return self.log.meta().get("workspace_id", "")

    @property
    def profile(self) -> Profile:
        if self._profile is None:
            from casekit.rules.profile import load_profile

            self._profile = load_profile(self.created.data["profile"])
        return self._profile

    @property
    def now(self) -> datetime:
        """The simulation clock: where the last ``clock_advanced`` left it, or the time of
        the latest event if later (an enquiry that arrived at 16:00 is answered after it),
        so the log's times never run backwards."""
        row = self.log.conn.execute(
            "SELECT json_extract(body, '$.data.to') FROM events "
            "WHERE kind = 'clock_advanced' ORDER BY seq DESC LIMIT 1"
        ).fetchone()
        clock = parse_at(row[0]) if row and row[0] else parse_at(self.created.data["start"])
        last = self.log.conn.execute(
            "SELECT json_extract(body, '$.at') FROM events ORDER BY seq DESC LIMIT 1"
        ).fetchone()
        if last and last[0]:
            clock = max(clock, parse_at(last[0]))
        return clock

    @property
    def pack_path(self) -> Path:
        return self.path / PACK_NAME

    # -- the log ----------------------------------------------------------------------
    @contextmanager
    def transaction(self) -> Iterator[Workspace]:
        """Read-check-append atomically: inside, ``events``, ``state`` and ``append`` see
        and extend the same log, and no other process can append in between."""
        try:
            with self.log.transaction():
                yield self
        except BaseException:
            self._state = None  # it may have seen events that were rolled back
            raise

    def append(
        self,
        kind: str,
        data: dict[str, Any] | None = None,
        *,
        case: str | None = None,
        personal: dict[str, Any] | None = None,
        actor: str = "learner",
        at: str | None = None,
    ) -> Event:
        """Append one event, checked against the event catalogue first."""
        catalogue().check(kind, data or {}, personal, case, actor)
        with self.transaction():
            when = at or self.now.isoformat(timespec="minutes")
            return self.log.append(
                NewEvent(
                    kind=kind, at=when, data=data or {}, case=case, actor=actor, personal=personal
                )
            )

    def append_many(self, new_events: Sequence[NewEvent]) -> list[Event]:
        """Append events in one transaction, each checked against the catalogue first."""
        known = catalogue()
        for new in new_events:
            known.check(new.kind, new.data, new.personal, new.case, new.actor)
        return self.log.append_many(new_events)

    def events(
        self, kinds: Iterable[str] | None = None, case: str | None = None, since: int = 0
    ) -> list[Event]:
        return self.log.events(kinds=kinds, case=case, since=since)

    def state(self, kinds: Iterable[str] | None = None) -> State:
        """The projection of the whole log, brought up to date incrementally.

        With ``kinds``, a fresh projection of only those kinds of event (not cached): the
        monitoring view needs a quarter of the log and reads only that.
        """
        from casekit.record.projection import State

        if kinds is not None:
            partial = State(self.profile)
            collecting = gc.isenabled()
            gc.disable()
            try:
                for event in self.log.events(kinds=kinds):
                    partial.apply(event)
            finally:
                if collecting:
                    gc.enable()
            return partial
        if self._state is None:
            self._state = State(self.profile)
        # Folding a long log allocates hundreds of thousands of small objects and no
        # reference cycles; the cyclic collector would rescan the growing heap again and
        # again (a third of the time on 200,000 events), so it waits until the fold ends.
        collecting = gc.isenabled()
        gc.disable()
        try:
            for event in self.log.events(since=self._state.seq):
                self._state.apply(event)
        finally:
            if collecting:
                gc.enable()
        return self._state

    def forget_projection(self) -> None:
        """Drop the cached projection (after personal values are erased under it)."""
        self._state = None

    def verify(self) -> list[Any]:
        return self.log.verify()


def _remove_new(path: Path, made_folder: bool) -> None:
    """Remove a half-made workspace's files, and its folder only if this call made it."""
    import shutil

    if made_folder:
        shutil.rmtree(path, ignore_errors=True)
        return
    for name in (DB_NAME, f"{DB_NAME}-wal", f"{DB_NAME}-shm"):
        (path / name).unlink(missing_ok=True)
