"""Benchmark the event log: appends per second, chain verification against plain hashlib,
and the monitoring view against ``pandas.read_sql`` of the events table.

    python benchmarks/bench_log.py                      # 10,000 cases, 200,000 events
    python benchmarks/bench_log.py --events 2000 --cases 100 --single 50 --repeat 1

Goal (issue 2): both ratios under 3. Events are shaped like the workflow's own
(``enquiry_received`` with personal values, facts, checks, contacts, referrals, replies,
closures), generated from a fixed seed.
"""

from __future__ import annotations

import argparse
import hashlib
import random
import sqlite3
import sys
import tempfile
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import best_of, rate, ratio, report

from casekit.feedback.monitoring import deadlines
from casekit.record.log import NewEvent
from casekit.record.workspace import Workspace

START = datetime(2025, 9, 1, 9, 0)
BATCH = 5_000
CATEGORIES = [
    "housing",
    "highways",
    "waste",
    "parking",
    "planning",
    "council_tax",
    "anti_social_behaviour",
    "housing_benefit",
]
CHANNELS = ["email", "phone", "letter", "surgery", "social_media"]
COUNCIL = {
    "name": "Benchmark Borough Council",
    "tier": "unitary",
    "wards": [{"id": f"w{i}", "name": f"Ward {i}", "sectors": [f"LE{i} 1"]} for i in range(1, 21)],
    "members": [
        {"id": f"m{i}", "name": f"Cllr Member {i}", "wards": [f"w{1 + i % 20}"], "style": {}}
        for i in range(40)
    ],
    "services": [
        {"id": c, "name": c.replace("_", " ").title(), "officer": "An Officer"} for c in CATEGORIES
    ],
}


def case_events(rng: random.Random, n: int, ref: str, count: int) -> list[NewEvent]:
    """``count`` events for one case, in the order casework produces them."""
    received = START + timedelta(days=rng.randrange(0, 300), hours=rng.randrange(0, 8))
    at = received
    name = f"Constituent {n}"
    events = [
        NewEvent(
            kind="enquiry_received",
            at=at.isoformat(timespec="minutes"),
            case=ref,
            data={
                "case_kind": rng.choice(["member_enquiry"] * 4 + ["complaint", "service_request"]),
                "category": rng.choice(CATEGORIES),
                "channel": rng.choice(CHANNELS),
                "member_id": f"m{n % 40}",
                "ward_id": f"w{1 + n % 20}",
                "received_at": received.isoformat(timespec="minutes"),
                "inbox_item": None,
                "pack_case": None,
                "source": "entered",
                "on_behalf": False,
                "warnings": [],
            },
            personal={
                "constituent": {
                    "name": name,
                    "address": f"{n} High Street",
                    "postcode": f"LE{1 + n % 20} 1AB",
                    "email": "",
                    "phone": "",
                },
                "enquiry": f"The problem at {n} High Street has not been fixed. " * 3,
                "on_behalf_of": None,
            },
        )
    ]
    facts = 0
    middle: list[tuple[str, dict[str, Any], dict[str, Any] | None]] = []
    for i in range(count - 3):
        choice = i % 7
        if choice == 0:
            facts += 1
            middle.append(
                (
                    "fact_recorded",
                    {"fact_id": f"F{facts}", "claimed_by": "constituent"},
                    {"statement": f"Reported on day {i} to the council"},
                )
            )
        elif choice == 1 and facts:
            middle.append(
                (
                    "fact_verified",
                    {
                        "fact_id": f"F{facts}",
                        "source": "council system",
                        "result": "confirmed",
                        "resolved": False,
                    },
                    {"found": "as stated", "resolution": ""},
                )
            )
        elif choice == 2:
            middle.append(
                (
                    "referred_to_service",
                    {"service": "housing", "service_name": "Housing", "officer": "An Officer"},
                    {"question": "When will it be fixed?"},
                )
            )
        elif choice == 3:
            middle.append(
                (
                    "acknowledgement_sent",
                    {"channel": "email", "owner": "An Officer"},
                    {"text": "Thank you for your enquiry."},
                )
            )
        else:
            middle.append(
                (
                    "contact_logged",
                    {
                        "channel": rng.choice(CHANNELS),
                        "direction": rng.choice(["inbound", "outbound"]),
                    },
                    {"party": name, "summary": "Talked through the next steps."},
                )
            )
    for kind, data, personal in middle:
        at += timedelta(hours=rng.randrange(1, 30))
        events.append(
            NewEvent(
                kind=kind,
                at=at.isoformat(timespec="minutes"),
                case=ref,
                data=data,
                personal=personal,
            )
        )
    at += timedelta(days=rng.randrange(1, 12))
    events.append(
        NewEvent(
            kind="reply_sent",
            at=at.isoformat(timespec="minutes"),
            case=ref,
            data={
                "channel": "email",
                "draft_id": None,
                "final": True,
                "completes": [],
                "unverified": [],
                "unverified_reason": "",
            },
            personal={"text": "Dear constituent, the repair is booked."},
        )
    )
    at += timedelta(days=rng.randrange(1, 8))
    closed = rng.random() < 0.7
    events.append(
        NewEvent(
            kind="case_closed" if closed else "contact_logged",
            at=at.isoformat(timespec="minutes"),
            case=ref,
            data={"outcome": "resolved", "reason": ""}
            if closed
            else {"channel": "phone", "direction": "inbound"},
            personal=None if closed else {"party": name, "summary": "Thanks"},
        )
    )
    return events


