"""Word patterns from the profile, matched on a sentence's tokens (never as regexes).

A centre writes the checks' wording as short patterns over word families, so one line
covers many phrasings: ``"{previous} {regime}"`` finds "the previous administration",
"the old leadership" and "the last lot". The little language:

``word``
    the word in any form ("deliver" matches "delivered", "delivering", "we've delivered");
``^Word``
    the word written with a capital, as a proper noun ("^Green" is the party, not "green");
``WORD``
    an acronym matches only in capitals ("PIP" is the benefit, "pip" is not; "AIDS" is
    not "hearing aids");
``{family}``
    any word of a family of words listed in the profile (``{a}|{b}|word`` any of them);
``=words``
    exactly this form of the word, in any case ("=yellows" is the party nickname, not
    "yellow" lines);
``amput*``, ``*itis`` and ``*for*``
    any word starting, ending or containing these letters ("amputated", "amputation",
    "amputee"; "arthritis", "colitis"; "JarvisForEastgate"): a family of words by their
    form, for terms no list can hold in full; a glob needs at least three letters, and a
    suffix or infix glob a word at least three letters longer than it;
``a|b|c``
    any of these words (globs and ``=forms`` may be mixed in);
``*``
    any one word (``^*`` any capitalised word); ``...`` up to a few words (never across a sentence);
``!a|b``
    not followed by these words, taking none ("the other side !of" is an opponent, "the
    other side of the road" is not); a possessive apostrophe in between is looked past;
    never first in a pattern;
``x?``
    the element is optional (``-?`` matches "Labour-run" and "Labour run").

Matching works on a sentence's tokens with bounded gaps, so the cost per token is fixed by
the pattern, never by the letter: checks stay linear in the letter's length.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache

from casekit.drafting.lemmas import lemma
from casekit.drafting.text import Token, tokenize
from casekit.errors import CasekitError

GAP = 6  # the most words "..." may skip
APOSTROPHES = frozenset({"'", "\u2019"})
MAX_ELEMENTS = 16


GLOB_MIN = 3  # letters a glob must give
SUFFIX_STEM = 3  # letters a word must have before a suffix glob's


@dataclass(frozen=True)
class Element:
    keys: frozenset[str] = frozenset()  # matching keys; empty with any=True for "*"
    upper: frozenset[str] = frozenset()  # keys that must be written in capitals (acronyms)
    exact: str = ""  # punctuation matched as written
    capital: bool = False
    any: bool = False
    gap: bool = False
    optional: bool = False
    forms: frozenset[str] = frozenset()  # exact word forms, lower case ("=yellows")
    prefixes: tuple[str, ...] = ()  # "amput*"
    suffixes: tuple[str, ...] = ()  # "*itis"
    infixes: tuple[str, ...] = ()  # "*for*"
    negative: bool = False  # "!of": the next token must not be one of these; takes none

    def accepts(self, tok: Token) -> bool:
        if self.exact:
            return tok.text == self.exact
        if self.any:
            return tok.is_word and (tok.capitalised or not self.capital)
        if self.capital and not tok.capitalised:
            return False
        if tok.key in self.upper and not tok.text.isupper():
            return False
        if self.forms or self.prefixes or self.suffixes or self.infixes:
            return self._form_match(tok)
        return tok.key in self.keys

    def _form_match(self, tok: Token) -> bool:
        if not tok.is_word:
            return False
        low = tok.low.replace("’", "'")
        if low.endswith("'s"):
            low = low[:-2]
        if self.forms and low in self.forms:
            return True
        if tok.key in self.keys:
            return True
        if any(low.startswith(p) for p in self.prefixes):
            return True
        if any(low.endswith(x) and len(low) >= len(x) + SUFFIX_STEM for x in self.suffixes):
            return True
        return any(x in low[1:-1] and len(low) >= len(x) + SUFFIX_STEM for x in self.infixes)

    @property
    def by_form_only(self) -> bool:
        """Whether a token's key alone cannot say it matches (globs): never indexed."""
        return bool(self.prefixes or self.suffixes or self.infixes)


@dataclass(frozen=True)
class Pattern:
    text: str
    elements: tuple[Element, ...]
    group: str = ""

    def first_keys(self) -> frozenset[str] | None:
        """Keys a match can start on (None: any token), to skip hopeless starts fast."""
        keys: set[str] = set()
        for el in self.elements:
            if el.negative:
                continue
            if el.gap or el.any or el.exact or el.by_form_only:
                return None
            keys |= el.keys | {lemma(f) for f in el.forms}
            if not el.optional:
                return frozenset(keys)
        return None


def _error(pattern: str, why: str, field: str) -> CasekitError:
    return CasekitError(
        f"The profile's pattern {pattern!r} {why}.",
        rule="profile-drafting",
        source="protocol profile [drafting.*] sections",
        field=field,
    )


