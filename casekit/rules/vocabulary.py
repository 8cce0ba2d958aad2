"""The domain vocabulary: the kinds of case, channels, categories and people casework uses.

These are the words on every form and in every event. Labels are what users read; the keys
are what the log stores. Council, ward and member records are built from the
``council_defined`` event, so they too come from the log.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

CASE_KINDS: dict[str, str] = {
    "member_enquiry": "Member enquiry",
    "service_request": "Service request",
    "complaint": "Complaint",
    "foi": "Freedom of Information request",
    "eir": "Environmental Information Regulations request",
    "sar": "Subject access request",
}

CHANNELS: dict[str, str] = {
    "email": "Email",
    "phone": "Phone",
    "letter": "Letter",
    "surgery": "Surgery (in person)",
    "social_media": "Social media",
}

DIRECTIONS: dict[str, str] = {"inbound": "Received", "outbound": "Sent"}

# CATEGORIES (id -> the label forms show) and CATEGORY_SUBJECTS (id -> how a letter names
# the matter: "the {subject} you raised") come from the one categories file
# (casekit/data/categories.toml, see casekit.rules.categories), read when first used.
_FROM_CATEGORIES = {"CATEGORIES": "labels", "CATEGORY_SUBJECTS": "subjects"}


def __getattr__(name: str) -> Any:
    """``CATEGORIES`` and ``CATEGORY_SUBJECTS``, derived from the categories file once."""
    if name not in _FROM_CATEGORIES:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    from casekit.rules import categories

    value = getattr(categories, _FROM_CATEGORIES[name])()
    globals()[name] = value
    return value


VERIFICATION_RESULTS: dict[str, str] = {
    "confirmed": "Confirmed by the source",
    "discrepancy": "The source says something different",
    "stale": "The information is out of date",
    "unable": "Could not be checked",
}

TITLES: tuple[str, ...] = ("", "Mr", "Mrs", "Ms", "Miss", "Mx", "Dr", "Prof", "Rev")

STAKEHOLDERS: dict[str, str] = {
    "constituent": "Constituent",
    "member": "Councillor (member)",
    "colleague": "Colleague (service officer)",
}

# Statutory clocks a learner can start when they spot a request inside a case.
STATUTORY_CLOCKS: tuple[str, ...] = ("foi", "eir", "sar")

# What a statutory response does (only a statutory response stops an FOI, EIR or SAR
# clock): FOIA 2000 s1 and s17, EIR 2004 reg. 5 and 14, UK GDPR art. 15.
STATUTORY_OUTCOMES: dict[str, str] = {
    "information_given": "Information given",
    "refused": "Refused, citing an exemption",
    "partly_refused": "Partly refused, citing an exemption",
    "not_held": "Information not held",
    "sar_copy": "Copy of the personal data sent (subject access)",
}
# Which outcomes fit which request; the refusals must name their exemption.
OUTCOMES_FOR: dict[str, tuple[str, ...]] = {
    "foi": ("information_given", "refused", "partly_refused", "not_held"),
    "eir": ("information_given", "refused", "partly_refused", "not_held"),
    "sar": ("sar_copy", "refused", "partly_refused", "not_held"),
}
NEEDS_EXEMPTION: tuple[str, ...] = ("refused", "partly_refused")

# What a stopped clock waits for (the profile says which of these restart it afresh).
AWAITING: dict[str, str] = {
    "clarification": "Clarification of what is wanted",
    "identity": "Proof of identity",
    "fee": "A fee",
    "consent": "The constituent's consent",
    "other": "Something else",
}

# How a member's approval was given when it was not through the approval form.
APPROVAL_ROUTES: dict[str, str] = {
    "phone": "By phone",
    "surgery": "In person at a surgery",
    "email": "By email",
    "in_person": "In person",
    "letter": "In writing",
}

# DPA 2018 Sch. 1 para 23(2): when an elected representative may act without the data
# subject's consent.
PARA_23_2_REASONS: dict[str, str] = {
    "cannot_give": "The person cannot give consent (para 23(2)(a))",
    "cannot_reasonably_obtain": "The member cannot reasonably be expected to obtain it "
    "(para 23(2)(b))",
    "would_prejudice": "Seeking consent would prejudice the action (para 23(2)(c))",
    "others_interest": "Needed in another's interest; consent unreasonably withheld "
    "(para 23(2)(d))",
}

_POSTCODE = re.compile(r"^([A-Z]{1,2}[0-9][A-Z0-9]?)\s*([0-9])([A-Z]{2})$")


def normalise_postcode(text: str) -> str | None:
    """``"le113ab"`` -> ``"LE11 3AB"``; None when it is not a UK postcode's shape."""
    compact = re.sub(r"\s+", "", str(text).upper())
    if len(compact) < 5:
        return None
    match = _POSTCODE.match(f"{compact[:-3]} {compact[-3:]}")
    if not match:
        return None
    return f"{match.group(1)} {match.group(2)}{match.group(3)}"


