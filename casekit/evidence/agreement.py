"""Agreement between assessors: Cohen's kappa for two, Fleiss' kappa for more.

Standardisation asks whether another assessor would judge the same (the rule of evidence
"reliable"). Several assessors judge the same anonymised packs; for each criterion the
kit compares their decisions. Raw agreement flatters when one decision is common, so the
kappas correct for the agreement chance alone would give:

* Cohen (1960), two raters: ``(p_o - p_e) / (1 - p_e)``, where ``p_e`` multiplies each
  rater's own share of each category.
* Fleiss (1971), any number of raters, each subject judged by the same number: the mean
  pairwise agreement per subject against the pooled shares of each category.

Both are undefined when chance agreement is certain (every decision in one category):
then the result is ``None`` and the observed agreement says what there is to say.
Landis and Koch (1977) give the words the report puts beside a kappa.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

# Landis & Koch (1977), "The measurement of observer agreement for categorical data".
BANDS = (
    (0.0, "poor (less than chance)"),
    (0.2, "slight"),
    (0.4, "fair"),
    (0.6, "moderate"),
    (0.8, "substantial"),
    (1.0, "almost perfect"),
)


def cohen_kappa(a: Sequence[str], b: Sequence[str]) -> float | None:
    """Cohen's kappa of two raters' judgements of the same subjects, in order."""
    if len(a) != len(b):
        raise ValueError("the two raters judged different numbers of subjects")
    n = len(a)
    if n == 0:
        return None
    observed = sum(1 for x, y in zip(a, b, strict=True) if x == y) / n
    share_a, share_b = Counter(a), Counter(b)
    expected = sum(share_a[c] * share_b[c] for c in set(share_a) | set(share_b)) / (n * n)
    if expected >= 1.0:
        return None
    return (observed - expected) / (1 - expected)


def fleiss_kappa(table: Sequence[Sequence[int]]) -> float | None:
    """Fleiss' kappa from a subjects x categories table of counts (how many raters put
    each subject in each category); every subject needs the same number of raters (2+)."""
    rows = [list(map(int, row)) for row in table]
    if not rows:
        return None
    raters = sum(rows[0])
    if raters < 2 or any(sum(row) != raters for row in rows):
        raise ValueError("every subject needs the same number of raters, at least two")
    n = len(rows)
    per_subject = [(sum(c * c for c in row) - raters) / (raters * (raters - 1)) for row in rows]
    p_bar = sum(per_subject) / n
    shares = [sum(row[j] for row in rows) / (n * raters) for j in range(len(rows[0]))]
    p_e = sum(s * s for s in shares)
    if p_e >= 1.0:
        return None
    return (p_bar - p_e) / (1 - p_e)


def counts_table(judgements: Sequence[Sequence[str]], categories: Sequence[str]) -> list[list[int]]:
    """Per subject, how many raters chose each category (for :func:`fleiss_kappa`)."""
    index = {c: i for i, c in enumerate(categories)}
    table = []
    for subject in judgements:
        row = [0] * len(categories)
        for choice in subject:
            row[index[choice]] += 1
        table.append(row)
    return table


def observed_agreement(judgements: Sequence[Sequence[str]]) -> float | None:
    """The share of subjects on which every rater chose alike."""
    if not judgements:
        return None
    return sum(1 for s in judgements if len(set(s)) == 1) / len(judgements)


def describe(kappa: float | None) -> str:
    """Landis and Koch's word for a kappa."""
    if kappa is None:
        return "undefined (every decision alike: see the observed agreement)"
    for top, word in BANDS:
        if kappa <= top:
            return word
    return BANDS[-1][1]


def kappa(
    judgements: Sequence[Sequence[str]], categories: Sequence[str]
) -> tuple[float | None, str]:
    """The kappa for subjects each judged by the same raters (in the same order), and
    which one: Cohen's for two raters, Fleiss' for more."""
    if not judgements:
        return None, ""
    raters = len(judgements[0])
    if raters == 2:
        pair = cohen_kappa([s[0] for s in judgements], [s[1] for s in judgements])
        return pair, "Cohen's kappa"
    return fleiss_kappa(counts_table(judgements, categories)), "Fleiss' kappa"
