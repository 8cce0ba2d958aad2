"""The notebooks' forms: one ipywidgets component per step of the casework, and the desk
that holds them all.

Use from a notebook::

    from casekit import ui
    ui.desk()

A learner's form needs no arguments: the workspace is found (``CASEKIT_WORKSPACE``, set
by ``make lab``, ``casekit app`` and the tests; else ``my-workspace`` beside the notebooks)
and made from the case pack the first time (:mod:`casekit.ui.session`). Each function
also takes the workspace folder (or, for the tutor and assessor, a folder of packs) and
returns a widget. Importing this package is light: ipywidgets and each form's module load
only when a form is first asked for (PEP 562 ``__getattr__``).
"""

from __future__ import annotations

import functools
import importlib
from collections.abc import Callable
from typing import Any

# public name -> (module, attribute)
_EXPORTS: dict[str, tuple[str, str]] = {
    "desk": ("casekit.ui.desk_step", "desk"),
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
# The learner's forms: called with no workspace, they use the learner's own (made from
# the case pack the first time); a folder named is used as it is. The start form makes
# the workspace itself, so it is only told where.
_LEARNER = frozenset(
    {
        "desk",
        "intake",
        "verification",
        "contacts",
        "dashboard",
        "drafting",
        "approval",
        "satisfaction",
        "reflection",
        "knowledge_check",
        "coaching",
        "export",
        "send_to_tutor",
    }
)

__all__ = sorted(_EXPORTS)


def _learners(form: Callable[..., Any]) -> Callable[..., Any]:
    """``form`` with its workspace found and made ready when it is not given."""

    @functools.wraps(form)
    def call(workspace: Any = None, *args: Any, **kwargs: Any) -> Any:
        if workspace is None:  # the learner's own, made from their case pack if need be
            from casekit.ui.session import ready_workspace

            workspace = ready_workspace()
        return form(workspace, *args, **kwargs)

    return call


def _starts(form: Callable[..., Any]) -> Callable[..., Any]:
    @functools.wraps(form)
    def call(workspace: Any = None, pack: Any = None, **kwargs: Any) -> Any:
        from casekit.ui.session import learner_pack, learner_workspace

        return form(workspace or learner_workspace(), pack or learner_pack(), **kwargs)

    return call


def __getattr__(name: str) -> Any:
    try:
        module_name, attribute = _EXPORTS[name]
    except KeyError:
        raise AttributeError(f"module 'casekit.ui' has no attribute {name!r}") from None
    value = getattr(importlib.import_module(module_name), attribute)
    if name in _LEARNER:
        value = _learners(value)
    elif name == "start":
        value = _starts(value)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *_EXPORTS})
