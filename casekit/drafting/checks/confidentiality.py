"""Confidentiality and data protection: only the personal data this reader may have.

The member is the data controller for casework (ICO guidance for elected representatives),
so these are the mistakes that turn a reply into a data breach:

- special category and criminal-offence data about someone other than the reader
  (:mod:`.sensitive`), other people's addresses and private contacts (:mod:`.contacts`),
  and private channels and homes given in words (:mod:`.private`);
- naming a complainant or witness to someone who need not know, and naming anyone else to
  a third party (``identity``, ``personal_data``);
- writing to a third party about the constituent without their recorded consent
  (``no_consent``);
- copying the letter to other members, candidates or party workers (:mod:`.copies`).

Whose data each phrase is comes from :mod:`casekit.drafting.mentions`; whether this
reader may have it from :mod:`.entitlement`. The reader's own data is never a finding.
"""

from __future__ import annotations

from casekit.drafting.checks.contacts import check_addresses, check_contacts
from casekit.drafting.checks.context import (
    CONSTITUENT,
    COVERED_BY,
    NOT_COVERED,
    OFFICER,
    THIRD_PARTY,
    DraftContext,
)
from casekit.drafting.checks.context import (
    MEMBER as MEMBER_ROLE,
)
from casekit.drafting.checks.copies import check_copies
from casekit.drafting.checks.entitlement import (
    IDENTITY,
    SECTION,
    base_severity,
    exposure,
    needed,
)
from casekit.drafting.checks.onward import check_onward
from casekit.drafting.checks.private import check_private
from casekit.drafting.checks.resemblance import resemblance_findings, unfound
from casekit.drafting.checks.sensitive import LABELS, check_special_category, sensitive_terms
from casekit.drafting.findings import Finding
from casekit.drafting.lemmas import lemma
from casekit.drafting.mentions import CONSTITUENT as WHO_CONSTITUENT
from casekit.drafting.mentions import COVERED, GENERIC, MEMBER, OTHER, READER, WRITER, Mention
from casekit.drafting.patterns import compile_all, find
from casekit.drafting.rules import message, setting, source

# words either side of a name in which "has complained", "a complaint from your
# neighbour, Mrs Okafor" tie it to a report
REPORT_WINDOW = 6
TELLER_REACH = 3  # words before "told" or "reported" in which its subject is found
TELLERS = frozenset({"you", "we", "i"})
SHOW = frozenset({"show"})
THIS_LETTER = frozenset({"this", "it", "email", "mail", "letter", "message"})  # "e-mail": e - mail
ONWARD_REACH = 5  # words after "forward" in which "this ... to him" must come
RESEMBLANCE_CHECK = "personal_resemblance"  # the model's second opinion, for review
TELLING = frozenset({"told", "tell", "said", "say", "reported", "report", "raised", "mentioned"})


def check_confidentiality(ctx: DraftContext) -> list[Finding]:
    findings = []
    findings += _named(ctx)
    findings += check_contacts(ctx)
    findings += check_addresses(ctx)
    findings += check_private(ctx)
    findings += check_special_category(ctx)
    findings += _no_consent(ctx)
    findings += _against_wishes(ctx)
    findings += _forwarded_in_confidence(ctx)
    findings += check_onward(ctx)
    copies = check_copies(ctx)
    if copies:
        findings += _copied_special(ctx, findings)
    found = findings + copies
    extra = resemblance_findings(ctx, SECTION, SECTION, RESEMBLANCE_CHECK, _about_others(ctx))
    return found + unfound(extra, found)


def _about_others(ctx: DraftContext) -> set[int]:
    """The sentences that speak of someone whose data this reader may not simply have: a
    person other than the reader, the writer, the member and officials; the constituent
    too, unless the reader may have their data (the member who raised the case, a council
    service, a recipient they consented to, someone acting for them with authority). In a
    safeguarding referral other people's details are for the tutor to weigh (see
    :func:`.entitlement.exposure`), so only the rules speak of them."""
    reporting = ctx.role in (OFFICER, THIRD_PARTY) and "criminal" in needed(ctx)
    private = set() if ctx.safeguarding_referral or reporting else {OTHER}
    entitled = (
        ctx.role in (MEMBER_ROLE, OFFICER)
        or ctx.reader_consent() is not None
        or ctx.acting_for == COVERED_BY
    )
    if not entitled:
        private.add(WHO_CONSTITUENT)
    return {m.sentence for m in ctx.people.mentions if m.who in private}


