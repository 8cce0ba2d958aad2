"""Contact details and home addresses: whose they are, and whether this reader may have them.

Officers' work numbers and e-mails, the councillor's own published contacts, council
mailboxes, addresses on public bodies' domains and public service numbers are nobody's
personal data, and neither is what sits in the reader's own address block or the writer's
signature. A number is someone's when the sentence gives it as theirs ("Her mobile is...",
"give her a ring on...", "his personal mobile"); an officer's number is personal only when
the letter says so ("personal", "home", "weekends"). An address is someone's when the
letter ties it to them ("Mr Shane Porter of 3 Ivy Road", "the man at number 40", "she lives
at 2 Church Cottages"); the address of a site or a nuisance is not.

Patterns come from the profile and are refused unless their repeats are bounded, so the
scan stays linear in the letter's length.
"""

from __future__ import annotations

from collections.abc import Sequence

from casekit.drafting.addressee import inside
from casekit.drafting.checks.context import DraftContext
from casekit.drafting.checks.entitlement import ADDRESS, CONTACT, SECTION, base_severity, exposure
from casekit.drafting.checks.matching import Match, find_patterns
from casekit.drafting.findings import Finding, severity_rank
from casekit.drafting.lemmas import lemma
from casekit.drafting.mentions import MEMBER, OFFICIAL, OTHER, READER, WRITER, Mention
from casekit.drafting.people import contact_values, normalise_contact
from casekit.drafting.rules import message, setting, source, words_list
from casekit.drafting.text import Token, line_start
from casekit.inputs import phones

OWN_WINDOW = 3  # "ring me on", "your mobile is"
HOLDER_WINDOW = 12
MIN_DIGITS, MAX_DIGITS = 10, 11

MIN_BODY_WORD = 4  # shorter words turn up inside names


def _allowed(ctx: DraftContext) -> set[str]:
    people = [ctx.addressee, ctx.member, *ctx.officials]
    values = {v for p in people if p for v in contact_values(p)}
    return values


def _phone_ok(value: str) -> bool:
    digits = sum(ch.isdigit() for ch in value)
    return MIN_DIGITS <= digits <= MAX_DIGITS


def _public_email(ctx: DraftContext, value: str) -> bool:
    rules = ctx.rules[SECTION]
    local, _, domain = value.lower().partition("@")
    domains = (
        [d.lower() for d in words_list(rules, SECTION, "public_domains")]
        if "public_domains" in rules
        else []
    )
    if any(domain == d or domain.endswith("." + d) for d in domains):
        return True
    if local in {w.lower() for w in words_list(rules, SECTION, "role_mailboxes")}:
        return True
    return _body_mailbox(ctx, local)


def _body_mailbox(ctx: DraftContext, local: str) -> bool:
    """A mailbox named for a club, society or other body ("hillsideallotments@",
    "friendsofashpark@"), not a person: no separator a personal address puts between
    names, and a word for a body inside it."""
    if any(ch in local for ch in "._-") or any(ch.isdigit() for ch in local):
        return False
    bodies = ctx.rules[SECTION].get("body_mailbox_words")
    words = [w.lower() for w in bodies if isinstance(w, str)] if isinstance(bodies, list) else []
    return any(len(w) >= MIN_BODY_WORD and w in local for w in words)


def _holder(ctx: DraftContext, start: int, end: int) -> tuple[Mention | None, list[Token], bool]:
    """The person a contact detail is given as belonging to (None: nobody in particular),
    the words just before it in its sentence, and whether they name an organisation."""
    s_idx, first, _ = ctx.index.locate(start, end)
    if s_idx < 0:
        return None, [], False
    tokens = ctx.sentences[s_idx].tokens
    before = [t for t in tokens[max(0, first - HOLDER_WINDOW) : first] if t.end <= start]
    orgs = ctx.families.get("organisation", frozenset())
    words = [t for t in before if t.is_word]
    landline = not normalise_contact(ctx.text[start:end]).startswith("07")
    if landline and words and words[-1].key in CALLING and before[-1] is words[-1]:
        return None, before, False  # "refer him by calling 020 ...": a service's line
    for m in ctx.people.before(s_idx, first, HOLDER_WINDOW):
        between = tokens[m.last + 1 : first]
        if any(t.key in orgs for t in between):
            return None, before, True  # "contact the Anti-social Behaviour Team on ..."
        if m.kind in ("you", "self") and not _own(m, between):
            continue  # "If you have any questions, contact ... on": not the reader's number
        return m, before, False
    return None, before, any(t.key in orgs for t in before)


