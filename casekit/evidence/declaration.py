"""The learner's declaration of authenticity: signed once the work is done, before export.

An assessor may only credit evidence that is the learner's own; the declaration is that
claim in the learner's words (the statement is data, the signature is an event), and the
hash-chained log is the proof behind it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from casekit.evidence.config import refuse, settings
from casekit.inputs.fields import not_text
from casekit.inputs.names import same_name
from casekit.record.log import Event

if TYPE_CHECKING:
    from casekit.record.workspace import Workspace

MAX_NAME = 200


def default_statement() -> str:
    return str(settings()["declaration"]["statement"])


def sign_declaration(ws: Workspace, name: str, statement: str | None = None) -> Event:
    """Append ``declaration_signed``. The name must be the learner's own: when learner
    details are recorded, it must match the name in them."""
    if not isinstance(name, str) or not name.strip():
        raise refuse("declaration-name", "The name is empty.", field="name")
    name = " ".join(name.split())
    if len(name) > MAX_NAME:
        raise refuse(
            "declaration-name", f"The name is longer than {MAX_NAME} characters.", field="name"
        )
    if not_text(name):
        raise refuse("declaration-name", f"The name {not_text(name)}.", field="name")
    text = default_statement() if statement is None else " ".join(str(statement).split())
    if not text:
        raise refuse("declaration-name", "The statement is empty.", field="statement")
    with ws.transaction():
        recorded = ws.state().learner.get("name")
        if recorded and not same_name(str(recorded), name):
            raise refuse(
                "declaration-name",
                f"'{name}' is not the name in the learner details ('{recorded}').",
                field="name",
            )
        return ws.append(
            "declaration_signed",
            {"statement": text, "source": settings()["declaration"]["source"]},
            personal={"name": name},
        )
