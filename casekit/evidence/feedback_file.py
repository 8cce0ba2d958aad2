"""The assessor's decisions and feedback, back to the learner: a file out, one event in.

The assessor exports, from their own ledger (and an IQA's, if they want the sample shown),
the latest decision on each criterion of one learner's pack: the ledger entries as they
are, each with its hash and signature. The learner loads the file into their workspace,
which appends one ``assessor_feedback_loaded`` event, after checking:

* each entry's hash is its content's (an entry changed after export is refused);
* the entries judged *this* workspace, and the learner's own log holds, at the event the
  assessor judged, the hash the assessor saw (feedback on someone else's work, or on a log
  that has since been rewritten, is refused);
* with the centre's public keys, each entry's signature is valid and its key's holder is
  the person it names (without keys, whether it is signed is recorded, not checked).

The feedback then shows on the learner's desk and in their next evidence pack.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

from casekit.errors import CasekitError
from casekit.evidence import packschema
from casekit.evidence.assessor import SHAPES, entry_hash, read_ledger, record_for
from casekit.evidence.safepack import parse_json

KIND = "casekit-assessor-feedback"
MAX_BYTES = 2_000_000
SHAPE = {
    "kind": str,
    "v": int,
    "workspace_id": str,
    "learner": str,
    "pack_events": int,
    "pack_head": str,
    "decisions": [dict],
    "iqa": [dict],
}
FIELD = "feedback file"


def _refuse(detail: str) -> CasekitError:
    return CasekitError(
        f"This feedback file cannot be loaded: {detail}",
        rule="assessor-feedback",
        source="casekit assessor feedback: entries from the assessor's hash-chained ledger",
        field=FIELD,
        advice="Ask your assessor to export your feedback again, from your latest pack.",
    )


def feedback_data(ledgers: list[str | Path], manifest: dict[str, Any]) -> dict[str, Any]:
    """The feedback for the pack whose manifest is given: the latest decision per
    criterion from the ledgers, and the IQA samples of them."""
    entries = [e for folder in ledgers for e in read_ledger(folder)]
    record = record_for(entries, manifest["workspace_id"])
    decisions = sorted(record.latest().values(), key=lambda e: e["criterion"])
    if not decisions:
        raise CasekitError(
            "There are no decisions on this pack in the ledger to send back.",
            field="ledger",
            advice="Record a decision on the pack first.",
        )
    judged = max(decisions, key=lambda e: e["pack_events"])
    return {
        "kind": KIND,
        "v": 1,
        "workspace_id": manifest["workspace_id"],
        "learner": manifest["learner"]["learner_id"],
        "pack_events": judged["pack_events"],
        "pack_head": judged["pack_head"],
        "decisions": decisions,
        "iqa": list(record.iqa),
    }


def write_feedback(ledgers: list[str | Path], pack: str | Path, out: str | Path) -> Path:
    """Export the feedback on ``pack`` (which must verify) to the file ``out``."""
    from casekit.evidence.assessor import _pack
    from casekit.evidence.csvsafe import plain

    manifest = _pack(pack)
    data = feedback_data(ledgers, manifest)
    out = Path(out)
    if out.is_dir() or not out.suffix:
        who = plain(manifest["learner"]["learner_id"] or "learner")
        out = out / f"{''.join(c if c.isalnum() or c in '-_' else '-' for c in who)}-feedback.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(data, sort_keys=True, indent=2, ensure_ascii=False) + "\n", "utf-8")
    return out


def _entries(data: dict[str, Any], name: str, kind: str) -> list[dict[str, Any]]:
    out = []
    for n, entry in enumerate(data[name], start=1):
        wrong = packschema.problems(entry, SHAPES[kind], f"{name} {n}", limit=1)
        if wrong or entry.get("type") != kind:
            raise _refuse(wrong[0] if wrong else f"{name} {n} is not a {kind}.")
        if entry_hash(entry) != entry["hash"]:
            raise _refuse(f"{name} {n} was changed after the assessor recorded it.")
        out.append(entry)
    return out


def read_feedback(raw: bytes) -> dict[str, Any]:
    """A feedback file's content, its shape and every entry's hash checked."""
    if len(raw) > MAX_BYTES:
        raise _refuse(f"it is over {MAX_BYTES:,} bytes.")
    try:
        data = parse_json(raw, "the feedback file")
    except CasekitError:
        raise _refuse("it is not a casekit feedback file (not JSON).") from None
    if not isinstance(data, dict) or data.get("kind") != KIND:
        raise _refuse("it is not a casekit feedback file.")
    wrong = packschema.problems(data, SHAPE, "the file", limit=1)
    if wrong:
        raise _refuse(f"{wrong[0]}.")
    _entries(data, "decisions", "decision")
    _entries(data, "iqa", "iqa")
    if not data["decisions"]:
        raise _refuse("it holds no decisions.")
    return data


def _signatures(data: dict[str, Any], trust: str | Path | None) -> tuple[str, bool]:
    """How the entries' signatures were checked, and whether all are signed."""
    entries = [*data["decisions"], *data["iqa"]]
    count = sum(1 for e in entries if isinstance(e.get("signature"), dict))
    signed = count == len(entries)
    if trust is None:
        said = "signed" if signed else f"{count} of {len(entries)} entries signed"
        return f"{said}; signatures not checked (no centre keys given)", signed
    from casekit.evidence.keys import check_signature, load_trusted

    trusted = load_trusted(trust)
    for entry in entries:
        who = entry.get("assessor") or entry.get("iqa") or ""
        why = check_signature(entry.get("signature"), entry["hash"], who, trusted)
        if why:
            raise _refuse(f"the entry by {who} on {entry['on']}: {why}.")
    return "every signature checked against the centre's keys", signed


