"""The hash-chained event log: round trips, the chain, tampering, migrations, erasure."""

from __future__ import annotations

import hashlib
import itertools
import json
import sqlite3
from datetime import date
from pathlib import Path

import pytest

from casekit.casework.actions import Casework
from casekit.cli import main
from casekit.errors import CasekitError
from casekit.record.log import (
    GENESIS,
    EventLog,
    NewEvent,
    canonical,
    event_hash,
    personal_digest,
    verify_chain,
)
from casekit.record.projection import ERASED
from casekit.record.storage import BUSY_TIMEOUT_MS, SCHEMA_VERSION, connect
from casekit.record.storage import MIGRATIONS as _MIGRATIONS
from casekit.record.workspace import DB_NAME, Workspace
from tests.approved import send_approved

AT = "2026-01-12T09:00"


def _fill(log: EventLog, n: int = 6) -> None:
    """Events alternating with and without personal values."""
    for i in range(1, n + 1):
        log.append(
            NewEvent(
                kind="contact_logged",
                at=AT,
                case="CK-0001",
                data={"channel": "email", "direction": "inbound", "n": i},
                personal={"party": f"Person {i}", "summary": f"said thing {i}"}
                if i % 2 == 0
                else None,
            )
        )


@pytest.fixture
def log(tmp_path: Path) -> EventLog:
    result = EventLog(tmp_path / DB_NAME, secret="s3cret")
    _fill(result)
    yield result
    result.close()


class _Tamperer(sqlite3.Connection):
    """A careful tamperer: drops the append-only triggers, edits, and puts the triggers
    back on closing, so only the hash chain can give the edit away."""

    def close(self) -> None:
        for statement in _MIGRATIONS[0]:
            if statement.startswith("CREATE TRIGGER"):
                self.execute(statement)
        super().close()


def _raw(path: Path) -> sqlite3.Connection:
    """A plain connection with the append-only triggers dropped: what a tamperer has."""
    conn = sqlite3.connect(path, isolation_level=None, factory=_Tamperer)
    for trigger in ("events_no_update", "events_no_delete", "personal_no_update"):
        conn.execute(f"DROP TRIGGER IF EXISTS {trigger}")
    return conn


def _flip(text: str, at: int) -> str:
    """``text`` with the character at ``at`` changed to another of the same class."""
    old = text[at]
    new = ("1" if old != "1" else "2") if old.isdigit() else ("b" if old != "b" else "c")
    return text[:at] + new + text[at + 1 :]


# -- round trip and canonical form ------------------------------------------------------
def test_canonical_is_sorted_compact_utf8() -> None:
    assert canonical({"b": 1, "a": "é", "c": [1, {"z": None, "y": True}]}) == (
        '{"a":"é","b":1,"c":[1,{"y":true,"z":null}]}'
    )


def test_append_and_read_round_trip(tmp_path: Path) -> None:
    log = EventLog(tmp_path / DB_NAME, secret="k")
    new = NewEvent(
        kind="fact_recorded",
        at=AT,
        case="CK-0001",
        actor="learner",
        data={"fact_id": "F1", "claimed_by": "constituent", "tuple": (1, 2)},
        personal={"statement": "Bin missed on Tuesday — twice"},
    )
    stored = log.append(new)
    (read,) = log.events()
    assert read == stored
    assert read.seq == 1 and read.prev == GENESIS
    assert read.data == {"fact_id": "F1", "claimed_by": "constituent", "tuple": [1, 2]}
    assert read.get("statement") == "Bin missed on Tuesday — twice"
    assert read.get("fact_id") == "F1"
    assert read.get("missing", "x") == "x"
    (seq, prev, pdigest, body, digest) = next(log.raw_rows())
    assert body == canonical(
        {
            "at": AT,
            "kind": "fact_recorded",
            "case": "CK-0001",
            "actor": "learner",
            "data": read.data,
        }
    )
    (_, salt, pdata) = next(log.raw_personal())
    assert pdata == canonical(new.personal)
    assert pdigest == personal_digest(salt, pdata)
    assert digest == event_hash(seq, prev, pdigest, body)
    assert digest == hashlib.sha256(f"1\n{GENESIS}\n{pdigest}\n{body}".encode()).hexdigest()
    log.close()


