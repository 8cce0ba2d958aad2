"""What a learner is told when the record fails, and the record's own safeguards: each
storage failure is named by its rule with advice to act on, a damaged log is described
precisely, inspection never repairs what it inspects, and a snapshot holds still while
another notebook appends."""

from __future__ import annotations

import hashlib
import re
import sqlite3
from pathlib import Path

import pytest

from casekit.errors import CasekitError
from casekit.record import workspace
from casekit.record.log import ChainProblem, EventLog, NewEvent, verify_chain
from casekit.record.storage import SOURCE, connect, storage_error
from casekit.record.workspace import Workspace
from tests.conftest import make_workspace

AT = "2026-01-12T09:00"
DB = Path("/somewhere/ws-7/casekit.sqlite")


READ_ONLY = "Open your own copy of the workspace, or ask IT for write access to the folder."
DAMAGED = "Do not delete it: ask your tutor, who can restore it from a backup or the exported pack."
BUSY = "Close other notebooks or commands using this workspace, then try again."
CANNOT_OPEN = (
    "Check that the folder is still there and reachable (a network drive may have "
    "disconnected), then try again."
)


@pytest.mark.parametrize(
    ("sqlite_says", "rule", "message", "advice"),
    [
        (
            "database or disk is full",
            "disk-full",
            "The disk holding the workspace in ws-7 is full, so nothing was saved.",
            "Free some space (or ask IT to), then do it again: nothing of your work is lost.",
        ),
        (
            "attempt to write a readonly database",
            "read-only",
            "The workspace in ws-7 can be read but not written, so nothing was saved.",
            READ_ONLY,
        ),
        (
            "permission denied",
            "read-only",
            "The workspace in ws-7 can be read but not written, so nothing was saved.",
            READ_ONLY,
        ),
        (
            "file is not a database",
            "damaged-record",
            "The record in the workspace in ws-7 is damaged and cannot be read.",
            DAMAGED,
        ),
        (
            "database disk image is malformed",
            "damaged-record",
            "The record in the workspace in ws-7 is damaged and cannot be read.",
            DAMAGED,
        ),
        (
            "database is locked",
            "busy",
            "The workspace in ws-7 is busy with another program that did not let go.",
            BUSY,
        ),
        (
            "database is busy",
            "busy",
            "The workspace in ws-7 is busy with another program that did not let go.",
            BUSY,
        ),
        (
            "unable to open database file",
            "cannot-open",
            "The record in the workspace in ws-7 could not be opened.",
            CANNOT_OPEN,
        ),
        (
            "disk I/O error",
            "cannot-open",
            "The record in the workspace in ws-7 could not be opened.",
            CANNOT_OPEN,
        ),
        (
            "something else",
            "workspace-storage",
            "The record in the workspace in ws-7 could not be read or written (OperationalError).",
            "Try again; if it happens again, tell your tutor what you were doing.",
        ),
    ],
)
def test_each_storage_failure_is_named_with_what_to_do(
    sqlite_says: str, rule: str, message: str, advice: str
) -> None:
    err = storage_error(sqlite3.OperationalError(sqlite_says), DB)
    assert (err.rule, err.field) == (rule, "workspace")
    assert err.source == SOURCE == "casekit workspace record (append-only, hash-chained log)"
    assert (err.message, err.advice) == (message, advice)


def test_an_unknown_failure_names_its_kind_but_not_sqlite_internals() -> None:
    err = storage_error(sqlite3.IntegrityError("constraint failed"), DB)
    assert err.message == (
        "The record in the workspace in ws-7 could not be read or written (IntegrityError)."
    )


def test_chain_problems_say_which_event_or_the_record_as_a_whole() -> None:
    assert str(ChainProblem(3, "its content does not match its hash")) == (
        "event 3: its content does not match its hash"
    )
    assert str(ChainProblem(0, "its append-only protection was removed")) == (
        "the record: its append-only protection was removed"
    )


def test_personal_values_of_no_event_are_reported() -> None:
    body = '{"actor":"system","at":"2026-01-12T09:00","case":null,"data":{},"kind":"x"}'
    prev = "0" * 64
    digest = hashlib.sha256(f"1\n{prev}\n\n{body}".encode()).hexdigest()
    problems = verify_chain([(1, prev, "", body, digest)], [(1, "salt", "{}")])
    assert problems == [ChainProblem(1, "has personal values but no digest for them")]


def _log_with(tmp_path: Path, *changes: str) -> Path:
    path = tmp_path / "log.sqlite"
    log = EventLog(path, secret="s")
    log.append(NewEvent(kind="note", at=AT, case=None, data={}, personal=None))
    for sql in changes:
        log.conn.execute(sql)
    log.close()
    return path


