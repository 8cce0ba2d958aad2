"""The pack's manifest: every file with its SHA-256, the log's chain head, and coverage.

The manifest seals itself: ``manifest_sha256`` is the hash of the canonical JSON of
everything else in it, and the file is written in one exact layout, so changing any byte
of it (a hash, a coverage count, even a space) shows when the pack is verified.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

from casekit.record.log import canonical

SEAL = "manifest_sha256"


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while chunk := handle.read(1 << 16):
            digest.update(chunk)
    return digest.hexdigest()


def seal(data: dict[str, Any]) -> str:
    """The self-hash of a manifest (over every key but the seal)."""
    body = {k: v for k, v in data.items() if k != SEAL}
    return hashlib.sha256(canonical(body).encode()).hexdigest()


def render(data: dict[str, Any]) -> bytes:
    """The one byte layout of a manifest, with its seal."""
    sealed = {k: v for k, v in data.items() if k != SEAL}
    sealed[SEAL] = seal(sealed)
    return (json.dumps(sealed, sort_keys=True, indent=2, ensure_ascii=False) + "\n").encode()


def file_entries(folder: Path, paths: list[str]) -> list[dict[str, Any]]:
    return [
        {"path": rel, "sha256": sha256_file(folder / rel), "bytes": (folder / rel).stat().st_size}
        for rel in sorted(paths)
    ]


def write_manifest(folder: Path, data: dict[str, Any]) -> Path:
    path = folder / "manifest.json"
    path.write_bytes(render(data))
    return path


def read_manifest(folder: Path) -> dict[str, Any]:
    """The manifest of a pack this process just wrote (trusted: no shape checks)."""
    return json.loads((folder / "manifest.json").read_text(encoding="utf-8"))


def manifest_problems(raw: bytes, data: dict[str, Any]) -> list[str]:
    """What is wrong with a parsed manifest's seal and layout (empty when intact)."""
    problems = []
    if data.get(SEAL) != seal(data):
        problems.append("manifest.json: its content does not match its seal (manifest_sha256)")
    elif render(data) != raw:
        problems.append("manifest.json: its bytes were changed (layout differs from export)")
    return problems
