"""``casekit clock KIND --received DATE``: when a reply is due, and why (what-if).

Prints the due date and the ledger (every day from receipt to the deadline, counted or
not, and why, with the rules and their sources); ``--json`` prints the same as an object
with at least ``due``, ``day_one`` and ``days`` [{date, counted, reason}].
"""

from __future__ import annotations

import argparse
import json

KINDS = ("foi", "eir", "sar", "complaint", "complaint-stage2", "acknowledgement", "response")


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "kind",
        choices=KINDS,
        help="foi, eir, sar, complaint (stage 1), complaint-stage2, or a member-enquiry "
        "clock: acknowledgement, response",
    )
    parser.add_argument(
        "--received",
        required=True,
        metavar="DATE[THH:MM]",
        help="when it was received: 2026-04-03, 2026-04-03T16:45 or 03/04/2026 (UK time)",
    )
    parser.add_argument(
        "--clarified", metavar="DATE", help="the day the answer to a clarification arrived"
    )
    parser.add_argument(
        "--asked",
        metavar="DATE",
        help="the day the clarification was asked for (subject access: paused from then)",
    )
    parser.add_argument(
        "--acknowledged", metavar="DATE", help="the day a complaint was acknowledged"
    )
    parser.add_argument(
        "--profile", default="default", help="protocol profile name or file (default: default)"
    )
    parser.add_argument("--json", action="store_true", help="print JSON")


def run(args: argparse.Namespace) -> int:
    from casekit import api

    ledger = api.what_if_clock(
        args.kind,
        args.received,
        clarified=args.clarified,
        asked=args.asked,
        acknowledged=args.acknowledged,
        profile=args.profile,
    )
    if args.json:
        print(json.dumps({"kind": args.kind, **ledger.as_dict()}, indent=2, ensure_ascii=False))
    else:
        print("\n".join(ledger.lines()))
    return 0
