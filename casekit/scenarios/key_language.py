"""The expectation language of answer keys, checked: what a schema cannot say.

The language is described at the top of ``casekit/data/scenarios/traps.toml``. The schemas
(``traps.schema.toml`` for the traps file, ``answer-key.schema.json`` for keys) say what
each part may hold; this says what they cannot: each part an expectation has must be one
its pattern reads, a judgement must be one casekit makes and name its verdict, and a
matcher tests one thing. ``casekit check-data`` (traps.toml), ``read_key`` and the coach
(answer keys) all ask it, so a key outside the language is refused before it is used.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from casekit.inputs.problems import Problem

LANGUAGE = "the expectation language at the top of casekit/data/scenarios/traps.toml"
# What each pattern reads; anything else in an expectation is a mistake in the key.
COMMON = frozenset(
    {"pattern", "kind", "where", "explanation", "judge", "verdict", "on"}
    | {"consent_from", "linked_to"}
)
PARTS = {
    "occurs": COMMON | {"before", "within_wd"},
    "occurs_without_prior": COMMON | {"prior"},
    "missing": COMMON | {"by_wd"},
}
PRIOR = frozenset({"kind", "where", "judge", "verdict", "on", "consent_from", "linked_to"})


def judges() -> tuple[str, ...]:
    """The judgements casekit makes on a text (the drafting judgements)."""
    from casekit.drafting.judgements import JUDGES

    return tuple(JUDGES)


def expectation_problems(key: Any) -> list[Problem]:
    """What is wrong with a key's expectations that its schema cannot say."""
    known = judges()
    found: list[Problem] = []
    cases = key.get("cases") if isinstance(key, dict) else None
    for c, entry in enumerate(cases if isinstance(cases, list) else []):
        traps = entry.get("traps") if isinstance(entry, dict) else None
        for t, trap in enumerate(traps if isinstance(traps, list) else []):
            for side in ("good", "bad"):
                items = trap.get(side) if isinstance(trap, dict) else None
                for n, x in enumerate(items if isinstance(items, list) else []):
                    where = f"$.cases[{c}].traps[{t}].{side}[{n}]"
                    found += spec_problems(x, where, known)
    return found


def spec_problems(x: Any, where: str, judges: Iterable[str]) -> list[Problem]:
    """One expectation's problems: parts its pattern does not read, judgements casekit
    does not make, a judge with no verdict, a matcher of more than one test."""
    if not isinstance(x, dict):
        return [Problem(where, "an expectation is an object")]
    pattern = x.get("pattern", "occurs")
    if not isinstance(pattern, str) or pattern not in PARTS:
        return [Problem(f"{where}.pattern", f"{pattern!r} is not one of {', '.join(PARTS)}")]
    found = [
        Problem(f"{where}.{k}", f"is not read by the {pattern} pattern")
        for k in x
        if k not in PARTS[pattern]
    ]
    if pattern == "occurs_without_prior" and not isinstance(x.get("prior"), dict):
        found.append(Problem(f"{where}.prior", "missing (required by occurs_without_prior)"))
    found += _judging(x, where, judges)
    prior = x.get("prior")
    if isinstance(prior, dict):
        found += [
            Problem(f"{where}.prior.{k}", "is not read in a prior") for k in prior if k not in PRIOR
        ]
        found += _judging(prior, f"{where}.prior", judges)
    return found


def _judging(x: dict[str, Any], where: str, judges: Iterable[str]) -> list[Problem]:
    found = []
    known = tuple(judges)
    if "judge" in x and (not isinstance(x["judge"], str) or x["judge"] not in known):
        found.append(Problem(f"{where}.judge", f"{x['judge']!r} is not one of {', '.join(known)}"))
    if "judge" in x and x.get("verdict") not in ("sound", "breach"):
        found.append(Problem(f"{where}.verdict", "missing: say which verdict, sound or breach"))
    for part in ("verdict", "on"):
        if part in x and "judge" not in x:
            found.append(Problem(f"{where}.{part}", "is read only with judge"))
    matchers = x.get("where")
    for name, matcher in (matchers if isinstance(matchers, dict) else {}).items():
        if isinstance(matcher, dict) and len(matcher) != 1:
            found.append(Problem(f"{where}.where.{name}", "must hold exactly one matcher"))
    return found
