"""``casekit hub``'s work: the class packs (made once), the plan and the hub configuration,
with the class folder closed to everyone but its owner (root, on a real hub).

Layout under the class folder::

    packs/ tutor/keys/ class-list.csv   from casekit class-pack (made here if missing)
    tutor/witness.jsonl                 the tutor's witness ledger (the service writes it)
    tutor/collected/<learner_id>.zip    the packs learners sent
    hub/classroom.json                  the plan (who is who)
    hub/jupyterhub_config.py            the hub's configuration
    hub/jupyterhub.sqlite ...           the hub's own state, once it has run

Every folder is mode 0700: learners reach their own pack only through the pre-spawn hook,
which copies it into their home, so no learner can read another's pack or any answer key.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from casekit.errors import CasekitError
from casekit.hub.config import Network, render
from casekit.hub.plan import (
    LEARNER_START_PAGE,
    PLAN_FILE,
    Plan,
    check_tutors,
    learners_from_class_list,
)

REPO = Path(__file__).resolve().parents[2]
PRIVATE = 0o700


@dataclass(frozen=True)
class HubFiles:
    """What ``casekit hub`` wrote."""

    config: Path
    plan: Path
    learners: int
    tutors: tuple[str, ...]
    made_packs: bool
    proxy: str | None


def default_notebooks() -> Path:
    """The notebooks each user gets a copy of: ``$CASEKIT_NOTEBOOKS`` (as the images for
    Zero to JupyterHub set it), else the checkout's ``notebooks/``."""
    here = Path(os.environ.get("CASEKIT_NOTEBOOKS") or REPO / "notebooks")
    if not here.is_dir():
        raise CasekitError(
            "casekit's notebooks folder was not found beside the package.",
            field="notebooks",
            advice="Give the folder of casekit's notebooks with --notebooks.",
        )
    return here


def find_proxy() -> str | None:
    """configurable-http-proxy: on PATH, or where ``make test`` installs it."""
    found = shutil.which("configurable-http-proxy")
    if found:
        return found
    local = REPO / ".cache" / "npm" / "node_modules" / ".bin" / "configurable-http-proxy"
    return str(local) if local.exists() else None


def _check_roster(roster: Path, class_dir: Path, plan_ids: set[str]) -> None:
    """A roster given beside existing packs must name the same learners."""
    from casekit.scenarios.classpack import parse_roster

    wanted = {x.learner_id for x in parse_roster(roster.read_bytes())}
    missing = sorted(wanted - plan_ids)
    if missing:
        raise CasekitError(
            f"The roster names {len(missing)} learner(s) the class packs in {class_dir} do not "
            f"have (the first: {missing[0]}).",
            field="roster",
            advice="Make the class packs again from this roster in a new class folder.",
        )


def secure(class_dir: Path) -> None:
    """Close the class folder and the folders in it to everyone but their owner."""
    for folder in (class_dir, class_dir / "hub", class_dir / "tutor", class_dir / "packs"):
        folder.mkdir(parents=True, exist_ok=True)
        os.chmod(folder, PRIVATE)
    (class_dir / "tutor" / "collected").mkdir(mode=PRIVATE, exist_ok=True)