def _element(
    raw: str, families: Mapping[str, frozenset[str]], pattern: str, field: str
) -> list[Element]:
    optional = raw.endswith("?") and len(raw) > 1
    body = raw[:-1] if optional else raw
    if body == "...":
        return [Element(gap=True)]
    if body in ("*", "^*"):
        return [Element(any=True, capital=body == "^*", optional=optional)]
    if body.startswith("!") and len(body) > 1 and not optional:
        inner = _element(body[1:], families, pattern, field)
        if len(inner) != 1 or inner[0].gap or inner[0].any or inner[0].negative:
            raise _error(pattern, "has a '!' that is not before words", field)
        return [replace(inner[0], negative=True)]
    capital = body.startswith("^")
    words = [w.lstrip("^") for w in body.split("|") if w.lstrip("^")]
    family_keys: set[str] = set()
    for name in [w[1:-1] for w in words if w.startswith("{") and w.endswith("}")]:
        if name not in families:
            raise _error(pattern, f"uses a word family {{{name}}} the profile does not list", field)
        family_keys |= families[name]
    if family_keys or any(w.startswith("{") for w in words):
        words = [w for w in words if not (w.startswith("{") and w.endswith("}"))]
        if not words:
            return [Element(keys=frozenset(family_keys), capital=capital, optional=optional)]
    if "|" in body or family_keys or any(_by_form(w) for w in words):
        if "*" in words or "..." in words:
            raise _error(pattern, "has '*' or '...' as one of several words", field)
        plain = [w for w in words if not _by_form(w)]
        several = [w for w in plain if len(tokenize(w)) != 1]
        if several:
            raise _error(
                pattern,
                f"has {several[0]!r} as one of several words, but it is more than one word "
                "(write the phrases as patterns of their own)",
                field,
            )
        forms = frozenset(w[1:].lower() for w in words if w.startswith("=") and len(w) > 1)
        globs = [w for w in words if _glob(w)]
        infixes = tuple(w[1:-1].lower() for w in globs if w.startswith("*") and w.endswith("*"))
        prefixes = tuple(w[:-1].lower() for w in globs if not w.startswith("*"))
        suffixes = tuple(w[1:].lower() for w in globs if not w.endswith("*"))
        bad = [w for w in words if _by_form(w) and not (forms or globs)]
        short = [g for g in (*prefixes, *suffixes, *infixes) if len(g) < GLOB_MIN]
        if bad or short or not words:
            raise _error(pattern, f"has a glob shorter than {GLOB_MIN} letters", field)
        keys = frozenset(lemma(w) for w in plain) | family_keys
        upper = frozenset(lemma(w) for w in plain if _acronym(w))
        return [
            Element(
                keys=keys,
                upper=upper,
                capital=capital,
                optional=optional,
                forms=forms,
                prefixes=prefixes,
                suffixes=suffixes,
                infixes=infixes,
            )
        ]
    parts = tokenize(body.lstrip("^"))
    if not parts:
        raise _error(pattern, "has an empty word", field)
    out = []
    for part in parts:
        if part.key:
            upper = frozenset({part.key}) if _acronym(part.text) else frozenset()
            out.append(
                Element(keys=frozenset({part.key}), upper=upper, capital=capital, optional=optional)
            )
        else:
            out.append(Element(exact=part.text, optional=optional))
    return out


def _glob(word: str) -> bool:
    """ "amput*", "*itis" or "*for*": letters with a star at one end or both."""
    core = word.strip("*")
    return word != core and core.isalpha() and word.count("*") == len(word) - len(core)


def _by_form(word: str) -> bool:
    return _glob(word) or (word.startswith("=") and word[1:].replace("-", "").isalpha())


def _acronym(word: str) -> bool:
    return len(word) >= 2 and word.isalpha() and word.isupper()


def compile_pattern(
    pattern: str, families: Mapping[str, frozenset[str]], group: str = "", field: str = "drafting"
) -> Pattern:
    elements: list[Element] = []
    for raw in pattern.split():
        elements += _element(raw, families, pattern, field)
    if not elements or all(e.gap or e.optional for e in elements):
        raise _error(pattern, "matches nothing in particular", field)
    if len(elements) > MAX_ELEMENTS or sum(e.gap for e in elements) > 2:
        raise _error(pattern, f"is too long (at most {MAX_ELEMENTS} words and two '...')", field)
    if elements[0].gap or elements[-1].gap:
        raise _error(pattern, "starts or ends with '...'", field)
    if elements[0].negative or all(e.negative or e.optional for e in elements):
        raise _error(pattern, "starts with '!' or matches nothing but '!'", field)
    return Pattern(pattern, tuple(elements), group)


