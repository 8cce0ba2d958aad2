"""The assessor's record: per-criterion decisions and the IQA sampling record.

The record lives in ``assessor/record.json`` *beside* the learner's evidence, never inside
the hashed files, so judging a pack does not change it. Each entry is chained to the one
before by SHA-256 (like the learner's log) and the record's own hash is kept in
``assessor/record.sha256``, so a later edit to an earlier decision shows. The record also
names the manifest seal of the pack it judges, so a decision cannot be moved to another
learner's pack unnoticed.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from casekit.errors import CasekitError
from casekit.evidence.config import refuse, settings
from casekit.evidence.safepack import ASSESSOR_DIR, MANIFEST, check_folder, parse_json
from casekit.inputs.dates import parse_date
from casekit.record.log import GENESIS, canonical

RECORD = "record.json"
RECORD_HASH = "record.sha256"
MAX_TEXT = 5000


@dataclass
class AssessorRecord:
    pack_seal: str
    learner: str
    decisions: list[dict[str, Any]] = field(default_factory=list)
    iqa: list[dict[str, Any]] = field(default_factory=list)

    def latest(self) -> dict[str, dict[str, Any]]:
        """The current decision per criterion (the last one recorded)."""
        out: dict[str, dict[str, Any]] = {}
        for entry in self.decisions:
            out[entry["criterion"]] = entry
        return out


def _entry_hash(prev: str, entry: dict[str, Any]) -> str:
    body = {k: v for k, v in entry.items() if k not in ("prev", "hash")}
    return hashlib.sha256(f"{prev}\n{canonical(body)}".encode()).hexdigest()


def _text(value: Any, name: str, rule: str, *, required: bool = True) -> str:
    if value is None:
        value = ""
    if not isinstance(value, str):
        raise refuse(rule, f"{name} must be text.", field=name)
    value = value.strip()
    if required and not value:
        raise refuse(rule, f"{name} is empty.", field=name)
    if len(value) > MAX_TEXT or "\x00" in value:
        raise refuse(
            rule, f"{name} is longer than {MAX_TEXT} characters or holds a null.", field=name
        )
    return value


def _date(value: Any, name: str, rule: str) -> str:
    """An ISO date from what the assessor typed (``2026-03-02``, ``02/03/2026``...)."""
    try:
        return parse_date(value, name).isoformat()
    except CasekitError as err:
        raise refuse(rule, f"{err.message} (YYYY-MM-DD).", field=name) from None


def _pack(pack_dir: Path) -> dict[str, Any]:
    manifest = check_folder(pack_dir)
    if not isinstance(manifest.get("coverage"), dict):
        raise refuse("assessor-decision", "The pack's manifest has no coverage.", field="coverage")
    return manifest


def read_record(pack_dir: str | Path) -> AssessorRecord | None:
    """The record beside a pack, or None when there is none yet."""
    folder = Path(pack_dir) / ASSESSOR_DIR
    path = folder / RECORD
    if not path.is_file():
        return None
    data = parse_json(path.read_bytes(), f"{ASSESSOR_DIR}/{RECORD}")
    if not isinstance(data, dict):
        raise refuse("assessor-decision", "assessor/record.json is not an object.")
    return AssessorRecord(
        str(data.get("pack_seal", "")),
        str(data.get("learner", "")),
        list(data.get("decisions", [])),
        list(data.get("iqa", [])),
    )


def record_problems(pack_dir: str | Path) -> list[str]:
    """What is wrong with the assessor record (empty when it is intact or absent)."""
    folder = Path(pack_dir) / ASSESSOR_DIR
    path = folder / RECORD
    if not path.is_file():
        return []
    problems = []
    raw = path.read_bytes()
    stored = (folder / RECORD_HASH).read_text().strip() if (folder / RECORD_HASH).is_file() else ""
    if hashlib.sha256(raw).hexdigest() != stored:
        problems.append("assessor/record.json: changed (its SHA-256 differs from record.sha256)")
    try:
        record = read_record(pack_dir)
    except CasekitError as err:
        return [*problems, f"assessor/record.json: unreadable ({err.message})"]
    assert record is not None
    for name, entries in (("decision", record.decisions), ("IQA sample", record.iqa)):
        prev = GENESIS
        for n, entry in enumerate(entries, start=1):
            if (
                not isinstance(entry, dict)
                or entry.get("prev") != prev
                or entry.get("hash") != _entry_hash(prev, entry)
            ):
                problems.append(
                    f"assessor/record.json: {name} {n} was changed after it was recorded"
                )
                break
            prev = entry["hash"]
    seal = json.loads((Path(pack_dir) / MANIFEST).read_text(encoding="utf-8")).get(
        "manifest_sha256"
    )
    if record.pack_seal != seal:
        problems.append("assessor/record.json: it was made for a different pack")
    return problems


def _write(pack_dir: Path, record: AssessorRecord) -> Path:
    folder = pack_dir / ASSESSOR_DIR
    folder.mkdir(exist_ok=True)
    data = {
        "schema_version": 1,
        "pack_seal": record.pack_seal,
        "learner": record.learner,
        "decisions": record.decisions,
        "iqa": record.iqa,
    }
    raw = (json.dumps(data, sort_keys=True, indent=2, ensure_ascii=False) + "\n").encode()
    for name, content in (
        (RECORD, raw),
        (RECORD_HASH, (hashlib.sha256(raw).hexdigest() + "\n").encode()),
    ):
        fd, tmp = tempfile.mkstemp(dir=folder, prefix=f".{name}.")
        with os.fdopen(fd, "wb") as handle:
            handle.write(content)
        os.replace(tmp, folder / name)
    return folder / RECORD


def _open(pack_dir: Path, manifest: dict[str, Any]) -> AssessorRecord:
    problems = record_problems(pack_dir)
    if problems:
        raise refuse("pack-integrity", "; ".join(problems), field="assessor record")
    record = read_record(pack_dir)
    if record is None:
        learner = (
            manifest.get("learner", {}).get("learner", "")
            if isinstance(manifest.get("learner"), dict)
            else ""
        )
        record = AssessorRecord(str(manifest.get("manifest_sha256", "")), str(learner))
    return record


def _append(entries: list[dict[str, Any]], entry: dict[str, Any]) -> dict[str, Any]:
    prev = entries[-1]["hash"] if entries else GENESIS
    entry = {**entry, "prev": prev}
    entry["hash"] = _entry_hash(prev, entry)
    entries.append(entry)
    return entry


def record_decision(
    pack_dir: str | Path,
    criterion: str,
    decision: str,
    feedback: str,
    assessor: str,
    on: date | str,
) -> dict[str, Any]:
    """Record an assessor's decision on one criterion of an (intact) pack."""
    from casekit.evidence.verify import verify_folder

    pack_dir = Path(pack_dir)
    rule = "assessor-decision"
    manifest = _pack(pack_dir)
    if criterion not in manifest["coverage"]:
        raise refuse(
            rule,
            f"criterion '{criterion}' is not in this pack ({', '.join(manifest['coverage'])}).",
            field="criterion",
        )
    choices = settings()["decisions"]["choices"]
    if decision not in choices:
        raise refuse(
            rule, f"decision '{decision}' is not one of: {', '.join(choices)}.", field="decision"
        )
    entry = {
        "criterion": criterion,
        "decision": decision,
        "feedback": _text(feedback, "feedback", rule, required=decision != "met"),
        "assessor": _text(assessor, "assessor", rule),
        "on": _date(on, "date", rule),
    }
    check = verify_folder(pack_dir)
    if not check.intact:
        raise refuse("pack-integrity", "; ".join(check.problems), field="pack")
    record = _open(pack_dir, manifest)
    stored = _append(record.decisions, entry)
    _write(pack_dir, record)
    return stored


