"""Intake: logging an enquiry as a case, and linking a case to the one it repeats.

``receive_enquiry`` is four steps, each a function of its own: check what the learner
typed, notice a ward or tier problem, notice a likely duplicate (open here, or held by
another member or the MP, from the casework log that came with the enquiry), and split the
event into what the chain keeps and the personal values retention can erase.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from casekit import inputs
from casekit.casework.base import CaseworkBase, Notice
from casekit.casework.duplicates import held_elsewhere
from casekit.errors import CasekitError
from casekit.inputs.dates import uk_datetime
from casekit.inputs.names import name_key
from casekit.record.log import Event
from casekit.record.projection import Case, ClockOps, State, build_clocks
from casekit.rules.vocabulary import (
    CASE_KINDS,
    CATEGORIES,
    CHANNELS,
    TITLES,
    Council,
    normalise_postcode,
)


@dataclass(frozen=True)
class IntakeResult:
    case_ref: str
    event: Event
    notices: list[Notice] = field(default_factory=list)


@dataclass(frozen=True)
class Enquirer:
    """The constituent's details as checked at intake."""

    title: str
    name: str
    address: str
    postcode: str
    email: str
    phone: str

    def as_dict(self) -> dict[str, str]:
        return {
            "title": self.title,
            "name": self.name,
            "address": self.address,
            "postcode": self.postcode,
            "email": self.email,
            "phone": self.phone,
        }


def check_constituent(constituent: Any) -> Enquirer:
    """The constituent's details, each checked and cleaned, or a refusal naming the field."""
    if not isinstance(constituent, dict):
        raise CasekitError(
            "constituent must be a record of name, address, postcode, email and phone.",
            field="constituent",
        )
    name = inputs.text(constituent.get("name"), "constituent name", limit=200)
    postcode_raw = inputs.text(constituent.get("postcode"), "postcode", required=False, limit=10)
    postcode = normalise_postcode(postcode_raw) if postcode_raw else ""
    if postcode_raw and postcode is None:
        raise CasekitError(
            f"postcode '{postcode_raw}' is not a UK postcode (e.g. LE11 3AB).", field="postcode"
        )
    email = inputs.text(constituent.get("email"), "email", required=False, limit=200)
    if email and not inputs.EMAIL.match(email):
        raise CasekitError(f"email '{email}' is not an email address.", field="email")
    phone = inputs.text(constituent.get("phone"), "phone", required=False, limit=30)
    if phone and not inputs.UK_PHONE.match(phone):
        raise CasekitError(f"phone '{phone}' is not a UK phone number.", field="phone")
    address = inputs.text(constituent.get("address"), "address", required=False, limit=500)
    title = inputs.text(constituent.get("title"), "title", required=False, limit=10)
    if title not in TITLES:
        raise CasekitError(
            f"title '{title}' is not one of: {', '.join(TITLES[1:])}.", field="title"
        )
    return Enquirer(title, name, address, postcode or "", email, phone)


def check_subject(on_behalf_of: Any) -> dict[str, str] | None:
    """The person the enquiry is about, when someone else raised it."""
    if on_behalf_of is not None and not isinstance(on_behalf_of, dict):
        raise CasekitError(
            "the person the enquiry is about must be a record of name and relationship.",
            field="on behalf of",
        )
    if not on_behalf_of or not any(str(v).strip() for v in on_behalf_of.values()):
        return None
    return {
        "name": inputs.text(on_behalf_of.get("name"), "name of the person it is about", limit=200),
        "relationship": inputs.text(
            on_behalf_of.get("relationship"), "relationship", required=False, limit=100
        ),
    }


def duplicate_candidates(state: State, who: Enquirer, category: str) -> list[Case]:
    """Open cases that look like the same person, or the same problem at the same address."""
    # Names and addresses compare by meaning: case, spacing, invisible characters,
    # full-width forms and look-alike letters do not make a different person.
    name, address = name_key(who.name), name_key(who.address)
    found = []
    for other in state.open_cases():
        same_person = name_key(other.constituent.get("name", "")) == name and (
            not who.postcode or other.constituent.get("postcode") == who.postcode
        )
        same_problem = (
            who.postcode
            and other.category == category
            and other.constituent.get("postcode") == who.postcode
            and name_key(other.constituent.get("address", "")) == address
        )
        if same_person or same_problem:
            found.append(other)
    return found


def split_warnings(notices: list[Notice], postcode: str) -> tuple[list[dict], list[dict]]:
    """(kept, full): a notice can quote the postcode (not-in-ward), so the full wording goes
    with the personal values and the chain keeps it with the postcode withheld; retention
    erasure then leaves no personal value behind."""
    full = [n.as_dict() for n in notices]
    kept = [
        {k: v.replace(postcode, "[postcode]") if postcode else v for k, v in notice.items()}
        for notice in full
    ]
    return kept, full


