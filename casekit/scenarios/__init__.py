"""Synthetic casework: a council, cases with planted traps, timelines, packs and class packs.

Generation is deterministic: every record draws its randomness from its own seed, derived
from the pack seed, the learner, the case index and the purpose (see :mod:`.seeds`), so the
same inputs give byte-identical packs in any process. Faker is imported lazily.
"""

from __future__ import annotations

__all__ = ["SCHEMA_VERSION"]

SCHEMA_VERSION = 1
