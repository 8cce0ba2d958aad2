"""The core ``casekit`` commands: --version, --help, new, status, log, verify-log."""

from __future__ import annotations

import csv
import io
import subprocess
import sys
from datetime import datetime
from pathlib import Path

import pytest

from casekit import __version__
from casekit.casework.actions import Casework
from casekit.cli import main
from casekit.record.workspace import Workspace
from tests.approved import send_approved

CORE_COMMANDS = ["new", "status", "log", "verify-log"]


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    capsys.readouterr()
    try:
        code = main(list(argv))
    except SystemExit as stop:  # argparse: --help, --version, usage errors
        code = int(stop.code or 0)
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def busy(workspace_factory) -> Path:
    """A closed workspace holding two cases on fixed dates."""
    ws: Workspace = workspace_factory(start=datetime(2025, 12, 19, 10, 0))
    cw = Casework(ws)
    one = cw.receive_enquiry(
        constituent={"name": "Ann Smith"},
        enquiry="Damp",
        category="housing",
        received_at="2025-12-19T10:00",
    ).case_ref
    cw.receive_enquiry(
        constituent={"name": "Bob Jones"},
        enquiry="Bins",
        category="waste",
        channel="phone",
        received_at="2025-12-19T11:00",
    )
    ws.append(
        "clock_advanced",
        {"to": "2026-01-06T09:00", "working_days": 1},
        actor="system",
        at="2026-01-06T09:00",
    )
    send_approved(ws, one, "Fixed")
    ws.close()
    return ws.path


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "--version")
    assert code == 0 and out.strip() == f"casekit {__version__}"


def test_help_lists_the_commands(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "--help")
    assert code == 0
    for name in CORE_COMMANDS:
        assert name in out


@pytest.mark.parametrize("command", CORE_COMMANDS)
def test_help_on_each_command(capsys: pytest.CaptureFixture[str], command: str) -> None:
    code, out, _ = run(capsys, command, "--help")
    assert code == 0
    assert out.startswith(f"usage: casekit {command}") and "workspace" in out


def test_no_command_prints_help(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys)
    assert code == 2 and "usage: casekit" in out


def test_new_creates_a_workspace(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "mine"
    code, out, _ = run(capsys, "new", str(target), "--start", "2026-01-12")
    assert code == 0 and f"Created workspace {target}" in out
    with Workspace.open(target) as ws:
        assert ws.now == datetime(2026, 1, 12, 9, 0)  # a date alone: the day starts at 09:00
        assert ws.verify() == [] and ws.log.count() == 1
        assert ws.created.data["profile"] == "default"
    code, _, err = run(capsys, "new", str(target))
    assert code == 2 and "already a workspace" in err
    code, _, err = run(capsys, "new", str(tmp_path / "other"), "--start", "someday")
    assert code == 2 and "start 'someday' is not a date" in err
    assert not (tmp_path / "other" / "casekit.sqlite").exists()


def test_new_with_another_profile(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, _ = run(
        capsys, "new", str(tmp_path / "five"), "--profile", "five-day", "--start", "2026-01-12"
    )
    assert code == 0
    with Workspace.open(tmp_path / "five") as ws:
        assert ws.profile.id != "default"


def test_missing_workspace_is_a_clear_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    for command in ("status", "log", "verify-log"):
        code, _, err = run(capsys, command, str(tmp_path / "nowhere"))
        assert code == 2 and "There is no casekit workspace" in err


def test_status_shows_the_deadline_table(busy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "status", str(busy))
    assert code == 0
    lines = out.splitlines()
    assert lines[0].startswith(f"{busy}: 2 cases, 2 open") and "Tue 06 Jan 2026" in lines[0]
    rows = [line for line in lines if line.startswith("CK-")]
    assert any(
        "CK-0002" in r
        and "response (member enquiry)" in r
        and "2026-01-07" in r
        and r.endswith("holding reply needed")
        for r in rows
    )
    assert any("CK-0001" in r and r.endswith("met") for r in rows)
    assert "Answered within target" in out and "1/1" in out
    code, out_all, _ = run(capsys, "status", str(busy), "--all")
    assert code == 0 and len(out_all.splitlines()) >= len(lines)


def test_status_of_an_empty_workspace(
    workspace: Workspace, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(capsys, "status", str(workspace.path))
    assert code == 0 and "No deadlines to show." in out


def test_log_lists_every_event(busy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "log", str(busy))
    assert code == 0
    lines = out.splitlines()
    with Workspace.open(busy) as ws:
        events = ws.events()
    assert len(lines) == len(events)
    assert "workspace_created" in lines[0] and "enquiry_received" in lines[1]
    assert "Member enquiry logged: Housing, by email" in lines[1]
    assert lines[-1].split()[0] == str(events[-1].seq)
    code, out, _ = run(capsys, "log", str(busy), "--case", "CK-0002")
    assert code == 0 and len(out.splitlines()) == 1 and "CK-0002" in out


def test_log_as_csv(busy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "log", str(busy), "--csv")
    assert code == 0
    rows = list(csv.DictReader(io.StringIO(out)))
    with Workspace.open(busy) as ws:
        events = ws.events()
    assert list(rows[0]) == ["seq", "at", "case", "actor", "kind", "summary", "hash"]
    assert [int(r["seq"]) for r in rows] == [e.seq for e in events]
    assert [r["hash"] for r in rows] == [e.hash for e in events]
    assert rows[1]["case"] == "CK-0001" and rows[0]["case"] == ""


def test_verify_log_exit_codes(busy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    import sqlite3

    code, out, _ = run(capsys, "verify-log", str(busy))
    # 7 events: the reply now comes from a draft the member approved (two more than before)
    assert code == 0 and out.startswith("The log verifies: 7 events")
    conn = sqlite3.connect(busy / "casekit.sqlite", isolation_level=None)
    conn.execute("DROP TRIGGER events_no_update")
    conn.execute("UPDATE events SET body = replace(body, 'housing', 'hoUsing') WHERE seq = 2")
    conn.close()
    code, out, _ = run(capsys, "verify-log", str(busy))
    assert code == 1
    assert "first problem at the record: its append-only protection was removed" in out
    assert "event 2: its content does not match its hash" in out


def test_python_dash_m_casekit_help() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "casekit", "--help"], capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("usage: casekit") and "verify-log" in done.stdout


def test_status_lists_a_sar_clock_once(
    workspace_factory, capsys: pytest.CaptureFixture[str]
) -> None:
    ws: Workspace = workspace_factory(start=datetime(2026, 1, 12, 9, 0))
    cw = Casework(ws)
    ref = cw.receive_enquiry(
        constituent={"name": "Ann Smith"},
        enquiry="Please send me everything you hold about me.",
        category="housing",
        case_kind="sar",
    ).case_ref
    cw.start_clock(ref, "sar")  # the clock started by hand as well
    ws.close()
    code, out, _ = run(capsys, "status", str(ws.path))
    assert code == 0
    rows = [line for line in out.splitlines() if line.startswith(ref)]
    assert sum("ubject access" in r or "SAR" in r for r in rows) == 1, rows
