"""What every draft check needs to know, worked out once: who reads the letter, who wrote
it, whom the case is about, and the profile's drafting rules."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from casekit.drafting.findings import Finding
from casekit.drafting.people import person, plain_name, same_person, style_of
from casekit.drafting.rules import setting

# Roles an addressee can have. Only a third party needs the constituent's recorded consent.
CONSTITUENT, MEMBER, THIRD_PARTY = "constituent", "member", "third_party"


@dataclass(frozen=True)
class DraftContext:
    text: str
    rules: Mapping[str, Mapping[str, Any]]
    member: dict[str, Any]
    style: dict[str, Any]
    addressee: dict[str, Any]
    role: str
    constituent: dict[str, Any]
    case: Mapping[str, Any]
    consents: tuple[str, ...]
    known_people: tuple[dict[str, Any], ...]
    pre_election: bool
    officials: tuple[dict[str, Any], ...] = field(default_factory=tuple)

    def finding(
        self,
        section: str,
        *,
        kind: str,
        check: str,
        severity: str,
        message: str,
        start: int = 0,
        end: int = 0,
        rule: str | None = None,
        expected: str = "",
        about: str = "",
    ) -> Finding:
        """A finding citing this section's source and criterion from the profile."""
        rules = self.rules[section]
        return Finding(
            kind=kind,
            severity=severity,
            message=message,
            words=self.text[start:end],
            start=start,
            end=end,
            rule=rule or str(setting(rules, section, "source")),
            criterion=str(setting(rules, section, "criterion")),
            check=check,
            expected=expected,
            about=about,
        )


def case_constituent(case: Mapping[str, Any]) -> dict[str, Any]:
    """The constituent named in a case dict (``constituent`` as a name or a dict)."""
    value = case.get("constituent") if isinstance(case, Mapping) else None
    if value is None and isinstance(case, Mapping):
        value = case.get("constituent_name")
    return person(value)


def addressee_role(
    addressee: Mapping[str, Any], member: Mapping[str, Any], constituent: Mapping[str, Any]
) -> str:
    """Whether the reader is the constituent, the member, or a third party."""
    if not addressee:
        return CONSTITUENT
    role = str(addressee.get("role") or "").strip().lower().replace(" ", "_")
    if role in (CONSTITUENT, MEMBER):
        return role
    if role:
        return THIRD_PARTY
    if member and same_person(addressee, member):
        return MEMBER
    if constituent and same_person(addressee, constituent):
        return CONSTITUENT
    return THIRD_PARTY


def consent_names(consents: Iterable[Any]) -> tuple[str, ...]:
    """Names of recipients the constituent consented to: strings or dicts with ``recipient``."""
    names = []
    for item in consents or ():
        if isinstance(item, Mapping):
            item = item.get("recipient") or item.get("name")
        if item:
            names.append(plain_name(person(str(item))))
    return tuple(names)


def build_context(
    text: str,
    *,
    rules: Mapping[str, Mapping[str, Any]],
    member: Any,
    recipient: Any,
    case: Any,
    consents: Iterable[Any],
    known_people: Iterable[Any],
    pre_election: bool,
) -> DraftContext:
    case_map: Mapping[str, Any] = case if isinstance(case, Mapping) else {}
    member_p = person(member) if isinstance(member, Mapping) else {}
    constituent = case_constituent(case_map)
    addressee = person(recipient) if recipient is not None else constituent
    # Official points of contact (the officer who owns the case, any listed contacts): the
    # letter may give their details.
    listed = case_map.get("contacts") if isinstance(case_map.get("contacts"), list) else []
    officials = tuple(
        person(value)
        for value in [case_map.get("contact"), case_map.get("owner"), *listed]
        if value
    )
    return DraftContext(
        text=text,
        rules=rules,
        member=member_p,
        style=style_of(member),
        addressee=addressee,
        role=addressee_role(person(recipient), member_p, constituent),
        constituent=constituent,
        case=case_map,
        consents=consent_names(consents),
        known_people=tuple(p for p in (person(k) for k in known_people or ()) if p.get("name")),
        pre_election=bool(pre_election),
        officials=officials,
    )
