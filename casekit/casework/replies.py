"""Replies and closure: holding replies, the reply itself, closing and reopening a case."""

from __future__ import annotations

from typing import Any

from casekit import inputs
from casekit.casework.base import CaseworkBase
from casekit.errors import CasekitError
from casekit.record.log import Event
from casekit.rules.vocabulary import (
    CHANNELS,
    STATUTORY_CLOCKS,
)


class ReplyActions(CaseworkBase):
    def send_holding_reply(
        self,
        case_ref: str,
        *,
        reason: str,
        new_date: Any,
        channel: str = "email",
        text: str = "",
        to_member: bool = False,
    ) -> Event:
        """An interim update before a deadline is missed: the reason and a new date."""
        if not isinstance(reason, str) or not reason.strip() or not new_date:
            raise self._refuse("holding-reply-needs-date")
        when = inputs.as_day(new_date, "new date")
        if when <= self.ws.now.date():
            raise CasekitError(
                f"new date {when} is not after today ({self.ws.now.date()}).", field="new date"
            )
        inputs.choice(channel, "channel", CHANNELS)
        text = inputs.text(text, "holding reply text", required=False)
        with self.ws.transaction():
            self._case(self.ws.state(), case_ref)
            return self.ws.append(
                "holding_reply_sent",
                {
                    "reason": reason.strip(),
                    "new_date": when.isoformat(),
                    "channel": channel,
                    "to": "member" if to_member else "constituent",
                },
                case=case_ref,
                personal={"text": text},
            )

    def send_reply(
        self,
        case_ref: str,
        *,
        text: str,
        channel: str = "email",
        draft_id: str | None = None,
        unverified_reason: str = "",
        final: bool = True,
        completes: list[str] | None = None,
    ) -> Event:
        """Send the reply. Refused while facts are unverified, unless a reason is recorded
        (the unit's LO2: information passed on must be current and accurate)."""
        text = inputs.text(text, "reply text")
        inputs.choice(channel, "channel", CHANNELS)
        unverified_reason = inputs.text(
            unverified_reason, "reason for replying before verifying", required=False, limit=1000
        )
        if not isinstance(final, bool):
            raise CasekitError("final must be true or false.", field="final")
        if completes is not None and (
            not isinstance(completes, list | tuple)
            or not all(isinstance(c, str) for c in completes)
        ):
            raise CasekitError(
                "completes must be a list of clock names (foi, eir, sar).", field="completes"
            )
        with self.ws.transaction():
            state = self.ws.state()
            case = self._case(state, case_ref)
            if draft_id is not None and (
                not isinstance(draft_id, str) or draft_id not in case.drafts
            ):
                raise CasekitError(f"draft '{draft_id}' is not saved on {case_ref}.", field="draft")
            unsettled = case.unsettled_facts()
            if unsettled and not unverified_reason:
                raise self._refuse(
                    "reply-needs-verified-facts",
                    facts="; ".join(f"{f.id} {f.statement}" for f in unsettled),
                )
            running = [c for c in (completes or []) if c in case.clock_ops]
            if completes is None:
                running = [c for c in case.clock_ops if c in STATUTORY_CLOCKS]
            return self.ws.append(
                "reply_sent",
                {
                    "channel": channel,
                    "draft_id": draft_id,
                    "final": final,
                    "completes": running if final else [],
                    "unverified": [f.id for f in unsettled],
                    "unverified_reason": unverified_reason,
                },
                case=case_ref,
                personal={"text": text},
            )

    # -- closing ----------------------------------------------------------------------
    def close(self, case_ref: str, *, outcome: str, reason: str = "") -> Event:
        outcome = inputs.text(outcome, "outcome", limit=1000)
        reason = inputs.text(reason, "reason", required=False, limit=1000)
        with self.ws.transaction():
            state = self.ws.state()
            case = self._case(state, case_ref)
            clocks = state.clocks(case)
            for clock_id, ops in case.clock_ops.items():
                if clock_id not in STATUTORY_CLOCKS or ops.passed_on:
                    continue
                clock = clocks[clock_id]
                if clock.status not in ("met", "missed"):
                    raise self._refuse(
                        "close-with-open-clock",
                        clock=clock.label,
                        due=clock.due.isoformat(),
                        clock_source=clock.source,
                    )
            if not case.replies and not reason and not case.duplicate_of:
                raise self._refuse("close-without-reply")
            return self.ws.append(
                "case_closed", {"outcome": outcome, "reason": reason}, case=case_ref
            )

    def reopen(self, case_ref: str, *, reason: str) -> Event:
        reason = inputs.text(reason, "reason", limit=1000)
        with self.ws.transaction():
            case = self._case(self.ws.state(), case_ref, open_only=False)
            if case.status != "closed":
                raise CasekitError(f"{case_ref} is not closed.", field="case")
            return self.ws.append("case_reopened", {"reason": reason}, case=case_ref)
