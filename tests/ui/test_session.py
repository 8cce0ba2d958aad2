"""The learner's session: which workspace a notebook finds, the workspace made the first
time, and one open copy of it per thread shared by every form."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from casekit import api, ui
from casekit.errors import CasekitError
from casekit.ui import session
from tests.ui.support import council_workspace, log_case, write_pack


@pytest.fixture(autouse=True)
def no_env(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CASEKIT_WORKSPACE", raising=False)
    monkeypatch.delenv("CASEKIT_PACK", raising=False)


def test_the_environment_names_the_workspace(monkeypatch, tmp_path: Path) -> None:
    monkeypatch.setenv("CASEKIT_WORKSPACE", str(tmp_path / "mine"))
    monkeypatch.setenv("CASEKIT_PACK", str(tmp_path / "pack.json"))
    assert api.learner_workspace(tmp_path / "anywhere") == tmp_path / "mine"
    assert api.learner_pack() == tmp_path / "pack.json"


def test_from_the_kit_or_the_learners_own_folder(tmp_path: Path) -> None:
    kit = tmp_path / "kit"
    (kit / "notebooks").mkdir(parents=True)
    (kit / "scenarios").mkdir()
    (kit / "scenarios" / "intro.json").write_text("{}")
    # The kit's notebooks use the workspace make lab made in workspaces/.
    assert api.learner_workspace(kit / "notebooks") == kit / "workspaces" / "my-workspace"
    assert api.learner_pack(kit / "notebooks") == kit / "scenarios" / "intro.json"
    # The learner's own copies sit beside their workspace.
    own = kit / "workspaces"
    own.mkdir()
    assert api.learner_workspace(own) == own / "my-workspace"
    assert api.learner_pack(own) == kit / "scenarios" / "intro.json"
    # Anywhere else: beside the notebook.
    assert api.learner_workspace(tmp_path / "else") == tmp_path / "else" / "my-workspace"


def test_a_friendly_call_makes_the_workspace_the_first_time(tmp_path: Path, monkeypatch) -> None:
    pack = write_pack(tmp_path / "packs", cases=2)
    monkeypatch.setenv("CASEKIT_WORKSPACE", str(tmp_path / "ws"))
    monkeypatch.setenv("CASEKIT_PACK", str(pack))
    widget = ui.intake()  # no arguments: the learner's own workspace, made from the pack
    assert api.is_workspace(tmp_path / "ws")
    assert widget.step.path == tmp_path / "ws" and widget.step.inbox.options
    before = api.log_head(session.shared_workspace(tmp_path / "ws"))
    ui.verification()  # a second form opens the same workspace, unchanged
    assert api.log_head(session.shared_workspace(tmp_path / "ws")) == before


def test_a_missing_pack_is_explained_in_the_forms_words(tmp_path: Path) -> None:
    with pytest.raises(CasekitError) as caught:
        session.ready_workspace(tmp_path / "ws", tmp_path / "missing.json")
    assert "start page" in str(caught.value.advice) and "casekit" not in caught.value.message
    assert not (tmp_path / "ws").exists()


def test_every_form_in_a_thread_shares_one_open_workspace(tmp_path: Path) -> None:
    path = council_workspace(tmp_path / "ws")
    first = session.shared_workspace(path)
    assert session.shared_workspace(path) is first
    log_case(path)  # appended through another connection: seen on the next read
    assert len(first.state().cases) == 1
    other: list[object] = []
    worker = threading.Thread(target=lambda: other.append(session.shared_workspace(path)))
    worker.start()
    worker.join()
    assert other[0] is not first  # an SQLite connection belongs to its thread
    session.forget(path)
    assert session.shared_workspace(path) is not first


def test_no_workspace_yet_is_said_in_the_forms_words(tmp_path: Path) -> None:
    with pytest.raises(CasekitError) as caught:
        session.shared_workspace(tmp_path / "none")
    assert "There is no workspace in the folder none yet" in caught.value.message
    assert "casekit new" not in str(caught.value)


def test_only_a_few_workspaces_stay_open(tmp_path: Path) -> None:
    paths = [council_workspace(tmp_path / f"ws{i}", inbox=0) for i in range(session.KEEP_OPEN + 2)]
    for path in paths:
        session.shared_workspace(path)
    mine = [k for k in session._OPEN if k[1] == threading.get_ident()]
    assert len(mine) <= session.KEEP_OPEN


def test_a_folder_named_is_used_as_it_is(tmp_path: Path) -> None:
    widget = ui.intake(tmp_path / "not-yet")  # named, not made: the form says so
    assert not (tmp_path / "not-yet").exists()
    assert "There is no workspace in the folder not-yet" in widget.step.notice.value
