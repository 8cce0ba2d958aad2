"""The event catalogue: every kind of event the log can hold, as data.

Each kind's fields, which of them are personal, whether it belongs to a case, who causes
it and its one-line summary live in ``casekit/data/events.toml``, so nothing about an
event is spelt twice. The workspace refuses to append an unknown kind or an event missing
a required field, and the projection refuses to fold a kind it has no handler for:
a misspelt kind fails loudly instead of vanishing.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from casekit.errors import CasekitError
from casekit.rules.datafiles import DATA_DIR, read_toml

CATALOGUE_PATH = DATA_DIR / "events.toml"
GROUPS = ("workspace", "simulation", "casework", "clocks", "drafting", "closing", "portfolio")
GROUPS += ("retention",)
ACTORS = ("learner", "member", "constituent", "colleague", "simulation", "system")
CASE_RULES = (True, False, "optional")
_KEYS = {"group", "actors", "case", "fields", "optional", "personal", "personal_optional"}
_KEYS |= {"summary", "about"}
_PLACEHOLDER = re.compile(r"\{([a-z_]+)((?:\|[a-z]+(?::[^}|]*)?)*)\}")
FILTERS = ("label", "lower", "upper", "date", "count", "if")
ERASED_TEXT = "[removed]"


@dataclass(frozen=True)
class EventKind:
    """What the catalogue says about one kind of event."""

    kind: str
    group: str
    actors: tuple[str, ...]
    case: bool | str  # True: always a case's; False: never; "optional"
    fields: tuple[str, ...]
    optional: tuple[str, ...]
    personal: tuple[str, ...]
    personal_optional: tuple[str, ...]
    summary: str
    about: str

    @property
    def known_data(self) -> frozenset[str]:
        return frozenset(self.fields + self.optional)

    @property
    def known_personal(self) -> frozenset[str]:
        return frozenset(self.personal + self.personal_optional)


class Catalogue:
    """The kinds of event, read once from the catalogue file."""

    def __init__(self, kinds: Mapping[str, EventKind]) -> None:
        self.kinds = dict(kinds)

    def __contains__(self, kind: object) -> bool:
        return kind in self.kinds

    def __iter__(self) -> Iterable[str]:
        return iter(self.kinds)

    def __getitem__(self, kind: str) -> EventKind:
        try:
            return self.kinds[kind]
        except KeyError:
            raise unknown_kind(kind) from None

    def in_group(self, *groups: str) -> list[str]:
        return [k for k, spec in self.kinds.items() if spec.group in groups]

    def check(
        self,
        kind: str,
        data: Mapping[str, Any],
        personal: Mapping[str, Any] | None,
        case: str | None,
        actor: str,
    ) -> None:
        """Refuse an event the catalogue does not describe: an unknown kind, a missing
        required field, a field it does not know, or a case where none belongs."""
        spec = self[kind]
        personal = personal or {}
        problems = [f"it has no '{name}'" for name in spec.fields if name not in data]
        problems += [f"it has no personal value '{n}'" for n in spec.personal if n not in personal]
        problems += [
            f"'{name}' is not a field of this kind" for name in data if name not in spec.known_data
        ]
        problems += [
            f"'{name}' is not a personal value of this kind"
            for name in personal
            if name not in spec.known_personal
        ]
        if spec.case is True and not case:
            problems.append("it belongs to a case but names none")
        if spec.case is False and case:
            problems.append("it names a case, but this kind belongs to none")
        if actor not in spec.actors:
            problems.append(f"'{actor}' cannot cause it (only {', '.join(spec.actors)})")
        if problems:
            raise CasekitError(
                f"casekit cannot record this '{kind}' event: {'; '.join(problems)}.",
                rule="event-catalogue",
                source="casekit event catalogue",
                advice="This is a fault in casekit or in a file it was given; nothing was "
                "written. Tell your tutor what you were doing.",
                field=kind,
            )

    def summary(self, kind: str, data: Mapping[str, Any], personal: Mapping[str, Any]) -> str:
        """The kind's one-line summary filled in from the event's values."""
        spec = self.kinds.get(kind)
        if spec is None:
            return kind.replace("_", " ")
        return _fill(spec.summary, data, personal)


def unknown_kind(kind: Any) -> CasekitError:
    return CasekitError(
        f"casekit does not know events of the kind '{kind}'.",
        rule="event-catalogue",
        source="casekit event catalogue",
        advice="The workspace may have been made by a newer casekit, or the event was "
        "misspelt; nothing was written.",
        field="kind",
    )


def _labels(name: str) -> Mapping[str, str]:
    from casekit.rules import vocabulary

    tables = {
        "case_kind": vocabulary.CASE_KINDS,
        "category": vocabulary.CATEGORIES,
        "channel": vocabulary.CHANNELS,
        "direction": vocabulary.DIRECTIONS,
        "result": vocabulary.VERIFICATION_RESULTS,
        "stakeholder": vocabulary.STAKEHOLDERS,
        "outcome": vocabulary.STATUTORY_OUTCOMES,
        "route": vocabulary.APPROVAL_ROUTES,
    }
    return tables.get(name, {})


def _apply(name: str, value: Any, filters: str) -> str:
    for part in filter(None, filters.split("|")):
        flt, _, arg = part.partition(":")
        if flt == "if":
            value = arg if value else ""
        elif flt == "count":
            value = len(value) if isinstance(value, list | tuple | dict) else 0
        elif flt == "label":
            value = _labels(name).get(str(value), value)
        elif flt == "lower":
            value = str(value).lower()
        elif flt == "upper":
            value = str(value).upper()
        elif flt == "date":
            value = str(value)[:10]
    return "" if value is None else str(value)


def _fill(template: str, data: Mapping[str, Any], personal: Mapping[str, Any]) -> str:
    def one(match: re.Match[str]) -> str:
        name, filters = match.group(1), match.group(2)
        if name in personal:
            value = personal[name]
        elif name in data:
            value = data[name]
        else:
            value = ERASED_TEXT if "if:" not in filters and "count" not in filters else None
        return _apply(name, value, filters)

    return " ".join(_PLACEHOLDER.sub(one, template).split())


def parse_catalogue(raw: Mapping[str, Any], origin: str = "events.toml") -> Catalogue:
    """Check every kind's entry and build the catalogue; every problem is reported at once."""
    problems: list[str] = []
    kinds: dict[str, EventKind] = {}

    def strings(entry: Mapping[str, Any], key: str, where: str) -> tuple[str, ...]:
        value = entry.get(key, [])
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            problems.append(f"{where}.{key} must be a list of names")
            return ()
        return tuple(value)

    for kind, entry in raw.items():
        where = kind
        if not re.fullmatch(r"[a-z][a-z_]*", kind) or not isinstance(entry, Mapping):
            problems.append(f"{where} must be a table named in lower_case_with_underscores")
            continue
        problems += [
            f"{where}.{key} is not a catalogue setting" for key in entry if key not in _KEYS
        ]
        group = entry.get("group")
        if group not in GROUPS:
            problems.append(f"{where}.group must be one of {', '.join(GROUPS)}")
        actors = strings(entry, "actors", where)
        problems += [f"{where}.actors names unknown actor '{a}'" for a in actors if a not in ACTORS]
        if not actors:
            problems.append(f"{where}.actors must name who causes it")
        case = entry.get("case")
        if case not in CASE_RULES or (isinstance(case, int) and not isinstance(case, bool)):
            problems.append(f'{where}.case must be true, false or "optional"')
        lists = {
            k: strings(entry, k, where)
            for k in sorted(_KEYS - {"group", "actors", "case"})
            if k not in ("summary", "about")
        }
        for key in ("summary", "about"):
            if not isinstance(entry.get(key), str) or not entry[key].strip():
                problems.append(f"{where}.{key} must be text")
        summary = str(entry.get("summary", ""))
        known = set(lists["fields"] + lists["optional"] + lists["personal"])
        known |= set(lists["personal_optional"])
        for match in _PLACEHOLDER.finditer(summary):
            if match.group(1) not in known:
                problems.append(f"{where}.summary uses '{match.group(1)}', not a field of it")
            for part in filter(None, match.group(2).split("|")):
                if part.partition(":")[0] not in FILTERS:
                    problems.append(f"{where}.summary uses unknown filter '{part}'")
        kinds[kind] = EventKind(
            kind=kind,
            group=str(group),
            actors=actors,
            case=case if case in CASE_RULES else True,
            fields=lists["fields"],
            optional=lists["optional"],
            personal=lists["personal"],
            personal_optional=lists["personal_optional"],
            summary=summary,
            about=str(entry.get("about", "")),
        )
    if problems:
        raise CasekitError(
            f"{origin}: the event catalogue has problems: " + "; ".join(problems) + ".",
            rule="event-catalogue",
            source="casekit event catalogue",
            field=origin,
        )
    return Catalogue(kinds)


@functools.cache
def catalogue() -> Catalogue:
    """The packaged catalogue, read and checked once per process."""
    raw = read_toml(CATALOGUE_PATH, "event catalogue", rule="event-catalogue", source="casekit")
    return parse_catalogue(raw, CATALOGUE_PATH.name)
