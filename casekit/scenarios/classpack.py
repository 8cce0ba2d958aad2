"""Class packs: one pack per learner from a roster, answer keys kept apart for the tutor.

Layout under the output folder::

    packs/<learner_id>.json          the learner's pack (hand these out)
    tutor/keys/<learner_id>.key.json the answer key (keep these)
    class-list.csv                   learner, pack file, pack digest

Everything is built in a temporary folder next to the output and moved into place in one
step, so a bad roster or a failure part-way writes nothing. Given a folder for them, each
learner's workspace is made too (``<folder>/<learner_id>``, loaded with their pack and
carrying the roster's name as their learner details), again built aside and moved into
place whole.
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from casekit.errors import CasekitError
from casekit.scenarios.pack import dumps, sha256_text
from casekit.scenarios.roster import (
    LEARNER_ID,
    MAX_ROSTER_BYTES,
    SOURCE,
    Learner,
    _bad,
    parse_roster,
)

__all__ = [
    "LEARNER_ID",
    "SOURCE",
    "Learner",
    "build_files",
    "make_class_pack",
    "make_workspaces",
    "parse_roster",
]


CLASS_LIST = [
    "learner_id",
    "name",
    "email",
    "registration",
    "pack",
    "pack_sha256",
    "difficulty",
    "cases",
]


def build_files(
    learners: list[Learner],
    seed: int,
    cases: int,
    difficulty: str,
    profile: str = "default",
    *,
    progress: bool = False,
) -> dict[str, str]:
    """Relative path -> file text for a whole class, built in memory."""
    from tqdm import tqdm

    from casekit.evidence.csvsafe import to_csv
    from casekit.scenarios.generate import generate_written
    from casekit.scenarios.pack import Encoded

    files: dict[str, str] = {}
    council: Encoded | None = None
    listed: list[dict[str, Any]] = []
    for learner in tqdm(
        learners, desc="class packs", unit="learner", file=sys.stderr, disable=not progress
    ):
        pack, key = generate_written(
            seed, cases, difficulty, learner=learner.learner_id, profile=profile
        )
        if council is None:  # the same for every learner: write it once
            council = Encoded(dumps(pack["council"])[:-1])
        text = dumps({**pack, "council": council})
        digest = sha256_text(text)
        key["pack_sha256"] = digest
        files[f"packs/{learner.learner_id}.json"] = text
        files[f"tutor/keys/{learner.learner_id}.key.json"] = dumps(key)
        listed.append(
            {
                "learner_id": learner.learner_id,
                "name": learner.name,
                "email": learner.email,
                "registration": learner.registration,
                "pack": f"packs/{learner.learner_id}.json",
                "pack_sha256": digest,
                "difficulty": difficulty,
                "cases": cases,
            }
        )
    files["class-list.csv"] = to_csv(listed, CLASS_LIST)
    return files


def write_class(out_dir: str | Path, files: dict[str, str]) -> Path:
    """Write every file into a temporary folder, then move it to ``out_dir`` in one step."""
    out_dir = Path(out_dir)
    if out_dir.exists() and (not out_dir.is_dir() or any(out_dir.iterdir())):
        raise CasekitError(
            f"{out_dir} already exists and is not an empty folder.",
            field="out",
            advice="Choose a new folder for the class packs.",
        )
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{out_dir.name}.", dir=out_dir.parent))
    try:
        os.chmod(tmp, 0o777 & ~_umask())  # an ordinary folder, not mkdtemp's 0700
        for relative, text in files.items():
            target = tmp / relative
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text, encoding="utf-8", newline="\n")
        if out_dir.exists():
            out_dir.rmdir()
        os.replace(tmp, out_dir)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    return out_dir


def make_class_pack(
    roster: str | Path,
    seed: int,
    out_dir: str | Path,
    *,
    cases: int = 8,
    difficulty: str = "standard",
    profile: str = "default",
    progress: bool = False,
    workspaces: str | Path | None = None,
    create: Callable[..., Any] | None = None,
    centre: str = "",
) -> dict[str, Any]:
    """Read ``roster``, make every learner's pack and key, and write them under ``out_dir``;
    with ``workspaces`` (and ``create``, the workspace maker), each learner's workspace."""
    roster = Path(roster)
    if not roster.is_file():
        raise _bad(f"There is no roster file at {roster}.", "roster")
    if roster.stat().st_size > MAX_ROSTER_BYTES:
        raise _bad(f"The roster is over {MAX_ROSTER_BYTES:,} bytes.", "roster")
    learners = parse_roster(roster.read_bytes())
    if workspaces is not None:
        _check_empty(Path(workspaces), "workspaces", "Choose a new folder for the workspaces.")
    files = build_files(learners, seed, cases, difficulty, profile, progress=progress)
    write_class(out_dir, files)
    made: list[Path] = []
    if workspaces is not None:
        if create is None:
            raise ValueError("making workspaces needs the workspace maker (create)")
        try:
            made = make_workspaces(
                learners, Path(out_dir), Path(workspaces), create, centre=centre, progress=progress
            )
        except BaseException:
            shutil.rmtree(out_dir, ignore_errors=True)  # we made it just now: all or nothing
            raise
    return {
        "learners": len(learners),
        "out": str(out_dir),
        "files": len(files),
        "workspaces": [str(p) for p in made],
    }


def _check_empty(folder: Path, field: str, advice: str) -> None:
    if folder.exists() and (not folder.is_dir() or any(folder.iterdir())):
        raise CasekitError(
            f"{folder} already exists and is not an empty folder.", field=field, advice=advice
        )


def make_workspaces(
    learners: list[Learner],
    class_dir: Path,
    folder: Path,
    create: Callable[..., Any],
    *,
    centre: str = "",
    progress: bool = False,
) -> list[Path]:
    """Each learner's workspace under ``folder``, made by ``create(path, pack=, learner=)``
    from their pack in ``class_dir`` and given the roster's name (and registration) as
    their learner details; built in a temporary folder and moved into place whole."""
    from tqdm import tqdm

    from casekit.casework.actions import Casework

    _check_empty(folder, "workspaces", "Choose a new folder for the workspaces.")
    folder.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{folder.name}.", dir=folder.parent))
    try:
        for learner in tqdm(
            learners, desc="workspaces", unit="learner", file=sys.stderr, disable=not progress
        ):
            pack = class_dir / "packs" / f"{learner.learner_id}.json"
            ws = create(tmp / learner.learner_id, pack=pack, learner=learner.learner_id)
            try:
                Casework(ws).record_learner_details(
                    name=learner.name, registration=learner.registration, centre=centre
                )
            finally:
                ws.close()
        os.chmod(tmp, 0o777 & ~_umask())
        if folder.exists():
            folder.rmdir()
        os.replace(tmp, folder)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    return [folder / learner.learner_id for learner in learners]


def _umask() -> int:
    """The process's umask (read by setting it and putting it back)."""
    mask = os.umask(0)
    os.umask(mask)
    return mask
