"""Finding words and phrases in a draft: whole words, any case, any spacing.

Phrases are matched on word boundaries only where they start or end with a letter or digit,
so markers such as ``"cc:"`` or ``"!!"`` still match; a space in a phrase matches any run of
whitespace, so a phrase wrapped across two lines is still found.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from casekit.errors import CasekitError


@dataclass(frozen=True)
class Match:
    start: int
    end: int
    words: str
    phrase: str
    group: str = ""


@lru_cache(maxsize=2048)
def phrase_regex(phrase: str) -> re.Pattern[str]:
    """A case-insensitive regex for ``phrase`` on word boundaries."""
    core = r"\s+".join(re.escape(part) for part in phrase.split())
    if not core:
        core = re.escape(phrase)
    stripped = phrase.strip()
    head = r"(?<!\w)" if stripped[:1].isalnum() else ""
    tail = r"(?!\w)" if stripped[-1:].isalnum() else ""
    return re.compile(head + core + tail, re.IGNORECASE)


def find_phrases(text: str, phrases: Iterable[str], group: str = "") -> list[Match]:
    """Every occurrence of every phrase, in text order, longest first where they overlap."""
    found = []
    for phrase in phrases:
        if not phrase.strip():
            continue
        for m in phrase_regex(phrase).finditer(text):
            if m.end() > m.start():
                found.append(Match(m.start(), m.end(), m.group(0), phrase, group))
    return drop_overlaps(found)


def find_patterns(
    text: str, patterns: Iterable[str], flags: int = 0, group: str = ""
) -> list[Match]:
    """Every match of every regular expression (from profile data), overlaps removed."""
    found = []
    for pattern in patterns:
        try:
            compiled = re.compile(pattern, flags)
        except re.error as err:
            raise CasekitError(
                f"The profile's pattern {pattern!r} is not a valid regular expression: {err}.",
                rule="profile-drafting",
                source="protocol profile [drafting.*] sections",
                field="drafting",
            ) from None
        for m in compiled.finditer(text):
            if m.end() > m.start():
                found.append(Match(m.start(), m.end(), m.group(0), pattern, group))
    return drop_overlaps(found)


def drop_overlaps(matches: Iterable[Match]) -> list[Match]:
    """Keep the longest of overlapping matches (then the earliest), sorted by position."""
    kept: list[Match] = []
    for match in sorted(matches, key=lambda m: (-(m.end - m.start), m.start)):
        if all(match.end <= k.start or match.start >= k.end for k in kept):
            kept.append(match)
    return sorted(kept, key=lambda m: m.start)


def contains(text: str, phrase: str) -> bool:
    """Whether ``phrase`` occurs in ``text`` as whole words, ignoring case."""
    return bool(phrase.strip()) and phrase_regex(phrase).search(text) is not None
