"""The simulated member: approves a draft written in their name or returns it with comments.

Learners practise the loop the unit assesses (AC3: "the member's approval"): a draft goes to
the member, who signs it off only when it sounds like them and is safe to send. The member's
comments follow from the draft checks' findings and their own style profile, in their voice,
worded from the profile's ``[drafting.approval]`` section; the same draft always gets the same
answer. Approval is an event (``draft_approved`` / ``draft_returned``) in the workspace log.
"""

from __future__ import annotations

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
