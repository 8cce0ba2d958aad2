"""Retention: when the profile's period after closure runs out, personal data goes.

The controller's policy sets the period (UK GDPR art. 5(1)(e): no fixed period in law), and
expiry means anonymise: one ``personal_data_erased`` event records which events lost their
personal values and under which policy, then the values are deleted. Each event keeps the
digest of its values, so the hash chain still verifies and the audit trail shows that data
was removed, not what it was.
"""

from __future__ import annotations

from typing import Any

from casekit import inputs
from casekit.record.log import Event
from casekit.record.projection import ERASED, as_date
from casekit.record.workspace import Workspace


def anonymise_expired(ws: Workspace, today: Any = None) -> Event | None:
    """Erase personal values of cases closed at least the retention period before
    ``today`` (default: the workspace's clock). Returns the erasure event, or None when
    nothing has expired."""
    policy = ws.profile.retention
    days = policy.anonymise_after_closure_days
    with ws.transaction():
        state = ws.state()
        on = inputs.as_day(today, "today") if today else ws.now.date()
        expired = {
            c.ref
            for c in state.cases.values()
            if c.status == "closed"
            and c.closed_at
            and (on - as_date(c.closed_at)).days >= days
            and c.constituent.get("name") != ERASED
        }
        if not expired:
            return None
        seqs = [e.seq for e in ws.events() if e.case in expired and e.personal]
        event = ws.append(
            "personal_data_erased",
            {"cases": sorted(expired), "seqs": seqs, "policy_days": days, "source": policy.source},
            actor="system",
        )
        ws.log.erase_personal(seqs)
        ws.forget_projection()  # the projection held the erased values
        return event
