"""``casekit hub --class-dir DIR --tutor NAME [--roster R --seed N] [--run]``: a class on
JupyterHub.

Writes ``DIR/hub/jupyterhub_config.py`` (and the plan beside it) for the class in ``DIR``,
making the class packs from the roster first when the folder has none; with ``--run``,
starts the hub on it. Every address is 127.0.0.1 unless ``--ip`` says otherwise.
"""

from __future__ import annotations

import argparse
from pathlib import Path


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--class-dir", type=Path, required=True, help="the class folder")
    parser.add_argument(
        "--tutor", action="append", default=[], required=True, help="a tutor's login (repeat)"
    )
    parser.add_argument("--roster", type=Path, help="CSV learner_id,name[,email] (makes packs)")
    parser.add_argument("--seed", type=int, help="the class seed, to make the packs")
    parser.add_argument("--cases", type=int, default=8, help="cases per learner (default 8)")
    parser.add_argument(
        "--difficulty", default="standard", choices=["intro", "standard", "challenge"]
    )
    parser.add_argument(
        "--authenticator",
        default="dummy",
        help="dummy (a first look), shared-password, pam, firstuse, lti13, or a class path",
    )
    parser.add_argument(
        "--spawner", default="local", choices=["local", "simple"], help="default: local"
    )
    parser.add_argument("--ip", default="127.0.0.1", help="address to listen on (127.0.0.1)")
    parser.add_argument("--port", type=int, default=8000, help="the hub's port (8000)")
    parser.add_argument("--hub-port", type=int, default=8081, help="the hub's own API port")
    parser.add_argument("--proxy-api-port", type=int, default=8001, help="the proxy's API port")
    parser.add_argument("--service-port", type=int, default=8082, help="the classroom service")
    parser.add_argument("--python", help="the Python that runs learners' servers")
    parser.add_argument("--proxy", help="the configurable-http-proxy command")
    parser.add_argument("--notebooks", type=Path, help="casekit's notebooks folder")
    parser.add_argument(
        "--accounts",
        default="{username}",
        help="a login's Linux account ('{username}'; 'jupyter-{username}' on TLJH)",
    )
    parser.add_argument(
        "--create-accounts", action="store_true", help="create missing accounts at first login"
    )
    parser.add_argument(
        "--homes", default="", help="homes on shared storage: /srv/homes/{username}"
    )
    parser.add_argument("--home-owner", default="", help="their owner uid:gid (e.g. 1000:100)")
    parser.add_argument("--server-home", default="", help="the home as servers see it")
    parser.add_argument("--start-page", help="the learners' start page (notebooks/...)")
    parser.add_argument("--run", action="store_true", help="start the hub when written")


def run(args: argparse.Namespace) -> int:
    from casekit import api

    files = api.write_hub(
        args.class_dir,
        tutors=args.tutor,
        roster=args.roster,
        seed=args.seed,
        cases=args.cases,
        difficulty=args.difficulty,
        authenticator=args.authenticator,
        spawner=args.spawner,
        ip=args.ip,
        port=args.port,
        hub_port=args.hub_port,
        proxy_api_port=args.proxy_api_port,
        service_port=args.service_port,
        python=args.python,
        proxy=args.proxy,
        notebooks=args.notebooks,
        account_template=args.accounts,
        create_accounts=args.create_accounts,
        start_page=args.start_page,
        homes=args.homes,
        home_owner=args.home_owner,
        server_home=args.server_home,
    )
    made = "Made the class packs; " if files.made_packs else ""
    print(
        f"{made}wrote {files.config} for {files.learners} learner(s) and tutor(s) "
        f"{', '.join(files.tutors)}."
    )
    if files.proxy is None:
        print(
            "configurable-http-proxy was not found: install it (npm install -g "
            "configurable-http-proxy) before starting the hub."
        )
    if not args.run:
        print(f"Start it with: casekit hub --class-dir {args.class_dir} --tutor ... --run")
        return 0
    print(f"Starting the hub on http://{args.ip}:{args.port}/ (Ctrl+C to stop).", flush=True)
    return api.run_hub(files.config)
