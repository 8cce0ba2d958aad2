"""``python -m casekit.cli.labstart``: make the learner's workspace once, never replace it."""

from __future__ import annotations

from pathlib import Path

import pytest

from casekit.cli import labstart
from casekit.errors import CasekitError
from casekit.record.workspace import DB_NAME, Workspace

INTRO = Path(__file__).resolve().parents[2] / "scenarios" / "intro.json"


@pytest.fixture(scope="module")
def made(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A workspace made once from the intro pack by ``main`` (loading a pack takes a moment)."""
    path = tmp_path_factory.mktemp("lab") / "my-workspace"
    assert labstart.main(["--workspace", str(path), "--pack", str(INTRO)]) == 0
    return path


def test_makes_the_workspace_from_the_pack(made: Path) -> None:
    with Workspace.open(made) as ws:
        state = ws.state()
        assert state.pack and state.pack.get("pack_id")
        assert state.unhandled_inbox(), "the pack's first enquiries are in the inbox"


def test_second_run_keeps_the_workspace_as_it_was(made: Path, capsys) -> None:
    with Workspace.open(made) as ws:
        ws.append(
            "contact_logged",
            {"channel": "phone", "direction": "inbound"},
            case="CK-0001",
            personal={"party": "A"},
        )
        before = [e.hash for e in ws.events()]
    capsys.readouterr()
    assert labstart.main(["--workspace", str(made), "--pack", str(INTRO)]) == 0
    out = capsys.readouterr().out
    assert "kept as it was" in out and str(made.resolve()) in out
    with Workspace.open(made) as ws:
        assert [e.hash for e in ws.events()] == before


def test_prepare_reports_whether_it_made_the_workspace(made: Path) -> None:
    assert labstart.prepare(made, INTRO) == (made.resolve(), False)


def test_a_missing_pack_is_refused_and_writes_nothing(tmp_path: Path, capsys) -> None:
    target = tmp_path / "ws"
    with pytest.raises(CasekitError) as caught:
        labstart.prepare(target, tmp_path / "no-such-pack.json")
    assert caught.value.field == "pack"
    assert not target.exists()
    assert labstart.main(["--workspace", str(target), "--pack", "nope.json"]) == 2
    assert "nope.json" in capsys.readouterr().err
    assert not (target / DB_NAME).exists()


def test_an_existing_workspace_needs_no_pack(made: Path) -> None:
    assert labstart.prepare(made, "not-needed.json")[1] is False


def test_the_learner_gets_their_own_copies_of_the_notebooks(made: Path) -> None:
    folder = made.parent
    for name in labstart.LEARNER_NOTEBOOKS:
        assert (folder / name).is_file(), name  # copied beside the workspace by main()
    mine = folder / "desk.ipynb"
    mine.write_text(mine.read_text(encoding="utf-8") + " ", encoding="utf-8")  # their work
    assert labstart.copy_notebooks(folder) == []  # a copy they have is never replaced
    assert mine.read_text(encoding="utf-8").endswith(" ")
    (folder / "02_verify.ipynb").unlink()
    assert labstart.copy_notebooks(folder) == ["02_verify.ipynb"]  # a missing one comes back


def test_lab_opens_the_learners_folder_on_the_desk(made: Path) -> None:
    command, env, folder = labstart.lab_command(made, INTRO, allow_root=True)
    assert folder == made.resolve().parent  # notebooks, workspace and pack side by side
    assert command[1:4] == ["-m", "jupyter", "lab"]
    assert command[4] == str(folder / "desk.ipynb") and "--allow-root" in command
    assert env["CASEKIT_WORKSPACE"] == str(made.resolve())
    assert env["CASEKIT_FILES_URL"] == "/files/" and env["CASEKIT_FILES_ROOT"] == str(folder)
    assert "--allow-root" not in labstart.lab_command(made, INTRO)[0]


def test_the_kit_notebooks_are_not_where_the_learner_works(made: Path) -> None:
    assert made.resolve().parent != labstart.KIT_NOTEBOOKS
    assert set(labstart.LEARNER_NOTEBOOKS) <= {p.name for p in labstart.KIT_NOTEBOOKS.iterdir()}
