"""The casework actions a learner takes, each one guarded and each one event.

:class:`Casework` is the API that notebooks' widgets and the command line call. Every
method reads the current state inside an IMMEDIATE transaction, applies the protocol's
guards, and appends exactly the events the action means. A guard that refuses raises
:class:`~casekit.errors.CasekitError` citing the rule from the protocol profile; because
the check and the append share one transaction, a refusal writes nothing. The actions are
grouped by step in modules of their own and joined here.
"""

from __future__ import annotations

from typing import Any

from casekit import inputs
from casekit.casework.base import Notice
from casekit.casework.clock_actions import ClockActions
from casekit.casework.contacts import ContactActions
from casekit.casework.intake import IntakeActions, IntakeResult
from casekit.casework.replies import ReplyActions
from casekit.casework.statutory import StatutoryActions
from casekit.casework.verification import VerificationActions
from casekit.record.log import Event

__all__ = ["Casework", "IntakeResult", "Notice"]


class Casework(
    IntakeActions,
    VerificationActions,
    ContactActions,
    ClockActions,
    StatutoryActions,
    ReplyActions,
):
    """The learner's actions on one workspace."""

    def record_learner_details(
        self, *, name: str, registration: str = "", centre: str = "", assessor: str = ""
    ) -> Event:
        name = inputs.text(name, "learner name", limit=200)
        registration = inputs.text(registration, "registration number", required=False, limit=50)
        centre = inputs.text(centre, "centre", required=False, limit=200)
        assessor = inputs.text(assessor, "assessor", required=False, limit=200)
        return self.ws.append(
            "learner_details_recorded",
            {"registration": registration, "centre": centre},
            personal={"name": name, "assessor": assessor},
        )

    # -- retention --------------------------------------------------------------------
    def anonymise_expired(self, today: Any = None) -> Event | None:
        """Erase personal values of cases closed longer ago than the retention period
        (see :func:`casekit.record.retention.anonymise_expired`)."""
        from casekit.record.retention import anonymise_expired

        return anonymise_expired(self.ws, today)
