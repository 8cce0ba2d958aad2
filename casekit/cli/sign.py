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
    from casekit import api

    if args.show:
        print(api.default_statement())
    with api.open_workspace(args.workspace) as ws:
        event = api.sign_declaration(ws, args.name)
    print(f"Declaration signed by {args.name} (event {event.seq}, {event.at}).")
    return 0
