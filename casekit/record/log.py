"""The append-only, hash-chained event log: the one source of truth of a workspace.

Every learner action is one row in ``events``. Each row's hash covers its sequence
number, the previous hash, the digest of its personal values and its canonical body, so
editing, removing or reordering any stored byte breaks the chain. Personal values live in a
separate ``personal`` table and the event keeps only their salted digest: retention can
erase them (anonymisation) while the chain still verifies.

Concurrency: every append runs inside ``BEGIN IMMEDIATE``, so two processes writing one
workspace queue up on SQLite's write lock instead of forking the chain; ``seq`` is the
primary key, so a fork could not be stored even if they tried.
"""

from __future__ import annotations

import functools
import hashlib
import hmac
import json
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from casekit.record import storage
from casekit.record.storage import connect, guarded

GENESIS = "0" * 64


def canonical(value: Any) -> str:
    """Canonical JSON: sorted keys, no spaces, UTF-8 text. The bytes that get hashed."""
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def event_hash(seq: int, prev: str, pdigest: str, body: str) -> str:
    return hashlib.sha256(f"{seq}\n{prev}\n{pdigest}\n{body}".encode()).hexdigest()


def personal_digest(salt: str, data: str) -> str:
    return hashlib.sha256(f"{salt}\n{data}".encode()).hexdigest()


@dataclass(frozen=True)
class Event:
    """One stored event. ``personal`` is None when the event had none or it was erased."""

    seq: int
    at: str
    kind: str
    case: str | None
    actor: str
    data: dict[str, Any]
    personal: dict[str, Any] | None
    hash: str
    prev: str
    erased: bool = False

    def get(self, name: str, default: Any = None) -> Any:
        """A field from the personal values first, then the event data."""
        if self.personal and name in self.personal:
            return self.personal[name]
        return self.data.get(name, default)


@dataclass
class NewEvent:
    """An event about to be appended."""

    kind: str
    at: str
    data: dict[str, Any] = field(default_factory=dict)
    case: str | None = None
    actor: str = "learner"
    personal: dict[str, Any] | None = None


@dataclass(frozen=True)
class ChainProblem:
    """The first place where the stored log does not match its hashes."""

    seq: int
    reason: str

    def __str__(self) -> str:
        # seq 0 is the record as a whole (its protection), not one event
        return f"event {self.seq}: {self.reason}" if self.seq else f"the record: {self.reason}"


# Forward migrations: entry i upgrades a database at user_version i to i + 1.
def _guarded(method: Any) -> Any:
    """Storage failures inside a log method become one clear error (see storage.py)."""

    @functools.wraps(method)
    def wrapper(self: EventLog, *args: Any, **kwargs: Any) -> Any:
        with guarded(self.path):
            return method(self, *args, **kwargs)

    return wrapper


