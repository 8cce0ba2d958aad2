"""Reading a data file a centre may edit: parse, check against its schema and the rules a
schema cannot express, and report every problem at once.

``read_data("criteria")`` returns the packaged criteria catalogue's TOML, checked;
``read_data("criteria", path)`` a centre's own. A file with problems raises one
:class:`CasekitError` listing them all, each with its dotted field, its rule the kind's
format rule. :func:`check_file` gives the problems as a list instead (for
``casekit check-data``), and never raises for a broken file.
"""

from __future__ import annotations

import contextlib
import tomllib
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from casekit.errors import CasekitError
from casekit.inputs.problems import Problem, problems_error
from casekit.rules.datafiles.context import Context
from casekit.rules.datafiles.kinds import DATA_DIR, KINDS, DataKind, kind_named
from casekit.rules.datafiles.schema import load_schema


def read_toml(file: Path, what: str, *, rule: str, source: str) -> dict[str, Any]:
    """The parsed TOML of ``file``, the ``what`` (e.g. "criteria catalogue") it holds.

    Raises :class:`CasekitError` naming the file when it is missing (field ``path``),
    unreadable or not valid TOML (field ``file``).
    """
    try:
        text = file.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise CasekitError(
            f"There is no {what} at {file}.",
            rule=rule,
            source=source,
            field="path",
            advice="Check the path, or leave it out to use the packaged file.",
        ) from None
    except (OSError, UnicodeDecodeError) as err:
        raise CasekitError(
            f"{file}: the {what} cannot be read ({err}).", rule=rule, source=source, field="file"
        ) from None
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as err:
        raise CasekitError(
            f"{file}: the {what} is not valid TOML ({err}).",
            rule=rule,
            source=source,
            field="file",
            advice="Fix the line named; a TOML checker shows the exact place.",
        ) from None


def validate(
    kind: str | DataKind,
    data: Any,
    *,
    origin: str | Path = "",
    context: Context | None = None,
) -> list[Problem]:
    """Every problem with already-parsed ``data`` of this kind: schema, then meaning.

    Parameters
    ----------
    kind:
        A kind name (``"criteria"``) or a :class:`DataKind`.
    data:
        The parsed file (a TOML document: a dict).
    origin:
        Where the data came from, for checks that look beside it (a template's logo).
    context:
        The other files this one refers to (criteria, categories, event kinds); the
        packaged ones by default.
    """
    spec = kind_named(kind) if isinstance(kind, str) else kind
    found = load_schema(DATA_DIR / spec.schema).problems(data)
    checker = spec.semantic_checker()
    if checker is not None:
        ctx = context or Context()
        if found:
            # The shape is wrong somewhere: check meaning where it can be read, and let the
            # schema's problems explain the rest.
            with contextlib.suppress(KeyError, TypeError, AttributeError, IndexError, ValueError):
                checker(data, found, ctx, Path(origin) if origin else None)
        else:
            checker(data, found, ctx, Path(origin) if origin else None)
    return found


def data_error(kind: str | DataKind, problems: list[Problem], origin: str | Path) -> CasekitError:
    """The one error a user sees for a data file with problems: every problem listed, with
    the file, and ``field`` set to the first problem's dotted field."""
    spec = kind_named(kind) if isinstance(kind, str) else kind
    return problems_error(
        problems,
        title=f"{origin}: the {spec.what}",
        rule=spec.rule,
        source=f"the {spec.what} format ({spec.schema} beside the packaged file)",
        advice=(
            f"Correct the fields listed (the packaged {spec.example} shows each field with a "
            f"comment), then run 'casekit check-data {origin}'."
        ),
    )


def read_data(
    kind: str | DataKind,
    path: str | Path | None = None,
    *,
    context: Context | None = None,
) -> dict[str, Any]:
    """The checked content of a data file (the packaged one when ``path`` is None).

    Raises :class:`CasekitError`: the file is missing or not TOML, or it has problems
    (all of them listed, see :func:`data_error`).
    """
    spec = kind_named(kind) if isinstance(kind, str) else kind
    file = Path(path) if path is not None else spec.packaged()[0]
    data = read_toml(file, spec.what, rule=spec.rule, source=f"the {spec.what} format")
    data = spec.prepare(file, data)
    problems = validate(spec, data, origin=file, context=context)
    if problems:
        raise data_error(spec, problems, file)
    return data


def parse_file(file: Path) -> tuple[dict[str, Any] | None, list[Problem]]:
    """A file's TOML, or the problem that stops it being read (never raises)."""
    try:
        text = file.read_text(encoding="utf-8")
    except FileNotFoundError:
        return None, [Problem("", "there is no such file", str(file))]
    except UnicodeDecodeError as err:
        return None, [Problem("", f"is not UTF-8 text ({err.reason} at byte {err.start})")]
    except OSError as err:
        return None, [Problem("", f"cannot be read ({err.strerror or err})")]
    try:
        return tomllib.loads(text), []
    except tomllib.TOMLDecodeError as err:
        return None, [Problem("", f"is not valid TOML: {err}")]


def kind_of(file: Path, data: Mapping[str, Any] | None) -> DataKind | None:
    """Which kind of data file this is: by its name (``criteria.toml``), else by content."""
    for spec in KINDS:
        if file.name in spec.names:
            return spec
    if data is None:
        return None
    best = [spec for spec in KINDS if spec.looks_like(data)]
    return best[0] if len(best) == 1 else None


def check_file(
    path: str | Path, kind: str | None = None, *, context: Context | None = None
) -> tuple[DataKind | None, list[Problem]]:
    """The kind of a data file and every problem with it (empty when it is sound).

    A file that cannot be read, parsed or recognised is one problem, never an exception.
    """
    file = Path(path)
    data, problems = parse_file(file)
    try:
        spec = kind_named(kind) if kind else kind_of(file, data)
    except CasekitError as err:
        return None, [Problem("", err.message)]
    if problems or data is None:
        return spec, problems
    if spec is None:
        names = ", ".join(k.name for k in KINDS)
        return None, [Problem("", f"is not a kind of file casekit knows; give --kind ({names})")]
    try:
        data = spec.prepare(file, data)
    except CasekitError as err:
        return spec, [Problem(err.field or "", err.message)]
    return spec, validate(spec, data, origin=file, context=context)


def packaged_files() -> list[tuple[DataKind, Path]]:
    """Every data file casekit ships, with its kind, in a fixed order."""
    return [(spec, file) for spec in KINDS for file in spec.packaged()]
