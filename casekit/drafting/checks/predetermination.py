"""Predetermination: a planning committee member must not commit to a view on an
application before the committee hears it (Localism Act 2011 s25; planning codes).

"You have my word... I will make sure it is refused" predetermines; "I cannot promise to
vote either way... I must keep an open mind" is good practice. A negation with "promise",
"say" or "commit" before a commitment turns it round. Whether the member sits on the
committee comes from the member's ``committees`` or from the letter itself ("As I sit on
the Planning Committee"); a member known not to sit on it may lobby ("I will ask the
committee to refuse it"). When it is unknown, a commitment is a warning to check.
"""

from __future__ import annotations

from collections.abc import Sequence

from casekit.drafting.checks.context import DraftContext
from casekit.drafting.findings import Finding
from casekit.drafting.patterns import Hit, compile_all, families_of, find
from casekit.drafting.rules import message, setting, words_list
from casekit.drafting.text import Token

SECTION = "predetermination"
NEGATION_WINDOW = 6
YES, NO, UNKNOWN = "yes", "no", "unknown"


def _list(ctx: DraftContext, key: str) -> list[str]:
    rules = ctx.rules.get(SECTION, {})
    return words_list(rules, SECTION, key) if key in rules else []


def on_committee(ctx: DraftContext) -> str:
    """Whether the member sits on a committee that decides planning applications."""
    names = {c.lower() for c in _list(ctx, "committees")}
    committees = ctx.member.get("committees")
    if isinstance(committees, list | tuple):
        listed = {str(c).strip().lower() for c in committees}
        return YES if listed & names else NO
    for key, answer in (("not_on_committee", NO), ("on_committee", YES)):
        patterns = compile_all(_list(ctx, key), {}, key, f"drafting.{SECTION}.{key}")
        if any(find(s.tokens, patterns) for s in ctx.sentences):
            return answer
    return UNKNOWN


def _turned_round(
    tokens: Sequence[Token], hit: Hit, negation: frozenset[str], turn: frozenset[str]
) -> bool:
    """ "I cannot promise that I will vote against it": a negated promise before the words."""
    before = tokens[max(0, hit.first - NEGATION_WINDOW) : hit.first]
    keys = [t.key for t in before]
    return any(k in negation for k in keys) and any(k in turn for k in keys)


def commitments(ctx: DraftContext) -> list[tuple[int, Hit]]:
    """(sentence index, hit) for every commitment to an outcome, negations respected."""
    rules = ctx.rules.get(SECTION)
    if not rules:
        return []
    fams = families_of({k: v for k, v in rules.items() if k in ("negation", "turn_round")})
    patterns = compile_all(
        _list(ctx, "commitments"), {}, "commitments", f"drafting.{SECTION}.commitments"
    )
    negation, turn = fams.get("negation", frozenset()), fams.get("turn_round", frozenset())
    out = []
    for s_idx, sentence in enumerate(ctx.sentences):
        for hit in find(sentence.tokens, patterns):
            if not _turned_round(sentence.tokens, hit, negation, turn):
                out.append((s_idx, hit))
    return out


def open_mind(ctx: DraftContext) -> list[str]:
    """The good-practice words the letter uses ("keep an open mind", "either way")."""
    patterns = compile_all(
        _list(ctx, "open_mind"), {}, "open_mind", f"drafting.{SECTION}.open_mind"
    )
    words = []
    for sentence in ctx.sentences:
        for hit in find(sentence.tokens, patterns):
            words.append(ctx.text[sentence.tokens[hit.first].start : sentence.tokens[hit.last].end])
    return words


def check_predetermination(ctx: DraftContext) -> list[Finding]:
    rules = ctx.rules.get(SECTION)
    if not rules:
        return []
    sits = on_committee(ctx)
    topic = {t.lower() for t in _list(ctx, "topic")}
    about_planning = str(ctx.case.get("category") or "").lower() == "planning" or any(
        t.low in topic for t in ctx.tokens
    )
    if sits == NO or not about_planning:
        return []
    found = commitments(ctx)
    if not found:
        return []
    severity = str(setting(rules, SECTION, "severity" if sits == YES else "unsure_severity"))
    key = "predetermination" if sits == YES else "predetermination_unsure"
    member = str(ctx.member.get("name") or "the member")
    findings = []
    for s_idx, hit in found:
        tokens = ctx.sentences[s_idx].tokens
        start, end = tokens[hit.first].start, tokens[hit.last].end
        findings.append(
            ctx.finding(
                SECTION,
                kind="predetermination",
                check="predetermination",
                severity=severity,
                message=message(rules, SECTION, key, words=ctx.text[start:end], member=member),
                start=start,
                end=end,
            )
        )
    return findings
