"""Calls to the classroom service, from a notebook on the hub or a tutor's terminal.

On the hub, a user's server has the service's address (``$CASEKIT_CLASSROOM_URL``, set by
the hub) and its own hub token (``$JUPYTERHUB_API_TOKEN``), so the notebooks need neither.
From elsewhere, give the hub's address and a token made on the hub's token page
(``/hub/token``). Only the standard library is used: nothing here loads at import time.
"""

from __future__ import annotations

import json
import os
import urllib.error
import urllib.request
from dataclasses import dataclass
from typing import Any

from casekit.errors import CasekitError
from casekit.hub.plan import SERVICE_NAME

TIMEOUT_S = 300.0


@dataclass(frozen=True)
class Connection:
    """The service's address (ending in ``/``) and the token to call it with."""

    url: str
    token: str


def connection(hub_url: str | None = None, token: str | None = None) -> Connection:
    """Where the classroom service is and how to call it; refused when either is unknown."""
    if hub_url:
        if not hub_url.startswith(("http://", "https://")):
            raise CasekitError(
                f"The hub's address {hub_url!r} is not a web address.",
                field="hub-url",
                advice="Give it as the browser shows it, e.g. https://hub.college.ac.uk.",
            )
        url = hub_url.rstrip("/") + f"/services/{SERVICE_NAME}/"
    else:
        url = os.environ.get("CASEKIT_CLASSROOM_URL", "")
    token = token or os.environ.get("CASEKIT_HUB_TOKEN") or os.environ.get("JUPYTERHUB_API_TOKEN")
    if not url or not token:
        raise CasekitError(
            "This is not connected to a class hub's classroom service.",
            field="hub",
            advice="On the class hub this works by itself; elsewhere give the hub's address "
            "and a token from its token page (or export your pack and send the .zip).",
        )
    if not url.endswith("/"):
        url += "/"
    return Connection(url, token)


def on_hub() -> bool:
    """Whether this notebook runs on a class hub that has a classroom service."""
    try:
        connection()
    except CasekitError:
        return False
    return True


def call(
    conn: Connection,
    path: str,
    *,
    body: bytes | dict[str, Any] | None = None,
    raw: bool = False,
    content_type: str = "application/json",
) -> Any:
    """One request; JSON answers are decoded, refusals raised as the service worded them."""
    data = body
    if isinstance(body, dict):
        data = json.dumps(body).encode()
    try:
        request = urllib.request.Request(
            conn.url + "api/" + path,
            data=data,
            method="POST" if data is not None else "GET",
            headers={"Authorization": f"token {conn.token}", "Content-Type": content_type},
        )
    except ValueError as err:  # an address urllib cannot read (http://[::1 with no bracket)
        raise CasekitError(
            f"The classroom service's address {conn.url} is not one that can be called ({err}).",
            field="hub-url",
            advice="Give the hub's address as the browser shows it.",
        ) from None
    try:
        with urllib.request.urlopen(request, timeout=TIMEOUT_S) as answer:
            payload = answer.read()
    except urllib.error.HTTPError as err:
        raise _refusal(err) from None
    except (urllib.error.URLError, OSError) as err:
        raise CasekitError(
            f"The classroom service at {conn.url} did not answer ({err}).",
            field="hub",
            advice="Check the hub's address, or ask the IT team whether the hub is running.",
        ) from None
    return payload if raw else json.loads(payload or b"null")


def _refusal(err: urllib.error.HTTPError) -> CasekitError:
    try:
        detail = json.loads(err.read() or b"{}").get("error") or {}
    except ValueError:
        detail = {}
    if err.code in (401, 403) and not detail.get("advice"):
        return CasekitError(
            detail.get("message")
            or "The class hub did not accept this token for the classroom service.",
            field="token",
            advice="Use a token made on the class hub's token page, by your own login.",
        )
    return CasekitError(
        detail.get("message") or f"The classroom service refused ({err.code} {err.reason}).",
        rule=detail.get("rule"),
        source=detail.get("source"),
        advice=detail.get("advice"),
        field=detail.get("field") or "hub",
    )
