"""Drafting replies in the member's name: a starting draft in their style, live checks,
saving a draft with its findings, and putting it to the member for approval.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from casekit.drafting.approval import Decision
    from casekit.drafting.findings import Finding
    from casekit.record.log import Event
    from casekit.record.workspace import Workspace

__all__ = [
    "check_case_draft",
    "check_letter",
    "draft_status",
    "judge_sent_text",
    "letter_kinds",
    "record_member_approval",
    "required_extras",
    "save_draft",
    "starting_draft",
    "submit_for_approval",
]


def letter_kinds() -> tuple[str, ...]:
    """The kinds of letter a starting draft can be made for.

    Returns
    -------
    tuple of str
        Letter kind ids (``acknowledgement``, ``holding_reply``, ``full_reply``...).
    """
    from casekit.drafting.letters import LETTER_KINDS

    return tuple(LETTER_KINDS)


def required_extras() -> dict[str, tuple[tuple[str, str, str], ...]]:
    """What the learner must supply for each letter kind (what the log cannot know).

    Returns
    -------
    dict
        Letter kind id to ``(where, name, what it is)`` for each value its template
        needs that the log cannot supply.
    """
    from casekit.drafting.letters import REQUIRED

    return dict(REQUIRED)


def starting_draft(
    ws: Workspace, case_ref: str, letter_kind: str, extra: dict[str, Any] | None = None
) -> str:
    """A starting draft for a case in its member's style, from what the log knows.

    Parameters
    ----------
    ws
        An open workspace.
    case_ref
        The case (``CK-0001``).
    letter_kind
        One of :func:`letter_kinds`.
    extra
        What the learner supplies that the log cannot know (see :func:`required_extras`).

    Returns
    -------
    str
        The draft text, for the learner to edit.
    """
    from casekit.drafting.case_drafts import starting_draft as make

    return make(ws, case_ref, letter_kind, extra)


def check_case_draft(
    ws: Workspace, case_ref: str, text: str, recipient: str = "constituent", letter_kind: str = ""
) -> list[Finding]:
    """The drafting checks (style, neutrality, confidentiality, completeness) on a draft
    for a case, with the case's member, people, consents and pre-election period.

    Parameters
    ----------
    ws, case_ref
        The workspace and case.
    text
        The draft.
    recipient
        Who will read it: ``constituent``, ``member`` or a named third party.
    letter_kind
        The kind of letter, when known (some checks apply to full replies only).

    Returns
    -------
    list of Finding
        Each with its words, severity, rule and criterion.
    """
    from casekit.drafting.case_drafts import check_case_draft as check

    return check(ws, case_ref, text, recipient=recipient, letter_kind=letter_kind)


def save_draft(
    ws: Workspace, case_ref: str, *, letter_kind: str, text: str, recipient: str = "constituent"
) -> tuple[Event, list[Finding]]:
    """Save a draft on a case with the findings of its checks (one ``draft_saved`` event).

    Parameters
    ----------
    ws, case_ref
        The workspace and case.
    letter_kind, text, recipient
        The draft.

    Returns
    -------
    tuple
        The event and the findings.
    """
    from casekit.drafting.case_drafts import save_draft as save

    return save(ws, case_ref, letter_kind=letter_kind, text=text, recipient=recipient)


def submit_for_approval(ws: Workspace, case_ref: str, draft_id: str) -> tuple[Event, Decision]:
    """Put a saved draft to the (simulated) member, who approves it or returns it.

    Parameters
    ----------
    ws, case_ref
        The workspace and case.
    draft_id
        A draft saved on the case (``D1``).

    Returns
    -------
    tuple
        The member's decision event and the decision with its comments.
    """
    from casekit.drafting.approval import submit_for_approval as submit

    return submit(ws, case_ref, draft_id)


def record_member_approval(
    ws: Workspace,
    case_ref: str,
    draft_id: str,
    *,
    approved_by: str,
    approved_at: Any,
    how: str,
    note: str = "",
) -> Event:
    """Record that the councillor approved a saved draft another way (by phone, at a
    surgery, by email): accepted, and marked for the tutor to confirm.

    Parameters
    ----------
    ws, case_ref
        The workspace and case.
    draft_id
        A draft saved on the case (``D1``), not one the member returned.
    approved_by
        Who approved it (the councillor's name).
    approved_at
        When: a date and time, not in the future, not before the draft was saved.
    how
        One of ``casekit.api.APPROVAL_ROUTES`` (``phone``, ``surgery``, ``email``...).
    note
        Anything the tutor should know.

    Returns
    -------
    Event
        The ``draft_approved`` event (actor learner, ``tutor_to_confirm``).
    """
    from casekit.drafting.approval import record_member_approval as record

    return record(
        ws, case_ref, draft_id, approved_by=approved_by, approved_at=approved_at, how=how, note=note
    )


def draft_status(case: Any, draft_id: str) -> str:
    """Where a saved draft stands with the councillor.

    Parameters
    ----------
    case
        A case from the workspace's state.
    draft_id
        A draft saved on the case.

    Returns
    -------
    str
        ``approved``, ``approved another way (for your tutor to confirm)``, ``returned``
        or ``not yet approved``.
    """
    from casekit.drafting.approval import decision_on

    decision = decision_on(case, draft_id)
    if decision is None:
        return "not yet approved"
    if decision.kind == "draft_returned":
        return "returned"
    if decision.data.get("tutor_to_confirm"):
        return "approved another way (for your tutor to confirm)"
    return "approved"


def check_letter(
    text: str,
    *,
    profile: str = "default",
    member: Mapping[str, Any] | None = None,
    recipient: Mapping[str, Any] | None = None,
    case: Mapping[str, Any] | None = None,
    consents: Iterable[Any] = (),
    pre_election: bool = False,
    known_people: Iterable[Any] = (),
) -> list[Finding]:
    """The drafting checks on a letter outside any workspace (``casekit draft check``).

    Parameters
    ----------
    text
        The letter.
    profile
        The protocol profile's name or file, whose wording the checks use.
    member
        The member the letter is written for (name, style, ``committees``), when known.
    recipient
        Who reads it: ``{"name", "role"}`` with role ``constituent``, ``member``,
        ``officer`` or ``third-party``. Without a name, the salutation gives it.
    case
        What is known of the case: its reference, constituent, official contact details.
    consents
        Recipients the constituent consented to share with (names, or ``{"recipient",
        "scope"}``).
    pre_election
        Whether the letter goes out in a pre-election period.
    known_people
        Other people in the case (names or ``{"name", "consented"}``).

    Returns
    -------
    list of Finding
    """
    from casekit.drafting import check_draft
    from casekit.rules.profile import load_profile

    return check_draft(
        text,
        profile=load_profile(profile),
        member=member,
        recipient=recipient,
        case=case,
        consents=consents,
        known_people=known_people,
        pre_election=pre_election,
    )


def judge_sent_text(concern: str, text: str, **context: Any) -> Any:
    """A verdict on one trap concern from the text a learner actually sent.

    Parameters
    ----------
    concern
        ``predetermination``, ``party_political`` or ``oversharing``.
    text
        The reply as sent.
    **context
        The draft checks' context (``member``, ``recipient``, ``case``, ``consents``,
        ``known_people``, ``pre_election``, ``profile``).

    Returns
    -------
    Verdict
        ``sound``, ``breach`` or ``unsure`` (for the tutor to review), with the words that
        decide it.
    """
    from casekit.drafting.judgements import JUDGES
    from casekit.errors import CasekitError

    if concern not in JUDGES:
        raise CasekitError(
            f"There is no judgement for {concern!r}: {', '.join(JUDGES)}.",
            rule="judgement-concern",
            field="concern",
        )
    return JUDGES[concern](text, **context)
