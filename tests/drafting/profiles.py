"""Profiles for tests of one layer of the drafting checks."""

from __future__ import annotations

import copy
import dataclasses

from casekit.rules.profile import load_profile
from casekit.rules.profile.model import Profile

SECOND_OPINIONS = ("neutrality", "confidentiality")


def concept_rules_only(profile: Profile | None = None) -> Profile:
    """The profile with the resemblance models turned off (``resemblance = ""``): tests of
    the concept rules judge those rules alone. The models are measured on letters they were
    not learnt from (tests/drafting/test_resemblance.py), not on hand-written sentences."""
    base = profile or load_profile("default")
    drafting = copy.deepcopy(base.drafting)
    for section in SECOND_OPINIONS:
        drafting[section]["resemblance"] = ""
    return dataclasses.replace(base, drafting=drafting)