def record_iqa_sample(
    pack_dir: str | Path,
    stage: str,
    criteria: list[str],
    outcome: str,
    iqa: str,
    on: date | str,
    comments: str = "",
) -> dict[str, Any]:
    """Record an internal quality assurer's sample of this pack's decisions."""
    pack_dir = Path(pack_dir)
    rule = "iqa-sample"
    manifest = _pack(pack_dir)
    conf = settings()["iqa"]
    if stage not in conf["stages"]:
        raise refuse(
            rule, f"stage '{stage}' is not one of: {', '.join(conf['stages'])}.", field="stage"
        )
    if outcome not in conf["outcomes"]:
        raise refuse(
            rule,
            f"outcome '{outcome}' is not one of: {', '.join(conf['outcomes'])}.",
            field="outcome",
        )
    if not isinstance(criteria, list | tuple) or not criteria:
        raise refuse(rule, "No criteria were sampled.", field="criteria")
    unknown = [c for c in criteria if c not in manifest["coverage"]]
    if unknown:
        raise refuse(
            rule, f"criteria not in this pack: {', '.join(map(str, unknown))}.", field="criteria"
        )
    entry = {
        "stage": stage,
        "criteria": sorted(set(criteria)),
        "outcome": outcome,
        "iqa": _text(iqa, "IQA name", rule),
        "on": _date(on, "date", rule),
        "comments": _text(comments, "comments", rule, required=outcome == "reject"),
    }
    record = _open(pack_dir, manifest)
    stored = _append(record.iqa, entry)
    _write(pack_dir, record)
    return stored
