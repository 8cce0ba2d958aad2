"""Loading a learner's pack into a workspace: the council, the pack record, day 0's inbox.

``casekit new WORKSPACE --pack PACK.json`` calls :func:`load_pack`. The pack copy kept in
the workspace (``pack.json``) is the learner's pack only; answer keys are refused.
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import TYPE_CHECKING

from casekit.errors import CasekitError
from casekit.record.log import Event
from casekit.scenarios.pack import pack_from_bytes, read_bytes
from casekit.scenarios.simclock import ACTOR, deliver_due

if TYPE_CHECKING:
    from casekit.record.workspace import Workspace


def load_pack(ws: Workspace, pack_path: str | Path) -> list[Event]:
    """Load ``pack_path`` into ``ws`` and deliver the items due on day 0.

    Returns the events appended. Refuses a second pack, an invalid pack or an answer key,
    writing nothing.
    """
    pack_path = Path(pack_path)
    raw = read_bytes(pack_path, "pack")
    pack = pack_from_bytes(raw, pack_path)
    with ws.transaction():
        if ws.events(kinds=["pack_loaded"]):
            raise CasekitError(
                f"The workspace at {ws.path} already has a scenario pack loaded.",
                field="pack",
                advice="Make a new workspace for another pack.",
            )
        start = ws.now.isoformat(timespec="minutes")
        same_file = ws.pack_path.exists() and ws.pack_path.resolve() == pack_path.resolve()
        if not same_file:
            ws.pack_path.write_bytes(raw)
        try:
            events = [
                ws.append("council_defined", pack["council"], actor=ACTOR, at=start),
                ws.append(
                    "pack_loaded",
                    {
                        "pack_id": pack["pack_id"],
                        "seed": pack["seed"],
                        "learner": pack["learner"],
                        "difficulty": pack["difficulty"],
                        "schema_version": pack["schema_version"],
                        "protocol_profile": pack["protocol_profile"],
                        "sha256": hashlib.sha256(raw).hexdigest(),
                        "pre_election": pack["pre_election"],
                        "cases": len(pack["cases"]),
                    },
                    actor=ACTOR,
                    at=start,
                ),
            ]
            events += deliver_due(ws, pack, 0)
        except BaseException:
            if not same_file:  # the copy is ours to remove; the learner's own file is not
                ws.pack_path.unlink(missing_ok=True)
            raise
    return events
