"""A case's timeline: what happens on which working day after the pack starts.

Items are ``inbox_item`` (the enquiry arrives), ``service_reply`` (after the service's
reply speed, or never), ``constituent_chase`` (when the case goes quiet) and
``record_change`` (a fact in the council's records changes, so an earlier check goes
stale). ``due_wd`` counts working days from the pack start on the profile's calendar;
the simulation clock delivers each item once its day is reached.
"""

from __future__ import annotations

import random
from datetime import date, datetime, time
from typing import Any

from casekit.scenarios import bank
from casekit.scenarios.prose import chaser, service_reply

CHANGES = {
    "service_ticket": ("status", "completed"),
    "council_tax_account": ("balance_owed", "£0.00"),
    "planning_application": ("status", "decided: approved with conditions"),
    "tenancy": ("tenure", "tenancy ended"),
}


def clock_time(rng: random.Random) -> str:
    """A time in working hours, as ``HH:MM``."""
    low, high = bank.load("generation")["working_hours"]
    return f"{rng.randint(low, high - 1):02d}:{rng.choice(range(0, 60, 5)):02d}"


def at(day: date, hhmm: str) -> str:
    return datetime.combine(day, time.fromisoformat(hhmm)).isoformat(timespec="minutes")


def build(
    rng: random.Random,
    case: dict[str, Any],
    due_wd: int,
    received_time: str,
    service: dict[str, Any] | None,
    category: str,
    tone: str,
    summary: str,
    slots: dict[str, Any],
) -> list[dict[str, Any]]:
    """The timeline items of one case, ordered by due day."""
    spec = bank.load("generation")["timeline"]
    cid = case["id"]
    items: list[dict[str, Any]] = [
        {"id": case["inbox_item"], "type": "inbox_item", "due_wd": due_wd, "time": received_time}
    ]
    reply_day = None
    if service is not None and service["reply_wd"] is not None and category != "outside_remit":
        reply_day = due_wd + int(service["reply_wd"]) + rng.randint(0, 2)
        items.append(
            {
                "id": f"{cid}-T{len(items) + 1}",
                "type": "service_reply",
                "due_wd": reply_day,
                "time": clock_time(rng),
                "service_id": service["id"],
                "officer": service["officer"],
                "text": service_reply(rng, category, slots),
            }
        )
    chase_after = rng.randint(*spec["chase_after_wd"])
    if reply_day is None or reply_day > due_wd + chase_after:
        items.append(
            {
                "id": f"{cid}-T{len(items) + 1}",
                "type": "constituent_chase",
                "due_wd": due_wd + chase_after,
                "time": clock_time(rng),
                "channel": case["channel"],
                "text": chaser(rng, tone, summary),
            }
        )
    changeable = [r for r in case["records"] if r["type"] in CHANGES]
    if changeable and rng.random() < float(spec["record_change_share"]):
        record = rng.choice(changeable)
        field, new = CHANGES[record["type"]]
        items.append(
            {
                "id": f"{cid}-T{len(items) + 1}",
                "type": "record_change",
                "due_wd": due_wd + rng.randint(2, 6),
                "time": clock_time(rng),
                "record_id": record["id"],
                "field": field,
                "old": record["fields"].get(field),
                "new": new,
            }
        )
    return sorted(items, key=lambda item: (item["due_wd"], item["time"], item["id"]))