def _copied_special(ctx: DraftContext, found: list[Finding]) -> list[Finding]:
    """Copied to people without consent, the letter's special category data goes to them
    too, whoever it is about ("cc: Cllr Harper" on an update about an asylum claim)."""
    rules = ctx.rules[SECTION]
    taken = {(f.start, f.end) for f in found}
    out = []
    for s_idx, hit, family in sensitive_terms(ctx):
        holder = ctx.people.holder(s_idx, hit.first, hit.last)
        if holder is None or holder.who in (READER, WRITER, MEMBER, GENERIC, ""):
            continue
        tokens = ctx.sentences[s_idx].tokens
        start, end = tokens[hit.first].start, tokens[hit.last].end
        if (start, end) in taken:
            continue
        out.append(
            ctx.finding(
                SECTION,
                kind="confidentiality",
                check="special_category",
                severity=str(setting(rules, SECTION, "copied_severity")),
                message=message(
                    rules,
                    SECTION,
                    "copied_special",
                    words=ctx.text[start:end],
                    family=LABELS.get(family, family),
                    name=holder.label or "the constituent",
                ),
                start=start,
                end=end,
                rule=source(rules, SECTION, "copied_member"),
                about=holder.label,
            )
        )
    return out


def _against_wishes(ctx: DraftContext) -> list[Finding]:
    """The letter says the person did not agree to something and then overrides it ("Ms
    Fisk did not want the police involved, but Councillor Mensah thinks you should
    know"); a wish recorded and kept is good practice."""
    if ctx.role not in (OFFICER, THIRD_PARTY):
        return []
    rules = ctx.rules[SECTION]
    patterns = ctx.patterns("against_wishes")
    overriding = ctx.families.get("overriding", frozenset())
    out = []
    for s_idx, sentence in enumerate(ctx.sentences):
        for hit in find(sentence.tokens, patterns):
            holder = ctx.people.holder(s_idx, hit.first, hit.last)
            if holder is None or holder.who not in (WHO_CONSTITUENT, COVERED):
                continue
            if not any(t.key in overriding for t in sentence.tokens[hit.last + 1 :]):
                continue  # a wish recorded and kept ("He does not want his son contacted")
            start, end = sentence.start, sentence.end
            out.append(
                ctx.finding(
                    SECTION,
                    kind="confidentiality",
                    check="no_consent",
                    severity=base_severity(ctx),
                    message=message(
                        rules,
                        SECTION,
                        "against_wishes",
                        words=ctx.text[start:end],
                        name=holder.label or "the constituent",
                    ),
                    start=start,
                    end=end,
                    rule=source(rules, SECTION, "no_consent"),
                    about=holder.label,
                )
            )
            break
    return out


def _forwarded_in_confidence(ctx: DraftContext) -> list[Finding]:
    """A forwarded message whose writer asked for it to be kept confidential ("Please keep
    my name confidential"), sent on to a resident or an outside body; a request that nobody
    be told ("don't tell anyone about my son") holds for a council service too."""
    if ctx.role not in (CONSTITUENT, THIRD_PARTY, OFFICER):
        return []
    rules = ctx.rules[SECTION]
    asks = list(rules.get("nobody_requests", []))
    if ctx.role != OFFICER:
        asks += rules.get("confidence_requests", [])
    markers = [m.lower() for m in rules.get("forwarded_markers", []) if isinstance(m, str)]
    low = ctx.text.lower()
    starts = [low.find(m) for m in markers if m in low]
    if not starts:
        return []
    block = min(starts)
    patterns = compile_all(
        asks,
        ctx.families,
        "confidence_requests",
        f"drafting.{SECTION}.confidence_requests",
    )
    for sentence in ctx.sentences:
        if sentence.start < block:
            continue
        for hit in find(sentence.tokens, patterns):
            start, end = sentence.tokens[hit.first].start, sentence.tokens[hit.last].end
            return [
                ctx.finding(
                    SECTION,
                    kind="confidentiality",
                    check="no_consent",
                    severity=base_severity(ctx),
                    message=message(
                        rules, SECTION, "forwarded_confidence", words=ctx.text[start:end]
                    ),
                    start=start,
                    end=end,
                    rule=source(rules, SECTION, "no_consent"),
                )
            ]
    return []


