"""Two writers on one workspace, and a writer killed mid-stream: no lost or forked events."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from casekit.record.workspace import Workspace

pytestmark = pytest.mark.slow

WRITER = textwrap.dedent(
    """
    import sys
    from casekit.record.workspace import Workspace
    CONTACT = {"channel": "phone", "direction": "inbound"}

    path, name, count = sys.argv[1], sys.argv[2], int(sys.argv[3])
    ws = Workspace.open(path)
    print("ready", flush=True)
    sys.stdin.readline()  # wait for the go, so both writers really overlap
    for i in range(count):
        event = ws.append("contact_logged", CONTACT, case="CK-0001",
                          personal={"party": f"{name} party {i}"})
        print(event.seq, flush=True)
    ws.close()
    """
)

INTAKE = textwrap.dedent(
    """
    import sys
    from casekit.casework.actions import Casework
    from casekit.record.workspace import Workspace
    CONTACT = {"channel": "phone", "direction": "inbound"}

    path, name, count = sys.argv[1], sys.argv[2], int(sys.argv[3])
    ws = Workspace.open(path)
    cw = Casework(ws)
    print("ready", flush=True)
    sys.stdin.readline()
    for i in range(count):
        cw.receive_enquiry(constituent={"name": f"{name} {i}"}, enquiry="Bins",
                           category="waste", received_at="2026-01-12T09:00")
    ws.close()
    """
)


def _start(script: str, *args: str) -> subprocess.Popen[str]:
    proc = subprocess.Popen(
        [sys.executable, "-c", script, *args],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert proc.stdout is not None and proc.stdout.readline().strip() == "ready"
    return proc


def _run_together(script: str, path: Path, count: int) -> list[list[int]]:
    procs = [_start(script, str(path), name, str(count)) for name in ("left", "right")]
    for proc in procs:  # release both at once
        assert proc.stdin is not None
        proc.stdin.write("go\n")
        proc.stdin.flush()
    acked = []
    for proc in procs:
        out, err = proc.communicate(timeout=240)
        assert proc.returncode == 0, err
        acked.append([int(line) for line in out.split()])
    return acked


def test_two_writers_neither_lose_events_nor_fork_the_chain(
    workspace: Workspace,
) -> None:
    acked = _run_together(WRITER, workspace.path, 300)
    with Workspace.open(workspace.path) as ws:
        events = ws.events()
        assert ws.log.count() == 601
        assert [e.seq for e in events] == list(range(1, 602))
        assert ws.verify() == []
        for name, seqs in zip(("left", "right"), acked, strict=True):
            mine = [e for e in events if str(e.get("party", "")).startswith(f"{name} ")]
            numbers = [int(e.get("party").rsplit(" ", 1)[1]) for e in mine]
            assert numbers == list(range(300))  # in order, none lost
            assert [e.seq for e in mine] == seqs
            assert all(e.get("party").startswith(name) for e in mine)
    assert not set(acked[0]) & set(acked[1])


def test_two_intake_writers_get_distinct_case_references(workspace: Workspace) -> None:
    _run_together(INTAKE, workspace.path, 25)
    with Workspace.open(workspace.path) as ws:
        refs = [e.case for e in ws.events(kinds=["enquiry_received"])]
        assert len(refs) == 50 and len(set(refs)) == 50
        assert sorted(refs) == [f"CK-{i:04d}" for i in range(1, 51)]
        assert ws.verify() == []


CRASHER = textwrap.dedent(
    """
    import sys
    from casekit.record.workspace import Workspace
    CONTACT = {"channel": "phone", "direction": "inbound"}

    ws = Workspace.open(sys.argv[1])
    i = 0
    while True:
        event = ws.append("contact_logged", CONTACT, case="CK-0001",
                          personal={"party": str(i), "summary": "x" * (i % 700)})
        print(event.seq, flush=True)  # acknowledged: committed with synchronous=FULL
        i += 1
    """
)


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")
@pytest.mark.parametrize("kill_after", [1, 57, 200])
def test_sigkill_mid_stream_loses_no_acknowledged_event(
    workspace: Workspace, kill_after: int
) -> None:
    proc = subprocess.Popen(
        [sys.executable, "-c", CRASHER, str(workspace.path)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert proc.stdout is not None
    acked: list[int] = []
    while len(acked) < kill_after:
        line = proc.stdout.readline()
        assert line, proc.stderr.read() if proc.stderr else "writer died"
        acked.append(int(line))
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait(timeout=30)
    acked += [int(line) for line in proc.stdout.read().split()]  # printed before the kill
    proc.stdout.close()
    assert proc.stderr is not None
    proc.stderr.close()
    assert proc.returncode == -signal.SIGKILL

    with Workspace.open(workspace.path) as ws:
        seqs = [e.seq for e in ws.events()]
        assert set(acked) <= set(seqs)
        assert seqs == list(range(1, len(seqs) + 1))
        assert ws.verify() == []
        # and the log can carry on
        ws.append(
            "contact_logged",
            {"channel": "phone", "direction": "inbound"},
            case="CK-0001",
            personal={"party": "after"},
        )
        assert ws.verify() == []
