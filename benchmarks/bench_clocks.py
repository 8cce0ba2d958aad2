"""Benchmark the clock rules: starting and replaying clocks, and explaining them.

The baseline, measured in the same run, is the bare working-day arithmetic a deadline
needs (``WorkingCalendar.add_working_days`` for each receipt): the ratios say what the
law's extra rules (counting rule, pauses, clarification restarts, extensions, holding
replies) and the day-by-day ledger cost on top of it.

    python benchmarks/bench_clocks.py [--clocks N] [--ledgers M] [--repeat R]
"""

from __future__ import annotations

import argparse
import random
from datetime import date, timedelta

from _common import best_of, rate, ratio, report

from casekit.rules import clocks as c
from casekit.rules.calendar import calendar_named
from casekit.rules.ledger import explain
from casekit.rules.profile import load_profile

KINDS = [
    ("foi", None),
    ("eir", None),
    ("sar", None),
    ("acknowledge", "member_enquiry"),
    ("respond", "member_enquiry"),
    ("respond", "complaint"),
]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clocks", type=int, default=20_000)
    parser.add_argument("--ledgers", type=int, default=2_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    profile = load_profile("default")
    rng = random.Random(10)
    receipts = [
        date(2025, 1, 1) + timedelta(days=rng.randrange(3 * 365)) for _ in range(args.clocks)
    ]
    kinds = [KINDS[i % len(KINDS)] for i in range(args.clocks)]
    england = calendar_named("ENG")

    def bare() -> int:
        return sum(england.add_working_days(day, 10).toordinal() for day in receipts)

    def started() -> list[c.Clock]:
        return [
            c.start_clock(profile, k, day, case_kind=lvl)
            for (k, lvl), day in zip(kinds, receipts, strict=True)
        ]

    def worked() -> int:
        # each clock: stopped and restarted (a pause, or an FOI/EIR clarification), then
        # extended in time or held by a holding reply, then answered
        done = 0
        for clock in started():
            day = clock.started + timedelta(days=2)
            clock = c.restart(
                c.stop(clock, day, "waiting", profile=profile, awaiting="clarification"),
                day + timedelta(days=3),
            )
            if clock.spec.max_extension:
                clock = c.extend(
                    clock,
                    profile,
                    reason="complex",
                    on=day + timedelta(days=4),
                    **({"months": 1} if clock.spec.unit == "months" else {"working_days": 1}),
                )
            else:
                clock = c.hold(clock, day + timedelta(days=4), clock.due + timedelta(days=5))
            done += c.complete(clock, clock.due).status == "met"
        return done

    sample = started()[: args.ledgers]

    def ledgers() -> int:
        return sum(explain(clock).counted for clock in sample)

    base, _ = best_of(bare, args.repeat)
    report(f"bare working-day arithmetic ({args.clocks:,} deadlines)", base)
    ours, clocks = best_of(started, args.repeat)
    rate("clocks started", len(clocks), ours)
    ratio("start", ours, base)
    full, met = best_of(worked, args.repeat)
    rate("clocks worked (stop, restart, extend or hold, answer)", args.clocks, full)
    ratio("worked", full, base)
    assert met == args.clocks, "every clock answered on its due date is met"
    explained, _ = best_of(ledgers, args.repeat)
    rate("ledgers explained", len(sample), explained)


if __name__ == "__main__":
    main()
