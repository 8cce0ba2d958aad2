"""``casekit class-pack --roster ROSTER.csv --seed N --out DIR [--workspaces DIR2]``: a
pack per learner, and optionally each learner's workspace."""

from __future__ import annotations

import argparse
from pathlib import Path


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--roster",
        type=Path,
        required=True,
        help="CSV with a learner id and a name (or forename and surname) column, as your "
        "MIS exports it; optionally email and registration",
    )
    parser.add_argument("--seed", type=int, required=True, help="the class seed")
    parser.add_argument("--out", type=Path, required=True, help="a new folder for the packs")
    parser.add_argument("--cases", type=int, default=8, help="cases per learner (default 8)")
    parser.add_argument(
        "--difficulty", default="standard", choices=["intro", "standard", "challenge"]
    )
    parser.add_argument("--profile", default="default", help="protocol profile")
    parser.add_argument(
        "--workspaces",
        type=Path,
        default=None,
        help="also make each learner's workspace in this new folder (WORKSPACES/<learner_id>)",
    )
    parser.add_argument("--centre", default="", help="the centre's name, for the learners' details")


def run(args: argparse.Namespace) -> int:
    from casekit import api

    result = api.make_class_pack(
        args.roster,
        args.seed,
        args.out,
        cases=args.cases,
        difficulty=args.difficulty,
        profile=args.profile,
        progress=True,
        workspaces=args.workspaces,
        centre=args.centre,
    )
    print(
        f"Made {result['learners']} packs in {args.out}/packs; answer keys are in "
        f"{args.out}/tutor/keys (keep that folder from learners); class list: "
        f"{args.out}/class-list.csv."
    )
    if result["workspaces"]:
        print(f"Made {len(result['workspaces'])} workspaces in {args.workspaces}.")
    return 0