def build(ws: Workspace, events: int, cases: int) -> int:
    """Append ``events`` events over ``cases`` cases in batches; returns how many."""
    rng = random.Random(2026)
    per_case, extra = divmod(events - 1, cases)  # the council takes one
    pending: list[NewEvent] = [
        NewEvent(kind="council_defined", at=START.isoformat(), data=COUNCIL, actor="system")
    ]
    written = 0
    for n in range(cases):
        count = max(3, per_case + (1 if n < extra else 0))
        pending.extend(case_events(rng, n, f"CK-{n + 1:05d}", count))
        if len(pending) >= BATCH:
            written += len(ws.append_many(pending))
            pending = []
    if pending:
        written += len(ws.append_many(pending))
    return written


def plain_hashlib(path: Path) -> int:
    """The baseline: read the same rows and hash the same bytes (the events and their
    personal values, as verification does), nothing else."""
    conn = sqlite3.connect(path)
    sha256 = hashlib.sha256
    count = 0
    for seq, prev, pdigest, body, digest in conn.execute(
        "SELECT seq, prev, pdigest, body, hash FROM events ORDER BY seq"
    ):
        if sha256(f"{seq}\n{prev}\n{pdigest}\n{body}".encode()).hexdigest() == digest:
            count += 1
    for _seq, salt, data in conn.execute("SELECT seq, salt, data FROM personal ORDER BY seq"):
        sha256(f"{salt}\n{data}".encode()).hexdigest()
    conn.close()
    return count


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=200_000)
    parser.add_argument("--cases", type=int, default=10_000)
    parser.add_argument(
        "--single",
        type=int,
        default=2_000,
        help="single appends timed with the real fsync settings",
    )
    parser.add_argument("--repeat", type=int, default=3, help="best of N for the comparisons")
    parser.add_argument("--dir", type=Path, help="where to build the workspace (default: temp)")
    args = parser.parse_args(argv)
    if args.events < args.cases * 3 + 2:
        parser.error("--events must be at least 3 per case plus 2")

    import pandas as pd

    with tempfile.TemporaryDirectory(dir=args.dir) as tmp:
        path = Path(tmp) / "bench"
        ws = Workspace.create(path, start=START, secret_seed="bench")
        print(f"building {args.events:,} events over {args.cases:,} cases in {path}")
        seconds, written = best_of(lambda: build(ws, args.events - 1, args.cases), repeat=1)
        rate("append (batched)", written, seconds)
        seconds, _ = best_of(
            lambda: [
                ws.append(
                    "contact_logged",
                    {"channel": "phone", "direction": "inbound"},
                    case="CK-00001",
                    personal={"party": "A"},
                )
                for _ in range(args.single)
            ],
            repeat=1,
        )
        rate("append (single, synchronous=FULL)", args.single, seconds)
        total = ws.log.count()
        ws.close()
        print(f"events in the log: {total:,}")

        with Workspace.open(path) as opened:
            ours, problems = best_of(opened.verify, args.repeat)
        assert problems == [], problems[:3]
        base, checked = best_of(lambda: plain_hashlib(path / "casekit.sqlite"), args.repeat)
        assert checked == total
        report("verify chain (casekit)", ours)
        report("plain hashlib (same bytes)", base)
        verify_ratio = ratio("verify", ours, base)

        def monitoring() -> int:
            with Workspace.open(path) as fresh:  # the projection is built from scratch
                return len(deadlines(fresh))

        ours, rows = best_of(monitoring, args.repeat)

        def read_sql() -> int:
            conn = sqlite3.connect(path / "casekit.sqlite")
            try:
                return len(pd.read_sql("SELECT * FROM events", conn))
            finally:
                conn.close()

        base, frame_rows = best_of(read_sql, args.repeat)
        assert frame_rows == total
        report(f"monitoring view (deadlines, {rows:,} rows)", ours)
        report("pandas.read_sql of events", base)
        monitoring_ratio = ratio("monitoring", ours, base)
    goal = verify_ratio < 3 and monitoring_ratio < 3
    print(f"goal (both ratios under 3): {'met' if goal else 'NOT met'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
