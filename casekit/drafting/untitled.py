"""People named without a title: "Jayden Reilly in the same class", "her lad Callum".

A capitalised given name (see :mod:`casekit.drafting.given_names`) is a person when a
capitalised surname follows it ("Pat Greenall"), or, alone, right after a description of
a person ("my sister Jade", "her lad Callum"). Words the drafting checks know as
something else (streets, organisations, months, descriptions of people, parties) and the
profile's ``not_given_names`` ("Grace", "Will", "May") are never names. Checked per token
with bounded look-ahead: linear in the letter's length.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from casekit.drafting.given_names import given_names
from casekit.drafting.lemmas import lemma
from casekit.drafting.text import Token

# Families whose words are never a given name or a surname here.
NOT_NAMES = (
    "street",
    "organisation",
    "month",
    "not_given_names",
    "party",
    "titles",
    "councillor_titles",
    "nationality",
    "others",
    "officials",
    "adult_kin",
    "child_kin",
    "seat",
    "lives",
    "nearby",
)


# Verbs after a single given name that make it a person's ("Jo is", "Callum has").
VERBS = frozenset(
    lemma(w)
    for w in (
        "is",
        "has",
        "was",
        "will",
        "would",
        "can",
        "could",
        "told",
        "said",
        "asked",
        "wants",
        "needs",
        "lives",
        "works",
        "started",
        "went",
        "got",
        "came",
        "is",
    )
)


def _blocked(families: Mapping[str, frozenset[str]]) -> frozenset[str]:
    out: set[str] = set()
    for name in NOT_NAMES:
        out |= families.get(name, frozenset())
    return frozenset(out)


def untitled_name(
    tokens: Sequence[Token],
    i: int,
    families: Mapping[str, frozenset[str]],
    after_description: bool,
) -> int:
    """How many tokens from ``i`` name a person without a title (0: none)."""
    tok = tokens[i]
    if not (tok.is_word and tok.capitalised) or (tok.text.isupper() and len(tok.text) > 1):
        return 0
    if i > 0 and tokens[i - 1].low in ("st", "saint", "ste"):
        return 0  # "St Mary's": a church, a school, a hospital
    blocked = _blocked(families)
    low = tok.low[:-2] if tok.possessive and tok.low.endswith("'s") else tok.low
    if tok.key in blocked or low not in given_names():
        return 0
    nxt = tokens[i + 1] if i + 1 < len(tokens) else None
    if (
        nxt is not None
        and not tok.possessive
        and nxt.is_word
        and nxt.capitalised
        and not nxt.text.isupper()
        and nxt.start > tok.end
        and nxt.key not in blocked
    ):
        return 2
    if after_description and i > 0:
        return 1
    # "Jo is off for IVF treatment", "Callum's been excluded": a name doing something
    if nxt is not None and (nxt.key in VERBS or tok.possessive) and (i > 0 or nxt.key in VERBS):
        return 1
    return 0
