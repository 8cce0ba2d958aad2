"""Reading, writing and validating scenario packs and answer keys.

Packs come from tutors and from other people's machines, so reading one is defensive:
a size limit, a nesting limit, JSON only, the JSON Schema, then semantic checks the
schema cannot express (ids unique, members' wards exist, timeline references resolve).
Every problem is reported with its JSON path, so a broken pack can be mended.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import tempfile
from dataclasses import dataclass
from functools import cache
from json.encoder import encode_basestring as _encode_string
from pathlib import Path
from typing import Any

from casekit.errors import CasekitError
from casekit.scenarios import SCHEMA_VERSION
from casekit.scenarios.bank import DATA_DIR

MAX_BYTES = 20 * 1024 * 1024
MAX_DEPTH = 32
RULE_SOURCE = "scenarios/schema/pack.schema.json (casekit pack format, schema_version 1)"


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a pack: where (a JSON path) and what."""

    path: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}: {self.message}"


def dumps(value: Any) -> str:
    """The canonical file text: sorted keys, two-space indent, UTF-8, trailing newline.

    Byte for byte what ``json.dumps(value, sort_keys=True, indent=2, ensure_ascii=False)``
    gives (a test holds it to that), written out here because the standard library's
    indenting encoder is pure Python and was the slowest step of making a class pack.
    """
    parts: list[str] = []
    _encode(value, "", parts.append)
    parts.append("\n")
    return "".join(parts)


@dataclass(frozen=True)
class Encoded:
    """A part already written by :func:`dumps` (without its newline), spliced in as is.

    A class shares one council: it is written once and reused in every learner's pack.
    """

    text: str


def _encode(value: Any, indent: str, append: Any) -> None:
    kind = type(value)
    if kind is str:
        append(_encode_string(value))
    elif kind is dict:
        if not value:
            append("{}")
            return
        inner = indent + "  "
        separator = ",\n" + inner
        append("{\n" + inner)
        for number, key in enumerate(sorted(value)):
            if type(key) is not str:
                raise TypeError(f"keys must be text, not {type(key).__name__}")
            if number:
                append(separator)
            item = value[key]
            if type(item) is str:  # most values: no call needed
                append(_encode_string(key) + ": " + _encode_string(item))
            else:
                append(_encode_string(key) + ": ")
                _encode(item, inner, append)
        append("\n" + indent + "}")
    elif kind is list or kind is tuple:
        if not value:
            append("[]")
            return
        inner = indent + "  "
        separator = ",\n" + inner
        append("[\n" + inner)
        for number, item in enumerate(value):
            if number:
                append(separator)
            if type(item) is str:
                append(_encode_string(item))
            else:
                _encode(item, inner, append)
        append("\n" + indent + "]")
    elif value is None:
        append("null")
    elif value is True:
        append("true")
    elif value is False:
        append("false")
    elif kind is int:
        append(int.__repr__(value))
    elif kind is float:
        append(json.dumps(value))
    elif kind is Encoded:
        append(value.text.replace("\n", "\n" + indent) if indent else value.text)
    else:
        raise TypeError(f"{kind.__name__} cannot be written to a pack")


