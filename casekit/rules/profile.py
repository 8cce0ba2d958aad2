"""Load and validate a protocol profile: a council's casework rules as a TOML file.

Every number, source and wording the kit applies lives in a profile
(``casekit/data/profiles/<name>.toml``) so that a centre or council can edit its own rules
without touching code. A typo in a profile must not pass silently, so the loader checks
every field, collects *all* problems and reports them together, each with the file and
the dotted field name (``service_levels.member_enquiry.respond_wd``).
"""

from __future__ import annotations

import difflib
import hashlib
import re
import string
import threading
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from casekit.errors import CasekitError
from casekit.rules.datafiles import DATA_DIR

PROFILES_DIR = DATA_DIR / "profiles"

RECEIPT_RULES = ("next_working_day", "same_day")
STATUTORY_CALENDARS = ("UK", "subdivision")
# Clock rules (casework-rules.md sections 2-3): what a response is counted from, what a
# stopped clock waits for, how a pause is counted, and what an extension asked after its
# deadline or notice window does.
COUNTED_FROM = ("receipt", "acknowledgement")
AWAITING = ("clarification", "identity", "fee", "consent", "other")
PAUSE_UNITS = ("working_days", "calendar_days")
LATE_EXTENSION = ("record_late", "refuse")
# The subdivisions of the United Kingdom known to the ``holidays`` package.
UK_SUBDIVISIONS = ("ENG", "NIR", "SCT", "WLS")

_NAME = re.compile(r"^[a-z0-9][a-z0-9_-]*$")
_SECTIONS = (
    "profile",
    "calendar",
    "service_levels",
    "statutory",
    "pre_election",
    "retention",
    "rules",
    "escalation",
    "tiers",
    "drafting",
)


# --------------------------------------------------------------------------- the profile


@dataclass(frozen=True)
class CalendarSettings:
    """Which bank holidays count, and how a request received on a non-working day counts."""

    subdivision: str
    receipt_on_non_working_day: str


@dataclass(frozen=True)
class ServiceLevel:
    """The council's own targets for one kind of case (member enquiry, complaint...)."""

    id: str
    acknowledge_wd: int
    respond_wd: int
    holding_reply_before_deadline: bool
    keep_open_after_reply_wd: int
    escalate_missed_deadline_to: str
    source: str
    max_extension_wd: int | None = None  # None: no limit set by the protocol
    holding_reply_within_wd: int = 1
    label: str = ""  # how forms name it; by default the key with spaces
    respond_counted_from: str = "receipt"  # or "acknowledgement" (Complaint Handling Code)
    extension_after_deadline: str = "record_late"  # or "refuse"


@dataclass(frozen=True)
class StatutoryClock:
    """A clock set by law (FOI, EIR, subject access): counted in working days or months."""

    id: str
    label: str
    calendar: str
    source: str
    working_days: int | None = None
    calendar_months: int | None = None
    max_extension_wd: int | None = None
    max_extension_months: int | None = None
    receipt_on_non_working_day: str = ""  # "" takes [calendar]'s rule
    counting_source: str = ""
    restart_on: tuple[str, ...] = ()  # what a stopped clock restarts afresh on (clarification)
    pause_unit: str = "working_days"
    pause_includes_day_asked: bool = False
    pause_source: str = ""
    extension_source: str = ""
    extension_after_deadline: str = "refuse"

    @property
    def unit(self) -> str:
        """``"working_days"`` or ``"months"``: how this clock is counted."""
        return "months" if self.calendar_months is not None else "working_days"


@dataclass(frozen=True)
class PreElection:
    """The pre-election period: from the notice of election to the close of poll."""

    notice_wd_before_poll: int
    source: str
    notice_of_election: date | None = None  # the date published, when the council knows it


@dataclass(frozen=True)
class Retention:
    """How long casework personal data is kept after closure before it is anonymised."""

    anonymise_after_closure_days: int
    source: str


class _KeepMissing(dict):
    """Format values that leave an unknown ``{placeholder}`` visible instead of failing."""

    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


