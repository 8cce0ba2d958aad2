"""Review a batch of packs into one table: one row per pack.

Each row carries the pack's self-integrity (every hash, the chain and every derived file
re-rendered), the witness check against the tutor's ledger (when given one), copied work
flagged against the other packs, the coverage per criterion from its (verified) manifest,
and the assessor's decisions read from the assessor's own ledger, never from the pack.
A bad pack is a row saying what is wrong; the others are reviewed all the same.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

from casekit.errors import CasekitError
from casekit.evidence.assessor import read_ledger, record_for
from casekit.evidence.copying import PackFacts, describe, facts, find_copies, same_work
from casekit.evidence.safepack import OpenPack
from casekit.evidence.verify import Verification, verify_folder

BASE_COLUMNS = [
    "pack",
    "learner",
    "registration",
    "centre",
    "workspace",
    "integrity",
    "witness",
    "copying",
    "problems",
    "notes",
    "events",
    "gaps",
    "assessor_ledger",
    "iqa",
]
CELL_PROBLEMS = 5
COUNTS = ("traps_handled", "traps_mishandled", "traps_missed", "mistakes")


def shown_name(path: Path) -> str:
    """A file name as text, whatever bytes it was made of."""
    return path.name.encode("utf-8", "backslashreplace").decode("utf-8")


def bounded(lines: list[str], limit: int = CELL_PROBLEMS) -> str:
    more = f"; ... and {len(lines) - limit} more" if len(lines) > limit else ""
    return "; ".join(lines[:limit]) + more


def judge(
    entries: list[dict[str, Any]], check: Verification, trusted: dict | None
) -> tuple[dict[str, dict[str, Any]], list[str], list[str], dict[str, Any] | None]:
    """The assessor's decisions that apply to this pack (latest per criterion), problems
    (a judged head the pack contradicts, a bad signature) and notes; and the last IQA."""
    from casekit.evidence.keys import check_signature

    assert check.manifest is not None
    record = record_for(entries, check.manifest["workspace_id"])
    last = check.events
    problems, notes, latest = [], [], {}
    for entry in [*record.decisions, *record.iqa]:
        what = entry.get("criterion") or "IQA sample"
        seq, head = entry["pack_events"], entry["pack_head"]
        if seq > last:
            problems.append(
                f"the assessor judged this workspace at event {seq} on {entry['on']} "
                f"({what}), but this pack ends at event {last}: events were removed"
            )
            continue
        if check.hashes.get(seq) != head:
            problems.append(
                f"the assessor judged event {seq} on {entry['on']} ({what}) and this pack's "
                "log differs there: it was rewritten after it was judged"
            )
            continue
        if trusted is not None:
            signer = entry.get("assessor") or entry.get("iqa") or ""
            why = check_signature(entry.get("signature"), entry["hash"], signer, trusted)
            if why:
                problems.append(f"{what} by {signer} on {entry['on']}: {why}")
        if entry["type"] == "decision":
            latest[entry["criterion"]] = entry
            if seq < last:
                notes.append(f"{what} was decided on an earlier export (event {seq} of {last})")
    return latest, problems, notes, record.iqa[-1] if record.iqa else None


def coached_columns(
    path: Path, check: Verification, keys: dict[str, Path] | None, coach: Any
) -> dict[str, Any]:
    """Trap and mistake counts from the coach run on the pack's own log with the
    learner's answer key (:mod:`casekit.evidence.learners`)."""
    from casekit.evidence.collected import PackRead
    from casekit.evidence.learners import MISSED, coach_pack

    read = PackRead(path, shown_name(path), "intact", manifest=check.manifest, source=check.source)
    found = coach_pack(read, keys, coach)
    out: dict[str, Any] = {"mistakes": len(found.mistakes)}
    if found.keyed:
        out.update(
            traps_handled=found.count("handled"),
            traps_mishandled=found.count("mishandled"),
            traps_missed=found.count(*MISSED),
            trap_problems="; ".join(
                f"{t['label']} ({'mishandled' if t['status'] == 'mishandled' else 'missed'}, "
                f"{t['case']})"
                for t in found.traps
                if t["status"] == "mishandled" or t["status"] in MISSED
            ),
        )
    if found.note:
        out["key_note"] = found.note
    return out


