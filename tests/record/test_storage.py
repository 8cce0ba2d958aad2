"""When the disk, the folder or the file itself goes wrong: one clear message, nothing
written, and a record damaged outside casekit refused (but open for inspection)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from casekit.casework.actions import Casework
from casekit.cli import main
from casekit.errors import CasekitError
from casekit.record import storage
from casekit.record.log import EventLog
from casekit.record.workspace import DB_NAME, Workspace
from tests.conftest import make_workspace

CONTACT = {"channel": "phone", "direction": "inbound"}


def _contact(ws: Workspace, party: str = "A. Person") -> None:
    ws.append("contact_logged", CONTACT, case="CK-0001", personal={"party": party})


@pytest.fixture
def made(tmp_path: Path) -> Path:
    ws = make_workspace(tmp_path / "ws")
    _contact(ws)
    ws.close()
    return tmp_path / "ws"


def test_a_full_disk_is_one_clear_error_and_writes_nothing(made: Path) -> None:
    with Workspace.open(made) as ws:
        before = ws.log.count()
        pages = ws.log.conn.execute("PRAGMA page_count").fetchone()[0]
        ws.log.conn.execute(f"PRAGMA max_page_count = {pages}")
        with pytest.raises(CasekitError) as err:
            for n in range(200):  # fill the last free page, then one more
                _contact(ws, "x" * 2000 + str(n))
        assert err.value.rule == "disk-full" and "nothing was saved" in err.value.message
        assert "sqlite" not in str(err.value).lower()
    with Workspace.open(made) as again:
        assert again.verify() == []
        assert again.log.count() >= before


def test_a_read_only_workspace_can_be_checked_but_not_written(made: Path) -> None:
    log = EventLog(made / DB_NAME, readonly=True)
    try:
        assert log.verify() == [] and log.count() == 2
        with pytest.raises(CasekitError) as err:
            log.set_meta({"x": "y"})
        assert err.value.rule == "read-only"
    finally:
        log.close()


def test_a_folder_casekit_cannot_write_is_opened_read_only(made: Path, monkeypatch) -> None:
    monkeypatch.setattr(storage.os, "access", lambda path, mode: False)
    with Workspace.open(made) as ws:
        assert ws.log.readonly and ws.verify() == []
        with pytest.raises(CasekitError) as err:
            _contact(ws)
        assert err.value.rule == "read-only"


def test_verify_log_works_on_a_read_only_workspace(made: Path, monkeypatch, capsys) -> None:
    monkeypatch.setattr(storage.os, "access", lambda path, mode: False)
    assert main(["verify-log", str(made)]) == 0
    assert "The log verifies" in capsys.readouterr().out


def test_a_damaged_file_is_named_as_damaged(tmp_path: Path) -> None:
    folder = tmp_path / "ws"
    folder.mkdir()
    (folder / DB_NAME).write_bytes(b"this is not a database" * 100)
    with pytest.raises(CasekitError) as err:
        Workspace.open(folder)
    assert err.value.rule == "damaged-record" and "Do not delete it" in err.value.advice


def test_dropped_triggers_are_refused_but_can_be_inspected(made: Path, capsys) -> None:
    conn = sqlite3.connect(made / DB_NAME, isolation_level=None)
    conn.execute("DROP TRIGGER events_no_delete")
    conn.close()
    with pytest.raises(CasekitError) as err:
        Workspace.open(made)
    assert err.value.rule == "record-protection" and "append-only" in err.value.message
    with Workspace.open(made, inspect=True) as ws:
        [problem] = ws.verify()
        assert problem.seq == 0 and "append-only protection" in str(problem)
    assert main(["verify-log", str(made)]) == 1
    assert "the record: its append-only protection was removed" in capsys.readouterr().out


def test_a_reset_schema_version_is_refused_not_migrated_over(made: Path) -> None:
    conn = sqlite3.connect(made / DB_NAME, isolation_level=None)
    conn.execute("PRAGMA user_version = 0")
    conn.close()
    with pytest.raises(CasekitError) as err:
        Workspace.open(made)
    assert err.value.rule == "record-protection" and err.value.field == "workspace"
    assert "changed outside casekit: its schema version was reset. Its history" in (
        err.value.message
    )


def test_a_newer_record_is_refused_with_what_to_do(made: Path) -> None:
    conn = sqlite3.connect(made / DB_NAME, isolation_level=None)
    conn.execute(f"PRAGMA user_version = {storage.SCHEMA_VERSION + 1}")
    conn.close()
    with pytest.raises(CasekitError) as err:
        Workspace.open(made)
    assert err.value.rule == "newer-record"
    assert err.value.message == (
        f"This workspace was made by a newer casekit (record version "
        f"{storage.SCHEMA_VERSION + 1}; this one reads up to {storage.SCHEMA_VERSION})."
    )
    assert err.value.advice == (
        "Open it with the newer casekit, or ask your tutor to update this one."
    )


def test_a_failed_creation_leaves_nothing_behind(tmp_path: Path, monkeypatch) -> None:
    def broken(*args, **kwargs):
        raise CasekitError("no room")

    monkeypatch.setattr(Workspace, "append", broken)
    with pytest.raises(CasekitError):
        Workspace.create(tmp_path / "new", secret_seed="s")
    assert not (tmp_path / "new").exists()
    (tmp_path / "mine").mkdir()
    (tmp_path / "mine" / "notes.txt").write_text("keep")
    with pytest.raises(CasekitError):
        Workspace.create(tmp_path / "mine", secret_seed="s")
    assert [p.name for p in (tmp_path / "mine").iterdir()] == ["notes.txt"]


@pytest.mark.parametrize("bad", ["Ann \ud800 Smith", "Ann\x00Smith"])
def test_broken_characters_are_refused_by_name(workspace: Workspace, bad: str) -> None:
    before = workspace.log.count()
    with pytest.raises(CasekitError) as err:
        Casework(workspace).receive_enquiry(
            constituent={"name": bad}, enquiry="Damp", category="housing"
        )
    assert err.value.field == "constituent name"
    assert workspace.log.count() == before


def test_a_broken_character_in_the_declaration_is_a_clear_error(made: Path, capsys) -> None:
    assert main(["declare", str(made), "--name", "Sam \udcff Learner"]) == 2
    err = capsys.readouterr().err
    assert "broken character" in err and "Traceback" not in err


def test_a_busy_record_is_waited_for_thirty_seconds(made: Path) -> None:
    """Another notebook's write finishes well within half a minute; longer would look like
    a hang to a learner, shorter would refuse work that only had to wait."""
    for readonly in (False, True):
        conn = storage.connect(made / DB_NAME, readonly=readonly)
        try:
            assert conn.execute("PRAGMA busy_timeout").fetchone()[0] == 30_000
        finally:
            conn.close()


def _no_shared_memory(monkeypatch) -> None:
    """A WAL database in a folder casekit cannot write: SQLite cannot make the shared
    memory file, so only an "immutable" open can read it."""
    real = sqlite3.connect

    def connect(target, *args, **kwargs):
        if "mode=ro" in str(target) and "immutable=1" not in str(target):
            raise sqlite3.OperationalError("unable to open database file")
        return real(target, *args, **kwargs)

    monkeypatch.setattr(storage.sqlite3, "connect", connect)


def test_a_read_only_folder_is_read_immutably_when_no_changes_wait(made: Path, monkeypatch):
    (made / f"{DB_NAME}-wal").write_bytes(b"")  # a side file with nothing in it
    _no_shared_memory(monkeypatch)
    log = EventLog(made / DB_NAME, readonly=True)
    try:
        assert log.verify() == [] and log.count() == 2
        assert log.conn.execute("PRAGMA busy_timeout").fetchone()[0] == 30_000
    finally:
        log.close()
    assert sorted(p.name for p in made.iterdir() if "file:" in p.name) == []


def test_a_read_only_folder_with_changes_in_the_side_file_is_refused(made: Path, monkeypatch):
    """Reading it immutably would show an old record as if it were the learner's latest."""
    (made / f"{DB_NAME}-wal").write_bytes(b"\0" * 64)
    _no_shared_memory(monkeypatch)
    with pytest.raises(CasekitError) as err:
        EventLog(made / DB_NAME, readonly=True)
    assert err.value.rule == "read-only" and err.value.field == "workspace"
    assert "latest changes are still in a side file" in err.value.message
    assert "write access" in err.value.advice
    assert err.value.source == storage.SOURCE
