"""Starting drafts in the member's style: six letter kinds rendered from Jinja2 templates.

A learner edits these drafts, so each one is already complete (reference, what happens next,
by when, who to contact) and neutral; what makes it the member's is their greeting,
sign-off, register (formal, warm or plain), one of their recurring phrases and, where the
case touches it, their stance on the council matter. The templates are plain-text files in
``casekit/drafting/templates``: a centre can reword them without touching code.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from functools import lru_cache
from pathlib import Path
from typing import Any

from casekit.drafting.people import fill_greeting, opening_words, person, style_of
from casekit.errors import CasekitError
from casekit.inputs import dates

TEMPLATES = Path(__file__).parent / "templates"
LETTER_KINDS = (
    "acknowledgement",
    "holding_reply",
    "referral",
    "member_update",
    "full_reply",
    "signposting",
)
# Fields each kind needs beyond the case reference and summary: (where, key, what it is).
REQUIRED: dict[str, tuple[tuple[str, str, str], ...]] = {
    "acknowledgement": (("case", "owner", "the officer who deals with the enquiry"),),
    "holding_reply": (
        ("extra", "reason", "why the full reply is delayed"),
        ("extra", "new_date", "the date by which the constituent will hear again"),
    ),
    "referral": (("extra", "service", "the service the case is referred to"),),
    "member_update": (("extra", "progress", "what has happened since the last update"),),
    "full_reply": (("extra", "outcome", "what the service found or decided"),),
    "signposting": (
        ("extra", "organisation", "the organisation that deals with this"),
        ("extra", "how_to_contact", "how the constituent can reach that organisation"),
    ),
}
# The member's formality -> the register a template writes in. Style profiles say formal,
# warm or plain; scenario packs say formal, neutral or informal.
REGISTERS = {
    "formal": "formal",
    "warm": "warm",
    "plain": "plain",
    "neutral": "plain",
    "informal": "warm",
}
RULE_SOURCE = (
    "Member/officer protocol: replies give a reference, what happens next, by when and who "
    "to contact [I]"
)


def render_letter(
    kind: str,
    *,
    member: Mapping[str, Any],
    case: Mapping[str, Any],
    constituent: Mapping[str, Any],
    extra: Mapping[str, Any] | None = None,
) -> str:
    """A starting draft of ``kind`` in ``member``'s style for ``case``.

    ``member``: ``{"id", "name", "wards", "style": {formality, greeting, sign_off,
    recurring_phrases, preferred_channel, stance}}`` (optional ``email``, ``phone``).
    ``case``: ``{"ref", "summary", "category", "due", "owner"}`` where ``due`` is a date (or
    ISO date text) and ``owner`` the officer (a name or ``{"name", "email", "phone"}``).
    ``constituent``: ``{"name", "title", "first_name", "surname", ...}``.
    ``extra``: what the kind needs (see ``REQUIRED``), plus optional ``by`` (a date that
    overrides ``case["due"]``), ``date`` (the letter's date) and ``officer`` (for a referral).
    """
    if kind not in LETTER_KINDS:
        raise CasekitError(
            f"There is no letter kind {kind!r}.",
            rule="letter-kind",
            source="casekit drafting templates",
            advice=f"Choose one of: {', '.join(LETTER_KINDS)}.",
            field="kind",
        )
    extra = dict(extra or {})
    context = letter_context(kind, member=member, case=case, constituent=constituent, extra=extra)
    text = _environment().get_template(f"{kind}.j2").render(**context)
    return re.sub(r"\n{3,}", "\n\n", text).strip() + "\n"


@lru_cache(maxsize=1)
def _environment() -> Any:
    """The Jinja2 environment for the letter templates, made once per process."""
    import jinja2  # imported here: `import casekit` must not pay for Jinja2

    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(TEMPLATES)),
        undefined=jinja2.StrictUndefined,
        autoescape=False,  # plain-text letters; never rendered into HTML unescaped
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )


def letter_context(
    kind: str,
    *,
    member: Mapping[str, Any],
    case: Mapping[str, Any],
    constituent: Mapping[str, Any],
    extra: Mapping[str, Any],
) -> dict[str, Any]:
    """Everything a template may use, checked: a missing field is an error naming it."""
    sources = {"case": case, "extra": extra, "member": member}
    _require(sources, "case", "ref", "the case reference")
    _require(sources, "case", "summary", "what the enquiry is about")
    _require(sources, "member", "name", "the member's name")
    for where, key, what in REQUIRED[kind]:
        _require(sources, where, key, what)
    style = style_of(member)
    formality = str(style.get("formality") or "formal")
    if formality not in REGISTERS:
        raise CasekitError(
            f"The member's formality {formality!r} is not one of {', '.join(REGISTERS)}.",
            rule="member-style",
            source="member style profile",
            field="member.style.formality",
        )
    by_value = extra.get("new_date") if kind == "holding_reply" else None
    by_value = by_value or extra.get("by") or case.get("due")
    if not by_value:
        raise CasekitError(
            "The letter must say by when, but the case has no due date.",
            rule="letter-by-when",
            source=RULE_SOURCE,
            advice="Give the case a 'due' date, or pass extra={'by': date}.",
            field="case.due",
        )
    reader = person(constituent)
    member_p = person(member)
    phrases = [str(p).strip() for p in style.get("recurring_phrases") or () if str(p).strip()]
    stance = style.get("stance") if isinstance(style.get("stance"), Mapping) else {}
    category = str(case.get("category") or "")
    owner = person(case.get("owner") or case.get("contact"))
    officer = person(extra.get("officer")) if extra.get("officer") else {}
    case = dict(case) | {"summary": _summary(str(case["summary"]))}
    return {
        "kind": kind,
        "formality": REGISTERS[formality],
        "member": member_p,
        "wards": _wards(member),
        "case": case,
        "extra": dict(extra),
        "constituent": reader,
        "greeting": greeting_for(style, reader),
        "service_greeting": greeting_for(style, officer, fallback="colleague"),
        "member_greeting": f"Dear {member_p.get('name')}",
        "sign_off": str(style.get("sign_off") or "Yours sincerely"),
        "phrase": _sentence(phrases[LETTER_KINDS.index(kind) % len(phrases)]) if phrases else "",
        "matter": category.replace("_", " "),
        "stance": str(stance.get(category) or ""),
        "stance_first_person": first_person(str(stance.get(category) or "")),
        "by": format_date(by_value),
        "letter_date": format_date(extra["date"]) if extra.get("date") else "",
        "owner": owner,
        "owner_contact": _how_to_reach(owner),
        "member_contact": _member_contact(member, style),
        "officer": officer,
    }


def greeting_for(style: Mapping[str, Any], reader: Mapping[str, Any], fallback: str = "") -> str:
    """The member's greeting filled for ``reader``; when a field is unknown, the greeting's
    opening words with the reader's full name (or ``fallback``)."""
    pattern = str(style.get("greeting") or "Dear {name}")
    filled = fill_greeting(pattern, reader) if reader else None
    if filled:
        return filled
    opening = opening_words(pattern) or "Dear"
    name = str(reader.get("name") or "") if reader else ""
    return f"{opening} {name or fallback}".strip()


def first_person(stance: str) -> str:
    """A stance written about the member ("wants faster repairs") in their own voice
    ("want faster repairs"), to follow "I"."""
    words = stance.strip().split(" ", 1)
    if not words[0]:
        return ""
    verb, rest = words[0], (words[1] if len(words) > 1 else "")
    irregular = {"is": "am", "has": "have", "does": "do"}
    if verb.lower() in irregular:
        verb = irregular[verb.lower()]
    elif re.search(r"(ss|sh|ch|x|z|o)es$", verb):
        verb = verb[:-2]
    elif verb.endswith("uses") and len(verb) > 5:
        verb = verb[:-2]  # focuses -> focus
    elif verb.endswith("ies") and len(verb) > 4:
        verb = verb[:-3] + "y"
    elif verb.endswith("s") and not verb.endswith("ss"):
        verb = verb[:-1]
    return f"{verb} {rest}".strip()


def format_date(value: Any) -> str:
    """A date as a letter writes it ("Wednesday 7 January 2026"); other text as given."""
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, str):
        try:
            value = (
                dt.date.fromisoformat(value.strip()[:10])
                if re.fullmatch(r"\d{4}-\d{2}-\d{2}(T.*)?", value.strip())
                else value
            )
        except ValueError:
            raise CasekitError(
                f"{value!r} is not a valid date.",
                rule="letter-date",
                source="ISO 8601 date (YYYY-MM-DD)",
                field="case.due",
            ) from None
    if isinstance(value, dt.date):
        return dates.format_date(value, long=True)
    return str(value)


