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


def derive_seed(pack_seed: int, learner: str | None, index: int, purpose: str) -> int:
    """A 64-bit seed for one record and purpose, stable across processes and platforms."""
    return RecordSeeds(pack_seed, learner, index).seed(purpose)


def rng_for(pack_seed: int, learner: str | None, index: int, purpose: str) -> random.Random:
    """A private ``random.Random`` for one record and purpose."""
    return seeded_random(derive_seed(pack_seed, learner, index, purpose))


class RecordSeeds:
    """The seeds of one record (pack seed, learner, index), one per purpose.

    A case draws nine or so streams; hashing the shared part of the text once and only
    the purpose per stream gives the very same digests as :func:`derive_seed` (SHA-256
    of the whole text), at half the cost.
    """

    __slots__ = ("_shared",)

    def __init__(self, pack_seed: int, learner: str | None, index: int) -> None:
        text = f"casekit\n{int(pack_seed)}\n{learner or ''}\n{int(index)}\n"
        self._shared = hashlib.sha256(text.encode("utf-8"))

    def seed(self, purpose: str) -> int:
        """The 64-bit seed for ``purpose``."""
        digest = self._shared.copy()
        digest.update(purpose.encode("utf-8"))
        return int.from_bytes(digest.digest()[:8], "big")

    def rng(self, purpose: str) -> random.Random:
        """A private ``random.Random`` for ``purpose``."""
        return seeded_random(self.seed(purpose))


class RecordRandom(random.Random):
    """``random.Random`` with quicker ``choice``, ``randint`` and ``randrange``: same draws.

    A class pack makes some 40,000 of these calls. The standard methods pass each one
    through two or three Python calls and argument checks before the one step that
    draws (``Random._randbelow_with_getrandbits``: ``getrandbits(n.bit_length())`` until
    below ``n``); these do that step in place for plain whole numbers and hand anything
    else to the standard methods, so every value is the one ``random.Random`` gives.
    """

    def choice(self, seq: Any) -> Any:
        n = len(seq)
        if not n:
            return super().choice(seq)  # raises the usual IndexError
        k = n.bit_length()
        r = self.getrandbits(k)
        while r >= n:
            r = self.getrandbits(k)
        return seq[r]

    def randint(self, a: int, b: int) -> int:
        if type(a) is not int or type(b) is not int or b < a:
            return super().randint(a, b)
        n = b - a + 1
        k = n.bit_length()
        r = self.getrandbits(k)
        while r >= n:
            r = self.getrandbits(k)
        return a + r

    def randrange(self, start: int, stop: int | None = None, step: Any = None) -> int:
        if step is not None:
            return super().randrange(start, stop, step)
        if type(start) is not int or (stop is not None and type(stop) is not int):
            return super().randrange(start, stop)
        low, n = (0, start) if stop is None else (start, stop - start)
        if n <= 0:
            return super().randrange(start, stop)  # raises the usual ValueError
        k = n.bit_length()
        r = self.getrandbits(k)
        while r >= n:
            r = self.getrandbits(k)
        return low + r


def seeded_random(seed: int) -> RecordRandom:
    """Exactly ``random.Random(seed)`` for a whole-number seed, made more cheaply.

    ``Random.__init__`` goes through ``Random.seed``, whose type checks are Python code;
    a class pack makes thousands of generators, so this calls the C seeding directly and
    clears ``gauss_next`` as ``Random.seed`` does, leaving the very same state.
    """
    rng = _new_random(RecordRandom)
    _seed_random(rng, seed)
    rng.gauss_next = None
    return rng


_new_random = random.Random.__new__
_seed_random = _random.Random.seed
