"""Confidentiality and data protection: only the addressee's personal data, special
category data only where needed, no reader without the constituent's consent, nobody copied in.

The member is the data controller for casework (ICO guidance for elected representatives),
so these are the mistakes that turn a reply into a data breach. Severity rises when the
reader is a third party, because then the data leaves the constituent's hands.
"""

from __future__ import annotations

import re
from typing import Any

from casekit.drafting.checks.context import THIRD_PARTY, DraftContext
from casekit.drafting.checks.matching import Match, find_patterns, find_phrases
from casekit.drafting.findings import Finding
from casekit.drafting.people import (
    contact_values,
    name_forms,
    normalise_contact,
    plain_name,
    same_person,
)
from casekit.drafting.rules import message, setting, source, words_list
from casekit.inputs import phones

SECTION = "confidentiality"
# Contact details found by the profile's patterns; phone numbers are found by
# casekit.inputs.phones in every written form ("(0113) 496 0155", "+44 (0)113 ..."), so a
# profile's old ``phone_pattern`` is no longer read.
CONTACT_PATTERNS = ("email_pattern", "postcode_pattern")
PHONE = "phone_pattern"  # the group phone findings carry, as before


def check_confidentiality(ctx: DraftContext) -> list[Finding]:
    rules = ctx.rules[SECTION]
    severity = str(
        setting(rules, SECTION, "third_party_severity" if ctx.role == THIRD_PARTY else "severity")
    )
    findings = []
    findings += _other_people(ctx, severity)
    findings += _contact_details(ctx, severity)
    findings += _special_category(ctx, severity)
    findings += _no_consent(ctx)
    findings += _copied_in(ctx)
    return findings


def _entitled(ctx: DraftContext) -> list[dict[str, Any]]:
    """People whose data a letter may carry: the reader, the writer, the official contact,
    and the constituent the case is about (sharing that is governed by consent)."""
    people = [ctx.addressee, ctx.member, *ctx.officials]
    if ctx.constituent:
        people.append(ctx.constituent)
    return [p for p in people if p]


def _other_people(ctx: DraftContext, severity: str) -> list[Finding]:
    rules = ctx.rules[SECTION]
    entitled = _entitled(ctx)
    findings = []
    for other in ctx.known_people:
        if any(same_person(other, p) for p in entitled):
            continue
        for m in find_phrases(ctx.text, name_forms(other)):
            findings.append(
                ctx.finding(
                    SECTION,
                    kind="confidentiality",
                    check="personal_data",
                    severity=severity,
                    message=message(rules, SECTION, "personal_data", words=m.words, name=m.words),
                    start=m.start,
                    end=m.end,
                    rule=source(rules, SECTION, "personal_data"),
                    about=other["name"],
                )
            )
    return findings


def _contact_details(ctx: DraftContext, severity: str) -> list[Finding]:
    rules = ctx.rules[SECTION]
    allowed = {v for p in _entitled(ctx) for v in contact_values(p)}
    matches: list[Match] = [
        Match(hit.start, hit.end, hit.text, "uk phone number", PHONE)
        for hit in phones.find(ctx.text)
    ]
    for key in CONTACT_PATTERNS:
        found = find_patterns(ctx.text, [str(setting(rules, SECTION, key))], group=key)
        matches += [m for m in found if not any(_overlaps(m, p) for p in matches)]
    public_numbers = tuple(words_list(rules, SECTION, "public_number_prefixes"))
    mailboxes = {w.lower() for w in words_list(rules, SECTION, "role_mailboxes")}
    findings = []
    for m in sorted(matches, key=lambda m: m.start):
        value = normalise_contact(m.words)
        if value in allowed:
            continue
        if m.group == PHONE and value.startswith(public_numbers):
            continue
        if m.group == "email_pattern" and value.split("@")[0] in mailboxes:
            continue
        findings.append(
            ctx.finding(
                SECTION,
                kind="confidentiality",
                check="contact_details",
                severity=severity,
                message=message(rules, SECTION, "contact_details", words=m.words),
                start=m.start,
                end=m.end,
                rule=source(rules, SECTION, "personal_data"),
            )
        )
    return findings


def _overlaps(a: Match, b: Match) -> bool:
    return a.start < b.end and b.start < a.end


def _special_category(ctx: DraftContext, severity: str) -> list[Finding]:
    rules = ctx.rules[SECTION]
    terms = words_list(rules, SECTION, "special_category")
    return [
        ctx.finding(
            SECTION,
            kind="confidentiality",
            check="special_category",
            severity=severity,
            message=message(rules, SECTION, "special_category", words=m.words),
            start=m.start,
            end=m.end,
            rule=source(rules, SECTION, "special_category"),
        )
        for m in find_phrases(ctx.text, terms)
    ]


def _no_consent(ctx: DraftContext) -> list[Finding]:
    """A third-party reader needs the constituent's recorded consent for that recipient."""
    if ctx.role != THIRD_PARTY or not ctx.addressee.get("name"):
        return []
    if plain_name(ctx.addressee) in ctx.consents:
        return []
    rules = ctx.rules[SECTION]
    name = str(ctx.addressee["name"])
    hits = find_phrases(ctx.text, name_forms(ctx.addressee))
    start, end = (hits[0].start, hits[0].end) if hits else (0, 0)
    return [
        ctx.finding(
            SECTION,
            kind="confidentiality",
            check="no_consent",
            severity=str(setting(rules, SECTION, "third_party_severity")),
            message=message(rules, SECTION, "no_consent", words=name, name=name),
            start=start,
            end=end,
            rule=source(rules, SECTION, "no_consent"),
            about=name,
        )
    ]


def _copied_in(ctx: DraftContext) -> list[Finding]:
    """Copy lines ("cc: Cllr Jones") that send the letter to anyone beyond the reader."""
    rules = ctx.rules[SECTION]
    markers = words_list(rules, SECTION, "copied_members_markers")
    findings = []
    for m in find_phrases(ctx.text, markers):
        line_start = ctx.text.rfind("\n", 0, m.start) + 1
        if ctx.text[line_start : m.start].strip():
            continue  # a copy line starts with its marker
        line_end = ctx.text.find("\n", m.end)
        line_end = len(ctx.text) if line_end < 0 else line_end
        copied = ctx.text[m.end : line_end].strip(" \t:,;")
        if not copied or _only_entitled(ctx, copied):
            continue
        end = m.end + len(ctx.text[m.end : line_end].rstrip())
        findings.append(
            ctx.finding(
                SECTION,
                kind="confidentiality",
                check="copied_member",
                severity=str(setting(rules, SECTION, "copied_severity")),
                message=message(rules, SECTION, "copied_member", words=ctx.text[m.start : end]),
                start=m.start,
                end=end,
                rule=source(rules, SECTION, "copied_member"),
                about=copied,
            )
        )
    return findings


def _only_entitled(ctx: DraftContext, copied: str) -> bool:
    """Whether every name on a copy line is the member, the reader or a consented recipient."""
    names = [n.strip() for n in re.split(r"[,;]|\band\b", copied) if n.strip()]
    for name in names:
        if same_person(name, ctx.member) or same_person(name, ctx.addressee):
            continue
        if plain_name({"name": name}) in ctx.consents:
            continue
        return False
    return True
