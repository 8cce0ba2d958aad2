"""The coverage matrix: which numbered evidence items bear on which criteria, and whether
each criterion has enough *sound* ones.

An assessor reads a portfolio through its *evidence location sheet*: numbered, dated
items down one side, criteria across the top. casekit derives those items from the event
log (never from notebook files), grouping the events the catalogue says belong together
(one item per case's intake, per case's monitoring, per approved draft, per satisfaction
review, per escalation, per reflection...). Each item is then judged against the checks
its criteria name in the catalogue's ``[quality]`` (:mod:`casekit.feedback.quality`): a
criterion is met only when enough of its items are sound, "partly" met when flawed items
stand in for sound ones (with the reasons), not met otherwise. Pure functions: give it
events, a catalogue (and the projected state, for the checks that read deadlines), get the
same matrix every time. The learner's screens, the command line and the evidence pack all
call :func:`coverage`.
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
    flaws: tuple[tuple[str, str], ...] = ()  # (criterion, why the item is not sound for it)

    def sound_for(self, criterion: str) -> bool:
        return not any(cid == criterion for cid, _ in self.flaws)


MET, PARTLY, NOT_MET = "met", "partly", "not met"


class Sufficiency(NamedTuple):
    """How many items evidence a criterion, how many of them are sound, against the
    centre's minimum; ``status`` met / partly / not met, with the flaws' ``reasons``."""

    count: int
    minimum: int
    met: bool
    sound: int = 0
    status: str = NOT_MET
    reasons: tuple[str, ...] = ()


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


def coverage(events: Iterable[EventLike], catalogue: Catalogue, state: Any = None) -> Coverage:
    """Build the coverage matrix from a workspace's events (any order).

    ``state`` (the projection of the same events) lets the checks that read deadlines
    judge too (AC2's ``deadlines_kept``); every caller in casekit passes it.
    """
    from casekit.feedback import quality

    events = sorted(events, key=lambda e: e.seq)
    judge = quality.context(events, catalogue.quality, state)
    builders: dict[tuple[str, str | None, int | None], _ItemBuilder] = {}
    for event in events:
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
        items.append(builder.build(f"E{n:02d}", catalogue, judge))

    matrix: dict[str, list[str]] = {cid: [] for cid in catalogue.criteria}
    for item in items:
        for cid in item.criteria:
            matrix[cid].append(item.number)
    by_number = {item.number: item for item in items}
    sufficiency = {
        cid: _sufficiency(cid, [by_number[n] for n in numbers], catalogue.minimum(cid))
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
        by_number=by_number,
    )


def _sufficiency(cid: str, items: list[EvidenceItem], minimum: int) -> Sufficiency:
    """Met by enough sound items; partly when flawed ones stand in; else not met."""
    sound = sum(1 for item in items if item.sound_for(cid))
    reasons = tuple(
        dict.fromkeys(
            f"{item.number}: {why}" for item in items for c, why in item.flaws if c == cid
        )
    )
    met = sound >= minimum
    status = MET if met else PARTLY if reasons else NOT_MET
    return Sufficiency(len(items), minimum, met, sound, status, reasons)


def rows(cov: Coverage, catalogue: Catalogue) -> list[dict[str, str]]:
    """The evidence location sheet as flat rows (item, date, case, title, one column per
    criterion marked "x", or "flawed" where the item is not sound for it), ready for CSV
    or an HTML table."""
    out: list[dict[str, str]] = []
    for item in cov.items:
        row = {
            "item": item.number,
            "date": item.date,
            "case": item.case or "",
            "title": item.title,
        }
        for cid in catalogue.criteria:
            row[cid] = ("x" if item.sound_for(cid) else "flawed") if cid in item.criteria else ""
        out.append(row)
    return out


class _ItemBuilder:
    """Collects the events of one evidence item."""

    def __init__(self, group: ItemGroup, first: EventLike) -> None:
        self.group = group
        self.first = first
        self.last = first
        self.seqs: list[int] = []
        self.events: list[EventLike] = []
        self.criteria: set[str] = set()

    def add(self, event: EventLike, criteria: list[str]) -> None:
        self.seqs.append(event.seq)
        self.events.append(event)
        self.criteria.update(criteria)
        self.last = event

    def build(self, number: str, catalogue: Catalogue, judge: Any) -> EvidenceItem:
        from casekit.feedback import quality

        criteria = tuple(cid for cid in catalogue.criteria if cid in self.criteria)
        return EvidenceItem(
            number=number,
            title=_title(self.group.title, self.first),
            date=str(self.last.at)[:10],
            case=self.first.case,
            criteria=criteria,
            group=self.group.id,
            events=tuple(self.seqs),
            flaws=quality.flaws(self.events, self.first.case, criteria, judge),
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