# Verbs straight before a number: it is the number to call, not the person's just named.
# (a mobile number stays whoever's it is said to be).
CALLING = frozenset(lemma(w) for w in ("call", "ring", "phone", "dial", "telephone"))
OWN_LINKS = frozenset({"on", "at", "is", "be", "via", "by", ":"})


def _own(m: Mention, between: Sequence[Token]) -> bool:
    """ "your mobile", "ring me on", "email me at": a number given as the reader's or the
    writer's own (not "ask her yourself: ...", nor "if you have any questions, call...")."""
    if m.key in ("your", "my"):
        return True
    if m.key not in ("you", "me", "us", "i", "we"):
        return False
    return len(between) <= OWN_WINDOW and all(
        t.key in OWN_LINKS or t.text in OWN_LINKS for t in between
    )


def check_contacts(ctx: DraftContext) -> list[Finding]:
    rules = ctx.rules[SECTION]
    allowed = _allowed(ctx)
    public = tuple(words_list(rules, SECTION, "public_number_prefixes"))
    personal_cues = ctx.families.get("personal", frozenset())
    # UK phone numbers come from the one finder (every written form, linear time);
    # e-mail addresses from the profile's bounded pattern.
    matches: list[Match] = [
        Match(hit.start, hit.end, hit.text, "uk phone number", "phone_pattern")
        for hit in phones.find(ctx.text)
    ]
    matches += find_patterns(
        ctx.text, [str(setting(rules, SECTION, "email_pattern"))], group="email_pattern"
    )
    headers = _header_lines(ctx, matches)
    findings = []
    for m in sorted(matches, key=lambda m: m.start):
        words = m.words.rstrip(" -(").strip()
        end = m.start + len(words)
        value = normalise_contact(words)
        if m.group == "phone_pattern" and (not _phone_ok(value) or value.startswith(public)):
            continue
        if m.group == "email_pattern" and ("." not in value.partition("@")[2]):
            continue
        if value in allowed or inside(ctx.layout.address_block, m.start, end):
            continue
        if inside(ctx.layout.signature, m.start, end) and not _personal(
            ctx, m.start, personal_cues
        ):
            continue
        holder, before, org = _holder(ctx, m.start, end)
        cue = any(t.key in personal_cues for t in before[-8:])
        private_email = m.group == "email_pattern" and not _public_email(ctx, value)
        if m.group == "email_pattern" and not private_email and not cue:
            continue
        severity = _severity(ctx, holder, cue, private_email, org)
        if private_email and line_start(ctx.text, m.start) in headers:
            severity = _worse(severity, base_severity(ctx))  # "To: a@x; b@y": everyone's
        if severity is None:
            continue
        unsure = severity == "advice"
        findings.append(
            ctx.finding(
                SECTION,
                kind="confidentiality",
                check="contact_details",
                severity=severity,
                message=message(
                    rules,
                    SECTION,
                    "contact_details_unsure" if unsure else "contact_details",
                    words=words,
                    whose=f" ({holder.label}'s)" if holder and holder.label else "",
                ),
                start=m.start,
                end=end,
                rule=source(rules, SECTION, "contact_details"),
                about=holder.label if holder else "",
            )
        )
    return findings