class EventLog:
    """Reads and appends events. Not thread-safe; open one per thread or process."""

    def __init__(
        self,
        path: Path,
        *,
        secret: str | None = None,
        readonly: bool | None = None,
        inspect: bool = False,
    ) -> None:
        """Open the log at ``path``.

        ``readonly`` (by default: when the file or folder cannot be written) reads without
        writing anything. ``inspect`` opens a log whose protection is damaged so that it
        can be examined: :meth:`verify` then reports the damage with the chain's problems;
        ordinary opening refuses such a log."""
        self.path = Path(path)
        if readonly is None:  # a record on a read-only share can still be read and checked
            readonly = self.path.exists() and not storage.writable(self.path)
        self.readonly = readonly
        self.conn = connect(self.path, readonly=readonly)
        self.protection: list[str] = []
        try:
            if not readonly and not inspect:
                storage.migrate(self.conn, self.path)
            if inspect:
                self.protection = storage.protection_problems(self.conn, self.path)
            else:
                storage.check(self.conn, self.path)
        except BaseException:
            self.conn.close()
            raise
        self._secret = secret
        self._in_tx = False
        self._erased_in_tx = False

    # -- meta -------------------------------------------------------------------------
    @_guarded
    def meta(self) -> dict[str, str]:
        return dict(self.conn.execute("SELECT key, value FROM meta"))

    @_guarded
    def set_meta(self, values: dict[str, str]) -> None:
        with self.transaction():
            for key, value in values.items():
                self.conn.execute(
                    "INSERT INTO meta(key, value) VALUES (?, ?) "
                    "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                    (key, value),
                )

    @property
    def secret(self) -> str:
        if self._secret is None:
            with guarded(self.path):
                row = self.conn.execute("SELECT value FROM meta WHERE key = 'secret'").fetchone()
            self._secret = row[0] if row else ""
        return self._secret

    # -- writing ----------------------------------------------------------------------
    @contextmanager
    def transaction(self) -> Iterator[EventLog]:
        """An IMMEDIATE transaction: reads inside it see every committed event, and no
        other writer can append until it ends. Nested use joins the outer transaction."""
        if self._in_tx:
            yield self
            return
        with guarded(self.path):
            self.conn.execute("BEGIN IMMEDIATE")
        self._in_tx = True
        try:
            yield self
        except BaseException:
            # A full disk or an I/O error can end the transaction inside SQLite already.
            if self.conn.in_transaction:
                with guarded(self.path):
                    self.conn.execute("ROLLBACK")
            raise
        else:
            with guarded(self.path):
                self.conn.execute("COMMIT")
                if self._erased_in_tx:
                    # The WAL still holds the pages as they were before the erasure: copy
                    # the zeroed pages into the database and empty the WAL.
                    self.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        finally:
            self._in_tx = False
            self._erased_in_tx = False

    @contextmanager
    def snapshot(self) -> Iterator[EventLog]:
        """A read transaction: every read inside sees the log as it was at the first one,
        whatever other processes append meanwhile (WAL keeps their pages apart). Export
        reads events, rows, personal values and the head inside one, so a pack is never a
        mix of two moments. Inside a write transaction it joins that one."""
        if self._in_tx:
            yield self
            return
        with guarded(self.path):
            self.conn.execute("BEGIN")
            self.conn.execute("SELECT COUNT(*) FROM meta").fetchone()  # pins the snapshot
        self._in_tx = True
        try:
            yield self
        finally:
            self._in_tx = False
            with guarded(self.path):
                self.conn.execute("COMMIT")

    def _salt(self, seq: int) -> str:
        # Derived, so a seeded workspace is reproducible; keyed, so a digest of a short
        # personal value cannot be brute-forced from the exported log alone.
        return hmac.new(self.secret.encode(), str(seq).encode(), hashlib.sha256).hexdigest()[:32]

    @_guarded
    def append_many(self, new_events: Sequence[NewEvent]) -> list[Event]:
        """Append events in one transaction: all of them are stored, or none."""
        stored: list[Event] = []
        with self.transaction():
            row = self.conn.execute(
                "SELECT seq, hash FROM events ORDER BY seq DESC LIMIT 1"
            ).fetchone()
            seq, prev = row if row else (0, GENESIS)
            rows_events = []
            rows_personal = []
            for new in new_events:
                seq += 1
                body_obj = {
                    "at": new.at,
                    "kind": new.kind,
                    "case": new.case,
                    "actor": new.actor,
                    "data": new.data,
                }
                body = canonical(body_obj)
                pdigest = ""
                if new.personal:
                    salt = self._salt(seq)
                    pdata = canonical(new.personal)
                    pdigest = personal_digest(salt, pdata)
                    rows_personal.append((seq, salt, pdata))
                digest = event_hash(seq, prev, pdigest, body)
                rows_events.append((seq, prev, pdigest, body, digest))
                stored.append(
                    Event(
                        seq=seq,
                        at=new.at,
                        kind=new.kind,
                        case=new.case,
                        actor=new.actor,
                        data=json.loads(canonical(new.data)),
                        personal=json.loads(canonical(new.personal)) if new.personal else None,
                        hash=digest,
                        prev=prev,
                    )
                )
                prev = digest
            self.conn.executemany(
                "INSERT INTO events(seq, prev, pdigest, body, hash) VALUES (?, ?, ?, ?, ?)",
                rows_events,
            )
            if rows_personal:
                self.conn.executemany(
                    "INSERT INTO personal(seq, salt, data) VALUES (?, ?, ?)", rows_personal
                )
        return stored

    def append(self, new: NewEvent) -> Event:
        return self.append_many([new])[0]

    @_guarded
    def erase_personal(self, seqs: Iterable[int]) -> int:
        """Remove personal values (the caller appends the erasure event in the same
        transaction). Returns how many rows were removed."""
        seqs = list(seqs)
        with self.transaction():
            self._erased_in_tx = True
            cur = self.conn.executemany("DELETE FROM personal WHERE seq = ?", [(s,) for s in seqs])
        return cur.rowcount

    # -- reading ----------------------------------------------------------------------
    @_guarded
    def head(self) -> tuple[int, str]:
        row = self.conn.execute("SELECT seq, hash FROM events ORDER BY seq DESC LIMIT 1").fetchone()
        return (row[0], row[1]) if row else (0, GENESIS)

    @_guarded
    def events(
        self,
        *,
        kinds: Iterable[str] | None = None,
        case: str | None = None,
        since: int = 0,
    ) -> list[Event]:
        sql = (
            "SELECT e.seq, e.prev, e.pdigest, e.body, e.hash, p.data "
            "FROM events e LEFT JOIN personal p ON p.seq = e.seq WHERE e.seq > ?"
        )
        params: list[Any] = [since]
        if kinds is not None:
            kinds = list(kinds)
            sql += f" AND e.kind IN ({','.join('?' * len(kinds))})"
            params.extend(kinds)
        if case is not None:
            sql += " AND e.case_ref = ?"
            params.append(case)
        sql += " ORDER BY e.seq"
        return [_row_to_event(row) for row in self.conn.execute(sql, params)]

    @_guarded
    def count(self) -> int:
        return self.conn.execute("SELECT COUNT(*) FROM events").fetchone()[0]

    def raw_rows(self) -> Iterator[tuple[int, str, str, str, str]]:
        """(seq, prev, pdigest, body, hash) in order: what gets exported and verified."""
        with guarded(self.path):
            yield from self.conn.execute(
                "SELECT seq, prev, pdigest, body, hash FROM events ORDER BY seq"
            )

    def raw_personal(self) -> Iterator[tuple[int, str, str]]:
        with guarded(self.path):
            yield from self.conn.execute("SELECT seq, salt, data FROM personal ORDER BY seq")

    @_guarded
    def verify(self) -> list[ChainProblem]:
        """The chain, and personal values: any that are gone must have been erased by a
        logged ``personal_data_erased`` event (an exported pack may omit them; a workspace
        may not)."""
        problems = verify_chain(self.raw_rows(), self.raw_personal())
        erased: set[int] = set()
        for event in self.events(kinds=["personal_data_erased"]):
            erased.update(int(seq) for seq in event.data.get("seqs", []))
        missing = self.conn.execute(
            "SELECT e.seq FROM events e LEFT JOIN personal p ON p.seq = e.seq "
            "WHERE e.pdigest != '' AND p.seq IS NULL ORDER BY e.seq"
        ).fetchall()
        problems.extend(
            ChainProblem(seq, "its personal values were removed without an erasure event")
            for (seq,) in missing
            if seq not in erased
        )
        problems.extend(ChainProblem(0, reason) for reason in self.protection)
        problems.sort(key=lambda p: p.seq)
        return problems

    def close(self) -> None:
        self.conn.close()


