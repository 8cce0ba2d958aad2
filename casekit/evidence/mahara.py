"""Export the criteria catalogue as a Mahara SmartEvidence framework (``.matrix`` file).

A centre that keeps portfolios in Mahara can import the same criteria casekit coaches
against, so a learner's evidence map in Mahara and the casekit evidence location sheet
use one numbering.

The shape is Mahara's "version 2" matrix file, as read by
``PluginModuleFramework::matrix_is_valid_json`` and ``Framework::commit`` in
``htdocs/module/framework/lib.php`` (and the bundled ``matrices/nace_usa.matrix``):
``framework{institution, name, description, selfassess, evidencestatuses[{key: label}],
standards[{shortname, name, description, standardid}], standardelements[{shortname,
name, description, standardid, elementid}]}``. Mahara rejects a short name over 100
characters and a name over 255 (Mahara manual, "Import a framework file").

casekit maps the unit to one standard and each criterion to one standard element (the
thing evidence is annotated against); the element description carries the outcomes it
addresses and what evidences it.
"""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path
from typing import Any

from casekit.errors import CasekitError
from casekit.rules.criteria import MAHARA_STATUS_KEYS, Catalogue

SHORTNAME_MAX = 100
NAME_MAX = 255
LIMITS_SOURCE = (
    "Mahara manual, SmartEvidence: Import a framework file "
    "(short name at most 100 characters, name at most 255)"
)


def matrix(catalogue: Catalogue) -> dict[str, Any]:
    """The ``.matrix`` document for a catalogue, as a JSON-ready dict."""
    description = f"{catalogue.qualification}. Unit: {catalogue.unit}."
    if catalogue.provisional:
        description += f" {catalogue.note}"
    standards = [
        {
            "shortname": _limit(catalogue.id, SHORTNAME_MAX, "catalogue.id"),
            "name": _limit(catalogue.unit, NAME_MAX, "catalogue.unit"),
            "description": f"Assessment criteria of the unit. Source: {catalogue.source}.",
            "standardid": 1,
        }
    ]
    elements = []
    for criterion in catalogue.criteria.values():
        outcomes = "; ".join(f"{oid} {catalogue.outcomes[oid].text}" for oid in criterion.outcomes)
        elements.append(
            {
                "shortname": _limit(criterion.id, SHORTNAME_MAX, f"criteria.{criterion.id}.id"),
                "name": _limit(criterion.text, NAME_MAX, f"criteria.{criterion.id}.text"),
                "description": f"Outcomes: {outcomes}. Evidenced by: {criterion.evidenced_by}.",
                "standardid": 1,
                "elementid": criterion.id,
            }
        )
    statuses = catalogue.mahara.get("evidencestatuses", {})
    framework: dict[str, Any] = {
        "institution": catalogue.mahara.get("institution", "all"),
        "name": _limit(f"{catalogue.unit} ({catalogue.qualification})", NAME_MAX, "catalogue.unit"),
        "description": description,
        "selfassess": bool(catalogue.mahara.get("selfassess", False)),
        "evidencestatuses": [{key: statuses[key]} for key in MAHARA_STATUS_KEYS if key in statuses],
        "standards": standards,
        "standardelements": elements,
    }
    return {"framework": framework}


def export_matrix(catalogue: Catalogue, path: str | Path) -> Path:
    """Write the catalogue as a Mahara ``.matrix`` file; returns the path written.

    Mahara only recognises files ending in ``.matrix``, so another suffix is refused.
    The file is written whole or not at all.
    """
    target = Path(path)
    if target.suffix != ".matrix":
        raise CasekitError(
            f"Mahara only imports framework files ending in .matrix; {target.name} does not.",
            rule="mahara-matrix-suffix",
            source="Mahara manual, SmartEvidence: Import a framework file",
            field="path",
            advice=f"Name the file {target.stem}.matrix.",
        )
    document = matrix(catalogue)
    text = json.dumps(document, indent=2, ensure_ascii=False) + "\n"
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=".matrix-", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
        mask = os.umask(0)
        os.umask(mask)
        os.chmod(tmp, 0o666 & ~mask)  # an ordinary file, not mkstemp's private 0600
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return target


def _limit(value: str, limit: int, where: str) -> str:
    if len(value) > limit:
        raise CasekitError(
            f"{where} is {len(value)} characters; Mahara accepts at most {limit} there.",
            rule="mahara-field-length",
            source=LIMITS_SOURCE,
            field=where,
            advice="Shorten it in the criteria catalogue before exporting.",
        )
    return value
