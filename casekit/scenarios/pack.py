"""Reading, writing and validating scenario packs and answer keys.

Packs come from tutors and from other people's machines, so reading one is defensive:
strict JSON (:mod:`casekit.inputs.jsonfile`: size and nesting limits, UTF-8 without a BOM,
each key once, no NaN, no lone surrogates), the JSON Schema (compiled once by
:mod:`casekit.inputs.schema`), real dates, then semantic checks the schema cannot express
(ids unique, members' wards exist, timeline references resolve). Every problem is reported
with its JSON path, so a broken pack can be mended.
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import json
import os
import re
import shutil
import tempfile
from dataclasses import dataclass
from functools import cache
from json.encoder import encode_basestring as _encode_string
from pathlib import Path
from typing import Any

from casekit.errors import CasekitError
from casekit.inputs.dates import why_not_a_day
from casekit.inputs.jsonfile import parse_json, read_limited
from casekit.inputs.problems import Problem
from casekit.inputs.schema import Validator
from casekit.scenarios import SCHEMA_VERSION
from casekit.scenarios.bank import DATA_DIR

MAX_BYTES = 20 * 1024 * 1024
MAX_DEPTH = 32
RULE_SOURCE = "scenarios/schema/pack.schema.json (casekit pack format, schema_version 1)"


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


def write_texts(files: list[tuple[Path, str]]) -> list[Path]:
    """Write several files all or none (a pack and its answer key): each to a temporary
    file beside it, then all moved into place. A failure before the moves leaves nothing,
    not even the folders made to hold them."""
    made: list[Path] = []
    staged: list[tuple[str, Path]] = []
    try:
        for path, text in files:
            if path.is_dir():
                raise IsADirectoryError(errno.EISDIR, os.strerror(errno.EISDIR), str(path))
            top = first_missing(path.parent)
            path.parent.mkdir(parents=True, exist_ok=True)
            if top is not None:
                made.append(top)
            fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
            staged.append((tmp, path))
            with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
                handle.write(text)
            os.chmod(tmp, 0o644)  # mkstemp makes files private; packs are for sharing
        for tmp, path in staged:
            os.replace(tmp, path)
    except BaseException:
        for tmp, _ in staged:
            Path(tmp).unlink(missing_ok=True)
        for top in made:
            shutil.rmtree(top, ignore_errors=True)
        raise
    return [path for path, _ in files]


def first_missing(folder: Path) -> Path | None:
    """The outermost of ``folder`` and its parents that does not exist yet (None: it
    exists): what ``mkdir(parents=True)`` would make, so a failure can remove it again."""
    top = None
    for path in (folder, *folder.parents):
        if path.exists() or path.is_symlink():
            break
        top = path
    return top


@cache
def schema(name: str = "pack") -> dict[str, Any]:
    """A JSON Schema shipped with casekit: ``"pack"`` or ``"answer-key"``."""
    return json.loads((DATA_DIR / "schema" / f"{name}.schema.json").read_text("utf-8"))


@cache
def validator(name: str = "pack") -> Validator:
    """The shipped schema ``name`` compiled once (milliseconds a pack, no jsonschema)."""
    return Validator(schema(name))


def parse_text(text: str | bytes, what: str = "pack") -> Any:
    """JSON text -> value, refusing what is too big, not UTF-8 (or starts with a BOM), not
    JSON, repeats a key, holds NaN or a lone surrogate, or is too deeply nested."""
    return parse_json(text, name=f"The {what}", max_bytes=MAX_BYTES, max_depth=MAX_DEPTH)


def read_bytes(path: str | Path, what: str = "pack") -> bytes:
    """A file's bytes, refusing a missing file or one over the size limit before reading."""
    return read_limited(path, what=what, max_bytes=MAX_BYTES)


def read_json(path: str | Path, what: str = "pack") -> Any:
    """Read a JSON file defensively (see :func:`casekit.inputs.jsonfile.parse_json`)."""
    return parse_json(
        read_bytes(path, what), name=str(path), max_bytes=MAX_BYTES, max_depth=MAX_DEPTH
    )


def schema_problems(value: Any, name: str = "pack") -> list[Problem]:
    """What the shipped schema ``name`` finds wrong with ``value``, in document order."""
    return validator(name).problems(value)


_ISO_DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})")


def date_problems(pack: dict[str, Any]) -> list[Problem]:
    """Dates of the right shape that are no date (``2026-02-30``): the schema's patterns
    cannot tell, and such a case could never be logged."""
    found: list[Problem] = []

    def check(value: Any, where: str) -> None:
        match = _ISO_DAY.match(value) if isinstance(value, str) else None
        why = why_not_a_day(*(int(g) for g in match.groups())) if match else None
        if why:
            found.append(Problem(where, f"{value!r} is not a real date: {why}"))

    check(pack.get("start"), "$.start")
    election = pack.get("pre_election")
    if isinstance(election, dict):
        check(election.get("start"), "$.pre_election.start")
        check(election.get("end"), "$.pre_election.end")
    cases = pack.get("cases")
    for c, case in enumerate(cases if isinstance(cases, list) else []):
        if not isinstance(case, dict):
            continue
        check(case.get("received_at"), f"$.cases[{c}].received_at")
        records = case.get("records")
        for r, record in enumerate(records if isinstance(records, list) else []):
            if isinstance(record, dict):
                check(record.get("as_of"), f"$.cases[{c}].records[{r}].as_of")
    return found


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
    problems = schema_problems(value, "pack") + date_problems(value)
    # When the shape is too broken to cross-check, the schema problems say why.
    with contextlib.suppress(KeyError, TypeError, AttributeError, IndexError):
        problems += semantic_problems(value)
    return problems


def validate_key(value: Any) -> list[Problem]:
    """A key's problems: its schema's, then its expectation language's (only once the
    shape is sound enough to read)."""
    from casekit.scenarios.key_language import expectation_problems

    if not isinstance(value, dict):
        return [Problem("$", f"an answer key is a JSON object, not {type(value).__name__}")]
    return schema_problems(value, "answer-key") or expectation_problems(value)


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
    return pack_from_bytes(read_bytes(path, "pack"), path)


# The digests of the last few packs found sound: 'casekit new --pack' reads the pack, then
# loads the same bytes into the workspace, and need not check them twice.
_SOUND: dict[str, None] = {}


def pack_from_bytes(raw: bytes, path: str | Path) -> dict[str, Any]:
    """A pack's bytes parsed and validated (each distinct content checked once a process)."""
    value = parse_json(raw, name=str(path), max_bytes=MAX_BYTES, max_depth=MAX_DEPTH)
    digest = hashlib.sha256(raw).hexdigest()
    if digest in _SOUND:
        return value
    problems = validate_pack(value)
    if problems:
        raise refusal(problems, path, "pack")
    _SOUND[digest] = None
    while len(_SOUND) > 8:
        del _SOUND[next(iter(_SOUND))]
    return value


def read_key(path: str | Path) -> dict[str, Any]:
    value = read_json(path, "answer key")
    problems = validate_key(value)
    if problems:
        raise refusal(problems, path, "answer key")
    return value
