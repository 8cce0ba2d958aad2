"""``casekit criteria [--file F] [--mahara OUT.matrix]``: the criteria catalogue."""

from __future__ import annotations

import argparse
from pathlib import Path


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--file", type=Path, help="a centre's own criteria file (TOML)")
    parser.add_argument(
        "--mahara",
        type=Path,
        metavar="OUT",
        help="write the criteria as a Mahara SmartEvidence .matrix file",
    )


def run(args: argparse.Namespace) -> int:
    from casekit import api

    catalogue = api.criteria(args.file)
    if args.mahara:
        api.export_criteria_for_mahara(args.mahara, args.file)
        print(f"Wrote {args.mahara}.")
        return 0
    for criterion in catalogue.criteria.values():
        print(f"{criterion.id}  {criterion.text}")
    return 0
