"""Stable pseudonyms for packs made from real data.

A workspace that holds real constituents (not a synthetic scenario pack) must not send
their names, addresses, emails or phone numbers out in an evidence pack. Every person gets
a stable label ("Constituent A", "Person B") in order of first appearance in the log, so
the same person reads the same throughout the pack, and free text is scrubbed of every
known value and of anything shaped like an email address or a UK phone number.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from casekit.evidence.config import settings
from casekit.inputs.phones import PhoneFinder
from casekit.record.log import Event

EMAIL = re.compile(r"[^@\s<>\"']+@[^@\s<>\"']+\.[A-Za-z]{2,}")
# UK numbers in every written form ("(0113) 496 0155", "+44 (0)113 496 0155"), found in
# linear time; ``PHONE.sub`` and ``PHONE.finditer`` work as on a compiled pattern.
PHONE = PhoneFinder()
POSTCODE = re.compile(r"\b([A-Z]{1,2}\d[A-Z\d]?)\s*\d[A-Z]{2}\b", re.IGNORECASE)
# The learner's own name stays: it is on the front sheet and signs the declaration.
OWN_DETAILS = ("learner_details_recorded", "declaration_signed")


def needs_pseudonyms(events: Iterable[Event]) -> bool:
    """True when the log is not wholly synthetic: the workspace says so, or a case was
    typed in rather than delivered from a scenario pack."""
    for event in events:
        if event.kind == "workspace_created" and not event.data.get("synthetic", False):
            return True
        if event.kind == "enquiry_received" and event.data.get("source", "entered") != "pack":
            return True
    return False


def _letters(n: int) -> str:
    out = ""
    n += 1
    while n:
        n, rem = divmod(n - 1, 26)
        out = chr(65 + rem) + out
    return out


class Pseudonymiser:
    """Learns the people in a log, then rewrites values and text consistently."""

    def __init__(self) -> None:
        conf = settings()["pseudonyms"]
        self.conf = conf
        self.name_fields = set(conf["name_fields"])
        self.people: dict[str, str] = {}  # casefolded real name -> pseudonym
        self.values: dict[str, str] = {}  # any real value -> its replacement
        self._counts = {"constituent": 0, "person": 0}
        self._pattern: re.Pattern[str] | None = None
        self._pattern_for = -1
        self._folded: dict[str, str] = {}
        self._given: set[str] = set()

    # -- learning ---------------------------------------------------------------------
    def _label(self, real: str, role: str, *, surname: bool = False) -> str:
        key = real.strip().casefold()
        if not key:
            return real
        if key not in self.people:
            label = self.conf[role].format(letter=_letters(self._counts[role]))
            self._counts[role] += 1
            self.people[key] = label
            self.values[real.strip()] = label
        parts = re.split(r"\s+", real.strip())
        if surname and len(parts) >= 2 and len(parts[-1]) >= 4:
            # "Mrs Okafor" in a letter is still that person
            self.values.setdefault(parts[-1], self.people[key])
        return self.people[key]

    def learn(self, events: Iterable[Event]) -> None:
        for event in events:
            if event.kind in OWN_DETAILS or not event.personal:
                continue
            p = event.personal
            person = p.get("constituent")
            if isinstance(person, dict):
                label = self._label(str(person.get("name", "")), "constituent", surname=True)
                self._learn_contact(person, label)
            subject = p.get("on_behalf_of")
            if isinstance(subject, dict) and subject.get("name"):
                self._label(str(subject["name"]), "person", surname=True)
            for key in self.name_fields:
                value = p.get(key)
                if isinstance(value, str) and value.strip():
                    self._label(value, "person")

    def _learn_contact(self, person: dict[str, Any], label: str) -> None:
        slug = re.sub(r"[^a-z0-9]+", ".", label.lower()).strip(".")
        email = str(person.get("email") or "").strip()
        if email:
            self.values.setdefault(email, self.conf["email"].format(label_slug=slug))
        phone = str(person.get("phone") or "").strip()
        if phone:
            number = len(self.values) % 10000
            self.values.setdefault(phone, self.conf["phone"].format(number=number))
        address = str(person.get("address") or "").strip()
        if address:
            self.values[address] = self.conf["address"]

    # -- rewriting --------------------------------------------------------------------
    def sensitive(self) -> list[str]:
        """Every real value learnt, longest first (so whole names go before surnames)."""
        return sorted(self.values, key=lambda v: (-len(v), v))

    def _known(self) -> re.Pattern[str] | None:
        """One pattern for every learnt value (longest first), rebuilt when more are learnt,
        so scrubbing is one pass however many people the log holds."""
        if self._pattern_for != len(self.values):
            self._folded = {real.casefold(): label for real, label in self.values.items()}
            alternatives = "|".join(re.escape(v) for v in self.sensitive())
            self._pattern = (
                re.compile(r"(?<!\w)(?:" + alternatives + r")(?!\w)", re.IGNORECASE)
                if alternatives
                else None
            )
            self._pattern_for = len(self.values)
            self._given = set(self.values.values())  # pseudonyms are not scrubbed again
        return self._pattern

    def scrub(self, text: str) -> str:
        """Free text with every known value, email, phone and full postcode replaced."""
        pattern = self._known()
        if pattern is not None:
            text = pattern.sub(
                lambda m: self._folded.get(m.group(0).casefold(), "[withheld]"), text
            )
        withheld = self.conf["email"].format(label_slug="withheld")
        text = EMAIL.sub(lambda m: m.group(0) if m.group(0) in self._given else withheld, text)
        text = PHONE.sub(
            lambda m: m.group(0) if m.group(0).strip() in self._given else "[phone withheld]",
            text,
        )
        return POSTCODE.sub(lambda m: m.group(1).upper(), text)

    def value(self, key: str, value: Any) -> Any:
        if isinstance(value, str):
            if key in self.name_fields and value.strip():
                return self.people.get(value.strip().casefold(), self.scrub(value))
            if key == "postcode":
                return self.scrub(value).split(" ")[0] if value else value
            if key == "address" and value.strip():
                return self.conf["address"]
            return self.scrub(value)
        if isinstance(value, dict):
            return {k: self.value(k, v) for k, v in value.items()}
        if isinstance(value, list):
            return [self.value(key, v) for v in value]
        return value

    def event(self, event: Event) -> Event:
        """The event as the pack shows it: personal values and data text pseudonymised."""
        if event.kind in OWN_DETAILS:
            return event
        personal = self.value("", event.personal) if event.personal else event.personal
        return Event(
            seq=event.seq,
            at=event.at,
            kind=event.kind,
            case=event.case,
            actor=event.actor,
            data=self.value("", event.data),
            personal=personal,
            hash=event.hash,
            prev=event.prev,
            erased=event.erased,
        )

    def reveals(self, text: str) -> bool:
        """Whether text still holds a real value (used to seal exported log rows)."""
        pattern = self._known()
        if pattern is not None and pattern.search(text):
            return True
        return any(
            m.group(0).strip() not in self._given
            for regex in (EMAIL, PHONE)
            for m in regex.finditer(text)
        )


def pseudonymise(events: list[Event]) -> tuple[list[Event], Pseudonymiser]:
    """The events with stable pseudonyms, and the pseudonymiser (for other text)."""
    p = Pseudonymiser()
    p.learn(events)
    return [p.event(e) for e in events], p
