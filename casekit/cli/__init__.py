"""The ``casekit`` command: wiring only.

Each command lives in its own module under ``casekit.cli`` with two functions:
``configure(parser)`` adds its arguments and ``run(args) -> int`` does the work by calling
the domain API. Command modules import heavy libraries inside ``run`` so that
``casekit --help`` stays fast.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from casekit import __version__
from casekit.errors import CasekitError

# (command name, module, one-line help). Add a command by adding a line here.
COMMANDS: list[tuple[str, str, str]] = [
    ("new", "casekit.cli.new", "create a workspace (optionally loaded with a scenario pack)"),
    ("status", "casekit.cli.status", "show every case with its deadlines"),
    ("log", "casekit.cli.log", "list the events in a workspace's log"),
    ("verify-log", "casekit.cli.verify_log", "check the workspace's hash chain"),
    ("export", "casekit.cli.export", "export the evidence pack (HTML, CSV, JSON, hashed)"),
    ("verify", "casekit.cli.verify_pack", "check an evidence pack: hashes, chain, re-rendered"),
    ("declare", "casekit.cli.sign", "sign the declaration of authenticity"),
    ("review", "casekit.cli.review", "review packs into one table (assessor)"),
    ("class-summary", "casekit.cli.class_summary", "a class's coverage and mistakes"),
    ("scenario", "casekit.cli.scenario", "generate or validate a scenario pack"),
    ("advance", "casekit.cli.advance", "move the simulation clock on by working days"),
    ("witness", "casekit.cli.witness", "record workspaces' chain heads in the tutor's ledger"),
    ("keys", "casekit.cli.keys", "make a signing key pair for assessor decisions"),
    ("iqa", "casekit.cli.iqa", "IQA: sampling plan, samples, standardisation and agreement"),
    ("class-pack", "casekit.cli.class_pack", "make a pack per learner from a roster"),
    ("coach", "casekit.cli.coach", "feedback on a workspace against the unit's criteria"),
    ("criteria", "casekit.cli.criteria", "list the criteria, or export them for Mahara"),
    ("app", "casekit.cli.app", "serve a notebook as a no-code app (Voila, code hidden)"),
    ("draft", "casekit.cli.draft", "check a draft letter (style, neutrality, confidentiality)"),
    ("check-data", "casekit.cli.check_data", "check the data files a centre edits, all at once"),
    ("clock", "casekit.cli.clock", "when a reply is due, and why, for a date received (what-if)"),
    ("hub", "casekit.cli.hub", "write (and run) a JupyterHub for a class"),
    (
        "classroom",
        "casekit.cli.classroom",
        "advance, witness, collect the class on its hub",
    ),
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
    words = list(sys.argv[1:] if argv is None else argv)
    for word in words:
        # argparse turns "--name=--" into an empty list, not the text "--" (CPython's own
        # quirk): refused as a usage error rather than passed on as no value at all.
        if word.startswith("--") and word.endswith("=--"):
            parser.error(f"argument {word[:-3]}: '--' cannot be its value")
    args = parser.parse_args(words)
    if not getattr(args, "_run", None):
        parser.print_help()
        return 2
    not_text = _not_text(args)
    if not_text:
        print(f"casekit: {not_text}", file=sys.stderr)
        return 2
    missing = _missing(args)
    try:
        return int(args._run(args) or 0)
    except CasekitError as err:
        print(f"casekit: {err}", file=sys.stderr)
        _remove(missing)
        return 2
    except KeyboardInterrupt:
        print("casekit: interrupted", file=sys.stderr)
        return 130
    except OSError as err:
        # A path the system will not use (a name too long, a folder where a file belongs, a
        # loop of links): the learner's input, so one clear line, never a traceback.
        print(f"casekit: {os_error_message(err)}", file=sys.stderr)
        _remove(missing)
        return 2


def _not_text(args: argparse.Namespace) -> str:
    """Why an argument cannot be used, when it holds bytes that are not UTF-8 (a terminal
    passes them on as they are): casekit keeps and prints everything as UTF-8 text."""
    for name, value in vars(args).items():
        for item in value if isinstance(value, list) else [value]:
            if not isinstance(item, str | Path):
                continue
            try:
                str(item).encode("utf-8")
            except UnicodeEncodeError:
                shown = str(item).encode("utf-8", "backslashreplace").decode("ascii", "replace")
                return (
                    f"The {name.replace('_', '-')} given, {shown[:120]}, contains a broken "
                    "character: a byte that is not UTF-8 text. What to do: type it again, or "
                    "rename the file so its name is plain text."
                )
    return ""


def _missing(args: argparse.Namespace) -> list[tuple[Path, Path]]:
    """For each path argument that is not there yet, the path and the outermost folder of
    it that is not there either (``new`` of ``new/deep/out``): what a command may make on
    the way to it."""
    found = []
    for value in vars(args).values():
        for path in value if isinstance(value, list) else [value]:
            if not isinstance(path, Path):
                continue
            top = None
            for part in (path, *path.parents):
                try:
                    if part.exists() or part.is_symlink():
                        break
                except OSError:  # a name too long, a loop: it is not there
                    pass
                top = part
            if top is not None:
                found.append((path, top))
    return found


def _remove(missing: list[tuple[Path, Path]]) -> None:
    """A refused command leaves no empty folder where there was none: the folders it made
    on the way to the paths it was given are removed while they are empty (a file in one
    is the command's own to keep or remove, as a pack kept when its zip failed)."""
    for path, top in missing:
        for part in (path, *path.parents):
            try:
                made = part.is_dir() and not part.is_symlink()
            except OSError:  # a name too long: never made
                made = False
            if made:
                try:
                    part.rmdir()
                except OSError:  # not empty: it, and the folders holding it, stay
                    break
            if part == top:
                break


def os_error_message(err: OSError) -> str:
    """An operating-system refusal in a learner's words: which path, and what is wrong."""
    what = err.strerror or str(err)
    # A move names the file moved to second: that is the one the learner gave.
    named = err.filename2 if err.filename2 is not None else err.filename
    where = os.fsdecode(named) if isinstance(named, str | bytes | os.PathLike) else ""
    if len(where) > 120:
        where = where[:57] + "..." + where[-60:]
    said = f"{where}: {what}." if where else f"{what}."
    return f"{said} What to do: check the file or folder named; it cannot be used as it is."


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
