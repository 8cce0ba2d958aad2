"""Special category and criminal-offence data, found by meaning and tied to a person.

The profile lists families of word patterns ([drafting.confidentiality.special]: health
conditions by name, benefits, immigration, criminal, children in care, SEND, sexuality,
religion, ethnicity, union membership, political opinions, pregnancy, finances such as
arrears). A match counts only when it is about someone (see
:mod:`casekit.drafting.mentions`) whom this reader may not be told it about (see
:mod:`.entitlement`): "your diabetes" to the reader is theirs; "Mr Boateng has kidney
failure", to his neighbour, is a leak; "a trade union is balloting crews" is about nobody.
Scheme and team names ("Disabled Facilities Grant", "the SEND Transport team") are masked,
and so is any term followed by a word of ``{service_heads}`` ("the mental health team").
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from casekit.drafting.checks.context import CONSTITUENT, OFFICER, THIRD_PARTY, DraftContext
from casekit.drafting.checks.entitlement import SECTION, exposure
from casekit.drafting.checks.matching import keep_best
from casekit.drafting.findings import Finding
from casekit.drafting.lemmas import lemma
from casekit.drafting.mentions import OTHER, WRITER, Mention
from casekit.drafting.patterns import Hit, compile_all, families_of, merge
from casekit.drafting.patterns import find as find_patterns
from casekit.drafting.rules import message, source
from casekit.drafting.text import Token

READER_WORDS = frozenset({"you", "your"})  # "as you told me": the reader is the source

CRIMINAL = "criminal"
OWN_REACH = 4  # words before a term in which "my" makes it the writer's own
AGREE_REACH = 12  # words before "have signed the consent form" that name who agreed
WRITER_LABEL = "you, the officer writing"
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
    "private_life": "private life",
}


def _families(ctx: DraftContext) -> dict[str, frozenset[str]]:
    fams = dict(ctx.families)
    neutrality = ctx.rules.get("neutrality", {})
    fams.update(
        {k: v for k, v in families_of(neutrality.get("families") or {}).items() if k not in fams}
    )
    return fams


def _cover(n: int, masks: list[Hit]) -> list[tuple[int, int]]:
    """For each token, the widest mask span over it ((-1, -1) when none)."""
    cover = [(-1, -1)] * n
    for m in masks:
        for i in range(m.first, m.last + 1):
            if cover[i][1] - cover[i][0] < m.last - m.first:
                cover[i] = (m.first, m.last)
    return cover


def _masked(cover: list[tuple[int, int]], hit: Hit) -> bool:
    """A term wholly inside a mask ("disabled" in "Disabled Facilities Grant")."""
    a, b = cover[hit.first]
    return a >= 0 and a <= hit.first and hit.last <= b


def _service(tokens: tuple[Token, ...], hit: Hit, heads: frozenset[str]) -> bool:
    """A term naming a service rather than someone's data: "the mental health team",
    "the Dementia Support Service", "a drug and alcohol service"."""
    after = tokens[hit.last + 1 : hit.last + 3]
    return any(t.key in heads for t in after[:1]) or (
        len(after) == 2 and after[0].is_word and after[0].capitalised and after[1].key in heads
    )


def _writers_own(tokens: tuple[Token, ...], hit: Hit) -> bool:
    """Whether the words are the writer's own, by a "my" in the phrase just before them
    ("my second round of IVF", "my back operation"), not just said by the writer."""
    for tok in reversed(tokens[max(0, hit.first - OWN_REACH) : hit.first]):
        if not tok.is_word:
            return False
        if tok.low == "my":
            return True
    return False


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
    every = merge(*compiled.values())
    heads = ctx.families.get("service_heads", frozenset())
    out: list[tuple[int, Hit, str]] = []
    for s_idx, sentence in enumerate(ctx.sentences):
        tokens = sentence.tokens
        hits = find_patterns(tokens, every)
        if not hits:
            continue
        cover = _cover(len(tokens), find_patterns(tokens, masks))
        found = [h for h in hits if not _masked(cover, h) and not _service(tokens, h, heads)]
        kept = keep_best(found, lambda h: (h.first, h.last + 1), lambda h: h.last - h.first)
        out += [(s_idx, hit, hit.pattern.group) for hit in kept]
    return out


def check_special_category(ctx: DraftContext) -> list[Finding]:
    rules = ctx.rules[SECTION]
    findings = []
    agreed = _agreeing_names(ctx)
    passed: dict[int, bool] = {}
    for s_idx, hit, family in sensitive_terms(ctx):
        if _in_a_name(ctx, s_idx, hit):
            continue  # "Dean Foster": a surname, not foster care
        holder = ctx.people.holder(s_idx, hit.first, hit.last)
        if holder is None:
            continue
        tokens = ctx.sentences[s_idx].tokens
        if holder.who == WRITER and not _writers_own(tokens, hit):
            continue  # "I am sorry that your leave...": the writer speaks, it is not theirs
        severity = exposure(ctx, holder.who, family)
        if severity is None:
            continue
        key = "special_category"
        if _readers_family(ctx, holder, tokens):
            if passed.setdefault(s_idx, _passed_on(ctx, s_idx)):
                key = "special_category_passed_on"
            else:
                severity, key = "advice", "special_category_family"
        elif holder.who == OTHER and _said_to_agree(ctx, holder, agreed):
            severity, key = "advice", "special_category_agreed"
        start, end = tokens[hit.first].start, tokens[hit.last].end
        name = holder.label or (
            WRITER_LABEL if holder.who == WRITER else "someone who is not the reader"
        )
        findings.append(
            ctx.finding(
                SECTION,
                kind="confidentiality",
                check="special_category",
                severity=severity,
                message=message(
                    rules,
                    SECTION,
                    key,
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


def _readers_family(ctx: DraftContext, holder: Mention, tokens: Sequence[Token]) -> bool:
    """A relative of the reader, named as theirs ("your mother", or "she" for her), in a
    reply to the constituent who raised the case, with no one else given as the source:
    what they told the member about their own family, most likely, so advice to check
    rather than a leak. Passed on from someone else ("her social worker says her
    depression has got worse") it is the relative's data, newly disclosed."""
    if ctx.role != CONSTITUENT or ctx.acting_for:
        return False
    words = holder.label.lower().split()
    kin = ctx.families.get("adult_kin", frozenset())
    if not (len(words) == 2 and words[0] == "your" and lemma(words[1]) in kin):
        return False
    reporting = ctx.families.get("reporting", frozenset())
    return not any(
        tok.key in reporting and (i == 0 or tokens[i - 1].low not in READER_WORDS)
        for i, tok in enumerate(tokens)
    )


def _agreeing_names(ctx: DraftContext) -> frozenset[str]:
    """Names the letter says agreed to this referral ("Both Mr and Mrs Cole have signed
    the consent form"): "mrs cole" and "pamela" forms from the words before each
    ``consent_stated`` cue that no negation precedes. Only for a reader the case has a
    recorded consent for (a service the constituent agreed to be referred to)."""
    if ctx.role not in (OFFICER, THIRD_PARTY) or ctx.reader_consent() is None:
        return frozenset()
    cues = ctx.patterns("consent_stated")
    negation = ctx.families.get("negation", frozenset())
    titles = ctx.families.get("titles", frozenset())
    out: set[str] = set()
    for sentence in ctx.sentences:
        tokens = sentence.tokens
        for hit in find_patterns(tokens, cues):
            before = tokens[max(0, hit.first - AGREE_REACH) : hit.first]
            if any(t.key in negation for t in before):
                continue
            for i, tok in enumerate(before):
                if tok.is_word and tok.capitalised and tok.key not in titles:
                    out.add(tok.low)  # a first name, or a surname after "Mr and Mrs"
                    if i and before[i - 1].key in titles:
                        out.add(f"{before[i - 1].low} {tok.low}")
            for i in range(len(before) - 3):  # "Mr and Mrs Cole": both titles take the name
                a, conj, b, name = before[i : i + 4]
                if a.key in titles and conj.low == "and" and b.key in titles and name.is_word:
                    out.add(f"{a.low} {name.low}")
    return frozenset(out)


def _said_to_agree(ctx: DraftContext, holder: Mention, agreed: frozenset[str]) -> bool:
    """Whether the person this data is about is among those the letter says agreed: by
    title and surname, or by first name (a surname alone could be a relative's)."""
    if not agreed:
        return False
    parts = holder.label.split()
    if len(parts) < 2:
        return False
    title, first, surname = parts[0].lower(), parts[1].lower(), parts[-1].lower()
    if f"{title} {surname}" in agreed:
        return True
    return len(parts) >= 3 and first in agreed and surname in agreed


def _passed_on(ctx: DraftContext, s_idx: int) -> bool:
    """Whether the letter says, in this sentence or the next, that it was passed on ("I've
    mentioned it to the housing officer too"): then the family's data has gone further than
    the reader, whoever told it first."""
    patterns = ctx.patterns("passed_on")
    negation = ctx.families.get("negation", frozenset())
    for n in (s_idx, s_idx + 1):
        if n >= len(ctx.sentences):
            break
        tokens = ctx.sentences[n].tokens
        for hit in find_patterns(tokens, patterns):
            if not any(t.key in negation for t in tokens[max(0, hit.first - 3) : hit.first]):
                return True
    return False


def _in_a_name(ctx: DraftContext, s_idx: int, hit: Hit) -> bool:
    """Whether the term is part of a person's name the letter gives ("Dean Foster",
    "Mrs Hope")."""
    return any(m.kind == "name" for m in ctx.people.covering(s_idx, hit.first, hit.last))
