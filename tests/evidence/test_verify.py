"""Verifying a pack: intact packs pass; a change to any byte of any file, or to any
event, is named."""

from __future__ import annotations

import json
import shutil
import zipfile
from pathlib import Path

import pytest

from casekit.cli import main
from casekit.evidence import manifest as manifest_mod
from casekit.evidence import verify as verify_module
from casekit.evidence.export import export_pack
from casekit.evidence.rederive import NOT_DERIVED
from casekit.evidence.verify import Verification, verify_pack
from casekit.evidence.witness import WitnessCheck
from casekit.record.log import canonical
from tests.evidence.forge import reseal
from tests.worked import worked_workspace


@pytest.fixture(scope="module")
def pristine(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("verify")
    with worked_workspace(root / "ws", cases=1) as ws:
        export_pack(ws, root / "pack", zip_pack=True)
    return root / "pack"


@pytest.fixture
def pack(pristine: Path, tmp_path: Path) -> Path:
    copy = tmp_path / "pack"
    shutil.copytree(pristine, copy)
    return copy


def _files(folder: Path) -> list[str]:
    return sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file())


def test_intact_pack_and_zip_verify(pristine: Path) -> None:
    assert verify_pack(pristine).intact
    zipped = pristine.with_name("pack.zip")
    result = verify_pack(zipped)
    assert result.intact, result.problems
    assert result.events == result.manifest["chain"]["events"]


@pytest.mark.parametrize("where", [0, 0.5, -1])
def test_any_byte_of_any_file_is_named(pristine: Path, tmp_path: Path, where: float) -> None:
    for n, rel in enumerate(_files(pristine)):
        copy = tmp_path / f"p{n}"
        shutil.copytree(pristine, copy)
        path = copy / rel
        data = bytearray(path.read_bytes())
        i = int(len(data) * where) if where >= 0 else len(data) - 1
        data[i] = (data[i] + 1) % 256 if data[i] != 0x7F else 0x7E
        path.write_bytes(bytes(data))
        result = verify_pack(copy)
        assert not result.intact, rel
        assert any(rel in p for p in result.problems), (rel, result.problems)


def test_changed_event_is_named_even_when_file_hash_is_forged(pack: Path) -> None:
    """Rewriting an event and re-hashing the file in the manifest still breaks the chain."""
    log = pack / "evidence" / "log.jsonl"
    rows = [json.loads(line) for line in log.read_text().splitlines()]
    body = json.loads(rows[4]["body"])
    body["data"]["category"] = "planning"
    rows[4]["body"] = canonical(body)
    log.write_text("".join(canonical(r) + "\n" for r in rows))
    from casekit.evidence.manifest import file_entries, render

    manifest = json.loads((pack / "manifest.json").read_text())
    manifest["files"] = file_entries(pack, [f["path"] for f in manifest["files"]])
    (pack / "manifest.json").write_bytes(render(manifest))
    result = verify_pack(pack)
    assert not result.intact
    assert f"event {rows[4]['seq']}: its content does not match its hash" in result.problems


def test_removed_event_and_personal_values_are_named(pack: Path) -> None:
    log = pack / "evidence" / "log.jsonl"
    lines = log.read_text().splitlines()
    log.write_text("\n".join(lines[:5] + lines[6:]) + "\n")
    personal = pack / "evidence" / "personal.jsonl"
    prows = [json.loads(line) for line in personal.read_text().splitlines()]
    prows[-1]["data"] = prows[-1]["data"].replace("Sam", "Max")  # the declaration
    personal.write_text("".join(canonical(r) + "\n" for r in prows))
    problems = verify_pack(pack).problems
    assert "event 6: missing (found event 7 next)" in problems
    assert f"event {prows[-1]['seq']}: its personal values do not match their digest" in problems


def test_missing_and_extra_files(pack: Path) -> None:
    (pack / "cases.csv").unlink()
    assert "cases.csv: missing" in verify_pack(pack).problems
    (pack / "notes.txt").write_text("added later")
    problems = verify_pack(pack).problems
    assert any("not in the manifest" in p and "notes.txt" in p for p in problems)


def test_tampered_zip_is_named(pristine: Path, tmp_path: Path) -> None:
    src = pristine.with_name("pack.zip")
    out = tmp_path / "tampered.zip"
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(out, "w") as zout:
        for info in zin.infolist():
            data = zin.read(info)
            if info.filename == "index.html":
                data = data.replace(b"Sam Learner", b"Sam Lerner!")
            zout.writestr(info, data)
    result = verify_pack(out)
    assert not result.intact
    assert any(p.startswith("index.html: changed") for p in result.problems)


def test_cli_exit_codes(pristine: Path, pack: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["verify", str(pristine)]) == 0
    (pack / "audit.csv").write_text("seq\n")
    assert main(["verify", str(pack)]) == 1
    out = capsys.readouterr().out
    assert "CHANGED" in out and "audit.csv: changed" in out


