"""Completeness: a reply gives the case reference, what happens next, by when, and who to
contact, so the reader never has to write back just to ask."""

from __future__ import annotations

import re

from casekit.drafting.checks.context import DraftContext
from casekit.drafting.checks.matching import contains, find_patterns, find_phrases
from casekit.drafting.findings import Finding
from casekit.drafting.rules import message, setting, words_list
from casekit.inputs import phones

SECTION = "completeness"


def check_completeness(ctx: DraftContext) -> list[Finding]:
    rules = ctx.rules[SECTION]
    text = ctx.text
    ref = str(ctx.case.get("ref") or "").strip()
    if ref:
        has_reference = contains(text, ref)
        expected = f" ({ref})"
    else:
        has_reference = bool(find_phrases(text, words_list(rules, SECTION, "reference_markers")))
        expected = ""
    contact_found = bool(find_phrases(text, words_list(rules, SECTION, "contact_markers")))
    confidentiality = ctx.rules.get("confidentiality", {})
    if not contact_found:
        contact_found = bool(phones.find(text))
    if not contact_found and isinstance(confidentiality.get("email_pattern"), str):
        contact_found = bool(find_patterns(text, [confidentiality["email_pattern"]]))
    present = {
        "reference": has_reference,
        "next_steps": bool(find_phrases(text, words_list(rules, SECTION, "next_steps_markers"))),
        "by_when": bool(
            find_patterns(
                text,
                words_list(rules, SECTION, "date_patterns")
                + words_list(rules, SECTION, "period_patterns"),
                flags=re.IGNORECASE,
            )
        ),
        "contact": contact_found,
    }
    severity = str(setting(rules, SECTION, "severity"))
    return [
        ctx.finding(
            SECTION,
            kind="completeness",
            check=check,
            severity=severity,
            message=message(
                rules, SECTION, check, expected=expected if check == "reference" else ""
            ),
            expected=ref if check == "reference" else "",
        )
        for check, ok in present.items()
        if not ok
    ]
