"""Reading JSON from a file nobody vouches for (scenario packs, answer keys).

Python's ``json`` module is lenient where casekit must not be: it takes the last of two
equal keys, accepts ``NaN`` and ``Infinity``, turns ``1e400`` into infinity, keeps a lone
surrogate escape (``"\\ud800"``) that no UTF-8 file or SQLite text can hold, and a
byte-order mark makes every later read fail. Each of those once passed validation here and
broke a workspace later, so this reader refuses them all at the door, every refusal a
:class:`CasekitError` naming the file and the line or JSON path.
"""

from __future__ import annotations

import json
import math
import re
from pathlib import Path
from typing import Any

from casekit.errors import CasekitError
from casekit.inputs.problems import Problem, problems_error

MAX_BYTES = 20 * 1024 * 1024
MAX_DEPTH = 32
RULE = "untrusted-json"
SOURCE = "RFC 8259 (JSON), UTF-8 only, each key once; casekit's limits on files it did not write"
ADVICE = "Check the file is the one you meant, or make it again with casekit."

_BOMS = {
    b"\xef\xbb\xbf": "starts with a byte order mark (BOM); save it as UTF-8 without a BOM",
    b"\xff\xfe": "is UTF-16 text, not UTF-8; save it as UTF-8",
    b"\xfe\xff": "is UTF-16 text, not UTF-8; save it as UTF-8",
}
# A surrogate can only reach a parsed string through a \uD800-\uDFFF escape (or a Python
# str handed in directly), so most files skip the search for lone ones.
_MAYBE_SURROGATE = re.compile(r"\\u[dD][89a-fA-F]|[\ud800-\udfff]")
_SURROGATE = re.compile(r"[\ud800-\udfff]")
_SIMPLE_KEY = re.compile(r"^[A-Za-z_][A-Za-z0-9_-]*$")


class _Constant:
    """Stands in for ``NaN``, ``Infinity`` or a number too big for a float, so the walk
    can say where it was."""

    def __init__(self, text: str) -> None:
        self.text = text


class _Repeated(dict):  # type: ignore[type-arg]
    """An object in which some key appeared more than once."""

    repeated: list[str]


