"""Class packs: one pack per learner from a roster, answer keys kept apart for the tutor.

Layout under the output folder::

    packs/<learner_id>.json          the learner's pack (hand these out)
    tutor/keys/<learner_id>.key.json the answer key (keep these)
    class-list.csv                   learner, pack file, pack digest

Everything is built in a temporary folder next to the output and moved into place in one
step, so a bad roster or a failure part-way writes nothing.
"""

from __future__ import annotations

import csv
import io
import os
import re
import shutil
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from casekit.errors import CasekitError
from casekit.scenarios.pack import dumps, sha256_text

REQUIRED = ("learner_id", "name")
OPTIONAL = ("email",)
MAX_ROSTER_BYTES = 2 * 1024 * 1024
MAX_LEARNERS = 2000
SOURCE = "casekit class-pack roster format: CSV with columns learner_id,name[,email]"
LEARNER_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$")
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


@dataclass(frozen=True)
class Learner:
    learner_id: str
    name: str
    email: str = ""


def _bad(message: str, field: str, advice: str = "") -> CasekitError:
    return CasekitError(
        message,
        rule="roster-format",
        source=SOURCE,
        field=field,
        advice=advice or "Fix the roster and run the command again.",
    )


def parse_roster(data: bytes | str) -> list[Learner]:
    """Parse a roster, refusing anything that is not a clean ``learner_id,name[,email]`` CSV."""
    if isinstance(data, bytes):
        if len(data) > MAX_ROSTER_BYTES:
            raise _bad(
                f"The roster is {len(data):,} bytes; the limit is {MAX_ROSTER_BYTES:,}.", "roster"
            )
        if b"\x00" in data:
            raise _bad(
                "The roster is not a CSV text file (it contains binary data).",
                "roster",
                "Save the spreadsheet as CSV (comma separated values).",
            )
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as err:
            raise _bad(
                f"The roster is not UTF-8 text (byte {err.start}).",
                "roster",
                "Save the spreadsheet as 'CSV UTF-8'.",
            ) from err
    else:
        text = data.removeprefix("\ufeff")
        if "\x00" in text:
            raise _bad("The roster is not a CSV text file (it contains binary data).", "roster")
    if not text.strip():
        raise _bad(
            "The roster is empty.",
            "roster",
            "Give a header line 'learner_id,name' and one line per learner.",
        )
    try:
        rows = list(csv.reader(io.StringIO(text, newline=""), strict=True))
    except csv.Error as err:
        raise _bad(f"The roster is not valid CSV ({err}).", "roster") from err
    header = [h.strip().lower() for h in rows[0]]
    missing = [c for c in REQUIRED if c not in header]
    unknown = [h for h in header if h not in REQUIRED + OPTIONAL]
    if missing or unknown or len(set(header)) != len(header):
        raise _bad(
            f"The roster's header is '{','.join(rows[0])}': "
            + (f"missing column(s) {', '.join(missing)}" if missing else "")
            + ("; " if missing and unknown else "")
            + (f"unknown column(s) {', '.join(unknown)}" if unknown else "")
            + ("repeated column" if not missing and not unknown else "")
            + ".",
            "header",
            "The first line must be 'learner_id,name' (optionally ',email').",
        )
    learners: list[Learner] = []
    seen: dict[str, int] = {}
    for number, row in enumerate(rows[1:], start=2):
        if not any(cell.strip() for cell in row):
            continue  # a blank line, as spreadsheets leave at the end
        if len(row) != len(header):
            raise _bad(
                f"Roster row {number} has {len(row)} values; the header has {len(header)}.",
                f"row {number}",
            )
        values = {h: cell.strip() for h, cell in zip(header, row, strict=True)}
        learner_id, name, email = values["learner_id"], values["name"], values.get("email", "")
        if not learner_id:
            raise _bad(
                f"Roster row {number}, column learner_id: the learner id is empty.",
                f"row {number}, learner_id",
            )
        if not LEARNER_ID.match(learner_id):
            raise _bad(
                f"Roster row {number}, column learner_id: '{learner_id}' may use only letters, "
                "digits, '.', '_' and '-' (up to 64), starting with a letter or digit.",
                f"row {number}, learner_id",
            )
        folded = learner_id.casefold()
        if folded in seen:
            raise _bad(
                f"Roster row {number}, column learner_id: '{learner_id}' is already used on "
                f"row {seen[folded]}.",
                f"row {number}, learner_id",
                "Give every learner a different id.",
            )
        seen[folded] = number
        if not name:
            raise _bad(
                f"Roster row {number}, column name: the name is empty.", f"row {number}, name"
            )
        if email and not _EMAIL.match(email):
            raise _bad(
                f"Roster row {number}, column email: '{email}' is not an email address.",
                f"row {number}, email",
            )
        learners.append(Learner(learner_id, name, email))
    if not learners:
        raise _bad("The roster has a header but no learners.", "roster")
    if len(learners) > MAX_LEARNERS:
        raise _bad(
            f"The roster has {len(learners)} learners; the limit is {MAX_LEARNERS}.", "roster"
        )
    return learners


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

    from casekit.scenarios.generate import generate_written
    from casekit.scenarios.pack import Encoded

    files: dict[str, str] = {}
    council: Encoded | None = None
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["learner_id", "name", "email", "pack", "pack_sha256", "difficulty", "cases"])
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
        writer.writerow(
            [
                learner.learner_id,
                learner.name,
                learner.email,
                f"packs/{learner.learner_id}.json",
                digest,
                difficulty,
                cases,
            ]
        )
    files["class-list.csv"] = out.getvalue()
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
) -> dict[str, Any]:
    """Read ``roster``, make every learner's pack and key, and write them under ``out_dir``."""
    roster = Path(roster)
    if not roster.is_file():
        raise _bad(f"There is no roster file at {roster}.", "roster")
    if roster.stat().st_size > MAX_ROSTER_BYTES:
        raise _bad(f"The roster is over {MAX_ROSTER_BYTES:,} bytes.", "roster")
    learners = parse_roster(roster.read_bytes())
    files = build_files(learners, seed, cases, difficulty, profile, progress=progress)
    write_class(out_dir, files)
    return {"learners": len(learners), "out": str(out_dir), "files": len(files)}
