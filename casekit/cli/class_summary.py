"""``casekit class-summary DIR --out DIR2``: a class's coverage and most common mistakes.

Every pack is read whatever the others hold; exit 1 when any pack changed, could not be
read, or is flagged as possibly copied (see packs.csv)."""

from __future__ import annotations

import argparse
from pathlib import Path

SHOWN = 10


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("folder", type=Path, help="folder holding the learners' packs")
    parser.add_argument("--out", type=Path, required=True, help="folder for CSV and SVG")
    parser.add_argument("--no-progress", action="store_true", help="hide the progress bar")


def run(args: argparse.Namespace) -> int:
    from casekit import api

    result = api.summarise_class(args.folder, args.out, progress=not args.no_progress)
    used = sum(1 for p in result["packs"] if p["status"] == "intact")
    print(
        f"Summarised {used} of {len(result['packs'])} pack(s) into {args.out} "
        "(coverage.csv, mistakes.csv, packs.csv, coverage.svg, mistakes.svg)."
    )
    for row in result["mistakes"][:3]:
        print(f"  {row['label'] or row['mistake']}: {row['learners']} learner(s)")
    flagged = [p for p in result["packs"] if p["status"] != "intact" or p.get("copying")]
    for row in flagged[:SHOWN]:
        detail = "; ".join(d for d in (row.get("detail", ""), row.get("copying", "")) if d)
        print(f"  {row['pack']}: {row['status']}: {detail[:400]}")
    if len(flagged) > SHOWN:
        print(f"  ... and {len(flagged) - SHOWN} more (see packs.csv).")
    return 1 if flagged else 0
