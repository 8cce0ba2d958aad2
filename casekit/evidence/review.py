"""Review a batch of packs into one table: one row per learner.

Each row carries the pack's integrity (intact or changed, after recomputing every hash),
the coverage per criterion from its manifest, and the assessor's current decision per
criterion with the state of the assessor record. Packs are opened through
:mod:`casekit.evidence.safepack`, so a hostile pack is a row saying so, not a crash.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

from casekit.errors import CasekitError
from casekit.evidence.assessor import read_record, record_problems
from casekit.evidence.safepack import OpenPack
from casekit.evidence.verify import verify_folder

BASE_COLUMNS = [
    "pack",
    "learner",
    "registration",
    "centre",
    "workspace",
    "integrity",
    "problems",
    "events",
    "gaps",
    "assessor_record",
    "iqa",
]


def review_one(path: Path) -> dict[str, Any]:
    row: dict[str, Any] = {"pack": path.name}
    try:
        with OpenPack(path) as folder:
            check = verify_folder(folder, str(path))
            manifest = check.manifest or {}
            learner = manifest.get("learner") if isinstance(manifest.get("learner"), dict) else {}
            row.update(
                learner=learner.get("learner", ""),
                registration=learner.get("registration", ""),
                centre=learner.get("centre", ""),
                workspace=manifest.get("workspace_id", ""),
                integrity="intact" if check.intact else "changed",
                problems="; ".join(check.problems),
                events=check.events,
                gaps=" ".join(manifest.get("gaps", [])),
            )
            rec_problems = record_problems(folder)
            record = None if rec_problems else read_record(folder)
            row["assessor_record"] = (
                "changed: " + "; ".join(rec_problems)
                if rec_problems
                else "none"
                if record is None
                else "intact"
            )
            latest = record.latest() if record else {}
            if record and record.iqa:
                last = record.iqa[-1]
                row["iqa"] = (
                    f"{last['stage']} {last['outcome']} ({', '.join(last['criteria'])}; "
                    f"{last['iqa']}, {last['on']})"
                )
            coverage = manifest.get("coverage", {})
            for cid, cov in coverage.items() if isinstance(coverage, dict) else []:
                row[f"{cid}_items"] = cov.get("count", "")
                row[f"{cid}_sufficient"] = "yes" if cov.get("met") else "no"
                row[f"{cid}_decision"] = latest.get(cid, {}).get("decision", "")
    except CasekitError as err:
        row.update(integrity="changed", problems=err.message)
    return row


def review(packs: Iterable[str | Path]) -> tuple[list[dict[str, Any]], list[str]]:
    """Rows for the packs (in the order given) and the CSV columns."""
    rows = [review_one(Path(p)) for p in packs]
    extra: list[str] = []
    for row in rows:
        for key in row:
            if key not in BASE_COLUMNS and key not in extra:
                extra.append(key)
    return rows, BASE_COLUMNS + extra


def write_review(packs: Iterable[str | Path], out: str | Path) -> list[dict[str, Any]]:
    from casekit.evidence.render import to_csv

    rows, columns = review(packs)
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(to_csv(rows, columns), encoding="utf-8")
    return rows
