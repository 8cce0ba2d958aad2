"""The assessor's ledger: decisions and IQA samples, kept by the assessor, never in a pack.

A learner controls every file of their pack, so nothing in it can say what an assessor
decided. Decisions live in a folder the assessor chooses (``decisions.jsonl``), one JSON
line per decision or IQA sample, each chained to the one before by SHA-256, each naming
the workspace and the chain head (event number and hash) of the pack it judged, and each
optionally signed with the assessor's Ed25519 key (:mod:`casekit.evidence.keys`).
``review`` reads decisions from this ledger only; a pack that arrives with an
``assessor/`` folder is reported and its contents ignored.

Rules kept at recording: the pack must verify; the date may not be in the future or before
the learner's workspace began; a key must be its holder's; an IQA samples decisions that
exist and cannot be the assessor who made any of them.
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from casekit.errors import CasekitError
from casekit.evidence import packschema
from casekit.evidence.config import refuse, settings
from casekit.evidence.keys import SigningKey, load_signing_key, same_person, sign
from casekit.evidence.ledgerfile import appending
from casekit.evidence.safepack import parse_json
from casekit.inputs.dates import parse_date
from casekit.record.log import GENESIS, canonical

LEDGER = "decisions.jsonl"
MAX_TEXT = 5000
COMMON = {
    "v": int,
    "n": int,
    "type": str,
    "recorded_at": str,
    "workspace_id": str,
    "learner": str,
    "pack_events": int,
    "pack_head": str,
    "on": str,
    "prev": str,
    "hash": str,
    "signature?": {"key": str, "holder": str, "sig": str},
}
SHAPES = {
    "decision": {**COMMON, "criterion": str, "decision": str, "feedback": str, "assessor": str},
    "iqa": {
        **COMMON,
        "stage": str,
        "criteria": [str],
        "outcome": str,
        "iqa": str,
        "comments": str,
        "sampled?": [str],
    },
}


@dataclass
class AssessorRecord:
    """The ledger's entries for one workspace, in the order they were recorded."""

    workspace_id: str
    decisions: list[dict[str, Any]] = field(default_factory=list)
    iqa: list[dict[str, Any]] = field(default_factory=list)

    def latest(self) -> dict[str, dict[str, Any]]:
        """The current decision per criterion (the last one recorded)."""
        return {entry["criterion"]: entry for entry in self.decisions}


def entry_hash(entry: dict[str, Any]) -> str:
    body = {k: v for k, v in entry.items() if k not in ("hash", "signature")}
    return hashlib.sha256(canonical(body).encode()).hexdigest()


def ledger_file(folder: str | Path) -> Path:
    folder = Path(folder)
    if folder.exists() and not folder.is_dir():
        raise refuse("assessor-ledger", f"{folder} is a file, not a folder.", field="ledger")
    path = folder / LEDGER
    if path.exists() and (path.is_symlink() or not path.is_file()):
        raise refuse("assessor-ledger", f"{path} is not a file.", field="ledger")
    return path


def read_ledger(folder: str | Path) -> list[dict[str, Any]]:
    """Every entry, each link checked: refused at the first entry changed, removed,
    reordered or damaged. A folder with no ledger yet has no entries."""
    path = ledger_file(folder)
    if not path.is_file():
        return []
    raw = path.read_bytes()
    lines = raw.splitlines()
    if raw and not raw.endswith(b"\n"):
        raise _bad(path, len(lines), "it is incomplete (a write was cut off)")
    out, prev = [], GENESIS
    for n, line in enumerate(lines, start=1):
        try:
            entry = parse_json(line, f"line {n}")
        except CasekitError:
            raise _bad(path, n, "it is not a ledger entry") from None
        shape = SHAPES.get(entry.get("type")) if isinstance(entry, dict) else None
        wrong = packschema.problems(entry, shape or {"type": str}, "the entry", limit=1)
        if shape is None or wrong:
            raise _bad(path, n, wrong[0] if wrong else "it is not a decision or IQA sample")
        if entry["n"] != n or entry["prev"] != prev or entry["hash"] != entry_hash(entry):
            raise _bad(path, n, "it was changed, removed or moved after it was written")
        prev = entry["hash"]
        out.append(entry)
    return out


def _bad(path: Path, n: int, what: str) -> CasekitError:
    return refuse("assessor-ledger", f"{path} line {n}: {what}.", field="ledger")


def record_for(entries: list[dict[str, Any]], workspace_id: str) -> AssessorRecord:
    record = AssessorRecord(workspace_id)
    for entry in entries:
        if entry["workspace_id"] == workspace_id:
            (record.decisions if entry["type"] == "decision" else record.iqa).append(entry)
    return record


# -- checking what is recorded ---------------------------------------------------------
def _text(value: Any, name: str, rule: str, *, required: bool = True) -> str:
    if value is None:
        value = ""
    if not isinstance(value, str):
        raise refuse(rule, f"{name} must be text.", field=name)
    value = value.strip()
    if required and not value:
        raise refuse(rule, f"{name} is empty.", field=name)
    if len(value) > MAX_TEXT or "\x00" in value or any(0xD800 <= ord(c) <= 0xDFFF for c in value):
        raise refuse(
            rule, f"{name} is longer than {MAX_TEXT} characters or holds a null.", field=name
        )
    return value


