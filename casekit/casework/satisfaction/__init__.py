"""The satisfaction review: asking the constituent, the councillor and the service officer
how the case went, and doing something about low scores (criterion AC4).

The people asked are simulated, but their answers are not random: they follow from how
the case was handled, read from the log (a late reply, no holding reply before a missed
deadline, drafts returned by the member, a reply without the member's approval, unverified
facts passed on, a third party's consent missing, a safeguarding concern not escalated the
same day), with the weights in ``casekit/data/satisfaction.toml``. The same workspace and
case always get the same answers. The constituent's answer is also graded the WriteToThem
way (replied / replied but not answered / acknowledgement only / no reply).

Modules: :mod:`.rules` (the data file), :mod:`.scoring` (handling problems and scores),
:mod:`.actions` (requests, answers, follow-ups), :mod:`.reporting` (the summary).
"""

from __future__ import annotations

from casekit.casework.satisfaction.actions import (
    check_action,
    check_stakeholder,
    record_follow_up,
    request_feedback,
    simulate_answers,
)
from casekit.casework.satisfaction.reporting import pending, summary
from casekit.casework.satisfaction.rules import (
    DEFAULT_PATH,
    FACTORS,
    FORMAT_RULE,
    FORMAT_SOURCE,
    GRADES,
    RULE_IDS,
    Factor,
    Rule,
    SatisfactionRules,
    Stakeholder,
    load_rules,
    parse_rules,
)
from casekit.casework.satisfaction.scoring import grade, handling_factors, score

__all__ = [
    "DEFAULT_PATH",
    "FACTORS",
    "FORMAT_RULE",
    "FORMAT_SOURCE",
    "GRADES",
    "RULE_IDS",
    "Factor",
    "Rule",
    "SatisfactionRules",
    "Stakeholder",
    "check_action",
    "check_stakeholder",
    "grade",
    "handling_factors",
    "load_rules",
    "parse_rules",
    "pending",
    "record_follow_up",
    "request_feedback",
    "score",
    "simulate_answers",
    "summary",
]
