"""The tutor's witness ledger: appended by ``casekit witness`` and ``casekit advance
--ledger``, verifiable, and refusing to be read when any entry was changed."""

from __future__ import annotations

import json
import shutil
from datetime import UTC, datetime
from pathlib import Path

import pytest

from casekit import api
from casekit.cli import main
from casekit.errors import CasekitError
from casekit.evidence.witness import Witnessed, check_pack, read_ledger, witness
from casekit.record.log import canonical
from casekit.scenarios.generate import generate
from casekit.scenarios.pack import write_json
from tests.conftest import make_workspace

NOW = datetime(2026, 1, 14, 11, 5, tzinfo=UTC)


@pytest.fixture
def class_dir(tmp_path: Path) -> Path:
    """Two learners' workspaces, each loaded with their own generated pack."""
    for learner in ("ann", "ben"):
        pack, _ = generate(303, 3, "standard", learner=learner)
        path = write_json(tmp_path / f"{learner}.json", pack)
        api.new_workspace(tmp_path / "ws" / learner, pack=path, learner=learner).close()
    return tmp_path / "ws"


def test_witnessing_records_each_workspaces_head(class_dir: Path, tmp_path: Path) -> None:
    ledger = tmp_path / "tutor" / "witness.jsonl"
    results = witness(sorted(class_dir.iterdir()), ledger, now=NOW)
    assert [r.problem for r in results] == ["", ""]
    entries = read_ledger(ledger)
    assert [e.learner for e in entries] == ["ann", "ben"]
    for entry, path in zip(entries, sorted(class_dir.iterdir()), strict=True):
        with api.open_workspace(path) as ws:
            assert (entry.seq, entry.head, entry.workspace_id) == (*ws.log.head(), ws.id)
        assert entry.witnessed_at == "2026-01-14T11:05:00+00:00"
        assert entry.when == "2026-01-14 11:05 UTC"
    again = witness([class_dir / "ann"], ledger, now=NOW)
    assert again[0].entry is not None and again[0].entry.n == 3
    assert len(read_ledger(ledger)) == 3


def _attacked(class_dir: Path, ledger: Path, attack: str) -> str:
    """A ledger of two witnessings, changed by ``attack``; the text written."""
    for _ in range(2):
        witness(sorted(class_dir.iterdir()), ledger, now=NOW)
    lines = ledger.read_text().splitlines()
    if attack == "edit":
        entry = json.loads(lines[1])
        entry["seq"] += 1
        lines[1] = canonical(entry)
    elif attack == "delete":
        del lines[1]
    elif attack == "reorder":
        lines[1], lines[2] = lines[2], lines[1]
    elif attack == "junk":
        lines[2] = "not json"
    text = "\n".join(lines) + ("\n" if attack != "cut-line" else "")
    if attack == "cut-line":
        text = text[:-10]
    ledger.write_text(text)
    return text


@pytest.mark.parametrize("attack", ["edit", "delete", "reorder", "cut-line", "junk"])
def test_a_changed_ledger_is_refused(class_dir: Path, tmp_path: Path, attack: str) -> None:
    ledger = tmp_path / "witness.jsonl"
    text = _attacked(class_dir, ledger, attack)
    with pytest.raises(CasekitError) as err:
        read_ledger(ledger)
    assert err.value.rule == "witness-ledger" and "line" in err.value.message
    with pytest.raises(CasekitError):  # nothing is appended to a broken ledger
        witness([class_dir / "ann"], ledger, now=NOW)
    assert ledger.read_text() == text


def test_a_workspace_whose_log_does_not_verify_is_not_witnessed(
    class_dir: Path, tmp_path: Path
) -> None:
    with api.open_workspace(class_dir / "ben") as ws:
        # A careful tamperer puts the append-only trigger back after the edit.
        ws.log.conn.execute("DROP TRIGGER events_no_update")
        ws.log.conn.execute("UPDATE events SET body = body || ' ' WHERE seq = 2")
        ws.log.conn.execute(
            "CREATE TRIGGER events_no_update BEFORE UPDATE ON events "
            "BEGIN SELECT RAISE(ABORT, 'casekit events are append-only'); END"
        )
    shutil.copytree(class_dir / "ann", class_dir / "cat")
    with api.open_workspace(class_dir / "cat") as ws:
        ws.log.conn.execute("DROP TRIGGER events_no_delete")  # a careless one does not
    ledger = tmp_path / "witness.jsonl"
    folders = [class_dir / "ann", class_dir / "ben", class_dir / "cat", tmp_path / "nowhere"]
    results = witness(folders, ledger)
    assert results[0].entry is not None
    assert "event 2: its content does not match its hash" in results[1].problem
    assert "append-only protection was removed" in results[2].problem
    assert "no casekit workspace" in results[3].problem
    assert len(read_ledger(ledger)) == 1


