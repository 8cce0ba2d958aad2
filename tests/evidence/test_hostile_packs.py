"""Hostile and broken packs (issue 13): one clear line naming the pack and the problem,
never a traceback; verify, review and class-summary go on past a bad pack, report it
and exit non-zero; output is bounded."""

from __future__ import annotations

import csv
import json
import os
import shutil
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from casekit.cli import main
from casekit.evidence.export import export_pack
from casekit.evidence.manifest import render
from casekit.evidence.review import review
from casekit.evidence.verify import verify_pack
from casekit.record.log import canonical, event_hash
from tests.evidence.forge import reseal
from tests.worked import worked_workspace


@pytest.fixture(scope="module")
def pristine(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("hostile")
    with worked_workspace(root / "ws", cases=1) as ws:
        export_pack(ws, root / "pack", zip_pack=True)
    return root / "pack"


@pytest.fixture
def pack(pristine: Path, tmp_path: Path) -> Path:
    copy = tmp_path / "pack"
    shutil.copytree(pristine, copy)
    return copy


def _set_manifest(folder: Path, **values: object) -> None:
    manifest = json.loads((folder / "manifest.json").read_text())
    manifest.update(values)
    (folder / "manifest.json").write_bytes(render(manifest))


def _rezip(src: Path, out: Path, *, compress: int) -> Path:
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(out, "w") as zout:
        for info in zin.infolist():
            data = zin.read(info)
            new = zipfile.ZipInfo(info.filename, date_time=info.date_time)
            new.compress_type = compress
            new.external_attr = info.external_attr
            zout.writestr(new, data)
    return out


def _mark_encrypted(archive: Path) -> None:
    """Set the 'encrypted' flag of the first entry (local and central headers)."""
    raw = bytearray(archive.read_bytes())
    local, central = raw.find(b"PK\x03\x04"), raw.find(b"PK\x01\x02")
    raw[local + 6] |= 0x1
    raw[central + 8] |= 0x1
    archive.write_bytes(bytes(raw))


def _corrupt_member(archive: Path, name: str) -> None:
    with zipfile.ZipFile(archive) as zf:
        info = zf.getinfo(name)
    raw = bytearray(archive.read_bytes())
    start = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra)
    for i in range(start + 8, start + min(info.compress_size, 60)):
        raw[i] ^= 0x5A
    archive.write_bytes(bytes(raw))


def test_an_encrypted_entry_is_refused(pristine: Path, tmp_path: Path) -> None:
    zipped = _rezip(pristine.with_name("pack.zip"), tmp_path / "enc.zip", compress=0)
    _mark_encrypted(zipped)
    result = verify_pack(zipped)
    assert not result.intact and "is encrypted" in result.problems[0]


@pytest.mark.parametrize("compress", [zipfile.ZIP_BZIP2, zipfile.ZIP_LZMA])
def test_corrupt_bzip2_and_lzma_entries_are_refused(
    pristine: Path, tmp_path: Path, compress: int
) -> None:
    zipped = _rezip(pristine.with_name("pack.zip"), tmp_path / "c.zip", compress=compress)
    assert verify_pack(zipped).intact  # an honest re-zip with another method is fine
    _corrupt_member(zipped, "index.html")
    result = verify_pack(zipped)
    assert not result.intact
    assert "damaged zip" in result.problems[0] or "larger than its header" in result.problems[0]


def test_an_old_style_assessor_folder_is_ignored(pack: Path, tmp_path: Path) -> None:
    folder = pack / "assessor"
    folder.mkdir()
    (folder / "record.json").write_text(json.dumps({"decisions": 5, "iqa": "x"}))
    (folder / "record.sha256").write_bytes(b"\xff\xfe\x00 not text")
    result = verify_pack(pack)
    assert result.consistent and any("ignored" in n for n in result.notes)
    rows, _ = review([pack], ledger=tmp_path / "ledger")
    assert rows[0]["integrity"] == "intact" and "ignored" in rows[0]["notes"]