def _pairs(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    value = dict(pairs)
    if len(value) == len(pairs):
        return value
    seen: set[str] = set()
    flagged = _Repeated(pairs)
    flagged.repeated = []
    for key, _ in pairs:
        if key in seen:
            flagged.repeated.append(key)
        seen.add(key)
    return flagged


def _float(text: str) -> float | _Constant:
    number = float(text)
    return number if math.isfinite(number) else _Constant(text)


def json_path(parts: tuple[Any, ...]) -> str:
    """``("cases", 0, "id")`` -> ``$.cases[0].id`` (odd keys quoted: ``$["a b"]``)."""
    text = "$"
    for part in parts:
        if isinstance(part, int):
            text += f"[{part}]"
        elif _SIMPLE_KEY.match(part):
            text += f".{part}"
        else:
            text += f"[{json.dumps(part, ensure_ascii=True)}]"
    return text


def _fail(name: str, problem: str, field: str) -> CasekitError:
    return CasekitError(f"{name} {problem}.", rule=RULE, source=SOURCE, advice=ADVICE, field=field)


def _text(data: bytes | str, name: str, max_bytes: int) -> str:
    """The document as text: within the size limit, UTF-8, no byte-order mark."""
    size = len(data) if isinstance(data, bytes) else len(data.encode("utf-8", "surrogatepass"))
    if size > max_bytes:
        raise _fail(name, f"is {size:,} bytes; the limit is {max_bytes:,}", "size")
    if isinstance(data, str):
        if data.startswith("\ufeff"):
            raise _fail(name, _BOMS[b"\xef\xbb\xbf"], "encoding")
        return data
    for mark, problem in _BOMS.items():
        if data.startswith(mark):
            raise _fail(name, problem, "encoding")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as err:
        line = data.count(b"\n", 0, err.start) + 1
        byte = data[err.start : err.start + 1].hex()
        raise _fail(
            name,
            f"is not valid JSON: it is not UTF-8 text (byte 0x{byte} on line {line})",
            "encoding",
        ) from None


def parse_json(
    data: bytes | str,
    *,
    name: str = "The file",
    max_bytes: int = MAX_BYTES,
    max_depth: int = MAX_DEPTH,
) -> Any:
    """Parse an untrusted JSON document strictly.

    Parameters
    ----------
    data:
        The document, as bytes (must be UTF-8) or text.
    name:
        How messages name the document, e.g. ``"pack.json"`` or ``"The pack"``.
    max_bytes, max_depth:
        Refuse anything bigger or more deeply nested (a hostile file must not exhaust
        memory or the stack).

    Returns
    -------
    The parsed value. Raises :class:`CasekitError` (field: where it failed) for a file that
    is too big, not UTF-8, starts with a BOM, is not JSON, repeats a key in an object, holds
    ``NaN``/``Infinity``/an out-of-range number or a lone surrogate, or nests too deeply.
    """
    text = _text(data, name, max_bytes)
    try:
        value = json.loads(
            text, object_pairs_hook=_pairs, parse_constant=_Constant, parse_float=_float
        )
    except json.JSONDecodeError as err:
        raise _fail(
            name,
            f"is not valid JSON: {err.msg} (line {err.lineno}, column {err.colno})",
            f"line {err.lineno}",
        ) from None
    except RecursionError:
        raise _fail(name, f"is nested more than {max_depth} levels deep", "depth") from None
    except ValueError as err:  # e.g. an integer longer than Python converts
        raise _fail(name, f"is not valid JSON ({err})", "number") from None
    problems = _walk(value, max_depth, bool(_MAYBE_SURROGATE.search(text)))
    if problems:
        if problems[0].message.startswith("is nested"):
            raise _fail(name, problems[0].message, "depth")
        raise problems_error(
            problems,
            title=f"{name} (JSON)",
            rule=RULE,
            source=SOURCE,
            advice=ADVICE,
        )
    return value


def _walk(value: Any, max_depth: int, surrogates: bool) -> list[Problem]:
    """Depth, repeated keys, non-numbers and lone surrogates, in document order, without
    recursion."""
    problems: list[Problem] = []
    stack: list[tuple[Any, int, tuple[Any, ...]]] = [(value, 1, ())]
    while stack:
        item, depth, parts = stack.pop()
        if depth > max_depth:
            return [Problem(json_path(parts), f"is nested more than {max_depth} levels deep")]
        kind = type(item)
        if kind is dict or kind is _Repeated:
            if kind is _Repeated:
                for key in dict.fromkeys(item.repeated):
                    problems.append(
                        Problem(
                            json_path(parts),
                            f"the key {key!r} appears more than once in this object "
                            "(JSON allows each key once)",
                        )
                    )
            for key, child in reversed(item.items()):
                if surrogates and _SURROGATE.search(key):
                    problems.append(Problem(json_path(parts), _surrogate_message("a key")))
                stack.append((child, depth + 1, (*parts, key)))
        elif kind is list:
            for index in range(len(item) - 1, -1, -1):
                stack.append((item[index], depth + 1, (*parts, index)))
        elif kind is str:
            if surrogates and _SURROGATE.search(item):
                problems.append(Problem(json_path(parts), _surrogate_message("the text")))
        elif kind is _Constant:
            problems.append(
                Problem(
                    json_path(parts),
                    f"{item.text} is not a number JSON allows (no NaN, Infinity or "
                    "numbers beyond a float's range)",
                )
            )
    return problems


def _surrogate_message(what: str) -> str:
    return (
        f"{what} holds a lone surrogate escape (\\ud800-\\udfff), which is not a character "
        "and cannot be stored"
    )


def read_json(
    path: str | Path,
    *,
    what: str = "file",
    max_bytes: int = MAX_BYTES,
    max_depth: int = MAX_DEPTH,
) -> Any:
    """Read and strictly parse the JSON file at ``path`` (see :func:`parse_json`).

    Parameters
    ----------
    path:
        The file. A missing file, a folder, or one over ``max_bytes`` is refused before
        anything is read.
    what:
        What the file should be (``"pack"``, ``"answer key"``), for the messages.
    """
    return parse_json(
        read_limited(path, what=what, max_bytes=max_bytes),
        name=str(path),
        max_bytes=max_bytes,
        max_depth=max_depth,
    )


def read_limited(path: str | Path, *, what: str = "file", max_bytes: int = MAX_BYTES) -> bytes:
    """A file's bytes, refusing a missing file or one over the size limit before reading."""
    path = Path(path)
    try:
        if not path.is_file():
            raise CasekitError(
                f"There is no {what} file at {path}.", rule=RULE, field=what, advice=ADVICE
            )
        size = path.stat().st_size
        if size > max_bytes:
            raise _fail(str(path), f"is {size:,} bytes; the limit is {max_bytes:,}", "size")
        data = path.read_bytes()
    except OSError as err:
        raise _fail(str(path), f"cannot be read ({err.strerror or err})", what) from None
    if len(data) > max_bytes:  # it grew while we looked
        raise _fail(str(path), f"is over the limit of {max_bytes:,} bytes", "size")
    return data