def test_pseudonymised_pack_tamper_is_named(tmp_path: Path) -> None:
    with worked_workspace(tmp_path / "ws", cases=1, synthetic=False) as ws:
        ws.append(
            "record_changed",
            {"pack_case": "P1", "record": "Aisha Okafor moved"},
            actor="simulation",
        )
        from casekit.evidence.declaration import sign_declaration

        sign_declaration(ws, "Sam Learner")
        export_pack(ws, tmp_path / "pack")
    src = tmp_path / "pack"
    assert verify_pack(src).intact
    log = src / "evidence" / "log.jsonl"
    rows = [json.loads(line) for line in log.read_text().splitlines()]
    sealed = next(r for r in rows if r.get("sealed"))
    for n, rel in enumerate(_files(src)):
        copy = tmp_path / f"c{n}"
        shutil.copytree(src, copy)
        path = copy / rel
        data = bytearray(path.read_bytes())
        data[len(data) // 2] ^= 0x01
        path.write_bytes(bytes(data))
        problems = verify_pack(copy).problems
        assert any(rel in p for p in problems), (rel, problems)
    # Re-pointing a sealed row breaks the link to the event after it.
    sealed["hash"] = "f" * 64
    log.write_text("".join(canonical(r) + "\n" for r in rows))
    problems = verify_pack(src).problems
    assert f"event {sealed['seq'] + 1}: does not follow the event before it" in problems


# -- what an assessor reads -------------------------------------------------------------
NOT_WITNESSED = (
    "  - not witnessed: a log edited and re-chained before export would also be "
    "self-consistent; check it against the tutor's ledger (--witness LEDGER)"
)


def test_an_intact_pack_reads_as_intact_and_not_witnessed(pristine: Path) -> None:
    result = verify_pack(pristine)
    lines = result.text().splitlines()
    manifest = json.loads((pristine / "manifest.json").read_text())
    head = manifest["chain"]["head"][:16]
    assert lines[0] == (
        f"{pristine}: intact: self-consistent; not witnessed "
        f"({len(manifest['files'])} files, {result.events} events, chain head {head}...)"
    )
    assert lines[1] == (
        "  - every file's hash, the log's chain and every derived file (rendered again from "
        "the log) agree"
    )
    assert lines[2:] == [NOT_WITNESSED]
    assert result.witness_status == "not witnessed"


def test_a_changed_pack_lists_its_first_problems_and_counts_the_rest() -> None:
    result = Verification("pack", problems=[f"problem {n}" for n in range(12)], notes=["n"])
    assert result.text().splitlines() == [
        "pack: CHANGED",
        *[f"  - problem {n}" for n in range(10)],
        "  - ... and 2 more problem(s)",
        NOT_WITNESSED,
        "  - note: n",
    ]


def test_a_failed_witness_check_is_the_verdict(pristine: Path) -> None:
    result = Verification(
        "pack", manifest={"files": [], "chain": {}}, witness=WitnessCheck(False, "forked at 3")
    )
    assert result.consistent and not result.intact
    assert result.witness_status == "FAILED: forked at 3"
    assert result.text().splitlines() == [
        "pack: CHANGED: self-consistent; FAILED: forked at 3 (0 files, 0 events, chain head ...)",
        "  - every file's hash, the log's chain and every derived file (rendered again from "
        "the log) agree",
    ]
    changed = Verification("pack", problems=["p"], witness=WitnessCheck(True, "matches"))
    assert changed.text().splitlines() == ["pack: CHANGED", "  - p", "  - matches"]


def test_a_manifest_whose_chain_count_is_wrong_is_named(pack: Path) -> None:
    manifest = json.loads((pack / "manifest.json").read_text())
    manifest["chain"]["events"] += 1
    (pack / "manifest.json").write_bytes(manifest_mod.render(manifest))
    reseal(pack)
    problems = verify_pack(pack).problems
    last = manifest["chain"]["events"] - 1
    assert (
        f"evidence/log.jsonl: the log ends at event {last}, not at the manifest's chain head"
        in problems
    )


def test_notes_from_rendering_again_reach_the_verdict(pack: Path) -> None:
    (pack / "portfolio.pdf").write_bytes(b"%PDF-1.4 printed by a browser")
    reseal(pack)
    result = verify_pack(pack)
    assert result.problems == []
    assert result.notes == [NOT_DERIVED]
    assert result.text().splitlines()[-1] == f"  - note: {NOT_DERIVED}"


def test_a_verdict_without_a_manifest_still_reads() -> None:
    assert Verification("pack").text().splitlines()[0] == (
        "pack: intact: self-consistent; not witnessed (0 files, 0 events, chain head ...)"
    )


def test_a_pack_that_cannot_be_read_is_one_line(
    pristine: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def unreadable(path: Path) -> None:
        raise PermissionError(13, "Permission denied", str(path / "manifest.json"))

    monkeypatch.setattr(verify_module, "OpenPack", unreadable)
    result = verify_pack(pristine)
    assert result.problems == [f"{pristine / 'manifest.json'}: cannot be read (Permission denied)"]