def test_a_file_name_that_is_not_utf8(pack: Path, tmp_path: Path) -> None:
    bad = Path(os.fsdecode(bytes(pack / "evidence") + b"/\xff\xfe.json"))
    bad.write_text("{}")
    result = verify_pack(pack)
    assert not result.intact and "not UTF-8 text" in result.problems[0]
    out = tmp_path / "r.csv"
    assert main(["review", str(pack), "--out", str(out)]) == 1
    assert "not UTF-8 text" in out.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("values", "expected"),
    [
        ({"coverage": {"AC1": 5}}, "manifest.json.coverage.AC1 is 5, not an object"),
        ({"gaps": [1]}, "manifest.json.gaps[0] is 1, not text"),
        (
            {
                "coverage": {
                    "AC1": {
                        "count": "<img src=x onerror=alert(1)>",
                        "minimum": 2,
                        "met": True,
                        "items": [],
                    }
                }
            },
            "manifest.json.coverage.AC1.count is text, not a whole number",
        ),
        ({"learner": "Sam"}, "manifest.json.learner is text, not an object"),
        (
            {"chain": {"events": True, "head": "x", "sealed": 0, "personal": "included"}},
            "manifest.json.chain.events is true, not a whole number",
        ),
        ({"derivation": None}, "manifest.json.derivation is null, not an object"),
        ({"extra": 1}, "manifest.json has 'extra', which casekit does not write"),
    ],
)
def test_malformed_manifest_fields_are_one_clear_line(
    pack: Path, values: dict, expected: str
) -> None:
    _set_manifest(pack, **values)
    result = verify_pack(pack)
    assert not result.intact and expected in result.problems
    rows, _ = review([pack])
    assert rows[0]["integrity"] == "changed" and expected in rows[0]["problems"]


def test_a_row_with_a_valid_hash_but_missing_keys(pack: Path) -> None:
    log = pack / "evidence" / "log.jsonl"
    rows = [json.loads(line) for line in log.read_text().splitlines()]
    last = rows[-1]
    body = json.loads(last["body"])
    del body["kind"]
    last["body"] = canonical(body)
    last["hash"] = event_hash(last["seq"], last["prev"], last["pdigest"], last["body"])
    log.write_text("".join(canonical(r) + "\n" for r in rows))
    manifest = json.loads((pack / "manifest.json").read_text())
    manifest["chain"]["head"] = last["hash"]
    (pack / "manifest.json").write_bytes(render(manifest))
    reseal(pack)
    problems = verify_pack(pack).problems
    assert f"event {last['seq']} has no 'kind'" in problems
    rows[0].pop("prev")
    log.write_text("".join(canonical(r) + "\n" for r in rows))
    reseal(pack)
    assert "evidence/log.jsonl line 1 has no 'prev'" in verify_pack(pack).problems


def test_output_is_bounded(pack: Path, capsys: pytest.CaptureFixture[str]) -> None:
    log = pack / "evidence" / "log.jsonl"
    log.write_text(log.read_text() + '{"junk": true}\n' * 5000)
    reseal(pack)
    assert main(["verify", str(pack)]) == 1
    out = capsys.readouterr().out.splitlines()
    assert len(out) < 20 and "... and " in out[-3] + out[-2] + out[-1]


def test_review_and_class_summary_go_on_past_bad_packs(
    pristine: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    collected = tmp_path / "collected"
    collected.mkdir()
    shutil.copytree(pristine, collected / "good")
    shutil.copytree(pristine, collected / "gaps")
    _set_manifest(collected / "gaps", gaps=[1])
    shutil.copytree(pristine, collected / "cov")
    _set_manifest(collected / "cov", coverage={"AC1": 5})
    (collected / "junk.zip").write_bytes(b"PK\x03\x04 not really")
    out = tmp_path / "review.csv"
    packs = sorted(str(p) for p in collected.iterdir())
    assert main(["review", *packs, "--out", str(out)]) == 1
    rows = {r["pack"]: r for r in csv.DictReader(out.open())}
    assert rows["good"]["integrity"] == "intact"
    assert {rows[n]["integrity"] for n in ("gaps", "cov")} == {"changed"}
    assert rows["junk.zip"]["integrity"] == "refused"
    # Note: "good" is a copy of the others' pack, so it is also flagged (same workspace):
    # exit 1 either way; class-summary reads every pack and counts only the good one.
    summary = tmp_path / "summary"
    assert main(["class-summary", str(collected), "--out", str(summary), "--no-progress"]) == 1
    status = {r["pack"]: r["status"] for r in csv.DictReader((summary / "packs.csv").open())}
    assert status == {"cov": "changed", "gaps": "changed", "good": "intact", "junk.zip": "refused"}
    assert "learners" in (summary / "coverage.csv").read_text()


MANIFEST_KEYS = [
    "learner",
    "pack",
    "chain",
    "coverage",
    "gaps",
    "coaching",
    "derivation",
    "workspace_id",
    "exported_at",
    "pseudonymised",
    "files",
]
JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=20),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=3)
    ),
    max_leaves=8,
)


@given(st.sampled_from(MANIFEST_KEYS), JSON)
@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
def test_any_manifest_value_gives_clean_problems(pack: Path, key: str, value: object) -> None:
    original = (pack / "manifest.json").read_bytes()
    try:
        _set_manifest(pack, **{key: value})
        result = verify_pack(pack)
        rows, _ = review([pack])
        assert all(isinstance(p, str) and "Traceback" not in p for p in result.problems)
        assert rows[0]["integrity"] in ("intact", "changed", "refused")
    finally:
        (pack / "manifest.json").write_bytes(original)
