"""Draft checks: style, neutrality, confidentiality and completeness, as one call.

``check_draft`` is what the drafting form, the workflow's ``save_draft`` and the
``casekit draft check`` command all call. It never raises on the text itself (any string is
a draft a learner might write); it raises :class:`CasekitError` only for a bad profile or a
text that is not a string.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from casekit.drafting.checks.completeness import check_completeness
from casekit.drafting.checks.confidentiality import check_confidentiality
from casekit.drafting.checks.context import build_context
from casekit.drafting.checks.neutrality import check_neutrality
from casekit.drafting.checks.predetermination import check_predetermination
from casekit.drafting.checks.style import check_style
from casekit.drafting.findings import Finding, severity_rank
from casekit.drafting.rules import drafting_rules
from casekit.errors import CasekitError

__all__ = ["check_draft"]

KIND_ORDER = ("neutrality", "predetermination", "confidentiality", "completeness", "style")
CHECKS = {
    "neutrality": check_neutrality,
    "predetermination": check_predetermination,
    "confidentiality": check_confidentiality,
    "completeness": check_completeness,
    "style": check_style,
}


def check_draft(
    text: str,
    *,
    profile: Any,
    member: Any = None,
    recipient: Any = None,
    case: Any = None,
    consents: Iterable[Any] = (),
    known_people: Iterable[Any] = (),
    pre_election: bool = False,
    kinds: Iterable[str] | None = None,
) -> list[Finding]:
    """Every finding on ``text``, most serious first, then in the order they appear.

    Parameters
    ----------
    text:
        The draft letter. Any text is checked in time linear in its length.
    profile:
        A loaded protocol profile (``profile.drafting``), its raw TOML mapping, or the
        ``[drafting.*]`` sections themselves: every wording list comes from there.
    member:
        The member the draft is written for (``{"name", "style": {...}, "phone", "email",
        "committees"}``); without a style the member-specific style checks are skipped;
        ``committees`` says whether they sit on the planning committee.
    recipient:
        Who will read it: a name or ``{"name", "role", "email", "phone", "postcode"}``, with
        ``role`` one of constituent, member, officer (a council service) or third-party;
        defaults to the case's constituent, or to whoever the salutation greets.
    case:
        ``{"ref", "constituent", "owner", "contacts", "category"}``: the reference the letter
        must quote, the person it is about, and the official contacts (dicts with ``name``,
        ``email``, ``phone``) whose details a letter may give.
    consents:
        Recipients the constituent consented to: names, "Name (what they may be told)", or
        ``{"recipient", "scope"}``.
    known_people:
        Other people in the case (names or ``{"name", "consented", "note", "role"}``); a
        person covered by consent or authority (a power of attorney, a child of the
        constituent) is treated as the constituent, anyone else's data must not leak.
        ``note`` says how they relate to the constituent ("brother, has agreed"), so "your
        brother" in the letter is them; ``role`` "constituent" marks another of the
        member's constituents (a weekly update on several cases).
    pre_election:
        In the pre-election period neutrality findings are breaches.
    kinds:
        Only these kinds of check (``KIND_ORDER``'s names); all of them when None. The
        trap judgements ask for one kind each, so the coach does not run the rest.
    """
    if not isinstance(text, str):
        raise CasekitError(
            f"A draft must be text, not {type(text).__name__}.",
            rule="draft-is-text",
            source="casekit drafting",
            field="text",
        )
    rules = drafting_rules(profile)
    ctx = build_context(
        text,
        rules=rules,
        member=member,
        recipient=recipient,
        case=case,
        consents=consents,
        known_people=known_people,
        pre_election=pre_election,
    )
    wanted = set(KIND_ORDER if kinds is None else kinds)
    findings = [f for kind in KIND_ORDER if kind in wanted for f in CHECKS[kind](ctx)]
    return sorted(
        findings,
        key=lambda f: (-severity_rank(f.severity), KIND_ORDER.index(f.kind), f.start, f.check),
    )
