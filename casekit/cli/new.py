"""``casekit new WORKSPACE [--pack PACK.json]``: make a workspace, ready to work."""

from __future__ import annotations

import argparse
from pathlib import Path


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("workspace", type=Path, help="folder to create")
    parser.add_argument("--pack", type=Path, help="scenario pack to load (JSON)")
    parser.add_argument(
        "--profile",
        default=None,
        help="protocol profile name or TOML file (default: the pack's, else 'default')",
    )
    parser.add_argument("--learner", default="learner", help="learner id recorded in the log")
    parser.add_argument("--start", help="simulation start date (YYYY-MM-DD); default: the pack's")


def run(args: argparse.Namespace) -> int:
    from casekit import api

    ws = api.new_workspace(
        args.workspace, pack=args.pack, profile=args.profile, learner=args.learner, start=args.start
    )
    state = ws.state()
    print(f"Created workspace {args.workspace} ({ws.profile.name}).")
    if args.pack:
        print(
            f"Loaded pack {args.pack}: {len(state.inbox)} enquiries in the inbox, "
            f"clock at {ws.now:%a %d %b %Y}."
        )
    ws.close()
    return 0