def _header_lines(ctx: DraftContext, matches: Sequence[Match]) -> set[int]:
    """Start offsets of address lines ("To:", "Cc:") that give more than one private
    e-mail address: everyone on them sees everyone else's."""
    counts: dict[int, int] = {}
    for m in matches:
        if m.group != "email_pattern" or _public_email(ctx, normalise_contact(m.words)):
            continue
        start = line_start(ctx.text, m.start)
        head = ctx.text[start : start + 5].lower().replace(" ", "")
        if head.startswith(("to:", "cc:", "bcc:")):
            counts[start] = counts.get(start, 0) + 1
    return {start for start, n in counts.items() if n > 1}


def _worse(a: str | None, b: str) -> str:
    return b if a is None or severity_rank(b) > severity_rank(a) else a


def _personal(ctx: DraftContext, start: int, cues: frozenset[str]) -> bool:
    begin = max(line_start(ctx.text, start), start - 80)
    return any(w.lower().strip(".,:") in cues for w in ctx.text[begin:start].split())


def _severity(
    ctx: DraftContext, holder: Mention | None, cue: bool, private_email: bool, org: bool
) -> str | None:
    if holder is None:
        # nobody's in particular: a service's number needs no comment; a private e-mail
        # address given for no one is still someone's, and the reader's own is known
        if private_email and not org:
            return base_severity(ctx)
        return None if org and not (cue or private_email) else "advice"
    who = holder.who
    if who in (READER, WRITER, MEMBER):
        return None
    if holder.kind == "name" and not holder.titled and who == OTHER and not cue:
        return "advice"  # "contact Sam Okafor on ...": most likely an officer; check it
    if who == OFFICIAL:
        return exposure(ctx, who, CONTACT) if (cue or private_email) else None
    if not who:
        return "advice"
    return exposure(ctx, who, CONTACT)


# Whose property an address is, not who lives there: with no name, advice to check.
PROPERTY_ROLES = frozenset({"owner", "owners", "freeholder", "landlord", "occupier"})

# -- home addresses -----------------------------------------------------------------------
LINKERS = frozenset({"at", "of", "from"})
POSSESSIVES = frozenset({"his", "her", "their"})
ADDRESS_WORDS = frozenset({"new", "home", "current", "old", "address", "is", "now"})
# "my letterbox at home - 14 Elm Rise", "her front door at 3 Mill Lane": where someone lives
HOME_WORDS = frozenset({"home", "house", "letterbox", "door", "doorstep", "front", "flat"})
OWNERS = POSSESSIVES | {"my"}
HOME_REACH = 5


def _address_at(tokens: Sequence[Token], i: int, streets: frozenset[str]) -> int:
    """The index after an address starting at token ``i`` ("number 12", "41 Cavendish
    Road", "Flat 6"), or 0."""
    if i >= len(tokens):
        return 0
    tok = tokens[i]
    if tok.low in ("number", "no") and i + 1 < len(tokens) and tokens[i + 1].text.isdigit():
        return i + 2
    if (
        tok.low == "no"
        and i + 2 < len(tokens)
        and tokens[i + 1].text == "."
        and tokens[i + 2].text.isdigit()
    ):
        return i + 3  # "no.22", "No. 22"
    if _bare_house_number(tokens, i):
        return i + 1  # "Mrs Lena Schofield at 17"
    if tok.low == "flat" and i + 1 < len(tokens) and tokens[i + 1].text[:1].isdigit():
        return i + 2
    if tok.text.isdigit():
        j = i + 1
        if (
            j < len(tokens)
            and len(tokens[j].text) == 1
            and tokens[j].text.isalpha()
            and tokens[j].start == tok.end
        ):
            j += 1  # "12a"
        n = 0
        while j < len(tokens) and n < 4 and tokens[j].capitalised and tokens[j].is_word:
            if tokens[j].key in streets:
                return j + 1
            j += 1
            n += 1
    return 0


HOUSE_NUMBER_ENDS = frozenset({",", ".", ";", ")", "and", "&", "-", "–", ":"})


