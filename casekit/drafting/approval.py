"""The simulated member: approves a draft written in their name or returns it with comments.

Learners practise the loop the unit assesses (AC3: "the member's approval"): a draft goes to
the member, who signs it off only when it sounds like them and is safe to send. The member's
comments follow from the draft checks' findings and their own style profile, in their voice,
worded from the profile's ``[drafting.approval]`` section; the same draft always gets the same
answer. Approval is an event (``draft_approved`` / ``draft_returned``) in the workspace log,
carrying the SHA-256 of the text approved, so that a reply can go out only as that text
(:func:`approved_for_sending`). A member who approves another way (by phone, at a surgery,
by email) is recorded by the learner with who, when and how (:func:`record_member_approval`),
accepted, and marked for the tutor to confirm.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from casekit.drafting.findings import Finding, severity_rank, summary
from casekit.drafting.people import style_of
from casekit.drafting.rules import PROFILE_SOURCE, drafting_rules, fill, setting
from casekit.errors import CasekitError

SECTION = "approval"
APPROVED, RETURNED = "draft_approved", "draft_returned"


@dataclass(frozen=True)
class Decision:
    """The member's answer: ``approved`` and the ``comments`` that explain it."""

    approved: bool
    comments: list[str] = field(default_factory=list)
    note: str = ""

    def as_dict(self) -> dict[str, Any]:
        return {"approved": self.approved, "comments": list(self.comments), "note": self.note}


def _approval_rules(profile: Any) -> Mapping[str, Any]:
    if profile is None:
        from casekit.rules.profile import load_profile

        profile = load_profile("default")
    rules = drafting_rules(profile)
    section = rules.get(SECTION)
    if not isinstance(section, Mapping):
        raise CasekitError(
            "The protocol profile has no [drafting.approval] section.",
            rule="profile-drafting",
            source=PROFILE_SOURCE,
            field="drafting.approval",
        )
    return section


def review_draft(
    text: str,
    *,
    member: Mapping[str, Any],
    findings: Iterable[Finding],
    profile: Any = None,
) -> Decision:
    """The member's decision on ``text``, given the draft checks' ``findings``.

    The draft is returned when any finding reaches the profile's ``return_at`` severity;
    advice-level findings become comments on an approved draft ("next time...").
    """
    if not isinstance(text, str) or not text.strip():
        raise CasekitError(
            "There is no draft text to review.",
            rule="draft-is-text",
            source="casekit drafting",
            field="text",
        )
    rules = _approval_rules(profile)
    threshold = severity_rank(str(setting(rules, SECTION, "return_at")))
    comments_by_check = setting(rules, SECTION, "comments")
    style = style_of(member)
    findings = list(findings)
    comments: list[str] = []
    for finding in findings:
        template = comments_by_check.get(finding.check) if finding.check else None
        if not isinstance(template, str):
            template = finding.message  # a check the member has no words for: pass it on
        comment = fill(template, _values(finding, style))
        if comment not in comments:
            comments.append(comment)
    approved = all(severity_rank(f.severity) < threshold for f in findings)
    note = str(setting(rules, SECTION, "approved" if approved else "returned"))
    return Decision(approved=approved, comments=comments, note=note)


def _values(finding: Finding, style: Mapping[str, Any]) -> dict[str, str]:
    expected = finding.expected
    if finding.check == "phrases":
        phrases = [str(p) for p in style.get("recurring_phrases") or () if str(p).strip()]
        expected = phrases[0] if phrases else expected
    elif finding.check in ("greeting", "greeting_missing") and not expected:
        expected = str(style.get("greeting") or "")
    elif finding.check in ("sign_off", "sign_off_missing") and not expected:
        expected = str(style.get("sign_off") or "")
    return {
        "words": finding.words,
        "expected": expected,
        "source": finding.rule,
        "name": finding.about or finding.words,
    }


