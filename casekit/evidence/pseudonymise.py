"""Stable pseudonyms for packs made from real data.

A workspace that holds real constituents (not a synthetic scenario pack) must not send any
of their personal values out in an evidence pack. The pseudonymiser first *learns* every
identifying value the log holds (everything about a constituent or the person an enquiry
is about, the people named in contacts, consents and shares, and the identifying fields
of records: dates of birth, references, numbers), with the forms each takes in free text
(:mod:`casekit.evidence.personal_values`: first names alone, a street without its number,
a date written the British way, an identifier however spaced). Then every value in every
event is rewritten: people get a stable label ("Constituent A", "Person B") in order of
first appearance, so the same person reads the same throughout the pack; addresses,
dates and identifiers become "[withheld]"; and free text is scrubbed of every learnt
form and of anything shaped like an email address, a UK phone number, a full postcode or
a National Insurance number. The learner's own details stay: they sign the pack.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from casekit.evidence.config import settings
from casekit.evidence.personal_values import (
    address_parts,
    as_date,
    date_forms,
    flexible,
    name_parts,
)
from casekit.inputs.phones import PhoneFinder
from casekit.record.log import Event

EMAIL = re.compile(r"[^@\s<>\"']+@[^@\s<>\"']+\.[A-Za-z]{2,}")
# UK numbers in every written form ("(0113) 496 0155", "+44 (0)113 496 0155"), found in
# linear time; ``PHONE.sub`` and ``PHONE.finditer`` work as on a compiled pattern.
PHONE = PhoneFinder()
POSTCODE = re.compile(r"\b([A-Z]{1,2}\d[A-Z\d]?)\s*\d[A-Z]{2}\b", re.IGNORECASE)
NINO = re.compile(r"\b[A-CEGHJ-PR-TW-Z]{2}(?:\s?\d{2}){3}\s?[A-D]\b", re.IGNORECASE)
# The learner's own name stays: it is on the front sheet and signs the declaration.
OWN_DETAILS = ("learner_details_recorded", "declaration_signed")
# Everything inside these personal values identifies someone.
ABOUT_A_PERSON = ("constituent", "on_behalf_of")
# In records, a field with a name like these identifies someone whatever its value.
PERSONAL_KEY = re.compile(
    r"name|birth|dob|address|street|email|phone|mobile|tel|nino|national|nhs|tenan|"
    r"account|ref|identif|passport|licen|registration|number",
    re.IGNORECASE,
)
WITHHELD = "[withheld]"


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


def _compact(text: str) -> str:
    return "".join(c for c in text if c.isalnum()).casefold()


def _leaves(value: Any, key: str = "") -> Iterable[tuple[str, str]]:
    """Every (key, text) leaf of a value; numbers count as text."""
    if isinstance(value, dict):
        for k, v in value.items():
            yield from _leaves(v, str(k))
    elif isinstance(value, list):
        for v in value:
            yield from _leaves(v, key)
    elif isinstance(value, str | int | float) and not isinstance(value, bool):
        yield key, str(value)


class Pseudonymiser:
    """Learns the people and values in a log, then rewrites values and text consistently."""

    def __init__(self) -> None:
        conf = settings()["pseudonyms"]
        self.conf = conf
        self.name_fields = set(conf["name_fields"])
        self.people: dict[str, str] = {}  # casefolded real name -> pseudonym
        self.values: dict[str, str] = {}  # a real value (any case) -> its replacement
        self.cased: dict[str, str] = {}  # a name part as written -> its replacement
        self.ids: dict[str, str] = {}  # an identifier's letters and digits -> its replacement
        self._counts = {"constituent": 0, "person": 0}
        self._patterns: list[tuple[re.Pattern[str], dict[str, str]]] | None = None
        self._given: set[str] = set()

    # -- learning ---------------------------------------------------------------------
    def _value(self, real: str, replacement: str) -> None:
        real = " ".join(real.split())
        if len(real) < 2:
            return
        self.values.setdefault(real, replacement)
        if flexible(real):
            self.ids.setdefault(_compact(real), replacement)
        when = as_date(real)
        if when is not None:
            for form in date_forms(when):
                self.values.setdefault(form, replacement)
        self._patterns = None

    def _label(self, real: str, role: str) -> str:
        key = " ".join(real.split()).casefold()
        if not key:
            return real
        if key not in self.people:
            label = self.conf[role].format(letter=_letters(self._counts[role]))
            self._counts[role] += 1
            self.people[key] = label
        label = self.people[key]
        self._value(real, label)
        parts = name_parts(real)
        for part in parts:  # "Dear Bethany": matched as written, in Title or CAPITALS
            for form in {part, part.title(), part.upper()}:
                self.cased.setdefault(form, label)
        words = real.split()
        surname = words[-1].strip(".,") if len(words) >= 2 else ""
        for part in [surname, *surname.split("-")] if surname else []:
            if len(part) >= 4:  # "Mrs Okafor" or "okafor" in a note is still that person
                self.values.setdefault(part, label)
        self._patterns = None
        return label

    def _person(self, person: dict[str, Any], role: str) -> None:
        name = person.get("name") or " ".join(
            str(person.get(k) or "") for k in ("first", "surname")
        )
        label = self._label(str(name), role) if str(name).strip() else WITHHELD
        for key in ("first", "surname"):
            if isinstance(person.get(key), str) and person[key].strip():
                for part in name_parts(person[key]):
                    for form in {part, part.title(), part.upper()}:
                        self.cased.setdefault(form, label)
        slug = re.sub(r"[^a-z0-9]+", ".", label.lower()).strip(".")
        for key, text in _leaves(person):
            if key in ("name", "first", "surname", "title", "relationship", "town"):
                continue
            if key == "email":
                self._value(text, self.conf["email"].format(label_slug=slug))
            elif key == "phone":
                self._value(text, self.conf["phone"].format(number=len(self.values) % 10000))
            elif key in ("address", "address_lines"):
                for part in address_parts(text):
                    self._value(part, self.conf["address"])
            elif key != "postcode":
                self._value(text, WITHHELD)

    def _record(self, record: Any) -> None:
        """A record's identifying fields: those named like one, and any value holding
        digits (a reference, a date, a number)."""
        fields = record.get("fields", record) if isinstance(record, dict) else record
        for key, text in _leaves(fields):
            if key in ("as_of", "id", "system", "type"):
                continue
            if PERSONAL_KEY.search(key) or flexible(text) or as_date(text):
                for part in address_parts(text) if "address" in key.lower() else [text]:
                    self._value(part, WITHHELD)

    def learn(self, events: Iterable[Event]) -> None:
        for event in events:
            if event.kind in OWN_DETAILS or not event.personal:
                continue
            p = event.personal
            for key in ABOUT_A_PERSON:
                if isinstance(p.get(key), dict):
                    self._person(p[key], "constituent" if key == "constituent" else "person")
            for key in ("records", "old", "new"):
                if key in p:
                    for record in p[key] if isinstance(p[key], list) else [p[key]]:
                        self._record(record)
            for key in self.name_fields:
                value = p.get(key)
                if isinstance(value, str) and value.strip():
                    self._label(value, "person")

    # -- rewriting --------------------------------------------------------------------
    def sensitive(self) -> list[str]:
        """Every real value learnt, longest first (so whole names go before surnames)."""
        return sorted(self.values, key=lambda v: (-len(v), v))

    def _compiled(self) -> list[tuple[re.Pattern[str], dict[str, str]]]:
        """One pattern per kind of learnt value (identifiers however spaced; values in
        any case; name parts as written), longest first, so scrubbing is a few passes
        however many people the log holds."""
        if self._patterns is None:
            self._patterns = []
            if self.ids:
                alternatives = "|".join(
                    str(flexible(c)) for c in sorted(self.ids, key=lambda c: (-len(c), c))
                )
                self._patterns.append(
                    (re.compile(rf"(?<![\w])(?:{alternatives})(?![\w])", re.I), self.ids)
                )
            for table, flags in ((self.values, re.I), (self.cased, 0)):
                if table:
                    alternatives = "|".join(
                        re.escape(v) for v in sorted(table, key=lambda v: (-len(v), v))
                    )
                    self._patterns.append(
                        (re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)", flags), table)
                    )
            self._given = {*self.values.values(), *self.cased.values(), *self.ids.values()}
        return self._patterns

    def scrub(self, text: str) -> str:
        """Free text with every learnt value, email, phone, NI number and full postcode
        replaced."""
        for pattern, table in self._compiled():
            if table is self.ids:
                text = pattern.sub(lambda m: self.ids.get(_compact(m.group(0)), WITHHELD), text)
            elif table is self.values:
                folded = {k.casefold(): v for k, v in table.items()}
                text = pattern.sub(lambda m, f=folded: f.get(m.group(0).casefold(), WITHHELD), text)
            else:
                text = pattern.sub(lambda m, t=table: t.get(m.group(0), WITHHELD), text)
        withheld = self.conf["email"].format(label_slug="withheld")
        text = EMAIL.sub(lambda m: m.group(0) if m.group(0) in self._given else withheld, text)
        text = PHONE.sub(
            lambda m: m.group(0) if m.group(0).strip() in self._given else "[phone withheld]",
            text,
        )
        text = NINO.sub(WITHHELD, text)
        return POSTCODE.sub(lambda m: m.group(1).upper(), text)

    def value(self, key: str, value: Any) -> Any:
        if isinstance(value, str):
            if key in self.name_fields and value.strip():
                return self.people.get(" ".join(value.split()).casefold(), self.scrub(value))
            if key == "postcode":
                return self.scrub(value).split(" ")[0] if value else value
            if key in ("address", "address_lines") and value.strip():
                return self.conf["address"]
            return self.scrub(value)
        if isinstance(value, dict):
            return {k: self.value(k, v) for k, v in value.items()}
        if isinstance(value, list):
            return [self.value(key, v) for v in value]
        if isinstance(value, int | float) and not isinstance(value, bool):
            scrubbed = self.scrub(str(value))
            return value if scrubbed == str(value) else scrubbed
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
        if any(pattern.search(text) for pattern, _table in self._compiled()):
            return True
        return any(
            m.group(0).strip() not in self._given
            for regex in (EMAIL, PHONE, NINO)
            for m in regex.finditer(text)
        )


def pseudonymise(events: list[Event]) -> tuple[list[Event], Pseudonymiser]:
    """The events with stable pseudonyms, and the pseudonymiser (for other text)."""
    p = Pseudonymiser()
    p.learn(events)
    return [p.event(e) for e in events], p
