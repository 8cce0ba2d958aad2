"""Finding words and phrases in a draft: whole words, any case, any spacing.

Phrases are matched on word boundaries only where they start or end with a letter or digit,
so markers such as ``"cc:"`` or ``"!!"`` still match; a space in a phrase matches any run of
whitespace, so a phrase wrapped across two lines is still found.
"""

from __future__ import annotations

import re
import re._constants as sre_constants  # the standard library's own pattern parser
import re._parser as sre_parse
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, TypeVar

from casekit.errors import CasekitError

T = TypeVar("T")


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


# A profile's regular expressions run on whatever a learner types, so they must not
# backtrack: every repeat is bounded ({m,n} with n at most MAX_REPEAT) and repeats nested
# inside repeats may multiply to at most MAX_NESTED tries. Then the cost of a match attempt
# is fixed by the pattern, and scanning a letter is linear in its length.
MAX_REPEAT = 100
MAX_NESTED = 1000
_REPEATS = ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT")


def _repeat_cost(parsed: object) -> int:
    """The largest product of repeat bounds along any nesting path; -1 when unbounded."""
    worst = 1
    for op, arg in parsed:  # type: ignore[attr-defined]
        name = str(op)
        inner: list[object] = []
        bound = 1
        if name in _REPEATS:
            _low, high, sub = arg
            if high is sre_constants.MAXREPEAT or high > MAX_REPEAT:
                return -1
            bound, inner = high, [sub]
        elif name == "BRANCH":
            inner = list(arg[1])
        elif name == "SUBPATTERN":
            inner = [arg[-1]]
        elif name in ("ASSERT", "ASSERT_NOT"):
            inner = [arg[1]]
        elif name == "ATOMIC_GROUP":
            inner = [arg]
        for sub in inner:
            cost = _repeat_cost(sub)
            if cost < 0:
                return -1
            worst = max(worst, bound * cost)
        worst = max(worst, bound)
    return worst


@lru_cache(maxsize=512)
def compile_bounded(pattern: str, flags: int = 0) -> re.Pattern[str]:
    """``pattern`` compiled, or a CasekitError when it is invalid or could backtrack."""
    try:
        compiled = re.compile(pattern, flags)
        cost = _repeat_cost(sre_parse.parse(pattern, flags))
    except re.error as err:
        raise CasekitError(
            f"The profile's pattern {pattern!r} is not a valid regular expression: {err}.",
            rule="profile-drafting",
            source="protocol profile [drafting.*] sections",
            field="drafting",
        ) from None
    if cost < 0 or cost > MAX_NESTED:
        raise CasekitError(
            f"The profile's pattern {pattern!r} has an unbounded or deeply nested repeat "
            f"(+, *, {{n,}} or more than {MAX_REPEAT}); write bounded repeats such as "
            "\\s{1,5} so checking stays fast on any letter.",
            rule="profile-drafting",
            source="protocol profile [drafting.*] sections",
            field="drafting",
        )
    return compiled


def find_patterns(
    text: str, patterns: Iterable[str], flags: int = 0, group: str = ""
) -> list[Match]:
    """Every match of every regular expression (from profile data), overlaps removed."""
    found = []
    for pattern in patterns:
        compiled = compile_bounded(pattern, flags)
        for m in compiled.finditer(text):
            if m.end() > m.start():
                found.append(Match(m.start(), m.end(), m.group(0), pattern, group))
    return drop_overlaps(found)


def keep_best(
    items: Iterable[T], span: Callable[[T], tuple[int, int]], rank: Callable[[T], Any]
) -> list[T]:
    """Of overlapping items keep the best (highest ``rank``), sorted by position: one sweep
    in start order, so a letter with thousands of matches costs n log n, not n squared."""
    kept: list[T] = []
    for item in sorted(items, key=lambda i: span(i)):
        if kept and span(item)[0] < span(kept[-1])[1]:
            if rank(item) > rank(kept[-1]):
                kept[-1] = item
            continue
        kept.append(item)
    return kept


def drop_overlaps(matches: Iterable[Match]) -> list[Match]:
    """Keep the longest of overlapping matches (then the earliest), sorted by position."""
    return keep_best(matches, lambda m: (m.start, m.end), lambda m: m.end - m.start)


def contains(text: str, phrase: str) -> bool:
    """Whether ``phrase`` occurs in ``text`` as whole words, ignoring case."""
    return bool(phrase.strip()) and phrase_regex(phrase).search(text) is not None