def _require(sources: Mapping[str, Mapping[str, Any]], where: str, key: str, what: str) -> None:
    value = sources[where].get(key) if isinstance(sources[where], Mapping) else None
    if value is None or (isinstance(value, str) and not value.strip()):
        raise CasekitError(
            f"This letter needs you to fill in: {what}.",
            rule="letter-fields",
            source=RULE_SOURCE,
            advice="Fill it in, then start from the template again.",
            field=f"{where}.{key}",
        )


def _summary(summary: str) -> str:
    """The summary as it reads after "about": no full stop, and a leading article in lower
    case ("The damp in my flat." -> "the damp in my flat")."""
    summary = summary.strip().rstrip(".")
    first, _, rest = summary.partition(" ")
    if first in ("The", "A", "An") and rest:
        summary = f"{first.lower()} {rest}"
    return summary


def _wards(member: Mapping[str, Any]) -> str:
    wards = member.get("wards") or member.get("ward") or []
    if isinstance(wards, str):
        return wards
    names = [str(w.get("name") if isinstance(w, Mapping) else w) for w in wards]
    if len(names) > 1:
        return ", ".join(names[:-1]) + " and " + names[-1]
    return names[0] if names else ""


def _sentence(phrase: str) -> str:
    return phrase if phrase[-1:] in ".!?" else phrase + "."


def _how_to_reach(someone: Mapping[str, Any]) -> str:
    ways = [str(someone[k]) for k in ("phone", "email") if someone.get(k)]
    return " or ".join(ways)


def _member_contact(member: Mapping[str, Any], style: Mapping[str, Any]) -> str:
    """How to reach the member, by their preferred channel first."""
    channel = str(style.get("preferred_channel") or "").lower()
    email, phone = member.get("email"), member.get("phone")
    if channel == "letter":
        return "write to me at the council offices"
    if channel == "phone" and phone:
        return f"call me on {phone}"
    if email:
        return f"email me at {email}"
    if phone:
        return f"call me on {phone}"
    return "call my office" if channel == "phone" else "contact me by replying to this letter"
