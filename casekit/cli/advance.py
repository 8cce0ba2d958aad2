"""``casekit advance WORKSPACE... --days N``: move the simulation clock on by working days.

Given several workspaces (a tutor's classroom exercise: ``casekit advance class/ws/*``),
each moves on the same number of days; one that cannot is named and the rest go on.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("workspace", type=Path, nargs="+", help="the workspace folder(s)")
    parser.add_argument("--days", type=int, default=1, help="working days to advance (default 1)")


def run(args: argparse.Namespace) -> int:
    from casekit import api

    failed = 0
    for result in api.advance_class(args.workspace, args.days):
        prefix = f"{result.path}: " if len(args.workspace) > 1 else ""
        if result.problem is not None:
            if len(args.workspace) == 1:
                raise result.problem
            print(f"{prefix}not advanced: {result.problem}", file=sys.stderr)
            failed += 1
            continue
        print(
            f"{prefix}Clock moved {result.working_days} working day(s): "
            f"{result.start:%a %d %b %Y} -> {result.end:%a %d %b %Y}."
        )
        for event in result.delivered:
            label = api.delivery_label(event)
            print(f"  {event.at}  {label}: case {event.data['pack_case']}")
        if not result.delivered:
            print("  Nothing new arrived.")
    return 1 if failed else 0
