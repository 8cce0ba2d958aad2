"""``casekit app [NOTEBOOK]``: serve a notebook as a no-code app with Voila; by default the
learner's casework desk.

Voila runs the notebook and shows only its widgets (``--strip_sources=True`` hides the
code), so a learner, tutor or assessor who never opens JupyterLab still gets the forms.
The server binds to 127.0.0.1 only: a workspace holds (synthetic) personal data and is
not for the network. It serves the folder holding the notebook and the learner's
workspace, and of its files only exported evidence packs and their zips, so the export
form's links open the pack and download the zip.
"""

from __future__ import annotations

import argparse
import os
import socket
import subprocess
import sys
import time
from pathlib import Path

from casekit.errors import CasekitError

START_NOTEBOOK = "desk.ipynb"
DEFAULT_PORT = 8866
READY_TIMEOUT_S = 60.0
# The only files the app serves: exported evidence packs (folders ending -evidence) and
# their zips (Voila's allow-list of regular expressions, matched against the path).
PACK_FILES = r".*-evidence(/.*|\.zip)"


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "notebook",
        nargs="?",
        type=Path,
        help=f"notebook to serve (default: {START_NOTEBOOK}, the casework desk: the learner's "
        "own copy in workspaces/ when there is one, else the kit's in notebooks/)",
    )
    parser.add_argument(
        "--port", type=int, default=DEFAULT_PORT, help=f"port on 127.0.0.1 (default {DEFAULT_PORT})"
    )
    parser.add_argument(
        "--no-browser",
        action="store_true",
        help="do not open a web browser; just print the address",
    )


def default_notebook(cwd: Path | None = None) -> Path:
    """The desk: the learner's own copy (here, or in ``workspaces/``, where ``make lab``
    puts it), else the kit's in ``notebooks/``, else the one beside the package."""
    here = Path(cwd or Path.cwd())
    candidates = [
        here / START_NOTEBOOK,
        here / "workspaces" / START_NOTEBOOK,
        here / "notebooks" / START_NOTEBOOK,
        Path(__file__).resolve().parents[2] / "notebooks" / START_NOTEBOOK,
    ]
    for candidate in candidates:
        if candidate.is_file():
            return candidate
    raise CasekitError(
        f"Cannot find the start notebook {START_NOTEBOOK}.",
        field="notebook",
        advice="Run 'casekit app' from the casekit folder, or name the notebook to serve.",
    )


def voila_command(
    notebook: Path, port: int, *, open_browser: bool, root: Path | None = None
) -> list[str]:
    """The Voila command line (option names checked against voila 0.5 ``--help-all``)."""
    command = [
        sys.executable,
        "-m",
        "voila",
        str(notebook),
        f"--port={port}",
        "--Voila.ip=127.0.0.1",
        "--Voila.port_retries=0",
        "--strip_sources=True",
        f"--VoilaConfiguration.file_allowlist=['{PACK_FILES}']",
    ]
    if root is not None:
        command.append(f"--Voila.root_dir={root}")
    if not open_browser:
        command.append("--no-browser")
    return command


def app_environment(notebook: Path) -> tuple[dict[str, str], Path]:
    """The forms' environment and the folder Voila serves: the learner's workspace (as
    the notebook finds it), and the folder holding both it and the notebook, whose
    evidence packs the export form links to."""
    from casekit.api import learner_workspace

    workspace = learner_workspace(notebook.parent).resolve()
    root = Path(os.path.commonpath([notebook.parent, workspace.parent]))
    env = dict(os.environ)
    env.update(
        {
            "CASEKIT_WORKSPACE": str(workspace),
            "CASEKIT_FILES_URL": "/voila/files/",
            "CASEKIT_FILES_ROOT": str(root),
        }
    )
    return env, root


def check_notebook(notebook: Path) -> Path:
    if notebook.suffix != ".ipynb":
        raise CasekitError(f"{notebook} is not a notebook (.ipynb).", field="notebook")
    if not notebook.is_file():
        raise CasekitError(
            f"There is no notebook at {notebook}.",
            field="notebook",
            advice="Check the name; the notebooks are in notebooks/.",
        )
    return notebook.resolve()


def check_port(port: int) -> int:
    if not 1024 <= port <= 65535:
        raise CasekitError(f"port {port} is not between 1024 and 65535.", field="port")
    return port


def port_in_use(port: int) -> bool:
    """Whether something already listens on 127.0.0.1:``port``."""
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=0.5):
            return True
    except OSError:
        return False


def wait_until_up(port: int, process: subprocess.Popen, timeout: float = READY_TIMEOUT_S) -> None:
    """Wait until Voila listens on ``port``; fail at once if it exits.

    A plain TCP connection is enough (Voila listens only once its web app is ready) and,
    unlike an HTTP probe, it neither runs the notebook nor fills Voila's log with 404s.
    """
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise CasekitError(
                f"Voila stopped before it was ready (exit code {process.returncode}).",
                field="port",
                advice="Another program may be using the port: try --port with another number.",
            )
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return
        except OSError:
            time.sleep(0.3)
    raise CasekitError(f"Voila did not start on port {port} within {timeout:.0f} s.", field="port")


def run(args: argparse.Namespace) -> int:
    notebook = check_notebook(args.notebook) if args.notebook else default_notebook()
    port = check_port(args.port)
    if port_in_use(port):
        raise CasekitError(
            f"port {port} is already in use on this computer.",
            field="port",
            advice="Stop the other app, or choose another port with --port.",
        )
    url = f"http://127.0.0.1:{port}/"
    # Voila runs the kernel in the notebook's folder, so relative paths such as
    # "../workspaces/my-workspace" mean the same as in JupyterLab.
    env, root = app_environment(notebook)
    process = subprocess.Popen(
        voila_command(notebook, port, open_browser=not args.no_browser, root=root),
        cwd=notebook.parent,
        env=env,
    )
    try:
        wait_until_up(port, process)
        print(f"Serving {notebook.name} as an app at {url}", flush=True)
        print("Press Ctrl+C to stop.", flush=True)
        return process.wait()
    except BaseException:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
        raise