@pytest.mark.parametrize(
    ("changes", "problem"),
    [
        (("PRAGMA user_version = 1",), "its record version is 1, not 2"),
        (("DROP TABLE personal",), "its table(s) personal are gone"),
        (("DROP TRIGGER events_no_update",), "its append-only protection was removed"),
    ],
)
def test_inspecting_a_damaged_log_describes_it_and_changes_nothing(
    tmp_path: Path, changes: tuple[str, ...], problem: str
) -> None:
    path = _log_with(tmp_path, *changes)
    if "version" not in problem:  # an older version is migrated on ordinary opening
        with pytest.raises(CasekitError) as err:
            EventLog(path)
        assert err.value.rule == "record-protection"
        assert err.value.message == (
            f"The record in the workspace {tmp_path.name} has been changed outside casekit: "
            f"{problem}. Its history can no longer be trusted as it is."
        )
        assert "tutor" in (err.value.advice or "")
    inspected = EventLog(path, inspect=True)
    assert inspected.protection == [problem]
    inspected.close()
    version = sqlite3.connect(path).execute("PRAGMA user_version").fetchone()[0]
    assert version == (1 if "version" in problem else 2)  # inspection never migrates


def test_a_writable_connection_enforces_foreign_keys_and_can_write(tmp_path: Path) -> None:
    conn = connect(tmp_path / "x.sqlite")
    assert conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert conn.execute("PRAGMA secure_delete").fetchone()[0] == 1  # erased means gone
    conn.execute("CREATE TABLE t (x INTEGER)")  # not opened read-only by default
    conn.close()


def test_a_snapshot_does_not_see_what_another_notebook_appends(tmp_path: Path) -> None:
    path = _log_with(tmp_path)
    reader, writer = EventLog(path), EventLog(path)
    note = NewEvent(kind="note", at=AT, case=None, data={}, personal=None)
    try:
        for expected in (1, 2):  # each snapshot holds from the moment it is taken
            with reader.snapshot() as held:
                assert held is reader
                writer.append(note)  # before the first read inside the snapshot
                assert held.count() == expected
        assert reader.count() == 3
        with reader.transaction(), reader.snapshot() as joined:
            assert joined is reader  # inside a write transaction it joins that one
    finally:
        reader.close()
        writer.close()


def test_a_closed_log_lets_go_of_its_file(tmp_path: Path) -> None:
    log = EventLog(_log_with(tmp_path))
    log.close()
    with pytest.raises(sqlite3.ProgrammingError):
        log.conn.execute("SELECT 1")


# -- making and opening a workspace ---------------------------------------------------------
def test_a_new_workspace_starts_at_nine_with_a_kept_secret(tmp_path: Path) -> None:
    ws = Workspace.create(tmp_path / "ws", profile="default", learner="t")
    try:
        assert (ws.now.hour, ws.now.minute) == (9, 0)
        secret = ws.log.meta()["secret"]
        assert re.fullmatch(r"[0-9a-f]{64}", secret)  # 256 bits from the system's randomness
        assert ws.pack_path == tmp_path / "ws" / "pack.json"
    finally:
        ws.close()
    with Workspace.open(tmp_path / "ws") as again:
        assert again.log.secret == secret  # the same salts after reopening


def test_a_folder_that_cannot_be_made_says_why(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(CasekitError) as err:
        Workspace.create(blocker / "ws", profile="default")
    assert "(Not a directory)" in err.value.message
    assert (err.value.field, err.value.advice) == ("workspace", "Choose a folder you can write to.")


def test_opening_a_missing_workspace_says_how_to_make_one(tmp_path: Path) -> None:
    with pytest.raises(CasekitError) as err:
        Workspace.open(tmp_path / "nowhere")
    assert err.value.advice == "Check the folder name, or create one with 'casekit new'."


def test_a_failure_before_the_log_exists_is_reported_as_itself(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refuse(*args: object, **kwargs: object) -> EventLog:
        raise CasekitError("no log today", field="workspace")

    monkeypatch.setattr(workspace, "EventLog", refuse)
    (tmp_path / "ws").mkdir()
    (tmp_path / "ws" / "notes.txt").write_text("mine")
    with pytest.raises(CasekitError, match="no log today"):
        Workspace.create(tmp_path / "ws", profile="default")
    assert [p.name for p in (tmp_path / "ws").iterdir()] == ["notes.txt"]


def test_a_half_made_workspace_leaves_no_record_behind(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def fail(*args: object, **kwargs: object) -> None:
        raise OSError("disk went away")

    monkeypatch.setattr(Workspace, "append", fail)
    (tmp_path / "ws").mkdir()
    with pytest.raises(OSError, match="disk went away"):
        Workspace.create(tmp_path / "ws", profile="default")
    assert list((tmp_path / "ws").iterdir()) == []
    monkeypatch.undo()
    make_workspace(tmp_path / "ws").close()  # the folder can be used again