@dataclass(frozen=True)
class Rule:
    """A guard's refusal, as data: what was refused, the rule's source, what to do instead."""

    id: str
    source: str
    message: str
    advice: str

    def error(self, *, field: str | None = None, **values: Any) -> CasekitError:
        """The :class:`CasekitError` for this rule, with ``{placeholders}`` filled in.

        A placeholder with no value is left as written, so a guard that forgets a value
        still refuses with a readable message rather than crashing.
        """
        fmt = _KeepMissing({k: str(v) for k, v in values.items()})
        return CasekitError(
            self.message.format_map(fmt),
            rule=self.id,
            source=self.source.format_map(fmt),
            advice=self.advice.format_map(fmt),
            field=field,
        )


@dataclass(frozen=True)
class EscalationRoute:
    """Where a trigger (safeguarding, a threat, a hidden FOI request...) must go, and when."""

    id: str
    trigger: str
    route: str
    when: str
    same_day: bool
    source: str


@dataclass(frozen=True, eq=False)
class Profile:
    """A validated protocol profile. Load it with :func:`load_profile`; never mutate it."""

    id: str
    name: str
    description: str
    path: Path
    digest: str  # sha256 of the file: evidence can say exactly which rules applied
    calendar: CalendarSettings
    service_levels: dict[str, ServiceLevel]
    statutory: dict[str, StatutoryClock]
    pre_election: PreElection
    retention: Retention
    rules: dict[str, Rule]
    escalations: list[EscalationRoute]
    tiers: dict[str, list[str]]
    drafting: dict[str, dict[str, Any]] = field(default_factory=dict)

    def _missing(self, what: str, key: str, known: Any, section: str) -> CasekitError:
        return CasekitError(
            f"The protocol profile {self.path} has no {what} {key!r} "
            f"(it has: {', '.join(sorted(known)) or 'none'}).",
            rule="profile-lookup",
            advice=f"Choose one of those, or add [{section}] to the profile.",
            field=key,
        )

    def rule(self, rule_id: str) -> Rule:
        """The rule ``rule_id``; a clear error naming the file when the profile lacks it."""
        try:
            return self.rules[rule_id]
        except KeyError:
            raise self._missing("rule", rule_id, self.rules, f"rules.{rule_id}") from None

    def service_level(self, case_kind: str) -> ServiceLevel:
        """The service level for a kind of case (``member_enquiry``, ``complaint``...)."""
        try:
            return self.service_levels[case_kind]
        except KeyError:
            raise self._missing(
                "service level for", case_kind, self.service_levels, f"service_levels.{case_kind}"
            ) from None

    def statutory_clock(self, clock_id: str) -> StatutoryClock:
        """The statutory clock ``clock_id`` (``foi``, ``eir``, ``sar``...)."""
        try:
            return self.statutory[clock_id]
        except KeyError:
            raise self._missing(
                "statutory clock", clock_id, self.statutory, f"statutory.{clock_id}"
            ) from None

    def escalation(self, route_id: str) -> EscalationRoute:
        """The escalation route ``route_id`` (``adult-safeguarding``, ``missed-deadline``...)."""
        for route in self.escalations:
            if route.id == route_id:
                return route
        raise self._missing(
            "escalation route", route_id, [r.id for r in self.escalations], "[escalation]]"
        )

    def tier_of(self, category: str) -> str | None:
        """Which tier of local government owns a case category, or None when none is set."""
        for tier, categories in self.tiers.items():
            if category in categories:
                return tier
        return None


# --------------------------------------------------------------------------- validation


_TYPE_NAMES = {
    str: "text",
    int: "a whole number",
    float: "a number",
    bool: "true or false",
    list: "a list",
    dict: "a table",
}


def _describe(value: Any) -> str:
    name = _TYPE_NAMES.get(type(value), type(value).__name__)
    shown = repr(value)
    if len(shown) > 40:
        shown = shown[:37] + "..."
    return f"{shown} ({name})"


