"""Learning a resemblance model (:mod:`casekit.drafting.checks.resemblance`) from labelled
letters, so that a centre can teach the checks its own writers' ways.

Each sentence an expert marked as deciding a label is a positive example; every sentence of
a letter labelled clean of it, and every sentence holding a near miss (wording the expert
marked as only looking like it), is a negative one. A flagged letter's other sentences
were not judged, so they are left out. The model is a logistic regression over the sentence's
lemmas and pairs of neighbouring lemmas, learnt by stochastic gradient descent with a fixed
seed (the same letters give the same file, byte for byte), the positives weighted up to
balance the classes, and L2 shrinkage (its strength chosen by cross-validation over the
author sets) so that no single everyday word decides alone.

A logistic regression rather than word counts (naive Bayes) because it weighs words
against each other: a chatty councillor's "I'll be honest" is common in partisan letters and
in clean ones, so it ends up weighing little, where counting would give it a lot.
"""

from __future__ import annotations

import math
import random
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from casekit.drafting.checks.resemblance import Model, features
from casekit.drafting.text import analyse

EPOCHS = 30
RATE = 0.1
SHRINK = 1.0  # 0.3 memorised everyday pairs ("be put") once 1,400 letters were learnt
MIN_COUNT = 2  # features seen fewer times are left out
MIN_WEIGHT = 0.05  # weights smaller than this are dropped from the file
SEED = 20261129
COMMON_SHARE = 0.1  # a word in more sentences than this share is common


@dataclass(frozen=True)
class Example:
    """A labelled letter: its text, whether it carries the label, the spans the expert
    marked as deciding it, and the spans they marked as only looking like it."""

    text: str
    flagged: bool
    marked: tuple[tuple[int, int], ...]
    near_misses: tuple[tuple[int, int], ...] = ()


def common_words(examples: Sequence[Example]) -> frozenset[str]:
    """Words in more than ``COMMON_SHARE`` of all sentences ("I", "this", "have")."""
    seen: Counter[str] = Counter()
    total = 0
    for example in examples:
        for sentence in analyse(example.text)[1]:
            total += 1
            seen.update({t.key for t in sentence.tokens if t.key})
    return frozenset(w for w, n in seen.items() if n > COMMON_SHARE * total)


def sentence_examples(
    examples: Iterable[Example], common: frozenset[str] = frozenset()
) -> tuple[list[set[str]], list[set[str]]]:
    """The features of the marked sentences of flagged letters (positive) and of every
    sentence of clean letters and every near miss (negative). A flagged letter's other
    sentences are left out: they were not judged."""
    positive: list[set[str]] = []
    negative: list[set[str]] = []
    for example in examples:
        _tokens, sentences = analyse(example.text)
        for sentence in sentences:
            if not sentence.tokens:
                continue
            start, end = sentence.tokens[0].start, sentence.tokens[-1].end
            found = set(features(sentence.tokens, common))
            marked = any(a < end and start < b for a, b in example.marked)
            near = any(a < end and start < b for a, b in example.near_misses)
            if example.flagged and marked:
                positive.append(found)
            elif not example.flagged or near:
                negative.append(found)
    return positive, negative


def learn(examples: Iterable[Example], *, name: str, label: str) -> Model:
    """A logistic regression of the marked sentences (threshold 0: the caller chooses it)."""
    examples = list(examples)
    common = common_words(examples)
    positive, negative = sentence_examples(examples, common)
    if not positive or not negative:
        raise ValueError("learning needs marked sentences and letters labelled clean")
    seen: Counter[str] = Counter()
    for found in positive + negative:
        seen.update(found)
    keep = {f for f, n in seen.items() if n >= MIN_COUNT}
    rows = [(sorted(f & keep), 1) for f in positive] + [(sorted(f & keep), 0) for f in negative]
    balance = len(negative) / len(positive)
    weights: dict[str, float] = {}
    bias = 0.0
    rng = random.Random(SEED)
    for epoch in range(EPOCHS):
        rng.shuffle(rows)
        rate = RATE / (1 + epoch * 0.2)
        for found, truth in rows:
            z = bias + sum(weights.get(f, 0.0) for f in found)
            p = 1 / (1 + math.exp(-max(-30.0, min(30.0, z))))
            step = rate * (p - truth) * (balance if truth else 1.0)
            bias -= step
            for f in found:
                weights[f] = weights.get(f, 0.0) * (1 - rate * SHRINK) - step
    kept = {f: round(w, 4) for f, w in sorted(weights.items()) if abs(w) >= MIN_WEIGHT}
    return Model(name, label, "", 0.0, round(bias, 4), kept, common)


def letter_score(text: str, model: Model) -> float:
    """The highest sentence score of a letter (what the threshold is compared with)."""
    _tokens, sentences = analyse(text)
    scores = [model.score(features(s.tokens, model.common)) for s in sentences if s.tokens]
    return max(scores, default=-math.inf)