def _reported(ctx: DraftContext, m: Mention) -> bool:
    """Whether the sentence ties this person to a complaint or a report ("Mrs Eira Pryce
    at number 4 has complained", "witness statements from Mr and Mrs Tran")."""
    complaint = ctx.families.get("complaint", frozenset())
    tokens = ctx.sentences[m.sentence].tokens

    def reports(c: int) -> bool:
        # "you have told us that Mr Aldous...": the reader or the writer is the one
        # telling, so the person named is what was told about, not who told it
        if tokens[c].key not in complaint:
            return False
        teller = {t.low for t in tokens[max(0, c - TELLER_REACH) : c]}
        return tokens[c].low not in TELLING or not teller & TELLERS

    after = range(m.last + 1, min(len(tokens), m.last + 1 + REPORT_WINDOW))
    before = range(max(0, m.first - REPORT_WINDOW), m.first)
    return any(reports(c) for c in after) or any(reports(c) for c in before)


def _named(ctx: DraftContext) -> list[Finding]:
    """Names the reader should not be given: a complainant or witness, or (for a third
    party) anyone but the constituent it may hear about."""
    rules = ctx.rules[SECTION]
    findings = []
    seen: set[str] = set()
    onward = _passed_on(ctx)
    exposed = (OTHER, WHO_CONSTITUENT) if ctx.acting_for == NOT_COVERED or onward else (OTHER,)
    for m in ctx.people.mentions:
        if m.kind != "name" or m.who not in exposed or m.label in seen:
            continue
        reported = _reported(ctx, m)
        if not m.titled and not reported:
            continue  # a name without a title counts only as a complainant or witness
        if not reported and ctx.role != THIRD_PARTY:
            continue
        severity = exposure(ctx, m.who, IDENTITY)
        if severity is None and onward and reported:
            severity = base_severity(ctx)  # the complainant's name goes on to someone else
        if severity is None:
            continue
        seen.add(m.label)
        key = "identity" if reported else "personal_data"
        if ctx.on_public_record(m.sentence):  # "The applicant, Mr Drummond, ... register"
            severity, key = "advice", "personal_data_public"
        findings.append(
            ctx.finding(
                SECTION,
                kind="confidentiality",
                check="personal_data",
                severity=severity,
                message=message(rules, SECTION, key, words=m.label, name=m.label),
                start=m.start,
                end=m.end,
                rule=source(rules, SECTION, "identity" if reported else "personal_data"),
                about=m.label,
            )
        )
    return findings


def _passed_on(ctx: DraftContext) -> bool:
    """Whether a letter to an officer asks them to pass it on to a person ("feel free to
    forward this to him", "show her this email"): then it reaches that person too, and a
    complainant named in it is named to them. A council service or team is not a person."""
    if ctx.role != OFFICER:
        return False
    share = ctx.families.get("share", frozenset()) | SHOW
    for s_idx, sentence in enumerate(ctx.sentences):
        tokens = sentence.tokens
        for i, tok in enumerate(tokens[:-2]):
            if tok.key not in share:
                continue
            window = tokens[i + 1 : i + 1 + ONWARD_REACH]
            if not any(t.low in THIS_LETTER for t in window):
                continue
            for m in ctx.people.after(s_idx, i + 1, ONWARD_REACH):
                if m.kind in ("pronoun", "name") and m.who in (OTHER, ""):
                    return True
    return False


def _collective(ctx: DraftContext) -> bool:
    """A case raised for a group ("Tenants of Meadow Court", "Residents of Cwm Isaf"): a
    letter about it names nobody's data, so it needs nobody's consent."""
    name = str(ctx.constituent.get("name") or "").strip().lower()
    groups = ctx.families.get("collectives", frozenset())
    return bool(name) and lemma(name.split()[0]) in groups


def _no_consent(ctx: DraftContext) -> list[Finding]:
    """A third-party reader told about the constituent needs their recorded consent."""
    if ctx.role != THIRD_PARTY or ctx.reader_consent() is not None or _collective(ctx):
        return []
    about = next((m for m in ctx.people.mentions if m.who == WHO_CONSTITUENT), None)
    if about is None:
        return []
    rules = ctx.rules[SECTION]
    name = str(ctx.addressee.get("name") or "the reader")
    return [
        ctx.finding(
            SECTION,
            kind="confidentiality",
            check="no_consent",
            severity=base_severity(ctx),
            message=message(rules, SECTION, "no_consent", name=name),
            start=about.start,
            end=about.end,
            rule=source(rules, SECTION, "no_consent"),
            about=name,
        )
    ]
