"""The workspace folder: creating, opening, the simulation clock, transactions, projection."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path

import pytest

from casekit import __version__
from casekit.casework.actions import Casework
from casekit.errors import CasekitError
from casekit.record.log import NewEvent
from casekit.record.workspace import DB_NAME, Workspace


def test_create_records_the_start(workspace: Workspace) -> None:
    created = workspace.created
    assert created.seq == 1 and created.kind == "workspace_created" and created.actor == "system"
    assert created.at == "2026-01-12T09:00"
    assert created.data["start"] == "2026-01-12T09:00"
    assert created.data["casekit_version"] == __version__
    assert created.data["profile"] == "default" and created.data["synthetic"] is True
    assert workspace.id.startswith("ws-") and created.data["workspace_id"] == workspace.id
    assert workspace.now == datetime(2026, 1, 12, 9, 0)
    assert workspace.profile.id == "default"
    assert (workspace.path / DB_NAME).is_file()


def test_seeded_workspaces_are_identical(workspace_factory: Callable[..., Workspace]) -> None:
    logs = []
    for name in ("a", "b"):
        ws = workspace_factory(name)
        Casework(ws).receive_enquiry(
            constituent={"name": "Ann Smith"}, enquiry="Damp", category="housing"
        )
        logs.append((list(ws.log.raw_rows()), list(ws.log.raw_personal()), ws.id))
    assert logs[0] == logs[1]


def test_unseeded_workspaces_differ(tmp_path: Path) -> None:
    made = [Workspace.create(tmp_path / n, start=datetime(2026, 1, 12, 9)) for n in "ab"]
    assert made[0].id != made[1].id
    assert made[0].log.secret != made[1].log.secret
    for ws in made:
        ws.close()


def test_create_refuses_an_existing_workspace_or_a_file(
    workspace: Workspace, tmp_path: Path
) -> None:
    with pytest.raises(CasekitError, match="already a workspace") as info:
        Workspace.create(workspace.path)
    assert info.value.field == "workspace"
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    with pytest.raises(CasekitError, match="is a file"):
        Workspace.create(blocker)


def test_a_bad_profile_writes_nothing(tmp_path: Path) -> None:
    with pytest.raises(CasekitError):
        Workspace.create(tmp_path / "ws", profile="no-such-profile")
    assert not (tmp_path / "ws").exists()


def test_open(workspace: Workspace, tmp_path: Path) -> None:
    with Workspace.open(workspace.path) as again:
        assert again.id == workspace.id and again.log.count() == 1
    with pytest.raises(CasekitError, match="no casekit workspace"):
        Workspace.open(tmp_path / "missing")


def test_the_simulation_clock_follows_clock_advanced(workspace: Workspace) -> None:
    workspace.append(
        "clock_advanced", {"to": "2026-01-14T09:00", "working_days": 2}, actor="system"
    )
    assert workspace.now == datetime(2026, 1, 14, 9, 0)
    event = workspace.append(
        "contact_logged",
        {"channel": "phone", "direction": "inbound"},
        case="CK-0001",
        personal={"party": "A. Person"},
    )
    assert event.at == "2026-01-14T09:00"  # events are stamped with the simulation time


def test_a_failed_transaction_writes_nothing(workspace: Workspace) -> None:
    before = workspace.log.count()
    with pytest.raises(RuntimeError), workspace.transaction():
        workspace.append(
            "contact_logged",
            {"channel": "phone", "direction": "inbound"},
            case="CK-0001",
            personal={"party": "n1"},
        )
        assert workspace.state().seq == before + 1  # visible inside
        raise RuntimeError("guard refused")
    assert workspace.log.count() == before
    assert workspace.state().seq == before  # the projection forgot the rolled-back event
    assert workspace.verify() == []


def test_state_catches_up_with_other_writers(workspace: Workspace) -> None:
    cw = Casework(workspace)
    cw.receive_enquiry(constituent={"name": "Ann Smith"}, enquiry="Damp", category="housing")
    first = workspace.state()
    with Workspace.open(workspace.path) as other:
        Casework(other).receive_enquiry(
            constituent={"name": "Bob Jones"}, enquiry="Bins", category="waste"
        )
    state = workspace.state()
    assert state is first and sorted(state.cases) == ["CK-0001", "CK-0002"]
    assert state.seq == workspace.log.count() and state.head == workspace.log.head()[1]


def test_append_many_and_events(workspace: Workspace) -> None:
    stored = workspace.append_many(
        [
            NewEvent(
                kind="contact_logged",
                at="2026-01-12T10:00",
                case="CK-0001",
                data={"channel": "phone", "direction": "inbound"},
                personal={"party": f"P{i}"},
            )
            for i in range(3)
        ]
    )
    assert [e.seq for e in stored] == [2, 3, 4]
    assert [e.seq for e in workspace.events(kinds=["contact_logged"], case="CK-0001")] == [2, 3, 4]
    assert [e.seq for e in workspace.events(since=3)] == [4]
    assert workspace.verify() == []


def test_a_seeded_workspace_keeps_the_same_id_and_key_in_every_version(tmp_path) -> None:
    """Packs made from a seed are compared across runs and releases: the id and the key
    for personal digests a seed gives are fixed values, not only equal twice in one run."""
    ws = Workspace.create(tmp_path / "a", start=datetime(2026, 1, 12, 9), secret_seed="class-2026")
    assert ws.id == "ws-43417bdc9f97"
    assert ws.log.secret == "3a745716564ca02fb900d8e2a07e1fd49b6903e580872636c4bd49dff319c3ec"
    ws.close()


def test_an_unseeded_workspace_gets_a_fresh_random_id(tmp_path) -> None:
    import re

    ids = set()
    for name in ("a", "b"):
        ws = Workspace.create(tmp_path / name, start=datetime(2026, 1, 12, 9))
        assert re.fullmatch(r"ws-[0-9a-f]{12}", ws.id)
        ids.add(ws.id)
        ws.close()
    assert len(ids) == 2
