"""A small schema language for the TOML files a centre edits, and its validator.

Each data file has a schema beside it (``criteria.toml`` and ``criteria.schema.toml``),
written in TOML so an administrator can read what a field may hold. A schema is a tree of
nodes; every node is a table with a ``type``:

``text``
    ``choices``, ``pattern`` (with ``pattern_says``), ``nonempty`` (default true),
    ``max_length``, ``placeholders`` (``"plain"``: only ``{name}``; ``"formatted"``: a
    conversion or format spec such as ``{name!r}`` or ``{number:04d}`` allowed too).
``integer``, ``number``
    ``min``, ``max``.
``boolean``, ``date`` (text written ``YYYY-MM-DD`` that is a real date), ``any``.
``list``
    ``items`` (a node), ``min_items``, ``max_items``, ``unique`` (scalar items differ),
    ``unique_key`` with ``unique_says`` (the items are tables whose ``unique_key`` differs).
``table``
    ``fields`` (name -> node; each ``required`` unless it says ``required = false``),
    ``extra`` (a node for any other key, whose names match ``names``, explained by
    ``names_says``), ``min_entries``. A table without ``extra`` refuses unknown keys and
    suggests the nearest known one.

Any node may instead be ``one_of = [...]`` (alternatives told apart by type) or
``ref = "name"`` (a node under ``[defs]``), and may carry ``expect`` (how a type error
names what was expected), ``about`` and ``default`` (documentation only).

The validator reports every problem at once, each at its dotted field
(``service_levels.complaint.respond_wd``), in the words an administrator reads.
"""

from __future__ import annotations

import difflib
import re
import string
import tomllib
from collections.abc import Callable
from datetime import date, datetime, time
from datetime import date as _date_type
from functools import cache
from pathlib import Path
from typing import Any

from casekit.inputs.dates import why_not_a_day
from casekit.inputs.problems import Problem

Check = Callable[[Any, str, list[Problem]], None]
TYPES = ("text", "integer", "number", "boolean", "date", "list", "table", "any")
_NODE_KEYS_WORDS = (
    "type required about default expect choices pattern pattern_says nonempty max_length "
    "placeholders min max items min_items max_items unique unique_key unique_says fields "
    "extra names names_says min_entries one_of ref"
)
NODE_KEYS = frozenset(_NODE_KEYS_WORDS.split())
WORDS = {
    "text": "text",
    "integer": "a whole number",
    "number": "a number",
    "boolean": "true or false",
    "date": "a date written YYYY-MM-DD",
    "list": "a list",
    "table": "a table",
    "any": "anything",
}
_PLURAL = {"text": "text", "integer": "whole numbers", "number": "numbers", "date": "dates"}
_ISO_DAY = re.compile(r"(\d{4})-(\d{2})-(\d{2})")


class SchemaFault(ValueError):
    """A schema file that is itself wrong: a casekit bug, not a centre's mistake."""


def kind_word(value: Any) -> str:
    """What kind of value this is, in words."""
    if isinstance(value, bool):
        return "true or false"
    if isinstance(value, int):
        return "a whole number"
    if isinstance(value, float):
        return "a number"
    if isinstance(value, str):
        return "text"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a table"
    if isinstance(value, datetime | date | time):
        return "a TOML date or time (put it in quotes to make it text)"
    return type(value).__name__


def describe(value: Any) -> str:
    """``'ten' (text)``: a value as an administrator recognises it, with its kind."""
    shown = value.isoformat() if isinstance(value, date | time) else repr(value)
    if len(shown) > 40:
        shown = shown[:37] + "..."
    return f"{shown} ({kind_word(value)})"


def child(where: str, key: Any) -> str:
    """``a.b`` + ``c`` -> ``a.b.c``; an index -> ``a.b[2]``."""
    if isinstance(key, int):
        return f"{where}[{key}]"
    return f"{where}.{key}" if where else str(key)


