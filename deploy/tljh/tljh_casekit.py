"""casekit's plugin for The Littlest JupyterHub (TLJH).

Its hooks install casekit into the users' environment and the hub's (the hub runs the
pre-spawn hook and the classroom service), and add the class's configuration written by
``casekit hub`` to the hub. Two settings, read from the environment when TLJH runs them:

``CASEKIT_PIP_SPEC``  what pip installs (default: the checkout at /srv/casekit, with the
                      ``hub`` extra); a wheel file or a git URL also works.
``CASEKIT_PLAN``      the class plan (default /srv/casekit-class/hub/classroom.json); until it
                      exists the hub runs without a class.

TLJH runs each user's server as the account ``jupyter-<login>``, so write the plan with
``casekit hub --accounts 'jupyter-{username}' --create-accounts``.
"""

from __future__ import annotations

import os
from pathlib import Path

from tljh.hooks import hookimpl

DEFAULT_SPEC = "/srv/casekit[hub]"
DEFAULT_PLAN = "/srv/casekit-class/hub/classroom.json"


def casekit_spec() -> str:
    return os.environ.get("CASEKIT_PIP_SPEC", DEFAULT_SPEC)


def plan_path() -> Path:
    return Path(os.environ.get("CASEKIT_PLAN", DEFAULT_PLAN))


@hookimpl
def tljh_extra_user_pip_packages():
    """casekit (and the same JupyterHub as the hub's) for every learner's server."""
    return [casekit_spec()]


@hookimpl
def tljh_extra_hub_pip_packages():
    """casekit in the hub's environment: the pre-spawn hook and the classroom service."""
    return [casekit_spec()]


@hookimpl
def tljh_custom_jupyterhub_config(c):
    """The class: users, the tutor group and role, the service, the hook, start pages."""
    plan = plan_path()
    if not plan.is_file():
        return
    from casekit.hub.config import apply

    apply(c, plan)
