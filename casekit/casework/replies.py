"""Replies and closure: holding replies, the reply itself, closing and reopening a case.

A reply goes out in the member's name only as the unchanged text of a draft the member
approved (the member/officer protocol; unit criterion AC3). It answers the underlying
problem and completes the case's service-level clocks; it never stops a statutory clock,
which only the statutory response does. A case with a statutory request in it cannot be
closed while either clock runs.
"""

from __future__ import annotations

from typing import Any

from casekit import inputs
from casekit.casework.base import CaseworkBase
from casekit.errors import CasekitError
from casekit.inputs.dates import uk_date
from casekit.record.log import Event
from casekit.rules.vocabulary import CHANNELS

OPEN = ("running", "stopped")


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
        """An interim update before a deadline is missed: the reason and a new date.

        Sent by the response deadline, the new date is what the dashboard then holds the
        case to ("holding reply sent, new date ..."); sent after it, the case stays overdue.
        """
        if not isinstance(reason, str) or not reason.strip() or not new_date:
            raise self._refuse("holding-reply-needs-date")
        when = inputs.as_day(new_date, "new date")
        today = uk_date(self.ws.now)
        if when <= today:
            raise CasekitError(
                f"new date {when} is not after today ({today}).",
                field="new date",
                advice="Give the date by which the constituent will hear again.",
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
    ) -> Event:
        """Send the reply: the unchanged text of a draft the member approved.

        Refused (writing nothing) with no draft, a draft never put to the member, one the
        member returned, or text that differs from what was approved; and while facts are
        unverified, unless a reason is recorded (the unit's LO2: information passed on
        must be current and accurate). A final reply completes the acknowledgement and
        response clocks, never a statutory clock.
        """
        from casekit.drafting.approval import approved_for_sending, text_digest

        text = inputs.text(text, "reply text")
        inputs.choice(channel, "channel", CHANNELS)
        unverified_reason = inputs.text(
            unverified_reason, "reason for replying before verifying", required=False, limit=1000
        )
        if not isinstance(final, bool):
            raise CasekitError("final must be true or false.", field="final")
        with self.ws.transaction():
            state = self.ws.state()
            case = self._case(state, case_ref)
            approval = approved_for_sending(self.profile, case, draft_id, text)
            unsettled = case.unsettled_facts()
            if unsettled and not unverified_reason:
                raise self._refuse(
                    "reply-needs-verified-facts",
                    facts="; ".join(f"{f.id} {f.statement}" for f in unsettled),
                )
            return self.ws.append(
                "reply_sent",
                {
                    "channel": channel,
                    "draft_id": draft_id,
                    "final": final,
                    "unverified": [f.id for f in unsettled],
                    "unverified_reason": unverified_reason,
                    "text_sha256": text_digest(text),
                    "approval_seq": approval.seq,
                },
                case=case_ref,
                personal={"text": text},
            )

    # -- closing ----------------------------------------------------------------------
    def close(self, case_ref: str, *, outcome: str, reason: str = "") -> Event:
        """Close a case. Refused while a statutory clock runs (unless the request was passed
        to the information governance team), and, in a case with a statutory request,
        while the response on the underlying problem is still due."""
        outcome = inputs.text(outcome, "outcome", limit=1000)
        reason = inputs.text(reason, "reason", required=False, limit=1000)
        with self.ws.transaction():
            state = self.ws.state()
            case = self._case(state, case_ref)
            clocks = state.clocks(case)
            statutory = [c for c, ops in case.clock_ops.items() if not ops.role]
            for clock_id in statutory:
                clock = clocks[clock_id]
                if clock.status in OPEN and not case.clock_ops[clock_id].passed_on:
                    raise self._refuse(
                        "close-with-open-clock",
                        clock=clock.label,
                        due=f"{clock.due:%a} {clock.due.day} {clock.due:%b %Y}",
                        clock_source=clock.source,
                    )
            if statutory:
                for clock_id, ops in case.clock_ops.items():
                    clock = clocks[clock_id]
                    if ops.role == "respond" and clock.status in OPEN:
                        raise self._refuse(
                            "close-with-open-enquiry",
                            clock=clock.label,
                            due=f"{clock.due:%a} {clock.due.day} {clock.due:%b %Y}",
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
