"""The classroom service: a JupyterHub managed service (tornado, as the hub itself uses).

The hub starts it (``python -m casekit.hub.service --plan CLASS/hub/classroom.json``) with
its own token and address in the environment. Every request is identified by the hub
(a token in the ``Authorization`` header, or the hub's OAuth cookie in a browser) and
must carry ``access:services!service=classroom``. Then:

=========================  =======  ====================================================
path (under the prefix)    who      what
=========================  =======  ====================================================
``api/whoami``             anyone   the caller's name and role in the class
``api/advance``  (POST)    tutor    advance every workspace ``{"days": N}``, witnessing
``api/witness``  (POST)    tutor    record every workspace's chain head in the ledger
``api/packs``              tutor    the packs sent so far
``api/packs/NAME.zip``     tutor    one sent pack
``api/ledger``             tutor    the witness ledger (to review packs elsewhere)
``api/review``             tutor    the sent packs reviewed against the ledger
``api/submit``   (POST)    learner  send their own pack (a zip); refused if not theirs
=========================  =======  ====================================================

A tutor is a user holding ``custom:casekit:teach`` (the ``tutor`` group's role).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import logging
import os
from typing import Any
from urllib.parse import urlparse

from jupyterhub.services.auth import HubOAuthCallbackHandler, HubOAuthenticated, check_scopes
from jupyterhub.utils import url_path_join
from tornado import web
from tornado.httpserver import HTTPServer
from tornado.ioloop import IOLoop

from casekit.errors import CasekitError
from casekit.hub import classroom
from casekit.hub.plan import TEACH_SCOPE, Plan, read_plan

log = logging.getLogger("casekit.classroom")


class Base(HubOAuthenticated, web.RequestHandler):
    """JSON in and out; the caller identified by the hub."""

    def initialize(self, plan_path: str) -> None:
        self.plan_path = plan_path

    def plan(self) -> Plan:
        return read_plan(self.plan_path)

    def caller(self) -> dict[str, Any]:
        user = self.current_user
        if not user:
            raise web.HTTPError(403)
        if self.request.method != "GET" and not getattr(self, "_token_authenticated", False):
            # A change is made only with a token, never on a browser cookie alone (CSRF).
            raise web.HTTPError(403, "changes need a token in the Authorization header")
        return user

    def is_tutor(self, user: dict[str, Any]) -> bool:
        return bool(check_scopes({TEACH_SCOPE}, set(user.get("scopes", []))))

    def tutor(self) -> dict[str, Any]:
        user = self.caller()
        if not self.is_tutor(user):
            raise CasekitError(
                "Only a tutor of this class can do that.",
                field="role",
                advice="Ask the college's IT team to add you to the 'tutor' group on the hub.",
            )
        return user

    def answer(self, body: Any, status: int = 200) -> None:
        self.set_status(status)
        self.set_header("Content-Type", "application/json; charset=utf-8")
        self.finish(json.dumps(body, sort_keys=True, default=str))

    def write_error(self, status_code: int, **kwargs: Any) -> None:
        err = kwargs.get("exc_info", (None, None, None))[1]
        if isinstance(err, CasekitError):
            self.answer({"error": err.as_dict()}, status_code)
            return
        self.answer({"error": {"message": self._reason}}, status_code)

    def _handle_request_exception(self, e: BaseException) -> None:
        if isinstance(e, CasekitError):
            status = 403 if e.field == "role" else 400
            self.answer({"error": e.as_dict()}, status)
            return
        super()._handle_request_exception(e)  # type: ignore[arg-type]


class WhoAmI(Base):
    @web.authenticated
    def get(self) -> None:
        user = self.caller()
        plan = self.plan()
        learner = plan.learner(user["name"])
        role = "tutor" if self.is_tutor(user) else "learner" if learner else "guest"
        self.answer(
            {
                "user": user["name"],
                "role": role,
                "learner_id": learner.learner_id if learner else "",
                "learners": len(plan.learners),
            }
        )


class Advance(Base):
    @web.authenticated
    async def post(self) -> None:
        self.tutor()
        days = _days(self.request.body)
        self.answer(await asyncio.to_thread(classroom.advance, self.plan(), days))


class Witness(Base):
    @web.authenticated
    async def post(self) -> None:
        self.tutor()
        self.answer(await asyncio.to_thread(classroom.witness, self.plan()))


class Packs(Base):
    @web.authenticated
    def get(self) -> None:
        self.tutor()
        self.answer({"packs": classroom.collected(self.plan())})


class PackFile(Base):
    @web.authenticated
    def get(self, name: str) -> None:
        self.tutor()
        path = classroom.collected_file(self.plan(), name)
        self.set_header("Content-Type", "application/zip")
        self.finish(path.read_bytes())


class Ledger(Base):
    @web.authenticated
    def get(self) -> None:
        self.tutor()
        ledger = self.plan().ledger
        self.set_header("Content-Type", "application/jsonl; charset=utf-8")
        self.finish(ledger.read_bytes() if ledger.is_file() else b"")


class Review(Base):
    @web.authenticated
    async def get(self) -> None:
        self.tutor()
        self.answer(await asyncio.to_thread(classroom.review, self.plan()))


class Submit(Base):
    @web.authenticated
    async def post(self) -> None:
        user = self.caller()
        body = self.request.body
        self.answer(await asyncio.to_thread(classroom.receive, self.plan(), user["name"], body))


def _days(body: bytes) -> int:
    try:
        days = json.loads(body or b"{}").get("days", 1)
    except (ValueError, AttributeError):
        days = None
    if not isinstance(days, int) or isinstance(days, bool) or not 1 <= days <= 20:
        raise CasekitError(
            "The number of working days must be a whole number from 1 to 20.",
            field="days",
            advice="Give the days to move the class on, e.g. 1.",
        )
    return days


def make_app(plan_path: str, prefix: str) -> web.Application:
    """The service's routes under ``prefix`` (``/services/classroom/``)."""
    api = url_path_join(prefix, "api")
    args = {"plan_path": plan_path}
    return web.Application(
        [
            (url_path_join(prefix, "oauth_callback"), HubOAuthCallbackHandler),
            (url_path_join(api, "whoami"), WhoAmI, args),
            (url_path_join(api, "advance"), Advance, args),
            (url_path_join(api, "witness"), Witness, args),
            (url_path_join(api, "packs"), Packs, args),
            (url_path_join(api, r"packs/([A-Za-z0-9][A-Za-z0-9_.-]*\.zip)"), PackFile, args),
            (url_path_join(api, "ledger"), Ledger, args),
            (url_path_join(api, "review"), Review, args),
            (url_path_join(api, "submit"), Submit, args),
            (prefix.rstrip("/") + "/?", WhoAmI, args),
        ],
        cookie_secret=os.urandom(32),
        max_body_size=classroom.MAX_PACK_BYTES + 1024 * 1024,
    )


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--plan", required=True, help="the class's hub/classroom.json")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO)
    read_plan(args.plan)  # a plan that cannot be read stops the service at once
    url = urlparse(os.environ["JUPYTERHUB_SERVICE_URL"])
    prefix = os.environ.get("JUPYTERHUB_SERVICE_PREFIX", "/services/classroom/")
    server = HTTPServer(make_app(args.plan, prefix), max_body_size=classroom.MAX_PACK_BYTES * 2)
    server.listen(url.port or 80, url.hostname or "127.0.0.1")
    log.info("casekit classroom service on %s%s", url.geturl().rstrip("/"), prefix)
    IOLoop.current().start()


if __name__ == "__main__":  # pragma: no cover
    main()
