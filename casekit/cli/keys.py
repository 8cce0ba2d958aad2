"""``casekit keys new --out NAME [--holder "Full Name"]``: an Ed25519 key pair for signing
assessor decisions and IQA samples (``NAME.key`` stays private; ``NAME.pub`` goes to the
centre, which trusts it with ``casekit review --trust``)."""

from __future__ import annotations

import argparse
from pathlib import Path


def configure(parser: argparse.ArgumentParser) -> None:
    sub = parser.add_subparsers(dest="action", metavar="ACTION", required=True)
    new = sub.add_parser("new", help="make a key pair", description="make a key pair")
    new.add_argument("--out", type=Path, required=True, help="writes OUT.key and OUT.pub")
    new.add_argument(
        "--holder", default=None, help="whose key it is, as they sign (default: OUT's name)"
    )


def run(args: argparse.Namespace) -> int:
    from casekit import api

    holder = args.holder if args.holder is not None else args.out.name
    private, public = api.new_key_pair(args.out, holder)
    print(f"Signing key for {' '.join(holder.split())}: {private} (keep it private).")
    print(f"Public key: {public} (give it to your centre for 'casekit review --trust').")
    return 0
