"""The notebooks' forms: one ipywidgets component per step of the casework.

Use from a notebook::

    from casekit import ui
    ui.intake(WORKSPACE)

Each function takes the workspace folder (or, for the tutor and assessor, a folder of
packs) and returns a widget. Importing this package is light: ipywidgets and each form's
module load only when a form is first asked for (PEP 562 ``__getattr__``).
"""

from __future__ import annotations

import importlib
from typing import Any

# public name -> (module, attribute)
_EXPORTS: dict[str, tuple[str, str]] = {
    "start": ("casekit.ui.start_step", "start"),
    "intake": ("casekit.ui.intake_step", "intake"),
    "verification": ("casekit.ui.verification_step", "verification"),
    "contacts": ("casekit.ui.contacts_step", "contacts"),
    "dashboard": ("casekit.ui.dashboard_step", "dashboard"),
    "clock_calculator": ("casekit.ui.calculator_step", "clock_calculator"),
    "drafting": ("casekit.ui.drafting_step", "drafting"),
    "approval": ("casekit.ui.approval_step", "approval"),
    "satisfaction": ("casekit.ui.satisfaction_step", "satisfaction"),
    "reflection": ("casekit.ui.reflection_step", "reflection"),
    "knowledge_check": ("casekit.ui.knowledge_step", "knowledge_check"),
    "coaching": ("casekit.ui.coaching_step", "coaching"),
    "export": ("casekit.ui.export_step", "export"),
    "tutor": ("casekit.ui.tutor_step", "tutor"),
    "assessor": ("casekit.ui.assessor_step", "assessor"),
    "assessor_feedback": ("casekit.ui.feedback_step", "assessor_feedback"),
    "classroom": ("casekit.ui.classroom_step", "classroom"),
    "send_to_tutor": ("casekit.ui.send_step", "send_to_tutor"),
    "shows_errors": ("casekit.ui.errors", "shows_errors"),
}

__all__ = sorted(_EXPORTS)


def __getattr__(name: str) -> Any:
    try:
        module_name, attribute = _EXPORTS[name]
    except KeyError:
        raise AttributeError(f"module 'casekit.ui' has no attribute {name!r}") from None
    value = getattr(importlib.import_module(module_name), attribute)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *_EXPORTS})