def test_check_pack_names_the_first_contradicted_point() -> None:
    def point(n: int, seq: int, head: str) -> Witnessed:
        return Witnessed(n, f"2026-01-1{n}T09:00:00+00:00", "ws-a", "ann", "Ann", seq, head)

    entries = [point(1, 2, "h2"), point(2, 4, "h4"), point(3, 6, "h6")]
    good = {1: "h1", 2: "h2", 3: "h3", 4: "h4", 5: "h5", 6: "h6", 7: "h7"}
    assert check_pack(entries, "ws-a", "ann", good).ok
    rewritten = {**good, 4: "x4", 5: "x5", 6: "x6"}
    check = check_pack(entries, "ws-a", "ann", rewritten)
    assert not check.ok and check.message.startswith("event 4 is not the event witnessed on")
    assert "2026-01-12 09:00 UTC" in check.message
    short = {k: v for k, v in good.items() if k <= 5}
    assert (
        "the log ends at event 5, but event 6 was witnessed"
        in check_pack(entries, "ws-a", "ann", short).message
    )
    moved = check_pack(entries, "ws-b", "ann", good)
    assert "learner ann was witnessed in workspace ws-a" in moved.message
    assert check_pack(entries, "ws-c", "cat", good).message.startswith("never witnessed")


def test_cli_witness_and_advance_with_a_ledger(
    class_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    ledger = tmp_path / "witness.jsonl"
    assert (
        main(["witness", str(class_dir / "ann"), str(class_dir / "ben"), "--ledger", str(ledger)])
        == 0
    )
    assert "witnessed event" in capsys.readouterr().out
    assert (
        main(
            [
                "advance",
                str(class_dir / "ann"),
                str(class_dir / "ben"),
                "--days",
                "2",
                "--ledger",
                str(ledger),
            ]
        )
        == 0
    )
    out = capsys.readouterr().out
    assert out.count("Witnessed: event") == 2
    entries = read_ledger(ledger)
    assert len(entries) == 4 and entries[2].seq > entries[0].seq  # heads moved on
    assert main(["witness", "--ledger", str(ledger)]) == 0
    assert "4 witnessed head(s), every link intact" in capsys.readouterr().out
    assert main(["witness", str(tmp_path / "nowhere"), "--ledger", str(ledger)]) == 1
    ledger.write_text(ledger.read_text().replace('"n":2', '"n":9'))
    assert main(["witness", "--ledger", str(ledger)]) == 2
    assert "line 2" in capsys.readouterr().err


def test_advance_class_witnesses_through_the_api(class_dir: Path, tmp_path: Path) -> None:
    ledger = tmp_path / "witness.jsonl"
    moved = api.advance_class(sorted(class_dir.iterdir()), 1, ledger=ledger, now=NOW)
    assert all(m.ok and m.witnessed is not None for m in moved)
    assert [e.seq for e in read_ledger(ledger)] == [m.witnessed.seq for m in moved]


def test_keys_cli(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["keys", "new", "--out", str(tmp_path / "pat"), "--holder", "Pat Assessor"]) == 0
    assert "keep it private" in capsys.readouterr().out
    public = (tmp_path / "pat.pub").read_text()
    assert public.startswith("casekit-ed25519 ") and public.rstrip().endswith("Pat Assessor")
    assert main(["keys", "new", "--out", str(tmp_path / "pat")]) == 2  # never replaced
    (tmp_path / "bad.pub").write_text("casekit-ed25519 notbase64 Someone\n")
    with pytest.raises(CasekitError, match=r"bad\.pub line 1"):
        api.review([], trust=tmp_path / "bad.pub")


def test_a_plain_workspace_can_be_witnessed(tmp_path: Path) -> None:
    ws = make_workspace(tmp_path / "ws")
    ws.close()
    [result] = witness([tmp_path / "ws"], tmp_path / "w.jsonl", now=NOW)
    assert result.entry is not None and result.entry.seq == 1 and result.entry.name == ""


def test_a_broken_ledger_stops_advance_before_any_clock_moves(
    class_dir: Path, tmp_path: Path
) -> None:
    ledger = tmp_path / "witness.jsonl"
    ledger.write_text("not a ledger\n")
    with pytest.raises(CasekitError, match="line 1"):
        api.advance_class(sorted(class_dir.iterdir()), 1, ledger=ledger)
    with api.open_workspace(class_dir / "ann") as ws:
        assert ws.events(kinds=["clock_advanced"]) == []


def test_a_match_names_how_many_points_and_the_latest() -> None:
    entries = [
        Witnessed(2, "2026-01-14T09:00:00+00:00", "ws-a", "ann", "Ann", 6, "h6"),
        Witnessed(1, "2026-01-12T09:00:00+00:00", "ws-a", "ann", "Ann", 2, "h2"),
    ]
    check = check_pack(entries, "ws-a", "ann", {n: f"h{n}" for n in range(1, 8)})
    assert (check.ok, check.points) == (True, 2)
    assert check.message == (
        "matches the tutor's ledger (2 witnessed point(s), the latest event 6 on 2026-01-14 "
        "09:00 UTC)"
    )


def test_a_missing_ledger_is_refused_by_name(tmp_path: Path) -> None:
    with pytest.raises(CasekitError) as err:
        read_ledger(tmp_path / "none.jsonl")
    assert "There is no witness ledger at " in err.value.message
    assert (err.value.rule, err.value.field) == ("witness-ledger", "ledger")


def test_a_ledger_in_a_new_folder_is_made_and_names_the_learner(tmp_path: Path) -> None:
    ws = make_workspace(tmp_path / "ws")
    ws.append("learner_details_recorded", {}, personal={"name": "Ann Example"})
    ws.close()
    [result] = witness([tmp_path / "ws"], tmp_path / "tutor" / "new" / "w.jsonl", now=NOW)
    assert result.entry is not None and result.entry.name == "Ann Example"
    assert result.entry.learner == "learner"
    assert read_ledger(tmp_path / "tutor" / "new" / "w.jsonl") == [result.entry]


def test_a_ledger_that_cannot_be_written_is_refused(tmp_path: Path) -> None:
    (tmp_path / "w.jsonl").mkdir()
    with pytest.raises(CasekitError) as err:
        witness([], tmp_path / "w.jsonl", now=NOW)
    assert err.value.rule == "witness-ledger"
    assert err.value.message == (
        f"The witness ledger cannot be used. {tmp_path / 'w.jsonl'} cannot be written "
        "(Is a directory)."
    )


@pytest.mark.parametrize(
    ("attack", "said"),
    [
        ("edit", "line 2: it was changed, removed or moved after it was written."),
        ("delete", "line 2: it was changed, removed or moved after it was written."),
        ("reorder", "line 2: it was changed, removed or moved after it was written."),
        ("junk", "line 3: it is not a ledger entry."),
    ],
)
def test_a_changed_ledger_names_the_line_and_what_happened_to_it(
    class_dir: Path, tmp_path: Path, attack: str, said: str
) -> None:
    ledger = tmp_path / "witness.jsonl"
    _attacked(class_dir, ledger, attack)
    with pytest.raises(CasekitError) as err:
        read_ledger(ledger)
    assert err.value.message == f"The witness ledger cannot be used. {ledger} {said}"
    assert (err.value.rule, err.value.field) == ("witness-ledger", "ledger")


def test_a_ledger_under_a_file_is_refused_and_leaves_nothing(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("not a folder")
    ledger = tmp_path / "notes.txt" / "w.jsonl"
    with pytest.raises(CasekitError) as err:
        witness([], ledger, now=NOW)
    assert err.value.rule == "witness-ledger"
    assert err.value.message == (
        f"The witness ledger cannot be used. {ledger} cannot be written (File exists)."
    )
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes.txt"]


def test_a_witness_result_cannot_be_changed(class_dir: Path, tmp_path: Path) -> None:
    import dataclasses

    [result] = witness([class_dir / "ann"], tmp_path / "w.jsonl", now=NOW)
    with pytest.raises(dataclasses.FrozenInstanceError):
        result.entry = None  # type: ignore[misc]
