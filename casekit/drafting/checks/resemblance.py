"""A second opinion: sentences that read like the ones experts marked in labelled letters.

The concept lists (:mod:`.signals`, :mod:`.sensitive`) catch the ways of writing someone
has described. People who have not read them take sides, or give away someone's
circumstances, in ways nobody listed ("now the grown-ups are back in charge of the
budget"). So each sentence is also compared with casekit's labelled letters
(``tests/corpus/letters``): a logistic regression over the sentence's lemmas and pairs of
neighbouring lemmas, learnt (:mod:`casekit.drafting.learn`) from the sentences experts
marked as deciding a label against every sentence of letters they labelled clean of it.

The model decides nothing. A sentence scoring above its threshold is a warning worded "for
your tutor to review", naming the words that weighed most, so the learner can see why. The
threshold is chosen by cross-validation over sets of letters written by different authors
(each set scored by a model learnt without it) for the precision the model file states.

A model is a data file (``casekit/data/resemblance/<name>.toml``, checked against its schema)
written by ``make models`` from the labelled letters; a centre retrains it with its own
letters the same way. Scoring is one dictionary look-up a word: linear in the letter.
"""

from __future__ import annotations

from collections.abc import Container, Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from itertools import pairwise
from pathlib import Path
from typing import Any

from casekit.drafting.checks.context import DraftContext
from casekit.drafting.findings import Finding
from casekit.drafting.text import Sentence, Token, analyse

MODELS_DIR = Path(__file__).resolve().parents[2] / "data" / "resemblance"
CUES = 3  # words named in a finding


@dataclass(frozen=True)
class Model:
    """A learnt model: ``prior`` plus the weight of each feature present, against
    ``threshold``."""

    name: str
    label: str
    letters: str  # a digest of the labelled letters it was learnt from
    threshold: float
    prior: float
    weights: dict[str, float]
    common: frozenset[str] = frozenset()

    def score(self, features: Iterable[str]) -> float:
        return self.prior + sum(self.weights.get(f, 0.0) for f in features)


@dataclass(frozen=True)
class Resembling:
    """A sentence above the threshold, and the words that weighed most."""

    start: int
    end: int
    score: float
    cues: tuple[str, ...]


def _words(tokens: Sequence[Token]) -> list[Token]:
    return [t for t in tokens if t.key]


def features(
    tokens: Sequence[Token], common: Container[str] = frozenset()
) -> dict[str, tuple[Token, ...]]:
    """Each feature of a sentence (a lemma, or two neighbouring lemmas joined by a space)
    and the first tokens that carry it. A ``common`` word ("I", "this", "have") is a
    feature only beside an uncommon one: alone it says nothing about a side."""
    words = _words(tokens)
    out: dict[str, tuple[Token, ...]] = {}
    for tok in words:
        if tok.key not in common:
            out.setdefault(tok.key, (tok,))
    for a, b in pairwise(words):
        if a.key not in common or b.key not in common:
            out.setdefault(f"{a.key} {b.key}", (a, b))
    return out


def resembling(
    text: str,
    model: Model,
    only: Container[int] | None = None,
    hidden: Mapping[int, Container[int]] | None = None,
) -> list[Resembling]:
    """The sentences of ``text`` scoring above the model's threshold (of those whose
    numbers are in ``only``, when given), each read without its ``hidden`` tokens (by
    sentence number: names of things such as "postal vote pack", and words the letter
    reports from the reader, which are not the writer taking a side)."""
    _tokens, sentences = analyse(text)
    hidden = hidden or {}
    return [
        r
        for n, s in enumerate(sentences)
        if (only is None or n in only)
        and (r := _scored(text, s, model, hidden.get(n, ()))) is not None
    ]


