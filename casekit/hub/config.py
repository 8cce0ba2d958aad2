"""The JupyterHub configuration for a class: users, the tutor group and its role, the
classroom service, the pre-spawn hook and where each learner's server starts.

:func:`class_settings` is the one statement of those settings, as plain data; the
``jupyterhub_config.py`` that ``casekit hub`` writes spells them out as literals (so a
college's IT team can read exactly what runs), and :func:`apply` sets the same settings on
a hub's ``c`` object, for The Littlest JupyterHub plugin and Zero to JupyterHub's
``hub.extraConfig``.
"""

from __future__ import annotations

import json
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from casekit.errors import CasekitError
from casekit.hub.plan import (
    HOME_FOLDER,
    SERVICE_NAME,
    TEACH_SCOPE,
    TUTOR_GROUP,
    Plan,
    read_plan,
)

# Authenticators by short name; anything with a dot is taken as a class path.
AUTHENTICATORS = {
    "dummy": "dummy",  # tests and a first look: any password (keep the hub on 127.0.0.1)
    "shared-password": "shared-password",  # one class password, from $CASEKIT_HUB_PASSWORD
    "pam": "pam",  # the server's own accounts and passwords
    "firstuse": "firstuseauthenticator.FirstUseAuthenticator",  # learners set it on first login
    "lti13": "ltiauthenticator.lti13.auth.LTI13Authenticator",  # from the college's LMS
}
SPAWNERS = {
    "local": "localprocess",  # each server runs as its user's own account (needs root)
    "simple": "simple",  # one account for everyone: a look on a laptop, NO isolation
}
# No network at run time: the learners' JupyterLab never calls out for news or updates.
SINGLEUSER_ARGS = (
    "--LabApp.news_url=None",
    "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
    "--LabApp.extension_manager=readonly",
)


@dataclass(frozen=True)
class Network:
    """Where the hub listens: everything on 127.0.0.1 unless the IT team says otherwise."""

    ip: str = "127.0.0.1"
    port: int = 8000
    hub_port: int = 8081
    proxy_api_port: int = 8001
    service_port: int = 8082


def start_url(page: str) -> str:
    """The JupyterLab address of a page in the user's casekit folder."""
    return f"/lab/tree/{HOME_FOLDER}/{page}"


def class_settings(plan: Plan, plan_path: Path, *, python: str | None = None) -> dict[str, Any]:
    """The class's hub settings by configurable class: users, the tutor group and role,
    the classroom service and the single-user servers (not the hook, which is code)."""
    python = python or sys.executable
    learners = sorted(x.user for x in plan.learners)
    access = f"access:services!service={SERVICE_NAME}"
    return {
        "Authenticator": {"allowed_users": sorted({*learners, *plan.tutors})},
        "JupyterHub": {
            "load_groups": {TUTOR_GROUP: {"users": sorted(plan.tutors)}},
            "custom_scopes": {
                TEACH_SCOPE: {
                    "description": "Advance, witness and collect a casekit class (tutors)."
                }
            },
            "load_roles": [
                {
                    "name": "user",
                    "description": "Every user: their own server, and the classroom service",
                    "scopes": ["self", access],
                },
                {
                    "name": "casekit-tutor",
                    "description": "Tutors: run the classroom (given to the tutor group)",
                    "scopes": [TEACH_SCOPE, access],
                    "groups": [TUTOR_GROUP],
                },
            ],
            "services": [
                {
                    "name": SERVICE_NAME,
                    "url": plan.service_url,
                    "command": [python, "-m", "casekit.hub.service", "--plan", str(plan_path)],
                    "oauth_client_allowed_scopes": [TEACH_SCOPE],
                    "display": False,
                }
            ],
        },
        "Spawner": {
            "default_url": start_url(plan.start_page),
            # A server's own token may reach the classroom service; the tutor's also
            # carries the teaching scope (a token holds only what its user holds).
            "server_token_scopes": [
                "users:activity!user",
                "access:servers!server",
                access,
                TEACH_SCOPE,
            ],
            "environment": {"CASEKIT_CLASSROOM_URL": plan.classroom_url},
            "args": list(SINGLEUSER_ARGS),
        },
    }


def apply(c: Any, plan_path: str | Path, *, python: str | None = None) -> Plan:
    """Set the class's settings and pre-spawn hook on a hub's config object ``c``."""
    from casekit.hub.hooks import make_pre_spawn_hook

    plan_path = Path(plan_path)
    plan = read_plan(plan_path)
    for section, values in class_settings(plan, plan_path, python=python).items():
        for name, value in values.items():
            setattr(getattr(c, section), name, value)
    c.Spawner.pre_spawn_hook = make_pre_spawn_hook(plan_path)
    return plan


