"""``casekit iqa plan|sample|set|agreement``: the internal quality assurer's work.

* ``plan``: the sampling plan from the assessors' ledgers (the centre's percentage of each
  assessor's learners, every criterion at least once) for a stage, as CSV.
* ``sample``: record a sample's outcome on one pack in the IQA's own ledger (the same
  hash-chained, optionally signed format as the assessor's).
* ``set``: anonymised copies of packs for a standardisation exercise, and the key to them.
* ``agreement``: how far the assessors agree on the set, per criterion (Cohen's or
  Fleiss' kappa), and where they differ.
"""

from __future__ import annotations

import argparse
from pathlib import Path


def configure(parser: argparse.ArgumentParser) -> None:
    sub = parser.add_subparsers(dest="iqa_command", metavar="ACTION", required=True)
    plan = sub.add_parser("plan", help="the sampling plan from the assessors' ledgers")
    plan.add_argument(
        "--assessor-ledger", type=Path, action="append", required=True, help="(repeatable)"
    )
    plan.add_argument("--stage", required=True, help="interim or summative")
    plan.add_argument("--ledger", type=Path, default=None, help="your IQA ledger folder")
    plan.add_argument("--packs", type=Path, default=None, help="the folder of packs at hand")
    plan.add_argument("--seed", default="", help="any text; the same seed, the same plan")
    plan.add_argument("--out", type=Path, required=True, help="the plan (CSV)")

    sample = sub.add_parser("sample", help="record a sample's outcome in your IQA ledger")
    sample.add_argument("pack", type=Path, help="the pack sampled (folder or zip)")
    sample.add_argument("--ledger", type=Path, required=True, help="your IQA ledger folder")
    sample.add_argument(
        "--assessor-ledger",
        type=Path,
        action="append",
        required=True,
        help="where the decisions sampled are (repeatable)",
    )
    sample.add_argument("--stage", required=True, help="interim or summative")
    sample.add_argument("--criteria", required=True, help="criteria sampled, e.g. AC1,AC3")
    sample.add_argument("--outcome", required=True, help="accept or reject")
    sample.add_argument("--iqa", required=True, help="your name")
    sample.add_argument("--date", required=True, help="the date of the sample")
    sample.add_argument("--comments", default="", help="needed to reject")
    sample.add_argument("--key", type=Path, default=None, help="your signing key")

    std = sub.add_parser("set", help="anonymised copies of packs for standardisation")
    std.add_argument("packs", type=Path, nargs="+", metavar="PACK")
    std.add_argument("--out", type=Path, required=True, help="a new folder for the set")
    std.add_argument("--key-file", type=Path, required=True, help="who is who (keep it)")
    std.add_argument("--seed", default="", help="any text; decides the labels' order")

    agree = sub.add_parser("agreement", help="how far assessors agree on a standardisation set")
    agree.add_argument("ledgers", type=Path, nargs="+", metavar="LEDGER")
    agree.add_argument("--out", type=Path, required=True, help="a folder for the report")


def run(args: argparse.Namespace) -> int:
    from casekit import api

    if args.iqa_command == "plan":
        packs = api.find_packs(args.packs) if args.packs else None
        plan = api.sampling_plan(
            args.assessor_ledger, args.stage, iqa_ledger=args.ledger, seed=args.seed, packs=packs
        )
        api.save_table(plan, args.out)
        people = plan["assessor"].nunique()
        print(
            f"Sampling plan ({args.stage}): {len(plan)} learner(s) across {people} "
            f"assessor(s), written to {args.out}."
        )
        return 0
    if args.iqa_command == "sample":
        entry = api.record_iqa_sample(
            args.ledger,
            args.pack,
            args.stage,
            [c.strip() for c in args.criteria.split(",") if c.strip()],
            args.outcome,
            args.iqa,
            args.date,
            args.comments,
            key=args.key,
            decisions_from=args.assessor_ledger,
        )
        signed = " and signed" if "signature" in entry else ""
        print(
            f"Recorded{signed}: {entry['stage']} sample of {', '.join(entry['criteria'])} "
            f"({entry['outcome']}) in {args.ledger}."
        )
        return 0
    if args.iqa_command == "set":
        rows = api.make_standardisation_set(args.packs, args.out, args.key_file, seed=args.seed)
        print(
            f"Made {len(rows)} anonymised pack(s) in {args.out} for the assessors; who is who "
            f"is in {args.key_file} (keep it from them)."
        )
        return 0
    report = api.standardisation_report(args.ledgers)
    args.out.mkdir(parents=True, exist_ok=True)
    api.save_table(report["summary"], args.out / "agreement.csv")
    api.save_table(report["differences"], args.out / "differences.csv")
    print(f"Agreement of {', '.join(report['assessors'])} (agreement.csv, differences.csv):")
    for row in report["summary"].to_dict("records"):
        print(
            f"  {row['criterion']}: {row['packs']} pack(s), agreed on {row['agreement']}, "
            f"{row['method'] or 'kappa'} {row['kappa'] if row['kappa'] != '' else '-'} "
            f"({row['strength']})"
        )
    print(f"  {len(report['differences'])} difference(s) to discuss.")
    return 0
