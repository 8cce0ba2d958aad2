"""``casekit app``: the Voila command line it runs, and its refusals.

The browser tests (tests/browser/test_browser_voila.py) start the real server through this
command and use the app end to end; these tests cover the parts that need no server.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from casekit.cli import app, build_parser
from casekit.errors import CasekitError

REPO = Path(__file__).resolve().parents[2]


def test_the_command_is_registered_with_its_options() -> None:
    args = build_parser().parse_args(
        ["app", "notebooks/01_collect.ipynb", "--port", "9001", "--no-browser"]
    )
    assert args.notebook == Path("notebooks/01_collect.ipynb")
    assert args.port == 9001 and args.no_browser is True
    defaults = build_parser().parse_args(["app"])
    assert defaults.notebook is None and defaults.port == app.DEFAULT_PORT


def test_voila_runs_the_notebook_code_hidden_on_localhost_only() -> None:
    command = app.voila_command(Path("nb.ipynb"), 9001, open_browser=False)
    assert command[:4] == [sys.executable, "-m", "voila", "nb.ipynb"]
    for option in (
        "--port=9001",
        "--Voila.ip=127.0.0.1",
        "--Voila.port_retries=0",
        "--strip_sources=True",
        "--no-browser",
    ):
        assert option in command
    assert "--no-browser" not in app.voila_command(Path("nb.ipynb"), 9001, open_browser=True)


def test_the_options_exist_in_this_voila() -> None:
    """Guard against a Voila upgrade renaming an option: it would ignore ours silently."""
    help_all = subprocess.run(
        [sys.executable, "-m", "voila", "--help-all"],
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    ).stdout
    for name in (
        "--Voila.ip",
        "--Voila.port_retries",
        "--strip_sources",
        "--no-browser",
        "--Voila.root_dir",
        "--VoilaConfiguration.file_allowlist",
    ):
        assert name in help_all


def test_default_is_the_desk_preferring_the_learners_own_copy(tmp_path: Path) -> None:
    assert app.START_NOTEBOOK == "desk.ipynb"
    # From anywhere else, it falls back to the notebooks beside the package.
    assert app.default_notebook(tmp_path) == REPO / "notebooks" / app.START_NOTEBOOK
    (tmp_path / "notebooks").mkdir()
    (tmp_path / "notebooks" / "desk.ipynb").write_text("{}")
    assert app.default_notebook(tmp_path) == tmp_path / "notebooks" / "desk.ipynb"
    (tmp_path / "workspaces").mkdir()
    (tmp_path / "workspaces" / "desk.ipynb").write_text("{}")  # made by make lab
    assert app.default_notebook(tmp_path) == tmp_path / "workspaces" / "desk.ipynb"


def test_the_app_serves_only_evidence_packs_from_the_learners_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import re

    monkeypatch.delenv("CASEKIT_WORKSPACE", raising=False)
    notebook = REPO / "notebooks" / "desk.ipynb"
    env, root = app.app_environment(notebook)
    assert Path(env["CASEKIT_WORKSPACE"]) == REPO / "workspaces" / "my-workspace"
    assert root == REPO and env["CASEKIT_FILES_ROOT"] == str(REPO)
    assert env["CASEKIT_FILES_URL"] == "/voila/files/"
    command = app.voila_command(notebook, 9001, open_browser=False, root=root)
    assert f"--Voila.root_dir={REPO}" in command
    allowed = re.compile(app.PACK_FILES)
    for served in ("workspaces/my-workspace-evidence.zip", "my-workspace-evidence/index.html"):
        assert allowed.fullmatch(served)
    for private in ("workspaces/my-workspace/casekit.sqlite", "notebooks/desk.ipynb", "x.zip"):
        assert not allowed.fullmatch(private)
    monkeypatch.setenv("CASEKIT_WORKSPACE", str(tmp_path / "ws"))
    env, root = app.app_environment(notebook)
    assert env["CASEKIT_WORKSPACE"] == str(tmp_path / "ws")
    # The folder served holds both the notebook and the workspace's folder (its packs).
    assert notebook.is_relative_to(root) and tmp_path.is_relative_to(root)


@pytest.mark.parametrize(
    ("name", "field"),
    [("missing.ipynb", "notebook"), ("README.md", "notebook")],
)
def test_refuses_what_is_not_a_notebook(name: str, field: str) -> None:
    with pytest.raises(CasekitError) as caught:
        app.check_notebook(REPO / name)
    assert caught.value.field == field


@pytest.mark.parametrize("port", [0, 80, 1023, 65536])
def test_refuses_a_port_out_of_range(port: int) -> None:
    with pytest.raises(CasekitError) as caught:
        app.check_port(port)
    assert caught.value.field == "port"


@given(st.integers(min_value=-(2**31), max_value=2**31))
def test_port_check_accepts_exactly_the_unprivileged_range(port: int) -> None:
    if 1024 <= port <= 65535:
        assert app.check_port(port) == port
    else:
        with pytest.raises(CasekitError, match=f"port {port} is not between"):
            app.check_port(port)


@given(st.text(min_size=1, max_size=30).filter(lambda s: "/" not in s and "\x00" not in s))
def test_only_an_existing_ipynb_file_is_served(name: str) -> None:
    path = REPO / "notebooks" / name
    if path.suffix == ".ipynb" and path.is_file():
        assert app.check_notebook(path) == path.resolve()
    else:
        with pytest.raises(CasekitError):
            app.check_notebook(path)


def test_a_server_that_dies_is_reported_at_once() -> None:
    process = subprocess.Popen([sys.executable, "-c", "raise SystemExit(3)"])
    process.wait(timeout=30)
    with pytest.raises(CasekitError, match="exit code 3"):
        app.wait_until_up(9, process, timeout=5)


def test_a_missing_notebook_exits_2_with_the_reason(capsys) -> None:
    from casekit.cli import main

    assert main(["app", "no-such.ipynb", "--no-browser"]) == 2
    assert "There is no notebook at no-such.ipynb" in capsys.readouterr().err


def test_a_port_already_in_use_is_refused_before_starting(capsys) -> None:
    import socket

    from casekit.cli import main

    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        assert app.port_in_use(port)
        notebook = REPO / "notebooks" / app.START_NOTEBOOK
        assert main(["app", str(notebook), "--port", str(port), "--no-browser"]) == 2
    assert f"port {port} is already in use" in capsys.readouterr().err
