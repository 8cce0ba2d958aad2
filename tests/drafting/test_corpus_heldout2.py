"""The second held-out set (K001-K124), scored once at the end of round 2, as a floor.

Its letters were written by someone who had not seen the checks, and scored once on the
finished checks (tests/corpus/letters/README.md): partisan precision 1.000, recall 0.708;
leak precision 0.837, recall 0.837. The set is spent now, so it is no longer a measure of
how the checks do on letters they have not seen; it stays as a regression test: a later
change may do better on it, never worse, letter counts and false alarms alike. Round 3
examined its errors and fixed them in general form; the floor is that result.
"""

from __future__ import annotations

from functools import cache

import pytest

from casekit.drafting import check_draft
from casekit.rules.profile import load_profile
from tests.corpus.loader import check_kwargs, load

FLAGGING = {"warning", "breach"}
# (true positives at least, false positives at most). Scored once in round 2 at (34, 0)
# and (41, 8); raised in round 3 after its errors were examined and fixed by general rules
# (the set was tuned on then, so these numbers no longer measure generalisation).
FLOOR = {"neutrality": (48, 0), "confidentiality": (49, 0)}


@cache
def _said(kind: str) -> tuple[int, int]:
    """(true positives, false positives) of one check over the set."""
    profile = load_profile("default")
    tp = fp = 0
    for letter in load("heldout2"):
        findings = check_draft(letter.text, profile=profile, **check_kwargs(letter))
        said = any(f.kind == kind and f.severity in FLAGGING for f in findings)
        truth = letter.partisan if kind == "neutrality" else letter.leak
        tp += said and truth
        fp += said and not truth
    return tp, fp


def test_the_set_is_the_one_scored() -> None:
    letters = load("heldout2")
    assert len(letters) == 124
    assert sum(lt.partisan for lt in letters) == 48 and sum(lt.leak for lt in letters) == 49


@pytest.mark.parametrize("kind", sorted(FLOOR))
def test_no_worse_than_when_scored(kind: str) -> None:
    """Party-political wording (neutrality) and leaks (confidentiality): at least as many
    found, no more false alarms."""
    tp, fp = _said(kind)
    least, most = FLOOR[kind]
    assert tp >= least and fp <= most, (tp, fp)