def postcode_sector(postcode: str) -> str | None:
    """The sector a ward is drawn from: ``"LE11 3AB"`` -> ``"LE11 3"``."""
    normal = normalise_postcode(postcode)
    return normal[:-2] if normal else None


@dataclass(frozen=True)
class Ward:
    id: str
    name: str
    sectors: tuple[str, ...] = ()

    def contains(self, postcode: str) -> bool:
        sector = postcode_sector(postcode)
        return sector is not None and sector in self.sectors


@dataclass(frozen=True)
class Member:
    """A councillor: the wards they represent and the style their letters are written in."""

    id: str
    name: str
    wards: tuple[str, ...]
    style: dict[str, Any] = field(default_factory=dict, hash=False, compare=False)
    email: str = ""
    phone: str = ""
    committees: tuple[str, ...] = ()


@dataclass(frozen=True)
class Service:
    id: str
    name: str
    officer: str = ""
    email: str = ""
    category: str = ""


@dataclass(frozen=True)
class Council:
    name: str
    tier: str  # unitary | county | district
    wards: dict[str, Ward] = field(default_factory=dict, hash=False, compare=False)
    members: dict[str, Member] = field(default_factory=dict, hash=False, compare=False)
    services: dict[str, Service] = field(default_factory=dict, hash=False, compare=False)

    @classmethod
    def from_data(cls, data: dict[str, Any]) -> Council:
        wards = {
            w["id"]: Ward(w["id"], w.get("name", w["id"]), tuple(w.get("sectors", ())))
            for w in data.get("wards", [])
        }
        members = {
            m["id"]: Member(
                m["id"],
                m.get("name", m["id"]),
                tuple(m.get("wards", ())),
                dict(m.get("style", {})),
                str(m.get("email", "")),
                str(m.get("phone", "")),
                tuple(m.get("committees", ())),
            )
            for m in data.get("members", [])
        }
        services = {}
        for s in data.get("services", []):
            officer = s.get("officer", "")
            email = s.get("email", "")
            if isinstance(officer, dict):
                email = email or officer.get("email", "")
                officer = officer.get("name", "")
            services[s["id"]] = Service(
                s["id"],
                s.get("name", s["id"]),
                str(officer),
                str(email),
                str(s.get("category", "")),
            )
        return cls(
            data.get("name", "Council"), data.get("tier", "unitary"), wards, members, services
        )

    def service_for(self, category: str) -> Service | None:
        """The council service that deals with a category of case, if it has one."""
        for service in self.services.values():
            if service.category == category:
                return service
        return None

    def owns(self, category: str, tier_of_category: str | None) -> bool:
        """Whether this council's tier deals with a category (casework-rules.md section 6)."""
        if tier_of_category is None or self.tier == "unitary":
            return tier_of_category != "outside"
        return tier_of_category == self.tier
