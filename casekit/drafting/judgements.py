"""Judging a planted trap from what the learner actually sent: one function per concern.

The coaching asks, for a reply the learner sent: did it predetermine a planning
application, carry party-political wording, or overshare personal data? Each function
runs the draft checks on the sent text with the case's context (the same keyword
arguments :func:`casekit.drafting.check_draft` takes: ``member``, ``recipient``, ``case``,
``consents``, ``known_people``, ``pre_election``) and returns a :class:`Verdict`:

- ``sound``: nothing the checks would raise (with the good-practice words, if any);
- ``breach``: findings at warning or breach, with the words that decide it;
- ``unsure``: only advice, a warning the checks word "for your tutor to review" (politics
  they cannot decide), or a commitment when it is unknown whether the member sits on the
  planning committee: the words are given "for your tutor to review" rather than a guess.

Negations are respected throughout ("I cannot promise to vote either way", "nothing about
you has been copied to him"), and ordinary words are not party politics ("an independent
drainage engineer").
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from casekit.drafting.findings import Finding

SOUND, BREACH, UNSURE = "sound", "breach", "unsure"
TUTOR = "for your tutor to review"


@dataclass(frozen=True)
class Verdict:
    """A judgement on one concern: ``verdict`` is sound, breach or unsure; ``words`` are
    the words that decide it; ``reason`` says why in the learner's words."""

    concern: str
    verdict: str
    words: tuple[str, ...] = ()
    reason: str = ""
    findings: tuple[Finding, ...] = field(default_factory=tuple)

    def as_dict(self) -> dict[str, Any]:
        return {
            "concern": self.concern,
            "verdict": self.verdict,
            "words": list(self.words),
            "reason": self.reason,
            "findings": [f.as_dict() for f in self.findings],
        }


def _findings(text: str, profile: Any, context: dict[str, Any], kind: str) -> list[Finding]:
    """The findings of one kind of check (only that check is run)."""
    from casekit.drafting.checks import check_draft

    found = check_draft(text, profile=_profile(profile), kinds=(kind,), **context)
    return [f for f in found if f.kind == kind]


def _for_review(finding: Finding) -> bool:
    """A finding the checks themselves leave to a person ("for your tutor to review")."""
    return TUTOR in finding.message


def _verdict(
    concern: str, found: Sequence[Finding], sound_reason: str, words: Sequence[str] = ()
) -> Verdict:
    hard = [f for f in found if f.above_advice and not _for_review(f)]
    if hard:
        return Verdict(
            concern,
            BREACH,
            tuple(dict.fromkeys(f.words for f in hard if f.words)),
            hard[0].message,
            tuple(found),
        )
    if found:
        first = found[0].message
        return Verdict(
            concern,
            UNSURE,
            tuple(dict.fromkeys(f.words for f in found if f.words)),
            first if TUTOR in first else f"{first} ({TUTOR})",
            tuple(found),
        )
    return Verdict(concern, SOUND, tuple(words), sound_reason, ())


def judge_predetermination(text: str, *, profile: Any = None, **context: Any) -> Verdict:
    """Did the sent reply commit a planning committee member to a view on an application?

    Parameters
    ----------
    text
        The reply as sent.
    profile
        A loaded protocol profile, or a profile name (default ``"default"``).
    **context
        ``check_draft``'s context; ``member["committees"]`` says whether the member sits on
        the planning committee (when it does not say, a commitment is ``unsure``).

    Returns
    -------
    Verdict
    """
    from casekit.drafting.checks.context import build_context
    from casekit.drafting.checks.predetermination import YES, on_committee, open_mind
    from casekit.drafting.rules import drafting_rules

    found = _findings(text, profile, context, "predetermination")
    if found and all(f.severity != "breach" for f in found):
        return Verdict(
            "predetermination",
            UNSURE,
            tuple(dict.fromkeys(f.words for f in found)),
            f"{found[0].message} ({TUTOR})",
            tuple(found),
        )
    rules = drafting_rules(_profile(profile))
    ctx = build_context(text, rules=rules, **_context_args(context))
    good = open_mind(ctx)
    if not found and not good and on_committee(ctx) == YES:
        return Verdict(
            "predetermination",
            UNSURE,
            (),
            "The reply makes no commitment, but it does not say the member keeps an open "
            f"mind until the committee either ({TUTOR}).",
        )
    return _verdict(
        "predetermination",
        found,
        "The reply commits the member to no view on the application"
        + (f" and keeps an open mind ('{good[0]}')." if good else "."),
        good,
    )


def judge_party_political(text: str, *, profile: Any = None, **context: Any) -> Verdict:
    """Did the sent reply carry party-political wording (credit, blame, campaigning)?

    Parameters
    ----------
    text
        The reply as sent.
    profile
        A loaded protocol profile, or a profile name.
    **context
        ``check_draft``'s context (``pre_election`` makes such wording a breach).

    Returns
    -------
    Verdict
    """
    found = _findings(text, profile, context, "neutrality")
    return _verdict(
        "party_political", found, "The reply is factual: it credits, blames and promotes no party."
    )


def judge_oversharing(text: str, *, profile: Any = None, **context: Any) -> Verdict:
    """Did the sent reply give personal data this reader may not have, or copy others in?

    Parameters
    ----------
    text
        The reply as sent.
    profile
        A loaded protocol profile, or a profile name.
    **context
        ``check_draft``'s context: the ``recipient`` (name and ``role``), the ``case`` (its
        constituent and officers), ``consents`` and ``known_people``.

    Returns
    -------
    Verdict
    """
    found = _findings(text, profile, context, "confidentiality")
    return _verdict(
        "oversharing",
        found,
        "The reply gives only what this reader may have, and copies no one in without consent.",
    )


def _profile(profile: Any) -> Any:
    if profile is None or isinstance(profile, str):
        from casekit.rules.profile import load_profile

        return load_profile(profile or "default")
    return profile


def _context_args(context: dict[str, Any]) -> dict[str, Any]:
    keys = ("member", "recipient", "case", "consents", "known_people", "pre_election")
    defaults: dict[str, Any] = {"consents": (), "known_people": (), "pre_election": False}
    return {k: context.get(k, defaults.get(k)) for k in keys}


JUDGES = {
    "predetermination": judge_predetermination,
    "party_political": judge_party_political,
    "oversharing": judge_oversharing,
}
