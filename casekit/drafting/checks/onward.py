"""Personal data sent on beyond the letter's reader, as the letter itself reports it.

Some leaks are not in what the reader is told but in what the letter says was done:

- **published**: a resident's circumstances, or their name, street, photo or words, put in
  a newsletter, a leaflet or a post ("I put a bit about Ryan's autism in the election
  newsletter"; "your name, your street and your message are on my campaign website"),
  which anyone may read;
- **casework to a campaign**: residents' names, addresses and problems sent to a party's
  agent or campaign ("exported everyone we've helped ... and sent it over to him"), whoever
  the letter is written to.

Both are breaches of UK GDPR art. 5(1)(b) (purpose limitation) and, for special category
data, art. 9: residents gave their details for casework, not for publicity or campaigning
(ICO guidance for elected representatives). A negation before the words ("I have not put
anything about it in the newsletter") is a reassurance, not a leak.
"""

from __future__ import annotations

from typing import Any

from casekit.drafting.checks.context import DraftContext
from casekit.drafting.checks.copies import campaign_words
from casekit.drafting.checks.entitlement import SECTION
from casekit.drafting.checks.sensitive import LABELS, sensitive_terms
from casekit.drafting.findings import Finding
from casekit.drafting.mentions import GENERIC
from casekit.drafting.patterns import compile_all, find
from casekit.drafting.rules import message, setting, source

NEGATION_REACH = 4  # words before the verb in which a negation turns it round
PUT_REACH = 8  # words at the end of the sentence before in which its verb may be
NEGATIONS = frozenset({"not", "never", "no"})


def _patterns(ctx: DraftContext, key: str) -> object:
    rules = ctx.rules[SECTION]
    return compile_all(rules.get(key) or [], ctx.families, key, f"drafting.{SECTION}.{key}")


def _negated(ctx: DraftContext, s_idx: int, first: int) -> bool:
    """A negation in the few words before token ``first`` ("I have not put", "we never
    send"), not anywhere before it ("I hope you don't mind, I put...")."""
    negation = ctx.families.get("negation", frozenset())
    tokens = ctx.sentences[s_idx].tokens
    for tok in reversed(tokens[max(0, first - NEGATION_REACH) : first]):
        if tok.text in ",;:-":
            return False  # "I hope you don't mind, I put it in": another clause's
        if tok.key in negation:
            return True
    return False


def published(ctx: DraftContext) -> list[Finding]:
    """Special category data about someone, in a sentence saying (a word of the
    ``publishing`` family) it went into a newsletter, leaflet, website or post
    (``published_in``)."""
    cues = _patterns(ctx, "published_in")
    verbs = ctx.families.get("publishing", frozenset())
    rules = ctx.rules[SECTION]
    out: list[Finding] = []
    done: set[int] = set()
    places: dict[int, list[Any]] = {}  # each sentence searched once: linear in the letter
    for s_idx, hit, family in sensitive_terms(ctx):
        if s_idx in done:
            continue
        tokens = ctx.sentences[s_idx].tokens
        if s_idx not in places:
            places[s_idx] = find(tokens, cues)  # type: ignore[arg-type]
        said = places[s_idx]
        done.add(s_idx)  # one finding a sentence, and one look
        put = [i for i, t in enumerate(tokens[: said[0].first]) if t.key in verbs] if said else []
        if not put:
            continue  # "the newsletter says the pool reopens": nothing put in it
        if _negated(ctx, s_idx, put[-1]):
            continue  # "I have not put anything about it in the newsletter"
        holder = ctx.people.holder(s_idx, hit.first, hit.last)
        if holder is None or holder.who in (GENERIC, ""):
            done.discard(s_idx)  # another term in the sentence may be someone's
            continue
        start, end = tokens[hit.first].start, tokens[said[0].last].end
        start, end = min(start, tokens[said[0].first].start), max(end, tokens[hit.last].end)
        out.append(
            ctx.finding(
                SECTION,
                kind="confidentiality",
                check="special_category",
                severity=str(setting(rules, SECTION, "copied_severity")),
                message=message(
                    rules,
                    SECTION,
                    "published",
                    words=ctx.text[start:end],
                    family=LABELS.get(family, family),
                    name=holder.label or "someone",
                ),
                start=start,
                end=end,
                rule=source(rules, SECTION, "special_category"),
                about=holder.label,
            )
        )
    return out


