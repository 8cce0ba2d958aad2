"""What the kit accepts on the learner's word is listed for the tutor to confirm."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

import pytest

from casekit import api
from casekit.casework.actions import Casework
from casekit.drafting.approval import record_member_approval
from casekit.drafting.case_drafts import save_draft
from casekit.errors import CasekitError
from casekit.feedback.tutor_review import for_tutor_to_confirm
from casekit.record.workspace import Workspace
from tests.approved import approved_draft


@pytest.fixture
def ws(workspace_factory: Callable[..., Workspace]) -> Workspace:
    return workspace_factory(start=datetime(2026, 1, 5, 9, 0))


def _case(ws: Workspace, **extra: object) -> str:
    return (
        Casework(ws)
        .receive_enquiry(
            constituent={"name": "Bob Jones"},
            enquiry="About my mother's flat.",
            category="housing",
            **extra,  # type: ignore[arg-type]
        )
        .case_ref
    )


def test_a_para_23_reason_lets_the_case_go_on_and_is_listed(ws: Workspace) -> None:
    ref = _case(ws, on_behalf_of={"name": "Mary Jones", "relationship": "mother"})
    cw = Casework(ws)
    event = cw.record_consent(
        ref,
        recipient="Housing Repairs",
        purpose="to get the damp treated",
        given_by="Mary Jones",
        para_23_reason="cannot_give",
        explanation="Mary is in hospital and cannot be asked this week.",
    )
    assert event.data["basis"] == "DPA 2018 Sch. 1 para 23(2)"
    assert event.data["tutor_to_confirm"] is True
    assert event.personal["explanation"].startswith("Mary is in hospital")
    cw.share_with_third_party(
        ref, recipient="Housing Repairs", purpose="repair", what="the address and the problem"
    )
    [item] = for_tutor_to_confirm(ws.state())
    assert item.kind == "para-23-2-reason" and item.case == ref
    assert "para 23(2)(a)" in item.summary and "tutor" in item.summary
    assert item.details["explanation"].startswith("Mary is in hospital")


@pytest.mark.parametrize(
    ("args", "field"),
    [
        ({"para_23_reason": "because"}, "para 23(2) reason"),
        ({"para_23_reason": "would_prejudice", "explanation": ""}, "why consent cannot be had"),
        ({"evidence": ""}, "how consent was given"),
    ],
)
def test_consent_or_a_reason_is_needed(ws: Workspace, args: dict, field: str) -> None:
    ref = _case(ws)
    before = ws.log.head()
    with pytest.raises(CasekitError) as err:
        Casework(ws).record_consent(ref, recipient="Midland Heart", purpose="repair", **args)
    assert err.value.field == field
    assert ws.log.head() == before


def test_approvals_another_way_are_listed_in_log_order_and_plain_ones_are_not(
    ws: Workspace,
) -> None:
    ref = _case(ws)
    approved_draft(ws, ref, "Dear Bob, it is booked.")  # through the approval form: not listed
    save_draft(ws, ref, letter_kind="full_reply", text="Dear Bob, the date is fixed.")
    ws.append("clock_advanced", {"to": "2026-01-06T09:00"}, actor="system", at="2026-01-06T09:00")
    record_member_approval(
        ws, ref, "D2", approved_by="Cllr Ada Patel", approved_at="2026-01-05T17:30", how="phone"
    )
    Casework(ws).record_consent(
        ref,
        recipient="Midland Heart",
        purpose="repair",
        para_23_reason="others_interest",
        explanation="The neighbour's flat floods from hers.",
    )
    listed = for_tutor_to_confirm(ws.state())
    assert [i.kind for i in listed] == ["approval-another-way", "para-23-2-reason"]
    assert listed[0].details["draft_id"] == "D2" and listed[0].details["route"] == "phone"
    assert [i.as_dict() for i in api.for_tutor_to_confirm(ws)] == [i.as_dict() for i in listed]
