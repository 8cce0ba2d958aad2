"""Argument vectors for every ``casekit`` command, drawn from the command's own parser.

The commands are read from :func:`casekit.cli.build_parser` (a new command, action or
option is fuzzed the day it is added), and each option's values come from its type, its
choices or its name: real files from the sandbox, valid-looking dates and numbers, and
hostile ones (empty, very long, odd Unicode, ``..``, paths outside the sandbox, files
where folders are expected and the reverse, links, impossible dates, offsets).
"""

from __future__ import annotations

import argparse
import functools
from collections.abc import Callable, Sequence
from pathlib import Path

from hypothesis import strategies as st

from casekit.cli import build_parser
from tests.hostile.sandbox import OUTSIDE_TOKEN

Command = tuple[str, ...]

# Text a learner or tutor might type by mistake or on purpose (never NUL: argv cannot hold
# it; never a lone surrogate: a POSIX argv is bytes, decoded with surrogateescape).
ODD_TEXT = [
    "",
    " ",
    "-",
    "--",
    "x" * 5000,
    "Ann Smith",
    "Zoë O'Brien-Ñúñez",
    "名前",
    "\u202eevil\u202c",
    "e\u0301\u0301\u0301",
    "\u00a0\u2003\ufeff",
    "a\nb",
    "\t",
    "😀" * 20,
    "${HOME}",
    "$(touch pwned)",
    "'; DROP TABLE events; --",
    "<script>alert(1)</script>",
    "{username}",
    "{0}",
    "%s%n",
    "..",
    "\udcff",  # a byte that is not UTF-8, as Python decodes it from argv
]
odd_chars = st.characters(exclude_characters="\x00", exclude_categories=("Cs",))
text = st.one_of(st.sampled_from(ODD_TEXT), st.text(odd_chars, max_size=24))

PATHS = [
    # the files a class has
    "ws",
    "worked",
    "pack.json",
    "gen.json",
    "gen.key.json",
    "packs",
    "packs/Ann",
    "packs/Ann.zip",
    "class",
    "class/packs",
    "class/packs/L1.json",
    "class/tutor/keys",
    "class/tutor/keys/L1.key.json",
    "witness.jsonl",
    "assessor",
    "signer.key",
    "signer.pub",
    "roster.csv",
    "letter.txt",
    "criteria.toml",
    "profile.toml",
    "template",
    "notebook.ipynb",
    # new names
    "out",
    "new/deep/out",
    "new.csv",
    "new.json",
    "new.matrix",
    "new.jsonl",
    # hostile
    "",
    ".",
    "..",
    "./ws/../ws",
    "ws/casekit.sqlite",
    "letter.txt/below-a-file",
    "packs/Ann/manifest.json",
    "empty-folder",
    "broken.json",
    "empty.txt",
    "binary.bin",
    "latin1.txt",
    "evil.zip",
    "link-to-ws",
    "link-to-letter",
    "link-outside",
    "link-outside/new",
    "dangling",
    "loop",
    "home",
    "~",
    "~/x",
    "../outside",
    "../outside/victim.txt",
    "../outside/folder",
    "../outside/new",
    f"{OUTSIDE_TOKEN}/new",
    f"{OUTSIDE_TOKEN}/victim.txt",
    f"{OUTSIDE_TOKEN}/folder",
    "a" * 300,
    "new/deep/" + "a" * 300,  # folders that can be made, for a name that cannot
    "deep/" * 900 + "x",
    "名前/ファイル.json",
    "\u202etxt.exe",
    "with space/and\nnewline",
    "-starts-with-dash",
    "not-utf8-\udcff.json",  # a name whose bytes are not UTF-8, as argv passes it
]
paths = st.one_of(
    st.sampled_from(PATHS),
    st.text(st.characters(exclude_characters="\x00/", exclude_categories=("Cs",)), min_size=1,
            max_size=16),
)  # fmt: skip

INTS = [
    *("0", "-1", "-7", "1", "2", "3", "20", "21", "200", "201", "1024", "65535", "65536"),
    *("1000000", "99999999999999999999", "1.5", "1e3", "x", "", " 4", "+2", "1_0", "٣", "0x10"),
]
ints = st.one_of(st.integers(-3, 12).map(str), st.sampled_from(INTS))

DATES = [
    "2026-01-12",
    "12/01/2026",
    "2026-03-20",
    "2026-04-03T16:45",
    "03/04/2026",
    "2026-02-30",
    "31/02/2026",
    "2026-13-01",
    "2026-01-05T09:00+05:00",
    "2026-01-05T09:00Z",
    "2026-01-12T25:00",
    "2026-03-29T01:30",  # the hour the clocks skip
    "0001-01-01",
    "9999-12-31",
    "1900-01-01",
    "２０２６-01-12",
    "12/1/26",
    "today",
    "someday",
]
dates = st.one_of(st.sampled_from(DATES), text)

