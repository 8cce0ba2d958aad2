"""Names compared by meaning, not by code points.

"Jo Smith", "JO  SMITH", "Jo\u00a0Smith", "Jo\u200bSmith" with a zero-width space, a
full-width "Ｊｏ Ｓｍｉｔｈ", a decomposed "José" and a "Jо Smith" whose "о" is Cyrillic
all name the same person to a reader. Duplicate detection and the declaration compare names
through :func:`name_key`, so none of those differences hides a duplicate or blocks a
learner's own signature.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

# Letters of other scripts that look like Latin ones, after case folding (so each entry
# also covers the capital: Cyrillic "В" folds to "в" and reads as "B").
CONFUSABLES = {
    # Cyrillic
    "а": "a",
    "в": "b",
    "е": "e",
    "ё": "e",
    "і": "i",
    "ї": "i",
    "ј": "j",
    "к": "k",
    "м": "m",
    "н": "h",
    "о": "o",
    "р": "p",
    "с": "c",
    "т": "t",
    "у": "y",
    "х": "x",
    "ѕ": "s",
    "ԁ": "d",
    "һ": "h",
    "ӏ": "l",
    "ԛ": "q",
    "ԝ": "w",
    "ү": "y",
    # Greek
    "α": "a",
    "β": "b",
    "ε": "e",
    "ζ": "z",
    "η": "h",
    "ι": "i",
    "κ": "k",
    "μ": "m",
    "ν": "v",
    "ο": "o",
    "ρ": "p",
    "τ": "t",
    "υ": "y",
    "χ": "x",
    "ϲ": "c",
    # Latin look-alikes and punctuation people type in names
    "ı": "i",
    "ɡ": "g",
    "ɑ": "a",
    "\u2018": "'",
    "\u2019": "'",
    "\u02bc": "'",
    "`": "'",
    "´": "'",
    "\u2010": "-",
    "\u2011": "-",
    "\u2012": "-",
    "\u2013": "-",
    "\u2014": "-",
    "\u2212": "-",
}
_TABLE = str.maketrans(CONFUSABLES)
MAX_NAME = 1000


@lru_cache(maxsize=4096)
def name_key(name: str) -> str:
    """The form two names are compared in.

    NFKC (full-width and compatibility forms become plain letters, decomposed accents are
    composed), case-folded, invisible format characters (zero-width spaces and joiners,
    soft hyphens, direction marks) removed, look-alike Cyrillic and Greek letters read as
    the Latin ones they resemble, and every run of whitespace (non-breaking spaces too)
    one space, with none at either end.

    Parameters
    ----------
    name:
        The name as typed; anything but text gives the empty key.
    """
    if not isinstance(name, str):
        return ""
    text = unicodedata.normalize("NFKC", name[:MAX_NAME]).casefold()
    kept = "".join(ch for ch in text if unicodedata.category(ch) != "Cf")
    folded = unicodedata.normalize("NFKC", kept.translate(_TABLE)).casefold()
    return " ".join(folded.split())


def same_name(a: str, b: str) -> bool:
    """Whether two names read the same (see :func:`name_key`); two empty names do not."""
    key = name_key(a)
    return bool(key) and key == name_key(b)
