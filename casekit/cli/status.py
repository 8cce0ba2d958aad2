"""``casekit status WORKSPACE``: the deadline table in the terminal."""

from __future__ import annotations

import argparse
from pathlib import Path


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("workspace", type=Path)
    parser.add_argument("--all", action="store_true", help="include met and closed clocks")


def run(args: argparse.Namespace) -> int:
    from casekit import api

    with api.open_workspace(args.workspace) as ws:
        state = api.state(ws)
        today = ws.now.date()
        rows = api.deadline_rows(state, today)
        inbox = state.unhandled_inbox()
        by_category = api.answered_within_target(state, "category")
    print(
        f"{args.workspace}: {len(state.cases)} cases, {len(state.open_cases())} open, "
        f"{len(inbox)} new enquiries in the inbox. Today is {today:%a %d %b %Y}."
    )
    shown = [
        r
        for r in rows
        if args.all or r.flag not in ("met", "missed", "passed on") or r.case_status == "open"
    ]
    # A statutory case (a SAR logged as a SAR) answers on its statutory clock: when that
    # clock was also started by hand, it is one deadline, listed once.
    started = {(r.case, r.label, r.due) for r in shown if r.clock != "respond"}
    shown = [r for r in shown if r.clock != "respond" or (r.case, r.label, r.due) not in started]
    if not shown:
        print("No deadlines to show.")
        return 0
    header = f"{'case':<8} {'constituent':<22} {'clock':<40} {'due':<10} {'left':>4}  flag"
    print(header)
    print("-" * len(header))
    for r in shown:
        left = "" if r.days_left is None else str(r.days_left)
        print(
            f"{r.case:<8} {r.constituent[:22]:<22} {r.label[:40]:<40} {r.due.isoformat():<10} "
            f"{left:>4}  {r.flag}"
        )
    if by_category:
        print("\nAnswered within target:")
        for row in by_category:
            print(f"  {row['category']:<40} {row['within_target']}/{row['answered']}")
    return 0
