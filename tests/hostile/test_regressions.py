"""Inputs the fuzz found that once printed a traceback (or left files behind), each held
to the same rules as the fuzz (guard.py) and to the words of its refusal."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.hostile.guard import check
from tests.hostile.sandbox import OUTSIDE_TOKEN, Outcome, sandbox

LONG = "a" * 300  # longer than a file name may be (255 bytes)


def refused(template: Path, boxes: Path, *argv: str) -> Outcome:
    """Run ``casekit ARGV`` under the guard, then again to read what it said; it must be a
    refusal (exit 2) in casekit's words."""
    check(template, boxes, list(argv), ())
    with sandbox(template, boxes) as box:
        result = box.run([box.value(word) for word in argv])
    assert result.code == 2 and result.err.startswith("casekit: "), result
    assert len(result.err.splitlines()) == 1
    return result


@pytest.mark.parametrize(
    "argv",
    [
        ("status", LONG),
        ("class-summary", LONG, "--out", "summary"),
        ("iqa", "agreement", LONG, "--out", "agreement"),
        ("iqa", "set", LONG, "--out", "set", "--key-file", "who.csv"),
        ("class-pack", "--roster", LONG, "--seed", "1", "--out", "class2"),
        ("draft", "check", LONG),
    ],
    ids=lambda argv: argv[0] if argv[0] != "iqa" else f"iqa {argv[1]}",
)
def test_a_file_name_too_long_is_refused_in_one_line(
    template: Path, boxes: Path, argv: tuple[str, ...]
) -> None:
    result = refused(template, boxes, *argv)
    assert "File name too long" in result.err and "..." in result.err  # the name, shortened


def test_scenario_out_to_a_folder_is_refused_naming_it(template: Path, boxes: Path) -> None:
    result = refused(template, boxes, "scenario", "generate", "--seed", "0", "--out", "ws")
    assert result.err.startswith("casekit: ws: Is a directory.")  # the folder given, not a temp


def test_a_key_pair_with_no_name_is_refused(template: Path, boxes: Path) -> None:
    for out in ("", ".", ".."):
        result = refused(template, boxes, "keys", "new", f"--out={out}", "--holder", "Pat")
        assert "names no file for the key" in result.err


def test_a_class_folder_that_is_a_loop_of_links_is_refused(template: Path, boxes: Path) -> None:
    result = refused(template, boxes, "hub", "--class-dir", "loop", "--tutor", "tutor")
    assert "loop is a loop of links" in result.err


@pytest.mark.parametrize("url", ["::", "file:///etc/passwd", "hub.college.ac.uk", "http://[::1"])
def test_a_hub_address_that_is_not_a_web_address_is_refused(
    template: Path, boxes: Path, url: str
) -> None:
    result = refused(
        template, boxes, "classroom", "advance", f"--hub-url={url}", "--token", "t0ken"
    )
    assert "hub" in result.err and "address" in result.err


def test_a_long_path_outside_is_refused_and_nothing_is_made(template: Path, boxes: Path) -> None:
    """Written through a long name outside the sandbox: the folder outside stays as it was."""
    refused(template, boxes, "export", "worked", "--out", f"{OUTSIDE_TOKEN}/{LONG}")
