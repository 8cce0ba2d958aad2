"""Answer keys: reading one safely, and checking its expectations against the language.

A key is untrusted JSON from a tutor's folder (:mod:`casekit.inputs.jsonfile`): a BOM, a
repeated key, NaN or a lone surrogate is refused with the place it was found. A key file is
then checked against the answer-key schema (``casekit/data/scenarios/schema``) and the
expectation language (:mod:`casekit.scenarios.key_language`), as ``read_key`` checks it;
a key given as data (a tutor's merged key) against the language. Every refusal is on the
field ``key``.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from casekit.errors import CasekitError
from casekit.inputs.jsonfile import parse_json, read_limited
from casekit.inputs.problems import Problem
from casekit.scenarios.key_language import LANGUAGE, expectation_problems, spec_problems

MAX_KEY_BYTES = 5_000_000
__all__ = [
    "MAX_KEY_BYTES",
    "check_pack",
    "expectation_problems",
    "load_key",
    "refuse",
    "spec_problems",
]


def load_key(path: str | Path) -> dict[str, Any]:
    """Read an answer key file, refusing anything that is not one."""
    path = Path(path)
    if not path.is_file():
        raise CasekitError(f"There is no answer key at {path}.", field="key")
    if path.stat().st_size > MAX_KEY_BYTES:
        raise CasekitError(f"{path} is too large to be an answer key.", field="key")
    try:
        key = parse_json(
            read_limited(path, what="answer key", max_bytes=MAX_KEY_BYTES),
            name=str(path),
            max_bytes=MAX_KEY_BYTES,
        )
    except CasekitError as err:
        raise CasekitError(
            f"{err.message} It is not an answer key casekit can read.",
            rule=err.rule,
            source=err.source,
            advice=err.advice,
            field="key",
        ) from None
    if not isinstance(key, dict) or not isinstance(key.get("cases"), list):
        raise CasekitError(f"{path} is not an answer key (it has no 'cases' list).", field="key")
    from casekit.scenarios.pack import validate_key

    refuse(validate_key(key), path)  # the schema, then the language
    return key


def refuse(problems: list[Problem], where: str | Path) -> None:
    """Raise one refusal naming every problem (nothing when there is none)."""
    if not problems:
        return
    shown = "; ".join(str(p) for p in problems[:10])
    more = f" (and {len(problems) - 10} more)" if len(problems) > 10 else ""
    raise CasekitError(
        f"{where} is not an answer key casekit can use: {shown}{more}.",
        rule="answer-key-language",
        source=LANGUAGE,
        advice="Use the key that was generated with this learner's pack.",
        field="key",
    )


def check_pack(ws: Any, key: dict[str, Any]) -> None:
    """Refuse a key made for another pack than the workspace's."""
    if not ws.pack_path.exists():
        return
    pack_id = json.loads(ws.pack_path.read_text(encoding="utf-8")).get("pack_id")
    if key.get("pack_id") and pack_id and key["pack_id"] != pack_id:
        raise CasekitError(
            f"This answer key is for pack {key['pack_id']}, but the workspace was made "
            f"from pack {pack_id}.",
            field="key",
            advice="Use the key that was generated with this learner's pack.",
        )
