"""Opening a pack someone sent: a zip or a folder is untrusted input.

A hostile archive can try to write outside the folder it is opened into (``..``,
absolute paths, drive letters, backslashes, links), exhaust the disk or memory (zip
bombs: huge totals, huge members, huge compression ratios, many members), or hide files
the manifest does not vouch for. Every check here raises :class:`CasekitError` under the
``hostile-pack`` rule, and a zip is extracted into a fresh temporary folder *inside* the
target, validated there, and only then moved into place, so a refusal writes nothing
outside the target and leaves nothing half-open inside it.
"""

from __future__ import annotations

import json
import lzma
import re
import shutil
import stat
import tempfile
import zipfile
import zlib
from pathlib import Path, PurePosixPath
from typing import Any

from casekit.errors import CasekitError
from casekit.evidence.config import limits, refuse

MANIFEST = "manifest.json"
ASSESSOR_DIR = "assessor"  # written beside the evidence after export; never in the manifest
_DRIVE = re.compile(r"^[A-Za-z]:")
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


def hostile(detail: str, field: str | None = None):
    return refuse("hostile-pack", detail, field=field)


# -- names ----------------------------------------------------------------------------
def check_member_name(name: str) -> str:
    """A zip member name that is safe to extract, normalised (no trailing slash).

    Refuses empty names, control characters, absolute paths, drive letters, backslashes,
    ``.``/``..``/empty segments and names longer than the limit."""
    if not isinstance(name, str) or not name or name in ("/",):
        raise hostile("An entry has an empty name.", field="name")
    shown = name.encode("unicode_escape").decode("ascii")[:120]
    if len(name) > limits()["max_name_length"]:
        raise hostile(f"Entry '{shown}' has a name longer than the limit.", field="name")
    if _CONTROL.search(name):
        raise hostile(f"Entry '{shown}' has a control character in its name.", field="name")
    if "\\" in name:
        raise hostile(f"Entry '{shown}' uses a backslash in its path.", field="name")
    if name.startswith("/"):
        raise hostile(f"Entry '{shown}' has an absolute path.", field="name")
    if _DRIVE.match(name):
        raise hostile(f"Entry '{shown}' names a drive letter.", field="name")
    trimmed = name[:-1] if name.endswith("/") else name
    parts = trimmed.split("/")
    if any(part in ("", ".", "..") for part in parts):
        raise hostile(
            f"Entry '{shown}' has a '..', '.' or empty segment in its path.", field="name"
        )
    return trimmed


def _is_link(info: zipfile.ZipInfo) -> bool:
    """A link or device (by its Unix file type); no type bits means a plain file."""
    kind = stat.S_IFMT(info.external_attr >> 16)
    return kind not in (0, stat.S_IFREG, stat.S_IFDIR)


def check_archive(zf: zipfile.ZipFile) -> list[tuple[zipfile.ZipInfo, str]]:
    """Validate every member of an open archive before anything is extracted; returns
    the file members with their safe names."""
    lim = limits()
    infos = zf.infolist()
    if len(infos) > lim["max_members"]:
        raise hostile(f"The archive has {len(infos)} entries (limit {lim['max_members']}).")
    seen: set[str] = set()
    total = 0
    files: list[tuple[zipfile.ZipInfo, str]] = []
    for info in infos:
        name = check_member_name(info.filename)
        if _is_link(info):
            raise hostile(f"Entry '{name}' is a link, not a file.", field="name")
        if info.flag_bits & 0x1:
            raise hostile(f"Entry '{name}' is encrypted; a pack never is.", field="name")
        folded = name.casefold()
        if folded in seen:
            raise hostile(f"Entry '{name}' appears more than once.", field="name")
        seen.add(folded)
        if info.is_dir():
            continue
        if info.file_size > lim["max_file_bytes"]:
            raise hostile(
                f"Entry '{name}' is {info.file_size} bytes uncompressed "
                f"(limit {lim['max_file_bytes']})."
            )
        total += info.file_size
        if total > lim["max_total_bytes"]:
            raise hostile(f"The archive unpacks to more than {lim['max_total_bytes']} bytes.")
        if info.file_size > 1024 and info.file_size > lim["max_ratio"] * max(info.compress_size, 1):
            raise hostile(
                f"Entry '{name}' expands {info.file_size // max(info.compress_size, 1)}"
                f" times (limit {lim['max_ratio']}): a zip bomb."
            )
        files.append((info, name))
    # A file may not also be used as a folder ("a" and "a/b").
    names = {n for _, n in files}
    for name in names:
        for parent in PurePosixPath(name).parents:
            if str(parent) in names:
                raise hostile(f"Entry '{parent}' is both a file and a folder.", field="name")
    return files


