"""Monitoring, computed on demand from the log: what is due, overdue, or needs a holding
reply today, and the share of cases answered within target.

Nothing is stored: every figure comes from the projection, so the dashboard, the
``casekit status`` table and the evidence pack always agree with the record. A holding
reply sent by the deadline holds the case to the date it promised ("holding reply sent,
new date Mon 2 Feb") until that date passes; an extension asked after the deadline leaves
it overdue. Each deadline explains itself day by day (:func:`deadline_ledger`).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from casekit.inputs.dates import stored_day, uk_today
from casekit.record.projection import State
from casekit.rules.vocabulary import CATEGORIES, CHANNELS

if TYPE_CHECKING:
    import pandas as pd

FLAG_ORDER = (
    "overdue",
    "holding reply needed",
    "due today",
    "due soon",
    "holding reply sent",
    "on track",
    "stopped",
    "passed on",
    "met",
    "missed",
)


@dataclass(frozen=True)
class DeadlineRow:
    """One clock on one case, as the dashboard shows it."""

    case: str
    constituent: str
    category: str
    member: str
    ward: str
    channel: str
    case_status: str
    clock: str
    label: str
    due: date
    status: str
    days_left: int | None
    flag: str
    source: str
    note: str = ""  # "holding reply sent, new date Mon 2 Feb", "extended late"...

    def as_dict(self) -> dict[str, Any]:
        return {
            "case": self.case,
            "constituent": self.constituent,
            "category": self.category,
            "member": self.member,
            "ward": self.ward,
            "channel": self.channel,
            "case_status": self.case_status,
            "clock": self.clock,
            "label": self.label,
            "due": self.due.isoformat(),
            "status": self.status,
            "days_left": self.days_left,
            "flag": self.flag,
            "source": self.source,
            "note": self.note,
        }


def short_date(day: date) -> str:
    """``Mon 2 Feb``: a date as the dashboard writes it."""
    return f"{day:%a} {day.day} {day:%b}"


def _note(clock: Any, today: date) -> str:
    """What the flag alone does not say: a promise made, or one broken."""
    if clock.promised is None:
        return ""
    promised = short_date(clock.promised)
    if clock.promised_by == "late extension":
        return f"extended after the deadline (late); new date {promised}"
    if clock.status in ("met", "missed"):
        return f"holding reply sent, new date {promised}"
    if today > clock.promised:
        return f"holding reply sent, but its new date {promised} has passed"
    return f"holding reply sent, new date {promised}"


def _flag(clock: Any, today: date, passed_on: bool, closed: bool) -> tuple[str, int | None]:
    from casekit.rules import clocks as clockmath

    if clock.status in ("met", "missed"):
        return clock.status, None
    if passed_on:
        return "passed on", None
    left = clockmath.working_days_left(clock, today)
    if closed:
        return "stopped", left
    if clock.status == "stopped":
        return "stopped", left
    if clockmath.held(clock, today):
        return "holding reply sent", left
    if clockmath.is_overdue(clock, today):
        return "overdue", left
    if clockmath.holding_reply_due(clock, today):
        return "holding reply needed", left
    if left == 0:
        return "due today", left
    if left <= 2:
        return "due soon", left
    return "on track", left


def deadline_rows(state: State, today: date | None = None) -> list[DeadlineRow]:
    """Every clock of every case, most urgent first."""
    today = today or (stored_day(state.now) if state.now else uk_today())
    council = state.council
    rows: list[DeadlineRow] = []
    for case in state.cases.values():
        member = ward = ""
        if council is not None:
            m = council.members.get(case.member_id)
            member = m.name if m else case.member_id
            w = council.wards.get(case.ward_id)
            ward = w.name if w else case.ward_id
        for clock_id, clock in state.clocks(case).items():
            ops = case.clock_ops[clock_id]
            flag, left = _flag(clock, today, ops.passed_on, case.status == "closed")
            rows.append(
                DeadlineRow(
                    case=case.ref,
                    constituent=str(case.constituent.get("name", "")),
                    category=CATEGORIES.get(case.category, case.category),
                    member=member,
                    ward=ward,
                    channel=CHANNELS.get(case.channel, case.channel),
                    case_status=case.status,
                    clock=clock_id,
                    label=clock.label,
                    due=clock.due,
                    status=clock.status,
                    days_left=left,
                    flag=flag,
                    source=clock.source,
                    note=_note(clock, today),
                )
            )
    rows.sort(key=lambda r: (FLAG_ORDER.index(r.flag), r.due, r.case, r.clock))
    return rows


def deadlines(ws: Any, today: date | None = None) -> list[DeadlineRow]:
    """The deadline table of a workspace, reading only the events that decide deadlines."""
    from casekit.record.projection import MONITORING_KINDS

    return deadline_rows(ws.state(kinds=MONITORING_KINDS), today or ws.now.date())


def deadline_ledger(state: State, case_ref: str, clock_id: str) -> Any:
    """Why a case's deadline falls where it does: the :class:`~casekit.rules.ledger.Ledger`
    of one of its clocks (every day from receipt to the due date, counted or not, and why)."""
    from casekit.errors import CasekitError
    from casekit.rules.ledger import explain

    case = state.case(case_ref)
    if case is None:
        raise state.profile.rule("unknown-case").error(case=case_ref, field="case")
    clocks = state.clocks(case)
    if clock_id not in clocks:
        raise CasekitError(
            f"There is no {clock_id} clock on {case_ref}.",
            field="clock",
            advice=f"Choose one of: {', '.join(clocks)}.",
        )
    return explain(clocks[clock_id])


def attention(state: State, today: date | None = None) -> dict[str, list[DeadlineRow]]:
    """What needs doing today: overdue, holding replies needed, due today."""
    out: dict[str, list[DeadlineRow]] = {"overdue": [], "holding reply needed": [], "due today": []}
    for row in deadline_rows(state, today):
        if row.flag in out:
            out[row.flag].append(row)
    return out


def answered_within_target(state: State, by: str = "category") -> list[dict[str, Any]]:
    """Share of replied cases whose response clock was met, grouped by ward, category,
    member or channel (casework-rules.md section 9: reporting)."""
    if by not in ("ward", "category", "channel", "member"):
        from casekit.errors import CasekitError

        raise CasekitError(f"by '{by}' is not one of: ward, category, channel, member.", field="by")
    groups: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for row in deadline_rows(state):
        if row.clock != "respond" or row.status not in ("met", "missed"):
            continue
        key = getattr(row, by) or "(none)"
        groups[key][0] += 1
        groups[key][1] += row.status == "met"
    return [
        {by: key, "answered": n, "within_target": met, "share": round(met / n, 3) if n else 0.0}
        for key, (n, met) in sorted(groups.items())
    ]


def cases_frame(state: State, today: date | None = None) -> pd.DataFrame:
    """A pandas view, one row per case, for tables and charts in the notebooks."""
    import pandas as pd

    rows = deadline_rows(state, today)
    per_case: dict[str, dict[str, Any]] = {}
    for row in rows:
        entry = per_case.setdefault(
            row.case,
            {
                "case": row.case,
                "constituent": row.constituent,
                "category": row.category,
                "member": row.member,
                "ward": row.ward,
                "channel": row.channel,
                "status": row.case_status,
                "flag": row.flag,
            },
        )
        entry[f"{row.clock} due"] = row.due
        entry[f"{row.clock} status"] = row.status
        if FLAG_ORDER.index(row.flag) < FLAG_ORDER.index(entry["flag"]):
            entry["flag"] = row.flag
    frame = pd.DataFrame(list(per_case.values()))
    if not frame.empty:
        frame = frame.set_index("case").sort_index()
    return frame
