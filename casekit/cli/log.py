"""``casekit log WORKSPACE [--csv] [--case REF]``: the events, in order."""

from __future__ import annotations

import argparse
import csv
import sys
from pathlib import Path


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("workspace", type=Path)
    parser.add_argument("--csv", action="store_true", help="write CSV to standard output")
    parser.add_argument("--case", help="only this case's events")


def run(args: argparse.Namespace) -> int:
    from casekit import api

    with api.open_workspace(args.workspace) as ws:
        rows = api.audit_rows(api.events(ws, case=args.case))
    if args.csv:
        writer = csv.DictWriter(
            sys.stdout, fieldnames=list(rows[0]) if rows else ["seq"], lineterminator="\n"
        )
        writer.writeheader()
        writer.writerows(rows)
        return 0
    for row in rows:
        case = row["case"] or "-"
        print(
            f"{row['seq']:>6}  {row['at']}  {case:<8} {row['actor']:<11} {row['kind']:<26} "
            f"{row['summary']}"
        )
    return 0
