"""Forms that keep themselves current: the watcher on the log's head, and the debouncer for
checks as the learner types, tested by calling them (no kernel needed) and on a real loop."""

from __future__ import annotations

import asyncio
import threading
from pathlib import Path

import pytest

from casekit.ui import live
from casekit.ui.live import UI_LOCK, Debouncer, Watcher, running_loop
from tests.ui.support import council_workspace, log_case


def kernel_loop(main, monkeypatch: pytest.MonkeyPatch) -> None:
    """Run ``main`` on a fresh event loop in its own thread, as if it were a kernel's."""
    monkeypatch.setattr(live, "in_kernel", lambda: True)
    failed: list[BaseException] = []

    def run() -> None:
        try:
            asyncio.run(main())
        except BaseException as err:  # reported in the test's thread
            failed.append(err)

    worker = threading.Thread(target=run)
    worker.start()
    worker.join(30)
    if failed:
        raise failed[0]


def test_the_watcher_refreshes_once_per_change(tmp_path: Path) -> None:
    path = council_workspace(tmp_path / "ws")
    calls: list[int] = []
    watcher = Watcher(path, lambda: calls.append(1))
    assert watcher.tick() is False and calls == []  # nothing new
    log_case(path)  # another process, in effect: its own connection
    assert watcher.tick() is True and calls == [1]
    assert watcher.tick() is False and calls == [1]
    log_case(path)
    watcher.mark_seen()  # an action here already refreshed the forms
    assert watcher.tick() is False


def test_the_watcher_waits_for_a_workspace_to_exist(tmp_path: Path) -> None:
    calls: list[int] = []
    watcher = Watcher(tmp_path / "ws", lambda: calls.append(1))
    assert watcher.head() is None and watcher.tick() is False
    council_workspace(tmp_path / "ws")
    assert watcher.tick() is True and calls == [1]  # the start form made it: fill in


def test_outside_a_kernel_the_watcher_does_not_start(tmp_path: Path) -> None:
    assert running_loop() is None

    found: list[object] = []

    async def other_librarys_loop() -> None:  # a running loop that is not a kernel's
        found.append(running_loop())

    worker = threading.Thread(target=lambda: asyncio.run(other_librarys_loop()))
    worker.start()
    worker.join(10)
    assert found == [None]
    watcher = Watcher(council_workspace(tmp_path / "ws"), lambda: None)
    assert watcher.start() is False and watcher.running is False


def test_on_a_running_loop_it_looks_by_itself_and_stops_when_told(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = council_workspace(tmp_path / "ws")
    calls: list[int] = []
    keep = [True]

    async def main() -> None:
        watcher = Watcher(path, lambda: calls.append(1), keep_going=lambda: keep[0], interval=0.02)
        assert watcher.start() is True and watcher.start() is True  # started once
        log_case(path)
        for _ in range(100):
            await asyncio.sleep(0.02)
            if calls:
                break
        keep[0] = False  # no form left on the workspace
        await asyncio.sleep(0.1)
        assert watcher.running is False

    kernel_loop(main, monkeypatch)
    assert calls == [1]


def test_a_busy_form_is_not_refreshed_under_its_feet(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = council_workspace(tmp_path / "ws")
    calls: list[int] = []

    async def main() -> None:
        watcher = Watcher(path, lambda: calls.append(1), interval=0.02)
        watcher.start()
        log_case(path)
        held = threading.Event()
        release = threading.Event()

        def action() -> None:  # an action running on another kernel thread
            with UI_LOCK:
                held.set()
                release.wait(5)

        worker = threading.Thread(target=action)
        worker.start()
        held.wait(5)
        await asyncio.sleep(0.15)
        assert calls == []  # the watcher saw the lock taken and waited
        release.set()
        worker.join()
        for _ in range(100):
            await asyncio.sleep(0.02)
            if calls:
                break
        watcher.stop()

    kernel_loop(main, monkeypatch)
    assert calls == [1]


def test_the_debouncer_runs_at_once_outside_a_kernel() -> None:
    runs: list[int] = []
    debounce = Debouncer(lambda: runs.append(1))
    debounce()
    debounce()
    assert runs == [1, 1] and not debounce.pending


def test_the_debouncer_waits_for_a_pause_in_typing(monkeypatch: pytest.MonkeyPatch) -> None:
    runs: list[int] = []

    async def main() -> None:
        debounce = Debouncer(lambda: runs.append(1), delay=0.05)
        for _ in range(5):  # five keystrokes in quick succession
            debounce()
            await asyncio.sleep(0.01)
        assert runs == [] and debounce.pending
        await asyncio.sleep(0.12)
        assert runs == [1]
        debounce()
        debounce.flush()  # run now (as a button press does)
        assert runs == [1, 1] and not debounce.pending

    kernel_loop(main, monkeypatch)
