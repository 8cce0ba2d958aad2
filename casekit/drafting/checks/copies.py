"""Copies: who else a letter goes to, on a copy line or in a sentence.

"cc: Councillor Mistry" is fine when she raised the enquiry (the member of the case), and
so is a ward colleague the constituent agreed to, a case officer or a council service.
Copying other members, an MP, a candidate, a party organiser, a campaign list or the
press, on a copy line ("cc: Cllr Sarah Blake", "Bcc: Cllr Gary Dunmore") or in a
sentence ("I have shared your email with our group whip", "I've copied in Tom Ashby, our
ward organiser", "I've added her details to our canvassing database"), shares
the constituent's case without their consent (ICO guidance for elected representatives).
A negation turns a sentence round ("nothing about you has been copied to him").
"""

from __future__ import annotations

import re

from casekit.drafting.checks.context import DraftContext, same_body
from casekit.drafting.checks.parties import party_mentions
from casekit.drafting.findings import Finding
from casekit.drafting.lemmas import lemma
from casekit.drafting.patterns import find
from casekit.drafting.people import person, plain_name, same_person
from casekit.drafting.rules import message, setting, source, words_list
from casekit.drafting.text import Sentence, Token, tokenize

SECTION = "confidentiality"
TARGET_WORDS = 24
LINK_REACH = 14  # "forwarded the whole thing, your photos and address included, to Hayley"
NEGATION_WINDOW = 5
LINKS = frozenset({"to", "with"})
COPY_IN = frozenset({"copy", "cc"})  # "copied in", "cc'd in": the only verbs "in" follows
CLAUSE_END = frozenset({".", ";", "!", "?"})
WRITER_SIDE = frozenset({"us", "me"})
BACK_REACH = 60  # words before a share in which "your MP" may be what "her office" means
OWNERS = frozenset({"his", "her", "their"})
PARTY = "party"
REFERRING = frozenset({"referring", "referred", "referrer", "raised"})
OFFICES = frozenset({"office", "offic", "team", "caseworker", "staff", "agent"})
# "the councillor", "your councillor": the case's own member, whom the letter need not name
THE_MEMBER = [[d, c] for d in ("the", "your") for c in ("councillor", "cllr")]
TAIL_WORDS = 9  # words after a share's target that may say who it is ("who is standing")
SAYING = frozenset({lemma("add")})  # "add that ...": a share word that introduces words said
# "pass my congratulations to the Cabinet Member": a message passed on, not the letter
GREETINGS = frozenset(
    lemma(w)
    for w in (
        "congratulations",
        "thanks",
        "regards",
        "wishes",
        "apologies",
        "gratitude",
        "condolences",
        "sympathies",
        "compliments",
        "love",
    )
)


def _strip_brackets(text: str) -> str:
    """``text`` without anything in round brackets (one pass, no backtracking)."""
    out, depth = [], 0
    for ch in text:
        if ch == "(":
            depth += 1
        elif ch == ")" and depth:
            depth -= 1
        elif not depth:
            out.append(ch)
    return "".join(out)


def _entitled_name(ctx: DraftContext, name: str) -> bool:
    """Whether a person named on a copy line may see the letter."""
    bare = _strip_brackets(name).strip(" .:")
    if not bare:
        return True
    if same_person(bare, ctx.member) or same_person(bare, ctx.addressee):
        return True
    plain = plain_name(person(bare))
    surname = plain.split()[-1] if plain.split() else ""
    for consented in ctx.consents:
        if consented == plain or (
            surname and consented.split() and consented.split()[-1] == surname
        ):
            return True
    member_surname = str(ctx.member.get("surname") or "").lower()
    if member_surname and surname == member_surname:
        return True
    if any(same_person(bare, k) and _referred(k) for k in ctx.known_people):
        return True  # the member who raised the case with the writer may see the reply
    return any(same_person(bare, o) for o in ctx.officials)


def _referred(known: dict[str, object]) -> bool:
    """Whether the case record says this person referred or raised the case."""
    note = str(known.get("note") or known.get("relation") or "").lower()
    return any(word in note.split() for word in REFERRING)


def _political(ctx: DraftContext, tokens: list[Token]) -> bool:
    """A party, a campaign, a canvassing list, or the press: uses of their own. A party's
    name counts only where it means the party (not "Larch Green", the "Green waste" round),
    and "party" not where it is an ordinary word ("the third-party insurers", "interested
    parties")."""
    politics = ctx.families.get("politics", frozenset()) | ctx.families.get("outlets", frozenset())
    ordinary = ctx.families.get("party_ordinary_before", frozenset())
    for n, t in enumerate(tokens):
        if t.key not in politics:
            continue
        if t.key != PARTY:
            return True
        if n + 1 < len(tokens) and tokens[n + 1].low in ("wall", "walls"):
            continue  # the Party Wall etc. Act 1996, a party wall: not politics
        before = n - 2 if n >= 2 and tokens[n - 1].text in ("-", "–") else n - 1
        if before < 0 or tokens[before].key not in ordinary:
            return True
    return _party_named(ctx, tokens)


