"""Export never deletes or overwrites anything of the user's, cleans up after any failure
and on the next run, reads one snapshot of the log, and keeps every pack inside the
limits the kit itself enforces (issue 13, items 1 and 5)."""

from __future__ import annotations

import errno
import json
import os
import shutil
import zipfile
from pathlib import Path

import pytest

from casekit.casework.actions import Casework
from casekit.cli import main
from casekit.errors import CasekitError
from casekit.evidence import export as export_mod
from casekit.evidence.config import settings
from casekit.evidence.export import export_pack
from casekit.evidence.safepack import check_folder
from casekit.evidence.verify import verify_pack
from casekit.record.log import EventLog
from casekit.record.workspace import Workspace
from tests.worked import worked_workspace


@pytest.fixture(scope="module")
def signed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("safety") / "ws"
    worked_workspace(path, cases=1).close()
    return path


def _tree(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def _leftovers(folder: Path) -> list[str]:
    return sorted(
        p.name
        for p in folder.iterdir()
        if p.name.startswith(".casekit") or p.name.endswith(".part")
    )


@pytest.mark.parametrize(
    "contents",
    [
        {"manifest.json": '{"name": "my web app"}', "index.html": "<h1>mine</h1>"},
        {"notes.txt": "my notes"},
        {"manifest.json": "not json", "app.js": "x"},
    ],
)
def test_a_folder_that_is_not_a_pack_is_never_touched(
    signed: Path, tmp_path: Path, contents: dict[str, str]
) -> None:
    out = tmp_path / "out"
    out.mkdir()
    for name, text in contents.items():
        (out / name).write_text(text)
    before = _tree(out)
    with pytest.raises(CasekitError) as err:
        export_pack(signed, out, zip_pack=True)
    assert err.value.rule == "export-target"
    assert _tree(out) == before and _leftovers(tmp_path) == []
    assert not (tmp_path / "out.zip").exists()


def test_an_earlier_pack_is_replaced_but_not_one_the_user_changed(
    signed: Path, tmp_path: Path
) -> None:
    out = tmp_path / "pack"
    export_pack(signed, out)
    export_pack(signed, out)  # an unchanged pack of ours: replaced
    assert verify_pack(out).intact and _leftovers(tmp_path) == []
    (out / "audit.csv").write_text("my edits\n")
    before = _tree(out)
    with pytest.raises(CasekitError, match=r"audit\.csv was changed since it was exported"):
        export_pack(signed, out)
    assert _tree(out) == before
    (out / "audit.csv").unlink()
    export_pack(signed, out)
    (out / "my-notes.txt").write_text("keep me")
    with pytest.raises(CasekitError, match="not in the manifest"):
        export_pack(signed, out)
    assert (out / "my-notes.txt").read_text() == "keep me"


def test_empty_folders_files_and_links(signed: Path, tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    export_pack(signed, tmp_path / "empty")
    assert verify_pack(tmp_path / "empty").intact
    (tmp_path / "file").write_text("mine")
    with pytest.raises(CasekitError, match="not a folder"):
        export_pack(signed, tmp_path / "file")
    (tmp_path / "real").mkdir()
    (tmp_path / "link").symlink_to(tmp_path / "real")
    with pytest.raises(CasekitError, match="not a folder"):
        export_pack(signed, tmp_path / "link")
    assert (tmp_path / "file").read_text() == "mine" and not any((tmp_path / "real").iterdir())


def test_a_zip_that_is_not_ours_is_never_overwritten(signed: Path, tmp_path: Path) -> None:
    (tmp_path / "pack.zip").write_bytes(b"my own archive")
    with pytest.raises(CasekitError, match=r"pack\.zip exists"):
        export_pack(signed, tmp_path / "pack", zip_pack=True)
    assert (tmp_path / "pack.zip").read_bytes() == b"my own archive"
    assert not (tmp_path / "pack").exists()
    (tmp_path / "pack.zip").unlink()
    export_pack(signed, tmp_path / "pack", zip_pack=True)
    first = (tmp_path / "pack.zip").read_bytes()
    export_pack(signed, tmp_path / "pack", zip_pack=True)  # ours: replaced
    assert (tmp_path / "pack.zip").read_bytes() == first
    with zipfile.ZipFile(tmp_path / "other.zip", "w") as zf:
        zf.writestr("manifest.json", "{}")
    os.replace(tmp_path / "other.zip", tmp_path / "pack.zip")
    with pytest.raises(CasekitError, match="not a zipped casekit evidence pack"):
        export_pack(signed, tmp_path / "pack", zip_pack=True)


def test_a_failure_while_writing_leaves_nothing_behind(
    signed: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "pack"
    export_pack(signed, out)
    before = _tree(out)

    def full(*_args: object, **_kwargs: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device", "index.html")

    monkeypatch.setattr(export_mod.manifest_mod, "write_manifest", full)
    with pytest.raises(CasekitError) as err:
        export_pack(signed, out)
    assert err.value.rule == "export-failed" and "No space left on device" in str(err.value)
    assert _tree(out) == before and _leftovers(tmp_path) == []


def test_a_full_disk_during_zip_leaves_no_part_file(
    signed: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture
) -> None:
    real = zipfile.ZipFile.writestr
    calls = {"n": 0}

    def writestr(self: zipfile.ZipFile, *args: object, **kwargs: object) -> None:
        calls["n"] += 1
        if calls["n"] == 3:
            raise OSError(errno.ENOSPC, "No space left on device")
        real(self, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(zipfile.ZipFile, "writestr", writestr)
    status = main(["export", str(signed), "--out", str(tmp_path / "pack"), "--zip"])
    assert status == 2 and "No space left on device" in capsys.readouterr().err
    assert not (tmp_path / "pack.zip.part").exists() and not (tmp_path / "pack.zip").exists()
    assert verify_pack(tmp_path / "pack").intact  # the folder itself is whole


def test_leftovers_of_a_killed_export_are_cleaned_up_next_time(
    signed: Path, tmp_path: Path
) -> None:
    out = tmp_path / "pack"
    export_pack(signed, out)
    earlier = _tree(out)
    # What SIGKILL mid-export leaves: a staging folder (holding personal data), the earlier
    # pack moved aside with the new one not yet in place, a zip's .part, and an older
    # casekit's staging folder. A folder of the user's with a similar name is kept.
    staging = tmp_path / ".casekit-export-pack.0123456789abcdef.staging"
    shutil.copytree(out, staging)
    os.rename(out, tmp_path / ".casekit-export-pack.fedcba9876543210.previous")
    (tmp_path / "pack.zip.part").write_bytes(b"half a zip")
    shutil.copytree(
        tmp_path / ".casekit-export-pack.fedcba9876543210.previous",
        tmp_path / ".casekit-export-ab12cd34",
    )
    (tmp_path / ".casekit-export-notes").mkdir()
    removed = export_mod.clean_leftovers(out)
    assert _tree(out) == earlier  # the earlier pack is put back, not lost
    assert {p.name for p in removed} == {staging.name, "pack.zip.part", ".casekit-export-ab12cd34"}
    assert _leftovers(tmp_path) == [".casekit-export-notes"]
    export_pack(signed, out, zip_pack=True)
    assert _leftovers(tmp_path) == [".casekit-export-notes"]


def test_export_is_one_snapshot_while_another_notebook_appends(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with worked_workspace(tmp_path / "ws", cases=1) as ws:
        head = ws.log.head()
        ref = ws.events(kinds=["enquiry_received"])[0].case
        real = EventLog.raw_personal

        def meanwhile(self: EventLog):  # another process appends between two reads
            with Workspace.open(tmp_path / "ws") as other:
                Casework(other).log_contact(
                    ref,
                    channel="phone",
                    direction="inbound",
                    party="Constituent",
                    summary="Rang to say thank you.",
                )
            yield from real(self)

        monkeypatch.setattr(EventLog, "raw_personal", meanwhile)
        export_pack(ws, tmp_path / "pack")
        monkeypatch.setattr(EventLog, "raw_personal", real)
        assert ws.log.head()[0] == head[0] + 1  # the append went in
    result = verify_pack(tmp_path / "pack")
    assert result.intact, result.problems
    manifest = json.loads((tmp_path / "pack" / "manifest.json").read_text())
    assert (manifest["chain"]["events"], manifest["chain"]["head"]) == head


def test_a_case_with_very_many_events_fits_the_packs_own_limits(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    limits = settings()["limits"]
    monkeypatch.setitem(limits, "max_json_bytes", 40_000)
    monkeypatch.setitem(limits, "max_file_bytes", 200_000)
    monkeypatch.setitem(settings()["pack"], "max_item_events", 60)
    monkeypatch.setitem(settings()["pack"], "max_timeline_events", 40)
    with worked_workspace(tmp_path / "ws", cases=1, sign=False) as ws:
        ref = ws.events(kinds=["enquiry_received"])[0].case
        cw = Casework(ws)
        for n in range(400):
            cw.log_contact(
                ref,
                channel="phone",
                direction="outbound",
                party="Service desk",
                summary=f"Chased the service again, call {n}: " + "still waiting. " * 12,
            )
        from casekit.evidence.declaration import sign_declaration

        sign_declaration(ws, "Sam Learner")
        export_pack(ws, tmp_path / "pack")
    pack = tmp_path / "pack"
    check_folder(pack)  # the kit's own limits, as an assessor's copy applies them
    files = _tree(pack)
    assert "evidence/log-2.jsonl" in files  # the log is split into parts
    assert all(len(b) <= 200_000 for b in files.values())
    assert all(len(b) <= 40_000 for r, b in files.items() if r.endswith(".json"))
    items = [json.loads(b) for r, b in files.items() if r.startswith("evidence/items/")]
    assert max(item["more_events"] for item in items) > 300
    assert b"more event(s) of case" in files["index.html"]
    result = verify_pack(pack)
    assert result.intact, result.problems
    log = pack / "evidence" / "log-2.jsonl"
    log.write_bytes(log.read_bytes()[:-200])
    assert not verify_pack(pack).intact


def test_a_pack_too_large_for_the_limits_is_refused(
    signed: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(settings()["limits"], "max_total_bytes", 10_000)
    with pytest.raises(CasekitError) as err:
        export_pack(signed, tmp_path / "pack")
    assert err.value.rule == "pack-too-large"
    assert not (tmp_path / "pack").exists() and _leftovers(tmp_path) == []
