"""Intake compares names by meaning, and refuses wrong types with a clear message."""

from __future__ import annotations

import pytest

from casekit.casework.actions import Casework
from casekit.errors import CasekitError
from casekit.record.workspace import Workspace


@pytest.mark.parametrize(
    "again",
    [
        "ann smith",
        "Ann  Smith",
        "Ann\u00a0Smith",
        "Ann\u200b Smith",
        "Ａｎｎ Ｓｍｉｔｈ",  # full-width
        "Аnn Smith",  # Cyrillic A
    ],
)
def test_the_same_person_written_differently_is_a_likely_duplicate(
    workspace: Workspace, again: str
) -> None:
    cw = Casework(workspace)
    cw.receive_enquiry(
        constituent={"name": "Ann Smith", "postcode": "LE11 3AB"},
        enquiry="Damp",
        category="housing",
    )
    result = cw.receive_enquiry(
        constituent={"name": again, "postcode": "LE11 3AB"},
        enquiry="Damp again",
        category="housing",
    )
    assert any(n.rule == "possible-duplicate" for n in result.notices)


def test_decomposed_accents_are_the_same_name(workspace: Workspace) -> None:
    import unicodedata

    cw = Casework(workspace)
    cw.receive_enquiry(constituent={"name": "Zoë Brontë"}, enquiry="Bins", category="waste")
    result = cw.receive_enquiry(
        constituent={"name": unicodedata.normalize("NFD", "Zoë Brontë")},
        enquiry="Bins",
        category="waste",
    )
    assert any(n.rule == "possible-duplicate" for n in result.notices)


def test_a_different_person_is_not_a_duplicate(workspace: Workspace) -> None:
    cw = Casework(workspace)
    cw.receive_enquiry(constituent={"name": "Ann Smith"}, enquiry="Damp", category="housing")
    result = cw.receive_enquiry(
        constituent={"name": "Anne Smyth"}, enquiry="Damp", category="housing"
    )
    assert not any(n.rule == "possible-duplicate" for n in result.notices)


@pytest.mark.parametrize("member", [{}, ["m"], 3])
def test_a_member_that_is_not_text_is_a_clear_error(tmp_path, member) -> None:
    from casekit.api import new_workspace
    from tests.api.test_workspaces import INTRO

    with new_workspace(tmp_path / "ws", pack=INTRO) as ws:
        with pytest.raises(CasekitError) as err:
            Casework(ws).receive_enquiry(
                constituent={"name": "Ann Smith"},
                enquiry="Damp",
                category="housing",
                member_id=member,
            )
        assert err.value.field == "member"
