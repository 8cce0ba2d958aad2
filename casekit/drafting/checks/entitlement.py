"""Whether this reader may be given this kind of data about this person.

One rule for every confidentiality check (UK GDPR art. 5(1)(c), 6 and 9; DPA 2018 Sch. 1
paras 23-24; casework-rules.md section 4):

- the reader's own data, the member's, and the writer's when the member writes: fine;
  an officer who signs gives away their own private channels, home or health only as
  a leak (their work contacts are fine);
- the constituent's (or a person covered by consent or authority): fine for the
  constituent and for the member who raised the case; for a council service or a third
  party, only with consent for that reader and only the kinds of data that recipient
  needs ([drafting.confidentiality.needs], or what the consent itself names);
- anyone else's (a neighbour, a complainant, an officer's private life): a leak; and so
  is the constituent's, to another resident who neither is them nor acts for them with
  consent or authority (the neighbour they complained about), or to a member who is not
  the case's member and has no consent (a ward colleague "looped in").

To a safeguarding service, with a recorded basis, other people's data is advice: a
referral about someone at risk tells it about the people around them, and whether each
detail is needed is for the tutor to judge.

Severity is the section's ``severity``, or ``third_party_severity`` when the reader is a
third party, because then the data leaves the council and the constituent's hands.
"""

from __future__ import annotations

from casekit.drafting.checks.context import (
    CONSTITUENT,
    MEMBER,
    NOT_COVERED,
    OFFICER,
    THIRD_PARTY,
    DraftContext,
)
from casekit.drafting.mentions import CONSTITUENT as WHO_CONSTITUENT
from casekit.drafting.mentions import COVERED, OFFICIAL, OTHER, WRITER
from casekit.drafting.patterns import compile_all, find
from casekit.drafting.rules import setting
from casekit.drafting.text import analyse

SECTION = "confidentiality"
# Kinds of data that are not special category: who someone is and where they live.
IDENTITY, ADDRESS, CONTACT = "identity", "address", "contact"
CRIMINAL = "criminal"


def base_severity(ctx: DraftContext) -> str:
    rules = ctx.rules[SECTION]
    key = "third_party_severity" if ctx.role == THIRD_PARTY else "severity"
    return str(setting(rules, SECTION, key))


def needed(ctx: DraftContext) -> frozenset[str]:
    """The kinds of data this reader needs: what the recorded consent covers when it says
    (read by meaning: "his diagnosis and falls" covers health), else what a recipient of
    its kind needs ([drafting.confidentiality.needs] matched on its name)."""
    consent = ctx.reader_consent()
    if consent:
        covered = _kinds(ctx, consent[1], consent[1])
        if covered:
            return covered
    name = " ".join(str(ctx.addressee.get(k) or "") for k in ("name", "team", "organisation"))
    return _kinds(ctx, name, "")


def _kinds(ctx: DraftContext, about: str, scope: str) -> frozenset[str]:
    """Kinds of data named by the needs table in ``about`` and, by meaning, in ``scope``;
    a condition and the disability it causes go together."""
    needs = ctx.rules[SECTION].get("needs")
    if not isinstance(needs, dict):
        return frozenset()
    tokens = analyse(about)[0]
    out: set[str] = set()
    for phrase, kinds in needs.items():
        if isinstance(kinds, list) and find(tokens, compile_all([phrase], {})):
            out.update(str(k) for k in kinds)
    if scope:
        said = analyse(scope)[0]
        words = {t.key for t in said}
        special = ctx.rules[SECTION].get("special", {})
        out.update(k for k in special if k in words)
        for kind, patterns in special.items():
            if isinstance(patterns, list) and find(said, compile_all(patterns, ctx.families)):
                out.add(kind)
    if out & {"health", "disability"}:
        out |= {"health", "disability"}
    return frozenset(out)


def exposure(ctx: DraftContext, who: str, kind: str) -> str | None:
    """The severity at which giving ``kind`` data about ``who`` to this reader counts, or
    None when this reader may have it."""
    if who == WHO_CONSTITUENT and ctx.acting_for == NOT_COVERED:
        return base_severity(ctx)  # another resident (the one complained about, say)
    if who in (WHO_CONSTITUENT, COVERED) and ctx.other_member:
        return base_severity(ctx)  # a member who is not the case's, without consent
    if who in (WHO_CONSTITUENT, COVERED):
        if ctx.role in (CONSTITUENT, MEMBER):
            return None
        consented = ctx.reader_consent() is not None
        if kind in (IDENTITY, ADDRESS, CONTACT):
            return None if ctx.role == OFFICER or consented else base_severity(ctx)
        if (ctx.role == OFFICER or consented) and kind in needed(ctx):
            return None
        if ctx.reader_speaks_for:  # a relative or representative with recorded consent
            return None
        return base_severity(ctx)
    if who == OTHER and ctx.safeguarding_referral:
        return "advice"  # the people around someone at risk: the tutor checks each is needed
    reporting_crime = kind in (CRIMINAL, ADDRESS, IDENTITY) and ctx.role in (OFFICER, THIRD_PARTY)
    if who == OTHER and reporting_crime and CRIMINAL in needed(ctx):
        return "advice"  # who did what, and where, reported to the police or the ASB team
    if who in (OTHER, OFFICIAL):
        return base_severity(ctx)
    if who == WRITER and kind != IDENTITY and ctx.writer_is_officer:
        return base_severity(ctx)  # an officer's own private channels, home or health
    return None