def template_problem(text: str, allow_format: bool = False) -> str | None:
    """What is wrong with the ``{placeholders}`` of a wording, or None.

    Only plain names are allowed: attribute or index access (``{x.__class__}``) would let a
    data file reach into the program's objects, and conversions are refused too.
    """
    try:
        parsed = list(string.Formatter().parse(text))
    except ValueError as err:
        return f"bad placeholder: {err}"
    for _, name, spec, conversion in parsed:
        if name is None:
            continue
        if not name.isidentifier() or ((conversion or spec) and not allow_format):
            return f"placeholder {{{name}}} must be a plain name like {{clock}}"
    return None


def placeholders(text: str) -> set[str]:
    """The ``{names}`` a wording uses (empty when its braces are broken)."""
    try:
        return {name for _, name, _, _ in string.Formatter().parse(text) if name}
    except ValueError:
        return set()


class Schema:
    """A loaded schema file: what the file is, and its compiled root node.

    Parameters
    ----------
    path:
        The ``*.schema.toml`` file. Its ``[schema]`` table names the ``what`` (for
        messages), its ``[root]`` is the node for the whole file, ``[defs]`` named nodes.
    """

    def __init__(self, path: Path) -> None:
        with path.open("rb") as handle:
            raw = tomllib.load(handle)
        self.path = path
        head = raw.get("schema", {})
        self.what: str = head.get("what", path.stem)
        self.about: str = head.get("about", "")
        self._defs: dict[str, Any] = raw.get("defs", {})
        self._compiled: dict[str, Check] = {}
        if "root" not in raw:
            raise SchemaFault(f"{path}: no [root] node")
        self._root = self._compile(raw["root"], "root")

    def problems(self, data: Any) -> list[Problem]:
        """Every problem with ``data`` (the parsed file), in file order."""
        found: list[Problem] = []
        self._root(data, "", found)
        return found

    # -- compiling ------------------------------------------------------------------
    def _compile(self, node: Any, at: str) -> Check:
        if not isinstance(node, dict):
            raise SchemaFault(f"{self.path}: {at} must be a table")
        unknown = set(node) - NODE_KEYS
        if unknown:
            raise SchemaFault(f"{self.path}: {at} has unknown schema keys {sorted(unknown)}")
        if "ref" in node:
            return self._ref(node["ref"], at)
        if "one_of" in node:
            return self._one_of(node, at)
        kind = node.get("type")
        if kind not in TYPES:
            raise SchemaFault(f"{self.path}: {at} has type {kind!r}; use one of {TYPES}")
        return getattr(self, f"_{kind}")(node, at)

    def _ref(self, name: str, at: str) -> Check:
        if name not in self._defs:
            raise SchemaFault(f"{self.path}: {at} refers to defs.{name}, which is not there")

        def check(value: Any, where: str, found: list[Problem]) -> None:
            compiled = self._compiled.get(name)
            if compiled is None:  # compiled on first use, so definitions may recurse
                compiled = self._compiled[name] = self._compile(self._defs[name], name)
            compiled(value, where, found)

        return check

    def _accepts(self, node: dict[str, Any]) -> Callable[[Any], bool]:
        """Whether a value is of the node's type (for telling one_of alternatives apart)."""
        while "ref" in node:
            node = self._defs[node["ref"]]
        kind = node.get("type", "any")
        tests: dict[str, Callable[[Any], bool]] = {
            "text": lambda v: isinstance(v, str),
            "date": lambda v: isinstance(v, str | _date_type),
            "integer": lambda v: isinstance(v, int) and not isinstance(v, bool),
            "number": lambda v: isinstance(v, int | float) and not isinstance(v, bool),
            "boolean": lambda v: isinstance(v, bool),
            "list": lambda v: isinstance(v, list),
            "table": lambda v: isinstance(v, dict),
            "any": lambda v: True,
        }
        return tests[kind]

    def _expect(self, node: dict[str, Any]) -> str:
        while "ref" in node:
            node = self._defs[node["ref"]]
        if "expect" in node:
            return node["expect"]
        kind = node.get("type", "any")
        items = node.get("items")
        if kind == "list" and isinstance(items, dict) and items.get("type") in _PLURAL:
            return f"a list of {_PLURAL[items['type']]}"
        return WORDS.get(kind, "anything")

    def _one_of(self, node: dict[str, Any], at: str) -> Check:
        options = node["one_of"]
        compiled = [self._compile(o, f"{at}.one_of[{n}]") for n, o in enumerate(options)]
        accepts = [self._accepts(o) for o in options]
        words = [self._expect(o) for o in options]
        wanted = words[0] if len(words) == 1 else ", ".join(words[:-1]) + " or " + words[-1]

        def check(value: Any, where: str, found: list[Problem]) -> None:
            for test, one in zip(accepts, compiled, strict=True):
                if test(value):
                    one(value, where, found)
                    return
            found.append(Problem(where, f"must be {wanted}, got {describe(value)}"))

        return check

    def _typed(self, node: dict[str, Any], test: Callable[[Any], bool]) -> Callable[..., bool]:
        expect = self._expect(node)

        def ok(value: Any, where: str, found: list[Problem]) -> bool:
            if test(value):
                return True
            found.append(Problem(where, f"must be {expect}, got {describe(value)}"))
            return False

        return ok

    def _text(self, node: dict[str, Any], at: str) -> Check:
        ok = self._typed(node, lambda v: isinstance(v, str))
        choices = tuple(node.get("choices", ()))
        pattern = re.compile(node["pattern"]) if "pattern" in node else None
        says = node.get("pattern_says", "is not in the expected form")
        nonempty = node.get("nonempty", True)
        longest = node.get("max_length")
        holders = node.get("placeholders")

        def check(value: Any, where: str, found: list[Problem]) -> None:
            if not ok(value, where, found):
                return
            if nonempty and not value.strip():
                found.append(Problem(where, "must not be empty"))
                return
            if choices and value not in choices:
                found.append(
                    Problem(where, f"unknown value {value!r}; use one of: {', '.join(choices)}")
                )
            if pattern is not None and not pattern.fullmatch(value):
                found.append(Problem(where, f"{says} (got {value!r})"))
            if longest is not None and len(value) > longest:
                found.append(
                    Problem(where, f"is too long ({len(value)} characters; at most {longest})")
                )
            if holders:
                problem = template_problem(value, allow_format=holders == "formatted")
                if problem:
                    found.append(Problem(where, problem))

        return check

    def _date(self, node: dict[str, Any], at: str) -> Check:
        # A TOML date literal (2026-03-27) arrives as a date; a quoted one as text.
        ok = self._typed(node, lambda v: isinstance(v, str | _date_type))

        def check(value: Any, where: str, found: list[Problem]) -> None:
            if not ok(value, where, found):
                return
            if isinstance(value, _date_type):
                return
            match = _ISO_DAY.fullmatch(value.strip())
            if match is None:
                found.append(Problem(where, f"{value!r} is not a date written YYYY-MM-DD"))
                return
            why = why_not_a_day(*(int(g) for g in match.groups()))
            if why:
                found.append(Problem(where, f"{value!r} is not a real date: {why}"))

        return check

    def _whole_or_number(self, node: dict[str, Any], test: Callable[[Any], bool]) -> Check:
        ok = self._typed(node, test)
        low, high = node.get("min"), node.get("max")

        def check(value: Any, where: str, found: list[Problem]) -> None:
            if not ok(value, where, found):
                return
            if low is not None and value < low:
                what = "negative" if value < 0 else f"less than {low}"
                found.append(Problem(where, f"must not be {what} (got {value})"))
            if high is not None and value > high:
                found.append(Problem(where, f"must not be more than {high} (got {value})"))

        return check

    def _integer(self, node: dict[str, Any], at: str) -> Check:
        return self._whole_or_number(node, lambda v: isinstance(v, int) and not isinstance(v, bool))

    def _number(self, node: dict[str, Any], at: str) -> Check:
        return self._whole_or_number(
            node, lambda v: isinstance(v, int | float) and not isinstance(v, bool)
        )

    def _boolean(self, node: dict[str, Any], at: str) -> Check:
        ok = self._typed(node, lambda v: isinstance(v, bool))

        def check(value: Any, where: str, found: list[Problem]) -> None:
            ok(value, where, found)

        return check

    def _any(self, node: dict[str, Any], at: str) -> Check:
        return lambda value, where, found: None

    def _list(self, node: dict[str, Any], at: str) -> Check:
        ok = self._typed(node, lambda v: isinstance(v, list))
        items_node = node.get("items", {"type": "any"})
        items = self._compile(items_node, f"{at}.items")
        item_ok = self._accepts(items_node)
        scalar = items_node.get("type") in _PLURAL or items_node.get("type") == "boolean"
        item_word = WORDS.get(items_node.get("type", "any"), "")
        low, high = node.get("min_items"), node.get("max_items")
        unique, key = node.get("unique", False), node.get("unique_key")
        unique_says = node.get("unique_says")

        def check(value: Any, where: str, found: list[Problem]) -> None:
            if not ok(value, where, found):
                return
            if low is not None and len(value) < low:
                found.append(
                    Problem(
                        where,
                        "must not be empty" if low == 1 else f"must hold at least {low} items",
                    )
                )
            if high is not None and len(value) > high:
                found.append(Problem(where, f"holds {len(value)} items; at most {high}"))
            if scalar:
                wrong = [v for v in value if not item_ok(v)]
                if wrong:
                    found.append(
                        Problem(
                            where,
                            f"must be {self._expect(node)}; {describe(wrong[0])} is not "
                            f"{item_word}",
                        )
                    )
                    return
            seen: dict[Any, int] = {}
            for index, item in enumerate(value):
                items(item, child(where, index), found)
                mark = item.get(key) if key and isinstance(item, dict) else item
                if (unique or key) and isinstance(mark, str | int | float | bool):
                    if mark in seen:
                        at_ = child(child(where, index), key) if key else child(where, index)
                        words = unique_says or f"repeats the {key or 'value'}"
                        found.append(Problem(at_, f"{words} {mark!r}"))
                    seen.setdefault(mark, index)

        return check

    def _table(self, node: dict[str, Any], at: str) -> Check:
        ok = self._typed(node, lambda v: isinstance(v, dict))
        fields = {
            name: (self._compile(sub, f"{at}.{name}"), sub.get("required", True))
            for name, sub in node.get("fields", {}).items()
        }
        extra = self._compile(node["extra"], f"{at}.extra") if "extra" in node else None
        names = re.compile(node["names"]) if "names" in node else None
        names_says = node.get("names_says", "is not a name this table allows")
        least = node.get("min_entries")

        def check(value: Any, where: str, found: list[Problem]) -> None:
            if not ok(value, where, found):
                return
            for name, (sub, required) in fields.items():
                if name in value:
                    sub(value[name], child(where, name), found)
                elif required:
                    found.append(Problem(child(where, name), "missing (required)"))
            for key, item in value.items():
                if key in fields:
                    continue
                if extra is None:
                    found.append(Problem(child(where, key), unknown_key(key, fields)))
                    continue
                if names is not None and not names.fullmatch(key):
                    found.append(Problem(child(where, key), names_says))
                    continue
                extra(item, child(where, key), found)
            if least is not None and len(value) < least:
                found.append(Problem(where, "must define at least one entry"))

        return check


def unknown_key(key: str, known: Any) -> str:
    """``unknown key (did you mean 'calendar'?)``: in a data file, an unknown key is a typo."""
    hint = difflib.get_close_matches(key, sorted(known), n=1)
    return "unknown key" + (f" (did you mean {hint[0]!r}?)" if hint else "")


@cache
def load_schema(path: Path) -> Schema:
    """The schema file at ``path``, loaded and compiled once per process."""
    return Schema(path)
