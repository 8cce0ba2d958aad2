"""What a command may do to the files, and what it must print, when given hostile input.

* no exception escapes ``main`` (argparse's own exit aside) and no traceback is printed;
* a failure says so: argparse's usage error, or ``casekit: ...`` in a few lines;
* a command that is refused (exit 2: a usage error or casekit's refusal) leaves every file
  in the sandbox and outside it as it was;
* a command that ran (exit 0, or 1 for problems found) changes only the paths its
  arguments name (and the folders made to hold them), never the folder outside the sandbox
  unless named, never the temporary folder.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.hostile.argv import path_defaults
from tests.hostile.sandbox import TMP, Outcome, Sandbox, changes, sandbox, snapshot

TRACEBACK = "Traceback (most recent call last)"
# Exit codes of a command that ran: 0, or 1 for "ran, and found problems" (a pack that
# changed, a letter with findings, a workspace of several that could not advance), which
# may still have done what was asked with the rest. Any other code is a refusal, which must
# leave every file as it was.
RAN = (0, 1)
# A failure's message: a usage error or casekit's own words (a data file's problems listed
# one a line), not a dump.
MAX_ERROR_LINES = 40


def _named(box: Sandbox, argv: list[str]) -> list[str]:
    """The paths the user named (as typed and as their links resolve), from ``box.root``."""
    words = [w.split("=", 1)[1] if w.startswith("--") and "=" in w else w for w in argv]
    candidates = [*words, *(str(p) for p in path_defaults(argv))]
    named = []
    for word in candidates:
        if not word or word.startswith("-") or "\x00" in word:
            continue
        typed = os.path.normpath(os.path.join(box.inside, word))
        for path in {typed, os.path.realpath(typed)}:
            rel = os.path.relpath(path, box.root)
            if not rel.startswith(".."):
                named.append(rel)
    return named


def _allowed(change: str, named: list[str]) -> bool:
    """A change at or under a named path, a folder made to hold one, or a sibling that
    carries its name (``OUT.key`` and ``OUT.pub``, ``DIR.zip``)."""
    for name in named:
        if change == name or change.startswith(name + os.sep) or name.startswith(change + os.sep):
            return True
        head, tail = os.path.split(change)
        if head == os.path.dirname(name) and tail.startswith(os.path.basename(name)):
            return True
    return False


def _problems(box: Sandbox, argv: list[str], result: Outcome, made: list[str]) -> Iterator[str]:
    """What is wrong with one run, in words."""
    if result.escaped:
        yield f"an exception escaped main:\n{result.escaped}"
        return
    if not isinstance(result.code, int):
        yield f"exit code {result.code!r} is not a whole number"
    text = result.out + result.err
    if TRACEBACK in text or '  File "' in text:
        yield "a traceback was printed"
    if result.code in RAN:
        named = _named(box, argv)
        stray = [c for c in made if not _allowed(c, named) or c.split(os.sep)[0] == TMP]
        if stray:
            yield f"it ran (exit {result.code}) but changed paths it was not given: {stray[:8]}"
        if result.code == 0:
            return
    elif made:
        yield f"it was refused (exit {result.code}) but changed: {made[:8]}"
    if not text.strip():
        yield f"it failed (exit {result.code}) without a word"
    if result.code == 2 and result.err.strip():
        lines = message_lines(result.err)
        if len(lines) > MAX_ERROR_LINES:
            yield f"its error is {len(lines)} lines long"
        if not (lines and lines[0].startswith(("casekit", "usage:"))):
            yield "its error does not say it is casekit's"


def message_lines(err: str) -> list[str]:
    """What a command said on stderr, without its progress bars (which redraw their line
    with carriage returns)."""
    lines = [line.rsplit("\r", 1)[-1] for line in err.splitlines()]
    return [line for line in lines if line.strip() and "%|" not in line]


def check(template: Path, base: Path, argv: list[str]) -> None:
    """Run ``casekit ARGV`` in a fresh sandbox; fail with every problem found."""
    with sandbox(template, base) as box:
        argv = [box.value(word) for word in argv]
        before = snapshot(box.root)
        result = box.run(argv)
        made = changes(before, snapshot(box.root))
        problems = list(_problems(box, argv, result, made))
    if problems:
        shown = " ".join(repr(w) if len(w) < 80 else repr(w[:77] + "...") for w in argv)
        pytest.fail(
            f"casekit {shown}\n  exit {result.code}\n  stdout: {result.out[-800:]!r}\n"
            f"  stderr: {result.err[-1500:]!r}\n  " + "\n  ".join(problems)
        )
