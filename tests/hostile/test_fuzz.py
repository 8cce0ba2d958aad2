"""Every ``casekit`` command, fuzzed: only clean errors, nothing half-written, nothing
outside what the user named.

Each example runs the command in-process in a fresh sandbox (sandbox.py), its arguments
drawn from its own parser (argv.py), and is held to the rules in guard.py.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from casekit.cli import COMMANDS
from tests.hostile.argv import Command, UnknownArgument, argv_for, commands, text, values_for
from tests.hostile.guard import check
from tests.hostile.sandbox import STUBS

# Commands not fuzzed, with the reason. None: the ones that would start a server or call a
# hub are fuzzed with their process and network stubbed (sandbox.STUBS).
EXCLUDED: dict[Command, str] = {}

# Examples per command: the commands that make classes or read many packs cost more.
# CASEKIT_FUZZ_EXAMPLES=200 hunts deeper (minutes, not seconds).
EXAMPLES = int(os.environ.get("CASEKIT_FUZZ_EXAMPLES", "25"))
FEWER: dict[Command, int] = dict.fromkeys(
    [("review",), ("iqa", "set"), ("class-pack",), ("class-summary",), ("hub",)],
    min(EXAMPLES, 20),
)


FUZZED = [command for command in commands() if command not in EXCLUDED]


def test_every_command_is_fuzzed_or_excluded_with_a_reason() -> None:
    """A new command, action or option fails here until the fuzz can draw its values."""
    known = commands()
    assert {command[0] for command in known} == {name for name, _, _ in COMMANDS}
    assert set(FUZZED) | set(EXCLUDED) == set(known)
    assert set(EXCLUDED) <= set(known), f"excluded but gone: {set(EXCLUDED) - set(known)}"
    assert all(reason.strip() for reason in EXCLUDED.values())
    assert set(FEWER) <= set(known)
    for command, parser in known.items():
        if command in EXCLUDED:
            continue
        for action in parser._actions:
            if action.option_strings and action.nargs == 0:
                continue
            if action.dest in ("help", "==SUPPRESS=="):
                continue
            try:
                values_for(action)
            except UnknownArgument as err:
                pytest.fail(f"casekit {' '.join(command)}: {err}")
    assert STUBS


@pytest.mark.parametrize("command", FUZZED, ids=" ".join)
def test_command_arguments(command: Command, template: Path, boxes: Path) -> None:
    """Fuzz one command's arguments (see the module's docstring for what is checked)."""

    @settings(
        max_examples=FEWER.get(command, EXAMPLES),
        deadline=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
        database=None,
    )
    @given(argv=argv_for(command))
    def fuzz(argv: list[str]) -> None:
        check(template, boxes, argv)

    fuzz()


@settings(max_examples=EXAMPLES, deadline=None, database=None)
@given(argv=st.lists(st.one_of(st.sampled_from(["--version", "--help", "help"]), text), max_size=3))
def test_no_command_or_an_unknown_one(template: Path, boxes: Path, argv: list[str]) -> None:
    """``casekit`` with no command, an unknown one, or only options: help, never a write."""
    if argv and tuple(argv[:1]) in {c[:1] for c in commands()}:
        argv = ["x" + argv[0], *argv[1:]]  # a known command is fuzzed above
    check(template, boxes, argv)
