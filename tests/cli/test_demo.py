"""``make demo`` (``casekit.cli.demo``): from a generated pack to a verified evidence pack, with a
coaching report of the model answer, writing nothing outside its own folder."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from casekit.cli import main
from casekit.cli.demo import run_demo
from casekit.record.workspace import Workspace

ROOT = Path(__file__).resolve().parents[2]  # the checkout

DAYS = 18  # the model answer closes every case of the demo pack in 16 working days


def _events(out: Path) -> int:
    with Workspace.open(out / "workspace") as ws:
        return len(ws.events())


def test_the_demo_makes_a_verified_pack_and_clean_coaching(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    checkout = {p for p in ROOT.iterdir() if p.name != "demo"}
    out = tmp_path / "out" / "demo"

    pack_dir = run_demo(out, days=DAYS)

    printed = capsys.readouterr().out
    assert pack_dir == out / "evidence-pack" and (pack_dir / "index.html").is_file()
    assert main(["verify", str(pack_dir)]) == 0
    coaching = (out / "coaching.txt").read_text(encoding="utf-8")
    assert "No common mistakes found." in coaching
    assert "[handled well]" in coaching
    assert "[mishandled]" not in coaching and "[in progress]" not in coaching
    assert "[not yet reached]" not in coaching
    assert "'mistakes': 0" in printed

    # Everything it made is under the out folder; the key stays beside the pack, not in it.
    assert {p.name for p in tmp_path.iterdir()} == {"out"}
    assert {p for p in ROOT.iterdir() if p.name != "demo"} == checkout
    assert {"pack.json", "tutor-key.json", "coaching.txt"} <= {p.name for p in out.iterdir()}
    key_id = json.loads((out / "tutor-key.json").read_text("utf-8"))["pack_id"]
    exported = "\n".join(
        p.read_text("utf-8", errors="replace") for p in pack_dir.rglob("*") if p.is_file()
    )
    assert "tutor-key" not in exported and '"true_kind"' not in exported
    assert key_id  # the key is for this pack

    # Running it again starts afresh rather than adding to the old workspace.
    first = _events(out)
    (out / "stray.txt").write_text("left over", encoding="utf-8")
    run_demo(out, days=1)
    assert not (out / "stray.txt").exists()
    assert 0 < _events(out) < first
    assert "No common mistakes found." in (out / "coaching.txt").read_text("utf-8")
