"""Run mutants against the tests that exercise their module, one fresh process each.

Each worker owns a copy of the project in a temporary folder (without .venv, .git and
caches) whose modules are compiled once with checked-hash bytecode: a mutant is written
into the copy, its module's bytecode is deleted, the module's tests run as
``python -m pytest -x -q -p no:cacheprovider ...`` in a new process (cwd and PYTHONPATH
set to the copy, so the mutant is what every import and every subprocess of a test
sees), and the original text is put back. Python checks a checked-hash .pyc against its
source's hash, so nothing compiled from one mutant can be run for another. A mutant
whose tests fail or do not finish in time is killed; one whose tests pass survived.
"""

from __future__ import annotations

import os
import queue
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from tests.mutation.operators import Mutant

# pytest plugins a mutant run does not need: nbval alone costs two seconds of imports.
QUIET_PLUGINS = ("cacheprovider", "nbval", "faker", "xdist", "xdist.looponfail", "anyio")
COPY_IGNORE = shutil.ignore_patterns(
    ".venv",
    ".git",
    "__pycache__",
    ".hypothesis",
    ".pytest_cache",
    ".ruff_cache",
    ".cache",
    "node_modules",
    "demo",
    "workspaces",
    "test-artifacts",
    "*.egg-info",
    "*.sqlite*",
)


@dataclass
class Result:
    """What happened to one mutant: ``killed``, ``timeout`` (counted as killed),
    ``survived`` or ``error`` (the tests could not be run at all)."""

    mutant: Mutant
    status: str
    seconds: float
    output: str = ""

    @property
    def killed(self) -> bool:
        return self.status in ("killed", "timeout")


@dataclass
class Project:
    """The checkout to copy and the interpreter to run its tests with."""

    root: Path
    python: str = sys.executable
    extra_env: dict[str, str] = field(default_factory=dict)

    def pytest_command(self, tests: Iterable[str]) -> list[str]:
        quiet = [arg for name in QUIET_PLUGINS for arg in ("-p", f"no:{name}")]
        return [self.python, "-m", "pytest", "-x", "-q", *quiet, *tests]

    def env(self, copy: Path) -> dict[str, str]:
        env = dict(os.environ)
        env.update(
            PYTHONPATH=str(copy),
            PYTHONHASHSEED="0",
            CASEKIT_MUTATION="1",  # tests/conftest.py: no example database, fixed examples
            **self.extra_env,
        )
        env.pop("PYTEST_ADDOPTS", None)
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        return env


class Copies:
    """One private copy of the project per worker, handed out and taken back."""

    def __init__(self, project: Project, count: int) -> None:
        self.project = project
        self.paths: list[Path] = []
        self._free: queue.Queue[Path] = queue.Queue()
        for _ in range(count):
            path = Path(tempfile.mkdtemp(prefix="casekit-mutate-")) / "project"
            shutil.copytree(project.root, path, ignore=COPY_IGNORE, symlinks=True)
            _compile(project.python, path)
            self.paths.append(path)
            self._free.put(path)

    def take(self) -> Path:
        return self._free.get()

    def give_back(self, path: Path) -> None:
        self._free.put(path)

    def remove(self) -> None:
        for path in self.paths:
            shutil.rmtree(path.parent, ignore_errors=True)


def _compile(python: str, copy: Path) -> None:
    """Checked-hash bytecode for every module, so a .pyc is used only for its own text."""
    subprocess.run(
        [python, "-m", "compileall", "-q", "--invalidation-mode", "checked-hash", str(copy)],
        check=False,
        capture_output=True,
    )


def check_isolation(project: Project, copy: Path, package: str) -> None:
    """Refuse to run when ``package`` would be imported from anywhere but the copy (an
    installed or editable copy shadowing it would make every mutant survive)."""
    out = subprocess.run(
        [project.python, "-c", f"import {package}; print({package}.__file__)"],
        cwd=copy,
        env=project.env(copy),
        capture_output=True,
        text=True,
        check=False,
    )
    found = Path(out.stdout.strip() or "?").resolve()
    if copy.resolve() not in found.parents:
        raise RuntimeError(f"{package} imports from {found}, not from the copy {copy}")


def run_tests(project: Project, copy: Path, tests: list[str], timeout: float) -> tuple[str, str]:
    """Run ``tests`` in ``copy``: ``passed``, ``failed`` (any non-zero exit but 5),
    ``no-tests`` or ``timeout``, with the tail of the output."""
    proc = subprocess.Popen(
        project.pytest_command(tests),
        cwd=copy,
        env=project.env(copy),
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        stdin=subprocess.DEVNULL,
        text=True,
        start_new_session=True,  # its own process group, so a timeout ends its children too
    )
    try:
        out, _ = proc.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        out, _ = proc.communicate()
        return "timeout", out[-2000:]
    if proc.returncode == 0:
        return "passed", out[-2000:]
    if proc.returncode == 5:
        return "no-tests", out[-2000:]
    return "failed", out[-2000:]


def _bytecode_of(copy: Path, relpath: str) -> list[Path]:
    source = copy / relpath
    return list((source.parent / "__pycache__").glob(f"{source.stem}.*.pyc"))


def run_mutant(
    project: Project, copy: Path, mutant: Mutant, tests: list[str], timeout: float
) -> Result:
    """Apply ``mutant`` to ``copy``, run ``tests``, and put the original back."""
    target = copy / mutant.path
    original = target.read_bytes()
    started = time.monotonic()
    try:
        for pyc in _bytecode_of(copy, mutant.path):
            pyc.unlink()
        target.write_text(mutant.source, encoding="utf-8")
        outcome, output = run_tests(project, copy, tests, timeout)
    finally:
        target.write_bytes(original)
        for pyc in _bytecode_of(copy, mutant.path):
            pyc.unlink()
    status = {"passed": "survived", "failed": "killed", "timeout": "timeout"}.get(outcome, "error")
    return Result(mutant, status, time.monotonic() - started, output)


def run_all(
    project: Project,
    jobs: list[tuple[Mutant, list[str], float]],
    workers: int,
    copies: Copies,
    progress: Callable[[Result], None] | None = None,
) -> list[Result]:
    """Run every (mutant, tests, timeout) on ``workers`` threads, each with its own copy;
    results come back in the order of ``jobs``."""

    def one(job: tuple[Mutant, list[str], float]) -> Result:
        copy = copies.take()
        try:
            result = run_mutant(project, copy, *job)
        finally:
            copies.give_back(copy)
        if progress is not None:
            progress(result)
        return result

    with ThreadPoolExecutor(max_workers=workers) as pool:
        return list(pool.map(one, jobs))
