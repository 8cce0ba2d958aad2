"""The simulation clock: advancing working days delivers the pack's timeline into the log.

Day ``N`` of a workspace is the ``N``th working day after its start, on the calendar of
its protocol profile. Advancing runs in one IMMEDIATE transaction: it reads which timeline
items the log already holds, appends every item now due that it does not, then appends
``clock_advanced``. Two processes advancing at once therefore queue on the write lock and
each item is delivered exactly once.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import date, datetime, time
from typing import TYPE_CHECKING, Any

from casekit.errors import CasekitError
from casekit.inputs.dates import stored_day
from casekit.record.log import Event

if TYPE_CHECKING:
    from casekit.record.workspace import Workspace

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
    from casekit.rules.calendar import calendar_for

    return calendar_for(ws.profile)


def origin(ws: Workspace) -> date:
    """Day 0 of the simulation: the workspace's start date."""
    return stored_day(ws.created.data["start"])


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
    """The learner's pack stored in the workspace when it was loaded, checked against the
    SHA-256 the log recorded then: an edited or broken copy would change what the clock
    delivers, so it is refused before any use."""
    from casekit.scenarios.pack import pack_from_bytes, read_bytes

    if not ws.pack_path.is_file():
        raise CasekitError(
            "This workspace has no scenario pack, so there is nothing to deliver.",
            field="workspace",
            advice="Make a workspace from a case pack on the start page.",
        )
    loaded = ws.events(kinds=["pack_loaded"])
    expected = loaded[-1].data.get("sha256") if loaded else None
    raw = read_bytes(ws.pack_path, "pack")
    if expected and hashlib.sha256(raw).hexdigest() != expected:
        raise CasekitError(
            "This workspace's copy of its case pack has changed since it was loaded, so the "
            "simulation cannot go on: what it delivers would no longer be the pack you were "
            "given.",
            rule="pack-unchanged",
            source="casekit: the pack's SHA-256 recorded in the log when it was loaded",
            advice="Ask your tutor for your case pack again and make a new workspace from it.",
            field="pack",
        )
    return pack_from_bytes(raw, ws.pack_path)


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


def _learner_progress(
    ws: Workspace, calendar: Any, start: date
) -> tuple[dict[str, int], dict[str, int]]:
    """Per pack case, the simulation day the learner referred it to a service and the day
    they sent the final reply (the timeline reacts to what the learner does)."""
    pack_case: dict[str, str] = {}
    referred: dict[str, int] = {}
    replied: dict[str, int] = {}
    kinds = ["enquiry_received", "referred_to_service", "reply_sent"]
    for event in ws.events(kinds=kinds):
        if event.kind == "enquiry_received":
            if event.case and event.data.get("pack_case"):
                pack_case[event.case] = str(event.data["pack_case"])
            continue
        which = pack_case.get(str(event.case))
        if which is None:
            continue
        on = stored_day(event.at)
        day = calendar.working_days_between(start, on) if on > start else 0
        if event.kind == "referred_to_service":
            referred.setdefault(which, day)
        elif event.data.get("final", True):
            replied.setdefault(which, day)
    return referred, replied


def _due_day(
    item: dict[str, Any], case: dict[str, Any], referred: dict[str, int], replied: dict[str, int]
) -> int | None:
    """The day an item falls due, or None while it cannot happen.

    A service replies only once asked, its usual number of working days after the
    referral; a constituent who has had their reply does not chase."""
    if item["type"] == "service_reply":
        if case["id"] not in referred:
            return None
        arrival = next((i["due_wd"] for i in case["timeline"] if i["type"] == "inbox_item"), 0)
        return referred[case["id"]] + max(1, item["due_wd"] - arrival)
    if item["type"] == "constituent_chase":
        answered = replied.get(case["id"])
        if answered is not None and answered <= item["due_wd"]:
            return None
    return item["due_wd"]


def due_items(ws: Workspace, pack: dict[str, Any], day: int) -> list[tuple[str, Any, Any]]:
    """``(when, item, case)`` for every item due by ``day`` that has not arrived, in order."""
    calendar = _calendar(ws)
    start = origin(ws)
    done = delivered_items(ws)
    referred, replied = _learner_progress(ws, calendar, start)
    floor = ws.now.isoformat(timespec="minutes")
    due = []
    for case in pack["cases"]:
        for item in case["timeline"]:
            due_day = _due_day(item, case, referred, replied)
            if due_day is not None and due_day <= day and item["id"] not in done:
                on = calendar.add_working_days(start, due_day)
                when = datetime.combine(on, time.fromisoformat(item["time"]))
                # Something asked for today cannot have arrived before it was asked.
                stamp = max(when.isoformat(timespec="minutes"), floor)
                due.append((stamp, due_day, item["id"], item, case))
    due.sort(key=lambda d: d[:3])
    return [(stamp, item, case) for stamp, _, _, item, case in due]


def _deliver(
    ws: Workspace, pack: dict[str, Any], stamp: str, item: dict[str, Any], case: dict[str, Any]
) -> Event:
    kind, data, personal, _ = _delivery(item, case, pack, stamp)
    return ws.append(kind, data, personal=personal, actor=ACTOR, at=stamp)


def deliver_due(ws: Workspace, pack: dict[str, Any], day: int) -> list[Event]:
    """Append every timeline item due by ``day`` that the log does not hold yet.

    Call inside ``ws.transaction()`` so the check and the appends are one atomic step.
    """
    return [_deliver(ws, pack, *entry) for entry in due_items(ws, pack, day)]


def advance(ws: Workspace, days: int) -> Advance:
    """Move the clock on ``days`` working days, delivering what falls due.

    Items that fell due on the days passed over arrive first, then the clock moves (to
    09:00 on the new day), then that day's items arrive: the log's times never run
    backwards."""
    if isinstance(days, bool) or not isinstance(days, int) or not 1 <= days <= MAX_ADVANCE_WD:
        raise CasekitError(
            f"The clock moves on a whole number of working days from 1 to {MAX_ADVANCE_WD}: "
            f"{days!r} is not one.",
            field="days",
            advice="Advance a few working days at a time, for example 1.",
        )
    pack = load_workspace_pack(ws)
    with ws.transaction():
        before = ws.now
        day = elapsed_days(ws) + days
        end = datetime.combine(_calendar(ws).add_working_days(origin(ws), day), time(9, 0))
        end_at = max(end, before).isoformat(timespec="minutes")
        entries = due_items(ws, pack, day)
        delivered = [_deliver(ws, pack, *e) for e in entries if e[0] <= end_at]
        ws.append(
            "clock_advanced",
            {
                "from": before.isoformat(timespec="minutes"),
                "to": end.isoformat(timespec="minutes"),
                "working_days": days,
                "day": day,
            },
            actor=ACTOR,
            at=end_at,
        )
        delivered += [_deliver(ws, pack, *e) for e in entries if e[0] > end_at]
    return Advance(before, end, days, delivered)
