"""Party politics by its concepts: who is spoken of, and what the sentence does with them.

Phrase lists only catch the phrasings someone has seen. Partisan wording, however it is
put, brings together a few things a reader recognises: the people in charge now or before
("the old guard", "the new regime", "the crew at County Hall", "those who ran this
place"), opponents, a change of control ("since we took over"), elections and campaigning
(votes, polling, May, rosettes, leaflets, canvassing, newsletters, pledges, "my plan"), the
writer's own side, a resident's party ties; and what the sentence does with them: judge
them, set them against each other, claim credit, appeal for support, ask a favour.

Each **concept** is a list of word patterns in the profile
(``[drafting.neutrality.concepts]``, the language of :mod:`casekit.drafting.patterns`), so
a centre can add the words its area uses. **Signals** (``[drafting.neutrality.signals]``)
say which concepts together make a sentence partisan, such as ``"power + judgement"`` (both
in one sentence) or ``"electoral ~ appeal"`` (the second may be in the sentence before or
after, in the same paragraph: "Your postal ballot should arrive this week. I hope I can
count on you again!"). A concept alone can be a signal when its words are loaded ("the old
guard"). Signals listed under ``review`` are political but undecided ("the other side ...
before May" with no judgement): they are warnings worded "for your tutor to review".

A negation shortly before a negatable concept's words turns them round ("I will not ask
for your support"). Everything is bounded per sentence: linear in the letter's length.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from casekit.drafting.patterns import compile_all, find, merge
from casekit.drafting.text import Sentence, Token
from casekit.errors import CasekitError

SECTION = "neutrality"
NEGATION_WINDOW = 4
# Words that end a negation's reach: "I will not rest until we have delivered it".
CLAUSE_BREAKS = frozenset(
    {",", ";", ":", "but", "-", "–", "until", "unless", "because", "and", "so"}
)
PARTISAN, REVIEW = "partisan", "review"


@dataclass(frozen=True)
class Signal:
    """One combination: ``first`` in a sentence with any of ``others`` (in it, or next to it
    when ``near``); ``check`` is the name its findings carry."""

    first: str
    others: tuple[str, ...]
    near: bool
    check: str
    tier: str
    text: str


@dataclass(frozen=True)
class Tagged:
    """A concept's words in one sentence."""

    concept: str
    sentence: int
    first: int
    last: int


def _error(text: str, why: str) -> CasekitError:
    return CasekitError(
        f"The profile's neutrality signal {text!r} {why}.",
        rule="profile-drafting",
        source="protocol profile [drafting.neutrality.signals]",
        field="drafting.neutrality.signals",
    )


def parse_signal(text: str, tier: str, concepts: Sequence[str]) -> Signal:
    """ "power + judgement|contrast => attacks" as a Signal (checked against the concepts)."""
    body, _, check = text.partition("=>")
    body, check = body.strip(), check.strip()
    near = "~" in body
    parts = [p.strip() for p in body.replace("~", "+").split("+")]
    if not check or not parts[0] or len(parts) > 2 or (near and len(parts) != 2):
        raise _error(text, "must read 'concept => check' or 'concept + other|other => check'")
    first = parts[0]
    others = tuple(o.strip() for o in parts[1].split("|")) if len(parts) == 2 else ()
    unknown = [c for c in (first, *others) if c not in concepts]
    if unknown:
        raise _error(text, f"names a concept the profile does not list: {', '.join(unknown)}")
    return Signal(first, others, near, check, tier, text)


@lru_cache(maxsize=32)
def _signals(
    partisan: tuple[str, ...], review: tuple[str, ...], concepts: tuple[str, ...]
) -> tuple[Signal, ...]:
    return tuple(parse_signal(t, PARTISAN, concepts) for t in partisan) + tuple(
        parse_signal(t, REVIEW, concepts) for t in review
    )


def negated(tokens: Sequence[Token], first: int, negation: frozenset[str]) -> bool:
    """A negation word shortly before token ``first``, in the same clause."""
    for tok in reversed(tokens[max(0, first - NEGATION_WINDOW) : first]):
        if tok.text.lower() in CLAUSE_BREAKS:
            return False
        if tok.key in negation:
            return True
    return False


def _list(table: Mapping[str, Any], key: str) -> list[str]:
    value = table.get(key, [])
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise CasekitError(
            f"[drafting.neutrality.signals] '{key}' must be a list of signals.",
            rule="profile-drafting",
            source="protocol profile [drafting.neutrality.signals]",
            field=f"drafting.neutrality.signals.{key}",
        )
    return value


def tag(
    sentences: Sequence[Sentence],
    rules: Mapping[str, Any],
    families: Mapping[str, frozenset[str]],
    hidden: Sequence[set[int]] | None = None,
) -> list[list[Tagged]]:
    """For each sentence, every concept's words in it (negated ones, and those inside a
    ``not_political`` name, dropped); ``hidden`` gives those names' tokens by sentence
    when the caller has found them already (:func:`names_of_things`)."""
    table = rules.get("concepts") or {}
    negatable = set(_list(rules.get("signals") or {}, "negatable"))
    negation = families.get("denial", frozenset())
    every = merge(
        *(
            compile_all(v, families, name, f"drafting.{SECTION}.concepts.{name}")
            for name, v in table.items()
            if isinstance(v, list)
        )
    )
    if hidden is None:
        hidden = names_of_things(sentences, rules, families)
    out: list[list[Tagged]] = []
    for s_idx, sentence in enumerate(sentences):
        tokens = sentence.tokens
        row = []
        names = hidden[s_idx]
        for hit in find(tokens, every):
            concept = hit.pattern.group
            if concept in negatable and negated(tokens, hit.first, negation):
                continue
            if names and any(i in names for i in range(hit.first, hit.last + 1)):
                continue
            row.append(Tagged(concept, s_idx, hit.first, hit.last))
        out.append(row)
    return out