class _Problems:
    """Every problem found in one profile file, reported together."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.items: list[tuple[str, str]] = []

    def add(self, where: str, what: str) -> None:
        self.items.append((where, what))

    def raise_if_any(self) -> None:
        if not self.items:
            return
        count = len(self.items)
        lines = "\n".join(f"  - {where or '(file)'}: {what}" for where, what in self.items)
        raise CasekitError(
            f"The protocol profile {self.path} has {count} problem{'s' * (count != 1)}:\n{lines}\n",
            rule="profile-schema",
            advice=(
                f"Fix the fields listed in {self.path}; "
                f"{PROFILES_DIR / 'default.toml'} shows every field with a comment."
            ),
            field=self.items[0][0] or None,
        )


_MISSING = object()


class _Table:
    """Reads one TOML table field by field, remembering which keys were used."""

    def __init__(self, data: Any, where: str, problems: _Problems) -> None:
        self.where = where
        self.problems = problems
        self.used: set[str] = set()
        if isinstance(data, dict):
            self.data: dict[str, Any] = data
        else:
            if data is not _MISSING:
                problems.add(where, f"must be a table, got {_describe(data)}")
            self.data = {}

    def at(self, key: str) -> str:
        return f"{self.where}.{key}" if self.where else key

    def raw(self, key: str, *, required: bool = True) -> Any:
        self.used.add(key)
        if key not in self.data:
            if required:
                self.problems.add(self.at(key), "missing (required)")
            return _MISSING
        return self.data[key]

    def text(self, key: str, *, required: bool = True, choices: tuple[str, ...] = ()) -> str:
        value = self.raw(key, required=required)
        if value is _MISSING:
            return ""
        if not isinstance(value, str):
            self.problems.add(self.at(key), f"must be text, got {_describe(value)}")
            return ""
        if required and not value.strip():
            self.problems.add(self.at(key), "must not be empty")
        if choices and value not in choices:
            self.problems.add(
                self.at(key), f"unknown value {value!r}; use one of: {', '.join(choices)}"
            )
        return value

    def whole(self, key: str, *, required: bool = True, minimum: int = 0) -> int | None:
        value = self.raw(key, required=required)
        if value is _MISSING:
            return None
        if isinstance(value, bool) or not isinstance(value, int):
            self.problems.add(self.at(key), f"must be a whole number, got {_describe(value)}")
            return None
        if value < minimum:
            what = "negative" if value < 0 else f"less than {minimum}"
            self.problems.add(self.at(key), f"must not be {what} (got {value})")
            return None
        return value

    def flag(self, key: str) -> bool:
        value = self.raw(key)
        if value is _MISSING:
            return False
        if not isinstance(value, bool):
            self.problems.add(self.at(key), f"must be true or false, got {_describe(value)}")
            return False
        return value

    def texts(self, key: str) -> list[str]:
        value = self.raw(key)
        return _text_list(value, self.at(key), self.problems) if value is not _MISSING else []

    def done(self) -> None:
        """Report keys nobody asked for: in a profile, an unknown key is a typo."""
        for key in self.data:
            if key not in self.used:
                self.problems.add(self.at(key), _unknown_key(key, self.used))


def _unknown_key(key: str, known: Any) -> str:
    hint = difflib.get_close_matches(key, sorted(known), n=1)
    return "unknown key" + (f" (did you mean {hint[0]!r}?)" if hint else "")


def _text_list(value: Any, where: str, problems: _Problems) -> list[str]:
    if not isinstance(value, list):
        problems.add(where, f"must be a list of text, got {_describe(value)}")
        return []
    bad = [v for v in value if not isinstance(v, str)]
    if bad:
        problems.add(where, f"must be a list of text; {_describe(bad[0])} is not text")
        return []
    return list(value)


def _check_template(text: str, where: str, problems: _Problems) -> None:
    """A rule's wording may only use plain ``{name}`` placeholders.

    Attribute or index access (``{x.__class__}``) would let a profile reach into the
    program's objects, so it is refused along with unbalanced braces.
    """
    try:
        parsed = list(string.Formatter().parse(text))
    except ValueError as err:
        problems.add(where, f"bad placeholder: {err}")
        return
    for _, name, spec, conversion in parsed:
        if name is None:
            continue
        if not name.isidentifier() or spec or conversion:
            problems.add(where, f"placeholder {{{name}}} must be a plain name like {{clock}}")


def _name_ok(key: str, where: str, problems: _Problems) -> bool:
    if _NAME.match(key):
        return True
    problems.add(where, "name must use lower-case letters, digits, '-' or '_'")
    return False


def _read_service_level(key: str, data: Any, problems: _Problems) -> ServiceLevel:
    t = _Table(data, f"service_levels.{key}", problems)
    level = ServiceLevel(
        id=key,
        acknowledge_wd=t.whole("acknowledge_wd") or 0,
        respond_wd=t.whole("respond_wd", minimum=1) or 0,
        max_extension_wd=t.whole("max_extension_wd", required=False),
        holding_reply_before_deadline=t.flag("holding_reply_before_deadline"),
        holding_reply_within_wd=_default(t.whole("holding_reply_within_wd", required=False), 1),
        keep_open_after_reply_wd=t.whole("keep_open_after_reply_wd") or 0,
        escalate_missed_deadline_to=t.text("escalate_missed_deadline_to"),
        source=t.text("source"),
        label=t.text("label", required=False),
        respond_counted_from=t.text("respond_counted_from", required=False, choices=COUNTED_FROM)
        or "receipt",
        extension_after_deadline=t.text(
            "extension_after_deadline", required=False, choices=LATE_EXTENSION
        )
        or "record_late",
    )
    t.done()
    return level


def _default(value: int | None, default: int) -> int:
    return default if value is None else value


def _read_statutory(key: str, data: Any, problems: _Problems) -> StatutoryClock:
    t = _Table(data, f"statutory.{key}", problems)
    clock = StatutoryClock(
        id=key,
        label=t.text("label"),
        working_days=t.whole("working_days", required=False, minimum=1),
        calendar_months=t.whole("calendar_months", required=False, minimum=1),
        max_extension_wd=t.whole("max_extension_wd", required=False),
        max_extension_months=t.whole("max_extension_months", required=False),
        calendar=t.text("calendar", choices=STATUTORY_CALENDARS),
        source=t.text("source"),
        receipt_on_non_working_day=t.text(
            "receipt_on_non_working_day", required=False, choices=RECEIPT_RULES
        ),
        counting_source=t.text("counting_source", required=False),
        restart_on=tuple(_choices_list(t, "restart_on", AWAITING)),
        pause_unit=t.text("pause_unit", required=False, choices=PAUSE_UNITS) or "working_days",
        pause_includes_day_asked=t.flag("pause_includes_day_asked")
        if "pause_includes_day_asked" in t.data
        else False,
        pause_source=t.text("pause_source", required=False),
        extension_source=t.text("extension_source", required=False),
        extension_after_deadline=t.text(
            "extension_after_deadline", required=False, choices=LATE_EXTENSION
        )
        or "refuse",
    )
    given = {k for k in ("working_days", "calendar_months") if k in t.data}
    if len(given) != 1:
        problems.add(
            t.where,
            "give exactly one of working_days or calendar_months"
            + (" (both are set)" if given else " (neither is set)"),
        )
    elif "working_days" in given and "max_extension_months" in t.data:
        problems.add(t.at("max_extension_months"), "use max_extension_wd with working_days")
    elif "calendar_months" in given and "max_extension_wd" in t.data:
        problems.add(t.at("max_extension_wd"), "use max_extension_months with calendar_months")
    t.done()
    return clock


def _choices_list(t: _Table, key: str, allowed: tuple[str, ...]) -> list[str]:
    """An optional list of words, each one of ``allowed``."""
    if key not in t.data:
        t.used.add(key)
        return []
    values = t.texts(key)
    for value in values:
        if value not in allowed:
            t.problems.add(t.at(key), f"unknown value {value!r}; use any of: {', '.join(allowed)}")
    return [v for v in values if v in allowed]


def _notice_date(t: _Table) -> date | None:
    """``notice_of_election = 2026-03-27`` (a TOML date), when the council has published it."""
    value = t.raw("notice_of_election", required=False)
    if value is _MISSING:
        return None
    if isinstance(value, date) and not isinstance(value, datetime):
        return value
    t.problems.add(
        t.at("notice_of_election"), f"must be a date like 2026-03-27, got {_describe(value)}"
    )
    return None


def _read_rule(key: str, data: Any, problems: _Problems) -> Rule:
    t = _Table(data, f"rules.{key}", problems)
    rule = Rule(id=key, source=t.text("source"), message=t.text("message"), advice=t.text("advice"))
    for name in ("source", "message", "advice"):
        _check_template(getattr(rule, name), t.at(name), problems)
    t.done()
    return rule


def _read_escalations(data: Any, problems: _Problems) -> list[EscalationRoute]:
    if not isinstance(data, list):
        problems.add(
            "escalation", f"must be a list of [[escalation]] tables, got {_describe(data)}"
        )
        return []
    routes: list[EscalationRoute] = []
    seen: set[str] = set()
    for n, item in enumerate(data):
        t = _Table(item, f"escalation[{n}]", problems)
        route = EscalationRoute(
            id=t.text("id"),
            trigger=t.text("trigger"),
            route=t.text("route"),
            when=t.text("when"),
            same_day=t.flag("same_day"),
            source=t.text("source"),
        )
        t.done()
        if route.id and _name_ok(route.id, t.at("id"), problems):
            if route.id in seen:
                problems.add(t.at("id"), f"duplicate escalation id {route.id!r}")
            seen.add(route.id)
        routes.append(route)
    return routes


def _read_tiers(data: Any, problems: _Problems) -> dict[str, list[str]]:
    t = _Table(data, "tiers", problems)
    tiers: dict[str, list[str]] = {}
    owner: dict[str, str] = {}
    for tier in t.data:
        categories = t.texts(tier)
        _name_ok(tier, t.at(tier), problems)
        for category in categories:
            if category in owner:
                problems.add(
                    t.at(tier), f"category {category!r} is already in tier {owner[category]!r}"
                )
            owner[category] = tier
        tiers[tier] = categories
    return tiers


def _read_drafting(data: Any, problems: _Problems) -> dict[str, dict[str, Any]]:
    """Drafting word lists stay plain dicts: their meaning belongs to the drafting checks.

    Values may be text, a list of text, a number (kept as float) or a nested table of
    the same (``[drafting.style.messages]``); each section must cite its ``source``.
    """
    t = _Table(data, "drafting", problems)
    sections: dict[str, dict[str, Any]] = {}
    for key, section in t.data.items():
        where = t.at(key)
        _name_ok(key, where, problems)
        if not isinstance(section, dict):
            problems.add(where, f"must be a table, got {_describe(section)}")
            continue
        clean = _plain_table(section, where, problems)
        if not isinstance(clean.get("source"), str) or not clean["source"].strip():
            problems.add(f"{where}.source", "missing (required): every check cites its source")
        sections[key] = clean
    return sections


def _plain_table(section: dict[str, Any], where: str, problems: _Problems) -> dict[str, Any]:
    clean: dict[str, Any] = {}
    for name, value in section.items():
        at = f"{where}.{name}"
        if isinstance(value, str):
            clean[name] = value
        elif isinstance(value, list):
            clean[name] = _text_list(value, at, problems)
        elif isinstance(value, dict):
            clean[name] = _plain_table(value, at, problems)
        elif isinstance(value, int | float) and not isinstance(value, bool):
            clean[name] = float(value)
        else:
            problems.add(
                at, f"must be text, a list of text, a number or a table, got {_describe(value)}"
            )
    return clean


def _keyed(table: _Table, key: str, reader: Any, problems: _Problems) -> dict[str, Any]:
    """Read a table of named sub-tables (``[service_levels.<name>]``) with one reader each."""
    raw = table.raw(key)
    section = _Table(raw, key, problems)
    out: dict[str, Any] = {}
    for name, data in section.data.items():
        if _name_ok(name, section.at(name), problems):
            out[name] = reader(name, data, problems)
    if isinstance(raw, dict) and not raw:
        problems.add(key, "must define at least one entry")
    return out


def parse_profile(data: Mapping[str, Any], path: Path, digest: str = "") -> Profile:
    """Validate a parsed TOML document and build the :class:`Profile`.

    Raises :class:`CasekitError` listing every problem, each with its dotted field name.
    """
    problems = _Problems(path)
    top = _Table(dict(data), "", problems)

    head = _Table(top.raw("profile"), "profile", problems)
    profile_id = head.text("id")
    if profile_id:
        _name_ok(profile_id, "profile.id", problems)
    name, description = head.text("name"), head.text("description")
    head.done()

    cal = _Table(top.raw("calendar"), "calendar", problems)
    calendar = CalendarSettings(
        subdivision=cal.text("subdivision", choices=UK_SUBDIVISIONS),
        receipt_on_non_working_day=cal.text("receipt_on_non_working_day", choices=RECEIPT_RULES),
    )
    cal.done()

    service_levels = _keyed(top, "service_levels", _read_service_level, problems)
    statutory = _keyed(top, "statutory", _read_statutory, problems)
    rules = _keyed(top, "rules", _read_rule, problems)

    pre = _Table(top.raw("pre_election"), "pre_election", problems)
    pre_election = PreElection(
        notice_wd_before_poll=pre.whole("notice_wd_before_poll") or 0,
        source=pre.text("source"),
        notice_of_election=_notice_date(pre),
    )
    pre.done()

    ret = _Table(top.raw("retention"), "retention", problems)
    retention = Retention(
        anonymise_after_closure_days=ret.whole("anonymise_after_closure_days") or 0,
        source=ret.text("source"),
    )
    ret.done()

    escalation_data = top.raw("escalation")
    escalations = (
        [] if escalation_data is _MISSING else _read_escalations(escalation_data, problems)
    )
    tiers = _read_tiers(top.raw("tiers"), problems)
    drafting = _read_drafting(top.raw("drafting"), problems)
    top.done()
    problems.raise_if_any()
    return Profile(
        id=profile_id,
        name=name,
        description=description,
        path=path,
        digest=digest,
        calendar=calendar,
        service_levels=service_levels,
        statutory=statutory,
        pre_election=pre_election,
        retention=retention,
        rules=rules,
        escalations=escalations,
        tiers=tiers,
        drafting=drafting,
    )


# --------------------------------------------------------------------------- loading

_cache: dict[Path, tuple[list[Path], tuple[tuple[int, int], ...], Profile]] = {}
_cache_lock = threading.Lock()


def profile_path(name_or_path: str | Path = "default") -> Path:
    """Where a profile lives: a bare name is a shipped profile, anything else a file path."""
    if isinstance(name_or_path, str) and _NAME.match(name_or_path):
        path = PROFILES_DIR / f"{name_or_path}.toml"
        if not path.is_file():
            raise CasekitError(
                f"There is no shipped protocol profile {name_or_path!r}.",
                rule="profile-lookup",
                advice=(
                    f"Use one of: {', '.join(available_profiles())}, "
                    "or give a path to a .toml file."
                ),
                field="profile",
            )
        return path.resolve()
    path = Path(name_or_path).expanduser()
    if not path.is_file():
        raise CasekitError(
            f"The protocol profile file {path} does not exist.",
            rule="profile-lookup",
            advice="Check the path, or use the name of a shipped profile such as 'default'.",
            field="profile",
        )
    return path.resolve()


def available_profiles() -> list[str]:
    """The names of the profiles shipped with casekit (for a drop-down or ``--profile``)."""
    return sorted(p.stem for p in PROFILES_DIR.glob("*.toml"))


MAX_EXTENDS = 4


def _read_toml(path: Path) -> tuple[dict[str, Any], bytes]:
    raw = path.read_bytes()
    try:
        return tomllib.loads(raw.decode("utf-8")), raw
    except UnicodeDecodeError as err:
        raise CasekitError(
            f"The protocol profile {path} is not UTF-8 text ({err.reason} at byte {err.start}).",
            rule="profile-schema",
            advice="Save the file as UTF-8.",
        ) from None
    except tomllib.TOMLDecodeError as err:
        raise CasekitError(
            f"The protocol profile {path} is not valid TOML: {err}.",
            rule="profile-schema",
            advice="Fix the line named (a missing quote, bracket or '=' is the usual cause).",
        ) from None


def _merge(base: dict[str, Any], override: dict[str, Any]) -> dict[str, Any]:
    """Tables merge key by key; anything else (numbers, text, lists, arrays of tables such
    as ``[[escalation]]``) in the override replaces the base's value whole."""
    merged = dict(base)
    for key, value in override.items():
        if isinstance(value, dict) and isinstance(merged.get(key), dict):
            merged[key] = _merge(merged[key], value)
        else:
            merged[key] = value
    return merged


