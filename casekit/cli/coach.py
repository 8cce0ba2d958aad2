"""``casekit coach WORKSPACE [--key KEY.json] [--json]``: feedback against the criteria."""

from __future__ import annotations

import argparse
import json
from pathlib import Path


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("workspace", type=Path)
    parser.add_argument("--key", type=Path, help="the tutor's answer key for this learner's pack")
    parser.add_argument("--json", action="store_true", help="print the report as JSON")


def run(args: argparse.Namespace) -> int:
    from casekit import api

    with api.open_workspace(args.workspace) as ws:
        report = api.coach(ws, args.key)
    if args.json:
        print(json.dumps(report.as_dict(), indent=2, ensure_ascii=False))
    else:
        print(report.text())
    return 0
