"""Drafting replies on behalf of the member: letter templates in the member's style, the
draft checks (style, neutrality, confidentiality, completeness) and the simulated member's
approval. Unit criterion AC3 (and AC5 for neutrality).

Jinja2 is imported only when a letter is rendered, so importing this package stays cheap.
"""

from __future__ import annotations

from casekit.drafting.approval import Decision, review_draft, submit_for_approval
from casekit.drafting.checks import check_draft
from casekit.drafting.findings import Finding
from casekit.drafting.letters import LETTER_KINDS, render_letter

__all__ = [
    "LETTER_KINDS",
    "Decision",
    "Finding",
    "check_draft",
    "render_letter",
    "review_draft",
    "submit_for_approval",
]
