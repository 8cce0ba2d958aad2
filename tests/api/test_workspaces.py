"""Making workspaces never loses a user's file, and a workspace's pack is checked before use."""

from __future__ import annotations

import json
import shutil
from datetime import datetime
from pathlib import Path

import pytest

from casekit import api
from casekit.cli import main
from casekit.errors import CasekitError

ROOT = Path(__file__).resolve().parents[2]
INTRO = ROOT / "scenarios" / "intro.json"


def test_a_refused_new_keeps_the_users_own_pack(tmp_path: Path, monkeypatch, capsys) -> None:
    shutil.copy(INTRO, tmp_path / "pack.json")
    before = (tmp_path / "pack.json").read_bytes()
    (tmp_path / "notes.txt").write_text("mine")
    monkeypatch.chdir(tmp_path)
    # A start outside the working-day calendar is refused after the pack was read.
    code = main(["new", ".", "--pack", "pack.json", "--start", "2099-01-05"])
    assert code == 2 and "calendar" in capsys.readouterr().err
    assert (tmp_path / "pack.json").read_bytes() == before
    assert (tmp_path / "notes.txt").read_text() == "mine"
    assert not (tmp_path / "casekit.sqlite").exists()


def test_new_in_the_folder_of_its_own_pack_works(tmp_path: Path, monkeypatch) -> None:
    shutil.copy(INTRO, tmp_path / "pack.json")
    monkeypatch.chdir(tmp_path)
    assert main(["new", ".", "--pack", "pack.json"]) == 0
    with api.open_workspace(tmp_path) as ws:
        assert api.state(ws).inbox


def test_an_unrelated_pack_json_is_never_overwritten(tmp_path: Path) -> None:
    folder = tmp_path / "ws"
    folder.mkdir()
    (folder / "pack.json").write_text('{"mine": true}')
    with pytest.raises(CasekitError) as err:
        api.new_workspace(folder, pack=INTRO)
    assert "pack.json" in str(err.value)
    assert (folder / "pack.json").read_text() == '{"mine": true}'
    assert not (folder / "casekit.sqlite").exists()


def test_a_refused_new_in_a_new_folder_leaves_no_folder(tmp_path: Path) -> None:
    with pytest.raises(CasekitError):
        api.new_workspace(tmp_path / "ws", pack=INTRO, start="2099-01-05")
    assert not (tmp_path / "ws").exists()


@pytest.mark.parametrize(
    ("start", "expected"),
    [
        ("2026-01-05T09:00+05:00", datetime(2026, 1, 5, 4, 0)),
        ("2026-07-06T09:00Z", datetime(2026, 7, 6, 10, 0)),  # British Summer Time
        ("05/01/2026", datetime(2026, 1, 5, 9, 0)),
    ],
)
def test_a_start_with_an_offset_is_uk_time_and_the_workspace_opens(
    tmp_path: Path, start: str, expected: datetime
) -> None:
    api.new_workspace(tmp_path / "ws", start=start).close()
    with api.open_workspace(tmp_path / "ws") as ws:
        assert ws.now == expected


@pytest.fixture
def packed(tmp_path: Path) -> Path:
    api.new_workspace(tmp_path / "ws", pack=INTRO).close()
    return tmp_path / "ws"


def test_an_unchanged_pack_advances(packed: Path) -> None:
    with api.open_workspace(packed) as ws:
        assert api.advance(ws, 1).working_days == 1


def test_an_edited_pack_stops_the_clock_and_writes_nothing(packed: Path) -> None:
    pack = json.loads((packed / "pack.json").read_text())
    pack["cases"][0]["timeline"][0]["due_wd"] = 0
    (packed / "pack.json").write_text(json.dumps(pack))
    with api.open_workspace(packed) as ws:
        before = ws.log.count()
        with pytest.raises(CasekitError) as err:
            api.advance(ws, 1)
        assert err.value.rule == "pack-unchanged" and ws.log.count() == before


def test_a_broken_pack_is_one_clear_error(packed: Path) -> None:
    (packed / "pack.json").write_text("{not json")
    with api.open_workspace(packed) as ws, pytest.raises(CasekitError):
        api.advance(ws, 1)
