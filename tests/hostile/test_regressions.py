"""Inputs the fuzz found that once printed a traceback (or left files behind), each held
to the same rules as the fuzz (guard.py) and to the words of its refusal."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.hostile.guard import check, message_lines
from tests.hostile.sandbox import OUTSIDE_TOKEN, Outcome, sandbox

LONG = "a" * 300  # longer than a file name may be (255 bytes)


def refused(template: Path, boxes: Path, *argv: str) -> Outcome:
    """Run ``casekit ARGV`` under the guard, then again to read what it said; it must be a
    refusal (exit 2) in casekit's words."""
    check(template, boxes, list(argv))
    with sandbox(template, boxes) as box:
        result = box.run([box.value(word) for word in argv])
    lines = message_lines(result.err)
    assert result.code == 2 and len(lines) == 1 and lines[0].startswith("casekit: "), result
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
    if argv[0] == "status":  # a workspace's folder: no workspace can be there
        assert "There is no casekit workspace at aaa" in result.err
    else:
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


@pytest.mark.parametrize(
    ("out", "key"),
    [("out.json", "ws"), ("new/deep/out.json", "ws"), ("ws", "new/key.json")],
)
def test_a_pack_and_its_key_are_written_together_or_not_at_all(
    template: Path, boxes: Path, out: str, key: str
) -> None:
    """The pack was written, then the key could not be: the pack (and its folders) stayed."""
    result = refused(
        template, boxes, "scenario", "generate", "--seed", "1", "--out", out, "--answer-key", key
    )
    assert "Is a directory" in result.err


@pytest.mark.parametrize(
    ("out", "key_file"), [("out", "ws"), ("empty-folder", "ws"), ("a/b", "letter.txt/key.csv")]
)
def test_a_standardisation_set_without_its_key_is_not_left(
    template: Path, boxes: Path, out: str, key_file: str
) -> None:
    """The anonymised packs were written, then the key file could not be: they stayed."""
    refused(template, boxes, "iqa", "set", "packs/Ann", "--out", out, "--key-file", key_file)


@pytest.mark.parametrize(
    ("class_dir", "more"),
    [
        ("newclass", ("--notebooks", "letter.txt")),
        ("empty-folder", ("--notebooks", "letter.txt")),
        ("n/e/w", ("--accounts", "x")),
    ],
)
def test_class_packs_made_for_a_hub_that_is_refused_are_not_left(
    template: Path, boxes: Path, class_dir: str, more: tuple[str, ...]
) -> None:
    """The class packs were made from the roster, then the hub was refused: they stayed."""
    refused(template, boxes, "hub", "--class-dir", class_dir, "--tutor", "tutor",
            "--roster", "roster.csv", "--seed", "1", *more)  # fmt: skip


def test_a_refused_hub_leaves_an_existing_class_as_it_was(template: Path, boxes: Path) -> None:
    """secure() closed the class folders before the refusal; now only when it is written."""
    refused(template, boxes, "hub", "--class-dir", "class", "--tutor", "tutor",
            "--authenticator", "no such thing")  # fmt: skip


def test_collecting_from_a_hub_that_does_not_answer_makes_no_folder(
    template: Path, boxes: Path
) -> None:
    refused(template, boxes, "classroom", "collect", "--hub-url", "http://127.0.0.1:9",
            "--token", "t0ken", "--out", "new/collected")  # fmt: skip