def families_of(section: Mapping[str, object]) -> dict[str, frozenset[str]]:
    """A profile table of word families (name -> list of words) as matching keys."""
    out: dict[str, frozenset[str]] = {}
    for name, words in section.items():
        if isinstance(words, list):
            out[name] = frozenset(lemma(str(w)) for w in words if str(w).strip())
    return out


@dataclass(frozen=True)
class PatternSet:
    """Compiled patterns indexed by the word a match can start on, so a sentence is read
    once whatever the number of patterns."""

    patterns: tuple[Pattern, ...]
    by_key: Mapping[str, tuple[int, ...]]
    anywhere: tuple[int, ...]

    def __iter__(self) -> Iterator[Pattern]:
        return iter(self.patterns)

    def __len__(self) -> int:
        return len(self.patterns)


def _index(patterns: tuple[Pattern, ...]) -> PatternSet:
    by_key: dict[str, list[int]] = {}
    anywhere: list[int] = []
    for n, pattern in enumerate(patterns):
        keys = pattern.first_keys()
        if keys is None:
            anywhere.append(n)
        else:
            for key in keys:
                by_key.setdefault(key, []).append(n)
    return PatternSet(patterns, {k: tuple(v) for k, v in by_key.items()}, tuple(anywhere))


_MERGED: dict[tuple[int, ...], tuple[tuple[PatternSet, ...], PatternSet]] = {}


def merge(*sets: PatternSet) -> PatternSet:
    """One indexed set of several compiled sets (each pattern keeps its group), so a
    sentence is read once for all of them."""
    key = tuple(id(s) for s in sets)
    cached = _MERGED.get(key)
    if cached is None or any(a is not b for a, b in zip(cached[0], sets, strict=True)):
        if len(_MERGED) > 64:
            _MERGED.clear()
        cached = (sets, _index(tuple(p for s in sets for p in s.patterns)))
        _MERGED[key] = cached
    return cached[1]


@lru_cache(maxsize=256)
def _compiled(
    patterns: tuple[str, ...],
    families: tuple[tuple[str, frozenset[str]], ...],
    group: str,
    field: str,
) -> PatternSet:
    fams = dict(families)
    return _index(tuple(compile_pattern(p, fams, group, field) for p in patterns if p.strip()))


def compile_all(
    patterns: Iterable[str],
    families: Mapping[str, frozenset[str]],
    group: str = "",
    field: str = "drafting",
) -> PatternSet:
    """Compile a list of patterns once (cached by their text and the families)."""
    fam_key = tuple(sorted(families.items()))
    return _compiled(tuple(patterns), fam_key, group, field)


def _match_from(tokens: Sequence[Token], i: int, elements: Sequence[Element], k: int) -> int:
    """The index after the match of ``elements[k:]`` starting at token ``i``, or -1."""
    if k == len(elements):
        return i
    el = elements[k]
    if el.negative:
        # a possessive apostrophe in between does not hide the next word ("The Blues'
        # fixture" is the club's, as "the Blues fixture" is)
        j = i + 1 if i < len(tokens) and tokens[i].text in APOSTROPHES else i
        if j < len(tokens) and el.accepts(tokens[j]):
            return -1
        return _match_from(tokens, i, elements, k + 1)
    if el.gap:
        for skip in range(GAP + 1):
            if i + skip > len(tokens):
                break
            end = _match_from(tokens, i + skip, elements, k + 1)
            if end >= 0:
                return end
        return -1
    if i < len(tokens) and el.accepts(tokens[i]):
        end = _match_from(tokens, i + 1, elements, k + 1)
        if end >= 0:
            return end
    if el.optional:
        return _match_from(tokens, i, elements, k + 1)
    return -1


@dataclass(frozen=True)
class Hit:
    pattern: Pattern
    first: int  # index of the first token matched
    last: int  # index of the last token matched (inclusive)


def find(tokens: Sequence[Token], patterns: PatternSet | Iterable[Pattern]) -> list[Hit]:
    """Every match of every pattern in one sentence's tokens (leftmost, not overlapping
    for the same pattern), in order of where they start."""
    pset = patterns if isinstance(patterns, PatternSet) else _index(tuple(patterns))
    hits: list[Hit] = []
    free_from = [0] * len(pset.patterns)  # where each pattern may next start
    for i, tok in enumerate(tokens):
        candidates = pset.by_key.get(tok.key, ())
        for n in (*candidates, *pset.anywhere) if pset.anywhere else candidates:
            if i < free_from[n]:
                continue
            pattern = pset.patterns[n]
            end = _match_from(tokens, i, pattern.elements, 0)
            if end > i:
                hits.append(Hit(pattern, i, end - 1))
                free_from[n] = end
    return hits
