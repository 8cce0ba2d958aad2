"""A sandbox per fuzz example: the files a class really has, a folder "outside" it, and a
snapshot of both so a command's every write, change and removal can be seen.

The template tree is made once per test process through the real commands (which also
loads every heavy library and cache before any example is watched); each example gets a
byte-for-byte copy of it. The user's home, the XDG folders, the temporary folder and the
current folder all point into the copy, and nothing a command does may start a process,
reach the network or print a PDF with a real browser.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import os
import shutil
import stat
import subprocess
import tempfile
import traceback
import urllib.error
import urllib.request
import zipfile
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

import pytest

from casekit.cli import main
from tests.worked import worked_workspace

REPO = Path(__file__).resolve().parents[2]
SANDBOX = "sandbox"
OUTSIDE = "outside"
TMP = "tmp"
# The token a path value uses for the absolute path of the folder outside the sandbox.
OUTSIDE_TOKEN = "{OUTSIDE}"

# Files a failed command may leave or remove without it counting as a write. None: SQLite's
# -wal and -shm files are removed again when a workspace is closed.
LOCK_FILES: frozenset[str] = frozenset()

# What stands in for the parts of a command that would start something, so every command
# can be fuzzed without a server, a browser or the network (see stubbed()).
STUBS: dict[str, str] = {
    "subprocess.Popen": "a stand-in process that has already exited 1 (casekit app's Voila, "
    "casekit hub --run's JupyterHub)",
    "urllib.request.urlopen": "refused at once, as an unreachable hub is (casekit classroom)",
    "casekit.evidence.pdf.CHROMIUM": "a browser path that does not exist (casekit export --pdf)",
}

LETTER = (
    "Dear Mrs Patel,\n\nThank you for contacting me about the streetlight on Elm Road. I "
    "have asked the highways team to repair it and will write again when I hear.\n\n"
    "Yours sincerely,\n\nCllr Sam Jones\n"
)


def _run(*argv: object, ok: tuple[int, ...] = (0,)) -> None:
    """One command that must succeed (exit with a code in ``ok``) while the template is made."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main([str(a) for a in argv])
    if code not in ok:
        raise AssertionError(f"casekit {argv} failed while making the template: {err.getvalue()}")


def build_template(root: Path) -> Path:
    """The files a class has, in ``root``: workspaces, packs (folder and zip), a witness
    ledger, an assessor's ledger, keys, a roster and class, data files, and hostile ones."""
    root.mkdir(parents=True, exist_ok=True)
    with worked_workspace(root / "worked", cases=1, learner="Ann", seed=1, own_words="Ann"):
        pass
    _run("new", root / "ws", "--pack", REPO / "scenarios" / "intro.json", "--start", "2026-01-12")
    _run("export", root / "worked", "--out", root / "packs" / "Ann", "--zip")
    _run("witness", root / "worked", "--ledger", root / "witness.jsonl")
    (root / "roster.csv").write_text("learner_id,name\nL1,Ann Smith\nL2,Bob Jones\n")
    _run("class-pack", "--roster", root / "roster.csv", "--seed", 3, "--out", root / "class",
         "--cases", 2)  # fmt: skip
    _run("keys", "new", "--out", root / "signer", "--holder", "Pat Assessor")
    _run("scenario", "generate", "--seed", 1, "--cases", 2, "--out", root / "gen.json",
         "--answer-key", root / "gen.key.json")  # fmt: skip
    from casekit import api

    api.record_decision(
        root / "assessor", root / "packs" / "Ann", "AC1", "met", "", "Pat Assessor", "2026-03-20"
    )
    # Warm every heavy import (pandas, openpyxl, the SVG charts) before any example is watched.
    _run("class-summary", root / "packs", "--out", root / "summary", "--no-progress")
    _run("review", root / "packs" / "Ann", "--out", root / "review.csv")
    (root / "letter.txt").write_text(LETTER, encoding="utf-8")
    _run("draft", "check", root / "letter.txt", ok=(0, 1))  # findings are not a failure
    shutil.rmtree(root / "summary")
    (root / "review.csv").unlink()
    shutil.copy(REPO / "scenarios" / "intro.json", root / "pack.json")
    shutil.copy(REPO / "casekit" / "data" / "criteria.toml", root / "criteria.toml")
    shutil.copy(REPO / "casekit" / "data" / "profiles" / "five-day.toml", root / "profile.toml")
    shutil.copytree(REPO / "portfolio_templates" / "default", root / "template")
    (root / "notebook.ipynb").write_text('{"cells": [], "nbformat": 4, "nbformat_minor": 5}')
    # Hostile files: broken JSON, empty, binary, non-UTF-8, a zip reaching out of its folder.
    (root / "broken.json").write_text('{"council": ', encoding="utf-8")
    (root / "empty.txt").write_bytes(b"")
    (root / "binary.bin").write_bytes(bytes(range(256)) * 4)
    (root / "latin1.txt").write_bytes("Dear Mr Müller,\n".encode("latin-1"))
    with zipfile.ZipFile(root / "evil.zip", "w") as evil:
        with zipfile.ZipFile(root / "packs" / "Ann.zip") as good:
            for info in good.infolist():
                evil.writestr(info, good.read(info))
        evil.writestr("../escaped.txt", "out of the folder")
        evil.writestr("/absolute.txt", "at the root")
    (root / "home").mkdir()
    (root / "empty-folder").mkdir()
    os.symlink("ws", root / "link-to-ws")
    os.symlink("letter.txt", root / "link-to-letter")
    os.symlink(f"../{OUTSIDE}", root / "link-outside")
    os.symlink("nowhere", root / "dangling")
    os.symlink("loop", root / "loop")
    return root


