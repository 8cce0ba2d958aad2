"""casekit: practise councillor casework on synthetic cases and turn the work into evidence.

Importing this package is cheap on purpose: pandas, Faker and ipywidgets are imported
only by the modules that use them, so ``casekit --help`` starts fast.
"""

from __future__ import annotations

__version__ = "0.1.0"

from casekit.errors import CasekitError

__all__ = ["CasekitError", "__version__"]
