"""The tutor's classroom form and the learner's send form, in plain pytest."""

from __future__ import annotations

from pathlib import Path

from casekit import ui


def test_off_the_hub_the_buttons_are_off_and_say_why(tmp_path: Path, monkeypatch) -> None:
    for name in ("CASEKIT_CLASSROOM_URL", "JUPYTERHUB_API_TOKEN", "CASEKIT_HUB_TOKEN"):
        monkeypatch.delenv(name, raising=False)
    room = ui.classroom(tmp_path).step
    assert room.advance_button.disabled and room.review_button.disabled
    assert "works on your class" in room.status.value
    send = ui.send_to_tutor(tmp_path / "ws").step
    assert send.send_button.disabled


def test_on_the_hub_a_refusal_is_shown_in_the_form(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("CASEKIT_CLASSROOM_URL", "http://127.0.0.1:9/services/classroom/")
    monkeypatch.setenv("JUPYTERHUB_API_TOKEN", "t")
    room = ui.classroom(tmp_path).step
    assert not room.advance_button.disabled
    room.advance_button.click()
    assert "did not answer" in room.status.value and "casekit-msg-error" in room.status.value
