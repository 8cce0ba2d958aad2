"""A JSON Schema validator for the subset casekit's schemas use, compiled once to closures.

The ``jsonschema`` package costs seconds to import (its format checkers build an RFC 3987
grammar), which every ``casekit new --pack`` and every notebook paid. casekit's own
schemas (``casekit/data/scenarios/schema``) use a small part of draft 2020-12: types,
``enum``/``const``, ``properties``/``required``/``additionalProperties``, ``items``, sizes,
``pattern``, ``minimum``/``maximum``, ``oneOf``, ``allOf`` and ``if``/``then``/``else``.
This module compiles such a schema into nested Python functions once, so checking a pack
takes milliseconds, and says what is wrong in plain words with the JSON path. A schema
using any other keyword is refused when it is compiled, so nothing is silently skipped;
a test holds the verdicts to the ``jsonschema`` package's on random packs.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from casekit.inputs.jsonfile import json_path
from casekit.inputs.problems import Problem

Path = tuple[Any, ...]
Check = Callable[[Any, Path, list[Problem]], None]

ANNOTATIONS = frozenset({"$id", "$schema", "$comment", "title", "description", "examples"})
_KEYWORDS_WORDS = (
    "type enum const properties required additionalProperties items minItems maxItems "
    "minLength maxLength pattern minimum maximum minProperties maxProperties oneOf allOf "
    "if then else"
)
KEYWORDS = frozenset(_KEYWORDS_WORDS.split())
TYPE_WORDS = {
    "string": "text",
    "integer": "a whole number",
    "number": "a number",
    "boolean": "true or false",
    "null": "null",
    "array": "a list",
    "object": "an object",
}


class SchemaError(ValueError):
    """The schema itself uses something this validator does not implement."""


def is_type(value: Any, name: str) -> bool:
    """JSON Schema's types over Python's JSON values (``true`` is not a number; ``1.0``
    is an integer)."""
    kind = type(value)
    if name == "string":
        return kind is str
    if name == "object":
        return kind is dict
    if name == "array":
        return kind is list
    if name == "boolean":
        return kind is bool
    if name == "null":
        return value is None
    if name == "number":
        return kind is int or kind is float
    if name == "integer":
        return kind is int or (kind is float and value.is_integer())
    raise SchemaError(f"unknown type {name!r}")


def json_equal(a: Any, b: Any) -> bool:
    """Equality as JSON means it: ``1 == 1.0`` but ``true != 1``."""
    if isinstance(a, bool) or isinstance(b, bool):
        return type(a) is type(b) and a == b
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(json_equal(x, y) for x, y in zip(a, b, strict=True))
    if isinstance(a, dict) and isinstance(b, dict):
        return a.keys() == b.keys() and all(json_equal(a[k], b[k]) for k in a)
    if isinstance(a, int | float) and isinstance(b, int | float):
        return a == b
    return type(a) is type(b) and a == b


def describe(value: Any) -> str:
    """A value as a person reads it in a message: short, with its kind."""
    if isinstance(value, bool) or value is None:
        return {True: "true", False: "false", None: "null"}[value]
    if isinstance(value, dict):
        return "an object"
    if isinstance(value, list):
        return "a list"
    shown = repr(value)
    return shown if len(shown) <= 40 else shown[:37] + "..."


def _render(values: list[Any]) -> str:
    return ", ".join(v if isinstance(v, str) else describe(v) for v in values)


class Validator:
    """A compiled schema. ``problems(value)`` lists everything wrong, in document order.

    Parameters
    ----------
    schema:
        A JSON Schema using only the keywords in :data:`KEYWORDS` (and annotations).
        Raises :class:`SchemaError` naming the first keyword it does not implement.
    """

    def __init__(self, schema: dict[str, Any]) -> None:
        self._check = _compile(schema, "#")

    def problems(self, value: Any) -> list[Problem]:
        """Every problem with ``value``; empty when it is valid."""
        out: list[Problem] = []
        self._check(value, (), out)
        return out

    def is_valid(self, value: Any) -> bool:
        return not self.problems(value)


def _compile(schema: Any, where: str) -> Check:
    if schema is True or schema == {}:
        return _accept
    if schema is False:
        return _refuse
    if not isinstance(schema, dict):
        raise SchemaError(f"{where}: a schema must be an object or a boolean")
    unknown = set(schema) - KEYWORDS - ANNOTATIONS
    if unknown:
        raise SchemaError(f"{where}: keyword(s) {sorted(unknown)} are not implemented")
    typed = _type_check(schema.get("type"))
    checks: list[Check] = []
    if "enum" in schema:
        checks.append(_enum(schema["enum"]))
    if "const" in schema:
        checks.append(_const(schema["const"]))
    checks += _string_checks(schema)
    checks += _number_checks(schema)
    checks += _array_checks(schema, where)
    checks += _object_checks(schema, where)
    for n, sub in enumerate(schema.get("allOf", ())):
        checks.append(_compile(sub, f"{where}/allOf/{n}"))
    if "oneOf" in schema:
        checks.append(_one_of(schema["oneOf"], where))
    if "if" in schema:
        checks.append(_if_then(schema, where))

    def check(value: Any, path: Path, out: list[Problem]) -> None:
        if typed is not None and not typed(value, path, out):
            return  # the other keywords do not apply to a value of the wrong type
        for one in checks:
            one(value, path, out)

    return check


def _accept(value: Any, path: Path, out: list[Problem]) -> None:
    return None


def _refuse(value: Any, path: Path, out: list[Problem]) -> None:
    out.append(Problem(json_path(path), "is not allowed here"))


def _type_check(spec: Any) -> Callable[[Any, Path, list[Problem]], bool] | None:
    if spec is None:
        return None
    names = [spec] if isinstance(spec, str) else list(spec)
    for name in names:
        if name not in TYPE_WORDS:
            raise SchemaError(f"unknown type {name!r}")
    words = [TYPE_WORDS[n] for n in names]
    wanted = words[0] if len(words) == 1 else ", ".join(words[:-1]) + " or " + words[-1]

    def check(value: Any, path: Path, out: list[Problem]) -> bool:
        if any(is_type(value, n) for n in names):
            return True
        out.append(Problem(json_path(path), f"must be {wanted}, not {describe(value)}"))
        return False

    return check


def _enum(options: list[Any]) -> Check:
    texts = frozenset(o for o in options if isinstance(o, str))
    listed = _render(options)

    def check(value: Any, path: Path, out: list[Problem]) -> None:
        if type(value) is str and value in texts:
            return
        if any(json_equal(value, o) for o in options):
            return
        out.append(Problem(json_path(path), f"{describe(value)} is not one of: {listed}"))

    return check


def _const(expected: Any) -> Check:
    def check(value: Any, path: Path, out: list[Problem]) -> None:
        if not json_equal(value, expected):
            out.append(Problem(json_path(path), f"must be {describe(expected)}"))

    return check


def _string_checks(schema: dict[str, Any]) -> list[Check]:
    checks: list[Check] = []
    low, high = schema.get("minLength"), schema.get("maxLength")
    pattern = schema.get("pattern")
    compiled = re.compile(pattern) if pattern is not None else None
    if low is None and high is None and compiled is None:
        return checks

    def check(value: Any, path: Path, out: list[Problem]) -> None:
        if type(value) is not str:
            return
        size = len(value)
        if low is not None and size < low:
            out.append(
                Problem(
                    json_path(path),
                    "must not be empty" if low == 1 else f"must be at least {low} characters",
                )
            )
        if high is not None and size > high:
            out.append(
                Problem(json_path(path), f"is too long ({size:,} characters; at most {high:,})")
            )
        if compiled is not None and not compiled.search(value):
            out.append(
                Problem(
                    json_path(path),
                    f"{describe(value)} is not in the expected form (pattern {pattern})",
                )
            )

    checks.append(check)
    return checks


def _number_checks(schema: dict[str, Any]) -> list[Check]:
    low, high = schema.get("minimum"), schema.get("maximum")
    if low is None and high is None:
        return []

    def check(value: Any, path: Path, out: list[Problem]) -> None:
        if type(value) not in (int, float):
            return
        if low is not None and value < low:
            out.append(Problem(json_path(path), f"must be at least {low} (it is {value})"))
        if high is not None and value > high:
            out.append(Problem(json_path(path), f"must be at most {high} (it is {value})"))

    return [check]


def _array_checks(schema: dict[str, Any], where: str) -> list[Check]:
    low, high = schema.get("minItems"), schema.get("maxItems")
    items = _compile(schema["items"], f"{where}/items") if "items" in schema else None
    if low is None and high is None and items is None:
        return []

    def check(value: Any, path: Path, out: list[Problem]) -> None:
        if type(value) is not list:
            return
        size = len(value)
        if low is not None and size < low:
            out.append(
                Problem(
                    json_path(path),
                    "must not be empty" if low == 1 else f"must hold at least {low} items",
                )
            )
        if high is not None and size > high:
            out.append(Problem(json_path(path), f"holds {size} items; at most {high} are allowed"))
        if items is not None:
            for index, item in enumerate(value):
                items(item, (*path, index), out)

    return [check]


def _object_checks(schema: dict[str, Any], where: str) -> list[Check]:
    properties = {
        key: _compile(sub, f"{where}/properties/{key}")
        for key, sub in schema.get("properties", {}).items()
    }
    required = list(schema.get("required", ()))
    extra_spec = schema.get("additionalProperties", True)
    extra = None if extra_spec is True else _compile(extra_spec, f"{where}/additionalProperties")
    closed = extra_spec is False
    low, high = schema.get("minProperties"), schema.get("maxProperties")
    if not properties and not required and extra is None and low is None and high is None:
        return []

    def check(value: Any, path: Path, out: list[Problem]) -> None:
        if type(value) is not dict:
            return
        for key in required:
            if key not in value:
                out.append(Problem(json_path((*path, key)), "is missing (required)"))
        size = len(value)
        if low is not None and size < low:
            out.append(Problem(json_path(path), f"must have at least {low} entries"))
        if high is not None and size > high:
            out.append(Problem(json_path(path), f"has {size} entries; at most {high}"))
        for key, item in value.items():
            sub = properties.get(key)
            if sub is not None:
                sub(item, (*path, key), out)
            elif closed:
                out.append(Problem(json_path((*path, key)), "is not a known field here"))
            elif extra is not None:
                extra(item, (*path, key), out)

    return [check]


def _discriminator(branch: Any) -> Any:
    """The ``const`` a branch puts on its ``type`` property (timeline items), if any."""
    if isinstance(branch, dict):
        sub = branch.get("properties", {}).get("type")
        if isinstance(sub, dict) and "const" in sub:
            return sub["const"]
    return None


def _declared_types(branch: Any) -> list[str]:
    spec = branch.get("type") if isinstance(branch, dict) else None
    return [spec] if isinstance(spec, str) else list(spec or ())


def _one_of(branches: list[Any], where: str) -> Check:
    compiled = [_compile(b, f"{where}/oneOf/{n}") for n, b in enumerate(branches)]
    kinds = [_discriminator(b) for b in branches]
    types = [_declared_types(b) for b in branches]
    named = [k for k in kinds if k is not None]

    def check(value: Any, path: Path, out: list[Problem]) -> None:
        results = []
        for one in compiled:
            found: list[Problem] = []
            one(value, path, found)
            results.append(found)
        passing = sum(1 for found in results if not found)
        if passing == 1:
            return
        if passing > 1:
            out.append(Problem(json_path(path), "matches more than one of the allowed shapes"))
            return
        out.extend(_explain(value, path, results, kinds, types, named))

    return check


def _explain(
    value: Any,
    path: Path,
    results: list[list[Problem]],
    kinds: list[Any],
    types: list[list[str]],
    named: list[Any],
) -> list[Problem]:
    """Which branch's problems to show when no branch of a ``oneOf`` fits: the branch the
    value's own ``type`` names, else the one of the value's JSON type, else the closest."""
    if named and isinstance(value, dict) and "type" in value:
        for n, kind in enumerate(kinds):
            if kind is not None and json_equal(kind, value["type"]):
                return results[n]
        return [
            Problem(
                json_path((*path, "type")),
                f"{describe(value['type'])} is not a known kind (one of: {_render(named)})",
            )
        ]
    fitting = [n for n, declared in enumerate(types) if any(is_type(value, t) for t in declared)]
    if len(fitting) == 1:
        return results[fitting[0]]
    if not fitting and all(types):
        wanted = sorted({TYPE_WORDS[t] for declared in types for t in declared})
        return [Problem(json_path(path), f"must be {' or '.join(wanted)}, not {describe(value)}")]
    candidates = fitting or list(range(len(results)))
    return min((results[n] for n in candidates), key=len)


def _if_then(schema: dict[str, Any], where: str) -> Check:
    condition = _compile(schema["if"], f"{where}/if")
    then = _compile(schema.get("then", True), f"{where}/then")
    otherwise = _compile(schema.get("else", True), f"{where}/else")

    def check(value: Any, path: Path, out: list[Problem]) -> None:
        probe: list[Problem] = []
        condition(value, path, probe)
        (otherwise if probe else then)(value, path, out)

    return check
