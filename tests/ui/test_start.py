"""The start form: choose a pack, create or open the workspace, record the learner."""

from __future__ import annotations

from pathlib import Path

from casekit.ui.start_step import Start, pack_choices
from tests.ui.support import events, status_text, unlabelled, write_pack


def test_packs_are_listed_and_keys_are_not(tmp_path: Path) -> None:
    pack = write_pack(tmp_path / "scenarios")
    (tmp_path / "scenarios" / "intro-7.key.json").write_text('{"cases": "no"}', "utf-8")
    (tmp_path / "scenarios" / "answers.json").write_text('{"pack_id": "x"}', "utf-8")
    options = pack_choices(tmp_path / "scenarios")
    assert [v for _, v in options] == [str(pack)]
    assert options[0][0] == "intro-7: 4 cases, Introduction, starts Mon 12 Jan 2026"


def test_create_then_reopen(tmp_path: Path) -> None:
    pack = write_pack(tmp_path / "scenarios")
    form = Start(tmp_path / "ws", packs_dir=tmp_path / "scenarios")
    assert "There is no workspace" in status_text(form.notice)
    assert form.pack.value == str(pack)
    form.name.value = "Alex Learner"
    form.registration.value = "R123"
    form.centre.value = "Midshire College"
    form.open_button.click()
    assert "Created your workspace" in status_text(form.status)
    assert "Your details are saved" in status_text(form.status)
    assert "1 enquiry waiting in the inbox" in status_text(form.summary)
    [details] = events(tmp_path / "ws", "learner_details_recorded")
    assert details.personal["name"] == "Alex Learner" and details.data["registration"] == "R123"
    assert len(events(tmp_path / "ws", "pack_loaded")) == 1

    again = Start(tmp_path / "ws", packs_dir=tmp_path / "scenarios")
    assert again.name.value == "Alex Learner"  # read back from the log
    again.open_button.click()
    assert "Opened your workspace" in status_text(again.status)
    assert len(events(tmp_path / "ws", "learner_details_recorded")) == 1  # unchanged: not re-saved
    assert unlabelled(again.widget) == []


def test_no_pack_workspace_and_empty_name(tmp_path: Path) -> None:
    form = Start(tmp_path / "ws", packs_dir=tmp_path / "none")
    assert [v for _, v in form.pack.options] == [""]
    form.open_button.click()
    assert "Created your workspace" in status_text(form.status)
    form.details_button.click()
    assert "learner name is empty" in status_text(form.status)
    assert events(tmp_path / "ws", "learner_details_recorded") == []


def test_bad_pack_is_refused_and_leaves_no_workspace(tmp_path: Path) -> None:
    bad = tmp_path / "scenarios" / "bad.json"
    bad.parent.mkdir()
    bad.write_text('{"cases": [], "pack_id": "bad"}', "utf-8")
    form = Start(tmp_path / "ws", pack=bad, packs_dir=tmp_path / "scenarios")
    form.open_button.click()
    assert 'role="alert"' in form.status.value
    assert not (tmp_path / "ws" / "casekit.sqlite").exists()


def test_choosing_another_pack_for_an_existing_workspace_says_it_was_not_loaded(
    tmp_path: Path,
) -> None:
    first = write_pack(tmp_path / "scenarios", seed=7)
    second = write_pack(tmp_path / "scenarios", seed=8)
    form = Start(tmp_path / "ws", pack=first, packs_dir=tmp_path / "scenarios")
    form.open_button.click()
    assert "Created your workspace" in status_text(form.status)

    again = Start(tmp_path / "ws", pack=second, packs_dir=tmp_path / "scenarios")
    again.pack.value = str(second)
    again.open_button.click()
    said = status_text(again.status)
    assert "Opened your workspace" in said
    assert "intro-8" in said and "was not loaded" in said and "intro-7" in said
    assert len(events(tmp_path / "ws", "pack_loaded")) == 1  # the workspace is unchanged


def test_the_pack_given_is_listed_once_however_its_path_is_written(
    tmp_path: Path, monkeypatch
) -> None:
    pack = write_pack(tmp_path / "scenarios")
    (tmp_path / "notebooks").mkdir()
    monkeypatch.chdir(tmp_path / "notebooks")
    form = Start(tmp_path / "ws", f"../scenarios/{pack.name}", packs_dir=tmp_path / "scenarios")
    packs = [label for label, value in form.pack.options if value]
    assert packs == ["intro-7: 4 cases, Introduction, starts Mon 12 Jan 2026"]  # no "intro-7"
    assert form.pack.value == str(pack)


def test_on_the_desk_there_is_no_folder_to_choose(tmp_path: Path) -> None:
    form = Start(tmp_path / "ws", packs_dir=tmp_path, embedded=True)
    assert form.folder.layout.display == "none"
    assert Start(tmp_path / "ws", packs_dir=tmp_path).folder.layout.display != "none"
