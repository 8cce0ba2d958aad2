"""The trap registry: every module in this package that defines ``TRAP`` is a trap."""

from __future__ import annotations

import importlib
import pkgutil
from functools import cache

from casekit.scenarios.traps.base import CasePlan, PackInfo, Trap, TrapContext

__all__ = ["CasePlan", "PackInfo", "Trap", "TrapContext", "registry"]


@cache
def registry() -> dict[str, Trap]:
    """Trap id -> definition, sorted by id so allocation is deterministic."""
    found: dict[str, Trap] = {}
    for info in pkgutil.iter_modules(__path__):
        if info.name == "base":
            continue
        module = importlib.import_module(f"{__name__}.{info.name}")
        trap = getattr(module, "TRAP", None)
        if isinstance(trap, Trap):
            found[trap.id] = trap
    return dict(sorted(found.items()))