def load_feedback(ws: Any, path: str | Path, *, trust: str | Path | None = None) -> Any:
    """Check the feedback file ``path`` against the workspace ``ws`` and append one
    ``assessor_feedback_loaded`` event; nothing is written on refusal."""
    path = Path(path)
    if not path.is_file():
        raise CasekitError(f"There is no feedback file at {path}.", field=FIELD)
    raw = path.read_bytes()
    data = read_feedback(raw)
    if data["workspace_id"] != ws.id:
        raise _refuse("it is feedback on another workspace's work, not yours.")
    digest = hashlib.sha256(raw).hexdigest()
    checked, signed = _signatures(data, trust)
    with ws.transaction():
        events = {e.seq: e.hash for e in ws.events()}
        for entry in [*data["decisions"], *data["iqa"]]:
            if entry["workspace_id"] != ws.id:
                raise _refuse("an entry in it is about another workspace.")
            if events.get(entry["pack_events"]) != entry["pack_head"]:
                raise _refuse(
                    f"the assessor judged your log at event {entry['pack_events']}, and your "
                    "log differs there (or is shorter)."
                )
        if any(e.data.get("file_sha256") == digest for e in ws.events(kinds=[EVENT])):
            raise _refuse("it is already loaded.")
        return ws.append(
            EVENT,
            {
                "decisions": [_shown(e) for e in data["decisions"]],
                "iqa": [_shown_iqa(e) for e in data["iqa"]],
                "pack_events": data["pack_events"],
                "pack_head": data["pack_head"],
                "file_sha256": digest,
                "checked": checked,
                "signed": signed,
            },
        )


EVENT = "assessor_feedback_loaded"


def _shown(entry: dict[str, Any]) -> dict[str, Any]:
    keep = ("criterion", "decision", "feedback", "assessor", "on", "hash", "pack_events")
    return {k: entry[k] for k in keep}


def _shown_iqa(entry: dict[str, Any]) -> dict[str, Any]:
    keep = ("stage", "criteria", "outcome", "iqa", "on", "comments", "hash")
    return {k: entry[k] for k in keep}


def feedback_rows(events: list[Any]) -> list[dict[str, Any]]:
    """The latest assessor decision per criterion the learner has loaded, with when it
    was loaded and how it was checked (for the desk and the pack)."""
    latest: dict[str, dict[str, Any]] = {}
    for event in events:
        if event.kind != EVENT:
            continue
        for d in event.data.get("decisions", []):
            if isinstance(d, dict) and "criterion" in d:
                latest[str(d["criterion"])] = {
                    **{
                        k: d.get(k, "")
                        for k in ("criterion", "decision", "feedback", "assessor", "on")
                    },
                    "loaded": event.at.replace("T", " "),
                    "checked": str(event.data.get("checked", "")),
                    "event": event.seq,
                }
    return [latest[c] for c in sorted(latest)]


def iqa_rows(events: list[Any]) -> list[dict[str, Any]]:
    """The IQA samples in the feedback the learner loaded."""
    out: dict[str, dict[str, Any]] = {}
    for event in events:
        if event.kind == EVENT:
            for s in event.data.get("iqa", []):
                if isinstance(s, dict):
                    out[str(s.get("hash", ""))] = {
                        "stage": s.get("stage", ""),
                        "criteria": ", ".join(map(str, s.get("criteria", []))),
                        "outcome": s.get("outcome", ""),
                        "iqa": s.get("iqa", ""),
                        "on": s.get("on", ""),
                        "comments": s.get("comments", ""),
                    }
    return list(out.values())
