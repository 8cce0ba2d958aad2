"""Forms that keep themselves current: a watcher on the log's head, and a debouncer for
checks that run as the learner types.

Both run on the kernel's event loops (``loop.call_later``), so they live and die with the
kernel. JupyterLab may run a widget's callback on a kernel thread of its own while the
watcher's timer runs on the main one, so every action, refresh and check holds
:data:`UI_LOCK`: a refresh never runs in the middle of an action (a watcher that finds the
lock taken tries again at its next tick). Outside a kernel (plain pytest, a script) there
is no running loop: the watcher does nothing until its :meth:`Watcher.tick` is called,
and the debouncer runs its action at once.
"""

from __future__ import annotations

import asyncio
import logging
import sys
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

log = logging.getLogger("casekit.ui")

POLL_SECONDS = 1.5  # how often the log's head is read: one small query
UI_LOCK = threading.RLock()  # held by every action, refresh and check of the forms
TYPING_PAUSE_SECONDS = 0.4  # checks run once the learner pauses this long


def in_kernel() -> bool:
    """Whether this is a Jupyter kernel (JupyterLab's, Voila's, nbclient's). Another
    library's running loop (a test's browser driver, say) is not the kernel's."""
    ipython = sys.modules.get("IPython")
    shell = ipython.get_ipython() if ipython is not None else None
    return getattr(shell, "kernel", None) is not None


def running_loop() -> asyncio.AbstractEventLoop | None:
    """The kernel's event loop when called from a cell or a widget callback, else None."""
    if not in_kernel():
        return None
    try:
        return asyncio.get_running_loop()
    except RuntimeError:
        return None


class Watcher:
    """Watch one workspace's log; call ``on_change`` when its head (last event number and
    hash) is not the one last seen: an action in another notebook, the command line, the
    simulation clock or the tutor's classroom clock.

    ``keep_going`` is asked before each new timer: when it says no (no form is left on
    the workspace), the watcher stops.
    """

    def __init__(
        self,
        path: str | Path,
        on_change: Callable[[], None],
        *,
        keep_going: Callable[[], bool] = lambda: True,
        interval: float = POLL_SECONDS,
    ) -> None:
        self.path = Path(path)
        self.on_change = on_change
        self.keep_going = keep_going
        self.interval = interval
        self.seen = self.head()
        self.running = False
        self._handle: asyncio.TimerHandle | None = None

    def head(self) -> tuple[int, str] | None:
        """The log's head now (None while there is no workspace yet)."""
        from casekit import api
        from casekit.errors import CasekitError
        from casekit.ui.session import shared_workspace

        try:
            return api.log_head(shared_workspace(self.path))
        except CasekitError:
            return None

    def mark_seen(self) -> None:
        """The forms are current with the log as it is now (after an action here)."""
        self.seen = self.head()

    def tick(self) -> bool:
        """Look once; refresh when the log moved on. Returns whether it had."""
        head = self.head()
        if head == self.seen:
            return False
        self.seen = head
        self.on_change()
        return True

    def start(self) -> bool:
        """Start looking every ``interval`` seconds on the kernel's loop (no-op outside
        a kernel, or when already started). Returns whether it is running."""
        if self.running:
            return True
        loop = running_loop()
        if loop is None:
            return False
        self.running = True
        self._handle = loop.call_later(self.interval, self._run, loop)
        return True

    def stop(self) -> None:
        self.running = False
        if self._handle is not None:
            self._handle.cancel()
            self._handle = None

    def _run(self, loop: asyncio.AbstractEventLoop) -> None:
        if not self.running:
            return
        if not self.keep_going():
            self.stop()
            return
        if UI_LOCK.acquire(blocking=False):  # busy with an action: look again next time
            try:
                self.tick()
            except Exception:  # a failed refresh must not stop the watching
                log.exception("casekit: refreshing the forms after a change failed")
            finally:
                UI_LOCK.release()
        if self.running:
            self._handle = loop.call_later(self.interval, self._run, loop)


class Debouncer:
    """Run ``action`` once the learner has paused: each call restarts the wait. Outside a
    kernel it runs at once, so tests see the result straight away."""

    def __init__(self, action: Callable[[], Any], delay: float = TYPING_PAUSE_SECONDS) -> None:
        self.action = action
        self.delay = delay
        self._handle: asyncio.TimerHandle | None = None

    @property
    def pending(self) -> bool:
        return self._handle is not None

    def __call__(self, *_args: Any) -> None:
        loop = running_loop()
        self.cancel()
        if loop is None:
            self.action()
            return
        self._handle = loop.call_later(self.delay, self._fire)

    def cancel(self) -> None:
        if self._handle is not None:
            self._handle.cancel()
            self._handle = None

    def flush(self) -> None:
        """Run a waiting action now."""
        if self._handle is not None:
            self.cancel()
            self.action()

    def _fire(self) -> None:
        self._handle = None
        try:
            with UI_LOCK:
                self.action()
        except Exception:
            log.exception("casekit: a check as you type failed")
