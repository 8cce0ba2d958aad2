"""Private channels and homes, given in words rather than as a number or an address.

A letter can leak someone's private life without quoting a number: "message her on her
personal Facebook page", "WhatsApp her on her own phone", "he lives on the estate himself",
"it's where Mr Stamford lives". The profile lists the wording of private channels
(``private_channels``) and of where someone lives (``home``); the person it belongs to
comes from :mod:`casekit.drafting.mentions`, and whether this reader may have it from
:mod:`.entitlement`. An officer's private channels and home are never for the reader
(their work contacts are); a private person's only where the reader may have them.

Where someone lives counts when the letter says where: a place after the words ("lives
on Marsh Road", "lives locally", "number 40"), or "where <person> lives" about an address
the letter has just given. "A man who lives in the area" is nobody's address.
"""

from __future__ import annotations

from casekit.drafting.checks.context import DraftContext
from casekit.drafting.checks.entitlement import ADDRESS, CONTACT, SECTION, exposure
from casekit.drafting.checks.sensitive import WRITER_LABEL
from casekit.drafting.findings import Finding
from casekit.drafting.mentions import OFFICIAL, WRITER, Mention
from casekit.drafting.patterns import Hit, compile_all, find
from casekit.drafting.rules import message, source
from casekit.drafting.text import Token

PLACE_REACH = 4  # words after "lives" in which a place must start


def _patterns(ctx: DraftContext, key: str) -> list[str]:
    value = ctx.rules[SECTION].get(key, [])
    return [v for v in value if isinstance(v, str)] if isinstance(value, list) else []


def _place_after(tokens: tuple[Token, ...], hit: Hit, ctx: DraftContext) -> bool:
    """A street, a house number or a word of {nearby} just after the words ("lives on
    Marsh Road", "lives next door"); a town is no one's address ("lives in Leeds")."""
    nearby = ctx.families.get("nearby", frozenset())
    streets = ctx.families.get("street", frozenset())
    window = tokens[hit.last + 1 : hit.last + 1 + PLACE_REACH]
    for n, tok in enumerate(window):
        if tok.key in nearby or tok.text.isdigit():
            return True
        if tok.is_word and tok.capitalised and any(t.key in streets for t in window[n + 1 :]):
            return True
        if tok.text in ".;!?":
            return False
    return any(t.key in nearby for t in tokens[hit.first : hit.last + 1])


def _holder(ctx: DraftContext, s_idx: int, hit: Hit) -> Mention | None:
    """Whose the words are: a person named inside them ("where Mr Stamford lives"), else
    the nearest before them in the sentence."""
    inside = [
        m
        for m in ctx.people.in_sentence(s_idx)
        if hit.first <= m.first and m.last <= hit.last and m.kind in ("name", "pronoun")
    ]
    if inside:
        return inside[-1]
    before = ctx.people.before(s_idx, hit.first, 12)
    return before[0] if before else None


def check_private(ctx: DraftContext) -> list[Finding]:
    channels = compile_all(
        _patterns(ctx, "private_channels"),
        ctx.families,
        "private_channels",
        f"drafting.{SECTION}.private_channels",
    )
    homes = compile_all(_patterns(ctx, "home"), ctx.families, "home", f"drafting.{SECTION}.home")
    findings: list[Finding] = []
    for s_idx, sentence in enumerate(ctx.sentences):
        tokens = sentence.tokens
        for hit in find(tokens, channels):
            holder = _holder(ctx, s_idx, hit)
            if holder is None:
                continue
            severity = exposure(ctx, holder.who, CONTACT)
            if severity is not None:
                findings.append(_finding(ctx, tokens, hit, holder, severity, "contact_details"))
        for hit in find(tokens, homes):
            holder = _holder(ctx, s_idx, hit)
            if holder is None or holder.kind not in ("name", "pronoun", "relative"):
                continue
            where = hit.pattern.text.startswith("where")
            if not where and holder.who != OFFICIAL and not _place_after(tokens, hit, ctx):
                continue
            severity = exposure(ctx, holder.who, ADDRESS)
            if severity is not None:
                findings.append(_finding(ctx, tokens, hit, holder, severity, "home_address"))
    return findings


def _finding(
    ctx: DraftContext,
    tokens: tuple[Token, ...],
    hit: Hit,
    holder: Mention,
    severity: str,
    check: str,
) -> Finding:
    rules = ctx.rules[SECTION]
    start, end = tokens[hit.first].start, tokens[hit.last].end
    words = ctx.text[start:end]
    name = holder.label or (
        WRITER_LABEL if holder.who == WRITER else "someone who is not the reader"
    )
    key = "private_channel" if check == "contact_details" else "home_address"
    return ctx.finding(
        SECTION,
        kind="confidentiality",
        check=check,
        severity=severity,
        message=message(rules, SECTION, key, words=words, name=name),
        start=start,
        end=end,
        rule=source(rules, SECTION, "contact_details" if check == "contact_details" else key),
        about=holder.label,
    )