def _resolve(path: Path, chain: tuple[Path, ...] = ()) -> tuple[dict[str, Any], list[Path], bytes]:
    """The profile's TOML with what it ``extends`` merged under it (``[profile] extends =
    "default"``), so a council's profile lists only where it differs from its base."""
    data, raw = _read_toml(path)
    head = data.get("profile")
    base = head.get("extends") if isinstance(head, dict) else None
    if base is None:
        return data, [path], raw
    where = f"{path}: profile.extends"
    if not isinstance(base, str) or not base.strip():
        raise CasekitError(
            f"{where} must be the name or path of another profile.",
            rule="profile-schema",
            field="profile.extends",
        )
    if _NAME.match(base):
        base_path = profile_path(base)
    else:
        base_path = (path.parent / base).resolve()
        if not base_path.is_file():
            raise CasekitError(
                f"{where} names {base}, which does not exist.",
                rule="profile-schema",
                field="profile.extends",
            )
    if base_path in (*chain, path) or len(chain) >= MAX_EXTENDS:
        raise CasekitError(
            f"{where}: the profiles extend each other in a loop (or too deep).",
            rule="profile-schema",
            field="profile.extends",
        )
    base_data, files, base_raw = _resolve(base_path, (*chain, path))
    merged = _merge(base_data, data)
    merged["profile"] = {k: v for k, v in merged["profile"].items() if k != "extends"}
    return merged, [*files, path], base_raw + b"\n" + raw


def _stamps(files: list[Path]) -> tuple[tuple[int, int], ...]:
    return tuple((f.stat().st_mtime_ns, f.stat().st_size) for f in files)


def load_profile(name_or_path: str | Path = "default") -> Profile:
    """Load, validate and cache a protocol profile.

    ``"default"`` or ``"five-day"`` loads a shipped profile; a path loads that file. A
    profile may ``extends`` another and list only its differences. The cache is keyed by
    the resolved path and refreshed when any file of the profile changes, so an edited
    profile is picked up without restarting the kernel.
    """
    path = profile_path(name_or_path)
    with _cache_lock:
        cached = _cache.get(path)
    if cached is not None:
        files, stamps, profile = cached
        try:
            if _stamps(files) == stamps:
                return profile
        except OSError:
            pass
    data, files, raw = _resolve(path)
    stamps = _stamps(files)
    profile = parse_profile(data, path, hashlib.sha256(raw).hexdigest())
    with _cache_lock:
        _cache[path] = (files, stamps, profile)
    return profile


def clear_profile_cache() -> None:
    """Forget every loaded profile (tests that rewrite a file within one clock tick)."""
    with _cache_lock:
        _cache.clear()
