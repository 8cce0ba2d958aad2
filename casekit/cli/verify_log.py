"""``casekit verify-log WORKSPACE``: exit 0 when the hash chain holds, 1 naming the first
event that does not."""

from __future__ import annotations

import argparse
from pathlib import Path


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("workspace", type=Path)


def run(args: argparse.Namespace) -> int:
    from casekit import api

    with api.open_workspace(args.workspace, inspect=True) as ws:
        problems = api.verify_log(ws)
        count = ws.log.count()
        head = ws.log.head()[1]
    if problems:
        print(f"The log does NOT verify: first problem at {problems[0]}.")
        for problem in problems[1:10]:
            print(f"  also {problem}")
        return 1
    print(f"The log verifies: {count} events, chain head {head[:16]}.")
    return 0