def write_hub(
    class_dir: str | Path,
    *,
    tutors: list[str],
    roster: str | Path | None = None,
    seed: int | None = None,
    cases: int = 8,
    difficulty: str = "standard",
    authenticator: str = "dummy",
    spawner: str = "local",
    network: Network | None = None,
    python: str | None = None,
    proxy: str | None = None,
    notebooks: str | Path | None = None,
    account_template: str = "{username}",
    create_accounts: bool = False,
    start_page: str = LEARNER_START_PAGE,
    homes: tuple[str, str, str] = ("", "", ""),
) -> HubFiles:
    """Make the class packs if needed, then write the plan and the hub configuration."""
    from casekit.scenarios.classpack import make_class_pack
    from casekit.scenarios.pack import first_missing

    network = network or Network()
    class_dir = _resolved(class_dir, "class-dir")
    made = False
    top = first_missing(class_dir)
    if not (class_dir / "class-list.csv").is_file():
        if roster is None or seed is None:
            raise CasekitError(
                f"{class_dir} holds no class packs yet.",
                field="class folder",
                advice="Give the roster and a seed (--roster, --seed) to make them, or the "
                "folder made by 'casekit class-pack'.",
            )
        make_class_pack(roster, seed, class_dir, cases=cases, difficulty=difficulty)
        made = True
    with _removed_on_failure(class_dir, top, made):
        learners = learners_from_class_list(class_dir)
        if roster is not None and not made:
            _check_roster(Path(roster), class_dir, {x.learner_id for x in learners})
        if "{username}" not in account_template:
            raise CasekitError(
                f"The account template '{account_template}' has no {{username}} in it.",
                field="accounts",
                advice="Use '{username}', or 'jupyter-{username}' on The Littlest JupyterHub.",
            )
        plan = Plan(
            class_dir=str(class_dir),
            learners=learners,
            tutors=check_tutors(tutors, learners),
            notebooks=str(_resolved(notebooks, "notebooks") if notebooks else default_notebooks()),
            account_template=account_template,
            create_accounts=create_accounts,
            start_page=start_page,
            service_url=f"http://{network.ip}:{network.service_port}",
            home_template=homes[0],
            home_owner=homes[1],
            server_home=homes[2],
        )
        if not (Path(plan.notebooks) / plan.start_page.removeprefix("notebooks/")).is_file():
            raise CasekitError(
                f"The start page {plan.start_page} is not in {plan.notebooks}.",
                field="start page",
                advice="Give a notebook that is in casekit's notebooks folder.",
            )
        plan_path = class_dir / "hub" / PLAN_FILE
        proxy = proxy or find_proxy()
        text = render(
            plan,
            plan_path,
            authenticator=authenticator,
            spawner=spawner,
            network=network,
            python=python,
            proxy=proxy,
        )
        secure(class_dir)  # only once the hub can be written: a refusal changes nothing
        plan_path.write_text(plan.to_json(), encoding="utf-8")
        config = class_dir / "hub" / "jupyterhub_config.py"
        config.write_text(text, encoding="utf-8")
        for path in (plan_path, config):
            os.chmod(path, 0o600)
        return HubFiles(config, plan_path, len(learners), plan.tutors, made, proxy)


@contextlib.contextmanager
def _removed_on_failure(class_dir: Path, top: Path | None, made: bool) -> Iterator[None]:
    """The class packs made for a hub that then cannot be written are removed again (the
    folders made for them too; an empty class folder that was there is emptied again)."""
    try:
        yield
    except BaseException:
        if made:
            for path in [top] if top is not None else list(class_dir.iterdir()):
                if path.is_dir() and not path.is_symlink():
                    shutil.rmtree(path, ignore_errors=True)
                else:
                    path.unlink(missing_ok=True)
        raise


def _resolved(path: str | Path, field: str) -> Path:
    """``path`` made absolute; a loop of links is refused, naming the option."""
    try:
        return Path(path).resolve()
    except RuntimeError:  # Python 3.11 reports a loop of links so, not as OSError
        raise CasekitError(f"{path} is a loop of links.", field=field) from None


def run_hub(config: Path, *, python: str | None = None) -> int:
    """Start JupyterHub on the written configuration and wait until it stops."""
    command = [python or sys.executable, "-m", "jupyterhub", "-f", str(config)]
    env = dict(os.environ)
    proxy = find_proxy()
    if proxy:
        env["PATH"] = f"{Path(proxy).parent}{os.pathsep}{env.get('PATH', '')}"
    process = subprocess.Popen(command, cwd=config.parent, env=env)
    try:
        return process.wait()
    except KeyboardInterrupt:
        process.terminate()
        return process.wait(timeout=30)


__all__ = ["HubFiles", "find_proxy", "run_hub", "secure", "write_hub"]
