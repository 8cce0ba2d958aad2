"""What the classroom service does, without the web: advance and witness the whole class,
take a learner's pack (their own only), and list, hand over and review what was sent.

The service calls these with the caller's hub identity already checked; every function
here works on the plan's folders, so it is tested in plain pytest.
"""

from __future__ import annotations

import os
import pwd
import tempfile
import threading
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from casekit.errors import CasekitError
from casekit.hub.plan import HOME_FOLDER, HubLearner, Plan

MAX_PACK_BYTES = 64 * 1024 * 1024
_LOCK = threading.Lock()  # one classroom step at a time: two tutors never interleave


@dataclass(frozen=True)
class Seat:
    """A learner and their workspace (None until their server first started)."""

    learner: HubLearner
    workspace: Path | None


def workspace_of(plan: Plan, learner: HubLearner) -> Path | None:
    """Where the pre-spawn hook put the learner's workspace, if it did."""
    from casekit.api import is_workspace

    if plan.home_template:
        home = Path(plan.home_template.format(username=learner.user))
    else:
        try:
            home = Path(pwd.getpwnam(plan.account(learner.user)).pw_dir)
        except KeyError:
            return None
    workspace = home / HOME_FOLDER / "workspace"
    return workspace if is_workspace(workspace) else None


def seats(plan: Plan, *, locate: Any = workspace_of) -> list[Seat]:
    """Every learner of the class with their workspace, in roster order."""
    return [Seat(x, locate(plan, x)) for x in plan.learners]


def advance(plan: Plan, days: int, *, locate: Any = workspace_of) -> dict[str, Any]:
    """Advance every started workspace by ``days`` and witness each into the ledger."""
    from casekit.api import advance_class, delivery_label

    with _LOCK:
        found = seats(plan, locate=locate)
        started = [s for s in found if s.workspace is not None]
        moved = advance_class([s.workspace for s in started], days, ledger=plan.ledger)
    rows = []
    by_path = {r.path: r for r in moved}
    for seat in found:
        row: dict[str, Any] = {"learner": seat.learner.learner_id, "user": seat.learner.user}
        result = by_path.get(seat.workspace) if seat.workspace else None
        if result is None:
            row.update(ok=False, problem="not started yet (has not logged in)")
        elif result.problem is not None:
            row.update(ok=False, problem=str(result.problem))
        else:
            row.update(
                ok=True,
                now=f"{result.end:%Y-%m-%d}",
                arrived=[delivery_label(e) for e in result.delivered],
                witnessed=result.witnessed.seq if result.witnessed else None,
                problem=result.witness_problem,
            )
        rows.append(row)
    done = sum(1 for r in rows if r["ok"])
    return {"days": days, "advanced": done, "learners": len(rows), "rows": rows}


def witness(plan: Plan, *, locate: Any = workspace_of) -> dict[str, Any]:
    """Record every started workspace's chain head in the tutor's ledger."""
    from casekit.api import witness as record

    with _LOCK:
        found = seats(plan, locate=locate)
        started = [s for s in found if s.workspace is not None]
        results = {r.path: r for r in record([s.workspace for s in started], plan.ledger)}
    rows = []
    for seat in found:
        row: dict[str, Any] = {"learner": seat.learner.learner_id, "user": seat.learner.user}
        result = results.get(seat.workspace) if seat.workspace else None
        if result is None:
            row.update(ok=False, problem="not started yet (has not logged in)")
        elif result.entry is None:
            row.update(ok=False, problem=result.problem)
        else:
            row.update(ok=True, seq=result.entry.seq, head=result.entry.head)
        rows.append(row)
    return {"witnessed": sum(1 for r in rows if r["ok"]), "learners": len(rows), "rows": rows}


def receive(plan: Plan, user: str, data: bytes, *, locate: Any = workspace_of) -> dict[str, Any]:
    """Take a pack a learner sent: it must be theirs (their roster id and their workspace),
    and it must verify. Kept as ``tutor/collected/<learner_id>.zip``, replacing an older one.
    """
    from casekit.api import open_workspace, verify_pack

    learner = plan.learner(user)
    if learner is None:
        raise CasekitError("Only a learner of this class can send a pack.", field="pack", advice="")
    if not data or len(data) > MAX_PACK_BYTES:
        raise CasekitError(
            f"The pack sent is {len(data):,} bytes; it must be a zip of at most "
            f"{MAX_PACK_BYTES:,}.",
            field="pack",
            advice="Export your pack again and send it.",
        )
    plan.collected.mkdir(parents=True, exist_ok=True)
    handle, name = tempfile.mkstemp(prefix=".incoming-", suffix=".zip", dir=plan.collected)
    tmp = Path(name)
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
        check = verify_pack(tmp, witness=plan.ledger if plan.ledger.is_file() else None)
        manifest = check.manifest or {}
        sent_by = str(manifest.get("learner", {}).get("learner_id", ""))
        workspace = locate(plan, learner)
        mine = ""
        if workspace is not None:
            with open_workspace(workspace) as ws:
                mine = ws.id
        if sent_by != learner.learner_id or manifest.get("workspace_id") != mine:
            raise CasekitError(
                "This pack is not from your own workspace, so it was not taken.",
                field="pack",
                advice="Send the pack exported from your own workspace on this hub.",
            )
        if not check.intact:
            raise CasekitError(
                f"The pack did not pass its check: {check.text()}",
                field="pack",
                advice="Export your pack again (do not change its files) and send it.",
            )
        target = plan.collected / f"{learner.learner_id}.zip"
        os.replace(tmp, target)
    finally:
        tmp.unlink(missing_ok=True)
    return {
        "learner": learner.learner_id,
        "received": datetime.now(UTC).isoformat(timespec="seconds"),
        "events": check.events,
        "check": check.text(),
        "witness": check.witness_status if plan.ledger.is_file() else "no ledger yet",
    }


def collected(plan: Plan) -> list[dict[str, Any]]:
    """The packs sent so far: learner, file name and size."""
    ids = {x.learner_id for x in plan.learners}
    found = []
    for path in sorted(plan.collected.glob("*.zip")) if plan.collected.is_dir() else []:
        if path.stem in ids:
            found.append({"learner": path.stem, "file": path.name, "bytes": path.stat().st_size})
    return found


def collected_file(plan: Plan, name: str) -> Path:
    """One sent pack by file name (only names the service itself wrote)."""
    for entry in collected(plan):
        if entry["file"] == name:
            return plan.collected / name
    raise CasekitError(f"No pack called {name} has been sent.", field="pack")


def review(plan: Plan) -> dict[str, Any]:
    """The collected packs reviewed against the tutor's witness ledger."""
    from casekit.api import review as rows_for
    from casekit.api import review_failed

    packs = [plan.collected / e["file"] for e in collected(plan)]
    ledger = plan.ledger if plan.ledger.is_file() else None
    rows, columns = rows_for(packs, witness=ledger)
    clean = [{k: ("" if v is None else v) for k, v in row.items()} for row in rows]
    for row, original in zip(clean, rows, strict=True):
        row["needs_attention"] = review_failed(original)
    return {"rows": clean, "columns": columns, "ledger": bool(ledger)}
