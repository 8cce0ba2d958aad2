"""``casekit advance WORKSPACE --days N``: move the simulation clock on by working days."""

from __future__ import annotations

import argparse
from pathlib import Path


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("workspace", type=Path, help="the workspace folder")
    parser.add_argument("--days", type=int, default=1, help="working days to advance (default 1)")


def run(args: argparse.Namespace) -> int:
    from casekit.scenarios.simclock import advance
    from casekit.workspace import Workspace

    with Workspace.open(args.workspace) as ws:
        result = advance(ws, args.days)
    print(
        f"Clock moved {result.working_days} working day(s): {result.start:%a %d %b %Y} -> "
        f"{result.end:%a %d %b %Y}."
    )
    labels = {
        "inbox_item_delivered": "new enquiry",
        "service_replied": "service reply",
        "constituent_chased": "constituent chased",
        "record_changed": "record changed",
    }
    for event in result.delivered:
        print(f"  {event.at}  {labels.get(event.kind, event.kind)}: case {event.data['pack_case']}")
    if not result.delivered:
        print("  Nothing new arrived.")
    return 0
