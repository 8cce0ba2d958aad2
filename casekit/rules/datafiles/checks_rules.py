"""What the schemas of the rule files cannot say: profiles, criteria, categories, questions.

Each function is called with the parsed file (already checked against its schema, or as
far as its shape allows), the list to add problems to, the :class:`Context` of the other
files, and the file's path. None raises for a data problem: it adds one.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from casekit.inputs.problems import Problem
from casekit.rules.datafiles.context import Context
from casekit.rules.datafiles.schema import child, placeholders

# What each guard fills in when it refuses: a profile's rule may use these {names} only.
PROFILE_RULE_VALUES: dict[str, frozenset[str]] = {
    "share-needs-consent": frozenset({"recipient"}),
    "third-party-needs-consent": frozenset({"subject"}),
    "reply-needs-verified-facts": frozenset({"facts"}),
    "close-with-open-clock": frozenset({"clock", "due", "clock_source"}),
    "close-without-reply": frozenset(),
    "reply-after-close": frozenset(),
    "extension-limit": frozenset({"clock", "limit", "unit", "asked", "clock_source"}),
    "extension-needs-reason": frozenset(),
    "holding-reply-needs-date": frozenset(),
    "not-in-ward": frozenset({"postcode", "ward", "member"}),
    "wrong-tier": frozenset({"category", "owner"}),
    "possible-duplicate": frozenset({"other"}),
    "unknown-case": frozenset({"case"}),
}
TIERS = ("county", "district", "parish", "outside", "any")
TIER_WORDS = "county, district, parish, outside (not a council matter) or any (both tiers)"


def listed(names: Iterable[str]) -> str:
    return ", ".join(sorted(names)) or "none"


def not_known(value: Any, what: str, known: Iterable[str]) -> str:
    """``names 'AC7', which is not a criterion (known: AC1, ...)`` with a suggestion."""
    known = sorted(known)
    hint = difflib.get_close_matches(str(value), known, n=1) if isinstance(value, str) else []
    suggestion = f"; did you mean {hint[0]!r}?" if hint else ""
    shown = ", ".join(known) if len(known) <= 15 else ", ".join(known[:15]) + ", ..."
    return f"names {value!r}, which is not {what} (known: {shown}){suggestion}"


def check_placeholders(
    text: Any, known: frozenset[str], where: str, found: list[Problem], whose: str
) -> None:
    """A wording may use only the ``{names}`` its code fills in."""
    if not isinstance(text, str):
        return
    for name in sorted(n for n in placeholders(text) - known if n.isidentifier()):
        found.append(
            Problem(
                where,
                f"placeholder {{{name}}} is not filled in by {whose} "
                f"(it can use: {listed('{' + k + '}' for k in known)})",
            )
        )


# --------------------------------------------------------------------------- profiles


def profile(data: dict[str, Any], found: list[Problem], ctx: Context, origin: Path | None) -> None:
    _statutory(data.get("statutory", {}), found)
    rules = data.get("rules")
    for rule_id in PROFILE_RULE_VALUES:
        if isinstance(rules, dict) and rule_id not in rules:
            found.append(Problem(f"rules.{rule_id}", "missing (required: casekit applies it)"))
    for rule_id, rule in rules.items() if isinstance(rules, dict) else ():
        if rule_id not in PROFILE_RULE_VALUES or not isinstance(rule, dict):
            continue
        for key in ("message", "advice", "source"):
            check_placeholders(
                rule.get(key),
                PROFILE_RULE_VALUES[rule_id],
                f"rules.{rule_id}.{key}",
                found,
                f"the {rule_id} rule",
            )
    _tiers(data.get("tiers"), found, ctx)
    _patterns(data.get("drafting", {}), found)


def _statutory(clocks: dict[str, Any], found: list[Problem]) -> None:
    for key, clock in clocks.items():
        if not isinstance(clock, dict):
            continue
        where = f"statutory.{key}"
        given = {k for k in ("working_days", "calendar_months") if k in clock}
        if len(given) != 1:
            found.append(
                Problem(
                    where,
                    "give exactly one of working_days or calendar_months"
                    + (" (both are set)" if given else " (neither is set)"),
                )
            )
        elif "working_days" in given and "max_extension_months" in clock:
            found.append(
                Problem(f"{where}.max_extension_months", "use max_extension_wd with working_days")
            )
        elif "calendar_months" in given and "max_extension_wd" in clock:
            found.append(
                Problem(
                    f"{where}.max_extension_wd", "use max_extension_months with calendar_months"
                )
            )


def _tiers(tiers: Any, found: list[Problem], ctx: Context) -> None:
    """A profile's own [tiers] (optional: the categories file says who owns what)."""
    if not isinstance(tiers, dict):
        return
    owner: dict[str, str] = {}
    known = ctx.categories
    for tier, categories in tiers.items():
        for category in categories if isinstance(categories, list) else ():
            if not isinstance(category, str):
                continue
            if category in owner:
                found.append(
                    Problem(
                        f"tiers.{tier}",
                        f"category {category!r} is already in tier {owner[category]!r}",
                    )
                )
            owner[category] = tier
            if known is not None and category not in known:
                found.append(Problem(f"tiers.{tier}", not_known(category, "a category", known)))


