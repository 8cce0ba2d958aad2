"""Real-browser fixtures: Debian's Chromium driven by Playwright, against JupyterLab and Voila.

One JupyterLab server and one Voila server a session, each on a temporary copy of the
notebooks and scenario packs (so autosave and the learner's workspace never touch the
repository), each in its own process group so that stopping it stops its kernels too.
The browser is the system Chromium (``playwright install`` cannot download one here);
without it the tests skip on a developer's machine and FAIL under ``CI=true``.
"""

from __future__ import annotations

import json
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
# The same browser and flags the PDF export uses (casekit.evidence.pdf).
from casekit.evidence.pdf import ARGS as CHROMIUM_ARGS  # noqa: E402
from casekit.evidence.pdf import CHROMIUM  # noqa: E402

ARTIFACTS = REPO / "test-artifacts" / "browser"
AXE = REPO / ".cache" / "npm" / "node_modules" / "axe-core" / "axe.min.js"
SCREENSHOTS = REPO / "docs" / "screenshots"
SERVER_TIMEOUT_S = 90.0


def require_chromium() -> Path:
    """The browser, or a skip (a failure under ``CI=true``, where .ci/run installs it)."""
    if CHROMIUM.exists():
        return CHROMIUM
    message = f"Chromium not found at {CHROMIUM} (apt-get install chromium)"
    if os.environ.get("CI") == "true":
        pytest.fail(message + "; CI=true, so a missing browser is a failure", pytrace=False)
    pytest.skip(message)
    raise AssertionError("unreachable")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass
class Server:
    """A server started in its own process group, with its log file and address."""

    process: subprocess.Popen
    url: str
    log: Path
    root: Path
    workspace: Path
    token: str = ""

    def stop(self) -> None:
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait(timeout=5)


def start_server(
    command: list[str], *, root: Path, workspace: Path, probe: str, url: str, log: Path
) -> Server:
    """Start ``command`` detached, poll ``probe`` until it answers, fail fast if it dies."""
    env = dict(os.environ)
    env.update(
        {
            "CASEKIT_WORKSPACE": str(workspace),
            "CASEKIT_FILES_URL": "/files/",  # JupyterLab's; casekit app sets Voila's own
            "CASEKIT_FILES_ROOT": str(root),
            "JUPYTER_CONFIG_DIR": str(root / ".jupyter-config"),
            "JUPYTER_RUNTIME_DIR": str(root / ".jupyter-runtime"),
            "IPYTHONDIR": str(root / ".ipython"),
            "JUPYTER_PLATFORM_DIRS": "1",
        }
    )
    handle = log.open("wb")
    process = subprocess.Popen(
        command, cwd=root, env=env, stdout=handle, stderr=subprocess.STDOUT, start_new_session=True
    )
    handle.close()
    server = Server(process, url, log, root, workspace)
    deadline = time.monotonic() + SERVER_TIMEOUT_S
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(
                f"{command[:4]} exited ({process.returncode}):\n"
                + log.read_text(errors="replace")[-3000:]
            )
        try:
            with urllib.request.urlopen(probe, timeout=3):
                return server
        except urllib.error.HTTPError:
            return server  # it answered (a 404 on a probe path still means it is up)
        except (urllib.error.URLError, OSError):
            pass
        time.sleep(0.25)
    server.stop()
    raise RuntimeError(
        f"{command[:4]} did not answer within {SERVER_TIMEOUT_S:.0f} s:\n"
        + log.read_text(errors="replace")[-3000:]
    )


def copy_tree(dest: Path) -> Path:
    """A throwaway copy of the notebooks and scenario packs, laid out like the repository."""
    shutil.copytree(
        REPO / "notebooks", dest / "notebooks", ignore=shutil.ignore_patterns(".ipynb_checkpoints")
    )
    shutil.copytree(REPO / "scenarios", dest / "scenarios")
    return dest


@pytest.fixture(scope="session")
def chromium_path() -> Path:
    return require_chromium()


_SHARED: dict[str, object] = {}


def shared_browser(chromium_path: Path) -> object:
    """One Chromium per test process, shared by the browser and the hub tests: Playwright's
    sync API allows one instance at a time in a process."""
    if "browser" not in _SHARED:
        from playwright.sync_api import sync_playwright

        manager = sync_playwright().start()
        _SHARED["playwright"] = manager
        _SHARED["browser"] = manager.chromium.launch(
            executable_path=str(chromium_path), args=CHROMIUM_ARGS, headless=True
        )
    return _SHARED["browser"]


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    browser_ = _SHARED.pop("browser", None)
    if browser_ is not None:
        browser_.close()
        _SHARED.pop("playwright").stop()


@pytest.fixture(scope="session")
def browser(chromium_path: Path) -> object:
    return shared_browser(chromium_path)


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo) -> object:
    """Keep each phase's report on the test, so ``page`` can tell that the test failed."""
    report = yield
    setattr(item, f"report_{report.when}", report)
    return report


