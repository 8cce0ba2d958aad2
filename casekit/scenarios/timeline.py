"""A case's timeline: what happens on which working day after the pack starts.

Items are ``inbox_item`` (the enquiry arrives), ``service_reply`` (after the service's
reply speed, or never), ``constituent_chase`` (when the case goes quiet) and
``record_change`` (a fact in the council's records changes, so an earlier check goes
stale). ``due_wd`` counts working days from the pack start on the profile's calendar;
the simulation clock delivers each item once its day is reached.

The service's reply answers this case: it is written for the case's problem, names its
street, comes from the service that owns the category, and every date it gives is worked
out from the timeline (a visit between the enquiry and the reply, a booking after it, the
planning register's own consultation dates).
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, datetime, time
from typing import Any

from casekit.inputs.dates import MONTHS, WEEKDAYS
from casekit.scenarios import bank
from casekit.scenarios.casemodel import Facts, Memory
from casekit.scenarios.prose import chaser, service_reply
from casekit.scenarios.records import Application, ticket_statuses

CHANGES = {
    "service_ticket": ("status", None),  # the category's last status: the job is done
    "council_tax_account": ("balance_owed", "£0.00"),
    "planning_application": ("status", "decided: approved with conditions"),
}


def _change(record: dict[str, Any]) -> tuple[str, Any]:
    field, new = CHANGES[record["type"]]
    if new is None:
        new = ticket_statuses(record["fields"]["service"])[-1]
    return field, new


def clock_time(rng: random.Random) -> str:
    """A time in working hours, as ``HH:MM``."""
    low, high = bank.load("generation")["working_hours"]
    return f"{rng.randint(low, high - 1):02d}:{rng.choice(range(0, 60, 5)):02d}"


def at(day: date, hhmm: str) -> str:
    return datetime.combine(day, time.fromisoformat(hhmm)).isoformat(timespec="minutes")


def long_date(day: date) -> str:
    """``Tuesday 17 February``: how a service's letter gives a date."""
    return f"{WEEKDAYS[day.weekday()]} {day.day} {MONTHS[day.month - 1]}"


def short_date(day: date) -> str:
    """``17 February``: how a constituent gives a date."""
    return f"{day.day} {MONTHS[day.month - 1]}"


@dataclass
class Setting:
    """What the timeline of a case needs to know besides the case itself."""

    calendar: Any
    start: date
    memory: Memory
    planning: Application | None = None

    def day(self, wd: int) -> date:
        return self.calendar.add_working_days(self.start, wd)


def reply_slots(
    rng: random.Random, slots: dict[str, Any], setting: Setting, due_wd: int, reply_wd: int
) -> dict[str, Any]:
    """The case's slots plus the dates a service's reply gives, from the timeline."""
    reply_day = setting.day(reply_wd)
    values = dict(slots)
    values["visit_date"] = long_date(setting.day(rng.randint(min(due_wd + 1, reply_wd), reply_wd)))
    values["booked_date"] = long_date(setting.day(reply_wd + rng.randint(3, 12)))
    planning = setting.planning
    if planning is not None:
        ends = long_date(planning.consultation_ends)
        still = reply_day <= planning.consultation_ends
        phrase = f"the neighbour consultation {'closes' if still else 'closed'} on {ends}"
        values.update(
            site=planning.site,
            consultation=phrase,
            Consultation=phrase[0].upper() + phrase[1:],
            decision_date=long_date(planning.decision_due),
        )
    return values


def build(
    rng: random.Random,
    case: dict[str, Any],
    due_wd: int,
    received_time: str,
    service: dict[str, Any] | None,
    problem: dict[str, Any],
    tone: str,
    slots: dict[str, Any],
    setting: Setting,
) -> list[dict[str, Any]]:
    """The timeline items of one case, ordered by due day."""
    spec = bank.load("generation")["timeline"]
    cid = case["id"]
    items: list[dict[str, Any]] = [
        {"id": case["inbox_item"], "type": "inbox_item", "due_wd": due_wd, "time": received_time}
    ]
    reply_wd = None
    if service is not None and service["reply_wd"] is not None and problem.get("replies"):
        reply_wd = due_wd + int(service["reply_wd"]) + rng.randint(0, 2)
        values = reply_slots(rng, slots, setting, due_wd, reply_wd)
        items.append(
            {
                "id": f"{cid}-T{len(items) + 1}",
                "type": "service_reply",
                "due_wd": reply_wd,
                "time": clock_time(rng),
                "service_id": service["id"],
                "officer": service["officer"],
                "text": service_reply(rng, problem, values, setting.memory),
            }
        )
    chase_after = rng.randint(*spec["chase_after_wd"])
    if reply_wd is None or reply_wd > due_wd + chase_after:
        items.append(
            {
                "id": f"{cid}-T{len(items) + 1}",
                "type": "constituent_chase",
                "due_wd": due_wd + chase_after,
                "time": clock_time(rng),
                "channel": case["channel"],
                "text": chaser(rng, tone, slots["topic"], case["channel"], setting.memory, Facts()),
            }
        )
    change = _record_change(rng, case, due_wd, reply_wd, setting, spec)
    if change is not None:
        items.append({"id": f"{cid}-T{len(items) + 1}", **change})
    return sorted(items, key=lambda item: (item["due_wd"], item["time"], item["id"]))


def _record_change(
    rng: random.Random,
    case: dict[str, Any],
    due_wd: int,
    reply_wd: int | None,
    setting: Setting,
    spec: dict[str, Any],
) -> dict[str, Any] | None:
    """A fact that changes during the case, after anything that would contradict it: a
    ticket completes after the service has answered, a delegated planning decision comes
    after the consultation closes, and nothing "changes" to the value it already has."""
    changeable = []
    for record in case["records"]:
        if record["type"] not in CHANGES:
            continue
        field, new = _change(record)
        if record["fields"].get(field) == new:
            continue
        if record["type"] == "planning_application" and (
            record["fields"].get("decision_by") != "officers (delegated)"
        ):
            continue
        changeable.append(record)
    if not changeable or rng.random() >= float(spec["record_change_share"]):
        return None
    record = rng.choice(changeable)
    field, new = _change(record)
    first = due_wd + 2 if reply_wd is None else reply_wd + 1
    if record["type"] == "planning_application" and setting.planning is not None:
        closes = setting.calendar.working_days_between(
            setting.start, setting.planning.consultation_ends
        )
        first = max(first, closes + 3)
    return {
        "type": "record_change",
        "due_wd": first + rng.randint(0, 4),
        "time": clock_time(rng),
        "record_id": record["id"],
        "field": field,
        "old": record["fields"].get(field),
        "new": new,
    }