def test_a_collection_is_all_or_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Every pack and the ledger land together; a download that fails leaves nothing."""
    import casekit.hub.client as client
    from casekit import api
    from casekit.errors import CasekitError

    answers: dict[str, object] = {
        "packs": {"packs": [{"file": "L1.zip"}, {"file": "../L2.zip"}]},
        "packs/L1.zip": b"one",
        "packs/../L2.zip": b"two",
        "ledger": b"{}\n",
    }

    def call(conn: object, path: str, **_: object) -> object:
        if path not in answers:
            raise CasekitError(f"no {path}")
        return answers[path]

    monkeypatch.setattr(client, "call", call)
    conn = client.Connection("http://127.0.0.1:9/services/classroom/", "t0ken")
    written = api.classroom_collect(conn, tmp_path / "got")
    assert written == [tmp_path / "got" / "L1.zip", tmp_path / "got" / "L2.zip"]
    assert sorted(p.name for p in (tmp_path / "got").iterdir()) == [
        "L1.zip",
        "L2.zip",
        "witness.jsonl",
    ]
    assert (tmp_path / "got" / "L2.zip").read_bytes() == b"two"
    del answers["ledger"]
    with pytest.raises(CasekitError, match="no ledger"):
        api.classroom_collect(conn, tmp_path / "new" / "again")
    assert not (tmp_path / "new").exists()
    with pytest.raises(CasekitError, match="no ledger"):
        api.classroom_collect(conn, tmp_path / "got")
    assert sorted(p.name for p in (tmp_path / "got").iterdir()) == [
        "L1.zip",
        "L2.zip",
        "witness.jsonl",
    ]


DEEP_LONG = f"new/deep/{LONG}"


@pytest.mark.parametrize(
    "argv",
    [
        ("export", "worked", "--out", DEEP_LONG),
        ("class-pack", "--roster", "roster.csv", "--seed", "1", "--out", DEEP_LONG),
        (
            "class-pack",
            "--roster",
            "roster.csv",
            "--seed",
            "1",
            "--out",
            "c",
            "--workspaces",
            DEEP_LONG,
        ),
        ("iqa", "plan", "--assessor-ledger", "assessor", "--stage", "interim", "--out", DEEP_LONG),
        ("review", "packs/Ann", "--out", DEEP_LONG),
        ("class-summary", "packs", "--out", DEEP_LONG, "--no-progress"),
        (
            "iqa",
            "sample",
            "packs/Ann",
            "--ledger",
            DEEP_LONG,
            "--assessor-ledger",
            "assessor",
            "--stage",
            "interim",
            "--criteria",
            "AC1",
            "--outcome",
            "accept",
            "--iqa",
            "Ivy Quality",
            "--date",
            "2026-03-21",
        ),
        ("new", DEEP_LONG, "--pack", "pack.json"),
        (
            "hub",
            "--class-dir",
            DEEP_LONG,
            "--tutor",
            "tutor",
            "--roster",
            "roster.csv",
            "--seed",
            "1",
        ),
        ("witness", "ws", "--ledger", DEEP_LONG),
        ("advance", "ws", "--ledger", DEEP_LONG),
        ("advance", "ws", "--ledger", "loop"),
        ("export", "worked", "--out", f"link-outside/{DEEP_LONG}"),
    ],
    ids=lambda argv: " ".join(a for a in argv[:2] if not a.startswith(("-", "new/", "ws"))),
)
def test_a_refused_command_leaves_no_folder_made_on_the_way(
    template: Path, boxes: Path, argv: tuple[str, ...]
) -> None:
    """The folders for ``new/deep/<name too long>`` were made, then the name was refused:
    they stayed (for advance, the clock had moved too, before the ledger was refused)."""
    refused(template, boxes, *argv)


@pytest.mark.parametrize("received", ["9999-12-31", "31/12/9999", "9999-12-15T10:00"])
def test_a_subject_access_request_received_in_the_year_9999_is_refused(
    template: Path, boxes: Path, received: str
) -> None:
    """A month was added to 31 Dec 9999 before the calendar's range was checked."""
    result = refused(template, boxes, "clock", "sar", "--received", received)
    assert "outside the working-day calendar" in result.err


