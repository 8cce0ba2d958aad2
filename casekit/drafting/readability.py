"""Plain English as a number: a syllable counter and the Flesch reading-ease score.

Written here rather than taken from a library so the figure a learner sees is explained by
code they can read: reading ease = 206.835 - 1.015 x (words / sentences) - 84.6 x
(syllables / words). Higher is easier; 60-70 is plain English. The syllable counter is a
heuristic for English (vowel groups, with the silent-e and "-le" rules); it is exact on
common words and close on the rest, which is all a readability figure needs.
"""

from __future__ import annotations

import re

WORD = re.compile(r"[A-Za-z]+(?:['’][A-Za-z]+)*")
# A sentence ends at terminal punctuation or at a line break (letters are set out in lines:
# the greeting, the sign-off and the address are units of their own).
SENTENCE_END = re.compile(r"[.!?]+|\n")
VOWEL_GROUP = re.compile(r"[aeiouy]+")
# Endings that are one syllable although the vowel groups say two, or vice versa.
SILENT_ED = re.compile(r"[^aeiouydt]ed$")
SILENT_ES = re.compile(r"[^aeiouy](?<![sxzcgh])es$|[^aeiouy]ches$")
EXTRA_VOWEL_PAIRS = ("ia", "io", "iu", "eo", "ua", "uo", "iet", "eing")
NOT_EXTRA = (
    "tion",
    "sion",
    "cial",
    "tial",
    "cious",
    "tious",
    "geous",
    "ceous",
    "gion",
    "cian",
    "eop",
)


def count_syllables(word: str) -> int:
    """Syllables in one English word (at least 1 for any word with a letter)."""
    w = re.sub(r"[^a-z]", "", word.lower()).replace("qu", "qw")
    w = re.sub(r"(?<=[aeiou])y(?=[aeiou])|^y(?=[aeiou])", "j", w)  # player, surveyor, yes
    if not w:
        return 0
    if len(w) <= 3:
        return 1
    count = len(VOWEL_GROUP.findall(w))
    # Vowel pairs usually spoken as two syllables (ra-di-o, cre-ate), except -tion and kin.
    for pair in EXTRA_VOWEL_PAIRS:
        count += w.count(pair)
    for ending in NOT_EXTRA:
        count -= w.count(ending)
    if w.endswith("ea") or ("creat" in w and "creature" not in w):
        count += 1  # idea, create: the e and the a are spoken apart
    if w.endswith("e") and not w.endswith(("le", "ee", "ie", "ye", "oe")):
        count -= 1  # silent e: make, hope
    elif w.endswith("le") and len(w) > 2 and w[-3] in "aeiouy":
        count -= 1  # whole, mile: the e is silent after a vowel
    if SILENT_ED.search(w) and not w.endswith("led"):
        count -= 1  # hoped, asked: the -ed adds no syllable
    elif SILENT_ES.search(w) and not re.search(r"[^aeiouy]les$", w):
        count -= 1  # makes, hopes
    if w.endswith("ely") and len(w) > 4:
        count -= 1  # lately, safely
    return max(count, 1)


def words(text: str) -> list[str]:
    return WORD.findall(text)


def sentence_count(text: str) -> int:
    """Sentences (or letter lines) that hold at least one word."""
    return sum(1 for part in SENTENCE_END.split(text) if WORD.search(part))


def flesch_reading_ease(text: str) -> float | None:
    """Flesch reading ease of ``text``, rounded to 1 decimal; None when it has no words."""
    found = words(text)
    if not found:
        return None
    sentences = max(sentence_count(text), 1)
    syllables = sum(count_syllables(w) for w in found)
    score = 206.835 - 1.015 * (len(found) / sentences) - 84.6 * (syllables / len(found))
    return round(score, 1)
