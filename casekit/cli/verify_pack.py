"""``casekit verify PACK... [--witness LEDGER] [--template DIR]``: check evidence packs.

Every file's hash, the log's chain, every derived file rendered again from the log, and
(given the tutor's witness ledger) every witnessed head. Each pack is checked whatever the
others hold; exit 0 when every pack is intact, 1 naming each file or event that changed.
"""

from __future__ import annotations

import argparse
from pathlib import Path


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "packs", type=Path, nargs="+", metavar="PACK", help="evidence pack folder or .zip"
    )
    parser.add_argument("--witness", type=Path, default=None, help="the tutor's witness ledger")
    parser.add_argument(
        "--template", type=Path, default=None, help="the centre's portfolio template folder"
    )


def run(args: argparse.Namespace) -> int:
    from casekit import api

    witnessed = api.read_witness_ledger(args.witness) if args.witness else None
    status = 0
    for pack in args.packs:
        result = api.verify_pack(pack, template=args.template, witness=witnessed)
        print(result.text())
        if not result.intact:
            status = 1
    return status
