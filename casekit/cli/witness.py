"""``casekit witness WORKSPACE... --ledger FILE``: record each workspace's chain head in the
tutor's witness ledger (``casekit witness --ledger FILE`` alone checks the ledger).

Exit 0 when every workspace was witnessed (or the ledger checks out), 1 naming each one
that could not be; a ledger that was changed is refused (exit 2).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("workspace", type=Path, nargs="*", help="learners' workspace folders")
    parser.add_argument(
        "--ledger", type=Path, required=True, help="the tutor's ledger file (made on first use)"
    )


def run(args: argparse.Namespace) -> int:
    from casekit import api

    if not args.workspace:
        entries = api.read_witness_ledger(args.ledger)
        last = entries[-1] if entries else None
        print(
            f"{args.ledger}: {len(entries)} witnessed head(s), every link intact"
            + (f"; the last on {last.when} (ledger head {last.hash[:16]}...)." if last else ".")
        )
        return 0
    failed = 0
    for result in api.witness(args.workspace, args.ledger):
        if result.entry is None:
            print(f"{result.path}: not witnessed: {result.problem}", file=sys.stderr)
            failed += 1
            continue
        e = result.entry
        print(f"{result.path}: witnessed event {e.seq} (chain head {e.head[:16]}...) at {e.when}.")
    return 1 if failed else 0
