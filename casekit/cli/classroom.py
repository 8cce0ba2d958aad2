"""``casekit classroom advance|witness|collect|review|whoami``: run the class on its hub.

A tutor's commands to the hub's classroom service. Give the hub's address and a token made
on the hub's token page (``--hub-url``, ``--token``, or ``$CASEKIT_HUB_TOKEN``); in a
terminal on the hub itself neither is needed.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "action",
        choices=["advance", "witness", "collect", "review", "whoami"],
        help="advance the class's clock, witness every workspace, collect or review the "
        "packs sent, or say who the hub takes you to be",
    )
    parser.add_argument("--hub-url", help="the hub's address, e.g. https://hub.college.ac.uk")
    parser.add_argument("--token", help="a token from the hub's token page")
    parser.add_argument("--days", type=int, default=1, help="working days to advance (1)")
    parser.add_argument("--out", type=Path, default=Path("collected"), help="for collect")


def _rows(rows: list[dict]) -> int:
    failed = 0
    for row in rows:
        if row.get("ok"):
            extra = f" now {row['now']}" if row.get("now") else ""
            seen = row.get("witnessed", row.get("seq"))
            print(
                f"  {row['learner']}: done{extra}" + (f", witnessed event {seen}" if seen else "")
            )
        else:
            print(f"  {row['learner']}: {row.get('problem')}", file=sys.stderr)
            failed += 1
    return failed


def run(args: argparse.Namespace) -> int:
    from casekit import api

    conn = api.classroom_connection(args.hub_url, args.token)
    if args.action == "whoami":
        me = api.classroom_whoami(conn)
        print(f"{me['user']}: {me['role']} (class of {me['learners']} learner(s))")
        return 0
    if args.action == "advance":
        result = api.classroom_advance(conn, args.days)
        print(
            f"Advanced {result['advanced']} of {result['learners']} learner(s) "
            f"by {args.days} working day(s)."
        )
        _rows(result["rows"])
        return 0
    if args.action == "witness":
        result = api.classroom_witness(conn)
        print(f"Witnessed {result['witnessed']} of {result['learners']} workspace(s).")
        _rows(result["rows"])
        return 0
    if args.action == "collect":
        packs = api.classroom_collect(conn, args.out)
        print(f"Collected {len(packs)} pack(s) and the witness ledger into {args.out}.")
        for pack in packs:
            print(f"  {pack}")
        return 0
    result = api.classroom_review(conn)
    attention = 0
    for row in result["rows"]:
        flag = "NEEDS ATTENTION" if row["needs_attention"] else "ok"
        print(
            f"{row.get('learner') or row['pack']}: {flag}; integrity {row.get('integrity')}; "
            f"witness {row.get('witness')}"
        )
        attention += bool(row["needs_attention"])
    if not result["rows"]:
        print("No packs have been sent yet.")
    return 1 if attention else 0
