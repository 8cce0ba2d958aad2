"""The coaching texts (``casekit/data/coaching.toml``): read and checked once a process."""

from __future__ import annotations

from functools import cache
from typing import Any

from casekit.rules.datafiles import DATA_DIR, read_data

DATA = DATA_DIR / "coaching.toml"


@cache
def settings() -> dict[str, Any]:
    """The coaching texts (``casekit/data/coaching.toml``), checked once per process."""
    return read_data("coaching", DATA)


def route_family(route_id: str) -> tuple[str, ...]:
    """The routes of ``route_id``'s family (``[route_families]``), or none."""
    for routes in settings().get("route_families", {}).values():
        if route_id in routes:
            return tuple(routes)
    return ()
