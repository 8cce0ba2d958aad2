"""The simulation clock: advancing working days delivers the pack's timeline into the log.

Day ``N`` of a workspace is the ``N``th working day after its start, on the calendar of
its protocol profile. Advancing runs in one IMMEDIATE transaction: it reads which timeline
items the log already holds, appends every item now due that it does not, then appends
``clock_advanced``. Two processes advancing at once therefore queue on the write lock and
each item is delivered exactly once.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, datetime, time
from typing import TYPE_CHECKING, Any

from casekit.errors import CasekitError
from casekit.log import Event

if TYPE_CHECKING:
    from casekit.workspace import Workspace

DELIVERY_KINDS = {
    "inbox_item": "inbox_item_delivered",
    "service_reply": "service_replied",
    "constituent_chase": "constituent_chased",
    "record_change": "record_changed",
}
MAX_ADVANCE_WD = 260
ACTOR = "simulation"


@dataclass(frozen=True)
class Advance:
    """What one advance did."""

    start: datetime
    end: datetime
    working_days: int
    delivered: list[Event]


def _calendar(ws: Workspace) -> Any:
    from casekit.calendar import calendar_for

    return calendar_for(ws.profile)


def origin(ws: Workspace) -> date:
    """Day 0 of the simulation: the workspace's start date."""
    return datetime.fromisoformat(ws.created.data["start"]).date()


def elapsed_days(ws: Workspace) -> int:
    """Working days the clock has been advanced so far."""
    return sum(int(e.data.get("working_days", 0)) for e in ws.events(kinds=["clock_advanced"]))


def delivered_items(ws: Workspace) -> set[str]:
    return {
        str(e.data["timeline_item"])
        for e in ws.events(kinds=list(DELIVERY_KINDS.values()))
        if e.data.get("timeline_item")
    }


def load_workspace_pack(ws: Workspace) -> dict[str, Any]:
    """The learner's pack stored in the workspace when it was loaded."""
    if not ws.pack_path.is_file():
        raise CasekitError(
            f"The workspace at {ws.path} has no scenario pack, so there is nothing to deliver.",
            field="workspace",
            advice="Create the workspace with 'casekit new WORKSPACE --pack PACK.json'.",
        )
    return json.loads(ws.pack_path.read_text("utf-8"))


def _delivery(
    item: dict[str, Any], case: dict[str, Any], pack: dict[str, Any], when: str
) -> tuple[str, dict[str, Any], dict[str, Any] | None, str]:
    """The event kind, data, personal values and time for one timeline item."""
    base = {"timeline_item": item["id"], "pack_case": case["id"], "due_wd": item["due_wd"]}
    kind = DELIVERY_KINDS[item["type"]]
    if item["type"] == "inbox_item":
        person = case["constituent"]
        data = {
            **base,
            "item": item["id"],
            "channel": case["channel"],
            "received_at": case["received_at"],
            "member_id": case["member_id"],
            "ward_id": case["ward_id"],
            "member_note": (case.get("member_note") or {}).get("text"),
        }
        personal = {
            "constituent": {
                k: person[k] for k in ("name", "address", "postcode", "phone", "email")
            },
            "enquiry": case["enquiry"],
            "records": case["records"],
        }
        return kind, data, personal, case["received_at"]
    if item["type"] == "service_reply":
        service = next(s for s in pack["council"]["services"] if s["id"] == item["service_id"])
        data = {
            **base,
            "service": service["id"],
            "service_name": service["name"],
            "officer": item["officer"]["name"],
            "officer_title": item["officer"]["title"],
        }
        return kind, data, {"text": item["text"]}, when
    if item["type"] == "constituent_chase":
        return kind, {**base, "channel": item["channel"]}, {"text": item["text"]}, when
    record = next(r for r in case["records"] if r["id"] == item["record_id"])
    data = {
        **base,
        "record_id": item["record_id"],
        "field": item["field"],
        "system": record["system"],
    }
    return kind, data, {"old": item["old"], "new": item["new"]}, when


def deliver_due(ws: Workspace, pack: dict[str, Any], day: int) -> list[Event]:
    """Append every timeline item due by ``day`` that the log does not hold yet.

    Call inside ``ws.transaction()`` so the check and the appends are one atomic step.
    """
    calendar = _calendar(ws)
    start = origin(ws)
    done = delivered_items(ws)
    due = []
    for case in pack["cases"]:
        for item in case["timeline"]:
            if item["due_wd"] <= day and item["id"] not in done:
                on = calendar.add_working_days(start, item["due_wd"])
                when = datetime.combine(on, time.fromisoformat(item["time"]))
                due.append(
                    (
                        item["due_wd"],
                        item["time"],
                        item["id"],
                        item,
                        case,
                        when.isoformat(timespec="minutes"),
                    )
                )
    delivered = []
    for _, _, _, item, case, when in sorted(due, key=lambda d: d[:3]):
        kind, data, personal, at = _delivery(item, case, pack, when)
        delivered.append(ws.append(kind, data, personal=personal, actor=ACTOR, at=at))
    return delivered


def advance(ws: Workspace, days: int) -> Advance:
    """Move the clock on ``days`` working days, delivering what falls due."""
    if isinstance(days, bool) or not isinstance(days, int) or not 1 <= days <= MAX_ADVANCE_WD:
        raise CasekitError(
            f"days {days!r} must be a whole number of working days from 1 to {MAX_ADVANCE_WD}.",
            field="days",
            advice="Advance a few working days at a time, e.g. --days 1.",
        )
    pack = load_workspace_pack(ws)
    with ws.transaction():
        before = ws.now
        day = elapsed_days(ws) + days
        delivered = deliver_due(ws, pack, day)
        end = datetime.combine(_calendar(ws).add_working_days(origin(ws), day), time(9, 0))
        ws.append(
            "clock_advanced",
            {
                "from": before.isoformat(timespec="minutes"),
                "to": end.isoformat(timespec="minutes"),
                "working_days": days,
                "day": day,
                "delivered": [e.data["timeline_item"] for e in delivered],
            },
            actor=ACTOR,
            at=end.isoformat(timespec="minutes"),
        )
    return Advance(before, end, days, delivered)
