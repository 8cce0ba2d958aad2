"""Derived seeds: one seed per record and purpose.

Drawing every record from one shared random stream would make a new field in one record
reshuffle all the others. Instead each record's randomness comes from
``sha256(pack seed, learner, case index, purpose)``, so records are independent.
"""

from __future__ import annotations

import _random
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
    return seeded_random(derive_seed(pack_seed, learner, index, purpose))


def seeded_random(seed: int) -> random.Random:
    """Exactly ``random.Random(seed)`` for a whole-number seed, made more cheaply.

    ``Random.__init__`` goes through ``Random.seed``, whose type checks are Python code;
    a class pack makes thousands of generators, so this calls the C seeding directly and
    clears ``gauss_next`` as ``Random.seed`` does, leaving the very same state.
    """
    rng = _new_random(random.Random)
    _seed_random(rng, seed)
    rng.gauss_next = None
    return rng


_new_random = random.Random.__new__
_seed_random = _random.Random.seed


def faker_for(seed: int) -> Any:
    """Faker's en_GB generator, seeded for one record.

    Reseeding one instance gives exactly the output a fresh instance with the same seed
    would (``seed_instance`` replaces the instance's random state), without paying for a
    new instance per record; the instance is private to this module, so no other caller's
    draws can interleave with a record's. It is the generator behind ``Faker("en_GB")``
    (one locale, so the proxy only forwards to it): calling it directly skips the proxy's
    attribute look-ups, which cost more than the draws.
    """
    global _FAKER
    if _FAKER is None:
        from faker import Faker

        _FAKER = Faker("en_GB").factories[0]
    _FAKER.seed_instance(seed)
    return _FAKER
