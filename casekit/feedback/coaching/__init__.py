"""Coaching: what the learner handled well, what they mishandled, and why, from the log.

Two sources of feedback, both explained with the rule and the criterion:

* **Traps** planted in the learner's pack. The answer key (kept by the tutor, never in the
  pack) says, in the expectation language of ``casekit/data/scenarios/traps.toml``, what
  good handling and mishandling look like; :mod:`.traps` decides for each trap whether it
  was handled, mishandled, missed, is for the tutor to review, in progress or not reached.
* **Common mistakes** of the unit (``casekit/data/coaching.toml``), found in any
  workspace, key or no key (:mod:`.mistakes`, :mod:`.similarity`), and what the learner
  recorded that a tutor should confirm.

Modules: :mod:`.keys` (reading and checking keys), :mod:`.expectations` and :mod:`.judges`
(the expectation language), :mod:`.traps`, :mod:`.mistakes`, :mod:`.similarity`,
:mod:`.report` (the report and :func:`coach`), :mod:`.texts` (the coaching texts).
"""

from __future__ import annotations

from casekit.feedback.coaching.keys import MAX_KEY_BYTES, load_key
from casekit.feedback.coaching.mistakes import ForReview, Mistake
from casekit.feedback.coaching.report import CoachReport, coach, coach_state
from casekit.feedback.coaching.texts import DATA, settings
from casekit.feedback.coaching.traps import STATUSES, TrapResult

__all__ = [
    "DATA",
    "MAX_KEY_BYTES",
    "STATUSES",
    "CoachReport",
    "ForReview",
    "Mistake",
    "TrapResult",
    "coach",
    "coach_state",
    "load_key",
    "settings",
]
