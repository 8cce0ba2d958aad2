"""Monitoring as a table: the share of answered cases met within target, by ward,
category and channel (casework-rules.md section 9: reporting), as a pandas DataFrame.

Computed from the deadline rows (:func:`casekit.feedback.monitoring.deadline_rows`), so
it agrees with the dashboard; CSVs of it are written formula-safe by
:func:`casekit.evidence.tables.save_table`.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import TYPE_CHECKING

from casekit.errors import CasekitError

if TYPE_CHECKING:
    import pandas as pd

    from casekit.record.projection import State

GROUPS = ("ward", "category", "channel", "member")


def answered_frame(
    state: State, by: Sequence[str] = ("ward", "category", "channel"), today: date | None = None
) -> pd.DataFrame:
    """One row per grouping and group: ``by`` (ward, category...), ``group``, ``answered``,
    ``within_target`` and ``share``, in the order of ``by`` then the group's name."""
    import pandas as pd

    from casekit.feedback.monitoring import deadline_rows

    unknown = [b for b in by if b not in GROUPS]
    if unknown:
        raise CasekitError(f"by '{unknown[0]}' is not one of: {', '.join(GROUPS)}.", field="by")
    rows = [
        {**{g: getattr(r, g) or "(none)" for g in GROUPS}, "met": r.status == "met"}
        for r in deadline_rows(state, today)
        if r.clock == "respond" and r.status in ("met", "missed")
    ]
    columns = ["by", "group", "answered", "within_target", "share"]
    if not rows:
        return pd.DataFrame(columns=columns)
    table = pd.DataFrame(rows)
    parts = []
    for name in by:
        grouped = table.groupby(name, sort=True)["met"].agg(answered="size", within_target="sum")
        grouped = grouped.reset_index().rename(columns={name: "group"})
        grouped.insert(0, "by", name)
        parts.append(grouped)
    out = pd.concat(parts, ignore_index=True)
    out["within_target"] = out["within_target"].astype(int)
    out["share"] = (out["within_target"] / out["answered"]).round(3)
    return out[columns]