# Values by option name, for the options whose meaning the name gives away; the rest are
# drawn by type (Path, int) or as free text.
BY_NAME: dict[str, st.SearchStrategy[str]] = {
    **dict.fromkeys(["start", "received", "clarified", "asked", "acknowledged", "date"], dates),
    "stage": st.one_of(st.sampled_from(["interim", "summative"]), text),
    "outcome": st.one_of(st.sampled_from(["accept", "reject"]), text),
    "criteria": st.one_of(st.sampled_from(["AC1", "AC1,AC3", ",,", "AC1,AC1", "ZZ9"]), text),
    "profile": st.one_of(
        st.sampled_from(["default", "five-day", "profile.toml", "criteria.toml", "nope"]),
        paths,
        text,
    ),
    "kind": st.one_of(
        st.sampled_from(["profile", "criteria", "categories", "scenario-traps", "nope"]), text
    ),
    "hub_url": st.sampled_from(
        [
            "http://127.0.0.1:9",
            "https://hub.example.invalid/",
            "",
            "file:///etc/passwd",
            "::",
            "http://[::1",
            "http://x:99999999/",
        ]
    ),
    "ip": st.one_of(st.sampled_from(["127.0.0.1", "0.0.0.0", "::1", "999.1.1.1"]), text),
    "authenticator": st.one_of(
        st.sampled_from(["dummy", "shared-password", "pam", "firstuse", "lti13", "os.system"]),
        text,
    ),
    "accounts": st.one_of(st.sampled_from(["{username}", "jupyter-{username}", "{user"]), text),
    "homes": st.one_of(
        st.sampled_from(["/srv/homes/{username}", f"{OUTSIDE_TOKEN}/{{username}}", "rel"]), text
    ),
    "home_owner": st.one_of(st.sampled_from(["1000:100", "x:y", "-1:-1", "1000"]), text),
    "python": st.one_of(paths, text),
    "proxy": st.one_of(paths, text),
    "start_page": st.one_of(paths, text),
}


# Values a careful user would give, by option name: half the examples use only these, so
# the fuzz also reaches the commands' work (and its writes), not just their refusals.
REAL_FILES = ["ws", "worked", "pack.json", "packs/Ann", "packs/Ann.zip", "letter.txt"]
TAME: dict[str, Sequence[str]] = {
    "workspace": ["ws", "worked", "link-to-ws"],
    "pack": ["pack.json", "gen.json", "class/packs/L1.json", "packs/Ann", "packs/Ann.zip"],
    "packs": ["packs/Ann", "packs/Ann.zip", "packs", "evil.zip"],
    "folder": ["packs", "class/packs", "empty-folder"],
    "out": ["out", "new/deep/out", "out.csv", "new.json", "link-outside/new", "../outside/new"],
    "witness": ["witness.jsonl", "new.jsonl"],
    "ledger": ["witness.jsonl", "new.jsonl", "assessor", "iqa-ledger"],
    "assessor_ledger": ["assessor"],
    "ledgers": ["assessor", "assessor"],
    "key": ["gen.key.json", "signer.key", "class/tutor/keys/L1.key.json"],
    "keys": ["class/tutor/keys"],
    "trust": ["signer.pub"],
    "roster": ["roster.csv"],
    "template": ["template"],
    "file": ["criteria.toml", "letter.txt", "link-to-letter"],
    "files": ["criteria.toml", "profile.toml", "pack.json"],
    "mahara": ["out.matrix", "new/criteria.matrix"],
    "answer_key": ["new.key.json"],
    "key_file": ["who.csv", "../outside/who.csv"],
    "class_dir": ["class", "newclass"],
    "notebook": ["notebook.ipynb"],
    "notebooks": ["empty-folder"],
    "workspaces": ["workspaces"],
    "profile": ["default", "five-day", "profile.toml"],
    **dict.fromkeys(["start", "received", "date"], ("2026-01-12", "12/01/2026", "2026-03-20")),
    **dict.fromkeys(["clarified", "asked", "acknowledged"], ("2026-01-14", "15/01/2026")),
    "days": ["1", "2", "5"],
    "cases": ["1", "2"],
    "seed": ["0", "7", "2026"],
    **dict.fromkeys(["port", "hub_port", "proxy_api_port", "service_port"], ("18000", "28001")),
    "stage": ["interim", "summative"],
    "outcome": ["accept", "reject"],
    "criteria": ["AC1", "AC1,AC3"],
    "comments": ["More evidence, please."],
    "kind": ["criteria", "profile"],
    "ip": ["127.0.0.1"],
    "authenticator": ["dummy", "shared-password"],
    "accounts": ["{username}", "jupyter-{username}"],
    **dict.fromkeys(["homes", "home_owner", "server_home"], ("",)),
    "hub_url": ["http://127.0.0.1:9"],
    "token": ["t0ken"],
    "tutor": ["tutor", "ms-jones"],
    "official": ["01509 222333", "highways@example.gov.uk"],
    "ref": ["CASE-0001"],
    "member": ["m1"],
}
tame_text = st.sampled_from(["Ann Smith", "Pat Assessor", "tutor", "L1"])


