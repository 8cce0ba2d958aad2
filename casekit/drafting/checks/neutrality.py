"""Political neutrality: who a reply credits or blames, and whether it campaigns.

Officers serve the whole council (Local Government Act 1986 s2), so an officer-drafted
reply carries the member's style but not their party politics. The check looks for what
the wording does rather than for a list of phrases:

- a **party named** to credit, blame or promote it (see :mod:`.parties`; a group tabling
  a motion is reported neutrally);
- **attacks** on opponents and predecessors ("the last lot", "the group that ran this
  council until 2023", "the councillors opposite");
- **credit claimed** for a party, group or administration ("we have kept our word",
  "one more promise your local team has delivered", "competent leadership");
- **calls to action** of a campaign (votes, leaflets, petitions, doorsteps, ballot boxes,
  another four years, work timed "before the elections ... so residents can see").

Each family is a list of word patterns in the profile. Some patterns are partisan only
when the sentence also blames or campaigns (a bare "previous administration" may be a
fact): without that cue they are advice. A negation before a promise or a call turns it
round ("I will not ask you to vote for me"). In a pre-election period the same words are
breaches, and ``pre_election_extra`` counts too.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace
from typing import Any

from casekit.drafting.checks.context import DraftContext
from casekit.drafting.checks.matching import keep_best
from casekit.drafting.checks.parties import FAVOUR, MENTION, PARTISAN, party_mentions
from casekit.drafting.checks.reported import inside, reported_spans
from casekit.drafting.checks.resemblance import resemblance_findings, unfound
from casekit.drafting.checks.signals import (
    REVIEW,
    described,
    fire,
    names_of_things,
    sides,
    span_of,
    tag,
)
from casekit.drafting.findings import Finding, severity_rank
from casekit.drafting.patterns import Hit, compile_all, families_of, find
from casekit.drafting.rules import message, setting, words_list
from casekit.drafting.text import Token

SECTION = "neutrality"
# Pattern groups, the family of cue words their "_cued" patterns need, and the check name
# a finding carries (the member's comments are keyed on it).
GROUPS = (
    ("attacks", "blame"),
    ("credit_claiming", "credit"),
    ("calls_to_action", "campaign"),
)
PRE_ELECTION_LIST = "pre_election_extra"
REVIEW_CHECK = "political_review"
RESEMBLANCE_CHECK = "political_resemblance"  # the model's second opinion, also for review
NEGATION_WINDOW = 4
CLAUSE_BREAKS = frozenset({",", ";", ":", "but", "-", "–"})


def _negated(tokens: Sequence[Token], first: int, negation: frozenset[str]) -> bool:
    """A negation word shortly before token ``first``, in the same clause."""
    for tok in reversed(tokens[max(0, first - NEGATION_WINDOW) : first]):
        if tok.text.lower() in CLAUSE_BREAKS:
            return False
        if tok.key in negation:
            return True
    return False


def _cued(patterns: list[str], default: str) -> dict[str, str]:
    """Cued patterns and the family of cue words each needs: "pattern => {family}", or the
    group's own cue family."""
    out = {}
    for raw in patterns:
        pattern, _, cue = raw.partition("=>")
        out[pattern.strip()] = cue.strip(" {}") or default
    return out


def _optional(rules: Mapping[str, Any], key: str) -> list[str]:
    return words_list(rules, SECTION, key) if key in rules else []


