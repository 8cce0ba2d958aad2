"""Hostile packs: nothing a sent pack holds may write outside its folder, exhaust the
machine, or slip files past the manifest."""

from __future__ import annotations

import contextlib
import io
import json
import shutil
import stat
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from casekit.errors import CasekitError
from casekit.evidence.export import export_pack
from casekit.evidence.safepack import (
    OpenPack,
    check_member_name,
    json_depth,
    open_zip,
    parse_json,
    parse_manifest,
)
from casekit.evidence.verify import verify_pack
from tests.worked import worked_workspace


@pytest.fixture(scope="module")
def good(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("safe")
    with worked_workspace(root / "ws", cases=1) as ws:
        export_pack(ws, root / "pack")
    return root / "pack"


def _zip_of(good: Path, path: Path, extra: list[tuple[zipfile.ZipInfo | str, bytes]]) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for file in sorted(good.rglob("*")):
            if file.is_file():
                zf.write(file, file.relative_to(good).as_posix())
        for info, data in extra:
            zf.writestr(info, data)
    return path


def _refused(path: Path, tmp_path: Path, words: str) -> None:
    before = set(tmp_path.parent.iterdir())
    with pytest.raises(CasekitError) as err:
        open_zip(path, tmp_path / "opened")
    assert err.value.rule == "hostile-pack"
    assert words in str(err.value), str(err.value)
    assert not (tmp_path / "opened").exists()
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".casekit-open")]
    assert set(tmp_path.parent.iterdir()) == before
    result = verify_pack(path)
    assert not result.intact


@pytest.mark.parametrize(
    ("name", "words"),
    [
        ("../evil.txt", "'..'"),
        ("evidence/../../evil.txt", "'..'"),
        ("/etc/evil.txt", "absolute path"),
        ("C:/evil.txt", "drive letter"),
        ("c:evil.txt", "drive letter"),
        ("evidence\\..\\evil.txt", "backslash"),
        ("a//b.txt", "empty segment"),
        ("evil\x00.txt", "evil"),  # zipfile cuts the name at NUL: then not in the manifest
    ],
)
def test_bad_entry_names_are_refused(good: Path, tmp_path: Path, name: str, words: str) -> None:
    info = zipfile.ZipInfo("x")
    info.filename = name  # bypass zipfile's own clean-up, as a hostile tool would
    archive = _zip_of(good, tmp_path / "bad.zip", [(info, b"boo")])
    _refused(archive, tmp_path, words)
    assert not (tmp_path.parent / "evil.txt").exists()


def test_symlink_entry_is_refused(good: Path, tmp_path: Path) -> None:
    info = zipfile.ZipInfo("link")
    info.external_attr = (stat.S_IFLNK | 0o777) << 16
    _refused(_zip_of(good, tmp_path / "link.zip", [(info, b"/etc/passwd")]), tmp_path, "link")


def test_duplicate_names_are_refused(good: Path, tmp_path: Path) -> None:
    archive = _zip_of(good, tmp_path / "dup.zip", [("INDEX.html", b"<p>other</p>")])
    _refused(archive, tmp_path, "more than once")


def test_zip_bomb_ratio_is_refused(good: Path, tmp_path: Path) -> None:
    archive = _zip_of(good, tmp_path / "bomb.zip", [("evidence/zeros.bin", b"\0" * 2_000_000)])
    _refused(archive, tmp_path, "zip bomb")