def submit_for_approval(
    ws: Any, case_ref: str, draft_id: str, *, member: Mapping[str, Any] | None = None
) -> tuple[Any, Decision]:
    """Put a saved draft to the case's member and record their decision as an event.

    Reads the ``draft_saved`` event for ``draft_id``, reviews its text against the findings
    saved with it, and appends ``draft_approved`` or ``draft_returned`` (actor ``member``).
    The comments go with the event's personal values, because they may quote names.
    Returns the new event and the decision.
    """
    with ws.transaction() as tx:
        saved = [
            e
            for e in tx.events(kinds=["draft_saved"], case=case_ref)
            if e.data.get("draft_id") == draft_id
        ]
        if not saved:
            raise CasekitError(
                f"There is no saved draft {draft_id!r} on case {case_ref}.",
                rule="unknown-draft",
                source="Casework audit trail",
                advice="Save the draft first, then submit it to the member.",
                field="draft",
            )
        decided = [
            e
            for e in tx.events(kinds=[APPROVED, RETURNED], case=case_ref)
            if e.data.get("draft_id") == draft_id
        ]
        if decided:
            raise CasekitError(
                f"Draft {draft_id} was already "
                f"{'approved' if decided[-1].kind == APPROVED else 'returned'}.",
                rule="draft-decided-once",
                source=str(_approval_rules(tx.profile).get("source") or PROFILE_SOURCE),
                advice="Save a revised draft and submit that one.",
                field="draft",
            )
        event = saved[-1]
        text = event.get("text")
        if not isinstance(text, str):
            raise CasekitError(
                f"The text of draft {draft_id} has been erased under the retention policy.",
                rule="personal-data-erased",
                source="UK GDPR art. 5(1)(e) storage limitation",
                field="draft",
            )
        stored = event.get("findings") or []
        findings = [Finding.from_dict(_with_message(f)) for f in stored]
        if member is None:
            member = _case_member(tx, case_ref)
        decision = review_draft(text, member=member, findings=findings, profile=tx.profile)
        new = tx.append(
            APPROVED if decision.approved else RETURNED,
            {
                "draft_id": draft_id,
                "approved": decision.approved,
                "comment_count": len(decision.comments),
                "findings_summary": summary(findings),
                "checks": sorted({f.check for f in findings if f.check}),
                "text_sha256": text_digest(text),
            },
            case=case_ref,
            personal={"comments": decision.comments, "note": decision.note},
            actor="member",
        )
    return new, decision


def _with_message(stored: Mapping[str, Any]) -> dict[str, Any]:
    """Findings kept in event data may lack the message (it can quote names)."""
    return {"message": "", **stored}


def _case_member(ws: Any, case_ref: str) -> dict[str, Any]:
    """The member a case belongs to, from the council in the workspace's state."""
    state = ws.state()
    case = state.case(case_ref)
    council = getattr(state, "council", None)
    member_id = getattr(case, "member_id", None)
    members = getattr(council, "members", {}) or {}
    if case is None or member_id not in members:
        raise CasekitError(
            f"Case {case_ref} has no member on record to approve its drafts.",
            rule="draft-needs-member",
            source=str(_approval_rules(ws.profile).get("source") or PROFILE_SOURCE),
            field="member",
        )
    m = members[member_id]
    return {"id": m.id, "name": m.name, "style": dict(m.style)}


# --------------------------------------------------------------------------- the gate


def text_digest(text: str) -> str:
    """SHA-256 of a letter's text: line endings and space around it do not count, every
    other character does (a changed word, a changed name, an added line)."""
    return hashlib.sha256(text.replace("\r\n", "\n").strip().encode("utf-8")).hexdigest()


def decision_on(case: Any, draft_id: str) -> Any:
    """The member's latest decision on ``draft_id`` (approved or returned), or None."""
    found = [e for e in getattr(case, "approvals", ()) if e.data.get("draft_id") == draft_id]
    return found[-1] if found else None