def _scored(
    text: str, sentence: Sentence, model: Model, hidden: Container[int] = ()
) -> Resembling | None:
    tokens = [t for i, t in enumerate(sentence.tokens) if i not in hidden]
    if not tokens:
        return None
    found = features(tokens, model.common)
    score = model.score(found)
    if score <= model.threshold:
        return None
    weighed = sorted(
        ((model.weights.get(f, 0.0), f) for f in found if model.weights.get(f, 0.0) > 0),
        key=lambda pair: (-pair[0], pair[1]),
    )
    cues: list[str] = []
    for _weight, feature in weighed:
        toks = found[feature]
        words = text[toks[0].start : toks[-1].end]
        if not any(words.lower() in cue.lower() or cue.lower() in words.lower() for cue in cues):
            cues.append(words)
        if len(cues) == CUES:
            break
    first, last = sentence.tokens[0], sentence.tokens[-1]
    return Resembling(first.start, last.end, score, tuple(cues))


# -- the model files -----------------------------------------------------------------------
def load_model(name: str, folder: Path | None = None) -> Model:
    """A model file, checked against its schema (a refusal names the field); from
    ``MODELS_DIR`` unless ``folder`` is given."""
    return _load(name, folder or MODELS_DIR)


@cache
def _load(name: str, folder: Path) -> Model:
    from casekit.rules.datafiles import read_data

    return model_from(read_data("resemblance", folder / f"{name}.toml"), name)


def model_from(data: dict[str, Any], name: str) -> Model:
    return Model(
        name=name,
        label=str(data["label"]),
        letters=str(data["letters"]),
        threshold=float(data["threshold"]),
        prior=float(data["prior"]),
        weights={str(k): float(v) for k, v in data["weights"].items()},
        common=frozenset(str(w) for w in data.get("common", ())),
    )


def model_toml(model: Model, about: Sequence[str]) -> str:
    """A model as the TOML file :func:`load_model` reads (stable order: byte-identical
    for the same letters)."""
    lines = [f"# {line}" if line else "#" for line in about]
    lines += [
        f'label = "{model.label}"',
        f'letters = "{model.letters}"',
        f"threshold = {model.threshold!r}",
        f"prior = {model.prior!r}",
        "common = [" + ", ".join(_key(w) for w in sorted(model.common)) + "]",
        "",
        "[weights]",
    ]
    lines += [f"{_key(k)} = {v!r}" for k, v in sorted(model.weights.items())]
    return "\n".join(lines) + "\n"


def _key(feature: str) -> str:
    escaped = feature.replace("\\", "\\\\").replace('"', '\\"')
    return f'"{escaped}"'


# -- findings ------------------------------------------------------------------------------
def resemblance_findings(
    ctx: DraftContext,
    section: str,
    kind: str,
    check: str,
    only: Container[int] | None = None,
    hidden: Mapping[int, Container[int]] | None = None,
) -> list[Finding]:
    """Warnings for the tutor on sentences that resemble the model named in the profile's
    ``[drafting.<section>] resemblance`` ("" turns it off); only the sentences numbered in
    ``only``, when given (those whose subject the section's concepts recognise), each
    read without its ``hidden`` tokens."""
    from casekit.drafting.rules import message, setting

    rules = ctx.rules[section]
    name = str(rules.get("resemblance") or "")
    if not name:
        return []
    model = load_model(name)
    severity = str(setting(rules, section, "review_severity"))
    return [
        ctx.finding(
            section,
            kind=kind,
            check=check,
            severity=severity,
            message=message(
                rules,
                section,
                "resemblance",
                words=ctx.text[r.start : r.end],
                cues=", ".join(f"'{c}'" for c in r.cues),
            ),
            start=r.start,
            end=r.end,
        )
        for r in resembling(ctx.text, model, only, hidden)
    ]


def unfound(extra: list[Finding], found: Sequence[Finding]) -> list[Finding]:
    """The second opinions on sentences the checks themselves found nothing above advice in."""
    decided = [f for f in found if f.above_advice]
    return [x for x in extra if not any(f.start < x.end and x.start < f.end for f in decided)]