def _bare_house_number(tokens: Sequence[Token], i: int) -> bool:
    """A house number alone after "at" ("at 17, ", "at 19."), not a time ("at 11am")."""
    tok = tokens[i]
    if not tok.text.isdigit() or len(tok.text) > 3 or i == 0 or tokens[i - 1].low != "at":
        return False
    if i + 1 >= len(tokens):
        return True
    nxt = tokens[i + 1]
    if nxt.text in ".:" and i + 2 < len(tokens) and tokens[i + 2].start == nxt.end:
        return False  # "at 11.30", "at 9:15"
    return nxt.text in HOUSE_NUMBER_ENDS or nxt.low in HOUSE_NUMBER_ENDS


def check_addresses(ctx: DraftContext) -> list[Finding]:
    rules = ctx.rules[SECTION]
    streets = ctx.families.get("street", frozenset())
    lives = ctx.families.get("lives", frozenset())
    findings = []
    for s_idx, sentence in enumerate(ctx.sentences):
        tokens = sentence.tokens
        mentions = ctx.people.in_sentence(s_idx)
        if not mentions:
            continue
        for i in range(len(tokens)):
            end = _address_at(tokens, i, streets)
            if not end:
                continue
            holder = _address_holder(
                tokens,
                i,
                end,
                ctx.people.before(s_idx, i, 8),
                ctx.people.after(s_idx, end, 4),
                lives,
            )
            if holder is None:
                continue
            severity = exposure(ctx, holder.who, ADDRESS)
            if severity is None:
                continue
            key = "home_address"
            if ctx.on_public_record(s_idx):  # "... and is on the public register"
                severity, key = "advice", "home_address_public"
            elif holder.kind == "descriptor" and holder.key in PROPERTY_ROLES:
                severity = "advice"  # "the owner of number 23": the property, not who
            start = min(holder.start, tokens[i].start)
            stop = max(holder.end, tokens[end - 1].end)
            findings.append(
                ctx.finding(
                    SECTION,
                    kind="confidentiality",
                    check="home_address",
                    severity=severity,
                    message=message(
                        rules,
                        SECTION,
                        key,
                        words=ctx.text[start:stop],
                        name=holder.label or "someone",
                    ),
                    start=start,
                    end=stop,
                    rule=source(rules, SECTION, "home_address"),
                    about=holder.label,
                )
            )
    return findings


def _address_holder(
    tokens: Sequence[Token],
    i: int,
    end: int,
    before: Sequence[Mention],
    after: Sequence[Mention],
    lives: frozenset[str],
) -> Mention | None:
    """The person an address is tied to: "<person> at|of <address>", "<person> lives at
    <address>", "<address>, where the tenant...", "Flat 2 (Mrs Tahir...)". ``before`` are the
    mentions just before the address, nearest first; ``after`` those just after it."""
    if before:
        m = before[0]
        gap = tokens[m.last + 1 : i]
        if m.kind == "name" and len(gap) == 1 and gap[0].text in ",(":
            return m  # "Mr P. Cole, 3 Orchard House", "Mr Alan Prentice (26 Dovecote Road)"
        said = {t.low for t in gap if t.is_word}
        owner = m.key in POSSESSIVES or tokens[m.last].possessive
        if owner and "address" in said and said <= ADDRESS_WORDS:
            return m  # "his new address, 7 Kiln Lane", "your ex-partner's address is ..."
        if (
            m.key in OWNERS
            and said & HOME_WORDS
            and said <= HOME_WORDS | ADDRESS_WORDS | LINKERS
            and len(gap) <= HOME_REACH
        ):
            return m  # "through my letterbox at home - 14 Elm Rise"
        words = [t for t in gap if t.is_word]
        if (
            gap
            and gap[-1].key in LINKERS
            and len(gap) <= 5
            and all(t.key in LINKERS or t.low in ("aged", "who", "is") for t in words)
        ):
            return m
        if (
            gap
            and gap[-1].key in ("at", "to")
            and any(t.key in lives for t in gap)
            and len(gap) <= 6
        ):
            return m
    if after:
        m = after[0]
        gap = tokens[end : m.first]
        if len(gap) <= 3 and any(t.text == "(" or t.low == "where" for t in gap):
            return m
    return None
