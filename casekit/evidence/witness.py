"""The tutor's witness ledger: chain heads recorded during the course, outside the
learner's reach.

A learner controls every byte of their workspace and pack, so a log that was edited and
re-chained is self-consistent: ``verify`` cannot tell. What it cannot match is a head the
tutor recorded earlier. ``casekit witness WS... --ledger FILE`` (and ``casekit advance
--ledger``, so it happens at every classroom clock step) appends, per workspace, its id,
learner, last sequence number, chain head and the time. ``review --witness FILE`` then
checks that each pack's log holds every witnessed head at its sequence number and is not
shorter than any witnessed sequence.

The ledger is JSON lines, each entry chained to the one before by SHA-256 (like the log):
reading it checks every link, so an entry edited, removed or reordered is refused, never
read silently. It is only as safe as where the tutor keeps it: somewhere learners cannot
write (cutting entries off its end leaves a shorter valid chain; keep a backup).
"""

from __future__ import annotations

import contextlib
import hashlib
import os
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from casekit.errors import CasekitError
from casekit.evidence import packschema
from casekit.evidence.config import refuse
from casekit.evidence.ledgerfile import appending
from casekit.evidence.safepack import parse_json
from casekit.record.log import GENESIS, canonical

VERSION = 1
ENTRY = {
    "v": int,
    "n": int,
    "witnessed_at": str,
    "workspace_id": str,
    "learner": str,
    "name": str,
    "seq": int,
    "head": str,
    "prev": str,
    "hash": str,
}


@dataclass(frozen=True)
class Witnessed:
    """One entry: a workspace's chain head as the tutor saw it."""

    n: int
    witnessed_at: str
    workspace_id: str
    learner: str
    name: str
    seq: int
    head: str
    hash: str = ""

    @property
    def when(self) -> str:
        return self.witnessed_at.replace("T", " ")[:16] + " UTC"


@dataclass(frozen=True)
class WitnessResult:
    """What witnessing one workspace did: the entry written, or why none was."""

    path: Path
    entry: Witnessed | None = None
    problem: str = ""


@dataclass(frozen=True)
class WitnessCheck:
    """A pack against the ledger: ``ok``, and the sentence saying why."""

    ok: bool
    message: str
    points: int = 0


def entry_hash(entry: dict[str, Any]) -> str:
    body = {k: v for k, v in entry.items() if k != "hash"}
    return hashlib.sha256(canonical(body).encode()).hexdigest()


def _bad(path: Path, n: int, what: str) -> CasekitError:
    return refuse("witness-ledger", f"{path} line {n}: {what}.", field="ledger")


def read_ledger(path: str | Path) -> list[Witnessed]:
    """Every entry of the ledger at ``path``, each link checked (refused at the first
    entry that was changed, removed, reordered or damaged)."""
    path = Path(path)
    if path.is_dir() or (path.exists() and not path.is_file()):
        raise refuse("witness-ledger", f"{path} is not a file.", field="ledger")
    if not path.is_file():
        raise refuse("witness-ledger", f"There is no witness ledger at {path}.", field="ledger")
    raw = path.read_bytes()
    if raw and not raw.endswith(b"\n"):
        raise _bad(path, raw.count(b"\n") + 1, "it is incomplete (a write was cut off)")
    out: list[Witnessed] = []
    prev = GENESIS
    for n, line in enumerate(raw.splitlines(), start=1):
        try:
            entry = parse_json(line, f"line {n}")
        except CasekitError:
            raise _bad(path, n, "it is not a ledger entry") from None
        wrong = packschema.problems(entry, ENTRY, "the entry", limit=1)
        if wrong:
            raise _bad(path, n, wrong[0])
        if entry["n"] != n or entry["prev"] != prev or entry["hash"] != entry_hash(entry):
            raise _bad(path, n, "it was changed, removed or moved after it was written")
        prev = entry["hash"]
        out.append(
            Witnessed(
                n,
                entry["witnessed_at"],
                entry["workspace_id"],
                entry["learner"],
                entry["name"],
                entry["seq"],
                entry["head"],
                entry["hash"],
            )
        )
    return out