_scan_json = json.JSONDecoder().scan_once


def _loads(text: str) -> Any:
    """``json.loads`` for the canonical JSON this log writes, calling the C scanner
    directly: reading a long log decodes two documents per event, and the Python layers
    of ``json.loads`` cost a fifth of that. Anything unusual goes the ordinary way."""
    try:
        value, end = _scan_json(text, 0)
    except StopIteration:
        return json.loads(text)  # raises the usual, precise error
    return value if end == len(text) else json.loads(text)


def event_from_row(row: tuple[int, str, str, str, str], pdata: str | None) -> Event:
    """The event a raw row (and its personal values, if any are kept) stands for."""
    return _row_to_event((*row, pdata))


def _row_to_event(row: tuple[int, str, str, str, str, str | None]) -> Event:
    seq, prev, pdigest, body, digest, pdata = row
    obj = _loads(body)
    return Event(
        seq=seq,
        at=obj["at"],
        kind=obj["kind"],
        case=obj["case"],
        actor=obj["actor"],
        data=obj["data"],
        personal=_loads(pdata) if pdata else None,
        hash=digest,
        prev=prev,
        erased=bool(pdigest) and pdata is None,
    )


def verify_chain(
    rows: Iterable[tuple[int, str, str, str, str]],
    personal: Iterable[tuple[int, str, str]] = (),
) -> list[ChainProblem]:
    """Recompute every hash. Returns the problems found, first the first broken event.

    Erased personal values are not a problem (their digest stays in the chain); personal
    values that do not match their digest, or that belong to no event, are.
    """
    problems: list[ChainProblem] = []
    expected_prev = GENESIS
    expected_seq = 1
    digests: dict[int, str] = {}
    sha256 = hashlib.sha256
    for seq, prev, pdigest, body, digest in rows:
        if seq != expected_seq:
            problems.append(ChainProblem(expected_seq, f"missing (found event {seq} next)"))
            expected_seq = seq
        if prev != expected_prev:
            problems.append(ChainProblem(seq, "does not follow the event before it"))
        if sha256(f"{seq}\n{prev}\n{pdigest}\n{body}".encode()).hexdigest() != digest:
            problems.append(ChainProblem(seq, "its content does not match its hash"))
        if pdigest:
            digests[seq] = pdigest
        expected_prev = digest
        expected_seq = seq + 1
    for seq, salt, data in personal:
        if seq not in digests:
            problems.append(ChainProblem(seq, "has personal values but no digest for them"))
        elif personal_digest(salt, data) != digests[seq]:
            problems.append(ChainProblem(seq, "its personal values do not match their digest"))
    problems.sort(key=lambda p: p.seq)
    return problems
