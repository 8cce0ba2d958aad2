"""A real class hub on 127.0.0.1 for the hub test and benchmarks/bench_hub.py.

Real Linux accounts (made with ``useradd``, removed with ``userdel --remove`` even when the
test fails), JupyterHub with configurable-http-proxy from the npm registry, the local
process spawner running each server as its learner's account, and the classroom service.

The learners' servers need a Python they may execute: this machine's venv links to a
Python under /root (mode 0700), so they run Debian's ``/usr/bin/python3.11`` in a small
venv whose ``.pth`` adds the project venv's site-packages (same CPython 3.11 ABI). When the
clone itself is out of other accounts' reach (cloned under /root), the packages and
casekit's files are copied beside that venv first (``CASEKIT_HUB_COPY=1`` forces it).
"""

from __future__ import annotations

import json
import os
import secrets
import shutil
import signal
import socket
import stat
import subprocess
import sys
import sysconfig
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
PROXY = REPO / ".cache" / "npm" / "node_modules" / ".bin" / "configurable-http-proxy"
SYSTEM_PYTHON = Path("/usr/bin/python3.11")
HUB_TIMEOUT_S = 90.0
LAB_ARGS = ("--LabApp.expose_app_in_browser=True",)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def proxy_command() -> Path | None:
    found = shutil.which("configurable-http-proxy")
    if found:
        return Path(found)
    return PROXY if PROXY.exists() else None


def missing() -> list[str]:
    """What this machine lacks for a real hub (empty when it can run one)."""
    lacks = []
    if proxy_command() is None:
        lacks.append("configurable-http-proxy (make test installs it into .cache/npm)")
    if os.geteuid() != 0:
        lacks.append("root (to create Linux accounts and run each server as its learner)")
    if shutil.which("useradd") is None:
        lacks.append("useradd")
    if not SYSTEM_PYTHON.exists():
        lacks.append(str(SYSTEM_PYTHON))
    return lacks


def _traversable(path: Path) -> bool:
    """Whether any account may reach ``path`` (every folder above it has o+x)."""
    for folder in [path, *path.parents]:
        if folder.exists() and not folder.stat().st_mode & stat.S_IXOTH:
            return False
    return True


def _reachable(folder: Path) -> tuple[Path, Path | None, Path]:
    """(site-packages, casekit's source folder or None, prefix) that every account may
    reach: the project's own when they are, else copies made under ``folder``.

    A clone under a private home (``/root/...``, mode 0700) cannot be reached by the
    learners' accounts, so its packages, casekit's source (installed editable) and the
    venv's ``share``/``etc`` are copied beside the learners' Python. Set
    ``CASEKIT_HUB_COPY=1`` to take the copy even when the clone is reachable.
    """
    site = Path(sysconfig.get_paths()["purelib"])
    prefix = Path(sys.prefix)
    forced = os.environ.get("CASEKIT_HUB_COPY") == "1"
    if not forced and _traversable(site) and _traversable(REPO):
        return site, None, prefix
    copy = folder.parent / f"{folder.name}-project"
    shutil.copytree(site, copy / "site-packages", symlinks=True)
    skip = shutil.ignore_patterns("__pycache__")
    for part in ("casekit", "portfolio_templates", "scenarios", "notebooks"):  # what casekit
        shutil.copytree(REPO / part, copy / "src" / part, ignore=skip)  # finds beside itself
    for shared in ("share", "etc"):
        if (prefix / shared).is_dir():
            shutil.copytree(prefix / shared, copy / shared, symlinks=True)
    for path in [copy, *copy.rglob("*")]:  # readable by every account, whatever the umask
        mode = path.lstat().st_mode
        if not stat.S_ISLNK(mode):
            path.chmod(mode | stat.S_IROTH | (stat.S_IXOTH if stat.S_ISDIR(mode) else 0))
    return copy / "site-packages", copy / "src", copy


def learner_python(folder: Path) -> Path:
    """A Python every account may run, seeing the project's packages."""
    site, source, prefix = _reachable(folder)
    if not _traversable(site):
        raise RuntimeError(
            f"{site} is not reachable by other accounts (a folder above it lacks o+x)"
        )
    subprocess.run([str(SYSTEM_PYTHON), "-m", "venv", "--without-pip", str(folder)], check=True)
    target = next((folder / "lib").glob("python3*/site-packages"))
    lines = []
    if source is not None:  # casekit from the copy, ahead of the editable install's finder
        lines.append(f"import sys; sys.path.insert(0, {str(source)!r})")
    lines.append(f"import site; site.addsitedir({str(site)!r})")
    (target / "casekit-project.pth").write_text("\n".join(lines) + "\n")
    for shared in ("share", "etc"):  # JupyterLab's assets and the server extensions' config
        if (prefix / shared).is_dir():
            (folder / shared).symlink_to(prefix / shared)
    return folder / "bin" / "python"


