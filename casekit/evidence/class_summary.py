"""A tutor's view of a class: coverage per criterion and the most common mistakes.

Reads every pack in a folder (pack folders and ``.zip`` files, each opened safely and
verified, derived files rendered again from its log), takes coverage from its manifest and
the coach's findings from ``evidence/coaching.json``, and writes CSV tables and SVG charts.
A pack that fails verification is listed, and left out of the figures, so a changed pack
cannot skew them; one that cannot be read at all is listed as refused and the rest go on.
Copied work (:mod:`casekit.evidence.copying`) is flagged in ``packs.csv``, naming both packs.
"""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path
from typing import Any

from casekit.errors import CasekitError
from casekit.evidence.charts import bar_chart
from casekit.evidence.copying import describe, facts, find_copies
from casekit.evidence.render import to_csv
from casekit.evidence.review import bounded, shown_name
from casekit.evidence.safepack import OpenPack, parse_json
from casekit.evidence.verify import verify_folder

COACHING = "evidence/coaching.json"


def find_packs(folder: Path) -> list[Path]:
    """Pack folders (holding a manifest.json) and zips directly inside ``folder``."""
    if not folder.is_dir():
        raise CasekitError(f"{folder} is not a folder of packs.", field="folder")
    out = []
    for path in sorted(folder.iterdir()):
        if path.is_symlink():
            continue
        if (path.is_dir() and (path / "manifest.json").is_file()) or (
            path.is_file() and path.suffix.lower() == ".zip"
        ):
            out.append(path)
    return out


def _findings(folder: Path) -> list[dict[str, Any]]:
    if not (folder / COACHING).is_file():
        return []
    coaching = parse_json((folder / COACHING).read_bytes(), COACHING)
    found = coaching.get("findings") if isinstance(coaching, dict) else None
    return [f for f in found if isinstance(f, dict)] if isinstance(found, list) else []


def _read(path: Path) -> dict[str, Any]:
    with OpenPack(path) as folder:
        check = verify_folder(folder, str(path))
        return {
            "pack": shown_name(path),
            "intact": check.consistent,
            "problems": check.problems,
            "manifest": check.manifest,
            "findings": _findings(folder) if check.consistent else [],
            "facts": None
            if check.manifest is None
            else facts(
                shown_name(path), check.manifest, check.source if check.consistent else None
            ),
        }


def summarise_class(
    folder: str | Path, out: str | Path, *, progress: bool = True
) -> dict[str, Any]:
    """Write ``coverage.csv``, ``mistakes.csv``, ``packs.csv`` and two SVG charts to
    ``out``; returns the figures (``problems``: how many packs need a person's look)."""
    from tqdm import tqdm

    folder, out = Path(folder), Path(out)
    packs = find_packs(folder)
    if not packs:
        raise CasekitError(
            f"There are no packs (folders with manifest.json, or .zip files) in {folder}.",
            field="folder",
        )
    read: list[dict[str, Any]] = []
    status_rows: list[dict[str, Any]] = []
    judged = []
    for path in tqdm(packs, desc="packs", unit="pack", file=sys.stderr, disable=not progress):
        try:
            info = _read(path)
        except (CasekitError, OSError) as err:
            detail = err.message if isinstance(err, CasekitError) else f"cannot be read ({err})"
            status_rows.append({"pack": shown_name(path), "status": "refused", "detail": detail})
            continue
        row = {
            "pack": info["pack"],
            "status": "intact" if info["intact"] else "changed",
            "detail": bounded(info["problems"]),
        }
        status_rows.append(row)
        if info["facts"] is not None:
            judged.append((row, info["facts"]))
        if info["intact"]:
            read.append(info)
    for (row, _facts), raised in zip(judged, find_copies([f for _r, f in judged]), strict=True):
        row["copying"] = describe(raised)
    figures = _figures(read)
    _write(out, figures, status_rows, len(read))
    problems = sum(1 for r in status_rows if r["status"] != "intact" or r.get("copying"))
    return {"packs": status_rows, "problems": problems, **figures}


def _figures(read: list[dict[str, Any]]) -> dict[str, list[dict[str, Any]]]:
    criteria: list[str] = []
    for info in read:
        for cid in info["manifest"]["coverage"]:
            if cid not in criteria:
                criteria.append(cid)
    coverage_rows = []
    for cid in criteria:
        covs = [info["manifest"]["coverage"].get(cid) for info in read]
        counts = [c["count"] if c else 0 for c in covs]
        sufficient = sum(1 for c in covs if c and c["met"])
        coverage_rows.append(
            {
                "criterion": cid,
                "learners": len(read),
                "sufficient": sufficient,
                "share_sufficient": round(sufficient / len(read), 3),
                "mean_items": round(sum(counts) / len(read), 2),
            }
        )
    mistakes: Counter[tuple[str, str]] = Counter()
    learners_with: Counter[tuple[str, str]] = Counter()
    for info in read:
        seen = set()
        for finding in info["findings"]:
            if finding.get("mistake"):
                key = (str(finding.get("id", "")), str(finding.get("title", "")))
                mistakes[key] += 1
                seen.add(key)
        learners_with.update(seen)
    mistake_rows = [
        {"mistake": mid, "label": label, "times": n, "learners": learners_with[(mid, label)]}
        for (mid, label), n in sorted(mistakes.items(), key=lambda kv: (-kv[1], kv[0]))
    ]
    return {"coverage": coverage_rows, "mistakes": mistake_rows}


def _write(
    out: Path, figures: dict[str, Any], status_rows: list[dict[str, Any]], learners: int
) -> None:
    coverage_rows, mistake_rows = figures["coverage"], figures["mistakes"]
    out.mkdir(parents=True, exist_ok=True)
    (out / "coverage.csv").write_text(
        to_csv(
            coverage_rows, ["criterion", "learners", "sufficient", "share_sufficient", "mean_items"]
        ),
        encoding="utf-8",
    )
    (out / "mistakes.csv").write_text(
        to_csv(mistake_rows, ["mistake", "label", "times", "learners"]), encoding="utf-8"
    )
    (out / "packs.csv").write_text(
        to_csv(status_rows, ["pack", "status", "detail", "copying"]), encoding="utf-8"
    )
    (out / "coverage.svg").write_text(
        bar_chart(
            [r["criterion"] for r in coverage_rows],
            [r["sufficient"] for r in coverage_rows],
            title=f"Learners with sufficient evidence per criterion (of {learners})",
            max_value=learners,
        ),
        encoding="utf-8",
    )
    (out / "mistakes.svg").write_text(
        bar_chart(
            [r["label"] or r["mistake"] for r in mistake_rows[:10]],
            [r["learners"] for r in mistake_rows[:10]],
            title="Most common mistakes (learners making each)",
            max_value=learners,
        ),
        encoding="utf-8",
    )
