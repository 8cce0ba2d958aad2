"""``casekit check-data [FILE...]``: check the data files a centre edits, before a class.

With no files it checks every data file casekit ships (profiles, criteria, categories,
question bank, satisfaction rules, coaching texts, evidence settings, the default template
settings, scenario banks). Each file's kind is worked out from its name or content, or
given with ``--kind``. Every problem is printed with the file and its dotted field; the
exit code is 1 when any file has a problem.
"""

from __future__ import annotations

import argparse
from pathlib import Path


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "files",
        nargs="*",
        type=Path,
        metavar="FILE",
        help="data files (default: every packaged one)",
    )
    parser.add_argument(
        "--kind",
        help="what the files are when the name does not say: profile, criteria, categories, "
        "knowledge, satisfaction, coaching, evidence, template, scenario-categories, "
        "scenario-councils, scenario-generation, scenario-prose, scenario-traps",
    )


def run(args: argparse.Namespace) -> int:
    from casekit import api

    if args.kind:
        api.data_kind(args.kind)  # an unknown kind is refused before anything is read
    targets = [(args.kind, file) for file in args.files] or [
        (spec.name, file) for spec, file in api.packaged_data_files()
    ]
    broken = 0
    for kind, file in targets:
        spec, problems = api.check_data_file(file, kind)
        name = f"{_shown(file)} ({spec.what if spec else 'data file'})"
        if not problems:
            print(f"{name}: no problems.")
            continue
        broken += 1
        count = len(problems)
        print(f"{name}: {count} problem{'s' * (count != 1)}:")
        for problem in problems:
            print(f"  - {problem}")
    files = len(targets)
    print(
        f"{files} file{'s' * (files != 1)} checked: "
        + (f"{broken} with problems." if broken else "no problems.")
    )
    return 1 if broken else 0


def _shown(file: Path) -> str:
    """A file as the person typed it, or relative to where they are when it is below."""
    try:
        return str(file.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(file)
