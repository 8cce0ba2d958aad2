"""``casekit class-summary DIR --out DIR2``: a class's coverage and most common mistakes."""

from __future__ import annotations

import argparse
from pathlib import Path


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
    return 0
