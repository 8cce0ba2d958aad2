"""A class on JupyterHub: write (and run) the hub for a class, and call its classroom
service: the tutor advances, witnesses, collects and reviews; a learner sends their pack.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from casekit.hub.client import Connection
    from casekit.hub.files import HubFiles
    from casekit.record.workspace import Workspace

__all__ = [
    "classroom_advance",
    "classroom_collect",
    "classroom_connection",
    "classroom_packs",
    "classroom_review",
    "classroom_whoami",
    "classroom_witness",
    "on_class_hub",
    "run_hub",
    "send_pack_to_tutor",
    "write_hub",
]


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
    ip: str = "127.0.0.1",
    port: int = 8000,
    hub_port: int = 8081,
    proxy_api_port: int = 8001,
    service_port: int = 8082,
    python: str | None = None,
    proxy: str | None = None,
    notebooks: str | Path | None = None,
    account_template: str = "{username}",
    create_accounts: bool = False,
    start_page: str | None = None,
    homes: str = "",
    home_owner: str = "",
    server_home: str = "",
) -> HubFiles:
    """Write a class's JupyterHub configuration (making its packs first if needed).

    Parameters
    ----------
    class_dir
        The class folder (made by ``casekit class-pack``, or made here from the roster).
    tutors
        The tutors' hub logins (they join the ``tutor`` group).
    roster, seed
        The roster CSV and the class seed, to make the class packs when there are none.
    cases, difficulty
        What each learner's pack holds, when made here.
    authenticator
        ``dummy``, ``shared-password``, ``pam``, ``firstuse``, ``lti13`` or a class path.
    spawner
        ``local`` (each server as its user's own account) or ``simple`` (one account).
    ip, port, hub_port, proxy_api_port, service_port
        Where the hub, its proxy's API and the classroom service listen.
    python
        The Python that runs the learners' servers (default: this one).
    proxy
        The configurable-http-proxy command (default: found on PATH or in .cache/npm).
    notebooks
        The notebooks each user gets (default: the checkout's notebooks/).
    account_template
        The operating-system account of a hub user (``jupyter-{username}`` on TLJH).
    create_accounts
        Let the pre-spawn hook create a missing account (useradd).
    start_page
        The learner's start page (default: the one setting in casekit.hub.plan).
    homes, home_owner, server_home
        For homes on shared storage (Zero to JupyterHub): where the hub sees a user's
        home (``/srv/homes/{username}``), its owner (``1000:100``) and where their server
        sees it (``/home/jovyan``). Empty: Linux accounts' own homes.

    Returns
    -------
    HubFiles
        The configuration and plan written, and how many learners and tutors.
    """
    from casekit.hub.config import Network
    from casekit.hub.files import write_hub as write
    from casekit.hub.plan import LEARNER_START_PAGE

    return write(
        class_dir,
        tutors=tutors,
        roster=roster,
        seed=seed,
        cases=cases,
        difficulty=difficulty,
        authenticator=authenticator,
        spawner=spawner,
        network=Network(ip, port, hub_port, proxy_api_port, service_port),
        python=python,
        proxy=proxy,
        notebooks=notebooks,
        account_template=account_template,
        create_accounts=create_accounts,
        start_page=start_page or LEARNER_START_PAGE,
        homes=(homes, home_owner, server_home),
    )


def run_hub(config: str | Path) -> int:
    """Start JupyterHub on a configuration written by :func:`write_hub`; wait for it.

    Parameters
    ----------
    config
        The ``jupyterhub_config.py``.

    Returns
    -------
    int
        The hub's exit code.
    """
    from casekit.hub.files import run_hub as run

    return run(Path(config))


def classroom_connection(hub_url: str | None = None, token: str | None = None) -> Connection:
    """How to reach the classroom service: from the hub's address and a token, or (on the
    hub) from the server's own environment.

    Parameters
    ----------
    hub_url
        The hub's address (e.g. ``https://hub.college.ac.uk``); default: this server's.
    token
        A hub token; default ``$CASEKIT_HUB_TOKEN`` or this server's own.

    Returns
    -------
    Connection
    """
    from casekit.hub.client import connection

    return connection(hub_url, token)


def on_class_hub() -> bool:
    """Whether this notebook runs on a class hub with a classroom service.

    Returns
    -------
    bool
    """
    from casekit.hub.client import on_hub

    return on_hub()


def classroom_whoami(conn: Connection) -> dict[str, Any]:
    """Who the service takes the caller to be: their login, role and learner id.

    Parameters
    ----------
    conn
        From :func:`classroom_connection`.

    Returns
    -------
    dict
    """
    from casekit.hub.client import call

    return call(conn, "whoami")


def classroom_advance(conn: Connection, days: int) -> dict[str, Any]:
    """Advance every learner's clock by working days, witnessing each (tutors only).

    Parameters
    ----------
    conn
        From :func:`classroom_connection`.
    days
        Working days (1 to 20).

    Returns
    -------
    dict
        ``advanced`` of ``learners``, and a row per learner.
    """
    from casekit.hub.client import call

    return call(conn, "advance", body={"days": days})


def classroom_witness(conn: Connection) -> dict[str, Any]:
    """Record every learner's chain head in the tutor's witness ledger (tutors only).

    Parameters
    ----------
    conn
        From :func:`classroom_connection`.

    Returns
    -------
    dict
        ``witnessed`` of ``learners``, and a row per learner.
    """
    from casekit.hub.client import call

    return call(conn, "witness", body={})


def classroom_packs(conn: Connection) -> list[dict[str, Any]]:
    """The packs learners have sent (tutors only).

    Parameters
    ----------
    conn
        From :func:`classroom_connection`.

    Returns
    -------
    list of dict
        Learner, file and size of each.
    """
    from casekit.hub.client import call

    return call(conn, "packs")["packs"]


def classroom_collect(conn: Connection, out: str | Path) -> list[Path]:
    """Download every sent pack, and a copy of the witness ledger, into a folder.

    Parameters
    ----------
    conn
        From :func:`classroom_connection`.
    out
        The folder (made if missing); packs are ``<learner_id>.zip``, the ledger
        ``witness.jsonl``.

    Returns
    -------
    list of Path
        The packs written (the ledger is not in the list).
    """
    import os
    import shutil

    from casekit.hub.client import call
    from casekit.scenarios.pack import first_missing

    folder = Path(out)
    packs = call(conn, "packs")["packs"]  # asked first: a refusal leaves no folder behind
    top = first_missing(folder)
    folder.mkdir(parents=True, exist_ok=True)
    # Everything is downloaded beside its place first and moved in at the end, so a
    # download that fails half-way leaves the folder as it was.
    parts: list[tuple[Path, Path]] = []
    try:
        for entry in [*packs, {"file": None}]:
            name = "witness.jsonl" if entry["file"] is None else Path(entry["file"]).name
            target = folder / name
            parts.append((target.with_name(f".{name}.part"), target))
            path = "ledger" if entry["file"] is None else f"packs/{entry['file']}"
            parts[-1][0].write_bytes(call(conn, path, raw=True))
    except BaseException:
        for part, _ in parts:
            part.unlink(missing_ok=True)
        if top is not None:
            shutil.rmtree(top, ignore_errors=True)
        raise
    for part, target in parts:
        os.replace(part, target)
    return [target for _, target in parts[:-1]]


def classroom_review(conn: Connection) -> dict[str, Any]:
    """The sent packs reviewed on the hub against the tutor's witness ledger.

    Parameters
    ----------
    conn
        From :func:`classroom_connection`.

    Returns
    -------
    dict
        ``rows`` (as :func:`casekit.api.review`, plus ``needs_attention``) and ``columns``.
    """
    from casekit.hub.client import call

    return call(conn, "review")


def send_pack_to_tutor(
    workspace: Workspace | str | Path, conn: Connection | None = None
) -> dict[str, Any]:
    """Export the learner's pack and send it to their tutor through the classroom service
    (the service takes only a learner's own, and checks it as an assessor would).

    Parameters
    ----------
    workspace
        The learner's workspace (its declaration must be signed).
    conn
        From :func:`classroom_connection` (default: this server's).

    Returns
    -------
    dict
        What the service recorded: learner, when, events, the check and the witness check.
    """
    import tempfile

    from casekit.evidence.export import export_pack
    from casekit.hub.client import call, connection

    conn = conn or connection()
    with tempfile.TemporaryDirectory(prefix="casekit-send-") as tmp:
        result = export_pack(workspace, Path(tmp) / "pack", zip_pack=True)
        assert result.zip_path is not None
        data = Path(result.zip_path).read_bytes()
    return call(conn, "submit", body=data, content_type="application/zip")