class IntakeActions(CaseworkBase):
    """Logging enquiries as cases."""

    def _check_clocks_start(
        self, case_kind: str, category: str, channel: str, when: datetime
    ) -> None:
        """Compute the new case's clocks as the projection will, so a receipt date the
        working-day calendars cannot count from is refused now, not on every later read."""
        at = when.isoformat(timespec="minutes")
        probe = Case(
            ref="",
            kind=case_kind,
            category=category,
            member_id="",
            ward_id="",
            channel=channel,
            received_at=at,
            constituent={},
            enquiry="",
        )
        probe.clock_ops = {c: ClockOps(c, at, role=c) for c in ("acknowledge", "respond")}
        if case_kind in self.profile.statutory:
            probe.clock_ops[case_kind] = ClockOps(case_kind, at)
        build_clocks(self.profile, probe)

    def _place_notices(
        self, council: Council, member_id: str, who: Enquirer, category: str
    ) -> tuple[str, list[Notice]]:
        """The member's ward, and notices when the constituent lives outside it or the
        matter belongs to another tier of local government."""
        if not isinstance(member_id, str) or member_id not in council.members:
            raise CasekitError(
                f"member '{member_id}' is not a councillor of {council.name}.",
                field="member",
                advice="Choose the councillor from the list.",
            )
        member = council.members[member_id]
        ward_id = member.wards[0] if member.wards else ""
        notices = []
        wards = [council.wards[w] for w in member.wards if w in council.wards]
        if who.postcode and wards and not any(w.contains(who.postcode) for w in wards):
            notices.append(
                self._notice(
                    "not-in-ward",
                    postcode=who.postcode,
                    ward=" / ".join(w.name for w in wards),
                    member=member.name,
                )
            )
        owner = self.profile.tier_of(category)
        if not council.owns(category, owner):
            notices.append(
                self._notice("wrong-tier", category=CATEGORIES[category], owner=owner or "other")
            )
        return ward_id, notices

    def _duplicate_notices(
        self, state: State, who: Enquirer, category: str, item: Event | None, member_id: str
    ) -> list[Notice]:
        """A likely duplicate open here, or held elsewhere (another member's or the MP's
        case in the casework log that came with the enquiry)."""
        council = state.council
        member = council.members.get(member_id) if council else None
        records = item.get("records") if item is not None else None
        notices = [
            self._notice("possible-duplicate", other=held.label)
            for held in held_elsewhere(records, member.name if member else "")
        ]
        for other in duplicate_candidates(state, who, category):
            whose = ""
            if council and other.member_id in council.members:
                whose = f" with {council.members[other.member_id].name}"
            notices.append(
                self._notice(
                    "possible-duplicate",
                    other=f"{other.ref} ({CATEGORIES.get(other.category, other.category)}"
                    f"{whose}, received {other.received_at[:10]})",
                )
            )
        return notices

    @staticmethod
    def _check_inbox_item(state: State, inbox_item: str | None) -> None:
        if inbox_item is None:
            return
        if str(inbox_item) not in state.inbox:
            raise CasekitError(f"inbox item '{inbox_item}' has not arrived.", field="inbox item")
        if any(c.inbox_item == str(inbox_item) for c in state.cases.values()):
            raise CasekitError(
                f"inbox item '{inbox_item}' is already logged as a case.",
                field="inbox item",
                advice="Open the existing case instead.",
            )

    def receive_enquiry(
        self,
        *,
        constituent: dict[str, Any],
        enquiry: str,
        category: str,
        case_kind: str = "member_enquiry",
        channel: str = "email",
        member_id: str = "",
        received_at: Any = None,
        on_behalf_of: dict[str, Any] | None = None,
        inbox_item: str | None = None,
    ) -> IntakeResult:
        """Log a new case. Warns (does not refuse) about a likely duplicate, a constituent
        outside the member's ward, or a matter for another tier, so the learner decides."""
        who = check_constituent(constituent)
        subject = check_subject(on_behalf_of)
        enquiry = inputs.text(enquiry, "enquiry")
        inputs.choice(category, "category", CATEGORIES)
        inputs.choice(case_kind, "case kind", CASE_KINDS)
        inputs.choice(channel, "channel", CHANNELS)
        with self.ws.transaction():
            state = self.ws.state()
            # Received when it was in the UK: 23:30 UTC on 30 June is 1 July (Europe/London).
            when = uk_datetime(
                inputs.as_datetime(received_at, "received at") if received_at else self.ws.now
            )
            self._check_clocks_start(case_kind, category, channel, when)
            ward_id, notices = "", []
            if state.council is not None:
                ward_id, notices = self._place_notices(state.council, member_id, who, category)
            self._check_inbox_item(state, inbox_item)
            item = state.inbox[str(inbox_item)] if inbox_item is not None else None
            notices += self._duplicate_notices(state, who, category, item, member_id)
            ref = state.next_ref()
            kept, full = split_warnings(notices, who.postcode)
            event = self.ws.append(
                "enquiry_received",
                {
                    "case_kind": case_kind,
                    "category": category,
                    "channel": channel,
                    "member_id": member_id,
                    "ward_id": ward_id,
                    "received_at": when.isoformat(timespec="minutes"),
                    "inbox_item": str(inbox_item) if inbox_item is not None else None,
                    "pack_case": item.data.get("pack_case") if item else None,
                    "source": "pack" if item else "entered",
                    "on_behalf": subject is not None,
                    "warnings": kept,
                },
                case=ref,
                personal={
                    "constituent": who.as_dict(),
                    "enquiry": enquiry,
                    "on_behalf_of": subject,
                    "warnings": full,
                },
            )
        return IntakeResult(ref, event, notices)

    def link_duplicate(self, case_ref: str, other: str, reason: str) -> Event:
        """Link a case to the one it repeats: another case here (``CK-0003``) or a
        reference elsewhere (a council record, another member's or the MP's case)."""
        reason = inputs.text(reason, "reason")
        other = inputs.text(other, "other case or reference", limit=200)
        with self.ws.transaction():
            state = self.ws.state()
            self._case(state, case_ref)
            if other == case_ref:
                raise CasekitError("A case cannot duplicate itself.", field="other case")
            if re.fullmatch(r"CK-\d{4}", other):
                self._case(state, other, open_only=False)
            return self.ws.append(
                "duplicate_linked", {"other": other, "reason": reason}, case=case_ref
            )
