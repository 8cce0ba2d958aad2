"""The evidence pack's rules and wording, read from ``casekit/data/evidence.toml``.

Every refusal in the evidence package is built here from the data file, so each message
names its rule and where the rule comes from, and a centre can reword them without code.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from casekit.errors import CasekitError
from casekit.rules.datafiles import DATA_DIR, read_data

DATA_PATH = DATA_DIR / "evidence.toml"


@cache
def settings() -> dict[str, Any]:
    """The evidence settings, checked against their schema (read once per process)."""
    return read_data("evidence", DATA_PATH)


def limits() -> dict[str, int]:
    return dict(settings()["limits"])


def refuse(rule_id: str, detail: str = "", *, field: str | None = None) -> CasekitError:
    """A CasekitError for one of the evidence rules, with ``detail`` saying what exactly."""
    rule = settings()["rules"][rule_id]
    message = rule["message"] + (f" {detail}" if detail else "")
    return CasekitError(
        message, rule=rule_id, source=rule["source"], advice=rule["advice"], field=field
    )