def ready_to_append(path: str | Path) -> None:
    """Refuse a ledger that could not be appended to before anything else is done (before
    a class's clocks move): it is opened for appending as it will be, so it is made, empty,
    if it was not there; a refusal leaves neither it nor the folders made for it."""
    import shutil

    from casekit.scenarios.pack import first_missing

    path = Path(path)
    top = first_missing(path.parent)
    made = not (path.exists() or path.is_symlink())
    try:
        with appending(path, "witness-ledger"):
            pass
        if path.stat().st_size:
            read_ledger(path)
    except BaseException:
        if top is not None:
            shutil.rmtree(top, ignore_errors=True)
        elif made:
            with contextlib.suppress(OSError):  # a name too long was never made
                path.unlink()
        raise


def _learner(ws: Any) -> tuple[str, str]:
    created = ws.created
    name = ""
    for event in ws.events(kinds=["learner_details_recorded"]):
        name = str((event.personal or {}).get("name") or name)
    return str(created.data.get("learner") or ""), name


def witness(
    paths: Iterable[str | Path], ledger: str | Path, *, now: datetime | None = None
) -> list[WitnessResult]:
    """Append each workspace's head to ``ledger``. A workspace that cannot be opened or
    whose chain does not verify is named and not witnessed; the rest are."""
    from casekit.record.workspace import Workspace

    ledger = Path(ledger)
    when = (now or datetime.now(UTC)).astimezone(UTC).isoformat(timespec="seconds")
    results: list[WitnessResult] = []
    with appending(ledger, "witness-ledger") as handle:
        entries = read_ledger(ledger) if ledger.stat().st_size else []
        prev = entries[-1].hash if entries else GENESIS
        n = len(entries)
        lines = []
        for path in map(Path, paths):
            try:
                with Workspace.open(path) as ws:
                    problems = ws.verify()
                    if problems:
                        results.append(
                            WitnessResult(
                                path,
                                problem=f"its log does not verify ({problems[0]}): not witnessed",
                            )
                        )
                        continue
                    seq, head = ws.log.head()
                    learner, name = _learner(ws)
                    workspace_id = ws.id
            except CasekitError as err:
                results.append(WitnessResult(path, problem=err.message))
                continue
            n += 1
            entry = {
                "v": VERSION,
                "n": n,
                "witnessed_at": when,
                "workspace_id": workspace_id,
                "learner": learner,
                "name": name,
                "seq": seq,
                "head": head,
                "prev": prev,
            }
            entry["hash"] = prev = entry_hash(entry)
            lines.append(canonical(entry) + "\n")
            results.append(
                WitnessResult(
                    path, Witnessed(n, when, workspace_id, learner, name, seq, head, prev)
                )
            )
        handle.write("".join(lines).encode("utf-8"))
        handle.flush()
        os.fsync(handle.fileno())
    return results


GENERIC_LEARNER = ("", "learner")  # the id a workspace gets when none is given


def check_pack(
    entries: list[Witnessed],
    workspace_id: str,
    learner: str,
    hashes: dict[int, str],
    name: str = "",
) -> WitnessCheck:
    """Whether a pack's log (``hashes``: each sequence number's hash) holds every head
    witnessed for its workspace, naming the first witnessed point it contradicts. A pack
    whose workspace was never witnessed fails; if its learner (by id, or by name) was
    witnessed in another workspace, the result says which."""
    from casekit.evidence.keys import same_person

    mine = [e for e in entries if e.workspace_id == workspace_id]
    last = max(hashes, default=0)
    if not mine:
        elsewhere = [
            e
            for e in entries
            if (learner not in GENERIC_LEARNER and e.learner == learner)
            or (name and e.name and same_person(e.name, name))
        ]
        if elsewhere:
            who = learner if learner not in GENERIC_LEARNER else name
            return WitnessCheck(
                False,
                f"learner {who} was witnessed in workspace {elsewhere[-1].workspace_id} "
                f"on {elsewhere[-1].when}, not in this pack's workspace {workspace_id}",
            )
        return WitnessCheck(
            False, f"never witnessed: the ledger has nothing for workspace {workspace_id}"
        )
    for e in mine:
        if e.seq > last:
            return WitnessCheck(
                False,
                f"the log ends at event {last}, but event {e.seq} was witnessed on {e.when}: "
                "events were removed since",
            )
        if hashes.get(e.seq) != e.head:
            return WitnessCheck(
                False,
                f"event {e.seq} is not the event witnessed on {e.when}: the log was "
                "rewritten at or before it",
            )
    top = max(mine, key=lambda e: (e.seq, e.n))
    return WitnessCheck(
        True,
        f"matches the tutor's ledger ({len(mine)} witnessed point(s), the latest "
        f"event {top.seq} on {top.when})",
        len(mine),
    )
