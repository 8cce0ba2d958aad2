"""``casekit advance WORKSPACE... --days N``: move the simulation clock on by working days.

Given several workspaces (a tutor's classroom exercise: ``casekit advance class/ws/*``),
each moves on the same number of days; one that cannot is named and the rest go on.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

LABELS = {
    "inbox_item_delivered": "new enquiry",
    "service_replied": "service reply",
    "constituent_chased": "constituent chased",
    "record_changed": "record changed",
}


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("workspace", type=Path, nargs="+", help="the workspace folder(s)")
    parser.add_argument("--days", type=int, default=1, help="working days to advance (default 1)")


def run(args: argparse.Namespace) -> int:
    from casekit.errors import CasekitError
    from casekit.record.workspace import Workspace
    from casekit.scenarios.simclock import advance

    failed = 0
    for path in args.workspace:
        prefix = f"{path}: " if len(args.workspace) > 1 else ""
        try:
            with Workspace.open(path) as ws:
                result = advance(ws, args.days)
        except CasekitError as err:
            if len(args.workspace) == 1:
                raise
            print(f"{prefix}not advanced: {err}", file=sys.stderr)
            failed += 1
            continue
        print(
            f"{prefix}Clock moved {result.working_days} working day(s): "
            f"{result.start:%a %d %b %Y} -> {result.end:%a %d %b %Y}."
        )
        for event in result.delivered:
            label = LABELS.get(event.kind, event.kind)
            print(f"  {event.at}  {label}: case {event.data['pack_case']}")
        if not result.delivered:
            print("  Nothing new arrived.")
    return 1 if failed else 0
