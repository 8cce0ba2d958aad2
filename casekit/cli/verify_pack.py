"""``casekit verify PACK...``: recompute every hash of an evidence pack (folder or zip).

Exit 0 when every pack is intact; exit 1 naming each file or event that changed.
"""

from __future__ import annotations

import argparse
from pathlib import Path


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "packs", type=Path, nargs="+", metavar="PACK", help="evidence pack folder or .zip"
    )


def run(args: argparse.Namespace) -> int:
    from casekit import api

    status = 0
    for pack in args.packs:
        result = api.verify_pack(pack)
        print(result.text())
        if not result.intact:
            status = 1
    return status
