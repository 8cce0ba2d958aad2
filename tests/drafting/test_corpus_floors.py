"""The spent held-out sets, each scored once by someone else's labels, kept as floors.

A held-out set is written by an author who has not seen the checks, kept outside the
repository and scored once on finished checks (tests/corpus/letters/README.md has each
score). Once scored it is spent: it joins the corpus, and its result becomes a floor a
later change may raise, never lower, for letters found and false alarms alike.

- heldout2 (K001-K124): scored in round 2 at partisan (34 found, 0 false alarms) and leak
  (41, 8); round 3 then fixed its errors by general rules, so its floor is that result.
- heldout3 (L001-L100): scored once in round 3 at partisan (25, 1) and leak (36, 9);
  round 4 then tuned on it by general mechanisms, so its floor is that tuned-on result.
- heldout4 (M001-M080): scored once in round 4 at partisan (21, 0) and leak (29, 6); the
  resemblance models then learnt from it.
- heldout5 (N001-N090): scored once in round 5 at partisan (35, 5) and leak (34, 7), on
  models that had not seen it; they then learnt from it, so its floor is the result after.
- heldout6 (P001-P100): scored once in round 5, on the finished checks, at partisan (35, 3)
  and leak (34, 4); the models then learnt from it.

- heldout7 (Q001-Q100): scored once in round 6 (commit 460bbfc, models that had not seen
  it) at partisan (37, 5) and leak (38, 5); the models then learnt from it and round 6 fixed
  its errors by general mechanisms, so its floor is the result after.

- heldout8 (R001-R100): scored once in round 6 (commit 08739c1, models that had not seen
  it) at partisan (33, 3) and leak (37, 7); the models then learnt from it and its errors
  were fixed by mechanism, so its floor is the result after.

- heldout9 (S001-S100): scored once in round 6 (commit e95e074, models that had not seen
  it) at partisan (39, 1) and leak (35, 3); then learnt from and fixed like the others.

- heldout10 (U001-U100): scored once in round 6 (commit 0387201, models that had not seen
  it) at partisan (38, 3) and leak (37, 7); then learnt from and fixed like the others
  (two partisan false alarms, one leak false alarm and one missed leak remain, listed in
  tests/corpus/letters/README.md).

- heldout11 (V001-V100): scored once in round 6 (commit 5083df2, models that had not seen
  it) at partisan (39, 4) and leak (38, 5); then learnt from and fixed like the others.

- heldout12 (W001-W100): scored once at the end of round 6 (commit fdacd5e, models that
  had not seen it) at partisan (38, 1) and leak (38, 2); the models then learnt from it,
  with no change to the rules, so its floor is the result after that learning.

At the end of round 6 the models' shrinkage went from 0.3 to 1.0 (learnt from every letter,
the old setting had memorised everyday words such as "be put", which flagged the kit's own
model replies), so heldout4 and heldout9 each allow the one neutral letter the more
general models now question.

Round 6 fixed the false alarms and misses these sets still had by general mechanisms (a
colour in a service's name, a reader's question reported, a parent acting for a young
child, consent stated in a referral, a public register, a family by its surname, casework
put on a party's records), so every floor is the result after; heldout4's one false alarm
left (M056, a child named only by first name in a letter to her parents) is listed in
tests/corpus/letters/README.md.
"""

from __future__ import annotations

from functools import cache

import pytest

from casekit.drafting import check_draft
from casekit.rules.profile import load_profile
from tests.corpus.loader import check_kwargs, load

FLAGGING = {"warning", "breach"}
# set -> check -> (true positives at least, false positives at most)
FLOORS = {
    "heldout2": {"neutrality": (48, 0), "confidentiality": (49, 0)},
    "heldout3": {"neutrality": (40, 0), "confidentiality": (40, 0)},
    "heldout4": {"neutrality": (31, 1), "confidentiality": (33, 1)},
    "heldout5": {"neutrality": (36, 0), "confidentiality": (37, 0)},
    "heldout6": {"neutrality": (35, 0), "confidentiality": (35, 0)},
    "heldout7": {"neutrality": (40, 0), "confidentiality": (41, 0)},
    "heldout8": {"neutrality": (40, 0), "confidentiality": (40, 0)},
    "heldout9": {"neutrality": (40, 1), "confidentiality": (40, 0)},
    "heldout10": {"neutrality": (40, 2), "confidentiality": (39, 1)},
    "heldout11": {"neutrality": (40, 2), "confidentiality": (40, 0)},
    "heldout12": {"neutrality": (40, 1), "confidentiality": (38, 2)},
}
# set -> (letters, partisan, leak): the set is the one that was scored
SIZES = {
    "heldout2": (124, 48, 49),
    "heldout3": (100, 40, 40),
    "heldout4": (80, 31, 33),
    "heldout5": (90, 36, 37),
    "heldout6": (100, 35, 35),
    "heldout7": (100, 40, 41),
    "heldout8": (100, 40, 40),
    "heldout9": (100, 40, 40),
    "heldout10": (100, 40, 40),
    "heldout11": (100, 40, 40),
    "heldout12": (100, 40, 40),
}


@cache
def _said(name: str, kind: str) -> tuple[int, int]:
    """(true positives, false positives) of one check over a set."""
    profile = load_profile("default")
    tp = fp = 0
    for letter in load(name):
        findings = check_draft(letter.text, profile=profile, **check_kwargs(letter))
        said = any(f.kind == kind and f.severity in FLAGGING for f in findings)
        truth = letter.partisan if kind == "neutrality" else letter.leak
        tp += said and truth
        fp += said and not truth
    return tp, fp


@pytest.mark.parametrize("name", sorted(SIZES))
def test_the_set_is_the_one_scored(name: str) -> None:
    letters = load(name)
    partisan = sum(lt.partisan for lt in letters)
    leak = sum(lt.leak for lt in letters)
    assert (len(letters), partisan, leak) == SIZES[name]


@pytest.mark.parametrize(
    ("name", "kind"), [(name, kind) for name, floor in sorted(FLOORS.items()) for kind in floor]
)
def test_no_worse_than_the_floor(name: str, kind: str) -> None:
    """Party-political wording (neutrality) and leaks (confidentiality): at least as many
    found, no more false alarms."""
    tp, fp = _said(name, kind)
    least, most = FLOORS[name][kind]
    assert tp >= least and fp <= most, (tp, fp)