def published_details(ctx: DraftContext) -> list[Finding]:
    """A resident's name, street, photo or words (``published_details``) in a sentence
    saying they went into a newsletter, leaflet, website or post."""
    details = _patterns(ctx, "published_details")
    cues = _patterns(ctx, "published_in")
    verbs = ctx.families.get("publishing", frozenset())
    rules = ctx.rules[SECTION]
    for s_idx, sentence in enumerate(ctx.sentences):
        tokens = sentence.tokens
        said = find(tokens, cues)  # type: ignore[arg-type]
        given = find(tokens, details)  # type: ignore[arg-type]
        if not said or not given:
            continue
        put = [i for i, t in enumerate(tokens) if t.key in verbs]
        if put and _negated(ctx, s_idx, put[0]):
            continue
        if not put and not _put_before(ctx, s_idx, verbs):
            continue
        start, end = tokens[given[0].first].start, tokens[given[-1].last].end
        return [
            ctx.finding(
                SECTION,
                kind="confidentiality",
                check="personal_data",
                severity=str(setting(rules, SECTION, "copied_severity")),
                message=message(rules, SECTION, "published_details", words=ctx.text[start:end]),
                start=start,
                end=end,
                rule=source(rules, SECTION, "personal_data"),
            )
        ]
    return []


def _put_before(ctx: DraftContext, s_idx: int, verbs: frozenset[str]) -> bool:
    """A publishing verb at the end of the sentence before, cut off by punctuation inside
    a name ("I've added it to the "Fixed it!" page on my website with your name")."""
    if s_idx == 0:
        return False
    tokens = ctx.sentences[s_idx - 1].tokens
    tail = tokens[-PUT_REACH:]
    return any(t.key in verbs for t in tail) and not any(t.key in NEGATIONS for t in tail)


def casework_to_a_campaign(ctx: DraftContext) -> list[Finding]:
    """Residents' details (``casework_handed_over``) sent on (a word of ``share``) in a
    sentence that, or whose sentence before, speaks of a party, an agent or a campaign."""
    handed = _patterns(ctx, "casework_handed_over")
    share = ctx.families.get("share", frozenset())
    rules = ctx.rules[SECTION]
    for s_idx, sentence in enumerate(ctx.sentences):
        tokens = list(sentence.tokens)
        hits = find(tokens, handed)  # type: ignore[arg-type]
        if not hits or not any(t.key in share for t in tokens):
            continue
        before = list(ctx.sentences[s_idx - 1].tokens) if s_idx else []
        if not (campaign_words(ctx, tokens) or campaign_words(ctx, before)):
            continue
        if _negated(ctx, s_idx, hits[0].first):
            continue
        start, end = tokens[hits[0].first].start, tokens[hits[0].last].end
        return [
            ctx.finding(
                SECTION,
                kind="confidentiality",
                check="copied_member",
                severity=str(setting(rules, SECTION, "copied_severity")),
                message=message(
                    rules, SECTION, "casework_to_campaign", words=sentence_text(ctx, s_idx)
                ),
                start=start,
                end=end,
                rule=source(rules, SECTION, "copied_member"),
            )
        ]
    return []


def sentence_text(ctx: DraftContext, s_idx: int) -> str:
    sentence = ctx.sentences[s_idx]
    return ctx.text[sentence.start : sentence.end].strip()


def check_onward(ctx: DraftContext) -> list[Finding]:
    return published(ctx) + published_details(ctx) + casework_to_a_campaign(ctx)
