"""The SQLite file under the log: opening it, its schema, and what goes wrong with disks.

A learner's record must never be half-written and never fail with a raw ``sqlite3``
message. This module opens a workspace's database (read-only when the folder or file
cannot be written, so checking a record on a read-only share still works), brings its
schema forward, checks that it is a casekit log whose append-only protection is intact,
and turns every storage failure (a full disk, a read-only folder, a damaged file, a busy
database) into one clear :class:`~casekit.errors.CasekitError`.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from casekit.errors import CasekitError

SCHEMA_VERSION = 2
BUSY_TIMEOUT_MS = 30_000
SOURCE = "casekit workspace record (append-only, hash-chained log)"

_APPEND_ONLY = "BEGIN SELECT RAISE(ABORT, 'casekit events are append-only'); END"
TRIGGERS = ("events_no_update", "events_no_delete", "personal_no_update")
TABLES = ("meta", "events", "personal")
# Forward migrations: entry i upgrades a database at user_version i to i + 1.
MIGRATIONS: list[list[str]] = [
    # 0 -> 1: the log itself.
    [
        "CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) STRICT",
        """CREATE TABLE events (
            seq INTEGER PRIMARY KEY,
            prev TEXT NOT NULL,
            pdigest TEXT NOT NULL,
            body TEXT NOT NULL,
            hash TEXT NOT NULL UNIQUE,
            kind TEXT GENERATED ALWAYS AS (json_extract(body, '$.kind')) VIRTUAL,
            case_ref TEXT GENERATED ALWAYS AS (json_extract(body, '$.case')) VIRTUAL
        ) STRICT""",
        """CREATE TABLE personal (
            seq INTEGER PRIMARY KEY REFERENCES events(seq),
            salt TEXT NOT NULL,
            data TEXT NOT NULL
        ) STRICT""",
        f"CREATE TRIGGER events_no_update BEFORE UPDATE ON events {_APPEND_ONLY}",
        f"CREATE TRIGGER events_no_delete BEFORE DELETE ON events {_APPEND_ONLY}",
        "CREATE TRIGGER personal_no_update BEFORE UPDATE ON personal "
        "BEGIN SELECT RAISE(ABORT, 'personal values can be erased, never changed'); END",
    ],
    # 1 -> 2: indexes for per-case and per-kind reads.
    [
        "CREATE INDEX events_kind ON events(kind)",
        "CREATE INDEX events_case ON events(case_ref)",
    ],
]
assert len(MIGRATIONS) == SCHEMA_VERSION


def refuse(message: str, advice: str, *, rule: str = "workspace-storage") -> CasekitError:
    return CasekitError(message, rule=rule, source=SOURCE, advice=advice, field="workspace")


def storage_error(err: sqlite3.Error, path: Path) -> CasekitError:
    """A storage failure in words a learner can act on; nothing was written."""
    text = str(err).lower()
    where = f"the workspace in {path.parent.name or path.parent}"
    if "full" in text:
        return refuse(
            f"The disk holding {where} is full, so nothing was saved.",
            "Free some space (or ask IT to), then do it again: nothing of your work is lost.",
            rule="disk-full",
        )
    if "readonly" in text or "read-only" in text or "permission" in text:
        return refuse(
            f"{where.capitalize()} can be read but not written, so nothing was saved.",
            "Open your own copy of the workspace, or ask IT for write access to the folder.",
            rule="read-only",
        )
    if "not a database" in text or "malformed" in text or "corrupt" in text:
        return refuse(
            f"The record in {where} is damaged and cannot be read.",
            "Do not delete it: ask your tutor, who can restore it from a backup or the "
            "exported pack.",
            rule="damaged-record",
        )
    if "locked" in text or "busy" in text:
        return refuse(
            f"{where.capitalize()} is busy with another program that did not let go.",
            "Close other notebooks or commands using this workspace, then try again.",
            rule="busy",
        )
    if "unable to open" in text or "disk i/o" in text:
        return refuse(
            f"The record in {where} could not be opened.",
            "Check that the folder is still there and reachable (a network drive may have "
            "disconnected), then try again.",
            rule="cannot-open",
        )
    return refuse(
        f"The record in {where} could not be read or written ({err.__class__.__name__}).",
        "Try again; if it happens again, tell your tutor what you were doing.",
    )


@contextmanager
def guarded(path: Path) -> Iterator[None]:
    """Run storage work, turning any ``sqlite3`` failure into one clear error."""
    try:
        yield
    except sqlite3.Error as err:
        raise storage_error(err, path) from None


def writable(path: Path) -> bool:
    """Whether casekit may write the database at ``path`` (and its folder, for the WAL)."""
    folder = path.parent
    if path.exists() and not os.access(path, os.W_OK):
        return False
    return os.access(folder, os.W_OK)


def connect(path: Path, *, readonly: bool = False) -> sqlite3.Connection:
    """Open the database with the durability settings casework needs (or read-only)."""
    with guarded(path):
        if readonly:
            return _connect_readonly(path)
        conn = sqlite3.connect(path, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None)
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("PRAGMA synchronous = FULL")
        conn.execute("PRAGMA foreign_keys = ON")
        # Erased personal values must not survive in free pages (retention means gone).
        conn.execute("PRAGMA secure_delete = ON")
        return conn


def _connect_readonly(path: Path) -> sqlite3.Connection:
    """Read a database casekit may not write. A WAL database in a read-only folder can
    only be opened as "immutable", which is safe only when no write-ahead file holds
    changes not yet in the database; otherwise say so rather than show an old record."""
    base = f"file:{path.resolve()}?mode=ro"
    try:
        conn = sqlite3.connect(base, uri=True, timeout=BUSY_TIMEOUT_MS / 1000)
        conn.execute("SELECT COUNT(*) FROM sqlite_master").fetchone()  # fails now, not later
    except sqlite3.OperationalError:
        wal = path.with_name(path.name + "-wal")
        if wal.exists() and wal.stat().st_size > 0:
            raise refuse(
                "This workspace can be read but not written, and its latest changes are "
                "still in a side file casekit cannot read without write access.",
                "Ask IT for write access to the folder (or a copy of the whole folder).",
                rule="read-only",
            ) from None
        conn = sqlite3.connect(f"{base}&immutable=1", uri=True)
        conn.execute("SELECT COUNT(*) FROM sqlite_master").fetchone()
    conn.isolation_level = None
    conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    return conn


def _objects(conn: sqlite3.Connection, kind: str) -> set[str]:
    rows = conn.execute("SELECT name FROM sqlite_master WHERE type = ?", (kind,)).fetchall()
    return {name for (name,) in rows}


def migrate(conn: sqlite3.Connection, path: Path) -> int:
    """Bring the schema forward to :data:`SCHEMA_VERSION`; returns the version found.

    A version number that disagrees with the tables present (a reset ``user_version``) is
    refused rather than "migrated" over an existing log."""
    with guarded(path):
        conn.execute("BEGIN IMMEDIATE")
        try:
            found = conn.execute("PRAGMA user_version").fetchone()[0]
            too_new(found)
            if found == 0 and _objects(conn, "table") & set(TABLES):
                raise damaged(path, "its schema version was reset")
            for version in range(found, SCHEMA_VERSION):
                for statement in MIGRATIONS[version]:
                    conn.execute(statement)
                conn.execute(f"PRAGMA user_version = {version + 1}")
            conn.execute("COMMIT")
        except BaseException:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise
    return found


def too_new(found: int) -> None:
    if found > SCHEMA_VERSION:
        raise refuse(
            f"This workspace was made by a newer casekit (record version {found}; this one "
            f"reads up to {SCHEMA_VERSION}).",
            "Open it with the newer casekit, or ask your tutor to update this one.",
            rule="newer-record",
        )


def damaged(path: Path, why: str) -> CasekitError:
    return refuse(
        f"The record in the workspace {path.parent.name} has been changed outside casekit: "
        f"{why}. Its history can no longer be trusted as it is.",
        "Do not work in it: ask your tutor, who can check it against the class's witness "
        "ledger and restore it from a backup or an exported pack.",
        rule="record-protection",
    )


def protection_problems(conn: sqlite3.Connection, path: Path) -> list[str]:
    """What is wrong with the database as a casekit log (empty when nothing): the record
    version, the tables, and the append-only triggers (dropping them would let history be
    rewritten in silence)."""
    with guarded(path):
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        too_new(version)
        if version != SCHEMA_VERSION:
            return [f"its record version is {version}, not {SCHEMA_VERSION}"]
        missing_tables = set(TABLES) - _objects(conn, "table")
        if missing_tables:
            return [f"its table(s) {', '.join(sorted(missing_tables))} are gone"]
        if set(TRIGGERS) - _objects(conn, "trigger"):
            return ["its append-only protection was removed"]
    return []


def check(conn: sqlite3.Connection, path: Path) -> None:
    """Refuse a database that is not a sound casekit log (see :func:`protection_problems`)."""
    problems = protection_problems(conn, path)
    if problems:
        raise damaged(path, problems[0])
