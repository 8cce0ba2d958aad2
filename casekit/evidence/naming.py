"""How a pack names things: people, wards, services and cases by name, not by the ids
the log keeps (``M02``, ``W01``, ``C001``), and a reflection's sections in its model's order.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from casekit.record.log import Event
from casekit.rules.vocabulary import CASE_KINDS, CATEGORIES, CHANNELS

if TYPE_CHECKING:
    from casekit.record.projection import State

__all__ = ["NAMED", "Names", "case_name", "names_of", "reflection_sections"]


# Fields that hold an id, shown by the name it stands for (and under this label).
NAMED = {
    "member_id": "member",
    "ward_id": "ward",
    "service": "service",
    "other": "other case",
    "case_kind": "case kind",
    "category": "category",
    "channel": "channel",
}
Names = dict[str, dict[str, str]]


def names_of(state: State) -> Names:
    """What each id in the log stands for, so a pack names people, wards, services and
    cases (``M02`` is "Cllr Jo Bloggs", ``C001`` "C001 (Aisha Okafor, highways)")."""
    out: Names = {"member_id": {}, "ward_id": {}, "service": {}, "other": {}}
    council = state.council
    if council is not None:
        out["member_id"] = {k: m.name for k, m in council.members.items()}
        out["ward_id"] = {k: w.name for k, w in council.wards.items()}
        out["service"] = {k: s.name for k, s in council.services.items()}
    out["other"] = {ref: case_name(state, ref) for ref in state.cases}
    out["case_kind"] = dict(CASE_KINDS)
    out["category"] = dict(CATEGORIES)
    out["channel"] = dict(CHANNELS)
    return out


def case_name(state: State, ref: str) -> str:
    """A case as people name it: its reference, the constituent and what it is about."""
    case = state.cases.get(ref)
    if case is None:
        return ref
    who = str(case.constituent.get("name", ""))
    about = CATEGORIES.get(case.category, case.category)
    return f"{ref} ({', '.join(x for x in (who, about) if x)})" if who or about else ref


def reflection_sections(event: Event) -> list[tuple[str, str]]:
    """A reflection's sections in its model's order (Gibbs: description, feelings,
    evaluation, analysis, conclusion, action plan; Kolb: experience to experimentation),
    each under the model's label."""
    sections = event.get("sections")
    if not isinstance(sections, dict):
        return []
    order = [s for s in event.data.get("sections", []) if isinstance(s, str)]
    labels: dict[str, str] = {}
    try:
        from casekit.rules.criteria import load_criteria

        model = load_criteria().reflection_models.get(str(event.data.get("model", "")))
    except Exception:  # a catalogue that cannot be read: the log's own order and ids
        model = None
    if model is not None:
        labels = {s.id: s.label for s in model.sections}
        order = [s.id for s in model.sections] + order
    keys = list(dict.fromkeys([*order, *sections]))
    return [(labels.get(k, k.replace("_", " ")), str(sections[k])) for k in keys if k in sections]