def _patterns(drafting: Any, found: list[Problem]) -> None:
    """Patterns a drafting check compiles must compile (else every draft check fails)."""
    if not isinstance(drafting, dict):
        return
    for section, table in drafting.items():
        if not isinstance(table, dict):
            continue
        for key, value in table.items():
            texts = value if isinstance(value, list) else [value]
            if not (key.endswith("_pattern") or key.endswith("_patterns")):
                continue
            for text in texts:
                if not isinstance(text, str):
                    continue
                try:
                    re.compile(text)
                except re.error as err:
                    found.append(
                        Problem(
                            f"drafting.{section}.{key}",
                            f"{text!r} is not a valid regular expression ({err})",
                        )
                    )


# --------------------------------------------------------------------------- criteria


def criteria(data: dict[str, Any], found: list[Problem], ctx: Context, origin: Path | None) -> None:
    head = data.get("catalogue", {})
    if head.get("provisional") is True and not str(head.get("note", "")).strip():
        found.append(Problem("catalogue.note", "must not be empty when provisional is true"))
    outcomes = [o.get("id") for o in data.get("outcomes", []) if isinstance(o, dict)]
    known: list[str] = []
    for i, entry in enumerate(data.get("criteria", [])):
        if not isinstance(entry, dict):
            continue
        known.append(entry.get("id"))
        for link in entry.get("outcomes", []):
            if isinstance(link, str) and link not in outcomes:
                found.append(
                    Problem(f"criteria[{i}].outcomes", not_known(link, "an outcome", outcomes))
                )
    kinds = ctx.event_kinds
    evidence = data.get("evidence", {})
    for kind, rule in evidence.items():
        where = child("evidence", kind)
        if kind not in kinds:
            found.append(Problem(where, not_known(kind, "a kind of event casekit logs", kinds)))
        for cid in rule if isinstance(rule, list) else ():
            if isinstance(cid, str) and cid not in known:
                found.append(Problem(where, not_known(cid, "a criterion", known)))
    owner: dict[str, str] = {}
    for group, entry in data.get("items", {}).items():
        where = f"items.{group}.kinds"
        for kind in entry.get("kinds", []) if isinstance(entry, dict) else ():
            if not isinstance(kind, str):
                continue
            if kind not in evidence:
                found.append(Problem(where, f"names {kind!r}, which [evidence] does not map"))
            if kind in owner:
                found.append(Problem(where, f"repeats {kind!r}, already in items.{owner[kind]}"))
            owner.setdefault(kind, group)
    for kind in evidence:
        if kind not in owner:
            found.append(Problem(child("evidence", kind), "is in no [items] group"))
    _quality(data.get("quality"), known, kinds, ctx, found)
    for key in data.get("sufficiency", {}):
        if key not in ("default", "source") and key not in known:
            found.append(
                Problem(f"sufficiency.{key}", f"is not a criterion (known: {', '.join(known)})")
            )


# --------------------------------------------------------------------------- categories


def categories(
    data: dict[str, Any], found: list[Problem], ctx: Context, origin: Path | None
) -> None:
    if not any(isinstance(v, dict) and v.get("case_category", True) for v in data.values()):
        found.append(Problem("", "must define at least one case category"))


# --------------------------------------------------------------------------- definitions