def test_reads_filter_by_kind_case_and_since(log: EventLog) -> None:
    log.append(NewEvent(kind="reply_sent", at=AT, case="CK-0002", data={}))
    assert [e.seq for e in log.events(kinds=["reply_sent"])] == [7]
    assert [e.seq for e in log.events(case="CK-0002")] == [7]
    assert [e.seq for e in log.events(since=5)] == [6, 7]
    assert log.count() == 7
    assert log.head() == (7, log.events()[-1].hash)


def test_append_many_is_all_or_nothing(log: EventLog) -> None:
    before = log.count()
    bad = [NewEvent(kind="x", at=AT), NewEvent(kind="y", at=AT, data={"not json": object()})]
    with pytest.raises(TypeError):
        log.append_many(bad)
    assert log.count() == before
    assert log.verify() == []


def test_salts_are_reproducible_from_the_secret(tmp_path: Path) -> None:
    logs = [EventLog(tmp_path / f"{i}.sqlite", secret="same") for i in range(2)]
    for one in logs:
        _fill(one)
    assert list(logs[0].raw_rows()) == list(logs[1].raw_rows())
    other = EventLog(tmp_path / "other.sqlite", secret="different")
    _fill(other)
    assert next(iter(other.raw_personal()))[1] != next(iter(logs[0].raw_personal()))[1]
    for one in [*logs, other]:
        one.close()


def test_each_event_has_its_own_salt(tmp_path: Path) -> None:
    """One salt for all events would make the same person's digests equal across events,
    linking them in an exported log whose personal values were erased."""
    log = EventLog(tmp_path / "salts.sqlite", secret="s")
    same = {"party": "Person A", "summary": "same words"}
    for _ in range(3):
        log.append(NewEvent(kind="contact_logged", at=AT, case="CK-0001", data={}, personal=same))
    salts = [salt for _, salt, _ in log.raw_personal()]
    digests = [pdigest for _, _, pdigest, _, _ in log.raw_rows()]
    assert len(set(salts)) == 3 and len(set(digests)) == 3
    assert all(len(salt) == 32 and int(salt, 16) >= 0 for salt in salts)
    assert digests[0] == personal_digest(salts[0], canonical(same))
    log.close()


# -- the chain ---------------------------------------------------------------------------
def test_chain_verifies_and_links(log: EventLog) -> None:
    assert log.verify() == []
    events = log.events()
    assert events[0].prev == GENESIS
    for before, after in itertools.pairwise(events):
        assert after.prev == before.hash
        assert after.seq == before.seq + 1


EVENT_COLUMNS = ["prev", "pdigest", "body", "hash"]


