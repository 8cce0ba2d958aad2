"""The pre-spawn hook: before a user's server starts, give them their own casekit folder.

The hub (running as root) calls it with the spawner. For a learner it makes, once::

    ~                      mode 0700, owned by the learner's account
    ~/casekit/notebooks/   a copy of casekit's notebooks (missing ones added later)
    ~/casekit/scenarios/   their own pack, and no one else's
    ~/casekit/workspace/   their workspace, made from that pack with their roster id

and points their server at it (``CASEKIT_WORKSPACE``, ``CASEKIT_PACK``) and at their start
page. Nothing is replaced once it exists: a learner's work is never started over. A tutor
gets the notebooks and opens on the classroom page. Anyone else is refused.
"""

from __future__ import annotations

import asyncio
import os
import pwd
import shutil
import subprocess
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from casekit.errors import CasekitError
from casekit.hub.config import start_url
from casekit.hub.plan import HOME_FOLDER, Plan, read_plan

PRIVATE = 0o700


@dataclass(frozen=True)
class Prepared:
    """What the spawner is told: where the user's server starts and its environment."""

    default_url: str
    environment: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Owner:
    """The account that owns a user's files (uid/gid), and their home."""

    uid: int
    gid: int
    home: Path


def ensure_account(account: str, create: bool) -> Owner:
    """The account's owner and home; made with ``useradd`` when allowed and missing."""
    try:
        entry = pwd.getpwnam(account)
    except KeyError:
        if not create:
            raise CasekitError(
                f"There is no account '{account}' on this server for this login.",
                field="account",
                advice="Ask the college's IT team to create it (or to let the hub create "
                "accounts: casekit hub --create-accounts).",
            ) from None
        subprocess.run(
            ["useradd", "--create-home", "--shell", "/bin/bash", account],
            check=True,
            capture_output=True,
        )
        entry = pwd.getpwnam(account)
    return Owner(entry.pw_uid, entry.pw_gid, Path(entry.pw_dir))


def _own(path: Path, owner: Owner) -> None:
    """Give ``path`` (and everything under it) to ``owner``, when we are root."""
    if os.geteuid() != 0 or owner.uid == os.geteuid():
        return
    for current, dirs, files in os.walk(path):
        os.chown(current, owner.uid, owner.gid)
        for name in [*dirs, *files]:
            os.chown(os.path.join(current, name), owner.uid, owner.gid, follow_symlinks=False)


def _private_dir(path: Path, owner: Owner) -> Path:
    path.mkdir(parents=True, exist_ok=True)
    os.chmod(path, PRIVATE)
    if os.geteuid() == 0 and owner.uid != os.geteuid():
        os.chown(path, owner.uid, owner.gid)
    return path


def copy_notebooks(source: Path, target: Path, owner: Owner) -> None:
    """Copy every notebook the user does not have yet (their own copies are kept)."""
    _private_dir(target, owner)
    for notebook in sorted(source.glob("*.ipynb")):
        mine = target / notebook.name
        if not mine.exists():
            shutil.copyfile(notebook, mine)
            _own(mine, owner)


def quiet_lab(owner: Owner) -> None:
    """No news pop-up and no fetching news from the network in the user's JupyterLab."""
    settings = owner.home / ".jupyter" / "lab" / "user-settings" / "@jupyterlab"
    target = settings / "apputils-extension" / "notification.jupyterlab-settings"
    if target.exists():
        return
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text('{"fetchNews": "false"}\n', encoding="utf-8")
    _own(owner.home / ".jupyter", owner)


def prepare_learner(plan: Plan, user: str, owner: Owner) -> Prepared:
    """The learner's folder, pack copy and workspace (made once), all theirs alone."""
    from casekit.api import is_workspace, new_workspace

    learner = plan.learner(user)
    assert learner is not None
    os.chmod(owner.home, PRIVATE)  # no other account may look into a learner's home
    base = _private_dir(owner.home / HOME_FOLDER, owner)
    copy_notebooks(Path(plan.notebooks), base / "notebooks", owner)
    quiet_lab(owner)
    scenarios = _private_dir(base / "scenarios", owner)
    pack = scenarios / f"{learner.learner_id}.json"
    if not pack.exists():
        shutil.copyfile(plan.root / learner.pack, pack)
        _own(pack, owner)
    workspace = base / "workspace"
    if not is_workspace(workspace):
        new_workspace(workspace, pack=pack, learner=learner.learner_id).close()
    os.chmod(workspace, PRIVATE)
    _own(workspace, owner)
    seen = Path(plan.server_home) if plan.server_home else owner.home  # as the server sees it
    return Prepared(
        start_url(plan.start_page),
        {
            "CASEKIT_WORKSPACE": str(seen / workspace.relative_to(owner.home)),
            "CASEKIT_PACK": str(seen / pack.relative_to(owner.home)),
            "CASEKIT_LEARNER": learner.learner_id,
        },
    )


def prepare_tutor(plan: Plan, owner: Owner) -> Prepared:
    """A tutor's notebooks and a folder for the packs they collect."""
    base = _private_dir(owner.home / HOME_FOLDER, owner)
    copy_notebooks(Path(plan.notebooks), base / "notebooks", owner)
    quiet_lab(owner)
    tutor_dir = _private_dir(base / "tutor", owner)
    seen = Path(plan.server_home) if plan.server_home else owner.home
    return Prepared(
        start_url(plan.tutor_page),
        {"CASEKIT_CLASS_DIR": str(seen / tutor_dir.relative_to(owner.home))},
    )


def prepare(plan: Plan, user: str, *, home: Path | None = None) -> Prepared:
    """Get a user's casekit folder ready; ``home`` is given by spawners that run every
    server as one account (then nothing changes owner)."""
    if plan.learner(user) is None and not plan.is_tutor(user):
        raise CasekitError(
            f"'{user}' is not a learner or tutor of this class.",
            field="user",
            advice="Ask the tutor to add you to the roster.",
        )
    if plan.home_template:  # shared storage: the hub prepares the home the pod mounts
        uid, _, gid = (plan.home_owner or f"{os.geteuid()}:{os.getegid()}").partition(":")
        owner = Owner(int(uid), int(gid or uid), Path(plan.home_template.format(username=user)))
        _private_dir(owner.home, owner)
    elif home is not None:
        owner = Owner(os.geteuid(), os.getegid(), home)
        home.mkdir(parents=True, exist_ok=True)
    else:
        owner = ensure_account(plan.account(user), plan.create_accounts)
    if plan.is_tutor(user):
        return prepare_tutor(plan, owner)
    return prepare_learner(plan, user, owner)


def make_pre_spawn_hook(plan_path: str | Path) -> Callable[[Any], Awaitable[None]]:
    """The hook for ``c.Spawner.pre_spawn_hook``; it reads the plan at every spawn."""
    plan_path = Path(plan_path)

    async def pre_spawn_hook(spawner: Any) -> None:
        plan = read_plan(plan_path)
        home = getattr(spawner, "home_dir", None)  # SimpleLocalProcessSpawner's one account
        ready = await asyncio.to_thread(
            prepare, plan, spawner.user.name, home=Path(home) if home else None
        )
        spawner.environment = {**spawner.environment, **ready.environment}
        spawner.default_url = ready.default_url

    return pre_spawn_hook
