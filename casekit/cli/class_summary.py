"""``casekit class-summary PACKS --out DIR [--roster ROSTER.csv] [--keys KEYS_DIR]
[--witness LEDGER]``: one row per learner (learners.csv and learners.xlsx), coverage,
traps and the most common mistakes, with who made them.

Every pack is read whatever the others hold; exit 1 when any pack changed, could not be
read, or is flagged as possibly copied (see packs.csv)."""

from __future__ import annotations

import argparse
from pathlib import Path

SHOWN = 10


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("folder", type=Path, help="folder holding the learners' packs")
    parser.add_argument("--out", type=Path, required=True, help="folder for CSV, XLSX and SVG")
    parser.add_argument(
        "--roster", type=Path, default=None, help="the class roster: every learner gets a row"
    )
    parser.add_argument(
        "--keys",
        type=Path,
        default=None,
        help="the answer keys folder (class/tutor/keys): traps judged with each learner's key",
    )
    parser.add_argument("--witness", type=Path, default=None, help="your witness ledger")
    parser.add_argument("--no-progress", action="store_true", help="hide the progress bar")


def run(args: argparse.Namespace) -> int:
    from casekit import api

    result = api.summarise_class(
        args.folder,
        args.out,
        roster=args.roster,
        keys=args.keys,
        witness=args.witness,
        progress=not args.no_progress,
    )
    rows = result["learners"]
    sent = sum(1 for r in rows if r["submitted"] == "yes")
    print(
        f"{sent} of {len(rows)} learner(s) sent a pack; summary in {args.out} (learners.csv, "
        "learners.xlsx, coverage.csv, mistakes.csv, traps.csv, packs.csv, coverage.svg, "
        "mistakes.svg)."
    )
    missing = [r["learner_id"] for r in rows if r["submitted"] != "yes"]
    if missing:
        shown = ", ".join(missing[:SHOWN]) + (" ..." if len(missing) > SHOWN else "")
        print(f"  Not submitted: {shown}")
    for row in result["traps"][:3]:
        if row["mishandled"] or row["missed"]:
            print(f"  {row['label']}: mishandled by {row['mishandled']}, missed by {row['missed']}")
    for row in result["mistakes"][:3]:
        print(f"  {row['label'] or row['mistake']}: {row['learners']} learner(s)")
    flagged = [p for p in result["packs"] if p["status"] != "intact" or p.get("copying")]
    for row in flagged[:SHOWN]:
        detail = "; ".join(d for d in (row.get("detail", ""), row.get("copying", "")) if d)
        print(f"  {row['pack']}: {row['status']}: {detail[:400]}")
    if len(flagged) > SHOWN:
        print(f"  ... and {len(flagged) - SHOWN} more (see packs.csv).")
    return 1 if flagged else 0
