"""A deadline's ledger as the forms show it: "why this date?", day by day.

Used by the dashboard (for a case's deadline) and by the what-if calculator. Every value
is escaped; the counted days are numbered and the days that do not count say why.
"""

from __future__ import annotations

import html
from typing import Any

from casekit.ui.controls import fmt_date, table_html
from casekit.ui.errors import plain


def ledger_html(ledger: Any) -> str:
    """The ledger: the due date, receipt, day one, the rule and calendar, what was done to
    the clock, and a table of every day, counted or not, with the reason."""
    received = (
        f"{fmt_date(ledger.received)} at {ledger.received:%H:%M} (UK time)"
        if ledger.time_known
        else f"{fmt_date(ledger.received)} (no time given)"
    )
    facts = [
        ("Due", fmt_date(ledger.due)),
        ("Received", received),
        ("Day one", fmt_date(ledger.day_one) if ledger.day_one else "not yet"),
        ("Rule", plain(ledger.rule)),
        ("Calendar", ledger.calendar),
    ]
    items = "".join(
        f"<li><strong>{html.escape(k)}:</strong> {html.escape(v)}</li>" for k, v in facts
    )
    notes = "".join(f"<li>{html.escape(n)}</li>" for n in ledger.notes)
    rows = [
        {
            "date": fmt_date(d.date),
            "counted": str(d.day) if d.counted else "not counted",
            "reason": d.reason,
        }
        for d in ledger.days
    ]
    table = table_html(
        rows,
        [("date", "Day"), ("counted", "Counted"), ("reason", "Why")],
        caption=f"Every day from receipt to the deadline: {ledger.counted} of "
        f"{ledger.length} counted",
        css="casekit-ledger-days",
    )
    sources = "".join(f"<li>{html.escape(plain(s))}</li>" for s in ledger.sources)
    return (
        "<div class='casekit-ledger'>"
        f"<p style='font-size:16px'><strong>{html.escape(ledger.label)}: due "
        f"{html.escape(fmt_date(ledger.due))}</strong></p>"
        f"<ul style='margin:2px 0'>{items}</ul>"
        + (f"<p><strong>What was done</strong></p><ul>{notes}</ul>" if notes else "")
        + table
        + f"<p><strong>Sources</strong></p><ul class='casekit-ledger-sources'>{sources}</ul>"
        "</div>"
    )