# -- JSON -----------------------------------------------------------------------------
def json_depth(text: str) -> int:
    """The deepest nesting of arrays/objects in JSON text, without parsing it (so a
    deeply nested document cannot exhaust the parser's stack)."""
    depth = deepest = 0
    in_string = escaped = False
    for ch in text:
        if in_string:
            if escaped:
                escaped = False
            elif ch == "\\":
                escaped = True
            elif ch == '"':
                in_string = False
        elif ch == '"':
            in_string = True
        elif ch in "[{":
            depth += 1
            deepest = max(deepest, depth)
        elif ch in "]}":
            depth -= 1
    return deepest


def _no_constants(name: str) -> Any:
    raise ValueError(f"{name} is not JSON")


def parse_json(raw: bytes | str, what: str) -> Any:
    """Parse untrusted JSON within the size and depth limits; NaN/Infinity and
    duplicate keys are refused."""
    lim = limits()
    if len(raw) > lim["max_json_bytes"]:
        raise hostile(f"{what} is {len(raw)} bytes (limit {lim['max_json_bytes']}).", field=what)
    try:
        text = raw.decode("utf-8") if isinstance(raw, bytes) else raw
    except UnicodeDecodeError:
        raise hostile(f"{what} is not UTF-8 text.", field=what) from None
    if json_depth(text) > lim["max_json_depth"]:
        raise hostile(f"{what} is nested deeper than {lim['max_json_depth']} levels.", field=what)

    def pairs(items: list[tuple[str, Any]]) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for key, value in items:
            if key in out:
                raise ValueError(f"duplicate key {key!r}")
            out[key] = value
        return out

    try:
        value = json.loads(text, object_pairs_hook=pairs, parse_constant=_no_constants)
    except (ValueError, RecursionError) as err:
        raise hostile(f"{what} is not valid JSON ({str(err)[:120]}).", field=what) from None
    if "\\u" in text and _lone_surrogate(value):  # only an escape can make one
        raise hostile(f"{what} holds a broken character (a lone surrogate).", field=what)
    return value


def _lone_surrogate(value: Any) -> bool:
    if isinstance(value, str):
        return any("\ud800" <= c <= "\udfff" for c in value)
    if isinstance(value, dict):
        return any(_lone_surrogate(k) or _lone_surrogate(v) for k, v in value.items())
    if isinstance(value, list):
        return any(_lone_surrogate(v) for v in value)
    return False


def parse_manifest(raw: bytes | str) -> dict[str, Any]:
    """Parse and shape-check a manifest: a schema version and a list of files, each
    with a safe relative path and a SHA-256."""
    data = parse_json(raw, MANIFEST)
    if not isinstance(data, dict):
        raise hostile("manifest.json is not an object.", field=MANIFEST)
    if not isinstance(data.get("schema_version"), int) or isinstance(
        data.get("schema_version"), bool
    ):
        raise hostile("manifest.json has no integer schema_version.", field="schema_version")
    files = data.get("files")
    if not isinstance(files, list):
        raise hostile("manifest.json has no list of files.", field="files")
    seen: set[str] = set()
    for i, entry in enumerate(files):
        where = f"files[{i}]"
        if not isinstance(entry, dict):
            raise hostile(f"manifest.json {where} is not an object.", field=where)
        path, digest = entry.get("path"), entry.get("sha256")
        if not isinstance(path, str):
            raise hostile(f"manifest.json {where} has no path.", field=where)
        try:
            safe = check_member_name(path)
        except CasekitError as err:
            raise hostile(
                f"manifest.json {where}: {err.message.split('open. ')[-1]}", field=where
            ) from None
        if safe != path or safe == MANIFEST or safe.split("/")[0] == ASSESSOR_DIR:
            raise hostile(f"manifest.json {where} lists '{path}', which it may not.", field=where)
        if not isinstance(digest, str) or not re.fullmatch(r"[0-9a-f]{64}", digest):
            raise hostile(f"manifest.json {where} has no valid sha256.", field=where)
        if safe.casefold() in seen:
            raise hostile(f"manifest.json lists '{path}' twice.", field=where)
        seen.add(safe.casefold())
    return data


# -- opening --------------------------------------------------------------------------
def _extract(zf: zipfile.ZipFile, files: list[tuple[zipfile.ZipInfo, str]], into: Path) -> None:
    lim = limits()
    total = 0
    for info, name in files:
        target = into.joinpath(*name.split("/"))
        if not target.resolve().is_relative_to(into.resolve()):
            raise hostile(f"Entry '{name}' would be written outside the folder.", field="name")
        target.parent.mkdir(parents=True, exist_ok=True)
        written = 0
        with zf.open(info) as src, target.open("xb") as dst:
            while chunk := src.read(1 << 16):  # the header may lie: count real bytes
                written += len(chunk)
                total += len(chunk)
                if written > lim["max_file_bytes"] or written > info.file_size:
                    raise hostile(f"Entry '{name}' is larger than its header says.")
                if total > lim["max_total_bytes"]:
                    raise hostile(
                        f"The archive unpacks to more than {lim['max_total_bytes']} bytes."
                    )
                dst.write(chunk)


