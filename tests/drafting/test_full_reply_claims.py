"""A starting full reply says it has the council's answer only when the service gave one."""

from __future__ import annotations

from casekit.drafting import render_letter

MEMBER = {"name": "Cllr Asha Patel", "wards": ["North"], "style": {"formality": "formal"}}
CASE = {"ref": "CK-0001", "summary": "The damp in the flat.", "due": "2026-01-20"}
READER = {"name": "Mary Walsh", "title": "Ms", "first_name": "Mary", "surname": "Walsh"}
CLAIM = "I now have a full reply from the council"


def letter(formality: str, **extra: object) -> str:
    member = dict(MEMBER, style={"formality": formality})
    return render_letter(
        "full_reply",
        member=member,
        case=CASE,
        constituent=READER,
        extra={"outcome": "A surveyor visits on Tuesday.", **extra},
    )


def test_no_claim_of_a_reply_the_service_never_gave() -> None:
    for formality in ("formal", "warm", "plain"):
        text = letter(formality)
        assert CLAIM not in text
        assert "A surveyor visits on Tuesday." in text


def test_the_claim_stands_when_the_service_replied() -> None:
    for formality in ("formal", "warm"):
        assert CLAIM in letter(formality, service_replied=True)


def test_a_starting_draft_knows_whether_the_service_replied(tmp_path) -> None:
    from casekit.api import starting_draft
    from casekit.casework.actions import Casework
    from casekit.record.workspace import Workspace
    from tests.ui.support import council_workspace, log_case

    path = council_workspace(tmp_path / "ws")
    ref = log_case(path)
    with Workspace.open(path) as ws:
        Casework(ws).refer_to_service(ref, service="s-housing", question="When?")
        draft = starting_draft(ws, ref, "full_reply", {"outcome": "The survey is booked."})
    assert CLAIM not in draft and "The survey is booked." in draft
