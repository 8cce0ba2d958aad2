"""The one door: every command, form, notebook, the demo and the benchmarks call casekit
through this package (as nbgrader's apps call ``NbGraderAPI``).

``from casekit import api`` is cheap: each name is imported from its submodule the first
time it is used, so ``casekit --help`` loads nothing heavy. The submodules group the API
by who uses it and when:

- :mod:`casekit.api.workspaces`: make, open and read a workspace; the log and its chain
- :mod:`casekit.api.casework`: the learner's guarded actions, and the words on the forms
- :mod:`casekit.api.simulation`: the simulation clock, for one learner or a whole class
- :mod:`casekit.api.drafting`: starting drafts, live checks, saving, the member's approval
- :mod:`casekit.api.closing`: satisfaction, reflection, knowledge check, declaration
- :mod:`casekit.api.feedback`: deadlines, coverage, coaching, the criteria
- :mod:`casekit.api.clocks`: the what-if deadline calculator and "why this date?"
- :mod:`casekit.api.evidence`: export, verify, review, class summaries
- :mod:`casekit.api.trust`: the tutor's witness ledger, the assessor's ledger, signing keys
- :mod:`casekit.api.scenarios`: scenario packs, answer keys and class packs
- :mod:`casekit.api.data`: the data files a centre edits, and every problem with one
- :mod:`casekit.api.classroom`: a class on JupyterHub and its classroom service
"""

from __future__ import annotations

import importlib
from typing import Any

from casekit.errors import CasekitError

_SUBMODULES = (
    "workspaces",
    "casework",
    "simulation",
    "drafting",
    "closing",
    "feedback",
    "clocks",
    "evidence",
    "trust",
    "scenarios",
    "data",
    "classroom",
)
_INDEX: dict[str, str] | None = None


def _index() -> dict[str, str]:
    """Which submodule defines each public name, read from their ``__all__`` lists.

    Only the small ``_exports`` module is read here; the submodules themselves load on
    first use of one of their names.
    """
    global _INDEX
    if _INDEX is None:
        from casekit.api._exports import EXPORTS

        _INDEX = {name: module for module, names in EXPORTS.items() for name in names}
    return _INDEX


def __getattr__(name: str) -> Any:
    module = _index().get(name)
    if module is None:
        raise AttributeError(f"casekit.api has no {name!r}")
    value = getattr(importlib.import_module(f"casekit.api.{module}"), name)
    globals()[name] = value  # next time, no lookup
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *_index()})


__all__ = ["CasekitError"]
