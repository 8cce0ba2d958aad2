"""The deployment files: what can be checked without Docker, Kubernetes or a TLJH server.

The Zero to JupyterHub values parse and name hooks and commands that exist; The Littlest
JupyterHub plugin's hooks install casekit and apply the class's configuration to a hub's
config object (TLJH itself is stood in for by its one import, ``tljh.hooks.hookimpl``).
"""

from __future__ import annotations

import importlib.util
import sys
import tomllib
import types
from pathlib import Path

import pytest
import yaml
from traitlets.config import Config

from casekit.cli import COMMANDS
from casekit.hub.config import start_url
from casekit.hub.plan import LEARNER_START_PAGE

ROOT = Path(__file__).resolve().parents[2]
DEPLOY = ROOT / "deploy"


def values() -> dict:
    return yaml.safe_load((DEPLOY / "z2jh" / "values.yaml").read_text())


def test_values_parse_and_start_learners_on_their_start_page() -> None:
    data = values()
    assert data["singleuser"]["defaultUrl"] == start_url(LEARNER_START_PAGE)
    assert data["singleuser"]["storage"]["static"]["subPath"] == "{username}"
    mounts = {m["mountPath"] for m in data["hub"]["extraVolumeMounts"]}
    assert "/srv/homes" in mounts  # the hub sees the homes the pods mount


def test_extra_config_names_the_hooks_that_exist() -> None:
    code = values()["hub"]["extraConfig"]["casekit"]
    compile(code, "extraConfig", "exec")
    assert "from casekit.hub.config import apply" in code
    from casekit.hub import config

    assert callable(config.apply)


def test_lifecycle_hook_runs_a_real_casekit_command() -> None:
    command = values()["singleuser"]["lifecycleHooks"]["postStart"]["exec"]["command"]
    assert command[:3] == ["python", "-m", "casekit"]
    assert command[3] in {name for name, _module, _help in COMMANDS}


def test_images_install_casekit_with_the_hub_extra_that_exists() -> None:
    docker = (DEPLOY / "z2jh" / "Dockerfile").read_text()
    assert '"/opt/casekit[hub]"' in docker and "constraints.txt" in docker
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    assert any(d.startswith("jupyterhub==") for d in project["optional-dependencies"]["hub"])


@pytest.fixture
def plugin(monkeypatch):
    """The TLJH plugin, imported against a stand-in for ``tljh.hooks``."""
    hooks = types.ModuleType("tljh.hooks")
    hooks.hookimpl = lambda f: f
    monkeypatch.setitem(sys.modules, "tljh", types.ModuleType("tljh"))
    monkeypatch.setitem(sys.modules, "tljh.hooks", hooks)
    spec = importlib.util.spec_from_file_location(
        "tljh_casekit", DEPLOY / "tljh" / "tljh_casekit.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    entry = tomllib.loads((DEPLOY / "tljh" / "pyproject.toml").read_text())
    assert entry["project"]["entry-points"]["tljh"] == {"casekit": "tljh_casekit"}
    return module


def test_plugin_installs_casekit_for_users_and_the_hub(plugin, monkeypatch) -> None:
    monkeypatch.setenv("CASEKIT_PIP_SPEC", "/srv/casekit[hub]")
    assert plugin.tljh_extra_user_pip_packages() == ["/srv/casekit[hub]"]
    assert plugin.tljh_extra_hub_pip_packages() == ["/srv/casekit[hub]"]


def test_plugin_adds_the_class_to_the_hub(plugin, monkeypatch, tmp_path) -> None:
    from casekit import api

    c = Config()
    monkeypatch.setenv("CASEKIT_PLAN", str(tmp_path / "none.json"))
    plugin.tljh_custom_jupyterhub_config(c)
    assert "services" not in c.JupyterHub  # no class yet: the hub runs as it is

    roster = tmp_path / "roster.csv"
    roster.write_text("learner_id,name\nab1,Ann Bee\n")
    files = api.write_hub(
        tmp_path / "class",
        tutors=["tut"],
        roster=roster,
        seed=1,
        cases=1,
        difficulty="intro",
        account_template="jupyter-{username}",
        create_accounts=True,
    )
    monkeypatch.setenv("CASEKIT_PLAN", str(files.plan))
    plugin.tljh_custom_jupyterhub_config(c)
    assert [s["name"] for s in c.JupyterHub.services] == ["classroom"]
    assert c.JupyterHub.load_groups == {"tutor": {"users": ["tut"]}}
    assert callable(c.Spawner.pre_spawn_hook)
    assert c.Spawner.default_url == start_url(LEARNER_START_PAGE)
