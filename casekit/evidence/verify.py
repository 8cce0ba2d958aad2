"""Verify a pack: every file against its SHA-256, the manifest against its seal, and the
exported log against its own hash chain.

The result names each file and each event that changed, so an assessor can tell "the
HTML was edited" from "an event was altered" and ask the learner the right question.
Sealed rows (pseudonymised packs) keep their place in the chain: their links are checked,
their content cannot be.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from casekit.errors import CasekitError
from casekit.evidence.manifest import manifest_problems, sha256_file
from casekit.evidence.safepack import MANIFEST, OpenPack, parse_json
from casekit.record.log import GENESIS, event_hash, personal_digest

LOG = "evidence/log.jsonl"
PERSONAL = "evidence/personal.jsonl"


@dataclass
class Verification:
    pack: str
    problems: list[str] = field(default_factory=list)
    manifest: dict[str, Any] | None = None
    events: int = 0

    @property
    def intact(self) -> bool:
        return not self.problems

    def text(self) -> str:
        if self.intact:
            chain = (self.manifest or {}).get("chain", {})
            sealed = chain.get("sealed", 0)
            note = f", {sealed} sealed (pseudonymised)" if sealed else ""
            return (
                f"{self.pack}: intact ({len((self.manifest or {}).get('files', []))} files, "
                f"{self.events} events{note}, chain head {str(chain.get('head', ''))[:16]}...)"
            )
        return "\n".join([f"{self.pack}: CHANGED", *(f"  - {p}" for p in self.problems)])


def _rows(path: Path, name: str) -> tuple[list[dict[str, Any]], list[str]]:
    rows, problems = [], []
    for n, line in enumerate(path.read_bytes().splitlines(), start=1):
        try:
            row = parse_json(line, f"{name} line {n}")
        except CasekitError as err:
            problems.append(f"{name} line {n}: unreadable ({err.message})")
            continue
        if not isinstance(row, dict):
            problems.append(f"{name} line {n}: not an object")
            continue
        rows.append(row)
    return rows, problems


def check_log(folder: Path, manifest: dict[str, Any]) -> tuple[list[str], int]:
    """Recompute the exported chain; returns problems (naming events) and the count."""
    log_path = folder / LOG
    if not log_path.is_file():
        return [f"{LOG}: missing"], 0
    rows, problems = _rows(log_path, LOG)
    expected_prev, expected_seq = GENESIS, 1
    digests: dict[int, str] = {}
    for row in rows:
        seq, prev, pdigest, body, digest = (
            row.get(k) for k in ("seq", "prev", "pdigest", "body", "hash")
        )
        if not isinstance(seq, int) or not all(isinstance(v, str) for v in (prev, pdigest, digest)):
            problems.append(f"event {seq}: a row of {LOG} is malformed")
            continue
        if seq != expected_seq:
            problems.append(f"event {expected_seq}: missing (found event {seq} next)")
        if prev != expected_prev:
            problems.append(f"event {seq}: does not follow the event before it")
        if body is None and row.get("sealed") is True:
            pass  # pseudonymised: the body is withheld, its hash still links the chain
        elif not isinstance(body, str) or event_hash(seq, prev, pdigest, body) != digest:
            problems.append(f"event {seq}: its content does not match its hash")
        if pdigest:
            digests[seq] = pdigest
        expected_prev, expected_seq = digest, seq + 1
    chain = manifest.get("chain", {}) if isinstance(manifest.get("chain"), dict) else {}
    if chain.get("head") != expected_prev or chain.get("events") != expected_seq - 1:
        problems.append(
            f"{LOG}: the log ends at event {expected_seq - 1} "
            f"({str(expected_prev)[:16]}...), not at the manifest's chain head"
        )
    personal_path = folder / PERSONAL
    if personal_path.is_file():
        prow, pproblems = _rows(personal_path, PERSONAL)
        problems.extend(pproblems)
        for row in prow:
            seq, salt, data = row.get("seq"), row.get("salt"), row.get("data")
            if not isinstance(seq, int) or not isinstance(salt, str) or not isinstance(data, str):
                problems.append(f"{PERSONAL}: a row is malformed")
            elif seq not in digests:
                problems.append(f"event {seq}: has personal values but no digest for them")
            elif personal_digest(salt, data) != digests[seq]:
                problems.append(f"event {seq}: its personal values do not match their digest")
    return problems, expected_seq - 1


def verify_folder(folder: Path, label: str | None = None) -> Verification:
    """Verify an opened (and safety-checked) pack folder."""
    result = Verification(label or str(folder))
    raw = (folder / MANIFEST).read_bytes()
    manifest = parse_json(raw, MANIFEST)
    result.manifest = manifest
    result.problems.extend(manifest_problems(raw, manifest))
    for entry in manifest.get("files", []):
        rel = entry["path"]
        path = folder / rel
        if not path.is_file():
            result.problems.append(f"{rel}: missing")
        elif sha256_file(path) != entry["sha256"]:
            result.problems.append(f"{rel}: changed (its SHA-256 differs from the manifest)")
    log_problems, result.events = check_log(folder, manifest)
    result.problems.extend(log_problems)
    from casekit.evidence.assessor import record_problems

    result.problems.extend(record_problems(folder))
    return result


def verify_pack(path: str | Path) -> Verification:
    """Verify a pack folder or zip. Unsafe packs (see :mod:`safepack`) are reported as a
    problem rather than opened."""
    path = Path(path)
    try:
        with OpenPack(path) as folder:
            return verify_folder(folder, str(path))
    except CasekitError as err:
        return Verification(str(path), [err.message])
