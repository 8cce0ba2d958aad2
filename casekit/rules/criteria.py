"""The criteria catalogue: the unit's outcomes and criteria, and what counts as evidence.

The awarding body's numbered specification is not public, so the catalogue is
*provisional* and lives in one data file (``casekit/data/criteria.toml``), read and checked
through :mod:`casekit.rules.datafiles` (every problem reported at once). A centre points
:func:`load_criteria` at its own file to use its own numbering without touching code.
Everything that maps the log to criteria (coverage, coaching, the evidence pack) asks the
:class:`Catalogue`, never a hard-coded list.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from casekit.errors import CasekitError
from casekit.rules.datafiles import DATA_DIR, data_error, read_data, validate

DEFAULT_PATH = DATA_DIR / "criteria.toml"
FORMAT_RULE = "criteria-catalogue-format"
FORMAT_SOURCE = "the catalogue format described in casekit/data/criteria.toml"
ID_PATTERN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$")
ITEM_SCOPES = ("case", "event")
# The soundness checks a catalogue's [quality.checks] may name (casekit/feedback/quality.py
# implements each; a test keeps the two lists equal).
QUALITY_CHECKS = (
    "facts_verified",
    "discrepancies_resolved",
    "deadlines_kept",
    "no_unresolved_breach",
    "low_scores_followed_up",
    "knowledge_pass_mark",
    "escalation_fits_the_case",
    "same_day_escalation",
)


@dataclass(frozen=True)
class Outcome:
    """A learning outcome: what the learner must be able to do."""

    id: str
    text: str


@dataclass(frozen=True)
class Criterion:
    """An assessment criterion: what the assessor credits, and where casekit shows it."""

    id: str
    text: str
    outcomes: tuple[str, ...]
    evidenced_by: str


@dataclass(frozen=True)
class EvidenceRule:
    """Which criteria an event kind evidences: named here, or named by the event itself."""

    criteria: tuple[str, ...] = ()
    from_data: str | None = None


@dataclass(frozen=True)
class ItemGroup:
    """How events of some kinds are gathered into one numbered evidence item."""

    id: str
    title: str
    per: str
    kinds: tuple[str, ...]


@dataclass(frozen=True)
class ReflectionSection:
    id: str
    label: str
    prompt: str


@dataclass(frozen=True)
class ReflectionModel:
    """A reflective model (Gibbs, Kolb): the sections a reflective account must fill."""

    id: str
    name: str
    sections: tuple[ReflectionSection, ...]


@dataclass(frozen=True)
class RouteNeed:
    """What a case must show for an escalation route to fit it: one of its case kinds,
    or an event of ``or_kind``; ``says`` what is missing, in the learner's words."""

    case_kinds: tuple[str, ...] = ()
    or_kind: str = ""
    says: str = ""


@dataclass(frozen=True)
class Quality:
    """When evidence is sound: each criterion's checks and their thresholds."""

    checks: dict[str, tuple[str, ...]] = field(default_factory=dict)
    knowledge_pass_percent: int = 0
    unresolved_severity: str = "breach"
    same_day_routes: tuple[str, ...] = ()
    route_needs: dict[str, RouteNeed] = field(default_factory=dict)
    source: str = ""


@dataclass(frozen=True)
class Catalogue:
    """A loaded, validated criteria catalogue."""

    path: str
    id: str
    provisional: bool
    note: str
    qualification: str
    unit: str
    source: str
    outcomes: dict[str, Outcome]
    criteria: dict[str, Criterion]
    evidence: dict[str, EvidenceRule]
    items: dict[str, ItemGroup]
    sufficiency_default: int
    sufficiency: dict[str, int]
    sufficiency_source: str
    reflection_models: dict[str, ReflectionModel]
    reflection_min_words: int
    reflection_source: str
    mahara: dict[str, Any] = field(default_factory=dict)
    quality: Quality = field(default_factory=Quality)

    def criterion(self, criterion_id: str) -> Criterion:
        """The criterion with this id, or a CasekitError naming the known ones."""
        try:
            return self.criteria[criterion_id]
        except KeyError:
            raise CasekitError(
                f"There is no criterion {criterion_id!r} in the catalogue "
                f"(known: {', '.join(self.criteria)}).",
                rule="unknown-criterion",
                source=self.path,
                field="criteria",
            ) from None

    def criteria_for_event(self, kind: str, data: Mapping[str, Any] | None = None) -> list[str]:
        """The criteria an event of this kind (with this data) is evidence for, in
        catalogue order. Kinds the catalogue does not map give an empty list."""
        rule = self.evidence.get(kind)
        if rule is None:
            return []
        named: set[str] = set(rule.criteria)
        if rule.from_data is not None:
            value = (data or {}).get(rule.from_data)
            if isinstance(value, str):
                value = [value]
            if isinstance(value, list | tuple):
                named.update(v for v in value if isinstance(v, str))
        return [cid for cid in self.criteria if cid in named]

    def minimum(self, criterion_id: str) -> int:
        """The centre-set minimum number of evidence items for this criterion."""
        self.criterion(criterion_id)
        return self.sufficiency.get(criterion_id, self.sufficiency_default)

    def group_for_kind(self, kind: str) -> ItemGroup | None:
        """The evidence-item group that gathers events of this kind."""
        for group in self.items.values():
            if kind in group.kinds:
                return group
        return None


