"""``casekit advance WORKSPACE... --days N [--ledger FILE]``: move the simulation clock on.

Given several workspaces (a tutor's classroom exercise: ``casekit advance class/ws/*``),
each moves on the same number of days; one that cannot is named and the rest go on. With
``--ledger``, each workspace's chain head is then recorded in the tutor's witness ledger.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("workspace", type=Path, nargs="+", help="the workspace folder(s)")
    parser.add_argument("--days", type=int, default=1, help="working days to advance (default 1)")
    parser.add_argument(
        "--ledger", type=Path, default=None, help="witness each workspace in this ledger"
    )


def run(args: argparse.Namespace) -> int:
    from casekit import api

    results = api.advance_class(args.workspace, args.days, ledger=args.ledger)
    failed = 0
    for result in results:
        prefix = f"{result.path}: " if len(results) > 1 else ""
        if result.problem is not None:
            if len(results) == 1 and args.ledger is None:
                raise result.problem
            print(f"{prefix}not advanced: {result.problem}", file=sys.stderr)
            failed += 1
        else:
            print(
                f"{prefix}Clock moved {result.working_days} working day(s): "
                f"{result.start:%a %d %b %Y} -> {result.end:%a %d %b %Y}."
            )
            for event in result.delivered:
                label = api.delivery_label(event)
                print(f"  {event.at}  {label}: case {event.data.get('pack_case', '')}")
            if not result.delivered:
                print("  Nothing new arrived.")
        if args.ledger is not None:
            if result.witnessed is not None:
                print(f"  Witnessed: event {result.witnessed.seq} in {args.ledger}.")
            else:
                print(f"{prefix}not witnessed: {result.witness_problem}", file=sys.stderr)
                failed += 1
    return 1 if failed else 0
