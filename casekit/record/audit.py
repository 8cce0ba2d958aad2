"""One plain-English line per event: the audit trail as people read it.

The wording of each line is the kind's ``summary`` in the event catalogue.

Used by ``casekit log``, the monitoring screens and the evidence pack's ``audit.csv``.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from casekit.record.events import catalogue
from casekit.record.log import Event


def summarise(event: Event) -> str:
    """The event kind's one-line summary from the event catalogue, filled in."""
    return catalogue().summary(event.kind, event.data, event.personal or {})


def audit_rows(events: Iterable[Event]) -> list[dict[str, Any]]:
    return [
        {
            "seq": e.seq,
            "at": e.at,
            "case": e.case or "",
            "actor": e.actor,
            "kind": e.kind,
            "summary": summarise(e),
            "hash": e.hash,
        }
        for e in events
    ]