def approved_for_sending(profile: Any, case: Any, draft_id: Any, text: str) -> Any:
    """The approval that lets ``text`` go out as a reply on ``case``, or the refusal.

    The reply must come from a saved draft (``draft_id``), the member's latest decision
    on it must be an approval, and ``text`` must be the text approved (compared by its
    SHA-256, not by the draft's id). Each refusal names the protocol and what to do.
    """
    if not draft_id:
        raise profile.rule("reply-needs-draft").error(field="draft")
    draft = case.drafts.get(draft_id) if isinstance(draft_id, str) else None
    if draft is None:
        raise CasekitError(
            f"Draft {draft_id!r} is not saved on {case.ref}.",
            rule="unknown-draft",
            source="Casework audit trail",
            advice="Choose one of the case's saved drafts.",
            field="draft",
        )
    decision = decision_on(case, draft_id)
    if decision is None:
        raise profile.rule("reply-draft-not-approved").error(field="draft", draft=draft_id)
    if decision.kind != APPROVED:
        raise profile.rule("reply-draft-returned").error(field="draft", draft=draft_id)
    approved = decision.data.get("text_sha256")
    if not approved:  # approvals logged before digests were kept: the draft's own text
        saved = draft.get("text")
        approved = text_digest(saved) if isinstance(saved, str) else None
    if approved != text_digest(text):
        raise profile.rule("reply-text-changed").error(field="reply text", draft=draft_id)
    return decision


def record_member_approval(
    ws: Any,
    case_ref: str,
    draft_id: str,
    *,
    approved_by: str,
    approved_at: Any,
    how: str,
    note: str = "",
) -> Any:
    """Record that the member approved a saved draft another way (``how``: by phone, at a
    surgery, by email...), with who approved it and when.

    The kit accepts it, keeps the SHA-256 of the draft's text with it, and marks it for the
    tutor to confirm (:func:`casekit.feedback.tutor_review.for_tutor_to_confirm`). Refused
    for a draft the member returned (save a revised draft), one already decided, a time
    in the future or before the draft was saved.
    """
    from casekit import inputs
    from casekit.inputs.dates import parse_when, uk_datetime
    from casekit.rules.vocabulary import APPROVAL_ROUTES

    who = inputs.text(approved_by, "who approved it", limit=200)
    inputs.choice(how, "how it was approved", APPROVAL_ROUTES)
    note = inputs.text(note, "note", required=False, limit=1000)
    when = uk_datetime(parse_when(approved_at, "when it was approved"))
    with ws.transaction() as tx:
        state = tx.state()
        case = state.case(case_ref)
        if case is None:
            raise tx.profile.rule("unknown-case").error(case=case_ref, field="case")
        saved = case.drafts.get(draft_id) if isinstance(draft_id, str) else None
        if saved is None:
            raise CasekitError(
                f"There is no saved draft {draft_id!r} on case {case_ref}.",
                rule="unknown-draft",
                source="Casework audit trail",
                advice="Save the draft first, then record the councillor's approval of it.",
                field="draft",
            )
        decision = decision_on(case, draft_id)
        if decision is not None and decision.kind == RETURNED:
            raise tx.profile.rule("approval-after-return").error(field="draft", draft=draft_id)
        if decision is not None:
            raise CasekitError(
                f"Draft {draft_id} is already approved.",
                rule="draft-decided-once",
                source=str(_approval_rules(tx.profile).get("source") or PROFILE_SOURCE),
                advice="Send the approved draft from the drafting form.",
                field="draft",
            )
        if when > uk_datetime(tx.now):
            raise CasekitError(
                f"The approval time {when:%d/%m/%Y %H:%M} is in the future.",
                field="when it was approved",
                advice="Give the date and time the councillor approved the draft.",
            )
        if when < uk_datetime(saved.at):
            raise CasekitError(
                f"The approval time {when:%d/%m/%Y %H:%M} is before draft {draft_id} was saved.",
                field="when it was approved",
                advice="The councillor can only approve a draft once it is written.",
            )
        text = saved.get("text")
        if not isinstance(text, str):
            raise CasekitError(
                f"The text of draft {draft_id} has been erased under the retention policy.",
                rule="personal-data-erased",
                source="UK GDPR art. 5(1)(e) storage limitation",
                field="draft",
            )
        return tx.append(
            APPROVED,
            {
                "draft_id": draft_id,
                "approved": True,
                "route": how,
                "approved_at": when.isoformat(timespec="minutes"),
                "text_sha256": text_digest(text),
                "tutor_to_confirm": True,
            },
            case=case_ref,
            personal={"approved_by": who, "note": note},
            actor="learner",
        )