def _shown(name: str) -> str:
    """A name as text whatever bytes it was made of (undecodable bytes escaped)."""
    return name.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")[:120]


def list_pack_files(folder: Path) -> list[str]:
    """Every file under a pack folder as a relative POSIX path; links, and names that are
    not UTF-8 text, are refused."""
    lim = limits()
    out: list[str] = []
    total = 0
    for path in sorted(folder.rglob("*")):
        rel = path.relative_to(folder).as_posix()
        try:
            rel.encode("utf-8")
        except UnicodeEncodeError:
            raise hostile(
                f"'{_shown(rel)}' has a name that is not UTF-8 text.", field="name"
            ) from None
        if path.is_symlink():
            raise hostile(f"'{rel}' is a link, not a file.", field="name")
        if path.is_dir():
            continue
        if not path.is_file():
            raise hostile(f"'{rel}' is not a regular file.", field="name")
        size = path.stat().st_size
        total += size
        if size > lim["max_file_bytes"] or total > lim["max_total_bytes"]:
            raise hostile(f"'{rel}' takes the pack over the size limit.")
        out.append(rel)
        if len(out) > lim["max_members"]:
            raise hostile(f"The pack has more than {lim['max_members']} files.")
    return out


def check_folder(folder: Path) -> dict[str, Any]:
    """Validate an unpacked pack folder: the manifest parses, and every file is in it
    (the assessor folder apart). Returns the manifest."""
    manifest_path = folder / MANIFEST
    if manifest_path.is_symlink() or not manifest_path.is_file():
        raise hostile(f"There is no manifest.json in {_shown(folder.name)}.", field=MANIFEST)
    present = list_pack_files(folder)
    raw = manifest_path.read_bytes()
    manifest = parse_manifest(raw)
    from casekit.evidence.manifest import manifest_problems

    sealed = manifest_problems(raw, manifest)
    if sealed:  # a changed manifest cannot vouch for the files it lists
        raise hostile(sealed[0] + ".", field=MANIFEST)
    listed = {f["path"] for f in manifest["files"]}
    extra = [
        p for p in present if p != MANIFEST and p not in listed and p.split("/")[0] != ASSESSOR_DIR
    ]
    if extra:
        raise hostile(f"Files not in the manifest: {', '.join(extra[:10])}.", field="files")
    return manifest


def open_zip(archive: Path, target: Path) -> Path:
    """Extract a zipped pack into ``target`` (which must not exist yet), safely."""
    archive, target = Path(archive), Path(target)
    if target.exists():
        raise hostile(
            f"{target} already exists; choose a new folder to open the pack into.", field="target"
        )
    if not zipfile.is_zipfile(archive):
        raise hostile(f"{_shown(archive.name)} is not a zip archive.", field="archive")
    parent = target.parent
    parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".casekit-open-", dir=parent))
    try:
        try:
            with zipfile.ZipFile(archive) as zf:
                files = check_archive(zf)
                _extract(zf, files, staging)
        except (
            zipfile.BadZipFile,
            EOFError,
            NotImplementedError,
            RuntimeError,
            OSError,
            ValueError,
            zlib.error,
            lzma.LZMAError,
        ) as err:
            detail = str(err).encode("ascii", "backslashreplace").decode()[:120]
            raise hostile(f"{_shown(archive.name)} is a damaged zip ({detail}).") from None
        check_folder(staging)
        staging.rename(target)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return target


class OpenPack:
    """A pack ready to read: a folder as it is, or a zip extracted to a temporary folder
    that is removed on exit. Use as ``with OpenPack(path) as folder: ...``."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        self._tmp: tempfile.TemporaryDirectory[str] | None = None

    def __enter__(self) -> Path:
        if self.path.is_dir():
            check_folder(self.path)
            return self.path
        if not self.path.is_file():
            raise hostile(f"There is no pack at {_shown(str(self.path))}.", field="pack")
        self._tmp = tempfile.TemporaryDirectory(prefix="casekit-pack-")
        try:
            return open_zip(self.path, Path(self._tmp.name) / "pack")
        except BaseException:
            self.__exit__()
            raise

    def __exit__(self, *exc: object) -> None:
        if self._tmp is not None:
            self._tmp.cleanup()
            self._tmp = None
