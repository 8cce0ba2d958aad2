"""``casekit review PACK... --out SUMMARY.csv [--witness LEDGER] [--assessor-ledger DIR]
[--trust KEYS] [--keys KEYS_DIR]``: one row per pack for an assessor's batch.

Columns for self-integrity and the witness check, copied work (naming both packs), coverage,
and the assessor's decisions read from the assessor's own ledger. Exit 1 when any pack
changed, contradicts a witnessed or judged head, or is flagged as possibly copied.
"""

from __future__ import annotations

import argparse
from pathlib import Path

SHOWN = 20


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "packs", type=Path, nargs="+", metavar="PACK", help="evidence pack folders or .zip files"
    )
    parser.add_argument("--out", type=Path, required=True, help="CSV file to write")
    parser.add_argument("--witness", type=Path, default=None, help="the tutor's witness ledger")
    parser.add_argument(
        "--assessor-ledger",
        type=Path,
        action="append",
        default=None,
        help="the assessor's ledger folder (decisions are read from here only); give it "
        "again for another ledger (an IQA's)",
    )
    parser.add_argument(
        "--keys",
        type=Path,
        default=None,
        help="the answer keys folder: traps each learner handled, mishandled or missed",
    )
    parser.add_argument(
        "--trust", type=Path, default=None, help="the centre's public keys (file or folder)"
    )
    parser.add_argument(
        "--template", type=Path, default=None, help="the centre's portfolio template folder"
    )


def run(args: argparse.Namespace) -> int:
    from casekit import api

    rows = api.write_review(
        args.packs,
        args.out,
        witness=args.witness,
        ledger=args.assessor_ledger,
        trust=args.trust,
        template=args.template,
        keys=args.keys,
    )
    flagged = [r for r in rows if api.review_failed(r)]
    print(f"Reviewed {len(rows)} pack(s) into {args.out}.")
    for row in flagged[:SHOWN]:
        reasons = [
            f"{row.get('integrity', '')}: {row.get('problems', '')}"
            if row.get("integrity") != "intact"
            else "",
            f"witness {row['witness']}" if str(row.get("witness", "")).startswith("FAILED") else "",
            str(row.get("copying", "")),
            f"assessor's ledger {row['assessor_ledger']}"
            if str(row.get("assessor_ledger", "")).startswith("CONTRADICTED")
            else "",
        ]
        print(f"  {row['pack']}: " + "; ".join(r for r in reasons if r)[:600])
    if len(flagged) > SHOWN:
        print(f"  ... and {len(flagged) - SHOWN} more (see the CSV).")
    return 1 if flagged else 0