def definitions(
    data: dict[str, Any], found: list[Problem], ctx: Context, origin: Path | None
) -> None:
    owner: dict[str, str] = {}
    for kind, entry in (data.get("kinds") or {}).items():
        if kind not in ctx.case_kinds:
            found.append(
                Problem(f"kinds.{kind}", not_known(kind, "a kind of case", ctx.case_kinds))
            )
        if not isinstance(entry, dict):
            continue
        for sign in entry.get("signs", []):
            if not isinstance(sign, str):
                continue
            key = sign.strip().casefold()
            if key in owner and owner[key] != kind:
                found.append(
                    Problem(f"kinds.{kind}.signs", f"repeats {sign!r}, a sign of {owner[key]}")
                )
            owner.setdefault(key, kind)


# --------------------------------------------------------------------------- questions


def knowledge(
    data: dict[str, Any], found: list[Problem], ctx: Context, origin: Path | None
) -> None:
    known = ctx.criteria
    for i, entry in enumerate(data.get("questions", [])):
        if not isinstance(entry, dict):
            continue
        where = f"questions[{i}]"
        options = [o for o in entry.get("options", []) if isinstance(o, str)]
        if len({o.strip().casefold() for o in options}) != len(options):
            found.append(Problem(f"{where}.options", "repeats an option"))
        answer = entry.get("answer")
        counted = isinstance(answer, int) and not isinstance(answer, bool) and options
        if counted and not 0 <= answer < len(options):
            found.append(
                Problem(
                    f"{where}.answer",
                    f"must be an option number from 0 to {len(options) - 1} "
                    f"(counting from 0), got {answer}",
                )
            )
        criterion = entry.get("criterion")
        if known is not None and isinstance(criterion, str) and criterion not in known:
            found.append(
                Problem(
                    f"{where}.criterion",
                    not_known(criterion, "in the criteria catalogue", known),
                )
            )
        _judged_kind(entry, f"{where}.case_kind", found, ctx)


def _judged_kind(entry: dict[str, Any], where: str, found: list[Problem], ctx: Context) -> None:
    """A question that says which kind of case it describes must describe it as the kit's
    definitions judge it (casekit/data/definitions.toml): one definition everywhere."""
    kind = entry.get("case_kind")
    judge = ctx.judge_kind
    if not isinstance(kind, str) or judge is None or not isinstance(entry.get("question"), str):
        return
    if kind not in ctx.case_kinds:
        found.append(Problem(where, not_known(kind, "a kind of case", ctx.case_kinds)))
        return
    judged = judge(entry["question"])
    if judged != kind:
        found.append(
            Problem(
                where,
                f"says the question describes a {kind.replace('_', ' ')}, but by the kit's "
                f"definitions (definitions.toml) its wording is a {judged.replace('_', ' ')}",
            )
        )


def _quality(
    quality: Any, known: list[str], kinds: frozenset[str], ctx: Context, found: list[Problem]
) -> None:
    """[quality] names criteria of this catalogue, checks casekit makes, kinds of case and
    of event that exist."""
    from casekit.rules.criteria import QUALITY_CHECKS

    if not isinstance(quality, dict):
        return
    checks = quality.get("checks")
    for cid, ids in (checks if isinstance(checks, dict) else {}).items():
        if cid not in known:
            found.append(Problem(f"quality.checks.{cid}", not_known(cid, "a criterion", known)))
        for check in ids if isinstance(ids, list) else ():
            if isinstance(check, str) and check not in QUALITY_CHECKS:
                found.append(
                    Problem(
                        f"quality.checks.{cid}", not_known(check, "a quality check", QUALITY_CHECKS)
                    )
                )
    needs = quality.get("route_needs")
    for route, need in (needs if isinstance(needs, dict) else {}).items():
        if not isinstance(need, dict):
            continue
        for kind in need.get("case_kinds", []):
            if isinstance(kind, str) and kind not in ctx.case_kinds:
                found.append(
                    Problem(
                        f"quality.route_needs.{route}.case_kinds",
                        not_known(kind, "a kind of case", ctx.case_kinds),
                    )
                )
        kind = need.get("or_kind")
        if isinstance(kind, str) and kind and kind not in kinds:
            found.append(
                Problem(
                    f"quality.route_needs.{route}.or_kind",
                    not_known(kind, "a kind of event casekit logs", kinds),
                )
            )
