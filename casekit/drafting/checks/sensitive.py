"""Special category and criminal-offence data, found by meaning and tied to a person.

The profile lists families of word patterns ([drafting.confidentiality.special]: health
conditions by name, benefits, immigration, criminal, children in care, SEND, sexuality,
religion, ethnicity, union membership, political opinions, pregnancy, finances such as
arrears). A match counts only when it is about someone (see
:mod:`casekit.drafting.mentions`) whom this reader may not be told it about (see
:mod:`.entitlement`): "your diabetes" to the reader is theirs; "Mr Boateng has kidney
failure", to his neighbour, is a leak; "a trade union is balloting crews" is about nobody.
Scheme and team names ("Disabled Facilities Grant", "the SEND Transport team") are masked.
"""

from __future__ import annotations

from typing import Any

from casekit.drafting.checks.context import DraftContext
from casekit.drafting.checks.entitlement import SECTION, exposure
from casekit.drafting.findings import Finding
from casekit.drafting.patterns import Hit, compile_all, families_of
from casekit.drafting.patterns import find as find_patterns
from casekit.drafting.rules import message, source
from casekit.drafting.text import Token

CRIMINAL = "criminal"
LABELS = {
    "health": "health",
    "disability": "disability",
    "send": "special educational needs",
    "benefits": "benefits",
    "immigration": "immigration",
    "criminal": "criminal offence",
    "children": "children's social care",
    "sexuality": "sexual orientation",
    "religion": "religious belief",
    "ethnicity": "ethnic origin",
    "trade_union": "trade union membership",
    "political_opinion": "political opinion",
    "pregnancy": "pregnancy",
    "finances": "financial",
}


def _families(ctx: DraftContext) -> dict[str, frozenset[str]]:
    fams = dict(ctx.families)
    neutrality = ctx.rules.get("neutrality", {})
    fams.update(
        {k: v for k, v in families_of(neutrality.get("families") or {}).items() if k not in fams}
    )
    return fams


def _spans(tokens: tuple[Token, ...], hits: list[Hit]) -> list[tuple[int, int]]:
    return [(h.first, h.last) for h in hits]


def sensitive_terms(ctx: DraftContext) -> list[tuple[int, Hit, str]]:
    """(sentence index, hit, family) for every special-category term, masks removed and
    overlaps reported once (the longest)."""
    rules: Any = ctx.rules[SECTION]
    special = rules.get("special") if isinstance(rules.get("special"), dict) else {}
    masks_table = rules.get("not_special") if isinstance(rules.get("not_special"), dict) else {}
    fams = _families(ctx)
    compiled = {
        family: compile_all(patterns, fams, family, f"drafting.{SECTION}.special.{family}")
        for family, patterns in special.items()
        if isinstance(patterns, list)
    }
    masks = compile_all(
        masks_table.get("masks", []), fams, "mask", f"drafting.{SECTION}.not_special"
    )
    out: list[tuple[int, Hit, str]] = []
    for s_idx, sentence in enumerate(ctx.sentences):
        tokens = sentence.tokens
        masked = _spans(tokens, find_patterns(tokens, masks))
        found: list[tuple[Hit, str]] = []
        for family, patterns in compiled.items():
            for hit in find_patterns(tokens, patterns):
                if any(a <= hit.first and hit.last <= b for a, b in masked):
                    continue
                found.append((hit, family))
        kept: list[tuple[Hit, str]] = []
        for hit, family in sorted(found, key=lambda x: (-(x[0].last - x[0].first), x[0].first)):
            if all(hit.last < k.first or hit.first > k.last for k, _ in kept):
                kept.append((hit, family))
        out += [(s_idx, hit, family) for hit, family in sorted(kept, key=lambda x: x[0].first)]
    return out


def check_special_category(ctx: DraftContext) -> list[Finding]:
    rules = ctx.rules[SECTION]
    findings = []
    for s_idx, hit, family in sensitive_terms(ctx):
        holder = ctx.people.holder(s_idx, hit.first, hit.last)
        if holder is None:
            continue
        severity = exposure(ctx, holder.who, family)
        if severity is None:
            continue
        tokens = ctx.sentences[s_idx].tokens
        start, end = tokens[hit.first].start, tokens[hit.last].end
        name = holder.label or "someone who is not the reader"
        findings.append(
            ctx.finding(
                SECTION,
                kind="confidentiality",
                check="special_category",
                severity=severity,
                message=message(
                    rules,
                    SECTION,
                    "special_category",
                    words=ctx.text[start:end],
                    family=LABELS.get(family, family),
                    name=name,
                ),
                start=start,
                end=end,
                rule=source(rules, SECTION, CRIMINAL if family == CRIMINAL else "special_category"),
                about=holder.label,
            )
        )
    return findings