@dataclass(frozen=True)
class Entry:
    """One path as a snapshot sees it: a folder, a file (content hash and mode), a link."""

    kind: str
    detail: str = ""


def snapshot(root: Path) -> dict[str, Entry]:
    """Every path under ``root`` (links not followed), keyed by its path from ``root``."""
    seen: dict[str, Entry] = {}
    for folder, dirs, files in os.walk(root, followlinks=False):
        for name in [*dirs, *files]:
            path = os.path.join(folder, name)
            key = os.path.relpath(path, root)
            st = os.lstat(path)
            if stat.S_ISLNK(st.st_mode):
                seen[key] = Entry("link", os.readlink(path))
            elif stat.S_ISDIR(st.st_mode):
                seen[key] = Entry("dir")
            else:
                digest = hashlib.sha256(Path(path).read_bytes()).hexdigest()
                seen[key] = Entry("file", f"{digest} {stat.S_IMODE(st.st_mode):o}")
    return seen


def changes(before: dict[str, Entry], after: dict[str, Entry]) -> list[str]:
    """The paths made, removed or changed, sorted (lock files left out)."""
    return sorted(
        key
        for key in before.keys() | after.keys()
        if before.get(key) != after.get(key) and os.path.basename(key) not in LOCK_FILES
    )


class DeadProcess:
    """Stands in for ``subprocess.Popen``: the process has already exited 1."""

    def __init__(self, args: Sequence[str], *_: object, **__: object) -> None:
        self.args = args
        self.returncode = 1

    def poll(self) -> int:
        return 1

    def wait(self, timeout: float | None = None) -> int:
        return 1

    def terminate(self) -> None:
        pass

    def kill(self) -> None:
        pass


def _no_network(*_: object, **__: object) -> object:
    raise urllib.error.URLError("the network is not reached in the hostile-input tests")


@dataclass
class Outcome:
    """What one command did: its exit code, its output, any exception that escaped."""

    code: int | None
    out: str
    err: str
    escaped: str = ""


@dataclass
class Sandbox:
    """A fresh copy of the template (``root/sandbox``) beside ``root/outside``."""

    root: Path

    @property
    def inside(self) -> Path:
        return self.root / SANDBOX

    @property
    def outside(self) -> Path:
        return self.root / OUTSIDE

    def value(self, token: str) -> str:
        """An argument as the command gets it: the outside folder's real path filled in."""
        return token.replace(OUTSIDE_TOKEN, str(self.outside))

    def run(self, argv: Sequence[str]) -> Outcome:
        """``casekit ARGV`` in-process, from inside the sandbox, with every way out stubbed."""
        # As a UTF-8 terminal takes it: text that is not UTF-8 (a byte from argv) fails.
        out, err = _terminal(), _terminal()
        with stubbed(self), contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            try:
                code: int | None = main(list(argv))
            except SystemExit as stop:  # argparse: usage errors and --help
                code = stop.code if isinstance(stop.code, int) else 2
            except BaseException:  # the very thing the fuzz looks for
                return Outcome(None, _said(out), _said(err), traceback.format_exc())
        return Outcome(code, _said(out), _said(err))


def _terminal() -> io.TextIOWrapper:
    """A stand-in for a UTF-8 terminal: strict, as Python writes to one."""
    return io.TextIOWrapper(io.BytesIO(), encoding="utf-8", errors="strict", write_through=True)


def _said(stream: io.TextIOWrapper) -> str:
    stream.flush()
    return stream.buffer.getvalue().decode("utf-8", "replace")  # type: ignore[attr-defined]


@contextlib.contextmanager
def sandbox(template: Path, base: Path) -> Iterator[Sandbox]:
    """A fresh sandbox made from ``template`` under ``base``; removed afterwards."""
    root = Path(tempfile.mkdtemp(prefix="ex-", dir=base))
    try:
        shutil.copytree(template, root / SANDBOX, symlinks=True)
        (root / OUTSIDE / "folder").mkdir(parents=True)
        (root / OUTSIDE / "victim.txt").write_text("not casekit's to touch\n")
        (root / OUTSIDE / "folder" / "inner.txt").write_text("nor this\n")
        (root / TMP).mkdir()
        yield Sandbox(root)
    finally:
        shutil.rmtree(root, ignore_errors=True)


@contextlib.contextmanager
def stubbed(box: Sandbox) -> Iterator[None]:
    """The process as a learner's would be, but inside the sandbox: the current folder,
    HOME, XDG folders and the temporary folder in it; no CASEKIT_* settings; no process,
    network or browser (see STUBS)."""
    import casekit.evidence.pdf as pdf

    home = box.inside / "home"
    with pytest.MonkeyPatch.context() as mp:
        mp.chdir(box.inside)
        for name in list(os.environ):
            if name.startswith(("CASEKIT_", "JUPYTERHUB_")):
                mp.delenv(name)
        mp.setenv("HOME", str(home))
        for xdg in ("CONFIG", "DATA", "CACHE", "STATE"):
            mp.setenv(f"XDG_{xdg}_HOME", str(home / f".xdg-{xdg.lower()}"))
        mp.setenv("TMPDIR", str(box.root / TMP))
        mp.setattr(tempfile, "tempdir", str(box.root / TMP))
        mp.setattr(subprocess, "Popen", DeadProcess)
        mp.setattr(urllib.request, "urlopen", _no_network)
        mp.setattr(pdf, "CHROMIUM", box.root / "no-chromium")
        yield