def review_one(
    path: Path,
    *,
    witness: list | None = None,
    ledger: list[dict[str, Any]] | None = None,
    trusted: dict | None = None,
    template: str | Path | None = None,
    keys: dict[str, Path] | None = None,
    coach: Any = None,
) -> tuple[dict[str, Any], PackFacts | None]:
    row: dict[str, Any] = {"pack": shown_name(path)}
    try:
        with OpenPack(path) as folder:
            check = verify_folder(folder, str(path), template=template, witness=witness)
    except CasekitError as err:
        row.update(integrity="refused", problems=err.message, witness="not checked")
        return row, None
    except OSError as err:
        row.update(
            integrity="refused",
            witness="not checked",
            problems=f"{err.filename or path}: cannot be read ({err.strerror})",
        )
        return row, None
    manifest = check.manifest
    if manifest is None:
        row.update(integrity="changed", problems=bounded(check.problems), witness="not checked")
        return row, None
    learner = manifest["learner"]
    row.update(
        learner=learner["learner"],
        registration=learner["registration"],
        centre=learner["centre"],
        workspace=manifest["workspace_id"],
        integrity="intact" if check.consistent else "changed",
        witness="not checked" if witness is None else check.witness_status,
        problems=bounded(check.problems),
        notes=bounded(check.notes),
        events=check.events,
        gaps=" ".join(manifest["gaps"]),
    )
    latest: dict[str, dict[str, Any]] = {}
    if ledger is not None:
        latest, problems, notes, iqa = judge(ledger, check, trusted)
        mine = [e for e in ledger if e["workspace_id"] == manifest["workspace_id"]]
        decided = sum(1 for e in mine if e["type"] == "decision")
        row["assessor_ledger"] = (
            f"CONTRADICTED: {bounded(problems)}"
            if problems
            else f"{decided} decision(s), {len(mine) - decided} IQA sample(s)"
        )
        row["notes"] = bounded([*check.notes, *notes])
        if iqa:
            row["iqa"] = (
                f"{iqa['stage']} {iqa['outcome']} ({', '.join(iqa['criteria'])}; "
                f"{iqa['iqa']}, {iqa['on']})"
            )
    if coach is not None and check.consistent and check.source is not None:
        row.update(coached_columns(path, check, keys, coach))
    for cid, cov in manifest["coverage"].items():
        row[f"{cid}_items"] = cov["count"]
        row[f"{cid}_sufficient"] = (
            "yes" if cov["met"] else "partly" if cov.get("status") == "partly" else "no"
        )
        row[f"{cid}_decision"] = latest.get(cid, {}).get("decision", "")
    label = str(path).encode("utf-8", "backslashreplace").decode("utf-8")
    return row, facts(label, manifest, check.source if check.consistent else None, check.hashes)


def failed(row: dict[str, Any]) -> bool:
    """Whether a row needs the assessor's attention (review exits 1)."""
    return (
        row.get("integrity") != "intact"
        or str(row.get("witness", "")).startswith("FAILED")
        or bool(row.get("copying"))
        or str(row.get("assessor_ledger", "")).startswith("CONTRADICTED")
    )


def review(
    packs: Iterable[str | Path],
    *,
    witness: str | Path | None = None,
    ledger: str | Path | None = None,
    trust: str | Path | None = None,
    template: str | Path | None = None,
    keys: str | Path | None = None,
    coach: Any = None,
) -> tuple[list[dict[str, Any]], list[str]]:
    """Rows for the packs (in the order given) and the CSV columns. ``ledger`` is one
    ledger folder or several (an assessor's and an IQA's, say), read together; with
    ``coach`` (and ``keys``), trap and mistake counts from the coach."""
    from casekit.evidence.keys import load_trusted
    from casekit.evidence.witness import read_ledger as read_witness

    seen = read_witness(witness) if witness is not None else None
    entries = read_ledgers(ledger) if ledger is not None else None
    trusted = load_trusted(trust) if trust is not None else None
    index = None
    if keys is not None:
        from casekit.evidence.learners import key_index

        index = key_index(keys)
    rows, found = [], []
    for path in map(Path, packs):
        row, pack_facts = review_one(
            path,
            witness=seen,
            ledger=entries,
            trusted=trusted,
            template=template,
            keys=index,
            coach=coach,
        )
        rows.append(row)
        if pack_facts is not None:
            found.append((row, pack_facts))
    flags = find_copies([f for _row, f in found])
    for (row, mine), raised in zip(found, flags, strict=True):
        row["copying"] = describe(raised)
        twins = [
            other["pack"] for other, theirs in found if other is not row and same_work(mine, theirs)
        ]
        if twins:
            note = f"the same work as {', '.join(twins)} (sent twice, not copying)"
            row["notes"] = "; ".join(n for n in (row.get("notes", ""), note) if n)
    extra: list[str] = []
    for row in rows:
        for key in row:
            if key not in BASE_COLUMNS and key not in extra:
                extra.append(key)
    return rows, BASE_COLUMNS + extra


def read_ledgers(ledger: str | Path | Iterable[str | Path]) -> list[dict[str, Any]]:
    """The entries of one ledger folder or several, each folder's chain checked."""
    folders = [ledger] if isinstance(ledger, str | Path) else list(ledger)
    return [entry for folder in folders for entry in read_ledger(folder)]


def review_frame(rows: list[dict[str, Any]], columns: list[str]) -> Any:
    """Review rows as a pandas DataFrame (counts as nullable integers)."""
    import pandas as pd

    table = pd.DataFrame(rows, columns=columns)
    for name in columns:
        if name == "events" or name.endswith("_items") or name in COUNTS:
            table[name] = pd.array(table[name].tolist(), dtype="Int64")
        else:
            table[name] = table[name].astype(object).where(table[name].notna(), "")
    return table


def write_review(
    packs: Iterable[str | Path], out: str | Path, **options: Any
) -> list[dict[str, Any]]:
    """Review ``packs`` into the CSV ``out`` (written from the DataFrame, every cell
    formula-safe); options as :func:`review`."""
    from casekit.evidence.tables import save_table

    rows, columns = review(packs, **options)
    save_table(review_frame(rows, columns), out)
    return rows
