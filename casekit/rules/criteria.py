"""The criteria catalogue: the unit's outcomes and criteria, and what counts as evidence.

The awarding body's numbered specification is not public, so the catalogue is
*provisional* and lives in one data file (``casekit/data/criteria.toml``). A centre points
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
from casekit.rules.datafiles import DATA_DIR, read_toml

DEFAULT_PATH = DATA_DIR / "criteria.toml"
FORMAT_RULE = "criteria-catalogue-format"
FORMAT_SOURCE = "the catalogue format described in casekit/data/criteria.toml"
ID_PATTERN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$")
ITEM_SCOPES = ("case", "event")


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

    Raises CasekitError naming the file and the field at fault; nothing is cached, so a
    centre's edited file is read afresh.
    """
    file = Path(path) if path is not None else DEFAULT_PATH
    raw = read_toml(file, "criteria catalogue", rule=FORMAT_RULE, source=FORMAT_SOURCE)
    return parse_criteria(raw, origin=str(file))


def parse_criteria(raw: Mapping[str, Any], *, origin: str = "criteria.toml") -> Catalogue:
    """Validate an already-parsed catalogue (a dict from TOML or JSON)."""
    return _Parser(origin).catalogue(raw)


class _Parser:
    """Reads the raw mapping, naming the file and field in every refusal."""

    def __init__(self, origin: str) -> None:
        self.origin = origin

    def fail(self, where: str, problem: str) -> CasekitError:
        return CasekitError(
            f"{self.origin}: {where} {problem}.",
            rule=FORMAT_RULE,
            source=FORMAT_SOURCE,
            field=where,
            advice=(
                "Correct that field in the catalogue file "
                "(compare with the packaged criteria.toml)."
            ),
        )

    # -- primitives -------------------------------------------------------------------
    def table(self, obj: Any, where: str) -> Mapping[str, Any]:
        if not isinstance(obj, Mapping):
            raise self.fail(where, "must be a table")
        return obj

    def text(self, obj: Mapping[str, Any], key: str, where: str) -> str:
        value = obj.get(key)
        if not isinstance(value, str) or not value.strip():
            raise self.fail(f"{where}.{key}" if where else key, "must be non-empty text")
        return value.strip()

    def ident(self, obj: Mapping[str, Any], key: str, where: str) -> str:
        value = self.text(obj, key, where)
        if not ID_PATTERN.match(value):
            raise self.fail(
                f"{where}.{key}",
                f"is {value!r}: an id is letters, digits, '.', '_' or '-' (at most 100)",
            )
        return value

    def count(self, value: Any, where: str) -> int:
        if isinstance(value, bool) or not isinstance(value, int) or value < 0:
            raise self.fail(where, "must be a whole number, 0 or more")
        return value

    def entries(self, raw: Mapping[str, Any], key: str) -> list[Mapping[str, Any]]:
        value = raw.get(key)
        if not isinstance(value, list) or not value:
            raise self.fail(key, "must be a non-empty list of tables ([[" + key + "]])")
        return [self.table(entry, f"{key}[{i}]") for i, entry in enumerate(value)]

    # -- sections ---------------------------------------------------------------------
    def catalogue(self, raw: Mapping[str, Any]) -> Catalogue:
        raw = self.table(raw, "file")
        head = self.table(raw.get("catalogue"), "catalogue")
        provisional = head.get("provisional")
        if not isinstance(provisional, bool):
            raise self.fail("catalogue.provisional", "must be true or false")
        note = head.get("note", "")
        if provisional:
            note = self.text(head, "note", "catalogue")
        elif not isinstance(note, str):
            raise self.fail("catalogue.note", "must be text")
        outcomes = self.outcomes(raw)
        criteria = self.criteria(raw, outcomes)
        evidence = self.evidence(raw, criteria)
        items = self.items(raw, evidence)
        default, minimums, suff_source = self.sufficiency(raw, criteria)
        models, min_words, refl_source = self.reflection(raw)
        return Catalogue(
            path=self.origin,
            id=self.ident(head, "id", "catalogue"),
            provisional=provisional,
            note=note.strip(),
            qualification=self.text(head, "qualification", "catalogue"),
            unit=self.text(head, "unit", "catalogue"),
            source=self.text(head, "source", "catalogue"),
            outcomes=outcomes,
            criteria=criteria,
            evidence=evidence,
            items=items,
            sufficiency_default=default,
            sufficiency=minimums,
            sufficiency_source=suff_source,
            reflection_models=models,
            reflection_min_words=min_words,
            reflection_source=refl_source,
            mahara=self.mahara(raw),
        )

    def outcomes(self, raw: Mapping[str, Any]) -> dict[str, Outcome]:
        found: dict[str, Outcome] = {}
        for i, entry in enumerate(self.entries(raw, "outcomes")):
            where = f"outcomes[{i}]"
            oid = self.ident(entry, "id", where)
            if oid in found:
                raise self.fail(f"{where}.id", f"repeats the outcome id {oid!r}")
            found[oid] = Outcome(oid, self.text(entry, "text", where))
        return found

    def criteria(
        self, raw: Mapping[str, Any], outcomes: dict[str, Outcome]
    ) -> dict[str, Criterion]:
        found: dict[str, Criterion] = {}
        for i, entry in enumerate(self.entries(raw, "criteria")):
            where = f"criteria[{i}]"
            cid = self.ident(entry, "id", where)
            if cid in found:
                raise self.fail(f"{where}.id", f"repeats the criterion id {cid!r}")
            links = entry.get("outcomes")
            if not isinstance(links, list) or not links:
                raise self.fail(f"{where}.outcomes", "must be a non-empty list of outcome ids")
            for link in links:
                if not isinstance(link, str) or link not in outcomes:
                    raise self.fail(
                        f"{where}.outcomes",
                        f"names {link!r}, which is not an outcome (known: {', '.join(outcomes)})",
                    )
            found[cid] = Criterion(
                id=cid,
                text=self.text(entry, "text", where),
                outcomes=tuple(dict.fromkeys(links)),
                evidenced_by=self.text(entry, "evidenced_by", where),
            )
        return found

    def evidence(
        self, raw: Mapping[str, Any], criteria: dict[str, Criterion]
    ) -> dict[str, EvidenceRule]:
        table = self.table(raw.get("evidence"), "evidence")
        found: dict[str, EvidenceRule] = {}
        for kind, value in table.items():
            where = f"evidence.{kind}"
            if isinstance(value, list):
                if not value:
                    raise self.fail(where, "must name at least one criterion")
                for cid in value:
                    if not isinstance(cid, str) or cid not in criteria:
                        raise self.fail(
                            where,
                            f"names {cid!r}, which is not a criterion "
                            f"(known: {', '.join(criteria)})",
                        )
                found[kind] = EvidenceRule(criteria=tuple(dict.fromkeys(value)))
            elif isinstance(value, Mapping):
                if set(value) != {"from_data"}:
                    raise self.fail(where, "as a table must have exactly one key, from_data")
                found[kind] = EvidenceRule(from_data=self.text(value, "from_data", where))
            else:
                raise self.fail(where, "must be a list of criterion ids or { from_data = ... }")
        return found

    def items(
        self, raw: Mapping[str, Any], evidence: dict[str, EvidenceRule]
    ) -> dict[str, ItemGroup]:
        table = self.table(raw.get("items"), "items")
        groups: dict[str, ItemGroup] = {}
        owner: dict[str, str] = {}
        for gid, value in table.items():
            where = f"items.{gid}"
            entry = self.table(value, where)
            per = entry.get("per")
            if per not in ITEM_SCOPES:
                raise self.fail(f"{where}.per", f"must be one of {', '.join(ITEM_SCOPES)}")
            kinds = entry.get("kinds")
            if not isinstance(kinds, list) or not kinds:
                raise self.fail(f"{where}.kinds", "must be a non-empty list of event kinds")
            for kind in kinds:
                if not isinstance(kind, str) or kind not in evidence:
                    raise self.fail(
                        f"{where}.kinds", f"names {kind!r}, which [evidence] does not map"
                    )
                if kind in owner:
                    raise self.fail(
                        f"{where}.kinds", f"repeats {kind!r}, already in items.{owner[kind]}"
                    )
                owner[kind] = gid
            groups[gid] = ItemGroup(gid, self.text(entry, "title", where), per, tuple(kinds))
        for kind in evidence:
            if kind not in owner:
                raise self.fail(f"evidence.{kind}", "is in no [items] group")
        return groups

    def sufficiency(
        self, raw: Mapping[str, Any], criteria: dict[str, Criterion]
    ) -> tuple[int, dict[str, int], str]:
        table = self.table(raw.get("sufficiency", {}), "sufficiency")
        default = self.count(table.get("default", 2), "sufficiency.default")
        source = table.get("source", "")
        if not isinstance(source, str):
            raise self.fail("sufficiency.source", "must be text")
        minimums: dict[str, int] = {}
        for key, value in table.items():
            if key in ("default", "source"):
                continue
            if key not in criteria:
                raise self.fail(
                    f"sufficiency.{key}", f"is not a criterion (known: {', '.join(criteria)})"
                )
            minimums[key] = self.count(value, f"sufficiency.{key}")
        return default, minimums, source

    def reflection(self, raw: Mapping[str, Any]) -> tuple[dict[str, ReflectionModel], int, str]:
        table = self.table(raw.get("reflection"), "reflection")
        min_words = self.count(table.get("min_words", 1), "reflection.min_words")
        models_raw = table.get("models")
        if not isinstance(models_raw, list) or not models_raw:
            raise self.fail("reflection.models", "must be a non-empty list of models")
        models: dict[str, ReflectionModel] = {}
        for i, value in enumerate(models_raw):
            where = f"reflection.models[{i}]"
            entry = self.table(value, where)
            mid = self.ident(entry, "id", where)
            if mid in models:
                raise self.fail(f"{where}.id", f"repeats the model id {mid!r}")
            sections_raw = entry.get("sections")
            if not isinstance(sections_raw, list) or not sections_raw:
                raise self.fail(f"{where}.sections", "must be a non-empty list of sections")
            sections: list[ReflectionSection] = []
            for j, sec_value in enumerate(sections_raw):
                swhere = f"{where}.sections[{j}]"
                sec = self.table(sec_value, swhere)
                sid = self.ident(sec, "id", swhere)
                if any(s.id == sid for s in sections):
                    raise self.fail(f"{swhere}.id", f"repeats the section id {sid!r}")
                sections.append(
                    ReflectionSection(
                        sid, self.text(sec, "label", swhere), self.text(sec, "prompt", swhere)
                    )
                )
            models[mid] = ReflectionModel(mid, self.text(entry, "name", where), tuple(sections))
        return models, max(min_words, 1), self.text(table, "source", "reflection")

    def mahara(self, raw: Mapping[str, Any]) -> dict[str, Any]:
        table = self.table(raw.get("mahara", {}), "mahara")
        institution = table.get("institution", "all")
        if not isinstance(institution, str) or not institution.strip():
            raise self.fail("mahara.institution", "must be non-empty text")
        selfassess = table.get("selfassess", False)
        if not isinstance(selfassess, bool):
            raise self.fail("mahara.selfassess", "must be true or false")
        statuses = self.table(table.get("evidencestatuses", {}), "mahara.evidencestatuses")
        for key, label in statuses.items():
            if key not in MAHARA_STATUS_KEYS:
                raise self.fail(
                    f"mahara.evidencestatuses.{key}",
                    f"is not a Mahara status (one of {', '.join(MAHARA_STATUS_KEYS)})",
                )
            if not isinstance(label, str) or not label.strip():
                raise self.fail(f"mahara.evidencestatuses.{key}", "must be non-empty text")
        return {
            "institution": institution,
            "selfassess": selfassess,
            "evidencestatuses": dict(statuses),
        }


# The four evidence statuses Mahara's framework importer understands
# (Framework::EVIDENCE_BEGUN .. EVIDENCE_COMPLETED in htdocs/module/framework/lib.php).
MAHARA_STATUS_KEYS = ("begun", "incomplete", "partialcomplete", "completed")
