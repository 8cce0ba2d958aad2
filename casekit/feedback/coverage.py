"""The coverage matrix: which numbered evidence items bear on which criteria, and whether
each criterion has enough of them.

An assessor reads a portfolio through its *evidence location sheet*: numbered, dated
items down one side, criteria across the top. casekit derives those items from the event
log (never from notebook files), grouping the events the catalogue says belong together
(one item per case's intake, per case's monitoring, per approved draft, per satisfaction
review, per escalation, per reflection...). Pure functions: give it events and a
catalogue, get the same matrix every time.
"""

from __future__ import annotations

import string
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any, NamedTuple, Protocol

from casekit.rules.criteria import Catalogue, ItemGroup

MISSING = "(not recorded)"


class EventLike(Protocol):
    """The fields of :class:`casekit.record.log.Event` that coverage reads."""

    seq: int
    at: str
    kind: str
    case: str | None
    data: dict[str, Any]


@dataclass(frozen=True)
class EvidenceItem:
    """One numbered, dated evidence item, made of one or more logged events."""

    number: str
    title: str
    date: str
    case: str | None
    criteria: tuple[str, ...]
    group: str
    events: tuple[int, ...]


class Sufficiency(NamedTuple):
    """How many items evidence a criterion against the centre's minimum."""

    count: int
    minimum: int
    met: bool


@dataclass(frozen=True)
class Coverage:
    """The evidence location sheet of a workspace."""

    items: list[EvidenceItem]
    matrix: dict[str, list[str]]
    sufficiency: dict[str, Sufficiency]
    gaps: list[str]
    provisional: bool = True
    source: str = ""
    by_number: dict[str, EvidenceItem] = field(default_factory=dict, repr=False)

    def item(self, number: str) -> EvidenceItem:
        return self.by_number[number]

    @property
    def complete(self) -> bool:
        """Every criterion has at least its minimum number of items."""
        return not self.gaps


def coverage(events: Iterable[EventLike], catalogue: Catalogue) -> Coverage:
    """Build the coverage matrix from a workspace's events (any order)."""
    builders: dict[tuple[str, str | None, int | None], _ItemBuilder] = {}
    for event in sorted(events, key=lambda e: e.seq):
        criteria = catalogue.criteria_for_event(event.kind, event.data)
        if not criteria:
            continue
        group = catalogue.group_for_kind(event.kind)
        if group is None:  # the loader guarantees a group; be safe with hand-made ones
            continue
        per_event = group.per == "event" or event.case is None
        key = (group.id, event.case, event.seq if per_event else None)
        builder = builders.get(key)
        if builder is None:
            builder = builders[key] = _ItemBuilder(group, event)
        builder.add(event, criteria)

    items: list[EvidenceItem] = []
    for n, builder in enumerate(sorted(builders.values(), key=lambda b: b.first.seq), start=1):
        items.append(builder.build(f"E{n:02d}", catalogue))

    matrix: dict[str, list[str]] = {cid: [] for cid in catalogue.criteria}
    for item in items:
        for cid in item.criteria:
            matrix[cid].append(item.number)
    sufficiency = {
        cid: Sufficiency(
            len(numbers), catalogue.minimum(cid), len(numbers) >= catalogue.minimum(cid)
        )
        for cid, numbers in matrix.items()
    }
    gaps = [cid for cid, s in sufficiency.items() if not s.met]
    return Coverage(
        items=items,
        matrix=matrix,
        sufficiency=sufficiency,
        gaps=gaps,
        provisional=catalogue.provisional,
        source=catalogue.sufficiency_source,
        by_number={item.number: item for item in items},
    )


def rows(cov: Coverage, catalogue: Catalogue) -> list[dict[str, str]]:
    """The evidence location sheet as flat rows (item, date, case, title, one column per
    criterion marked "x"), ready for CSV or an HTML table."""
    out: list[dict[str, str]] = []
    for item in cov.items:
        row = {
            "item": item.number,
            "date": item.date,
            "case": item.case or "",
            "title": item.title,
        }
        for cid in catalogue.criteria:
            row[cid] = "x" if cid in item.criteria else ""
        out.append(row)
    return out


class _ItemBuilder:
    """Collects the events of one evidence item."""

    def __init__(self, group: ItemGroup, first: EventLike) -> None:
        self.group = group
        self.first = first
        self.last = first
        self.seqs: list[int] = []
        self.criteria: set[str] = set()

    def add(self, event: EventLike, criteria: list[str]) -> None:
        self.seqs.append(event.seq)
        self.criteria.update(criteria)
        self.last = event

    def build(self, number: str, catalogue: Catalogue) -> EvidenceItem:
        return EvidenceItem(
            number=number,
            title=_title(self.group.title, self.first),
            date=str(self.last.at)[:10],
            case=self.first.case,
            criteria=tuple(cid for cid in catalogue.criteria if cid in self.criteria),
            group=self.group.id,
            events=tuple(self.seqs),
        )


class _Fields(dict[str, Any]):
    def __missing__(self, key: str) -> str:
        return MISSING


def _title(template: str, event: EventLike) -> str:
    """Fill a title template from the event; a field the event lacks reads MISSING,
    and a template that cannot be filled is shown as written rather than failing."""
    fields = _Fields({k: v for k, v in _plain(event.data).items()})
    fields.update(case=event.case or MISSING, kind=event.kind, date=str(event.at)[:10])
    try:
        return string.Formatter().vformat(template, (), fields)
    except (ValueError, IndexError, KeyError, AttributeError, TypeError):
        return template


def _plain(data: Mapping[str, Any]) -> dict[str, Any]:
    """Only scalar data values go into titles (no nested structures, no attribute walks)."""
    return {
        k: v
        for k, v in data.items()
        if isinstance(v, str | int | float) and not isinstance(v, bool)
    }