@contextmanager
def accounts(names: list[str]) -> Iterator[list[str]]:
    """Linux accounts for the test, removed afterwards whatever happened."""
    made: list[str] = []
    try:
        for name in names:
            subprocess.run(
                ["useradd", "--create-home", "--shell", "/bin/bash", name],
                check=True,
                capture_output=True,
            )
            made.append(name)
        yield made
    finally:
        for name in reversed(made):
            stop_processes_of(name)
            subprocess.run(["userdel", "--remove", name], capture_output=True)


def stop_processes_of(name: str) -> None:
    """End any process still running as one of the test's own accounts (by pid)."""
    import psutil

    try:
        import pwd

        uid = pwd.getpwnam(name).pw_uid
    except KeyError:
        return
    left = [
        p for p in psutil.process_iter(["uids"]) if p.info["uids"] and p.info["uids"].real == uid
    ]
    for process in left:
        with suppress(psutil.NoSuchProcess):
            process.terminate()
    psutil.wait_procs(left, timeout=10)
    for process in left:
        with suppress(psutil.NoSuchProcess):
            process.kill()


@dataclass
class Hub:
    """A running hub: its address, folders and process."""

    url: str
    class_dir: Path
    config: Path
    process: subprocess.Popen
    log: Path
    tutor: str
    learners: list[str]
    homes: dict[str, Path] = field(default_factory=dict)

    def stop(self) -> None:
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait(timeout=10)

    def log_tail(self) -> str:
        return self.log.read_text(errors="replace")[-4000:]


def write_class(root: Path, learners: list[str], tutor: str, python: Path, cases: int = 3):
    """A roster, the class packs and the hub's configuration (ports chosen free)."""
    from casekit import api

    roster = root / "roster.csv"
    roster.write_text(
        "learner_id,name\n" + "".join(f"{x},Learner {x[-2:].upper()}\n" for x in learners)
    )
    ports = {k: free_port() for k in ("port", "hub_port", "proxy_api_port", "service_port")}
    files = api.write_hub(
        root / "class",
        tutors=[tutor],
        roster=roster,
        seed=2026,
        cases=cases,
        difficulty="intro",
        python=str(python),
        proxy=str(proxy_command()),
        **ports,
    )
    with files.config.open("a") as config:  # the test drives JupyterLab from the page
        config.write(f"c.Spawner.args = c.Spawner.args + {list(LAB_ARGS)!r}\n")
    return files, ports


def start_hub(files, ports: dict[str, int], log: Path, tutor: str, learners: list[str]) -> Hub:
    env = dict(os.environ)
    env["PATH"] = f"{Path(sys.executable).parent}{os.pathsep}{env.get('PATH', '')}"
    handle = log.open("wb")
    process = subprocess.Popen(
        [sys.executable, "-m", "jupyterhub", "-f", str(files.config)],
        cwd=files.config.parent,
        env=env,
        stdout=handle,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    handle.close()
    url = f"http://127.0.0.1:{ports['port']}"
    hub = Hub(url, files.config.parents[1], files.config, process, log, tutor, learners)
    deadline = time.monotonic() + HUB_TIMEOUT_S
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"JupyterHub exited ({process.returncode}):\n{hub.log_tail()}")
        try:
            with urllib.request.urlopen(f"{url}/hub/api/", timeout=3) as answer:
                json.loads(answer.read())
            service = f"http://127.0.0.1:{ports['service_port']}/services/classroom/api/whoami"
            try:
                urllib.request.urlopen(service, timeout=3)
            except urllib.error.HTTPError:
                return hub  # the service answers (403 without a token): all up
        except (urllib.error.URLError, OSError, ValueError):
            pass
        time.sleep(0.3)
    hub.stop()
    raise RuntimeError(
        f"JupyterHub did not come up within {HUB_TIMEOUT_S:.0f} s:\n{hub.log_tail()}"
    )


def run_as(name: str, code: str) -> subprocess.CompletedProcess:
    """Run Python code as one of the test's accounts (what their kernel could do)."""
    import pwd

    entry = pwd.getpwnam(name)
    return subprocess.run(
        [str(SYSTEM_PYTHON), "-c", code],
        user=entry.pw_uid,
        group=entry.pw_gid,
        extra_groups=[],
        cwd="/",
        capture_output=True,
        text=True,
        timeout=60,
    )


def new_names(count: int) -> tuple[list[str], str]:
    """Fresh account names (a random tag, so a crashed earlier run never collides)."""
    tag = secrets.token_hex(2)
    return [f"ck{tag}l{i}" for i in range(1, count + 1)], f"ck{tag}tutor"


def private_folder(prefix: str) -> Path:
    """A temporary folder other accounts may traverse (for the learners' Python)."""
    folder = Path(tempfile.mkdtemp(prefix=prefix))
    os.chmod(folder, 0o755)
    return folder
