"""``casekit declare WORKSPACE --name NAME``: the learner signs the declaration of
authenticity, which the export requires."""

from __future__ import annotations

import argparse
from pathlib import Path


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("workspace", type=Path, help="the learner's workspace folder")
    parser.add_argument("--name", required=True, help="your full name, as your signature")
    parser.add_argument(
        "--show", action="store_true", help="print the statement you are signing first"
    )


def run(args: argparse.Namespace) -> int:
    from casekit.evidence.declaration import default_statement, sign_declaration
    from casekit.record.workspace import Workspace

    if args.show:
        print(default_statement())
    with Workspace.open(args.workspace) as ws:
        event = sign_declaration(ws, args.name)
    print(f"Declaration signed by {args.name} (event {event.seq}, {event.at}).")
    return 0
