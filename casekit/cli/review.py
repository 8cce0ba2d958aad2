"""``casekit review PACK... --out SUMMARY.csv``: one row per learner (coverage, decisions,
integrity) for an assessor's batch."""

from __future__ import annotations

import argparse
from pathlib import Path


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "packs", type=Path, nargs="+", metavar="PACK", help="evidence pack folders or .zip files"
    )
    parser.add_argument("--out", type=Path, required=True, help="CSV file to write")


def run(args: argparse.Namespace) -> int:
    from casekit import api

    rows = api.write_review(args.packs, args.out)
    changed = [r["pack"] for r in rows if r.get("integrity") != "intact"]
    print(f"Reviewed {len(rows)} pack(s) into {args.out}.")
    if changed:
        print(f"Changed or refused: {', '.join(changed)} (see the 'problems' column).")
    return 1 if changed else 0