class UnknownArgument(Exception):
    """An argument whose values the fuzz does not know how to draw: teach it (BY_NAME)."""


@functools.cache
def commands() -> dict[Command, argparse.ArgumentParser]:
    """Every command the ``casekit`` parser knows, down to the last action (``iqa plan``),
    with the parser that reads its arguments."""
    found: dict[Command, argparse.ArgumentParser] = {}

    def walk(parser: argparse.ArgumentParser, prefix: Command) -> None:
        subs = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
        if prefix and (not subs or not subs[0].required):
            found[prefix] = parser
        for sub in subs:
            for name, child in sub.choices.items():
                walk(child, (*prefix, name))

    walk(build_parser(), ())
    return found


def _arguments(parser: argparse.ArgumentParser) -> list[argparse.Action]:
    return [
        a
        for a in parser._actions
        if not isinstance(a, argparse._HelpAction | argparse._SubParsersAction)
    ]


def values_for(action: argparse.Action) -> st.SearchStrategy[str]:
    """The values one argument is fuzzed with; :class:`UnknownArgument` for a type the
    fuzz has no values for (so the coverage test fails until it is taught)."""
    if action.choices is not None:
        known = st.sampled_from([str(c) for c in action.choices])
        return st.one_of(known, known, known, text)
    if action.dest in BY_NAME:
        return BY_NAME[action.dest]
    kind: Callable[..., object] | None = action.type  # type: ignore[assignment]
    if kind is Path:
        return paths
    if kind is int:
        return ints
    if kind is None or kind is str:
        return text
    raise UnknownArgument(f"{action.dest}: no values for type {kind!r}")


def tame_values_for(action: argparse.Action) -> st.SearchStrategy[str]:
    """The values a careful user would give this argument."""
    if action.choices is not None:
        return st.sampled_from([str(c) for c in action.choices])
    if action.dest in TAME:
        return st.sampled_from(TAME[action.dest])
    if action.type is Path:
        return st.sampled_from(REAL_FILES)
    if action.type is int:
        return st.integers(1, 5).map(str)
    return tame_text


def _flagless(action: argparse.Action) -> bool:
    return action.nargs == 0


def _count(action: argparse.Action) -> tuple[int, int]:
    """How many values an argument takes at least and at most (as fuzzed)."""
    return {None: (1, 1), "?": (0, 1), "+": (1, 3), "*": (0, 3)}.get(action.nargs, (1, 1))  # type: ignore[arg-type]


@st.composite
def argv_for(draw: st.DrawFn, command: Command) -> list[str]:
    """An argument vector for ``command``: its arguments, each present or not, with values
    drawn for it, sometimes repeated, sometimes with an unknown option or a stray value."""
    parser = commands()[command]
    tame = draw(st.booleans())
    words: list[str] = []
    options: list[list[str]] = []
    for action in _arguments(parser):
        values = (
            tame_values_for(action)
            if tame
            else st.one_of(tame_values_for(action), values_for(action))
        )
        if not action.option_strings:  # a positional: usually given, values as it takes
            low, high = _count(action)
            if not tame and draw(st.integers(0, 19)) == 0:
                low = high = 0  # left out, hostile
            words += draw(st.lists(values, min_size=low, max_size=high))
            continue
        wanted = 1.0 if action.required and tame else 0.9 if action.required else 0.3
        if draw(st.floats(0, 1)) >= wanted:
            continue
        times = 1 if tame else draw(st.sampled_from([1, 1, 1, 1, 2]))  # repeated at times
        for _ in range(times):
            flag = draw(st.sampled_from(action.option_strings))
            if _flagless(action):
                options.append([flag])
            elif draw(st.integers(0, 5)) == 0:
                options.append([f"{flag}={draw(values)}"])
            else:
                options.append([flag, draw(values)])
    extra = 9 if tame else draw(st.integers(0, 9))
    if extra == 0:
        options.append([draw(st.sampled_from(["--no-such-option", "-q", "--help-me"]))])
    elif extra == 1:
        words.append(draw(paths))
    options = draw(st.permutations(options))
    before = draw(st.booleans())
    flat = [word for option in options for word in option]
    return [*command, *(flat + words if before else words + flat)]


def path_defaults(argv: list[str]) -> list[Path]:
    """The paths the command in ``argv`` writes to when none is given (``classroom``'s
    ``--out collected``)."""
    known = commands()
    found = [argv[:n] for n in range(len(argv), 0, -1) if tuple(argv[:n]) in known]
    if not found:
        return []
    parser = known[tuple(found[0])]
    return [a.default for a in _arguments(parser) if isinstance(a.default, Path)]
