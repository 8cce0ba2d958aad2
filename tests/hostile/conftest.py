"""The hostile-input tests' shared files: the class's template, and where sandboxes go."""

from __future__ import annotations

import fcntl
import os
from pathlib import Path

import pytest

from tests.hostile.sandbox import build_template


@pytest.fixture(scope="session")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The class's files, made once per run through the real commands (under xdist, by the
    first worker to need them; the others wait for it and read the same folder, which no
    example changes: each works on its own copy)."""
    base = tmp_path_factory.getbasetemp()
    shared = base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base
    folder, done = shared / "hostile-template", shared / "hostile-template.done"
    with open(shared / "hostile-template.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not done.exists():
            build_template(folder)
            done.touch()
    import pandas  # noqa: F401 - loaded before any example is watched, in every worker

    return folder


@pytest.fixture(scope="session")
def boxes(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Where the examples' sandboxes are made (each is removed after its example)."""
    return tmp_path_factory.mktemp("boxes")
