"""Answer keys: reading one safely, and checking its expectations against the language.

A key is untrusted JSON from a tutor's folder (:mod:`casekit.inputs.jsonfile`): a BOM, a
repeated key, NaN or a lone surrogate is refused with the place it was found. A key file is
then checked against the answer-key schema (``casekit/data/scenarios/schema``), and every
key, file or not, against what the schema cannot say about its expectations (the language
at the top of ``casekit/data/scenarios/traps.toml``): each part an expectation has must be
one its pattern reads. Every refusal is on the field ``key``.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from casekit.errors import CasekitError
from casekit.inputs.jsonfile import parse_json, read_limited
from casekit.inputs.problems import Problem

MAX_KEY_BYTES = 5_000_000
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


def load_key(path: str | Path) -> dict[str, Any]:
    """Read an answer key file, refusing anything that is not one."""
    path = Path(path)
    if not path.is_file():
        raise CasekitError(f"There is no answer key at {path}.", field="key")
    if path.stat().st_size > MAX_KEY_BYTES:
        raise CasekitError(f"{path} is too large to be an answer key.", field="key")
    try:
        key = parse_json(
            read_limited(path, what="answer key", max_bytes=MAX_KEY_BYTES),
            name=str(path),
            max_bytes=MAX_KEY_BYTES,
        )
    except CasekitError as err:
        raise CasekitError(
            f"{err.message} It is not an answer key casekit can read.",
            rule=err.rule,
            source=err.source,
            advice=err.advice,
            field="key",
        ) from None
    if not isinstance(key, dict) or not isinstance(key.get("cases"), list):
        raise CasekitError(f"{path} is not an answer key (it has no 'cases' list).", field="key")
    from casekit.scenarios.pack import validate_key

    refuse(validate_key(key) + expectation_problems(key), path)
    return key


def refuse(problems: list[Problem], where: str | Path) -> None:
    """Raise one refusal naming every problem (nothing when there is none)."""
    if not problems:
        return
    shown = "; ".join(str(p) for p in problems[:10])
    more = f" (and {len(problems) - 10} more)" if len(problems) > 10 else ""
    raise CasekitError(
        f"{where} is not an answer key casekit can use: {shown}{more}.",
        rule="answer-key-language",
        source=LANGUAGE,
        advice="Use the key that was generated with this learner's pack.",
        field="key",
    )


def expectation_problems(key: Any) -> list[Problem]:
    """What is wrong with a key's expectations that its schema cannot say."""
    from casekit.drafting.judgements import JUDGES

    found: list[Problem] = []
    cases = key.get("cases") if isinstance(key, dict) else None
    for c, entry in enumerate(cases if isinstance(cases, list) else []):
        traps = entry.get("traps") if isinstance(entry, dict) else None
        for t, trap in enumerate(traps if isinstance(traps, list) else []):
            for side in ("good", "bad"):
                items = trap.get(side) if isinstance(trap, dict) else None
                for n, x in enumerate(items if isinstance(items, list) else []):
                    where = f"$.cases[{c}].traps[{t}].{side}[{n}]"
                    found += spec_problems(x, where, JUDGES)
    return found


def spec_problems(x: Any, where: str, judges: Any) -> list[Problem]:
    """One expectation's problems: parts its pattern does not read, judgements casekit
    does not make, a judge with no verdict, a matcher of more than one test."""
    if not isinstance(x, dict):
        return [Problem(where, "an expectation is an object")]
    pattern = x.get("pattern", "occurs")
    if pattern not in PARTS:
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


def _judging(x: dict[str, Any], where: str, judges: Any) -> list[Problem]:
    found = []
    if "judge" in x and x["judge"] not in judges:
        found.append(Problem(f"{where}.judge", f"{x['judge']!r} is not one of {', '.join(judges)}"))
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


def check_pack(ws: Any, key: dict[str, Any]) -> None:
    """Refuse a key made for another pack than the workspace's."""
    if not ws.pack_path.exists():
        return
    pack_id = json.loads(ws.pack_path.read_text(encoding="utf-8")).get("pack_id")
    if key.get("pack_id") and pack_id and key["pack_id"] != pack_id:
        raise CasekitError(
            f"This answer key is for pack {key['pack_id']}, but the workspace was made "
            f"from pack {pack_id}.",
            field="key",
            advice="Use the key that was generated with this learner's pack.",
        )
