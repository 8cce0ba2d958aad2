"""Statutory responses and the complaints procedure's second stage.

Only a statutory response stops an FOI, EIR or subject access clock: the information
given, a refusal notice naming the exemption (or exception), a partial refusal, a
"not held" answer, or the SAR copy (FOIA 2000 s1 and s17; EIR 2004 reg. 5 and 14; UK GDPR
art. 15). A casework reply on the underlying problem never does. A complaint the
complainant is still unhappy with after stage 1 moves to stage 2, with its own clocks
(LGSCO Complaint Handling Code).
"""

from __future__ import annotations

from typing import Any

from casekit import inputs
from casekit.casework.base import CaseworkBase
from casekit.errors import CasekitError
from casekit.inputs.dates import uk_date, uk_datetime
from casekit.record.log import Event
from casekit.rules.vocabulary import (
    CHANNELS,
    NEEDS_EXEMPTION,
    OUTCOMES_FOR,
    STATUTORY_OUTCOMES,
)


class StatutoryActions(CaseworkBase):
    def send_statutory_response(
        self,
        case_ref: str,
        clock: str,
        *,
        outcome: str,
        exemptions: str = "",
        channel: str = "email",
        text: str = "",
    ) -> Event:
        """Send the statutory response to the request whose clock is ``clock``.

        ``outcome`` is one of ``information_given``, ``refused``, ``partly_refused``,
        ``not_held`` or (subject access) ``sar_copy``; a refusal names its exemption in
        ``exemptions``. It stops the clock: met on or before the due date, else missed.
        """
        inputs.choice(outcome, "outcome", STATUTORY_OUTCOMES)
        inputs.choice(channel, "channel", CHANNELS)
        exemptions = inputs.text(exemptions, "exemption", required=False, limit=500)
        text = inputs.text(text, "response text", required=False)
        with self.ws.transaction():
            state = self.ws.state()
            case = self._case(state, case_ref, open_only=False)
            clocks = state.clocks(case)
            ops = case.clock_ops.get(clock) if isinstance(clock, str) else None
            if ops is None or ops.role or clock not in clocks:
                statutory = [c for c, o in case.clock_ops.items() if not o.role]
                raise CasekitError(
                    f"There is no statutory clock '{clock}' on {case_ref}.",
                    field="clock",
                    advice=(
                        f"Choose one of: {', '.join(statutory)}."
                        if statutory
                        else "Start the request's clock first (FOI, EIR or subject access)."
                    ),
                )
            current = clocks[clock]
            if current.status in ("met", "missed"):
                raise CasekitError(
                    f"The {current.label} has already had its statutory response "
                    f"({current.status}).",
                    rule="clock-state",
                    source=current.source,
                    field="clock",
                )
            allowed = OUTCOMES_FOR.get(clock, tuple(STATUTORY_OUTCOMES))
            if outcome not in allowed:
                raise CasekitError(
                    f"'{STATUTORY_OUTCOMES[outcome]}' is not a response to a {current.label}.",
                    rule="statutory-outcome",
                    source=current.source,
                    advice="Choose one of: "
                    + "; ".join(STATUTORY_OUTCOMES[o] for o in allowed)
                    + ".",
                    field="outcome",
                )
            if outcome in NEEDS_EXEMPTION and not exemptions:
                raise self._refuse("statutory-response-needs-exemption", field="exemption")
            today = uk_date(self.ws.now)
            return self.ws.append(
                "statutory_response_sent",
                {
                    "clock": clock,
                    "outcome": outcome,
                    "exemptions": exemptions,
                    "channel": channel,
                    "late": today > current.due,
                },
                case=case_ref,
                personal={"text": text},
            )

    def start_complaint_stage_two(
        self, case_ref: str, *, reason: str, received_at: Any = None
    ) -> Event:
        """Move a complaint to stage 2: the complainant is still dissatisfied after the
        stage 1 response. Stage 2 has its own acknowledgement and response clocks."""
        reason = inputs.text(reason, "reason", limit=1000)
        with self.ws.transaction():
            state = self.ws.state()
            case = self._case(state, case_ref)
            if case.kind != "complaint":
                raise CasekitError(
                    f"{case_ref} is not logged as a complaint.",
                    rule="stage2-needs-stage1",
                    source="LGSCO Complaint Handling Code",
                    advice="Only a complaint goes to stage 2 of the complaints procedure.",
                    field="case",
                )
            if case.stage == 2:
                raise CasekitError(f"{case_ref} is already at stage 2.", field="case")
            respond = state.clocks(case).get("respond")
            if respond is not None and respond.status not in ("met", "missed"):
                raise self._refuse("stage2-needs-stage1", case=case_ref, field="case")
            if "complaint_stage2" not in self.profile.service_levels:
                raise CasekitError(
                    "The protocol profile has no stage 2 for complaints.",
                    rule="profile-lookup",
                    advice="Add [service_levels.complaint_stage2] to the profile.",
                    field="case",
                )
            when = uk_datetime(
                inputs.as_datetime(received_at, "received at") if received_at else self.ws.now
            )
            return self.ws.append(
                "complaint_stage_two_started",
                {"received_at": when.isoformat(timespec="minutes")},
                case=case_ref,
                personal={"reason": reason},
            )
