"""Checking a protocol profile and building the typed :class:`Profile` from it.

A typo in a profile must not pass silently, so a profile goes through the data-file reader
(:mod:`casekit.rules.datafiles`): its schema (``profiles/profile.schema.toml``) and the
checks a schema cannot express collect *all* problems, reported together, each with the
file and the dotted field (``service_levels.member_enquiry.respond_wd``).
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from pathlib import Path
from typing import Any

from casekit.rules.datafiles import data_error, validate
from casekit.rules.profile.model import (
    CalendarSettings,
    EscalationRoute,
    PreElection,
    Profile,
    Retention,
    Rule,
    ServiceLevel,
    StatutoryClock,
)


def parse_profile(data: Mapping[str, Any], path: Path, digest: str = "") -> Profile:
    """Validate a parsed TOML document and build the :class:`Profile`.

    Parameters
    ----------
    data:
        The profile's TOML (with anything it ``extends`` already merged in).
    path:
        The profile's file, named in every message.
    digest:
        The SHA-256 of the file(s), so evidence can say exactly which rules applied.

    Raises :class:`CasekitError` listing every problem, each with its dotted field name.
    """
    problems = validate("profile", dict(data), origin=path)
    if problems:
        raise data_error("profile", problems, path)
    return build(data, path, digest)


def build(data: Mapping[str, Any], path: Path, digest: str = "") -> Profile:
    """The :class:`Profile` of a checked document (every field's shape is sound)."""
    head = data["profile"]
    calendar = data["calendar"]
    return Profile(
        id=head["id"],
        name=head["name"],
        description=head["description"],
        path=path,
        digest=digest,
        calendar=CalendarSettings(
            subdivision=calendar["subdivision"],
            receipt_on_non_working_day=calendar["receipt_on_non_working_day"],
        ),
        service_levels={k: _service_level(k, v) for k, v in data["service_levels"].items()},
        statutory={k: _statutory(k, v) for k, v in data["statutory"].items()},
        pre_election=PreElection(
            notice_wd_before_poll=data["pre_election"]["notice_wd_before_poll"],
            source=data["pre_election"]["source"],
            notice_of_election=_day(data["pre_election"].get("notice_of_election")),
        ),
        retention=Retention(
            anonymise_after_closure_days=data["retention"]["anonymise_after_closure_days"],
            source=data["retention"]["source"],
        ),
        rules={
            k: Rule(id=k, source=v["source"], message=v["message"], advice=v["advice"])
            for k, v in data["rules"].items()
        },
        escalations=[
            EscalationRoute(
                id=e["id"],
                trigger=e["trigger"],
                route=e["route"],
                when=e["when"],
                same_day=e["same_day"],
                source=e["source"],
            )
            for e in data.get("escalation", [])
        ],
        tiers=_tiers(data.get("tiers")),
        drafting={k: _plain(v) for k, v in data["drafting"].items()},
    )


def _service_level(key: str, level: Mapping[str, Any]) -> ServiceLevel:
    return ServiceLevel(
        id=key,
        acknowledge_wd=level["acknowledge_wd"],
        respond_wd=level["respond_wd"],
        max_extension_wd=level.get("max_extension_wd"),
        holding_reply_before_deadline=level["holding_reply_before_deadline"],
        holding_reply_within_wd=level.get("holding_reply_within_wd", 1),
        keep_open_after_reply_wd=level["keep_open_after_reply_wd"],
        escalate_missed_deadline_to=level["escalate_missed_deadline_to"],
        source=level["source"],
        label=level.get("label", ""),
        respond_counted_from=level.get("respond_counted_from", "receipt"),
        extension_after_deadline=level.get("extension_after_deadline", "record_late"),
    )


def _statutory(key: str, clock: Mapping[str, Any]) -> StatutoryClock:
    return StatutoryClock(
        id=key,
        label=clock["label"],
        working_days=clock.get("working_days"),
        calendar_months=clock.get("calendar_months"),
        max_extension_wd=clock.get("max_extension_wd"),
        max_extension_months=clock.get("max_extension_months"),
        calendar=clock["calendar"],
        source=clock["source"],
        receipt_on_non_working_day=clock.get("receipt_on_non_working_day", ""),
        counting_source=clock.get("counting_source", ""),
        restart_on=tuple(clock.get("restart_on", ())),
        pause_unit=clock.get("pause_unit", "working_days"),
        pause_includes_day_asked=bool(clock.get("pause_includes_day_asked", False)),
        pause_source=clock.get("pause_source", ""),
        extension_source=clock.get("extension_source", ""),
        extension_after_deadline=clock.get("extension_after_deadline", "refuse"),
    )


def _day(value: Any) -> date | None:
    """A checked date field (a TOML date, or text written YYYY-MM-DD), or None."""
    if value is None or isinstance(value, date):
        return value
    return date.fromisoformat(str(value).strip())


def _tiers(own: Mapping[str, list[str]] | None) -> dict[str, list[str]]:
    """The profile's own [tiers], else who owns what by the one categories file."""
    if own is not None:
        return {tier: list(categories) for tier, categories in own.items()}
    from casekit.rules.categories import tiers

    return tiers()


def _plain(value: Any) -> Any:
    """Drafting word lists stay plain data (their meaning belongs to the drafting checks);
    numbers become floats, as the checks compare them with measured figures."""
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return list(value)
    if isinstance(value, int | float) and not isinstance(value, bool):
        return float(value)
    return value
