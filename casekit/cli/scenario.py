"""``casekit scenario generate|validate``: make a learner's pack, or check one."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path


def configure(parser: argparse.ArgumentParser) -> None:
    sub = parser.add_subparsers(dest="scenario_command", metavar="ACTION", required=True)
    gen = sub.add_parser("generate", help="make a scenario pack (and its answer key) from a seed")
    gen.add_argument("--seed", type=int, required=True, help="the pack seed (a whole number)")
    gen.add_argument("--cases", type=int, default=8, help="number of cases (default 8)")
    gen.add_argument("--difficulty", default="intro", choices=["intro", "standard", "challenge"])
    gen.add_argument("--out", type=Path, required=True, help="where to write the learner's pack")
    gen.add_argument("--answer-key", type=Path, help="where to write the answer key (tutor only)")
    gen.add_argument("--learner", help="learner id: gives this learner their own cases")
    gen.add_argument("--profile", default="default", help="protocol profile (default, five-day)")
    val = sub.add_parser("validate", help="check a scenario pack against the schema")
    val.add_argument("pack", type=Path)


def run(args: argparse.Namespace) -> int:
    if args.scenario_command == "validate":
        return _validate(args.pack)
    from casekit import api
    from casekit.errors import CasekitError

    if args.answer_key and args.answer_key.resolve() == args.out.resolve():
        raise CasekitError(
            "The answer key must not overwrite the learner's pack.",
            field="answer-key",
            advice="Give the key its own file name.",
        )
    pack, key = api.generate_pack(
        args.seed, args.cases, args.difficulty, learner=args.learner, profile=args.profile
    )
    pack_text, key_text = api.render_pack(pack, key)
    # The pack and its key together or neither: a key that cannot be written must not
    # leave a pack behind (nor a pack that cannot, a key).
    files = [(args.out, pack_text)]
    if args.answer_key:
        files.append((args.answer_key, key_text))
    api.write_texts(files)
    print(
        f"Wrote {args.out}: {len(pack['cases'])} {args.difficulty} cases for "
        f"{pack['council']['name']} (pack {pack['pack_id']})."
    )
    if args.answer_key:
        print(f"Wrote the answer key to {args.answer_key}: keep it away from the learner.")
    return 0


def _validate(path: Path) -> int:
    from casekit import api
    from casekit.errors import CasekitError

    try:
        problems = api.validate_pack(api.read_json(path))
    except CasekitError as err:
        print(f"{path}: {err}", file=sys.stderr)
        return 1
    if problems:
        print(f"{path} is not a valid casekit pack ({len(problems)} problem(s)):", file=sys.stderr)
        for problem in problems:
            print(f"  {problem.path}: {problem.message}", file=sys.stderr)
        return 1
    print(f"{path} is a valid casekit pack.")
    return 0
