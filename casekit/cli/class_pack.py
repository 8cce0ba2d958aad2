"""``casekit class-pack --roster ROSTER.csv --seed N --out DIR``: a pack per learner."""

from __future__ import annotations

import argparse
from pathlib import Path


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--roster",
        type=Path,
        required=True,
        help="CSV with columns learner_id,name (and optionally email)",
    )
    parser.add_argument("--seed", type=int, required=True, help="the class seed")
    parser.add_argument("--out", type=Path, required=True, help="a new folder for the packs")
    parser.add_argument("--cases", type=int, default=8, help="cases per learner (default 8)")
    parser.add_argument(
        "--difficulty", default="standard", choices=["intro", "standard", "challenge"]
    )
    parser.add_argument("--profile", default="default", help="protocol profile")


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
    )
    print(
        f"Made {result['learners']} packs in {args.out}/packs; answer keys are in "
        f"{args.out}/tutor/keys (keep that folder from learners); class list: "
        f"{args.out}/class-list.csv."
    )
    return 0
