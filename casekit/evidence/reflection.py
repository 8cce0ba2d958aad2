"""Reflective accounts: a learner's structured reflection on a case (Gibbs or Kolb).

Assessors look for "a reflective log on a challenging case, the protocols followed and
the lessons learned", naming the case, the date and the criteria it addresses. The models
and their sections are data in the criteria catalogue; this module checks that every
section is really answered and records the account as a ``reflection_recorded`` event.
The text is the learner's own writing about people, so it is stored as personal values
(erasable under retention); the model, case, date and criteria stay in the event data,
where coverage reads them.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date
from typing import TYPE_CHECKING, Any

from casekit.errors import CasekitError
from casekit.inputs.dates import parse_date
from casekit.rules.criteria import Catalogue, ReflectionModel, load_criteria

if TYPE_CHECKING:
    from casekit.record.log import Event
    from casekit.record.workspace import Workspace

RULE = "reflection-complete"
WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")


def models(catalogue: Catalogue | None = None) -> list[ReflectionModel]:
    """The reflective models a learner can choose from, in catalogue order."""
    return list((catalogue or load_criteria()).reflection_models.values())


def validate_reflection(
    catalogue: Catalogue,
    *,
    model: Any,
    case_ref: Any,
    date: Any,
    criteria: Any,
    sections: Any,
    known_cases: Mapping[str, date | None],
    today: date | None = None,
) -> dict[str, Any]:
    """Check a reflective account; return it normalised, or raise CasekitError naming
    the first field at fault. ``known_cases`` maps each case in the log to the date it
    was received; ``today`` is the simulation date (a reflection cannot be dated later)."""
    source = catalogue.reflection_source

    def fail(field: str, message: str, advice: str) -> CasekitError:
        return CasekitError(message, rule=RULE, source=source, field=field, advice=advice)

    chosen = catalogue.reflection_models.get(model) if isinstance(model, str) else None
    if chosen is None:
        raise fail(
            "model",
            f"There is no reflective model {model!r}.",
            f"Choose one of: {', '.join(catalogue.reflection_models)}.",
        )
    if not isinstance(case_ref, str) or case_ref not in known_cases:
        raise fail(
            "case_ref",
            f"There is no case {case_ref!r} in this workspace's log.",
            "Choose the case you are reflecting on from your cases.",
        )
    when = _as_date(date)
    if when is None:
        raise fail("date", f"{date!r} is not a date.", "Give the date as YYYY-MM-DD.")
    if today is not None and when > today:
        raise fail(
            "date",
            f"The reflection is dated {when.isoformat()}, after today ({today.isoformat()}).",
            "Date it on or before today.",
        )
    received = known_cases.get(case_ref)
    if received is not None and when < received:
        raise fail(
            "date",
            f"The reflection is dated {when.isoformat()}, before case {case_ref} was "
            f"received ({received.isoformat()}).",
            "Date it on or after the day the case arrived.",
        )
    if isinstance(criteria, str):
        criteria = [criteria]
    if not isinstance(criteria, list | tuple) or not criteria:
        raise fail(
            "criteria",
            "A reflection must name at least one criterion it addresses.",
            f"Choose from: {', '.join(catalogue.criteria)}.",
        )
    for cid in criteria:
        if not isinstance(cid, str) or cid not in catalogue.criteria:
            raise fail(
                "criteria",
                f"{cid!r} is not a criterion in the catalogue.",
                f"Choose from: {', '.join(catalogue.criteria)}.",
            )
    if not isinstance(sections, Mapping):
        raise fail(
            "sections",
            "The reflection's sections are missing.",
            f"Fill in each section of the {chosen.name}.",
        )
    wanted = {s.id: s for s in chosen.sections}
    for key in sections:
        if key not in wanted:
            raise fail(
                f"sections.{key}",
                f"{key!r} is not a section of the {chosen.name}.",
                f"Its sections are: {', '.join(s.label for s in chosen.sections)}.",
            )
    texts: dict[str, str] = {}
    for section in chosen.sections:
        value = sections.get(section.id)
        text = value.strip() if isinstance(value, str) else ""
        if len(WORD.findall(text)) < catalogue.reflection_min_words:
            raise fail(
                f"sections.{section.id}",
                f"The section '{section.label}' needs at least a sentence "
                f"({catalogue.reflection_min_words} words or more).",
                f"Answer the prompt: {section.prompt}",
            )
        texts[section.id] = text
    return {
        "model": chosen.id,
        "case": case_ref,
        "date": when.isoformat(),
        "criteria": [cid for cid in catalogue.criteria if cid in set(criteria)],
        "sections": texts,
    }


def record_reflection(
    ws: Workspace,
    *,
    model: str,
    case_ref: str,
    date: date | str,
    criteria: list[str],
    sections: dict[str, str],
    catalogue: Catalogue | None = None,
) -> Event:
    """Validate a reflective account against the log and append ``reflection_recorded``.
    Nothing is written if any field is wrong."""
    catalogue = catalogue or load_criteria()
    with ws.transaction():
        known: dict[str, date | None] = {}
        for event in ws.events(kinds=["enquiry_received"]):
            if event.case:
                received = event.data.get("received_at") or event.at
                known[event.case] = _as_date(received)
        clean = validate_reflection(
            catalogue,
            model=model,
            case_ref=case_ref,
            date=date,
            criteria=criteria,
            sections=sections,
            known_cases=known,
            today=ws.now.date(),
        )
        texts = clean.pop("sections")
        clean["sections"] = list(texts)
        clean["words"] = sum(len(WORD.findall(t)) for t in texts.values())
        return ws.append("reflection_recorded", clean, case=case_ref, personal={"sections": texts})


def _as_date(value: Any) -> date | None:
    """A date in any form :func:`casekit.inputs.dates.parse_date` reads, else None."""
    try:
        return parse_date(value, "date")
    except CasekitError:
        return None
