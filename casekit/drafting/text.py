"""A letter as words and sentences, in one linear pass, for the checks that read meaning.

Every token keeps its character offsets, so a finding built from tokens still points at
the exact words in the draft. Contractions are split into the words they stand for
("we've" gives "we" and "have", "can't" gives "can" and "not") and a possessive "'s" is
folded into its word ("Labour's" is one token, marked possessive). Sentences end at
. ! ? and at line breaks after a line that ends a thought (letters put their greeting,
address and sign-off on lines of their own); a hard-wrapped paragraph stays one sentence.

Nothing here backtracks: the one regular expression has no nested or overlapping
repeats, and every loop moves forward.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache

from casekit.drafting.lemmas import lemma

# A word (letters), a number, or any other single visible character.
TOKEN = re.compile(r"[^\W\d_]+|\d+|\S")
APOSTROPHES = "'’"
# What a clipped ending after an apostrophe stands for.
CLITICS = {"ve": "have", "ll": "will", "re": "be", "d": "would", "m": "be"}
PRONOUN_IS = frozenset({"it", "he", "she", "that", "there", "what", "who", "here", "where"})
# "can't", "won't", "don't": the word before "'t" and the word it stands for.
NEGATED = {
    "can": "can",
    "won": "will",
    "don": "do",
    "ain": "be",
    "shan": "shall",
}
ENDS_THOUGHT = ".!?:;,"
# Short lines (headings, address lines, "Dear Mr Khan,") end a sentence whatever follows.
SHORT_LINE = 55
ABBREVIATIONS = frozenset(
    {"mr", "mrs", "ms", "dr", "st", "no", "etc", "eg", "ie", "cllr", "prof", "rev", "vs", "approx"}
)


@dataclass(frozen=True)
class Token:
    text: str
    start: int
    end: int
    key: str  # the matching key (see lemmas.lemma); "" for punctuation
    possessive: bool = False

    @property
    def low(self) -> str:
        return self.text.lower()

    @property
    def is_word(self) -> bool:
        return bool(self.key) and self.text[:1].isalpha()

    @property
    def capitalised(self) -> bool:
        return self.text[:1].isupper()


@dataclass(frozen=True)
class Sentence:
    start: int
    end: int
    tokens: tuple[Token, ...]


def _raw(text: str) -> Iterator[re.Match[str]]:
    return TOKEN.finditer(text)


def tokenize(text: str) -> list[Token]:
    """Every token of ``text`` with its offsets, contractions split, possessives folded."""
    out: list[Token] = []
    raw = list(_raw(text))
    i = 0
    while i < len(raw):
        m = raw[i]
        word = m.group(0)
        nxt = raw[i + 1] if i + 1 < len(raw) else None
        after = raw[i + 2] if i + 2 < len(raw) else None
        clitic = (
            word[:1].isalpha()
            and nxt is not None
            and after is not None
            and nxt.group(0) in APOSTROPHES
            and nxt.start() == m.end()
            and after.start() == nxt.end()
            and after.group(0).isalpha()
            and not text[after.end() : after.end() + 1].isalpha()
        )
        if clitic:
            assert nxt is not None and after is not None
            tail = after.group(0).lower()
            low = word.lower()
            if tail == "t" and (low in NEGATED or low.endswith("n")):
                base = NEGATED.get(low, low[:-1])
                out.append(Token(word, m.start(), m.end(), lemma(base)))
                out.append(Token(text[nxt.start() : after.end()], nxt.start(), after.end(), "not"))
                i += 3
                continue
            if tail == "s":
                if low in PRONOUN_IS:
                    out.append(Token(word, m.start(), m.end(), lemma(word)))
                    out.append(
                        Token(text[nxt.start() : after.end()], nxt.start(), after.end(), "be")
                    )
                else:
                    out.append(Token(word, m.start(), m.end(), lemma(word), possessive=True))
                i += 3
                continue
            if tail in CLITICS:
                out.append(Token(word, m.start(), m.end(), lemma(word)))
                key = lemma(CLITICS[tail])
                out.append(Token(text[nxt.start() : after.end()], nxt.start(), after.end(), key))
                i += 3
                continue
        key = lemma(word) if word[:1].isalnum() else ""
        out.append(Token(word, m.start(), m.end(), key))
        i += 1
    return out


def _ends_sentence(text: str, tokens: Sequence[Token], i: int) -> bool:
    """Whether the full stop, ! or ? at ``tokens[i]`` ends a sentence."""
    tok = tokens[i]
    if tok.text not in ".!?":
        return False
    if tok.end < len(text) and not text[tok.end].isspace() and text[tok.end] not in "\"'’”)":
        return False  # "0.74", "www.example.gov.uk"
    if tok.text != "." or i == 0:
        return True
    prev = tokens[i - 1]
    initial = len(prev.text) == 1 and prev.text.isupper()  # "Mr T. Harrow"
    return not (prev.low in ABBREVIATIONS or initial)


def _line_break_ends(text: str, pos: int) -> bool:
    """Whether the line break at ``pos`` ends a sentence."""
    line_start = text.rfind("\n", 0, pos) + 1
    line = text[line_start:pos].rstrip()
    if not line or line[-1] in ENDS_THOUGHT or len(line) < SHORT_LINE:
        return True
    following = text[pos + 1 : pos + 3].lstrip(" \t")
    return not following or following[:1] in "\n-*•" or following[:1].isdigit()


def sentences(text: str, tokens: Sequence[Token] | None = None) -> list[Sentence]:
    """The sentences of ``text`` (as runs of tokens), in order."""
    toks = list(tokens) if tokens is not None else tokenize(text)
    out: list[Sentence] = []
    current: list[Token] = []
    last_end = 0

    def close() -> None:
        if current:
            out.append(Sentence(current[0].start, current[-1].end, tuple(current)))
            current.clear()

    for i, tok in enumerate(toks):
        # a line break between the previous token and this one
        gap = text[last_end : tok.start]
        if current and "\n" in gap:
            nl = last_end + gap.index("\n")
            if "\n\n" in gap.replace(" ", "").replace("\t", "") or _line_break_ends(text, nl):
                close()
        current.append(tok)
        last_end = tok.end
        if _ends_sentence(text, toks, i):
            close()
    close()
    return out


@lru_cache(maxsize=64)
def _cached(text: str) -> tuple[tuple[Token, ...], tuple[Sentence, ...]]:
    toks = tokenize(text)
    return tuple(toks), tuple(sentences(text, toks))


def analyse(text: str) -> tuple[tuple[Token, ...], tuple[Sentence, ...]]:
    """Tokens and sentences of ``text``, worked out once per text (the checks share them)."""
    return _cached(text)


class Index:
    """Finds the sentence and tokens at a character offset (built once per letter)."""

    def __init__(self, sentences: Sequence[Sentence]) -> None:
        self.sentences = sentences
        self.starts = [s.start for s in sentences]
        self._tokens: dict[int, list[int]] = {}

    def locate(self, start: int, end: int) -> tuple[int, int, int]:
        """(sentence index, first token, last token) covering characters ``start``..``end``;
        (-1, 0, 0) when no sentence holds them."""
        k = bisect.bisect_right(self.starts, start) - 1
        if k < 0 or self.sentences[k].end < start:
            return -1, 0, 0
        if k not in self._tokens:
            self._tokens[k] = [t.start for t in self.sentences[k].tokens]
        tok_starts = self._tokens[k]
        first = max(0, bisect.bisect_right(tok_starts, start) - 1)
        last = max(first, bisect.bisect_left(tok_starts, end) - 1)
        return k, first, last


@lru_cache(maxsize=64)
def _line_starts(text: str) -> tuple[int, ...]:
    return (0, *(i + 1 for i, ch in enumerate(text) if ch == "\n"))


def line_start(text: str, pos: int) -> int:
    """Offset of the start of the line holding ``pos`` (one scan per text, then a search)."""
    starts = _line_starts(text)
    return starts[bisect.bisect_right(starts, pos) - 1]