def _authenticator_lines(authenticator: str) -> list[str]:
    if authenticator not in AUTHENTICATORS and "." not in authenticator:
        raise CasekitError(
            f"'{authenticator}' is not an authenticator casekit knows.",
            field="authenticator",
            advice=f"Choose one of {', '.join(AUTHENTICATORS)}, or give a class path.",
        )
    lines = [
        f"c.JupyterHub.authenticator_class = {AUTHENTICATORS.get(authenticator, authenticator)!r}"
    ]
    if authenticator == "shared-password":
        lines.append(
            'c.SharedPasswordAuthenticator.user_password = os.environ["CASEKIT_HUB_PASSWORD"]'
        )
    if authenticator == "lti13":
        lines += [
            "# Fill in from your LMS's tool registration (README: 'Logging in from an LMS'):",
            "# c.LTI13Authenticator.issuer = 'https://lms.example.ac.uk'",
            "# c.LTI13Authenticator.authorize_url = 'https://lms.example.ac.uk/mod/lti/auth.php'",
            "# c.LTI13Authenticator.client_id = ['...']",
            "# c.LTI13Authenticator.jwks_endpoint = 'https://lms.example.ac.uk/mod/lti/certs.php'",
            "# c.LTI13Authenticator.username_key = 'email'",
        ]
    return lines


def _literal(value: Any) -> str:
    """A Python literal for ``value`` that reads well and is the same every time."""
    text = json.dumps(value, indent=4, sort_keys=True, ensure_ascii=False)
    return (
        text.replace(": true", ": True").replace(": false", ": False").replace(": null", ": None")
    )


def render(
    plan: Plan,
    plan_path: Path,
    *,
    authenticator: str = "dummy",
    spawner: str = "local",
    network: Network | None = None,
    python: str | None = None,
    proxy: str | None = None,
    state_dir: Path | None = None,
) -> str:
    """The text of ``jupyterhub_config.py`` for the class (deterministic)."""
    if spawner not in SPAWNERS:
        raise CasekitError(
            f"'{spawner}' is not a spawner casekit knows.",
            field="spawner",
            advice=f"Choose one of {', '.join(SPAWNERS)}.",
        )
    network = network or Network()
    python = python or sys.executable
    state = Path(state_dir or plan_path.parent)
    lines = [
        '"""JupyterHub for a casekit class, written by `casekit hub`.',
        "",
        "Run `casekit hub` again after changing the roster rather than editing this file.",
        "Every address is 127.0.0.1 unless it was asked for otherwise: put a TLS proxy",
        '(or The Littlest JupyterHub) in front before learners reach it over a network."""',
        "",
        "import os",
        "",
        "from casekit.hub.hooks import make_pre_spawn_hook",
        "",
        "c = get_config()  # noqa: F821",
        "",
        "# Where the hub listens, and its state (database, cookie secret).",
        f"c.JupyterHub.ip = {network.ip!r}",
        f"c.JupyterHub.port = {network.port}",
        f"c.JupyterHub.hub_ip = {network.ip!r}",
        f"c.JupyterHub.hub_port = {network.hub_port}",
        f"c.ConfigurableHTTPProxy.api_url = 'http://{network.ip}:{network.proxy_api_port}'",
        f"c.JupyterHub.db_url = {'sqlite:///' + str(state / 'jupyterhub.sqlite')!r}",
        f"c.JupyterHub.cookie_secret_file = {str(state / 'jupyterhub_cookie_secret')!r}",
        f"c.ConfigurableHTTPProxy.pid_file = {str(state / 'jupyterhub-proxy.pid')!r}",
    ]
    if proxy:
        lines.append(f"c.ConfigurableHTTPProxy.command = [{proxy!r}]")
    lines += ["", "# Who logs in, and how.", *_authenticator_lines(authenticator)]
    lines += [
        "",
        "# Each learner's server: their own account, their own pack, their start page.",
        f"c.JupyterHub.spawner_class = {SPAWNERS[spawner]!r}",
        f"c.Spawner.cmd = [{python!r}, '-m', 'jupyterhub.singleuser']",
        "c.Spawner.start_timeout = 120",
        "c.Spawner.http_timeout = 90",
        f"c.Spawner.pre_spawn_hook = make_pre_spawn_hook({str(plan_path)!r})",
        "",
        "# The class: users, the tutor group and its role, the classroom service.",
    ]
    for section, values in class_settings(plan, plan_path, python=python).items():
        for name, value in values.items():
            lines.append(f"c.{section}.{name} = {_literal(value)}")
    return "\n".join(lines) + "\n"
