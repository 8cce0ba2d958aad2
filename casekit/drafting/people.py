"""The people a draft is about: the addressee, the member, the constituent, anyone else.

Callers pass people as plain dicts (from a scenario pack or a form) or as bare names; these
helpers give every check the same view (name, title, first name, surname, contact details)
and fill the member's greeting pattern (``"Dear {title} {surname}"``) for a given reader.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

# Honorifics recognised at the start of a full name ("Mrs Asha Patel").
HONORIFICS = (
    "Mr",
    "Mrs",
    "Ms",
    "Miss",
    "Mx",
    "Dr",
    "Prof",
    "Professor",
    "Rev",
    "Revd",
    "Reverend",
    "Cllr",
    "Councillor",
    "Sir",
    "Dame",
    "Lady",
    "Lord",
    "PC",
    "PCSO",
    "Sgt",
    "Sergeant",
    "Inspector",
    "Pastor",
    "Imam",
    "Rabbi",
)
CONTACT_FIELDS = ("email", "phone", "postcode")
# Readers that are not a person: their name is not split into first name and surname.
ORGANISATION_ROLES = ("service", "organisation", "organization", "council", "agency", "team")


def person(value: Any) -> dict[str, Any]:
    """A person as a dict with ``name``, ``title``, ``first_name`` and ``surname`` filled in
    where they can be worked out from the full name."""
    if value is None:
        return {}
    if isinstance(value, str):
        data: dict[str, Any] = {"name": value}
    elif isinstance(value, Mapping):
        data = {str(k): v for k, v in value.items()}
    else:
        return {}
    name = str(data.get("name") or "").strip()
    parts = name.replace(".", " ").split()
    title = ""
    if parts and parts[0] in HONORIFICS:
        title = parts.pop(0)
    if not name and (data.get("first_name") or data.get("surname")):
        name = " ".join(str(data.get(k) or "") for k in ("first_name", "surname")).strip()
        data["name"] = name
    data.setdefault("title", title)
    # Scenario packs say "first"; member styles may say "{first}" or "{first_name}".
    if data.get("first") and not data.get("first_name"):
        data["first_name"] = data["first"]
    if parts and str(data.get("role") or "").lower() not in ORGANISATION_ROLES:
        if not data.get("first_name"):
            data["first_name"] = parts[0]
        if not data.get("surname"):
            data["surname"] = parts[-1]
    for key in ("title", "first_name", "surname"):
        data[key] = str(data.get(key) or "")
    data["first"] = data["first_name"]
    data["name"] = str(data.get("name") or "")
    return data


# Words that make a "name" an organisation or a description rather than a person's name.
NOT_NAMES = frozenset(
    {
        "team",
        "service",
        "services",
        "council",
        "homes",
        "ltd",
        "limited",
        "surgery",
        "practice",
        "office",
        "department",
        "unit",
        "door",
        "options",
        "repairs",
        "care",
        "lighting",
        "residents",
        "resident",
        "tenant",
        "tenants",
        "family",
        "the",
        "a",
        "an",
        "another",
        "her",
        "his",
        "their",
        "your",
        "my",
        "our",
        "manager",
        "of",
        "and",
        "who",
        "group",
        "roofing",
        "association",
        "trust",
        "police",
        "policing",
        "highways",
        "parks",
        "housing",
        "tax",
        "customer",
        "casework",
        "enforcement",
        "protection",
        "street",
        "road",
        "neighbour",
        "owners",
        "occupants",
        "household",
        "applicant",
        "landlord",
        "constituent",
        "councillor",
        "cllr",
        "son",
        "daughter",
    }
)


def name_parts(name: str) -> tuple[str, str, str] | None:
    """(title, first name, surname) when ``name`` is a person's name ("Mrs Asha Patel",
    "Sergeant Hodge", "Gemma Hurst, Housing Repairs", "Tyler"), None for an organisation
    or a description ("Adult Social Care Front Door", "tenants of 8 Albert Street")."""
    head = re.split(r"[,(;]", name, maxsplit=1)[0].strip()
    words = head.replace(".", " ").split()
    if not words or len(words) > 6 or "'" in head or "’" in head:
        return None
    title = ""
    if words[0] in HONORIFICS or words[0] in (
        "Sergeant",
        "Sgt",
        "Pastor",
        "Mx",
        "Dame",
        "Lady",
        "Lord",
    ):
        title = words.pop(0)
    if words and words[0] == "and" and len(words) > 1 and words[1] in HONORIFICS:
        words = words[2:]  # "Mr and Mrs Liam Doherty"
    if not words or any(w.lower() in NOT_NAMES for w in words):
        return None
    if not all(
        w[:1].isupper()
        or w.lower() in ("ap", "de", "van", "von", "le", "la", "du", "da", "di", "bin", "al")
        for w in words
    ):
        return None
    first = words[0] if len(words) > 1 else ("" if title else words[0])
    surname = words[-1] if (len(words) > 1 or title) else ""
    return title, first, surname


def plain_name(person_data: Mapping[str, Any]) -> str:
    """The name without its honorific, lower case and single-spaced, for comparisons."""
    parts = str(person_data.get("name") or "").replace(".", " ").split()
    if parts and parts[0] in HONORIFICS:
        parts = parts[1:]
    return " ".join(parts).lower()


INNER_NAME = re.compile(
    r"\b(?:Mr|Mrs|Ms|Miss|Mx|Dr|Cllr|Councillor|Sir|Dame)\.?(?: [A-Z][\w'’-]{0,40}){1,3}"
)
MEMBER_SUFFIXES = ("MP", "MS", "MSP", "AM", "MLA", "MEP")


OFFICE_OF = re.compile(
    r"\b(?:[Oo]ffice of|[Oo]n behalf of|[Cc]aseworker (?:to|for))\s+"
    r"((?:(?:Mr|Mrs|Ms|Miss|Mx|Dr|Cllr|Councillor|Sir|Dame)\.?\s)?[A-Z][\w'’-]{0,40}"
    r"(?:\s[A-Z][\w'’-]{0,40}){0,2})"
)


def principal(name: str) -> str:
    """The person an office speaks for, named after "office of" or "on behalf of" ("Mr
    Tom Lee, office of Sarah Hale MP" gives "Sarah Hale"): the reader acts for them, so
    naming them in the letter tells the reader nothing new."""
    found = OFFICE_OF.search(name[:200])
    if not found:
        return ""
    words = found.group(1).split()
    while len(words) > 1 and words[-1] in MEMBER_SUFFIXES:
        words.pop()
    return " ".join(words) if len(words) > 1 else ""


def inner_person(name: str) -> str:
    """The person named inside an organisation's or office's name ("Office of Ms Harleen
    Bains MP" gives "Ms Harleen Bains"), or ""."""
    found = INNER_NAME.search(name[:200])
    if not found:
        return ""
    words = found.group(0).split()
    while len(words) > 2 and words[-1] in MEMBER_SUFFIXES:
        words.pop()
    return " ".join(words)


def within(a: Any, b: Any) -> bool:
    """Whether one name holds the other ("Ms Daisy Lambourne (Eastbank Community Pantry)"
    and "Eastbank Community Pantry"): a representative and what they speak for."""
    na, nb = plain_name(person(a)), plain_name(person(b))
    if len(na) < 6 or len(nb) < 6:
        return False
    return na in nb or nb in na


COUPLE = re.compile(r"^(?:Mr|Mrs|Ms|Miss|Mx|Dr)\.? (?:and|&|a) (?:Mr|Mrs|Ms|Miss|Mx|Dr)\.? ")


def household(a: Any, b: Any) -> bool:
    """Whether a couple ("Mr and Mrs Castellano") includes the other person ("Mr Marco
    Castellano"): one surname, and one of the two names is a couple."""
    na, nb = str(person(a).get("name") or ""), str(person(b).get("name") or "")
    if not (COUPLE.match(na) or COUPLE.match(nb)):
        return False
    sa, sb = na.split(), nb.split()
    return bool(sa) and bool(sb) and sa[-1].lower() == sb[-1].lower()


def same_person(a: Any, b: Any) -> bool:
    pa, pb = person(a), person(b)
    na, nb = plain_name(pa), plain_name(pb)
    return bool(na) and na == nb


def name_forms(person_data: Mapping[str, Any]) -> list[str]:
    """How a person may be named in a letter: full name, name without title, title + surname."""
    forms = []
    name = str(person_data.get("name") or "").strip()
    if name:
        forms.append(name)
    bare = " ".join(plain_name(person_data).split())
    if bare and bare.lower() != name.lower():
        forms.append(bare)
    title, surname = person_data.get("title"), person_data.get("surname")
    first = person_data.get("first_name")
    if title and surname:
        forms.append(f"{title} {surname}")
    if first and surname and len(bare.split()) > 2:
        forms.append(f"{first} {surname}")
    return [f for f in dict.fromkeys(forms) if len(f.split()) > 1 or len(f) > 3]


def contact_values(person_data: Mapping[str, Any]) -> list[str]:
    """The person's own contact details, normalised for comparison."""
    return [normalise_contact(str(person_data[k])) for k in CONTACT_FIELDS if person_data.get(k)]


def normalise_contact(value: str) -> str:
    """Lower case without spaces, dashes or brackets; +44 (0) written as a leading 0."""
    value = re.sub(r"[\s()-]", "", value.lower())
    if value.startswith("+440"):
        return "0" + value[4:]
    return "0" + value[3:] if value.startswith("+44") else value


def style_of(member: Any) -> dict[str, Any]:
    """The member's style profile: ``member["style"]``, or the member dict itself when it is
    already a style profile. Scenario packs call the recurring phrases ``phrases``; both
    names give ``recurring_phrases`` here, and the greeting loses trailing punctuation."""
    if not isinstance(member, Mapping):
        return {}
    style = member.get("style")
    if isinstance(style, Mapping):
        found = dict(style)
    elif "greeting" in member or "sign_off" in member:
        found = dict(member)
    else:
        return {}
    if not found.get("recurring_phrases") and isinstance(found.get("phrases"), list):
        found["recurring_phrases"] = found["phrases"]
    for key in ("greeting", "sign_off"):
        if isinstance(found.get(key), str):
            found[key] = found[key].strip().rstrip(",;:")
    return found


PLACEHOLDER = re.compile(r"\{(\w+)\}")


def fill_greeting(pattern: str, reader: Mapping[str, Any]) -> str | None:
    """The greeting ``pattern`` filled for ``reader``; None when a field it needs is unknown."""
    values = person(reader)
    missing = [f for f in PLACEHOLDER.findall(pattern) if not values.get(f)]
    if missing:
        return None
    return PLACEHOLDER.sub(lambda m: str(values[m.group(1)]), pattern)


def greeting_regex(pattern: str, reader: Mapping[str, Any] | None = None) -> re.Pattern[str]:
    """A regex for the greeting at the start of a line: known fields as their values, unknown
    ones as any name-like word."""
    values = person(reader) if reader else {}
    out, pos = [], 0
    for m in PLACEHOLDER.finditer(pattern):
        out.append(r"\s+".join(re.escape(p) for p in pattern[pos : m.start()].split(" ")))
        value = values.get(m.group(1))
        out.append(re.escape(str(value)) if value else r"[\w'’.-]+")
        pos = m.end()
    out.append(r"\s+".join(re.escape(p) for p in pattern[pos:].split(" ")))
    return re.compile(r"^[ \t]*" + "".join(out) + r"(?!\w)", re.IGNORECASE | re.MULTILINE)


def opening_words(pattern: str) -> str:
    """The words of a greeting pattern before its first placeholder ("Dear", "Hello")."""
    return PLACEHOLDER.split(pattern)[0].strip()