def test_size_and_count_limits(good: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from casekit.evidence import config

    real = config.limits()
    monkeypatch.setattr("casekit.evidence.safepack.limits", lambda: {**real, "max_members": 5})
    _refused(_zip_of(good, tmp_path / "many.zip", []), tmp_path, "entries")
    monkeypatch.setattr(
        "casekit.evidence.safepack.limits", lambda: {**real, "max_total_bytes": 10_000}
    )
    _refused(_zip_of(good, tmp_path / "big.zip", []), tmp_path, "bytes")


def test_header_that_lies_about_size_is_caught(good: Path, tmp_path: Path) -> None:
    archive = _zip_of(good, tmp_path / "liar.zip", [("evidence/x.txt", b"A" * 5000)])
    raw = bytearray(archive.read_bytes())
    # Shrink the declared size in the central directory for evidence/x.txt.
    with zipfile.ZipFile(archive) as zf:
        info = zf.getinfo("evidence/x.txt")
    marker = raw.rfind(b"evidence/x.txt")
    header = raw.rfind(b"PK\x01\x02", 0, marker)
    raw[header + 24 : header + 28] = (100).to_bytes(4, "little")
    archive.write_bytes(bytes(raw))
    assert info.file_size == 5000
    with pytest.raises(CasekitError):
        open_zip(archive, tmp_path / "opened")
    assert not (tmp_path / "opened").exists()


def test_file_not_in_manifest_is_refused(good: Path, tmp_path: Path) -> None:
    archive = _zip_of(good, tmp_path / "extra.zip", [("evidence/extra.js", b"alert(1)")])
    _refused(archive, tmp_path, "not in the manifest")


@pytest.mark.parametrize(
    "manifest",
    [
        b"{not json",
        b"[1, 2]",
        b'{"schema_version": 1}',
        b"\xff\xfe",
        b'{"schema_version": 1, "files": [], "files": []}',
        b'{"schema_version": NaN, "files": []}',
        b'{"a":' * 100 + b"1" + b"}" * 100,
        b'{"schema_version": 1, "files": [{"path": "../x", "sha256": "' + b"0" * 64 + b'"}]}',
    ],
)
def test_malformed_manifests_are_refused(good: Path, tmp_path: Path, manifest: bytes) -> None:
    folder = tmp_path / "pack"
    shutil.copytree(good, folder)
    (folder / "manifest.json").write_bytes(manifest)
    with pytest.raises(CasekitError) as err, OpenPack(folder):
        pass
    assert err.value.rule == "hostile-pack"
    archive = tmp_path / "m.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        zf.writestr("manifest.json", manifest)
    _refused(archive, tmp_path, "manifest.json")


def test_oversized_json_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    from casekit.evidence import config

    real = config.limits()
    monkeypatch.setattr("casekit.evidence.safepack.limits", lambda: {**real, "max_json_bytes": 100})
    with pytest.raises(CasekitError, match="limit 100"):
        parse_json(b"[" + b"1," * 100 + b"1]", "x.json")


def test_symlink_in_a_folder_pack_is_refused(good: Path, tmp_path: Path) -> None:
    folder = tmp_path / "pack"
    shutil.copytree(good, folder)
    (folder / "evidence" / "passwd").symlink_to("/etc/passwd")
    with pytest.raises(CasekitError, match="link"), OpenPack(folder):
        pass


def test_not_a_zip(tmp_path: Path) -> None:
    path = tmp_path / "pack.zip"
    path.write_bytes(b"PK\x03\x04 garbage")
    assert not verify_pack(path).intact


# -- properties -----------------------------------------------------------------------
SEGMENT = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=12)


@given(st.lists(SEGMENT, min_size=1, max_size=5).map("/".join))
@settings(max_examples=300)
def test_accepted_names_stay_inside(name: str) -> None:
    try:
        safe = check_member_name(name)
    except CasekitError as err:
        assert err.rule == "hostile-pack"
        return
    root = Path("/srv/pack")
    target = root.joinpath(*safe.split("/"))
    assert target.resolve().is_relative_to(root)
    assert ".." not in safe.split("/") and "\\" not in safe and not safe.startswith("/")
    assert not any(ord(c) < 32 for c in safe)


@given(st.text(max_size=40))
@settings(max_examples=300)
def test_name_validator_never_crashes(name: str) -> None:
    with contextlib.suppress(CasekitError):
        check_member_name(name)


JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=10),
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=5), inner, max_size=4)
    ),
    max_leaves=20,
)


@given(JSON)
@settings(max_examples=200)
def test_json_depth_matches_structure(value: object) -> None:
    def depth(v: object) -> int:
        if isinstance(v, list):
            return 1 + max((depth(x) for x in v), default=0)
        if isinstance(v, dict):
            return 1 + max((depth(x) for x in v.values()), default=0)
        return 0

    text = json.dumps(value)
    assert json_depth(text) == depth(value)
    assert parse_json(text, "x") == value


@given(st.binary(max_size=300) | st.text(max_size=300).map(str.encode))
@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
def test_manifest_parser_refuses_cleanly(raw: bytes) -> None:
    try:
        data = parse_manifest(raw)
    except CasekitError as err:
        assert err.rule == "hostile-pack"
        return
    assert isinstance(data["files"], list)


@given(
    st.lists(
        st.tuples(SEGMENT, st.text(alphabet="0123456789abcdef", min_size=64, max_size=64)),
        max_size=4,
    )
)
@settings(max_examples=200)
def test_manifest_parser_accepts_only_safe_paths(entries: list[tuple[str, str]]) -> None:
    raw = json.dumps({"schema_version": 1, "files": [{"path": p, "sha256": h} for p, h in entries]})
    try:
        data = parse_manifest(raw)
    except CasekitError:
        return
    for entry in data["files"]:
        assert check_member_name(entry["path"]) == entry["path"]


def test_zip_streams_from_memory_are_checked() -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as zf:
        zf.writestr("ok.txt", b"fine")
    with zipfile.ZipFile(buffer) as zf:
        from casekit.evidence.safepack import check_archive

        assert [n for _, n in check_archive(zf)] == ["ok.txt"]
