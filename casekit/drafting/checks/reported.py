"""Words a letter reports rather than says: the reader's question, the reader's own words.

"Thank you for asking whether Councillor Okoro will promise to reopen them if she is
returned at the election" repeats the reader's question before answering it; "You
described the cabinet as 'a shambles'" quotes them. Neither is the writer taking a side,
so a neutrality finding inside such words is advice ("answer it, but do not take it up"),
not a judgement. Unless the writer then agrees ("You're right", "I couldn't agree
more"), which makes the words their own. (Code of Recommended Practice on Local Authority
Publicity, para 15: the test is whether the council's communication is itself partisan.)

Only two forms are read as reported, because they are unambiguous: a reported question
(``reported_questions``: "asked whether ...", "wondering if ...") runs to the end of its
sentence; a quotation in quotation marks after one of ``quoting`` ("you said", "in your
words", "residents told me"). A bare "you said that ..." is not: writers use it to
agree and to act on what they were told, so it is judged as written.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from casekit.drafting.patterns import compile_all, find
from casekit.drafting.text import Sentence

SECTION = "neutrality"
OPENING = {'"': '"', "\u201c": "\u201d", "\u2018": "\u2019", "'": "'"}
QUOTE_REACH = 8  # words after a quoting cue in which its quotation must open
LONGEST_QUOTE = 600  # characters: a quotation still open after this is not one


def _patterns(rules: Mapping[str, Any], key: str, families: Mapping[str, frozenset[str]]) -> Any:
    value = rules.get(key) or []
    if not isinstance(value, list):
        return compile_all([], families)
    return compile_all(value, families, key, f"drafting.{SECTION}.{key}")


def _quotation(text: str, start: int, end: int) -> tuple[int, int] | None:
    """The first quotation that opens in text[start:end], as (open, close) offsets; a
    straight single quote counts only at a word's edge (not "Labour's")."""
    i = start
    while i < end:
        ch = text[i]
        if ch in OPENING and (ch != "'" or i == 0 or not text[i - 1].isalnum()):
            limit = min(len(text), i + LONGEST_QUOTE)
            close = text.find(OPENING[ch], i + 1, limit)
            while close != -1 and ch == "'" and close + 1 < len(text) and text[close + 1].isalpha():
                close = text.find("'", close + 1, limit)
            if close != -1:
                return i, close + 1
            return None
        i += 1
    return None


def reported_spans(
    text: str,
    sentences: Sequence[Sentence],
    rules: Mapping[str, Any],
    families: Mapping[str, frozenset[str]],
) -> list[tuple[int, int, int]]:
    """(sentence index, start, end) of every stretch the letter reports, with no
    agreement in its sentence or the next."""
    questions = _patterns(rules, "reported_questions", families)
    quoting = _patterns(rules, "quoting", families)
    agreeing = _patterns(rules, "agreeing", families)
    agrees = [bool(find(s.tokens, agreeing)) for s in sentences]
    out: list[tuple[int, int, int]] = []
    for s_idx, sentence in enumerate(sentences):
        if agrees[s_idx] or (s_idx + 1 < len(sentences) and agrees[s_idx + 1]):
            continue
        tokens = sentence.tokens
        for hit in find(tokens, questions):
            out.append((s_idx, tokens[hit.last].end, sentence.end))
        for hit in find(tokens, quoting):
            reach = tokens[min(len(tokens) - 1, hit.last + QUOTE_REACH)].end
            found = _quotation(text, tokens[hit.last].end, reach)
            if found:  # "you described the cabinet as '...'": all of it is theirs
                out.append((s_idx, tokens[hit.last].end, found[1]))
    return out


def inside(spans: Sequence[tuple[int, int, int]], start: int, end: int) -> bool:
    """Whether text[start:end] lies wholly within one reported stretch."""
    return any(a <= start and end <= b for _, a, b in spans)
