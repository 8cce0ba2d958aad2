"""``python -m tests.mutation`` (``make mutate``): mutate the modules that hold the rules
and judgements, run each mutant against its module's tests, and print the scores.

The score of a module is the share of its (sampled) mutants that its tests kill, leaving
out the mutants listed in tests/mutation/equivalent.toml as unable to change behaviour.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

from tests.mutation.plan import Plan, load_equivalents, load_targets, plan, stale_equivalents
from tests.mutation.report import module_rows, render
from tests.mutation.runner import Copies, Project, Result, check_isolation, run_all, run_tests

ROOT = Path(__file__).resolve().parents[2]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.mutation", description=__doc__)
    parser.add_argument("modules", nargs="*", help="only these modules (paths or parts of them)")
    parser.add_argument("--sample", type=int, default=40, help="mutants a module (0: all)")
    parser.add_argument("--seed", default="casekit", help="seed of the sample")
    parser.add_argument("--jobs", type=int, default=2, help="mutants run at once")
    parser.add_argument("--fail-under", type=float, default=90.0, help="lowest score, %%")
    parser.add_argument("--skip-equivalent", action="store_true", help="do not re-run them")
    parser.add_argument("--json", type=Path, help="write every result here")
    parser.add_argument("--list", action="store_true", help="list the mutants and stop")
    args = parser.parse_args(argv)

    targets = [
        t for t in load_targets() if not args.modules or any(m in t.path for m in args.modules)
    ]
    if not targets:
        parser.error("no module matches")
    equivalents = load_equivalents()
    plans = [plan(ROOT, t, equivalents, args.sample, args.seed) for t in targets]
    for key in stale_equivalents(plans, equivalents):
        print(f"warning: listed as equivalent but no longer made: {key}", file=sys.stderr)
    if args.list:
        for p in plans:
            for m in p.to_run:
                print(f"{m.path}:{m.line}  {m.key}")
        return 0

    started = time.monotonic()
    project = Project(ROOT)
    copies = Copies(project, args.jobs)
    try:
        check_isolation(project, copies.paths[0], "casekit")
        timeouts = _baseline(project, copies, plans)
        jobs = [
            (m, list(p.target.tests), timeouts[p.target.path])
            for p in plans
            for m in [*p.to_run, *([] if args.skip_equivalent else [e for e, _ in p.equivalent])]
        ]
        total = len(jobs)
        done = [0]

        def progress(result: Result) -> None:
            done[0] += 1
            mark = "." if result.killed else ("S" if result.status == "survived" else "E")
            print(mark, end="\n" if done[0] % 80 == 0 or done[0] == total else "", flush=True)

        print(f"running {total} mutants on {args.jobs} workers")
        results = run_all(project, jobs, args.jobs, copies, progress)
    finally:
        copies.remove()
    rows = module_rows(plans, results, equivalents)
    print(render(rows, results, equivalents, args.fail_under))
    print(f"took {time.monotonic() - started:.0f} s")
    if args.json:
        _write_json(args.json, rows, results)
    return 0 if all(r.score >= args.fail_under for r in rows) else 1


def _baseline(project: Project, copies: Copies, plans: list[Plan]) -> dict[str, float]:
    """Run each module's tests unmutated (they must pass) and set its timeout from it."""
    copy = copies.take()
    timeouts: dict[str, float] = {}
    try:
        for p in plans:
            begun = time.monotonic()
            outcome, output = run_tests(project, copy, list(p.target.tests), timeout=900)
            if outcome != "passed":
                raise SystemExit(f"the tests of {p.target.path} do not pass unmutated:\n{output}")
            seconds = time.monotonic() - begun
            timeouts[p.target.path] = max(30.0, 3 * seconds + 10)
            print(f"baseline {p.target.path}: {len(p.made)} mutants, tests {seconds:.1f} s")
    finally:
        copies.give_back(copy)
    return timeouts


def _write_json(path: Path, rows: list, results: list[Result]) -> None:
    data = {
        "modules": [r.__dict__ for r in rows],
        "results": [
            {
                "key": r.mutant.key,
                "line": r.mutant.line,
                "status": r.status,
                "seconds": round(r.seconds, 2),
            }
            for r in results
        ],
    }
    path.write_text(json.dumps(data, indent=1), encoding="utf-8")


if __name__ == "__main__":
    sys.exit(main())