def not_political(rules: Mapping[str, Any], families: Mapping[str, frozenset[str]]) -> list[Any]:
    """The profile's ``not_political`` patterns: names of things that borrow a party's
    colour or word ("green waste", "the village green side of the park", "yellow lines")."""
    patterns = rules.get("not_political") or []
    if not isinstance(patterns, list):
        return []
    return compile_all(patterns, families, "not_political", f"drafting.{SECTION}.not_political")


def names_of_things(
    sentences: Sequence[Sentence], rules: Mapping[str, Any], families: Mapping[str, frozenset[str]]
) -> list[set[int]]:
    """For each sentence, the indexes of its tokens inside a ``not_political`` name."""
    masks = not_political(rules, families)
    out: list[set[int]] = []
    for sentence in sentences:
        inside: set[int] = set()
        for hit in find(sentence.tokens, masks) if masks else ():
            inside.update(range(hit.first, hit.last + 1))
        out.append(inside)
    return out


def _same_paragraph(text: str, a: Sentence, b: Sentence) -> bool:
    """Two neighbouring sentences with no blank line between them."""
    lo, hi = (a, b) if a.start < b.start else (b, a)
    between = text[lo.end : hi.start]
    return "\n\n" not in between.replace(" ", "").replace("\t", "").replace("\r", "")


@dataclass(frozen=True)
class Fired:
    """A signal found: the concepts' words it joins (sentence index, first, last token)."""

    signal: Signal
    spans: tuple[Tagged, ...]


def sides(tagged: Sequence[Sequence[Tagged]], rules: Mapping[str, Any]) -> list[bool]:
    """For each sentence, whether it carries a concept that takes a side (the profile's
    ``taking_sides`` list): what makes a party named in it more than a fact."""
    taking = set(_list(rules.get("signals") or {}, "taking_sides"))
    return [any(t.concept in taking for t in row) for row in tagged]


def fire(
    text: str,
    sentences: Sequence[Sentence],
    rules: Mapping[str, Any],
    tagged: Sequence[Sequence[Tagged]],
) -> list[Fired]:
    """Every signal the letter's sentences give (``tagged``: see :func:`tag`), at most
    one per signal and sentence."""
    table = rules.get("signals") or {}
    concepts = tuple(k for k, v in (rules.get("concepts") or {}).items() if isinstance(v, list))
    signals = _signals(tuple(_list(table, "partisan")), tuple(_list(table, "review")), concepts)
    if not signals:
        return []
    fired: list[Fired] = []
    for s_idx, row in enumerate(tagged):
        if not row:
            continue
        by_concept: dict[str, Tagged] = {}
        for t in row:
            by_concept.setdefault(t.concept, t)
        for signal in signals:
            first = by_concept.get(signal.first)
            if first is None:
                continue
            if not signal.others:
                fired.append(Fired(signal, (first,)))
                continue
            other = _partner(first, signal, row, s_idx, tagged, text, sentences)
            if other is not None:
                fired.append(Fired(signal, (first, other)))
    return fired


def _partner(
    first: Tagged,
    signal: Signal,
    row: Sequence[Tagged],
    s_idx: int,
    tagged: Sequence[Sequence[Tagged]],
    text: str,
    sentences: Sequence[Sentence],
) -> Tagged | None:
    """The other concept's words for ``signal``: in the sentence (they may share words
    with ``first``'s: "your vote" is both an election and an appeal), else, for a near
    signal, in the sentence before or after."""
    wanted = set(signal.others)
    for t in row:
        if t.concept in wanted:
            return t
    if not signal.near:
        return None
    for n in (s_idx - 1, s_idx + 1):
        if 0 <= n < len(tagged) and _same_paragraph(text, sentences[s_idx], sentences[n]):
            for t in tagged[n]:
                if t.concept in wanted:
                    return t
    return None


def span_of(fired: Fired, sentences: Sequence[Sentence]) -> tuple[int, int]:
    """Character offsets from the first concept's words to the last."""
    starts, ends = [], []
    for t in fired.spans:
        tokens = sentences[t.sentence].tokens
        starts.append(tokens[t.first].start)
        ends.append(tokens[t.last].end)
    return min(starts), max(ends)


def described(fired: Fired, rules: Mapping[str, Any]) -> str:
    """The concepts a signal joins, in the learner's words ("the people in charge, now or
    before, and a judgement of them")."""
    names = rules.get("concept_names") or {}
    words = [str(names.get(t.concept, t.concept.replace("_", " "))) for t in fired.spans]
    return " and ".join(dict.fromkeys(words))