def campaign_words(ctx: DraftContext, tokens: list[Token]) -> bool:
    """Whether these words speak of a party or a campaign and its people (an agent, an
    organiser, a candidate), not merely of a councillor."""
    campaign = ctx.families.get("campaign_readers", frozenset())
    return any(t.key in campaign for t in tokens) or _party_named(ctx, tokens)


def _party_named(ctx: DraftContext, tokens: list[Token]) -> bool:
    """Whether the words name a party in the sense the neutrality check reads one."""
    neutrality = ctx.rules.get("neutrality", {})
    return bool(party_mentions([Sentence(0, 0, tuple(tokens))], neutrality, [False]))


def _recipient_ok(ctx: DraftContext, recipient: str) -> bool:
    tokens = tokenize(recipient)
    if "@" in recipient:
        return recipient.strip().lower() in {
            str(p.get("email") or "").lower() for p in (ctx.member, ctx.addressee, *ctx.officials)
        }
    if _entitled_name(ctx, recipient):
        return True
    orgs = ctx.families.get("organisation", frozenset())
    # a council team or service, not a party's
    return any(t.key in orgs for t in tokens) and not _political(ctx, tokens)


def _copy_lines(ctx: DraftContext) -> list[Finding]:
    rules = ctx.rules[SECTION]
    markers = sorted(
        (m.strip().lower() for m in words_list(rules, SECTION, "copied_members_markers")),
        key=len,
        reverse=True,
    )
    findings = []
    pos = 0
    for line in ctx.text.split("\n"):
        start = pos
        pos += len(line) + 1
        stripped = line.strip()
        low = stripped.lower()
        marker = next(
            (
                m
                for m in markers
                if low.startswith(m) and (len(low) == len(m) or low[len(m)] in ": \t")
            ),
            None,
        )
        if marker is None:
            continue
        rest = stripped[len(marker) :].lstrip(" \t:")
        if set(re.findall(r"[a-z]+", rest.lower())) & REFERRING:
            continue  # "cc: Cllr Danny Moss (who raised it with me)": the referring member
        recipients = [
            r.strip() for r in re.split(r"[,;]|\band\b", _strip_brackets(rest)) if r.strip()
        ]
        if not recipients or all(_recipient_ok(ctx, r) for r in recipients):
            continue
        if any(same_body(name, rest) for name in ctx.consents if name):
            continue  # "cc Callum Reid, Office of the MP" with consent for "the MP's office"
        lead = len(line) - len(line.lstrip())
        f_start, f_end = start + lead, start + lead + len(stripped)
        findings.append(_finding(ctx, f_start, f_end, rest))
    return findings


def _finding(
    ctx: DraftContext, start: int, end: int, about: str, key: str = "copied_member"
) -> Finding:
    rules = ctx.rules[SECTION]
    return ctx.finding(
        SECTION,
        kind="confidentiality",
        check="copied_member",
        severity=str(setting(rules, SECTION, "copied_severity")),
        message=message(rules, SECTION, key, words=ctx.text[start:end]),
        start=start,
        end=end,
        rule=source(rules, SECTION, "copied_member"),
        about=about,
    )


def _someone_political(ctx: DraftContext, tokens: list[Token]) -> bool:
    """Whether these words speak of a politician other than the case's member ("your
    MP", "the Reform candidate"; not "Councillor Fenwick" when he is the member)."""
    politics = ctx.families.get("politics", frozenset()) | ctx.families.get("party", frozenset())
    member = str(ctx.member.get("surname") or "").lower() if ctx.member else ""
    if not member and ctx.member:
        words = plain_name(ctx.member).split()
        member = words[-1] if words else ""
    for n, t in enumerate(tokens):
        if t.key not in politics:
            continue
        near = {x.low for x in tokens[max(0, n - 2) : n + 3]}
        if not member or member not in near:
            return True
    return False


def _theirs(ctx: DraftContext, target: list[Token], before: list[Token]) -> bool:
    """A target that is a politician's office by a pronoun ("forwarded it to her office"
    just after speaking of "your MP"): political as if named."""
    politics = ctx.families.get("politics", frozenset())
    agreed = any(t.key in politics for c in ctx.consents for t in tokenize(c))
    return (
        not agreed  # the constituent agreed to their MP (or another member) having it
        and any(t.low in OWNERS for t in target[:2])
        and any(t.key in OFFICES for t in target[:4])
        and _someone_political(ctx, before)
    )


