"""The model a case is written from: who writes, who the problem affects, what is true.

Every sentence of a case is chosen to fit this model, so a case cannot contradict itself:

- :class:`Voice`: the narrator writes about themselves, or about someone else (a relative or
  neighbour, the third-party trap) whose pronouns follow from the relationship.
- :class:`Facts`: tags a case states ("lives_alone", "online", "reported", "complaint"...);
  a sentence whose tags exclude one already stated is never used (prose.toml ``[tags]``).
- :class:`Memory`: the sentences a pack has used, so no sentence is repeated in a pack
  while another fits.
"""

from __future__ import annotations

import random
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from casekit.scenarios import bank

PRONOUNS = {
    "female": {"he_she": "she", "him_her": "her", "his_her": "her"},
    "male": {"he_she": "he", "him_her": "him", "his_her": "his"},
}


@dataclass(frozen=True)
class Voice:
    """Who the narrator writes about: themselves (``relationship=None``) or someone else."""

    relationship: str | None = None
    subject_gender: str = "female"

    @property
    def other(self) -> bool:
        return self.relationship is not None

    @property
    def key(self) -> str:
        """Which text of a phrase this voice reads: ``"self"`` or ``"other"``."""
        return "other" if self.other else "self"

    def slots(self) -> dict[str, str]:
        """The words that follow from the voice: pronouns of the person the case is about,
        and ``{me}``/``{I}``/``{my}`` for sentences either voice may say."""
        return dict(_voice_slots(self.relationship, self.subject_gender))


@cache
def _voice_slots(relationship: str | None, gender: str) -> tuple[tuple[str, str], ...]:
    base = PRONOUNS[gender]
    words = dict(base)
    words.update({k.capitalize(): v.capitalize() for k, v in base.items()})  # {He_she}
    if relationship is not None:
        words.update(me=f"my {relationship}", I=base["he_she"], my=base["his_her"])
    else:
        words.update(me="me", I="I", my="my")
    return tuple(words.items())


@cache
def _tag_rules() -> tuple[dict[str, frozenset[str]], frozenset[str]]:
    spec = bank.load("prose")["tags"]
    excludes: dict[str, set[str]] = {}
    for first, second in spec["exclusive"]:
        excludes.setdefault(first, set()).add(second)
        excludes.setdefault(second, set()).add(first)
    return {t: frozenset(v) for t, v in excludes.items()}, frozenset(spec["personal"])


def personal_tags() -> frozenset[str]:
    return _tag_rules()[1]


@dataclass
class Facts:
    """What a case has stated so far, as tags."""

    tags: set[str] = field(default_factory=set)

    def fits(self, tags: Iterable[str]) -> bool:
        return not excluded_by(tuple(tags)) & self.tags

    def allows(self, phrase: Phrase) -> bool:
        """Whether ``phrase`` says nothing this case's facts exclude."""
        return not phrase.excludes & self.tags

    def state(self, tags: Iterable[str]) -> None:
        self.tags.update(tags)


@cache
def excluded_by(tags: tuple[str, ...]) -> frozenset[str]:
    """Every tag that excludes one of ``tags`` (worked out once for each set of tags)."""
    excludes = _tag_rules()[0]
    return frozenset().union(*(excludes.get(t, frozenset()) for t in tags))


@dataclass(frozen=True)
class Phrase:
    """One usable sentence template, in one voice, with the tags it states."""

    text: str
    tags: tuple[str, ...] = ()

    @property
    def excludes(self) -> frozenset[str]:
        """The tags a case must not hold for this phrase to fit it."""
        return excluded_by(self.tags)


def voiced(entry: Any, voice: Voice) -> Phrase | None:
    """The phrase ``entry`` gives in ``voice`` (``None`` if it has no text for it).

    ``entry`` is plain text (either voice) or a table with ``text`` (either voice), ``self``
    and ``other``, ``tags`` and ``other_tags``. In the other voice, the narrator's personal
    tags of a ``self``-style sentence are not stated unless ``other_tags`` says so.
    """
    if isinstance(entry, str):
        return Phrase(entry)
    text = entry.get(voice.key) or entry.get("text")
    if text is None:
        return None
    tags = tuple(entry.get("tags", ()))
    if voice.other:
        default = tuple(t for t in tags if t not in personal_tags())
        tags = tuple(entry.get("other_tags", default))
    return Phrase(text, tags)


class Memory:
    """The templates a pack has used: a new case prefers sentences no earlier case used."""

    def __init__(self) -> None:
        self.used: set[str] = set()

    def pick(
        self,
        rng: random.Random,
        options: Sequence[Phrase],
        facts: Facts,
        *,
        required: bool = True,
    ) -> Phrase | None:
        """A phrase that fits the case's facts, unused in the pack if one is left.

        When every fitting phrase has been used: ``None`` for an optional part (the letter
        simply leaves it out), a used one for a required part.
        """
        tags = facts.tags
        fitting = [p for p in options if not excluded_by(p.tags) & tags]
        fresh = [p for p in fitting if p.text not in self.used]
        pool = fresh or (fitting if required else [])
        if not pool:
            return None
        chosen = rng.choice(pool)
        self.used.add(chosen.text)
        facts.state(chosen.tags)
        return chosen

    def sample(
        self, rng: random.Random, options: Sequence[Phrase], facts: Facts, count: int
    ) -> list[Phrase]:
        """Up to ``count`` different phrases, each fitting the facts the others state."""
        chosen: list[Phrase] = []
        remaining = list(options)
        for _ in range(count):
            pick = self.pick(rng, remaining, facts, required=False)
            if pick is None:
                break
            chosen.append(pick)
            remaining.remove(pick)
        return chosen
