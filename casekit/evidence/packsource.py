"""Reading a pack's log back: the chained rows, checked, and the events they stand for.

Every row is shape-checked, every hash recomputed, and every body checked against the
event catalogue before anything folds it, so a hostile log is a list of lines naming
events ("event 7: its content does not match its hash"), never a traceback. Sealed rows
(pseudonymised packs) keep their place in the chain: their links are checked; their
content as shown (``evidence/shown.jsonl``) cannot be, and the result says how many.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from casekit.errors import CasekitError
from casekit.evidence import packschema
from casekit.evidence.derive import Source
from casekit.evidence.safepack import parse_json
from casekit.record.log import GENESIS, Event, event_hash, personal_digest

PART = re.compile(r"^evidence/(log|personal|shown)(?:-([1-9][0-9]*))?\.jsonl$")
HEX64 = re.compile(r"^[0-9a-f]{64}$")


@dataclass
class ReadLog:
    """A pack's log as read: the source (None when it cannot be rebuilt), the problems
    (each naming a file line or an event), and the rows' hashes by sequence number."""

    source: Source | None
    problems: list[str] = field(default_factory=list)
    hashes: dict[int, str] = field(default_factory=dict)
    events: int = 0


def parts(listed: list[str]) -> tuple[dict[str, list[str]], list[str]]:
    """The source files among ``listed`` by stem, in order, and problems with them."""
    found: dict[str, dict[int, str]] = {}
    for rel in listed:
        match = PART.match(rel)
        if match:
            found.setdefault(match.group(1), {})[int(match.group(2) or 1)] = rel
    out, problems = {}, []
    for stem, numbered in found.items():
        if sorted(numbered) != list(range(1, len(numbered) + 1)):
            problems.append(f"evidence/{stem}: its parts are not numbered 1, 2, 3...")
        out[stem] = [numbered[n] for n in sorted(numbered)]
    return out, problems


def _lines(folder: Path, names: list[str], schema: Any) -> tuple[list[dict[str, Any]], list[str]]:
    rows, problems = [], []
    for name in names:
        for n, line in enumerate((folder / name).read_bytes().splitlines(), start=1):
            where = f"{name} line {n}"
            try:
                row = parse_json(line, where)
            except CasekitError as err:
                problems.append(f"{where}: unreadable ({err.message.split('open. ')[-1]})")
                continue
            wrong = packschema.problems(row, schema, where, limit=1)
            if wrong:
                problems.append(wrong[0])
                continue
            rows.append(row)
    return rows, problems


def _chain(rows: list[dict[str, Any]], log: ReadLog) -> None:
    expected_prev, expected_seq = GENESIS, 1
    for row in rows:
        seq, prev, pdigest, body, digest = (
            row[k] for k in ("seq", "prev", "pdigest", "body", "hash")
        )
        if not HEX64.match(digest) or (pdigest and not HEX64.match(pdigest)):
            log.problems.append(f"event {seq}: its hashes are not SHA-256 digests")
        if seq != expected_seq:
            log.problems.append(f"event {expected_seq}: missing (found event {seq} next)")
        if prev != expected_prev:
            log.problems.append(f"event {seq}: does not follow the event before it")
        sealed = row.get("sealed")
        if body is None and sealed is True:
            pass  # pseudonymised: the body is withheld, its hash still links the chain
        elif body is None or sealed is not None:
            log.problems.append(f"event {seq}: its body and its sealed mark disagree")
        elif event_hash(seq, prev, pdigest, body) != digest:
            log.problems.append(f"event {seq}: its content does not match its hash")
        log.hashes[seq] = digest
        expected_prev, expected_seq = digest, seq + 1
    log.events = expected_seq - 1


def _body(text: str, seq: int) -> tuple[dict[str, Any] | None, str]:
    try:
        body = parse_json(text, f"event {seq}")
    except CasekitError:
        return None, f"event {seq}: its body is not JSON"
    wrong = packschema.problems(body, packschema.BODY, f"event {seq}", limit=1)
    return (None, wrong[0]) if wrong else (body, "")


def _fits_catalogue(body: dict[str, Any], personal: dict[str, Any] | None, erased: bool) -> str:
    """Why an event does not fit the catalogue ('' when it does); erased events lack
    their personal values by design."""
    from casekit.record.events import catalogue

    known = catalogue()
    kind = body["kind"]
    if kind not in known:
        return f"'{str(kind)[:60]}' is not a kind of event casekit records"
    spec = known[kind]
    data, personal = body["data"], personal or {}
    wrong = [f"it has no '{n}'" for n in spec.fields if n not in data]
    wrong += [f"'{n[:60]}' is not a field of it" for n in data if n not in spec.known_data]
    wrong += [
        f"'{n[:60]}' is not a personal value of it"
        for n in personal
        if n not in spec.known_personal
    ]
    if not erased:
        wrong += [f"it has no personal value '{n}'" for n in spec.personal if n not in personal]
    if body["actor"] not in spec.actors:
        wrong.append(f"'{str(body['actor'])[:60]}' cannot cause it")
    if (spec.case is True and not body["case"]) or (spec.case is False and body["case"]):
        wrong.append("its case does not fit its kind")
    return f"a '{kind}' event, but {wrong[0]}" if wrong else ""


