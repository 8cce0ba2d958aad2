"""Judgements an answer key asks of one logged event, read as a person would read it.

The expectation language (``casekit/data/scenarios/traps.toml``) lets a key say more than
"an event of this kind happened": *whose* consent was recorded (``consent_from``), *which*
record a duplicate was linked to (``linked_to``), and what the text actually sent says
(``judge``: the drafting judgements of :mod:`casekit.drafting.judgements`, negation-aware,
with the case's member, reader and consents). Each judgement answers yes, no or unsure
with the evidence in the learner's words; unsure means a person must decide, and the coach
says "for your tutor to review" rather than guess.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

from casekit.inputs.names import name_key
from casekit.record.log import Event
from casekit.record.projection import ERASED, as_date

if TYPE_CHECKING:
    from casekit.feedback.coaching.expectations import Scope

YES, NO, UNSURE = "yes", "no", "unsure"
TUTOR = "for your tutor to review"
_TITLE_WORDS = "mr mrs ms miss mx dr prof professor rev revd reverend sir dame lady lord cllr"
TITLES = frozenset([*_TITLE_WORDS.split(" "), "councillor"])
WHAT = {
    "reply_sent": "the reply sent",
    "referred_to_service": "the referral to the service",
    "draft_approved": "the draft approved",
    "shared_with_third_party": "what was shared",
    "holding_reply_sent": "the holding reply",
}
RECIPIENT = {"referred_to_service": "service", "shared_with_third_party": "third_party"}


@dataclass(frozen=True)
class Judged:
    """A judgement of one event: ``verdict`` yes, no or unsure, and the ``evidence``.

    ``attempt`` is true when the event was of the right kind and fields but the judgement
    said no: the learner tried the step and got it wrong (not a step never tried).
    """

    verdict: str
    evidence: str = ""
    attempt: bool = False


def _day(event: Event) -> str:
    return as_date(event.at).isoformat()


# -- people ---------------------------------------------------------------------------
def _words(name: str) -> list[str]:
    words = re.findall(r"[^\W\d_]+(?:['-][^\W\d_]+)*", name_key(name))
    return [w for w in words if w.rstrip(".") not in TITLES]


def person(given: str, wanted: str, others: tuple[str, ...] = ()) -> str:
    """Whether ``given`` names the person ``wanted`` (yes), someone else (no), or could be
    either ``wanted`` or one of ``others`` (unsure): titles are ignored, a first name and
    surname decide, and a surname or initial alone decides only when nobody else fits."""
    g, w = _words(given), _words(wanted)
    if not g or not w:
        return NO
    rivals = [o for o in (_words(x) for x in others) if o and o[-1] == w[-1]]
    if len(g) == 1:
        if g[0] == w[-1]:  # "Mrs Richardson": the surname alone
            return UNSURE if rivals else YES
        return UNSURE if len(w) > 1 and g[0] == w[0] else NO  # a first name alone
    if g[-1] != w[-1]:
        return NO
    first, wanted_first = g[0], w[0] if len(w) > 1 else ""
    if first == wanted_first:
        return YES
    if len(first) == 1 and wanted_first[:1] == first:  # "J Richardson"
        same = [o for o in rivals if len(o) > 1 and o[0][:1] == first]
        return UNSURE if same else YES
    if wanted_first and (wanted_first.startswith(first) or first.startswith(wanted_first)):
        return UNSURE  # a short form ("Jo" for "Joanne") or a longer one
    return NO  # the same surname with another first name: another person


def consent_from(event: Event, wanted: str, scope: Scope) -> Judged:
    """Consent recorded as given by ``wanted`` (the person the case is about)."""
    writer = scope.writer
    if event.data.get("withdrawn"):
        return Judged(NO, f"The consent recorded on {_day(event)} was withdrawn.", True)
    given = event.get("given_by")
    if event.data.get("para_23_reason"):
        from casekit.rules.vocabulary import PARA_23_2_REASONS

        reason = PARA_23_2_REASONS.get(str(event.data["para_23_reason"]), "a para 23(2) reason")
        return Judged(
            UNSURE,
            f"On {_day(event)} the learner acted without {wanted}'s consent, recording "
            f"instead: {reason}. Whether that applies is {TUTOR}.",
        )
    if not isinstance(given, str) or not given.strip() or given == ERASED:
        return Judged(
            UNSURE, f"Who gave the consent recorded on {_day(event)} is not on record ({TUTOR})."
        )
    verdict = person(given, wanted, (writer,) if writer else ())
    if verdict == YES:
        return Judged(YES, f"Consent recorded on {_day(event)} as given by {given}.")
    if verdict == UNSURE:
        return Judged(
            UNSURE,
            f"Consent recorded on {_day(event)} as given by '{given}', which could be "
            f"{wanted} or {writer} ({TUTOR}).",
        )
    whose = " (the person who wrote in)" if writer and person(given, writer) == YES else ""
    return Judged(
        NO,
        f"Consent recorded on {_day(event)} as given by {given}{whose}, not by {wanted}, "
        "the person the case is about.",
        True,
    )


# -- records --------------------------------------------------------------------------
def linked_to(event: Event, record_id: str, scope: Scope) -> Judged:
    """A duplicate linked to ``record_id``: by its id or its reference (``MC1234``)."""
    other = str(event.data.get("other", ""))
    names = {name_key(record_id)}
    for record in scope.records:
        if isinstance(record, dict) and record.get("id") == record_id:
            ref = (record.get("fields") or {}).get("ref")
            if isinstance(ref, str) and ref.strip():
                names.add(name_key(ref))
    tokens = {name_key(t) for t in re.findall(r"[A-Za-z0-9]+(?:-[A-Za-z0-9]+)*", other)}
    if name_key(other) in names or names & tokens:
        return Judged(YES, f"Linked on {_day(event)} to {other}.")
    wanted = " / ".join(sorted(n.upper() for n in names))
    return Judged(
        NO, f"Linked on {_day(event)} to {other}, not to the earlier case ({wanted}).", True
    )


# -- what was sent --------------------------------------------------------------------
def _text(event: Event, on: str, scope: Scope) -> str | None:
    from casekit.feedback.coaching.expectations import values

    found = [v for v in values(event, on, scope) if isinstance(v, str) and v and v != ERASED]
    return found[0] if found else None


def _context(event: Event, scope: Scope) -> dict[str, Any]:
    """The draft checks' context as it stood when the event happened: the case's member,
    the reader, the consents recorded before it, the pre-election period that day."""
    from casekit.drafting.case_drafts import check_context, in_pre_election

    case = replace(scope.case, consents=[c for c in scope.case.consents if c.seq < event.seq])
    recipient = RECIPIENT.get(event.kind, "constituent")
    if event.kind == "draft_approved":
        draft = scope.case.drafts.get(str(event.data.get("draft_id")))
        recipient = str(draft.data.get("recipient", "constituent")) if draft else recipient
    context = check_context(scope.state, case, recipient)
    context["pre_election"] = in_pre_election(scope.state, as_date(event.at))
    return context


def judge_text(event: Event, concern: str, verdict: str, on: str, scope: Scope) -> Judged:
    """The drafting judgement ``concern`` of the event's ``on`` field gives ``verdict``."""
    from casekit.drafting.judgements import BREACH, JUDGES, SOUND

    what = WHAT.get(event.kind, event.kind.replace("_", " "))
    text = _text(event, on, scope)
    if text is None:
        return Judged(UNSURE, f"The text of {what} on {_day(event)} is not on record ({TUTOR}).")
    key = (event.seq, concern, on)
    found = scope.judged.get(key)
    if found is None:
        found = JUDGES[concern](text, profile=scope.state.profile, **_context(event, scope))
        scope.judged[key] = found
    words = "; ".join(f"'{w}'" for w in found.words[:3])
    said = f"{what[0].upper()}{what[1:]} on {_day(event)}"
    if found.verdict not in (SOUND, BREACH):
        return Judged(UNSURE, f"{said}: {found.reason}" + (f" Words: {words}." if words else ""))
    quoted = f" ({words})" if words and found.verdict == BREACH else ""
    detail = f"{said}: {found.reason}{quoted}"
    if found.verdict == verdict:
        return Judged(YES, detail)
    return Judged(NO, detail, True)


def judgements(spec: dict[str, Any], event: Event, scope: Scope) -> list[Judged]:
    """Every judgement ``spec`` (an expectation or its ``prior``) asks of ``event``."""
    out = []
    if "consent_from" in spec:
        out.append(consent_from(event, str(spec["consent_from"]), scope))
    if "linked_to" in spec:
        out.append(linked_to(event, str(spec["linked_to"]), scope))
    if "judge" in spec:
        out.append(
            judge_text(
                event,
                str(spec["judge"]),
                str(spec.get("verdict", "sound")),
                str(spec.get("on", "text")),
                scope,
            )
        )
    return out