def load_criteria(path: str | Path | None = None) -> Catalogue:
    """Load and validate a criteria catalogue (the packaged provisional one by default).

    Raises CasekitError listing every problem, each with the file and its field; nothing
    is cached, so a centre's edited file is read afresh.
    """
    file = Path(path) if path is not None else DEFAULT_PATH
    return _build(read_data("criteria", file), str(file))


def parse_criteria(raw: Mapping[str, Any], *, origin: str = "criteria.toml") -> Catalogue:
    """Validate an already-parsed catalogue (a dict from TOML or JSON)."""
    problems = validate("criteria", raw, origin=origin)
    if problems:
        raise data_error("criteria", problems, origin)
    return _build(raw, origin)


def _build(raw: Mapping[str, Any], origin: str) -> Catalogue:
    """The catalogue from a checked file (every field's shape and reference is sound)."""
    head = raw["catalogue"]
    suff = dict(raw.get("sufficiency", {}))
    reflection = raw["reflection"]
    mahara = raw.get("mahara", {})
    return Catalogue(
        path=origin,
        id=head["id"].strip(),
        provisional=head["provisional"],
        note=str(head.get("note", "")).strip(),
        qualification=head["qualification"].strip(),
        unit=head["unit"].strip(),
        source=head["source"].strip(),
        outcomes={o["id"]: Outcome(o["id"], o["text"].strip()) for o in raw["outcomes"]},
        criteria={
            c["id"]: Criterion(
                id=c["id"],
                text=c["text"].strip(),
                outcomes=tuple(dict.fromkeys(c["outcomes"])),
                evidenced_by=c["evidenced_by"].strip(),
            )
            for c in raw["criteria"]
        },
        evidence={
            kind: EvidenceRule(criteria=tuple(dict.fromkeys(rule)))
            if isinstance(rule, list)
            else EvidenceRule(from_data=rule["from_data"].strip())
            for kind, rule in raw["evidence"].items()
        },
        items={
            gid: ItemGroup(gid, entry["title"].strip(), entry["per"], tuple(entry["kinds"]))
            for gid, entry in raw["items"].items()
        },
        sufficiency_default=suff.pop("default", 2),
        sufficiency_source=suff.pop("source", ""),
        sufficiency=suff,
        reflection_models={
            m["id"]: ReflectionModel(
                m["id"],
                m["name"].strip(),
                tuple(
                    ReflectionSection(s["id"], s["label"].strip(), s["prompt"].strip())
                    for s in m["sections"]
                ),
            )
            for m in reflection["models"]
        },
        reflection_min_words=max(reflection.get("min_words", 1), 1),
        reflection_source=reflection["source"].strip(),
        mahara={
            "institution": mahara.get("institution", "all"),
            "selfassess": mahara.get("selfassess", False),
            "evidencestatuses": dict(mahara.get("evidencestatuses", {})),
        },
        quality=_quality(raw.get("quality") or {}),
    )


def _quality(raw: Mapping[str, Any]) -> Quality:
    """The ``[quality]`` section: none in a catalogue means every item counts as sound."""
    return Quality(
        checks={cid: tuple(dict.fromkeys(ids)) for cid, ids in raw.get("checks", {}).items()},
        knowledge_pass_percent=int(raw.get("knowledge_pass_percent", 0)),
        unresolved_severity=str(raw.get("unresolved_severity", "breach")),
        same_day_routes=tuple(raw.get("same_day_routes", ())),
        route_needs={
            route: RouteNeed(
                tuple(need.get("case_kinds", ())),
                str(need.get("or_kind", "")),
                str(need.get("says", "")).strip(),
            )
            for route, need in raw.get("route_needs", {}).items()
        },
        source=str(raw.get("source", "")).strip(),
    )


# The four evidence statuses Mahara's framework importer understands
# (Framework::EVIDENCE_BEGUN .. EVIDENCE_COMPLETED in htdocs/module/framework/lib.php).
MAHARA_STATUS_KEYS = ("begun", "incomplete", "partialcomplete", "completed")