def test_a_key_holder_that_is_not_text_is_refused_before_the_key_is_made(
    template: Path, boxes: Path
) -> None:
    """A byte that is not UTF-8 (as argv passes it) failed while the private key was being
    written, leaving a half-written OUT.key behind."""
    result = refused(template, boxes, "keys", "new", "--out", "out", "--holder", "Pat \udcff")
    assert "not UTF-8 text" in result.err  # refused at the door, for every command


def test_the_key_maker_itself_refuses_a_holder_that_is_not_text(tmp_path: Path) -> None:
    """The same holder given to the API (a notebook, a script): refused, no key file."""
    from casekit import api
    from casekit.errors import CasekitError

    with pytest.raises(CasekitError, match="not text"):
        api.new_key_pair(tmp_path / "out", "Pat \udcff")
    assert list(tmp_path.iterdir()) == []


NOT_UTF8 = "\udcff"  # the byte 0xff in argv, as Python passes it on (surrogateescape)


@pytest.mark.parametrize(
    "argv",
    [
        ("new", f"w{NOT_UTF8}"),
        ("new", "w", "--learner", f"L{NOT_UTF8}"),
        ("declare", "ws", "--name", f"Ann {NOT_UTF8}"),
        ("log", "ws", "--case", NOT_UTF8),
        ("status", NOT_UTF8),
        ("draft", "check", "letter.txt", "--ref", NOT_UTF8),
        ("clock", "foi", "--received", NOT_UTF8),
        ("scenario", "generate", "--seed", "1", "--out", f"o{NOT_UTF8}.json"),
        ("check-data", NOT_UTF8),
        ("export", "worked", "--out", f"o{NOT_UTF8}"),
        ("hub", "--class-dir", "class", "--tutor", NOT_UTF8),
        ("classroom", "whoami", "--hub-url", f"http://x{NOT_UTF8}", "--token", "t0ken"),
        ("criteria", "--mahara", f"m{NOT_UTF8}.matrix"),
        ("review", "packs/Ann", "--out", f"r{NOT_UTF8}.csv"),
    ],
    ids=lambda argv: argv[0],
)
def test_an_argument_that_is_not_utf8_is_refused_naming_it(
    template: Path, boxes: Path, argv: tuple[str, ...]
) -> None:
    """Bytes that are not UTF-8 reached the log, a file name or the terminal and failed
    there (a traceback; for some, a file half made)."""
    result = refused(template, boxes, *argv)
    assert "not UTF-8 text" in result.err and "\\udcff" in result.err


@pytest.mark.parametrize(
    "argv",
    [
        (
            "iqa",
            "sample",
            "packs/Ann",
            "--ledger",
            "l",
            "--assessor-ledger",
            "assessor",
            "--stage",
            "interim",
            "--criteria=--",
            "--outcome",
            "accept",
            "--iqa",
            "Ivy Quality",
            "--date",
            "2026-03-21",
        ),
        ("declare", "ws", "--name=--"),
    ],
    ids=lambda argv: argv[0],
)
def test_a_double_dash_as_an_options_value_is_a_usage_error(
    template: Path, boxes: Path, argv: tuple[str, ...]
) -> None:
    """argparse gave ``--criteria=--`` as an empty list, and the command failed on it
    (AttributeError: 'list' object has no attribute 'split')."""
    check(template, boxes, list(argv))
    with sandbox(template, boxes) as box:
        result = box.run(list(argv))
    assert result.code == 2 and "'--' cannot be its value" in result.err


def test_witnessing_a_workspace_whose_name_is_too_long_names_it(
    template: Path, boxes: Path
) -> None:
    """Opening it raised the system's error from inside the ledger's loop: exit 2, with the
    ledger made; now it is one workspace not witnessed, as a missing one is."""
    check(template, boxes, ["witness", LONG, "ws", "--ledger", "new.jsonl"])
    with sandbox(template, boxes) as box:
        result = box.run(["witness", LONG, "ws", "--ledger", "new.jsonl"])
    assert result.code == 1 and "There is no casekit workspace at aaa" in result.err
    assert "ws: witnessed event" in result.out
