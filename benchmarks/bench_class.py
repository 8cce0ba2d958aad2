"""Benchmark a tutor's whole-class set-up and class results, against baselines measured
in the same run.

    python benchmarks/bench_class.py                 # a class of 25, best of 3
    python benchmarks/bench_class.py --learners 10 --repeat 1

* ``class-pack --workspaces`` for a class against making the packs alone: what the
  workspaces add (issue 16: ``casekit new`` took 2.5-2.9 s a learner before).
* ``class-summary --roster --keys`` over the class's packs against verifying the same packs:
  what per-learner coaching with the keys adds to reading them.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import best_of, ratio, report


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--learners", type=int, default=25)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    from casekit import api

    with tempfile.TemporaryDirectory(prefix="casekit-bench-class-") as tmp:
        root = Path(tmp)
        roster = root / "roster.csv"
        lines = [f"L{n:02d},Learner {n}" for n in range(args.learners)]
        roster.write_text("Learner ID,Name\n" + "\n".join(lines) + "\n", encoding="utf-8")

        def packs_only() -> None:
            shutil.rmtree(root / "c", ignore_errors=True)
            api.make_class_pack(roster, 1, root / "c", cases=8)

        def with_workspaces() -> None:
            shutil.rmtree(root / "c", ignore_errors=True)
            shutil.rmtree(root / "w", ignore_errors=True)
            api.make_class_pack(roster, 1, root / "c", cases=8, workspaces=root / "w")

        base, _ = best_of(packs_only, args.repeat)
        ours, _ = best_of(with_workspaces, args.repeat)
        report(f"class-pack, {args.learners} learners, packs only", base)
        report(f"class-pack, {args.learners} learners, with workspaces", ours)
        report("per learner, workspace added", (ours - base) / args.learners)
        ratio("class-pack with workspaces / packs only", ours, base)

        for n in range(min(args.learners, 8)):
            with api.open_workspace(root / "w" / f"L{n:02d}") as ws:
                api.work_model_answer(ws, root / "c" / "tutor" / "keys" / f"L{n:02d}.key.json")
                api.finish_portfolio(ws)
                api.export_pack(ws, root / "packs" / f"L{n:02d}")
        packs = api.find_packs(root / "packs")
        verify, _ = best_of(lambda: [api.verify_pack(p) for p in packs], args.repeat)
        summary, _ = best_of(
            lambda: api.class_results(root / "packs", roster=roster, keys=root / "c"), args.repeat
        )
        report(f"verify {len(packs)} packs", verify)
        report(f"class results of {len(packs)} packs with roster and keys", summary)
        ratio("class results / verify", summary, verify)


if __name__ == "__main__":
    main()
