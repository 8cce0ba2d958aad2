"""Word forms to one matching key: "convictions", "elections", "delivered" and "we've
delivered" must match the profile's "conviction", "election" and "deliver".

This is a small suffix-stripping lemmatiser of our own rather than a library: the checks
only ever compare a word in a letter with a word in the profile, and both go through the
same function, so what matters is that every inflection of a word gets the same key (the
key need not be a dictionary word: "promise" and "promised" both give "promis"). A short
table covers the irregular verbs and plurals casework letters use. It is linear in the
word's length and never looks anything up outside this module.
"""

from __future__ import annotations

from functools import lru_cache

# Irregular forms to their base word (the base then goes through the regular rules).
IRREGULAR = {
    "am": "be",
    "are": "be",
    "is": "be",
    "was": "be",
    "were": "be",
    "been": "be",
    "being": "be",
    "has": "have",
    "had": "have",
    "having": "have",
    "did": "do",
    "does": "do",
    "done": "do",
    "ran": "run",
    "won": "win",
    "sat": "sit",
    "left": "leave",
    "kept": "keep",
    "said": "say",
    "says": "say",
    "told": "tell",
    "gave": "give",
    "given": "give",
    "took": "take",
    "taken": "take",
    "held": "hold",
    "led": "lead",
    "made": "make",
    "brought": "bring",
    "fought": "fight",
    "stood": "stand",
    "went": "go",
    "gone": "go",
    "came": "come",
    "got": "get",
    "gotten": "get",
    "knew": "know",
    "known": "know",
    "chose": "choose",
    "chosen": "choose",
    "wrote": "write",
    "written": "write",
    "sold": "sell",
    "spent": "spend",
    "built": "build",
    "paid": "pay",
    "met": "meet",
    "heard": "hear",
    "sent": "send",
    "lost": "lose",
    "bought": "buy",
    "thought": "think",
    "caught": "catch",
    "found": "find",
    "began": "begin",
    "begun": "begin",
    "broke": "break",
    "broken": "break",
    "fell": "fall",
    "fallen": "fall",
    "felt": "feel",
    "grew": "grow",
    "grown": "grow",
    "rose": "rise",
    "risen": "rise",
    "spoke": "speak",
    "spoken": "speak",
    "stole": "steal",
    "stolen": "steal",
    "threw": "throw",
    "thrown": "throw",
    "drove": "drive",
    "driven": "drive",
    "children": "child",
    "men": "man",
    "women": "woman",
    "wives": "wife",
    "lives": "life",
    "people": "person",
    "dealt": "deal",
    "meant": "mean",
    "shut": "shut",
    "let": "let",
    "put": "put",
    "cut": "cut",
    "set": "set",
    "hit": "hit",
    "hurt": "hurt",
    "cost": "cost",
    "ill": "ill",
    "stuck": "stick",
    "struck": "strike",
    "understood": "understand",
    "dept": "department",
}
# Words that look inflected but are not ("news" is not the plural of "new").
KEEP = frozenset(
    {
        "news",
        "always",
        "perhaps",
        "series",
        "species",
        "this",
        "thus",
        "his",
        "its",
        "us",
        "was",
        "yes",
        "bus",
        "gas",
        "plus",
        "less",
        "unless",
        "across",
        "status",
        "census",
        "bonus",
        "campus",
        "focus",
        "virus",
        "crisis",
        "basis",
        "analysis",
        "diagnosis",
        "thesis",
        "sepsis",
        "psoriasis",
        "arthritis",
        "tuberculosis",
        "dialysis",
        "sclerosis",
        "paralysis",
        "hepatitis",
        "meningitis",
        "bronchitis",
        "towards",
        "afterwards",
        "whereas",
        "alias",
        "canvas",
        "atlas",
        "need",
        "speed",
        "seed",
        "feed",
        "bleed",
        "breed",
        "proceed",
        "succeed",
        "exceed",
        "indeed",
        "deed",
        "weed",
        "greed",
        "creed",
        "heed",
        "reed",
        "red",
        "bed",
        "shed",
        "wed",
        "fed",
        "bred",
        "sled",
        "led",
        "hundred",
        "sacred",
        "naked",
        "wicked",
        "kindred",
        "ring",
        "thing",
        "king",
        "bring",
        "sing",
        "sting",
        "swing",
        "wing",
        "spring",
        "string",
        "during",
        "morning",
        "evening",
        "ceiling",
        "building",
        "ongoing",
        "nothing",
        "something",
        "anything",
        "everything",
        "housing",
        "meeting",
        "funding",
        "planning",
        "parking",
        "polling",
        "nursing",
        "wedding",
        "boxing",
        "offspring",
    }
)
VOWELS = frozenset("aeiouy")


def _undouble(stem: str) -> str:
    """ "runn" -> "run", "cutt" -> "cut"; "ll", "ss" and "zz" stay ("call", "press")."""
    if len(stem) > 2 and stem[-1] == stem[-2] and stem[-1] not in "lsz" + "aeiou":
        return stem[:-1]
    return stem


def _has_vowel(stem: str) -> bool:
    return any(ch in VOWELS for ch in stem)


def _strip(word: str) -> str:
    """One inflectional suffix off a lower-case word."""
    if word in KEEP or len(word) <= 3:
        return word
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith("ied") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith(("sses", "shes", "ches", "xes", "zzes")):
        return word[:-2]
    if word.endswith("eed") and len(word) > 4:
        return word[:-1]  # "agreed" -> "agree"
    if word.endswith("ing") and len(word) > 5 and _has_vowel(word[:-3]):
        return _undouble(word[:-3])
    if word.endswith("ed") and len(word) > 4 and _has_vowel(word[:-2]):
        return _undouble(word[:-2])
    if word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


@lru_cache(maxsize=8192)
def lemma(word: str) -> str:
    """The matching key for ``word``: lower case, irregular forms mapped, one inflection
    stripped and a final silent "e" dropped, so "make", "makes", "making" and "made"
    all give "mak", and "conviction" and "convictions" give "conviction"."""
    low = word.lower().replace("’", "'")
    if low.endswith("'s"):
        low = low[:-2]
    low = IRREGULAR.get(low, low)
    base = IRREGULAR.get(_strip(low), _strip(low))
    if len(base) > 3 and base.endswith("e") and not base.endswith(("ee", "ye", "oe")):
        base = base[:-1]
    return base


def phrase_lemmas(phrase: str) -> tuple[str, ...]:
    """The keys of every word of a phrase (for matching multi-word terms)."""
    return tuple(lemma(w) for w in phrase.split() if w)