def _sharing(ctx: DraftContext) -> list[Finding]:
    share = ctx.families.get("share", frozenset())
    negation = ctx.families.get("negation", frozenset())
    findings = []
    previous: list[Token] = []
    for sentence in ctx.sentences:
        tokens = list(sentence.tokens)
        before, previous = previous + tokens, tokens
        for i, tok in enumerate(tokens):
            if tok.key not in share or not tok.is_word:
                continue
            if tok.key in SAYING and i + 1 < len(tokens) and tokens[i + 1].low == "that":
                continue  # "asked me to add that...": words reported, nobody copied in
            if i + 1 < len(tokens) and tokens[i + 1].text in ",.;":
                continue  # "the wall is shared, so...": a description, nothing sent
            links = LINKS | ({"in"} if tok.key in COPY_IN else set())
            link = next(
                (
                    j
                    for j in range(i + 1, min(len(tokens), i + LINK_REACH))
                    if tokens[j].key in links
                ),
                -1,
            )
            if link < 0 or any(t.key in GREETINGS for t in tokens[i + 1 : link]):
                continue
            if any(t.key in negation for t in tokens[max(0, i - NEGATION_WINDOW) : i]):
                continue
            target = []
            for t in tokens[link + 1 : link + 1 + TARGET_WORDS]:
                if t.text in CLAUSE_END or t.low in ("so", "because", "who", "as", "since"):
                    break
                target.append(t)
            if not target or target[0].low in WRITER_SIDE:
                continue  # "passed to us by Ms Hale MP": coming in, not going out
            if [t.low for t in target] in THE_MEMBER and not target[-1].possessive:
                continue  # "copying this to the councillor because she raised it": theirs
            cut = len(before) - len(tokens) + i
            tail = tokens[link + 1 + len(target) : link + 1 + len(target) + TAIL_WORDS]
            if (
                not _political(ctx, target)
                and not _theirs(ctx, target, before[max(0, cut - BACK_REACH) : cut])
                and not _candidate_after(ctx, tail)
            ):
                continue
            words = ctx.text[target[0].start : target[-1].end]
            if _named_consent(ctx, words):
                continue
            findings.append(_finding(ctx, tok.start, target[-1].end, words))
    return findings


def _candidate_after(ctx: DraftContext, tail: list[Token]) -> bool:
    """ "passed your details to Tom Hale, who is standing for us in May": the person is
    said, just after, to be a candidate or a party's."""
    if tail and tail[0].text == ",":
        tail = tail[1:]
    if not tail or tail[0].low not in ("who", "whose"):
        return False
    keys = [t.key for t in tail]
    stand = lemma("standing")
    return _political(ctx, tail) or any(
        k == stand and n + 1 < len(keys) and keys[n + 1] == "for" for n, k in enumerate(keys)
    )


def _named_consent(ctx: DraftContext, words: str) -> bool:
    """The target names only people the constituent agreed to (or the member)."""
    low = words.lower()
    said = {t.low for t in tokenize(words)}
    names = [c for c in ctx.consents if c] + [plain_name(ctx.member)]
    # a person by their surname; a body ("Director of Adult Social Care") only in full
    return any(
        n in low or (len(n.split()) <= 3 and n.split()[-1] in said) for n in names if n.split()
    )


def _to_a_campaign(ctx: DraftContext) -> list[Finding]:
    """A letter whose reader is a party or campaign (an organiser, an agent) and which
    hands over residents' casework or their details ("the list of residents who wrote
    to the councillor, with their emails"): casework used for campaigning, which the
    residents never agreed to (ICO guidance for elected representatives)."""
    reader = " ".join(str(ctx.addressee.get(k) or "") for k in ("name", "team", "organisation"))
    if not campaign_words(ctx, tokenize(reader)):
        return []  # a councillor reading about their own casework is not a campaign
    patterns = ctx.patterns("casework_handed_over")
    for sentence in ctx.sentences:
        for hit in find(sentence.tokens, patterns):
            start, end = sentence.tokens[hit.first].start, sentence.tokens[hit.last].end
            return [_finding(ctx, start, end, reader)]
    return []


def _party_records(ctx: DraftContext) -> list[Finding]:
    """Casework put on a party's or a campaign's own records ("I've logged your case ...
    on our party's Connect system"): the constituent gave it to the member for casework,
    not for campaigning (ICO guidance for elected representatives). A negation before it
    ("we never add casework to any party database") is a reassurance, not a leak."""
    patterns = ctx.patterns("party_records")
    negation = ctx.families.get("negation", frozenset())
    findings = []
    for sentence in ctx.sentences:
        tokens = sentence.tokens
        for hit in find(tokens, patterns):
            if any(t.key in negation for t in tokens[: hit.first]):
                continue
            start, end = tokens[hit.first].start, tokens[hit.last].end
            findings.append(_finding(ctx, start, end, "", "party_records"))
    return findings


def check_copies(ctx: DraftContext) -> list[Finding]:
    found = _copy_lines(ctx) + _sharing(ctx) + _to_a_campaign(ctx)
    return found + [
        f
        for f in _party_records(ctx)
        if not any(f.start < g.end and g.start < f.end for g in found)
    ]