def sha256_text(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def write_json(path: str | Path, value: Any) -> Path:
    """Write ``value`` canonically, atomically (a temporary file moved into place)."""
    return write_text(path, dumps(value))


def write_text(path: str | Path, text: str) -> Path:
    """Write a file atomically: a temporary file in the same folder, moved into place."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
        os.chmod(tmp, 0o644)  # mkstemp makes files private; packs are for sharing
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path


@cache
def schema(name: str = "pack") -> dict[str, Any]:
    """A JSON Schema shipped with casekit: ``"pack"`` or ``"answer-key"``."""
    return json.loads((DATA_DIR / "schema" / f"{name}.schema.json").read_text("utf-8"))


def _path(parts: Any) -> str:
    text = "$"
    for part in parts:
        text += f"[{part}]" if isinstance(part, int) else f".{part}"
    return text


def _depth(value: Any) -> int:
    """Nesting depth, without recursion (a hostile file must not exhaust the stack)."""
    deepest, stack = 0, [(value, 1)]
    while stack:
        item, depth = stack.pop()
        deepest = max(deepest, depth)
        if depth > MAX_DEPTH:
            break
        if isinstance(item, dict):
            stack.extend((v, depth + 1) for v in item.values())
        elif isinstance(item, list):
            stack.extend((v, depth + 1) for v in item)
    return deepest


def parse_text(text: str | bytes, what: str = "pack") -> Any:
    """JSON text -> value, refusing what is too big, not JSON or too deeply nested."""
    size = len(text)
    if size > MAX_BYTES:
        raise CasekitError(
            f"The {what} is {size:,} bytes; the limit is {MAX_BYTES:,}.",
            rule="pack-size",
            source=RULE_SOURCE,
            field=what,
            advice="Use a pack made by 'casekit scenario generate'.",
        )
    try:
        value = json.loads(text)
    except (ValueError, UnicodeDecodeError) as err:
        raise CasekitError(
            f"The {what} is not valid JSON ({err}).",
            rule="pack-json",
            source=RULE_SOURCE,
            field=what,
            advice="Check the file is a casekit pack, not a spreadsheet or a document.",
        ) from err
    except RecursionError as err:
        raise CasekitError(
            f"The {what} is nested too deeply to be a casekit file.",
            rule="pack-depth",
            source=RULE_SOURCE,
            field=what,
        ) from err
    if _depth(value) > MAX_DEPTH:
        raise CasekitError(
            f"The {what} is nested more than {MAX_DEPTH} levels deep; a casekit file never is.",
            rule="pack-depth",
            source=RULE_SOURCE,
            field=what,
        )
    return value


def read_bytes(path: str | Path, what: str = "pack") -> bytes:
    """A file's bytes, refusing a missing file or one over the size limit before reading."""
    path = Path(path)
    if not path.is_file():
        raise CasekitError(f"There is no {what} file at {path}.", field=what)
    size = path.stat().st_size
    if size > MAX_BYTES:
        raise CasekitError(
            f"{path} is {size:,} bytes; the limit is {MAX_BYTES:,}.",
            rule="pack-size",
            source=RULE_SOURCE,
            field=what,
        )
    return path.read_bytes()


def read_json(path: str | Path, what: str = "pack") -> Any:
    """Read a JSON file defensively."""
    return parse_text(read_bytes(path, what), what)


def schema_problems(value: Any, name: str = "pack") -> list[Problem]:
    from jsonschema import Draft202012Validator

    validator = Draft202012Validator(schema(name))
    problems = []
    for error in sorted(validator.iter_errors(value), key=lambda e: _sort_key(e.absolute_path)):
        for best in _explain(error):
            problems.append(Problem(_path(best.absolute_path), best.message[:300]))
    return problems


def _explain(error: Any) -> list[Any]:
    """For a oneOf (a timeline item, say), the errors of the branch whose ``type`` matches."""
    from jsonschema.exceptions import ValidationError, best_match

    if not error.context:
        return [error]
    branches: dict[int, list[Any]] = {}
    for sub in error.context:
        branches.setdefault(sub.schema_path[0], []).append(sub)
    wrong_type = {
        b
        for b, subs in branches.items()
        if any(s.validator == "const" and list(s.path) == ["type"] for s in subs)
    }
    matching = [subs for b, subs in sorted(branches.items()) if b not in wrong_type]
    if len(matching) > 1:  # e.g. null-or-object: the object branch is the one meant
        matching = [
            subs
            for subs in matching
            if not (len(subs) == 1 and subs[0].validator == "type" and not list(subs[0].path))
        ] or matching
    if len(matching) == 1:
        return matching[0]
    instance = error.instance
    if isinstance(instance, dict) and "type" in instance and not matching:
        return [
            ValidationError(
                f"type {instance['type']!r} is not a known kind of timeline item",
                path=[*error.absolute_path, "type"],
            )
        ]
    return [best_match(error.context)]


def _sort_key(parts: Any) -> list[tuple[int, int, str]]:
    return [(0, p, "") if isinstance(p, int) else (1, 0, str(p)) for p in parts]


def semantic_problems(pack: dict[str, Any]) -> list[Problem]:
    """What the schema cannot say: uniqueness and references between parts of the pack."""
    problems: list[Problem] = []
    council = pack["council"]

    def unique(items: list[dict[str, Any]], where: str) -> set[str]:
        seen: set[str] = set()
        for i, item in enumerate(items):
            if item["id"] in seen:
                problems.append(Problem(f"{where}[{i}].id", f"id '{item['id']}' is used twice"))
            seen.add(item["id"])
        return seen

    wards = unique(council["wards"], "$.council.wards")
    members = unique(council["members"], "$.council.members")
    services = unique(council["services"], "$.council.services")
    unique(pack["cases"], "$.cases")
    sectors: dict[str, str] = {}
    for i, ward in enumerate(council["wards"]):
        for sector in ward["sectors"]:
            if sector in sectors and sectors[sector] != ward["id"]:
                problems.append(
                    Problem(
                        f"$.council.wards[{i}].sectors",
                        f"sector '{sector}' is also in ward {sectors[sector]}",
                    )
                )
            sectors[sector] = ward["id"]
    member_ward = {}
    for i, member in enumerate(council["members"]):
        member_ward[member["id"]] = member["ward_id"]
        if member["ward_id"] not in wards:
            problems.append(
                Problem(
                    f"$.council.members[{i}].ward_id",
                    f"ward '{member['ward_id']}' is not one of the council's wards",
                )
            )
    items_seen: set[str] = set()
    for c, case in enumerate(pack["cases"]):
        where = f"$.cases[{c}]"
        if case["member_id"] not in members:
            problems.append(
                Problem(f"{where}.member_id", f"member '{case['member_id']}' does not exist")
            )
        elif member_ward[case["member_id"]] != case["ward_id"]:
            problems.append(
                Problem(
                    f"{where}.ward_id",
                    f"member {case['member_id']} does not represent ward {case['ward_id']}",
                )
            )
        if case["ward_id"] not in wards:
            problems.append(Problem(f"{where}.ward_id", f"ward '{case['ward_id']}' does not exist"))
        note = case.get("member_note")
        if note and note["from"] not in members:
            problems.append(
                Problem(f"{where}.member_note.from", f"member '{note['from']}' does not exist")
            )
        records = {r["id"] for r in case["records"]}
        if len(records) != len(case["records"]):
            problems.append(Problem(f"{where}.records", "record ids are not unique"))
        inbox = [t for t in case["timeline"] if t["type"] == "inbox_item"]
        if len(inbox) != 1 or inbox[0]["id"] != case["inbox_item"]:
            problems.append(
                Problem(
                    f"{where}.timeline",
                    f"needs exactly one inbox_item, with id '{case['inbox_item']}'",
                )
            )
        for t, item in enumerate(case["timeline"]):
            at = f"{where}.timeline[{t}]"
            if item["id"] in items_seen:
                problems.append(Problem(f"{at}.id", f"timeline item '{item['id']}' is used twice"))
            items_seen.add(item["id"])
            if not item["id"].startswith(f"{case['id']}-"):
                problems.append(
                    Problem(f"{at}.id", f"item '{item['id']}' does not belong to case {case['id']}")
                )
            if item["type"] == "service_reply" and item["service_id"] not in services:
                problems.append(
                    Problem(f"{at}.service_id", f"service '{item['service_id']}' does not exist")
                )
            if item["type"] == "record_change" and item["record_id"] not in records:
                problems.append(
                    Problem(f"{at}.record_id", f"record '{item['record_id']}' is not in this case")
                )
            if inbox and item["type"] != "inbox_item" and item["due_wd"] < inbox[0]["due_wd"]:
                problems.append(Problem(f"{at}.due_wd", "falls due before the enquiry arrives"))
    return problems


def validate_pack(value: Any) -> list[Problem]:
    """Every problem with a pack (empty when it is sound)."""
    if not isinstance(value, dict):
        return [Problem("$", f"a pack is a JSON object, not {type(value).__name__}")]
    version = value.get("schema_version")
    if version != SCHEMA_VERSION:
        return [
            Problem(
                "$.schema_version",
                f"schema_version {version!r} is not supported "
                f"(this casekit reads {SCHEMA_VERSION})",
            )
        ]
    if (
        "cases" in value
        and isinstance(value.get("cases"), list)
        and any(isinstance(c, dict) and ("true_kind" in c or "traps" in c) for c in value["cases"])
    ):
        return [
            Problem(
                "$.cases", "this is an answer key, not a learner's pack: keep it with the tutor"
            )
        ]
    problems = schema_problems(value, "pack")
    # When the shape is too broken to cross-check, the schema problems say why.
    with contextlib.suppress(KeyError, TypeError, AttributeError, IndexError):
        problems += semantic_problems(value)
    return problems


def validate_key(value: Any) -> list[Problem]:
    if not isinstance(value, dict):
        return [Problem("$", f"an answer key is a JSON object, not {type(value).__name__}")]
    return schema_problems(value, "answer-key")


def refusal(problems: list[Problem], path: str | Path, what: str) -> CasekitError:
    shown = "; ".join(str(p) for p in problems[:10])
    more = f" (and {len(problems) - 10} more)" if len(problems) > 10 else ""
    return CasekitError(
        f"{path} is not a valid casekit {what}: {shown}{more}.",
        rule="pack-schema",
        source=RULE_SOURCE,
        field=problems[0].path,
        advice="Run 'casekit scenario validate' on it, or make it again with "
        "'casekit scenario generate'.",
    )


def read_pack(path: str | Path) -> dict[str, Any]:
    """Read and validate a learner's pack; raise :class:`CasekitError` naming each problem."""
    value = read_json(path, "pack")
    problems = validate_pack(value)
    if problems:
        raise refusal(problems, path, "pack")
    return value


def read_key(path: str | Path) -> dict[str, Any]:
    value = read_json(path, "answer key")
    problems = validate_key(value)
    if problems:
        raise refusal(problems, path, "answer key")
    return value
