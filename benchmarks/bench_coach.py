"""Benchmark coaching: ``coach(ws, key)`` on a workspace of worked cases, against reading the
same workspace's events (``ws.events()`` on a fresh Workspace, and ``pandas.read_sql`` of the
events table).

    python benchmarks/bench_coach.py                 # 500 worked cases
    python benchmarks/bench_coach.py --cases 6 --repeat 1

Goal (issue 4): coaching costs a small multiple of reading the log. The workspace is real:
a class of learners' packs (one seed, a learner each, so one council and distinct people and
wording) is worked by the model answer (``casekit.scenarios.model_answer``), and the logs
are merged into one workspace, interleaved by time, with case references, pack cases, inbox
items and draft ids renamed per learner; the merged answer key covers every case.
"""

from __future__ import annotations

import argparse
import json
import math
import re
import sqlite3
import sys
import tempfile
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import best_of, ratio, report

from casekit.api.workspaces import new_workspace
from casekit.feedback.coaching import coach
from casekit.record.log import Event, NewEvent
from casekit.record.workspace import DB_NAME, Workspace
from casekit.scenarios.generate import generate, render
from casekit.scenarios.model_answer import finish_portfolio, work_pack

SEED = 2026
DIFFICULTY = "standard"
PER_PACK = 10
DAYS = 25
RENAMED = ("pack_case", "timeline_item", "item", "inbox_item", "draft_id")
CASE_REF = re.compile(r"CK-\d{4}")


def worked_logs(
    folder: Path, cases: int
) -> tuple[list[list[Event]], list[dict[str, Any]], list[Path]]:
    """Work one pack a learner until ``cases`` cases are worked; their logs, keys and packs."""
    logs, keys, packs = [], [], []
    for index in range(math.ceil(cases / PER_PACK)):
        learner = f"L{index + 1:03d}"
        size = min(PER_PACK, cases - index * PER_PACK)
        pack_text, key_text = render(*generate(SEED, size, DIFFICULTY, learner=learner))
        pack = folder / f"{learner}.json"
        pack.write_text(pack_text, encoding="utf-8")
        key = json.loads(key_text)
        with new_workspace(folder / learner, pack=pack, learner="bench") as ws:
            work_pack(ws, key, days=DAYS)
            logs.append(ws.events())
        keys.append(key)
        packs.append(pack)
    return logs, keys, packs


def _global(event: Event) -> bool:
    """Workspace-wide events (creation, council, pack, clock) come from the first log only."""
    return event.case is None and "pack_case" not in event.data


def merge(
    target: Path, logs: list[list[Event]], keys: list[dict[str, Any]], packs: list[Path]
) -> dict[str, Any]:
    """One workspace holding every learner's worked cases; returns the merged key."""
    ws = new_workspace(target, pack=packs[0], learner="bench")
    skip = len(ws.events())  # its own creation, council, pack and first deliveries
    refs: dict[tuple[int, str], str] = {}

    def ref(source: int, old: str | None) -> str | None:
        if old is None or not CASE_REF.fullmatch(old):
            return old
        if (source, old) not in refs:
            refs[(source, old)] = f"CK-{len(refs) + 1:04d}"
        return refs[(source, old)]

    def rename(source: int, event: Event) -> NewEvent:
        data = dict(event.data)
        prefix = f"L{source + 1:03d}-"
        for name in RENAMED:
            if isinstance(data.get(name), str) and source:
                data[name] = prefix + data[name]
        if isinstance(data.get("other"), str):
            data["other"] = ref(source, data["other"])
        return NewEvent(
            kind=event.kind,
            at=event.at,
            data=data,
            case=ref(source, event.case),
            actor=event.actor,
            personal=event.personal,
        )

    merged = [
        (e.at, source, e.seq, e)
        for source, log in enumerate(logs)
        for e in log
        if not (_global(e) and source) and not (source == 0 and e.seq <= skip)
    ]
    # The first learner's day-0 deliveries are already in: number their cases first.
    for e in logs[0][:skip]:
        ref(0, e.case)
    merged.sort(key=lambda row: row[:3])
    ws.append_many([rename(source, e) for _, source, _, e in merged])
    finish_portfolio(ws)
    ws.close()
    cases = []
    for source, key in enumerate(keys):
        for entry in key["cases"]:
            prefix = f"L{source + 1:03d}-" if source else ""
            cases.append(
                {
                    **entry,
                    "case_id": prefix + entry["case_id"],
                    "inbox_item": prefix + entry["inbox_item"],
                }
            )
    return {**keys[0], "cases": cases}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--cases", type=int, default=500, help="worked cases in the workspace")
    parser.add_argument("--repeat", type=int, default=3, help="best of this many runs")
    args = parser.parse_args(argv)
    if args.cases < 1:
        parser.error("--cases must be at least 1")
    import pandas as pd

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        logs, keys, packs = worked_logs(folder, args.cases)
        key = merge(folder / "merged", logs, keys, packs)
        path = folder / "merged"

        def coached() -> Any:
            with Workspace.open(path) as ws:
                return coach(ws, key)

        def read_events() -> int:
            with Workspace.open(path) as ws:
                return len(ws.events())

        def read_sql() -> int:
            with sqlite3.connect(path / DB_NAME) as conn:
                return len(pd.read_sql("SELECT * FROM events", conn))

        coach_s, result = best_of(coached, args.repeat)
        events_s, count = best_of(read_events, args.repeat)
        sql_s, _ = best_of(read_sql, args.repeat)
        with Workspace.open(path) as ws:
            worked = len(ws.state().cases)
        print(f"workspace: {worked} worked cases, {count:,} events")
        print(f"coaching: {result.counts}")
        report("coach(ws, key)", coach_s)
        report("ws.events()", events_s)
        report("pandas.read_sql(events)", sql_s)
        ratio("coach", coach_s, events_s)
        ratio("read_sql", coach_s, sql_s)
        # Learners' model answers to the same member about the same problem, with the same
        # service answer, read alike: across a merged class that is "one size fits all"
        # (same_text); any other mistake, or a trap not handled, is a failure.
        others = [m for m in result.mistakes if m.mistake != "same_text"]
        print(
            f"same_text across the merged learners' replies: {len(result.mistakes) - len(others)}"
        )
        if (
            worked != args.cases
            or others
            or result.counts["handled"] != sum(len(c["traps"]) for c in key["cases"])
        ):
            print(
                "the merged model answer should handle every trap with no other mistake",
                file=sys.stderr,
            )
            return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
