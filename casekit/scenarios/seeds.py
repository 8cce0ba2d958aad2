"""Derived seeds: one seed per record and purpose.

Drawing every record from one shared random stream would make a new field in one record
reshuffle all the others. Instead each record's randomness comes from
``sha256(pack seed, learner, case index, purpose)``, so records are independent.
"""

from __future__ import annotations

import hashlib
import random
from typing import Any

_FAKER: Any = None


def derive_seed(pack_seed: int, learner: str | None, index: int, purpose: str) -> int:
    """A 64-bit seed for one record and purpose, stable across processes and platforms."""
    text = f"casekit\n{int(pack_seed)}\n{learner or ''}\n{int(index)}\n{purpose}"
    return int.from_bytes(hashlib.sha256(text.encode("utf-8")).digest()[:8], "big")


def rng_for(pack_seed: int, learner: str | None, index: int, purpose: str) -> random.Random:
    """A private ``random.Random`` for one record and purpose."""
    return random.Random(derive_seed(pack_seed, learner, index, purpose))


def faker_for(seed: int) -> Any:
    """A ``Faker("en_GB")`` seeded for one record.

    Reseeding one instance gives exactly the output a fresh instance with the same seed
    would (``seed_instance`` replaces the instance's random state), without paying for a
    new instance per record; the instance is private to this module, so no other caller's
    draws can interleave with a record's.
    """
    global _FAKER
    if _FAKER is None:
        from faker import Faker

        _FAKER = Faker("en_GB")
    _FAKER.seed_instance(seed)
    return _FAKER
