"""The protocol profile as typed objects: service levels, statutory clocks, rules,
escalation routes, tiers and drafting word lists, with the lookups guards use.

A :class:`Profile` is only ever built from a checked file (:mod:`.validation`), so its
fields can be trusted; a lookup of something the profile lacks names the file.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
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