def read_log(folder: Path, listed: list[str]) -> ReadLog:
    """Read and check a pack's source files (``listed``: the manifest's paths)."""
    stems, problems = parts(listed)
    log = ReadLog(None, problems)
    if "log" not in stems:
        log.problems.append("evidence/log.jsonl: missing")
        return log
    rows, bad = _lines(folder, stems["log"], packschema.LOG_ROW)
    log.problems += bad
    _chain(rows, log)
    digests = {r["seq"]: r["pdigest"] for r in rows if r["pdigest"]}
    personal: dict[int, str] = {}
    shown: dict[int, dict[str, Any]] = {}
    kept: list[dict[str, Any]] | None = None
    shown_rows: list[dict[str, Any]] | None = None
    if "personal" in stems and "shown" in stems:
        log.problems.append("evidence: a pack holds personal.jsonl or shown.jsonl, not both")
    if "personal" in stems:
        kept, bad = _lines(folder, stems["personal"], packschema.PERSONAL_ROW)
        log.problems += bad
        for row in kept:
            seq = row["seq"]
            if seq not in digests:
                log.problems.append(f"event {seq}: has personal values but no digest for them")
            elif personal_digest(row["salt"], row["data"]) != digests[seq]:
                log.problems.append(f"event {seq}: its personal values do not match their digest")
            personal[seq] = row["data"]
    if "shown" in stems:
        shown_rows, bad = _lines(folder, stems["shown"], packschema.SHOWN_ROW)
        log.problems += bad
        shown = {r["seq"]: r for r in shown_rows}
        log.problems += _shown_problems(shown, rows)
    if log.problems:
        return log
    events, erased_by_event, erased = [], set(), []
    for row in rows:
        seq, extra = row["seq"], shown.get(row["seq"], {})
        text = row["body"] if row["body"] is not None else extra.get("body")
        if text is None:
            log.problems.append(f"event {seq}: sealed, but evidence/shown.jsonl does not show it")
            continue
        body, why = _body(text, seq)
        if body is None:
            log.problems.append(why)
            continue
        pdata = extra.get("personal") if shown_rows is not None else personal.get(seq)
        is_erased = bool(row["pdigest"]) and pdata is None
        pvalues = None
        if pdata is not None:
            pvalues, why = _personal(pdata, seq)
            if why:
                log.problems.append(why)
                continue
        why = _fits_catalogue(body, pvalues, is_erased)
        if why:
            log.problems.append(f"event {seq}: {why}")
            continue
        if is_erased:
            erased.append(seq)
        if body["kind"] == "personal_data_erased" and isinstance(body["data"].get("seqs"), list):
            erased_by_event.update(s for s in body["data"]["seqs"] if isinstance(s, int))
        events.append(
            Event(
                seq,
                body["at"],
                body["kind"],
                body["case"],
                body["actor"],
                body["data"],
                pvalues,
                row["hash"],
                row["prev"],
                is_erased,
            )
        )
    log.problems += [
        f"event {s}: its personal values were removed without an erasure event"
        for s in erased
        if s not in erased_by_event
    ]
    if not log.problems:
        log.source = Source(rows=rows, events=events, personal=kept, shown=shown_rows)
    return log


def _shown_problems(shown: dict[int, dict[str, Any]], rows: list[dict[str, Any]]) -> list[str]:
    by_seq = {r["seq"]: r for r in rows}
    out = []
    for seq, entry in shown.items():
        row = by_seq.get(seq)
        where = f"evidence/shown.jsonl: event {seq}"
        if row is None:
            out.append(f"{where} is not in the log")
        elif ("body" in entry) != (row["body"] is None):
            out.append(f"{where} is shown, but its row is not sealed (or the other way)")
        elif ("personal" in entry) != bool(row["pdigest"]):
            out.append(f"{where} has personal values where its row has none (or the other way)")
        elif "personal" in entry and entry.get("erased") is not (entry["personal"] is None):
            out.append(f"{where} is marked erased but has personal values (or the other way)")
    missing = [
        r["seq"] for r in rows if (r["body"] is None or r["pdigest"]) and r["seq"] not in shown
    ]
    out += [
        f"event {seq}: sealed or personal, but evidence/shown.jsonl does not show it"
        for seq in missing[:5]
    ]
    return out


def _personal(text: str, seq: int) -> tuple[dict[str, Any] | None, str]:
    try:
        value = parse_json(text, f"event {seq} personal values")
    except CasekitError:
        return None, f"event {seq}: its personal values are not JSON"
    if not isinstance(value, dict):
        return None, f"event {seq}: its personal values are not an object"
    return value, ""
