"""``casekit export WORKSPACE --out DIR [--zip] [--pdf] [--template DIR]``: the evidence pack."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("workspace", type=Path, help="the learner's workspace folder")
    parser.add_argument("--out", type=Path, required=True, help="folder to write the pack to")
    parser.add_argument("--zip", action="store_true", help="also write DIR.zip")
    parser.add_argument(
        "--pdf",
        action="store_true",
        help="also render portfolio.pdf with Chromium (the HTML is kept if this fails)",
    )
    parser.add_argument(
        "--template",
        type=Path,
        default=None,
        help="portfolio template folder (default: portfolio_templates/default)",
    )


def run(args: argparse.Namespace) -> int:
    from casekit import api

    result = api.export_pack(
        args.workspace, args.out, zip_pack=args.zip, pdf=args.pdf, template=args.template
    )
    m = result.manifest
    print(
        f"Exported {len(m['files'])} files to {result.folder} "
        f"({m['chain']['events']} events, chain head {m['chain']['head'][:16]}...)."
    )
    if result.pseudonymised:
        print("Real data: names, addresses, emails and phones are pseudonymised in the pack.")
    if m["gaps"]:
        print(f"Coverage gaps: {', '.join(m['gaps'])}.")
    if result.zip_path:
        print(f"Zip: {result.zip_path}")
    if args.pdf:
        if result.pdf_path:
            print(f"PDF: {result.pdf_path}")
        else:
            print(f"casekit: {result.pdf_message}", file=sys.stderr)
    print(
        f"Open {result.folder / 'index.html'} in a browser; check it with "
        f"'casekit verify {result.folder}'."
    )
    return 0