@pytest.fixture
def page(browser: object, request: pytest.FixtureRequest) -> Iterator[object]:
    """A fresh browser tab; on failure its screenshot is saved as a test artefact."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.set_default_timeout(30_000)
    pg = context.new_page()
    try:
        yield pg
    finally:
        report = getattr(request.node, "report_call", None)
        if report is not None and report.failed:
            ARTIFACTS.mkdir(parents=True, exist_ok=True)
            pg.screenshot(path=str(ARTIFACTS / f"FAILED-{request.node.name}.png"))
        context.close()


@pytest.fixture(scope="session")
def lab(chromium_path: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """JupyterLab on a temporary copy of the notebooks, with news and update checks off."""
    root = copy_tree(tmp_path_factory.mktemp("lab"))
    settings = root / ".lab-settings"
    notification = settings / "@jupyterlab" / "apputils-extension"
    notification.mkdir(parents=True)
    (notification / "notification.jupyterlab-settings").write_text(
        json.dumps({"fetchNews": "false"})
    )
    port, token = free_port(), secrets.token_hex(16)
    command = [
        sys.executable,
        "-m",
        "jupyter",
        "lab",
        "--no-browser",
        "--allow-root",
        "--ServerApp.ip=127.0.0.1",
        f"--ServerApp.port={port}",
        "--ServerApp.port_retries=0",
        f"--IdentityProvider.token={token}",
        f"--ServerApp.root_dir={root}",
        "--LabApp.expose_app_in_browser=True",
        "--LabApp.news_url=None",
        "--LabApp.extension_manager=readonly",
        "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
        f"--LabApp.workspaces_dir={root / '.lab-workspaces'}",
        f"--LabApp.user_settings_dir={settings}",
    ]
    base = f"http://127.0.0.1:{port}"
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    server = start_server(
        command,
        root=root,
        workspace=root / "workspaces" / "lab-learner",
        probe=f"{base}/api/status?token={token}",
        url=base,
        log=ARTIFACTS / "jupyterlab.log",
    )
    server.token = token
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture(scope="session")
def voila(chromium_path: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """The casework desk served by ``casekit app`` (Voila, code hidden), as a learner opens
    it: the command finds the desk and serves the learner's exported pack."""
    root = copy_tree(tmp_path_factory.mktemp("voila"))
    port = free_port()
    command = [
        sys.executable,
        "-m",
        "casekit",
        "app",
        str(root / "notebooks" / "desk.ipynb"),
        "--port",
        str(port),
        "--no-browser",
    ]
    base = f"http://127.0.0.1:{port}/"
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    server = start_server(
        command,
        root=root,
        workspace=root / "workspaces" / "voila-learner",
        probe=base + "voila/static/casekit-probe",  # answers without running the notebook
        url=base,
        log=ARTIFACTS / "voila.log",
    )
    try:
        yield server
    finally:
        server.stop()


class Screenshots:
    """Screenshots of one test: saved as artefacts, published for the README once it passed.

    Publishing copies to docs/screenshots/ only when the image is missing there, or when
    ``CASEKIT_UPDATE_SCREENSHOTS=1``, so that ``make test`` does not churn committed images.
    """

    def __init__(self) -> None:
        self.taken: list[Path] = []

    def take(self, pg: object, name: str, *, full_page: bool = False) -> Path:
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        path = ARTIFACTS / f"{name}.png"
        pg.screenshot(path=str(path), full_page=full_page)
        self.taken.append(path)
        return path

    def publish(self) -> None:
        update = os.environ.get("CASEKIT_UPDATE_SCREENSHOTS") == "1"
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        for shot in self.taken:
            target = SCREENSHOTS / shot.name
            if update or not target.exists():
                shutil.copyfile(shot, target)


@pytest.fixture
def screenshots() -> Screenshots:
    """Call ``screenshots.publish()`` at the end of a test, after its assertions."""
    return Screenshots()


def require_axe() -> Path:
    """axe-core (``make test`` installs it from the npm registry into .cache/npm), or a
    skip (a failure under ``CI=true``)."""
    if AXE.is_file():
        return AXE
    message = f"axe-core not found at {AXE} (make test installs it with npm)"
    if os.environ.get("CI") == "true":
        pytest.fail(message + "; CI=true, so a missing axe-core is a failure", pytrace=False)
    pytest.skip(message)
    raise AssertionError("unreachable")


SERIOUS = ("serious", "critical")


def axe_violations(page: object, selector: str) -> list[dict]:
    """The serious and critical accessibility violations axe-core finds inside
    ``selector`` (the page's own chrome, JupyterLab's or Voila's, is not ours to judge)."""
    page.add_script_tag(path=str(require_axe()))
    found = page.evaluate(
        """async (selector) => {
          const result = await axe.run(document.querySelector(selector),
            {resultTypes: ['violations']});
          return result.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
            nodes: v.nodes.slice(0, 3).map(n => n.html.slice(0, 200))}));
        }""",
        selector,
    )
    return [v for v in found if v["impact"] in SERIOUS]