def _date(value: Any, rule: str, started: str, today: date) -> str:
    """An ISO date from what the assessor typed (``2026-03-02``, ``02/03/2026``...), not
    in the future and not before the learner's course began."""
    if isinstance(value, datetime):
        value = value.date()
    if isinstance(value, date):
        when = value
    else:
        try:
            when = parse_date(value, "date")
        except CasekitError as err:
            raise refuse(rule, err.message, field="date") from None
    if when > today:
        raise refuse(rule, f"date {when} is in the future (today is {today}).", field="date")
    begun = date.fromisoformat(started[:10]) if started[:10] else None
    if begun is not None and when < begun:
        raise refuse(
            rule,
            f"date {when} is before the learner's course began ({begun}).",
            field="date",
        )
    return when.isoformat()


def _pack(pack: str | Path) -> dict[str, Any]:
    """The manifest of a pack that verifies (decisions are refused on a changed pack)."""
    from casekit.evidence.verify import verify_pack

    check = verify_pack(pack)
    if not check.consistent or check.manifest is None:
        raise refuse("pack-integrity", "; ".join(check.problems[:5]), field="pack")
    return check.manifest


def _key(key: str | Path | SigningKey | None, signer: str, rule: str) -> SigningKey | None:
    if key is None or key == "":
        return None
    loaded = key if isinstance(key, SigningKey) else load_signing_key(key)
    if not same_person(loaded.holder, signer):
        raise refuse(rule, f"The key is {loaded.holder}'s, not {signer}'s.", field="key")
    return loaded


def _append(folder: Path, entry: dict[str, Any], key: SigningKey | None, now: datetime) -> dict:
    with appending(ledger_file(folder), "assessor-ledger") as handle:
        entries = read_ledger(folder)
        entry = {
            "v": 1,
            "n": len(entries) + 1,
            "recorded_at": now.astimezone(UTC).isoformat(timespec="seconds"),
            **entry,
            "prev": entries[-1]["hash"] if entries else GENESIS,
        }
        entry["hash"] = entry_hash(entry)
        if key is not None:
            entry["signature"] = sign(key, entry["hash"])
        handle.write((canonical(entry) + "\n").encode("utf-8"))
        handle.flush()
        os.fsync(handle.fileno())
    return entry


def _judged(manifest: dict[str, Any], kind: str) -> dict[str, Any]:
    return {
        "type": kind,
        "workspace_id": manifest["workspace_id"],
        "learner": manifest["learner"]["learner_id"],
        "pack_events": manifest["chain"]["events"],
        "pack_head": manifest["chain"]["head"],
    }


def record_decision(
    ledger: str | Path,
    pack: str | Path,
    criterion: str,
    decision: str,
    feedback: str,
    assessor: str,
    on: date | str,
    *,
    key: str | Path | SigningKey | None = None,
    now: datetime | None = None,
) -> dict[str, Any]:
    """Append an assessor's decision on one criterion of a (verified) pack to the
    assessor's ledger in the folder ``ledger``."""
    rule = "assessor-decision"
    ledger = Path(ledger)
    ledger_file(ledger)
    now = now or datetime.now(UTC)
    manifest = _pack(pack)
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
    name = _text(assessor, "assessor", rule)
    entry = {
        **_judged(manifest, "decision"),
        "criterion": criterion,
        "decision": decision,
        "feedback": _text(feedback, "feedback", rule, required=decision != "met"),
        "assessor": name,
        "on": _date(on, rule, manifest["started"], now.date()),
    }
    return _append(ledger, entry, _key(key, name, rule), now)


def record_iqa_sample(
    ledger: str | Path,
    pack: str | Path,
    stage: str,
    criteria: list[str],
    outcome: str,
    iqa: str,
    on: date | str,
    comments: str = "",
    *,
    key: str | Path | SigningKey | None = None,
    now: datetime | None = None,
    decisions_from: str | Path | list[str | Path] | None = None,
) -> dict[str, Any]:
    """Append an internal quality assurer's sample of a pack's decisions to the ledger
    ``ledger`` (the IQA's own folder); the decisions sampled are read from the assessors'
    ledgers ``decisions_from`` (default: ``ledger`` itself), and each is named by its hash."""
    rule = "iqa-sample"
    ledger = Path(ledger)
    ledger_file(ledger)
    now = now or datetime.now(UTC)
    manifest = _pack(pack)
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
    name = _text(iqa, "IQA name", rule)
    signing = _key(key, name, rule)
    if decisions_from is None:
        decided_in = read_ledger(ledger)
    else:
        folders = [decisions_from] if isinstance(decisions_from, str | Path) else decisions_from
        decided_in = [entry for folder in folders for entry in read_ledger(folder)]
    latest = record_for(decided_in, manifest["workspace_id"]).latest()
    for cid in criteria:
        decided = latest.get(cid) if isinstance(cid, str) else None
        if decided is None:
            raise refuse(
                rule,
                f"There is no decision on {str(cid)[:40]} for this pack to sample.",
                field="criteria",
            )
        same_key = signing is not None and decided.get("signature", {}).get("key") == signing.key_id
        if same_person(decided["assessor"], name) or same_key:
            raise refuse(
                rule,
                f"{name} made the decision on {cid}, so cannot quality-assure it.",
                field="IQA name",
            )
    entry = {
        **_judged(manifest, "iqa"),
        "stage": stage,
        "criteria": sorted(set(criteria)),
        "outcome": outcome,
        "iqa": name,
        "on": _date(on, rule, manifest["started"], now.date()),
        "comments": _text(comments, "comments", rule, required=outcome == "reject"),
        "sampled": [latest[cid]["hash"] for cid in sorted(set(criteria))],
    }
    return _append(ledger, entry, signing, now)
