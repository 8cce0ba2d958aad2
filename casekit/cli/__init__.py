"""The ``casekit`` command: wiring only.

Each command lives in its own module under ``casekit.cli`` with two functions:
``configure(parser)`` adds its arguments and ``run(args) -> int`` does the work by calling
the domain API. Command modules import heavy libraries inside ``run`` so that
``casekit --help`` stays fast.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

from casekit import __version__
from casekit.errors import CasekitError

# (command name, module, one-line help). Add a command by adding a line here.
COMMANDS: list[tuple[str, str, str]] = [
    ("new", "casekit.cli.new", "create a workspace (optionally loaded with a scenario pack)"),
    ("status", "casekit.cli.status", "show every case with its deadlines"),
    ("log", "casekit.cli.log", "list the events in a workspace's log"),
    ("verify-log", "casekit.cli.verify_log", "check the workspace's hash chain"),
]


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="casekit",
        description=(
            "Practise councillor casework on synthetic cases and turn the work into "
            "portfolio evidence."
        ),
    )
    parser.add_argument("--version", action="version", version=f"casekit {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name, module_name, help_text in COMMANDS:
        module = importlib.import_module(module_name)
        command = sub.add_parser(name, help=help_text, description=help_text)
        module.configure(command)
        command.set_defaults(_run=module.run)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "_run", None):
        parser.print_help()
        return 2
    try:
        return int(args._run(args) or 0)
    except CasekitError as err:
        print(f"casekit: {err}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("casekit: interrupted", file=sys.stderr)
        return 130


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