def check_neutrality(ctx: DraftContext) -> list[Finding]:
    rules = ctx.rules[SECTION]
    fams = families_of(rules.get("families") or {})
    negation = fams.get("negation", frozenset())
    negatable = set(_optional(rules, "negatable"))
    source = str(setting(rules, SECTION, "source"))
    if ctx.pre_election:
        severity = str(setting(rules, SECTION, "pre_election_severity"))
        source = f"{source}; {setting(rules, SECTION, 'pre_election_source')}"
    else:
        severity = str(setting(rules, SECTION, "severity"))

    def finding(check: str, start: int, end: int, sev: str, key: str | None = None) -> Finding:
        return ctx.finding(
            SECTION,
            kind="neutrality",
            check=check,
            severity=sev,
            message=message(rules, SECTION, key or check, words=ctx.text[start:end]),
            start=start,
            end=end,
            rule=source,
        )

    found: list[Finding] = []
    things = names_of_things(ctx.sentences, rules, fams)  # found once, used three times
    tagged = tag(ctx.sentences, rules, fams, things)
    for mention in party_mentions(ctx.sentences, rules, sides(tagged, rules)):
        if mention.frame in (PARTISAN, FAVOUR):
            found.append(finding("party_names", mention.start, mention.end, severity))
        elif mention.frame == MENTION:
            found.append(
                finding("party_names", mention.start, mention.end, "advice", "party_mention")
            )
    word_patterns = compile_all(_optional(rules, "party_word_patterns"), fams, "party_names")
    groups = [(g, cue, g) for g, cue in GROUPS]
    if ctx.pre_election:
        groups.append((PRE_ELECTION_LIST, "", PRE_ELECTION_LIST))
    for s_idx, sentence in enumerate(ctx.sentences):
        tokens = sentence.tokens
        hidden = things[s_idx]
        keys = {t.key for i, t in enumerate(tokens) if i not in hidden}
        hits: list[tuple[Hit, str, str, str]] = [
            (h, "party_names", "party_names", "") for h in find(tokens, word_patterns)
        ]
        for group, cue, check in groups:
            strong = compile_all(
                _optional(rules, group), fams, group, f"drafting.{SECTION}.{group}"
            )
            cues = _cued(_optional(rules, f"{group}_cued"), cue)
            cued = compile_all(list(cues), fams, group, f"drafting.{SECTION}.{group}_cued")
            hits += [(h, group, check, "") for h in find(tokens, strong)]
            hits += [(h, group, check, cues[h.pattern.text]) for h in find(tokens, cued)]
        for hit, group, check, needs in hits:
            if group in negatable and _negated(tokens, hit.first, negation):
                continue
            if hidden and any(i in hidden for i in range(hit.first, hit.last + 1)):
                continue
            start, end = tokens[hit.first].start, tokens[hit.last].end
            if needs and not keys & fams.get(needs, frozenset()):
                found.append(finding(check, start, end, "advice", f"{group}_cued"))
            else:
                found.append(finding(check, start, end, severity))
    for fired in fire(ctx.text, ctx.sentences, rules, tagged):
        start, end = span_of(fired, ctx.sentences)
        key = "signal_review" if fired.signal.tier == REVIEW else "signal"
        sev = (
            severity
            if fired.signal.tier != REVIEW
            else str(setting(rules, SECTION, "review_severity"))
        )
        found.append(
            ctx.finding(
                SECTION,
                kind="neutrality",
                check=fired.signal.check,
                severity=sev,
                message=message(
                    rules,
                    SECTION,
                    key,
                    words=ctx.text[start:end],
                    concepts=described(fired, rules),
                ),
                start=start,
                end=end,
                rule=source,
            )
        )
    spans = reported_spans(ctx.text, ctx.sentences, rules, fams)
    found = _reported(ctx, found, spans)
    extra = resemblance_findings(
        ctx, SECTION, "neutrality", RESEMBLANCE_CHECK, hidden=_unread(ctx, things, spans)
    )
    found += unfound(extra, found)
    return _strongest(found)


def _unread(
    ctx: DraftContext, things: Sequence[set[int]], spans: Sequence[tuple[int, int, int]]
) -> dict[int, set[int]]:
    """By sentence, the tokens the resemblance model does not read: names of things
    ("postal vote pack") and words reported from the reader."""
    out: dict[int, set[int]] = {n: set(hidden) for n, hidden in enumerate(things) if hidden}
    for s_idx, start, end in spans:
        tokens = ctx.sentences[s_idx].tokens
        out.setdefault(s_idx, set()).update(
            i for i, t in enumerate(tokens) if start <= t.start and t.end <= end
        )
    return out


def _reported(
    ctx: DraftContext, found: list[Finding], spans: Sequence[tuple[int, int, int]]
) -> list[Finding]:
    """Findings inside words the letter reports (the reader's question or quoted words,
    see :mod:`.reported`) become advice to answer without taking them up."""
    rules = ctx.rules[SECTION]
    if not spans:
        return found
    out = []
    for f in found:
        if f.severity != "advice" and inside(spans, f.start, f.end):
            f = replace(
                f,
                severity="advice",
                message=message(rules, SECTION, "reported", words=f.words),
            )
        out.append(f)
    return out


def _strongest(findings: list[Finding]) -> list[Finding]:
    """Overlapping findings reported once: the most serious, then a decided one over one
    for review, then the longest."""
    return keep_best(
        findings,
        lambda f: (f.start, f.end),
        lambda f: (
            severity_rank(f.severity),
            f.check not in (REVIEW_CHECK, RESEMBLANCE_CHECK),
            f.end - f.start,
        ),
    )
