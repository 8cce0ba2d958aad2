"""Political neutrality: party names, attacks, credit-claiming, campaign calls to action.

Officers serve the whole council (Local Government Act 1986 s2), so an officer-drafted reply
carries the member's style but not their party politics. In a pre-election period the same
words are breaches, and the profile's ``pre_election_extra`` words count too.
"""

from __future__ import annotations

from casekit.drafting.checks.context import DraftContext
from casekit.drafting.checks.matching import drop_overlaps, find_phrases
from casekit.drafting.findings import Finding
from casekit.drafting.rules import message, setting, words_list

SECTION = "neutrality"
LISTS = ("party_names", "attacks", "credit_claiming", "calls_to_action")
PRE_ELECTION_LIST = "pre_election_extra"


def check_neutrality(ctx: DraftContext) -> list[Finding]:
    rules = ctx.rules[SECTION]
    groups = list(LISTS) + ([PRE_ELECTION_LIST] if ctx.pre_election else [])
    matches = []
    for group in groups:
        matches.extend(find_phrases(ctx.text, words_list(rules, SECTION, group), group=group))
    # Overlaps across lists (e.g. "our manifesto" inside "as promised in our manifesto")
    # are reported once, under the longest phrase.
    source = str(setting(rules, SECTION, "source"))
    if ctx.pre_election:
        severity = str(setting(rules, SECTION, "pre_election_severity"))
        source = f"{source}; {setting(rules, SECTION, 'pre_election_source')}"
    else:
        severity = str(setting(rules, SECTION, "severity"))
    return [
        ctx.finding(
            SECTION,
            kind="neutrality",
            check=m.group,
            severity=severity,
            message=message(rules, SECTION, m.group, words=m.words),
            start=m.start,
            end=m.end,
            rule=source,
        )
        for m in drop_overlaps(matches)
    ]
