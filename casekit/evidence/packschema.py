"""The shapes of what a pack carries, checked before anything reads a value from it.

A pack is untrusted: ``"count": "<img ...>"``, ``"gaps": [1]`` or ``{"AC1": 5}`` must become
one clear line naming the field, never a traceback in ``verify``, ``review`` or
``class-summary`` and never markup in an assessor's page. Each schema is plain data: a
Python type, a tuple of alternatives, a ``[schema]`` list of one shape, a ``{key: schema}``
object with exactly those keys (``"key?"`` for an optional one), or ``{STR: schema}`` for
an object of any keys.
"""

from __future__ import annotations

from typing import Any

STR = "*"  # an object whose keys are any text, each value of the one schema given
MAX_TEXT = 20_000

LEARNER = {k: str for k in ("learner", "learner_id", "registration", "centre", "assessor")}
COVERAGE = {
    "count": int,
    "minimum": int,
    "met": bool,
    "sound?": int,
    "status?": str,
    "items": [str],
}
MANIFEST: dict[str, Any] = {
    "schema_version": int,
    "kind": str,
    "kit_version": str,
    "workspace_id": str,
    "learner": LEARNER,
    "pack": {"id": str, "seed": str, "made_for": str},
    "started": str,
    "exported_at": str,
    "chain": {"events": int, "head": str, "sealed": int, "personal": str},
    "pseudonymised": bool,
    "coverage": {STR: COVERAGE},
    "gaps": [str],
    "coaching": {"available": bool, "mistakes": [str]},
    "derivation": {STR: str},
    "files": [{"path": str, "sha256": str, "bytes": int}],
    "manifest_sha256": str,
}
LOG_ROW = {
    "seq": int,
    "prev": str,
    "pdigest": str,
    "body": (str, None),
    "hash": str,
    "sealed?": bool,
}
SHOWN_ROW = {"seq": int, "body?": str, "personal?": (str, None), "erased?": bool}
PERSONAL_ROW = {"seq": int, "salt": str, "data": str}
BODY = {"at": str, "kind": str, "case": (str, None), "actor": str, "data": {STR: object}}


def _name(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return str(value)
    if isinstance(value, str):
        return "text"
    return "a list" if isinstance(value, list) else "an object"


def _want(schema: Any) -> str:
    if isinstance(schema, tuple):
        return " or ".join(_want(s) for s in schema)
    if schema is None:
        return "null"
    if isinstance(schema, list):
        return "a list"
    if isinstance(schema, dict):
        return "an object"
    return {int: "a whole number", str: "text", bool: "true or false", object: "a value"}[schema]


def problems(value: Any, schema: Any, where: str, *, limit: int = 5) -> list[str]:
    """What in ``value`` does not fit ``schema`` (at most ``limit`` lines, each naming
    the field by its path under ``where``)."""
    out: list[str] = []
    _check(value, schema, where, out, limit)
    return out[:limit]


def _check(value: Any, schema: Any, where: str, out: list[str], limit: int) -> None:
    if len(out) >= limit:
        return
    if isinstance(schema, tuple):
        if not any(not problems(value, s, where, limit=1) for s in schema):
            out.append(f"{where} is {_name(value)}, not {_want(schema)}")
        return
    if schema is None:
        if value is not None:
            out.append(f"{where} is {_name(value)}, not null")
        return
    if schema is object:
        return
    if isinstance(schema, list):
        if not isinstance(value, list):
            out.append(f"{where} is {_name(value)}, not a list")
            return
        for n, inner in enumerate(value):
            _check(inner, schema[0], f"{where}[{n}]", out, limit)
        return
    if isinstance(schema, dict):
        if not isinstance(value, dict):
            out.append(f"{where} is {_name(value)}, not an object")
            return
        if STR in schema:
            for key, inner in value.items():
                _check(inner, schema[STR], f"{where}.{key}", out, limit)
            return
        shapes = {key.rstrip("?"): inner for key, inner in schema.items()}
        for key in schema:
            if not key.endswith("?") and key not in value:
                out.append(f"{where} has no '{key}'")
        for key, inner in value.items():
            if key not in shapes:
                out.append(f"{where} has '{str(key)[:60]}', which casekit does not write")
            else:
                _check(inner, shapes[key], f"{where}.{key}", out, limit)
        return
    if schema is int:
        if not isinstance(value, int) or isinstance(value, bool):
            out.append(f"{where} is {_name(value)}, not a whole number")
    elif schema is bool:
        if not isinstance(value, bool):
            out.append(f"{where} is {_name(value)}, not true or false")
    elif schema is str:
        if not isinstance(value, str):
            out.append(f"{where} is {_name(value)}, not text")
        elif len(value) > MAX_TEXT:
            out.append(f"{where} is longer than {MAX_TEXT} characters")


def manifest_problems(manifest: Any) -> list[str]:
    """The manifest's shape (types, keys, sizes), as lines starting 'manifest.json'."""
    return problems(manifest, MANIFEST, "manifest.json")
