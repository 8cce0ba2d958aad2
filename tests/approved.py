"""A reply the member has approved, for tests that are not about the approval itself.

A reply goes out only as the unchanged text of a draft the member approved (the approval
gate in ``Casework.send_reply``). Tests of deadlines, closing or evidence need a reply
without depending on the simulated member's judgement of the wording, so here the
member's approval is logged directly, exactly as the approval step logs it.
"""

from __future__ import annotations

from typing import Any

from casekit.casework.actions import Casework
from casekit.drafting.approval import text_digest
from casekit.drafting.case_drafts import save_draft
from casekit.record.log import Event
from casekit.record.workspace import Workspace


def approved_draft(ws: Workspace, case_ref: str, text: str, letter_kind: str = "full_reply") -> str:
    """Save ``text`` as a draft on ``case_ref`` and log the member's approval of it."""
    saved, _ = save_draft(ws, case_ref, letter_kind=letter_kind, text=text)
    draft_id = saved.data["draft_id"]
    ws.append(
        "draft_approved",
        {"draft_id": draft_id, "approved": True, "text_sha256": text_digest(text)},
        case=case_ref,
        actor="member",
    )
    return draft_id


def send_approved(ws: Workspace, case_ref: str, text: str, **kwargs: Any) -> Event:
    """Draft, approve and send ``text`` as the reply on ``case_ref``."""
    draft_id = approved_draft(ws, case_ref, text)
    return Casework(ws).send_reply(case_ref, text=text, draft_id=draft_id, **kwargs)
