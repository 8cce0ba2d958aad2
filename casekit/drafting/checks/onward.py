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

from casekit.drafting.checks.context import DraftContext
from casekit.drafting.checks.copies import campaign_words
from casekit.drafting.checks.entitlement import SECTION
from casekit.drafting.checks.sensitive import LABELS, sensitive_terms
from casekit.drafting.checks.signals import negated
from casekit.drafting.findings import Finding
from casekit.drafting.mentions import GENERIC
from casekit.drafting.patterns import Hit, find
from casekit.drafting.rules import message, setting, source

PUT_REACH = 8  # words at the end of the sentence before in which its verb may be


def _breach(
    ctx: DraftContext, check: str, key: str, rule: str, span: tuple[int, int], **fields: str
) -> Finding:
    """A finding at the section's ``copied_severity`` (data gone beyond the reader)."""
    rules = ctx.rules[SECTION]
    about = fields.pop("about", "")
    return ctx.finding(
        SECTION,
        kind="confidentiality",
        check=check,
        severity=str(setting(rules, SECTION, "copied_severity")),
        message=message(rules, SECTION, key, **fields),
        start=span[0],
        end=span[1],
        rule=source(rules, SECTION, rule),
        about=about,
    )


def _not(ctx: DraftContext, s_idx: int, first: int) -> bool:
    """A negation just before token ``first`` in its clause ("I have not put", "we never
    send"; not "I hope you don't mind, I put...")."""
    tokens = ctx.sentences[s_idx].tokens
    return negated(tokens, first, ctx.families.get("negation", frozenset()))


def _publication(ctx: DraftContext, s_idx: int) -> Hit | None:
    """Where the sentence says something was put into a publication (``published_in``,
    after a word of ``publishing`` not negated), or None."""
    tokens = ctx.sentences[s_idx].tokens
    said = find(tokens, ctx.patterns("published_in"))
    if not said:
        return None
    verbs = ctx.families.get("publishing", frozenset())
    put = [i for i, t in enumerate(tokens[: said[0].first]) if t.key in verbs]
    if not put or _not(ctx, s_idx, put[-1]):
        return None  # "the newsletter says the pool reopens"; "I have not put it in"
    return said[0]


def published(ctx: DraftContext) -> list[Finding]:
    """Special category data about someone, in a sentence saying (a word of the
    ``publishing`` family) it went into a newsletter, leaflet, website or post
    (``published_in``); one finding a sentence, each sentence read once."""
    out: list[Finding] = []
    places: dict[int, Hit | None] = {}
    found: set[int] = set()
    for s_idx, hit, family in sensitive_terms(ctx):
        if s_idx in found:
            continue
        if s_idx not in places:
            places[s_idx] = _publication(ctx, s_idx)
        place = places[s_idx]
        if place is None:
            continue
        holder = ctx.people.holder(s_idx, hit.first, hit.last)
        if holder is None or holder.who in (GENERIC, ""):
            continue  # another term in the sentence may be someone's
        found.add(s_idx)
        tokens = ctx.sentences[s_idx].tokens
        start = min(tokens[hit.first].start, tokens[place.first].start)
        end = max(tokens[place.last].end, tokens[hit.last].end)
        out.append(
            _breach(
                ctx,
                "special_category",
                "published",
                "special_category",
                (start, end),
                words=ctx.text[start:end],
                family=LABELS.get(family, family),
                name=holder.label or "someone",
                about=holder.label,
            )
        )
    return out


def published_details(ctx: DraftContext) -> list[Finding]:
    """A resident's name, street, photo or words (``published_details``) in a sentence
    saying they went into a newsletter, leaflet, website or post."""
    details = ctx.patterns("published_details")
    cues = ctx.patterns("published_in")
    verbs = ctx.families.get("publishing", frozenset())
    for s_idx, sentence in enumerate(ctx.sentences):
        tokens = sentence.tokens
        said = find(tokens, cues)
        given = find(tokens, details)
        if not said or not given:
            continue
        put = [i for i, t in enumerate(tokens) if t.key in verbs]
        if put and _not(ctx, s_idx, put[0]):
            continue
        if not put and not _put_before(ctx, s_idx, verbs):
            continue
        start, end = tokens[given[0].first].start, tokens[given[-1].last].end
        words = ctx.text[start:end]
        return [
            _breach(
                ctx,
                "personal_data",
                "published_details",
                "personal_data",
                (start, end),
                words=words,
            )
        ]
    return []


def _put_before(ctx: DraftContext, s_idx: int, verbs: frozenset[str]) -> bool:
    """A publishing verb at the end of the sentence before, cut off by punctuation inside
    a name ("I've added it to the "Fixed it!" page on my website with your name")."""
    if s_idx == 0:
        return False
    tail = ctx.sentences[s_idx - 1].tokens[-PUT_REACH:]
    negation = ctx.families.get("negation", frozenset())
    return any(t.key in verbs for t in tail) and not any(t.key in negation for t in tail)


def casework_to_a_campaign(ctx: DraftContext) -> list[Finding]:
    """Residents' details (``casework_handed_over``) sent on (a word of ``share``) in a
    sentence that, or whose sentence before, speaks of a party, an agent or a campaign."""
    handed = ctx.patterns("casework_handed_over")
    share = ctx.families.get("share", frozenset())
    for s_idx, sentence in enumerate(ctx.sentences):
        tokens = list(sentence.tokens)
        hits = find(tokens, handed)
        if not hits or not any(t.key in share for t in tokens):
            continue
        before = list(ctx.sentences[s_idx - 1].tokens) if s_idx else []
        if not (campaign_words(ctx, tokens) or campaign_words(ctx, before)):
            continue
        if _not(ctx, s_idx, hits[0].first):
            continue
        span = (tokens[hits[0].first].start, tokens[hits[0].last].end)
        said = ctx.text[sentence.start : sentence.end].strip()
        return [
            _breach(ctx, "copied_member", "casework_to_campaign", "copied_member", span, words=said)
        ]
    return []


def check_onward(ctx: DraftContext) -> list[Finding]:
    return published(ctx) + published_details(ctx) + casework_to_a_campaign(ctx)