@pytest.mark.parametrize("column", EVENT_COLUMNS)
@pytest.mark.parametrize("position", ["start", "middle", "end"])
def test_editing_one_byte_of_an_event_is_caught(
    tmp_path: Path, column: str, position: str, capsys: pytest.CaptureFixture[str]
) -> None:
    ws = Workspace.create(tmp_path / "ws", secret_seed="t")
    ws.append_many(
        [
            NewEvent(
                kind="contact_logged",
                at=AT,
                case="CK-0001",
                data={"channel": "phone", "direction": "inbound"},
                personal={"party": f"P{i}"},
            )
            for i in range(6)
        ]
    )
    ws.close()
    target = 4  # has personal values, so pdigest is not empty
    conn = _raw(tmp_path / "ws" / DB_NAME)
    (value,) = conn.execute(f"SELECT {column} FROM events WHERE seq = ?", (target,)).fetchone()
    if column == "body":
        # keep it JSON (the generated columns read it) but change one character of a value
        start = value.index('"data":') + len('"data":{"channel":"')
        at = {"start": start, "middle": value.index("contact") + 3, "end": len(value) - 4}[position]
    else:
        at = {"start": 0, "middle": len(value) // 2, "end": len(value) - 1}[position]
    changed = _flip(value, at)
    assert changed != value and len(changed) == len(value)
    conn.execute(f"UPDATE events SET {column} = ? WHERE seq = ?", (changed, target))
    conn.close()

    with Workspace.open(tmp_path / "ws") as reopened:
        problems = reopened.verify()
    assert problems and problems[0].seq == target
    capsys.readouterr()
    assert main(["verify-log", str(tmp_path / "ws")]) == 1
    out = capsys.readouterr().out
    assert "does NOT verify" in out and f"event {target}:" in out


@pytest.mark.parametrize("column", ["salt", "data"])
def test_editing_one_byte_of_personal_values_is_caught(
    tmp_path: Path, column: str, capsys: pytest.CaptureFixture[str]
) -> None:
    ws = Workspace.create(tmp_path / "ws", secret_seed="t")
    ws.append_many(
        [
            NewEvent(
                kind="contact_logged",
                at=AT,
                case="CK-0001",
                data={"channel": "phone", "direction": "inbound"},
                personal={"party": f"Party {i}"},
            )
            for i in range(4)
        ]
    )
    ws.close()
    conn = _raw(tmp_path / "ws" / DB_NAME)
    (value,) = conn.execute(f"SELECT {column} FROM personal WHERE seq = 3").fetchone()
    at = value.index("Party") + 1 if column == "data" else 5
    conn.execute(f"UPDATE personal SET {column} = ? WHERE seq = 3", (_flip(value, at),))
    conn.close()
    with Workspace.open(tmp_path / "ws") as reopened:
        problems = reopened.verify()
    assert [p.seq for p in problems] == [3]
    assert "personal values" in problems[0].reason
    capsys.readouterr()
    assert main(["verify-log", str(tmp_path / "ws")]) == 1
    assert "event 3:" in capsys.readouterr().out


def test_deleting_an_event_is_caught(log: EventLog) -> None:
    conn = _raw(log.path)
    conn.execute("DELETE FROM events WHERE seq = 3")
    conn.close()
    problems = log.verify()
    assert problems[0].seq == 3 and "missing" in problems[0].reason


def test_deleting_the_last_event_leaves_a_valid_shorter_chain(log: EventLog) -> None:
    """Truncation at the head cannot be seen from inside the log: exported packs carry the
    head hash for that. Documented here so nobody assumes otherwise."""
    conn = _raw(log.path)
    conn.execute("DELETE FROM personal WHERE seq = 6")
    conn.execute("DELETE FROM events WHERE seq = 6")
    conn.close()
    assert log.verify() == []
    assert log.count() == 5


def test_swapping_two_events_is_caught(log: EventLog) -> None:
    conn = _raw(log.path)
    rows = {
        r[0]: r[1:]
        for r in conn.execute(
            "SELECT seq, prev, pdigest, body, hash FROM events WHERE seq IN (2, 5)"
        )
    }
    conn.execute("DELETE FROM events WHERE seq IN (2, 5)")
    conn.execute(
        "INSERT INTO events(seq, prev, pdigest, body, hash) VALUES (2, ?, ?, ?, ?)", rows[5]
    )
    conn.execute(
        "INSERT INTO events(seq, prev, pdigest, body, hash) VALUES (5, ?, ?, ?, ?)", rows[2]
    )
    conn.close()
    problems = log.verify()
    assert problems[0].seq == 2


def test_personal_values_without_an_event_digest_are_caught(log: EventLog) -> None:
    conn = _raw(log.path)
    conn.execute("INSERT INTO personal(seq, salt, data) VALUES (3, 'x', '{}')")
    conn.close()
    assert [p.seq for p in log.verify()] == [3]


def test_triggers_refuse_update_and_delete(log: EventLog) -> None:
    conn = sqlite3.connect(log.path, isolation_level=None)
    with pytest.raises(sqlite3.DatabaseError, match="append-only"):
        conn.execute("UPDATE events SET body = '{}' WHERE seq = 1")
    with pytest.raises(sqlite3.DatabaseError, match="append-only"):
        conn.execute("DELETE FROM events WHERE seq = 1")
    with pytest.raises(sqlite3.DatabaseError, match="never changed"):
        conn.execute("UPDATE personal SET data = '{}' WHERE seq = 2")
    conn.close()
    assert log.verify() == [] and log.count() == 6


def test_verify_chain_on_plain_rows() -> None:
    body = canonical({"at": AT, "kind": "k", "case": None, "actor": "a", "data": {}})
    first = event_hash(1, GENESIS, "", body)
    second = event_hash(2, first, "", body)
    rows = [(1, GENESIS, "", body, first), (2, first, "", body, second)]
    assert verify_chain(rows) == []
    assert str(verify_chain([rows[1]])[0]) == "event 1: missing (found event 2 next)"
    assert verify_chain([rows[0], (2, GENESIS, "", body, second)])[0].seq == 2


# -- schema and settings -----------------------------------------------------------------
def test_fresh_database_is_at_the_current_schema(log: EventLog) -> None:
    assert log.conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    assert len(_MIGRATIONS) == SCHEMA_VERSION


def test_database_at_version_1_is_upgraded(tmp_path: Path) -> None:
    path = tmp_path / DB_NAME
    conn = sqlite3.connect(path, isolation_level=None)
    for statement in _MIGRATIONS[0]:
        conn.execute(statement)
    conn.execute("PRAGMA user_version = 1")
    conn.close()
    log = EventLog(path, secret="k")
    assert log.conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    indexes = {r[0] for r in log.conn.execute("SELECT name FROM sqlite_master WHERE type='index'")}
    assert {"events_kind", "events_case"} <= indexes
    _fill(log, 2)
    assert log.verify() == []
    log.close()


def test_database_from_a_newer_casekit_is_refused(tmp_path: Path) -> None:
    path = tmp_path / DB_NAME
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.close()
    with pytest.raises(CasekitError, match="newer casekit") as info:
        EventLog(path)
    assert "newer casekit" in str(info.value.advice)


def test_durability_settings(log: EventLog) -> None:
    assert log.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert log.conn.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
    assert log.conn.execute("PRAGMA busy_timeout").fetchone()[0] == BUSY_TIMEOUT_MS


def test_a_busy_record_is_waited_for_seconds_not_hours(tmp_path: Path) -> None:
    """Long enough for another notebook's write to finish, short enough to report."""
    assert 5_000 <= BUSY_TIMEOUT_MS <= 60_000
    path = tmp_path / "busy.sqlite"
    EventLog(path).close()
    for conn in (connect(path), connect(path, readonly=True)):
        assert conn.execute("PRAGMA busy_timeout").fetchone()[0] == BUSY_TIMEOUT_MS
        conn.close()


# -- anonymisation -----------------------------------------------------------------------
SECRET_NAME = "Zebulon Quartermaine"
SECRET_TEXT = "Mould behind the wardrobe at Flat 7 Quillsby Court"
SECRET_FACT = "Landlord visited on 3 Nov and refused to repair"


def _closed_case(cw: Casework) -> str:
    ref = cw.receive_enquiry(
        constituent={"name": SECRET_NAME, "postcode": "LE11 3AB", "email": "zq@example.org"},
        enquiry=SECRET_TEXT,
        category="housing",
        received_at="2026-01-12T09:00",
    ).case_ref
    fid = cw.record_fact(ref, SECRET_FACT)
    cw.verify_fact(ref, fid, source="Housing repairs system", result="confirmed")
    cw.log_contact(
        ref,
        channel="phone",
        direction="inbound",
        party=SECRET_NAME,
        summary=f"{SECRET_NAME} rang about the mould",
    )
    send_approved(cw.ws, ref, f"Dear {SECRET_NAME}, the repair is booked.")
    cw.close(ref, outcome="repair booked")
    return ref


def test_anonymise_expired_erases_personal_values(workspace: Workspace) -> None:
    cw = Casework(workspace)
    ref = _closed_case(cw)
    # another case, still open, keeps its personal values
    keep = cw.receive_enquiry(
        constituent={"name": "Kept Person"}, enquiry="Bins", category="waste"
    ).case_ref
    assert cw.anonymise_expired(date(2026, 6, 1)) is None  # not yet past retention
    before = workspace.log.count()
    event = cw.anonymise_expired(date(2027, 1, 12))
    assert event is not None and event.kind == "personal_data_erased"
    assert workspace.log.count() == before + 1
    assert event.data["cases"] == [ref]
    assert event.data["policy_days"] == 365 and "storage limitation" in event.data["source"]
    erased_seqs = set(event.data["seqs"])
    assert erased_seqs == {
        e.seq
        for e in workspace.events(case=ref)
        if e.seq < event.seq and e.kind not in ("case_closed", "fact_verified", "draft_approved")
    } | {e.seq for e in workspace.events(case=ref, kinds=["fact_verified"])}
    assert workspace.verify() == []
    assert all(
        e.personal is None and e.erased for e in workspace.events(case=ref) if e.seq in erased_seqs
    )
    state = workspace.state()
    assert state.case(ref).constituent == {"name": ERASED}
    assert state.case(ref).enquiry == ERASED
    assert state.case(keep).constituent["name"] == "Kept Person"
    assert erased_seqs <= state.erased
    # a fresh projection (from scratch) agrees
    with Workspace.open(workspace.path) as fresh:
        again = fresh.state().case(ref)
        assert again.constituent == {"name": ERASED} and again.enquiry == ERASED
        assert all(f.statement == ERASED for f in again.facts.values())
    # nothing left to erase
    assert cw.anonymise_expired(date(2027, 1, 12)) is None


def test_erased_values_are_gone_from_the_files(workspace: Workspace) -> None:
    cw = Casework(workspace)
    _closed_case(cw)
    folder = workspace.path

    def file_bytes() -> bytes:
        return b"".join(p.read_bytes() for p in sorted(folder.iterdir()) if p.is_file())

    assert SECRET_NAME.encode() in file_bytes()  # the check can fail
    cw.anonymise_expired(date(2027, 1, 12))
    for value in (SECRET_NAME, SECRET_TEXT, SECRET_FACT, "zq@example.org"):
        assert value.encode() not in file_bytes(), value  # not even in free pages or the WAL
    workspace.log.conn.execute("VACUUM")
    workspace.close()
    for value in (SECRET_NAME, SECRET_TEXT, SECRET_FACT):
        assert value.encode() not in file_bytes(), value
    with Workspace.open(folder) as reopened:
        assert reopened.verify() == []


def test_erased_event_body_is_unchanged(workspace: Workspace) -> None:
    cw = Casework(workspace)
    ref = _closed_case(cw)
    bodies = {r[0]: r[3] for r in workspace.log.raw_rows()}
    cw.anonymise_expired(date(2027, 1, 12))
    after = {r[0]: r[3] for r in workspace.log.raw_rows()}
    assert all(after[seq] == body for seq, body in bodies.items())
    first = workspace.events(case=ref)[0]
    assert json.loads(bodies[first.seq])["data"]["category"] == "housing"


# -- the benchmark runs (tiny, untimed) ---------------------------------------------------
@pytest.mark.slow
def test_benchmark_runs_small(tmp_path: Path) -> None:
    import subprocess
    import sys

    script = Path(__file__).resolve().parents[2] / "benchmarks" / "bench_log.py"
    done = subprocess.run(
        [
            sys.executable,
            str(script),
            "--events",
            "400",
            "--cases",
            "20",
            "--single",
            "10",
            "--repeat",
            "1",
            "--dir",
            str(tmp_path),
        ],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    out = done.stdout
    assert "events in the log: 410" in out
    for line in (
        "append (batched):",
        "append (single, synchronous=FULL):",
        "verify chain (casekit):",
        "plain hashlib (same bytes):",
        "verify ratio:",
        "monitoring view (deadlines",
        "pandas.read_sql of events:",
        "monitoring ratio:",
    ):
        assert line in out, line
    assert list(tmp_path.iterdir()) == []  # the temporary workspace is cleaned up


def test_personal_values_deleted_without_an_erasure_event_are_caught(tmp_path):
    from datetime import datetime

    path = tmp_path / "ws"
    ws = Workspace.create(path, start=datetime(2026, 1, 12, 9, 0), secret_seed="erasure")
    ws.append(
        "contact_logged",
        {"channel": "phone", "direction": "inbound"},
        case="CK-0001",
        personal={"party": "A. Person"},
    )
    seq = ws.log.head()[0]
    ws.close()
    raw = sqlite3.connect(path / "casekit.sqlite")
    raw.execute("DELETE FROM personal WHERE seq = ?", (seq,))
    raw.commit()
    raw.close()
    with Workspace.open(path) as reopened:
        problems = reopened.verify()
    assert [p.seq for p in problems] == [seq]
    assert "without an erasure event" in problems[0].reason
    assert main(["verify-log", str(path)]) == 1
