"""Appending to a ledger file (the tutor's witness ledger, the assessor's decisions): one
writer at a time, and nothing left behind when the file cannot be opened."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from casekit.evidence.config import refuse


@contextmanager
def appending(path: Path, rule: str) -> Iterator[Any]:
    """``path`` opened for appending, locked against other writers. A file that cannot be
    opened is refused under ``rule``, and any folders made for it are removed again."""
    from casekit.scenarios.pack import first_missing

    top = first_missing(path.parent)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle = path.open("ab")
    except OSError as err:
        if top is not None:  # the folders made for a ledger that cannot be: not left behind
            shutil.rmtree(top, ignore_errors=True)
        raise refuse(rule, f"{path} cannot be written ({err.strerror}).") from None
    with handle:
        try:
            import fcntl

            fcntl.flock(handle.fileno(), fcntl.LOCK_EX)
        except ImportError:  # pragma: no cover - not POSIX
            pass
        yield handle
