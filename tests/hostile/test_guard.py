"""The guard itself can fail: a traceback, a refusal that wrote, a write outside what was
named, a silent failure are each caught (else the fuzz would pass whatever casekit did)."""

from __future__ import annotations

from pathlib import Path

from tests.hostile.guard import _problems
from tests.hostile.sandbox import Outcome, Sandbox, changes, sandbox, snapshot


def problems(tmp_path: Path, argv: list[str], result: Outcome, made: list[str]) -> list[str]:
    return list(_problems(Sandbox(tmp_path), argv, result, made))


def test_a_clean_refusal_passes(tmp_path: Path) -> None:
    assert problems(tmp_path, ["export", "ws"], Outcome(2, "", "casekit: no.\n"), []) == []


def test_an_escaped_exception_or_printed_traceback_fails(tmp_path: Path) -> None:
    assert problems(tmp_path, [], Outcome(None, "", "", "Traceback ..."), [])
    printed = Outcome(2, "", 'Traceback (most recent call last):\n  File "x.py", line 1\n')
    assert problems(tmp_path, [], printed, [])


def test_a_refusal_that_wrote_or_said_nothing_fails(tmp_path: Path) -> None:
    assert problems(tmp_path, ["export", "out"], Outcome(2, "", "casekit: no.\n"), ["sandbox/out"])
    assert problems(tmp_path, ["export", "out"], Outcome(2, "", ""), [])
    assert problems(tmp_path, ["export"], Outcome(2, "", "no.\n"), [])  # not casekit's words
    assert problems(tmp_path, ["export"], Outcome(2, "", "casekit: no\n" * 50), [])


def test_a_success_may_write_only_what_it_was_given(tmp_path: Path) -> None:
    ok = Outcome(0, "done\n", "")
    assert problems(tmp_path, ["export", "ws", "--out", "out"], ok, ["sandbox/out/a"]) == []
    assert problems(tmp_path, ["export", "ws", "--out=out"], ok, ["sandbox/out.zip"]) == []
    assert problems(tmp_path, ["export", "ws", "--out", "new/deep"], ok, ["sandbox/new"]) == []
    assert problems(tmp_path, ["export", "ws", "--out", "out"], ok, ["sandbox/other"])
    assert problems(tmp_path, ["export", "ws", "--out", "out"], ok, ["outside/victim.txt"])
    assert problems(tmp_path, ["export", "ws", "--out", "out"], ok, ["tmp/left-over"])
    assert problems(tmp_path, ["x", "--out", "../outside/new"], ok, ["outside/new"]) == []


def test_snapshots_see_content_modes_links_and_removals(tmp_path: Path) -> None:
    (tmp_path / "a").write_text("one")
    (tmp_path / "b").symlink_to("a")
    before = snapshot(tmp_path)
    (tmp_path / "a").write_text("two")
    assert changes(before, snapshot(tmp_path)) == ["a"]
    (tmp_path / "a").write_text("one")
    (tmp_path / "a").chmod(0o600)
    assert changes(before, snapshot(tmp_path)) == ["a"]
    (tmp_path / "a").chmod(before["a"].detail and int(before["a"].detail.split()[1], 8))
    (tmp_path / "b").unlink()
    (tmp_path / "b").symlink_to("elsewhere")
    (tmp_path / "c").mkdir()
    assert changes(before, snapshot(tmp_path)) == ["b", "c"]


def test_nothing_is_started_and_no_network_is_reached(template: Path, boxes: Path) -> None:
    """The stubs hold: the app, the hub and the PDF printer start nothing, the classroom
    reaches no hub, so every command can be fuzzed."""
    with sandbox(template, boxes) as box:
        app = box.run(["app", "notebook.ipynb", "--port", "18765", "--no-browser"])
        assert app.code == 2 and "Voila stopped before it was ready" in app.err
        hub = box.run(["hub", "--class-dir", "class", "--tutor", "tutor", "--run"])
        assert hub.code == 1 and "Starting the hub" in hub.out  # the stand-in exited 1
        room = box.run(["classroom", "whoami", "--hub-url", "http://127.0.0.1:9", "--token", "t"])
        assert room.code == 2 and "not reached in the hostile-input tests" in room.err
        pdf = box.run(["export", "worked", "--out", "out", "--pdf"])
        assert pdf.code == 0 and "No PDF: Chromium is not installed" in pdf.err
