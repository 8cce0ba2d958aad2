"""What the schemas of the wording files cannot say: satisfaction rules, coaching texts,
evidence settings and a portfolio template's settings.

Each wording may use only the ``{placeholders}`` its code fills in, every id the code asks
for must be there, and a template's colours must be readable and its logo inside it.
"""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

from casekit.errors import CasekitError
from casekit.inputs.problems import Problem
from casekit.rules.datafiles.checks_rules import check_placeholders, not_known
from casekit.rules.datafiles.context import Context
from casekit.rules.datafiles.kinds import TEMPLATES_DIR

CASE, WHO = "case", "stakeholder"
SATISFACTION_VALUES: dict[str, frozenset[str]] = {
    "feedback-needs-reply": frozenset({CASE, WHO}),
    "no-self-rating": frozenset({CASE, WHO}),
    "unknown-stakeholder": frozenset({CASE, WHO, "choices"}),
    "feedback-pending": frozenset({CASE, WHO}),
    "colleague-needs-referral": frozenset({CASE, WHO}),
    "no-feedback-pending": frozenset({CASE}),
    "follow-up-needs-feedback": frozenset({CASE, WHO}),
    "follow-up-needs-action": frozenset({CASE, "words"}),
    "unknown-case": frozenset({CASE}),
}
COACHING_VALUES: dict[str, frozenset[str]] = {
    "unverified_passed_on": frozenset({CASE, "action", "facts", "reason"}),
    "unlogged_enquiry": frozenset({"day", "channel", "days"}),
    "unanswered_chaser": frozenset({CASE, "day", "days"}),
    "unlogged_service_reply": frozenset({CASE, "service", "day", "days"}),
    "no_holding_reply": frozenset({CASE, "due", "what"}),
    "promised_date_missed": frozenset({CASE, "promised", "what"}),
    "late_acknowledgement": frozenset({CASE, "due", "what"}),
    "extension_after_deadline": frozenset({CASE, "clock", "day", "due"}),
    "statutory_deadline_missed": frozenset({CASE, "clock", "due", "what"}),
    "reply_without_approval": frozenset({CASE, "day", "what"}),
    "reply_against_approval": frozenset({CASE, "day", "what"}),
    "same_text": frozenset({CASE, "other", "percent", "what"}),
}
PSEUDONYM_VALUES: dict[str, frozenset[str]] = {
    "constituent": frozenset({"letter"}),
    "person": frozenset({"letter"}),
    "email": frozenset({"label_slug"}),
    "phone": frozenset({"number"}),
    "address": frozenset(),
}
# Pairs of template colours drawn one on the other (text, background).
COLOUR_PAIRS = (
    ("text", "background"),
    ("muted", "background"),
    ("accent", "background"),
    ("accent_text", "accent"),
    ("gap", "background"),
)
MIN_CONTRAST = 4.5


def satisfaction(
    data: dict[str, Any], found: list[Problem], ctx: Context, origin: Path | None
) -> None:
    from casekit.casework.satisfaction import FACTORS, GRADES

    head = data.get("satisfaction", {})
    low, high = head.get("scale_min"), head.get("scale_max")
    if isinstance(low, int) and isinstance(high, int):
        if high <= low:
            found.append(Problem("satisfaction.scale_max", "must be above scale_min"))
        for key in ("start", "low_threshold"):
            value = head.get(key)
            if isinstance(value, int) and not low <= value <= high:
                found.append(
                    Problem(f"satisfaction.{key}", f"must be within the scale {low}-{high}")
                )
    kinds = ctx.event_kinds
    for kind in head.get("reply_kinds", []):
        if isinstance(kind, str) and kind not in kinds:
            found.append(
                Problem("satisfaction.reply_kinds", not_known(kind, "a kind of event", kinds))
            )
    factors = data.get("factors")
    factors = factors if isinstance(factors, dict) else {}
    for fid in FACTORS:
        if factors and fid not in factors:
            found.append(Problem(f"factors.{fid}", "missing (required: casekit reads it)"))
    for fid in factors:
        if fid not in FACTORS:
            found.append(Problem(f"factors.{fid}", not_known(fid, "a handling problem", FACTORS)))
        spec = factors[fid]
        for trap in spec.get("traps", []) if isinstance(spec, dict) else []:
            if isinstance(trap, str) and trap not in ctx.trap_ids:
                found.append(
                    Problem(f"factors.{fid}.traps", not_known(trap, "a trap", ctx.trap_ids))
                )
    for sid, person in data.get("stakeholders", {}).items():
        if not isinstance(person, dict):
            continue
        for fid in person.get("weights", {}):
            if fid not in FACTORS:
                found.append(
                    Problem(
                        f"stakeholders.{sid}.weights.{fid}",
                        not_known(fid, "a handling problem", FACTORS),
                    )
                )
        needs = person.get("needs")
        if isinstance(needs, str) and needs not in kinds:
            found.append(
                Problem(f"stakeholders.{sid}.needs", not_known(needs, "a kind of event", kinds))
            )
    grading = data.get("grading", {})
    for fid in grading.get("not_answered_if", []):
        if isinstance(fid, str) and fid not in FACTORS:
            found.append(
                Problem("grading.not_answered_if", not_known(fid, "a handling problem", FACTORS))
            )
    grades = grading.get("grades")
    for grade in GRADES:
        if isinstance(grades, dict) and grade not in grades:
            found.append(Problem(f"grading.grades.{grade}", "missing (required)"))
    _rules(data.get("rules"), SATISFACTION_VALUES, found, "satisfaction")


def _rules(rules: Any, known: dict[str, frozenset[str]], found: list[Problem], whose: str) -> None:
    if not isinstance(rules, dict):
        return
    for rule_id, values in known.items():
        if rule_id not in rules:
            found.append(Problem(f"rules.{rule_id}", "missing (required: casekit applies it)"))
            continue
        rule = rules[rule_id]
        for key in ("message", "advice", "source"):
            if isinstance(rule, dict):
                check_placeholders(
                    rule.get(key), values, f"rules.{rule_id}.{key}", found, f"the {rule_id} rule"
                )


def coaching(data: dict[str, Any], found: list[Problem], ctx: Context, origin: Path | None) -> None:
    mistakes = data.get("mistakes")
    if not isinstance(mistakes, dict):
        return  # the schema says what is wrong with it
    criteria = ctx.criteria
    for mid, values in COACHING_VALUES.items():
        spec = mistakes.get(mid)
        if spec is None:
            found.append(Problem(f"mistakes.{mid}", "missing (required: the coach looks for it)"))
            continue
        if not isinstance(spec, dict):
            continue
        for key in ("message", "advice"):
            check_placeholders(
                spec.get(key), values, f"mistakes.{mid}.{key}", found, f"the {mid} check"
            )
        criterion = spec.get("criterion")
        if criteria is not None and isinstance(criterion, str) and criterion not in criteria:
            found.append(
                Problem(f"mistakes.{mid}.criterion", not_known(criterion, "a criterion", criteria))
            )
    for rid, spec in (data.get("review") or {}).items():
        criterion = spec.get("criterion") if isinstance(spec, dict) else None
        if criteria is not None and isinstance(criterion, str) and criterion not in criteria:
            found.append(
                Problem(f"review.{rid}.criterion", not_known(criterion, "a criterion", criteria))
            )
    named = data.get("route_families") or {}
    for rid, spec in (data.get("review") or {}).items():
        family = spec.get("family") if isinstance(spec, dict) else None
        if isinstance(family, str) and family not in named:
            found.append(
                Problem(f"review.{rid}.family", not_known(family, "a route family", named))
            )
        trap = spec.get("trap") if isinstance(spec, dict) else None
        if isinstance(trap, str) and trap not in ctx.trap_ids:
            found.append(Problem(f"review.{rid}.trap", not_known(trap, "a trap", ctx.trap_ids)))
    families: dict[str, str] = {}
    for family, routes in named.items():
        for route in routes if isinstance(routes, list) else []:
            if route in families and families[route] != family:
                found.append(
                    Problem(
                        f"route_families.{family}",
                        f"{route!r} is already in the {families[route]} family",
                    )
                )
            families.setdefault(route, family)


def evidence(data: dict[str, Any], found: list[Problem], ctx: Context, origin: Path | None) -> None:
    pseudonyms = data.get("pseudonyms", {})
    for key, values in PSEUDONYM_VALUES.items():
        check_placeholders(
            pseudonyms.get(key), values, f"pseudonyms.{key}", found, "pseudonymisation"
        )
    for key in ("note", "source"):
        check_placeholders(pseudonyms.get(key), frozenset(), f"pseudonyms.{key}", found, "it")
    limits = data.get("limits", {})
    file_max, total_max = limits.get("max_file_bytes"), limits.get("max_total_bytes")
    if isinstance(file_max, int) and isinstance(total_max, int) and file_max > total_max:
        found.append(Problem("limits.max_file_bytes", "must not be more than max_total_bytes"))


# --------------------------------------------------------------------------- template


def over_default_template(file: Path, data: dict[str, Any]) -> dict[str, Any]:
    """A centre's ``centre.toml`` lists only what differs: check it over the default's."""
    default = TEMPLATES_DIR / "default" / "centre.toml"
    if file.resolve() == default.resolve():
        return data
    try:
        with default.open("rb") as handle:
            base = tomllib.load(handle)
    except (OSError, tomllib.TOMLDecodeError) as err:
        raise CasekitError(
            f"The default template settings {default} cannot be read ({err}).",
            rule="template",
            field="template",
        ) from None
    return merge(base, data)


def merge(base: dict[str, Any], over: dict[str, Any]) -> dict[str, Any]:
    """Tables merge key by key; any other value in ``over`` replaces the base's."""
    out = dict(base)
    for key, value in over.items():
        out[key] = (
            merge(out[key], value)
            if isinstance(value, dict) and isinstance(out.get(key), dict)
            else value
        )
    return out


def luminance(colour: str) -> float:
    def channel(c: int) -> float:
        s = c / 255
        return s / 12.92 if s <= 0.03928 else ((s + 0.055) / 1.055) ** 2.4

    r, g, b = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)


def contrast(a: str, b: str) -> float:
    """The WCAG contrast ratio of two ``#rrggbb`` colours (1 to 21)."""
    la, lb = sorted((luminance(a), luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def contrast_problems(colours: dict[str, Any]) -> list[Problem]:
    """Colour pairs below the WCAG 1.4.3 minimum, each at the foreground's field."""
    found = []
    for fg, bg in COLOUR_PAIRS:
        a, b = colours.get(fg), colours.get(bg)
        if not (_hex(a) and _hex(b)):
            continue
        ratio = contrast(a, b)
        if ratio < MIN_CONTRAST:
            found.append(
                Problem(
                    f"colours.{fg}",
                    f"on colours.{bg} is {ratio:.2f}:1 (at least {MIN_CONTRAST}:1 to be read)",
                )
            )
    return found


def _hex(value: Any) -> bool:
    return (
        isinstance(value, str)
        and len(value) == 7
        and value[0] == "#"
        and all(c in "0123456789abcdefABCDEF" for c in value[1:])
    )


def template(data: dict[str, Any], found: list[Problem], ctx: Context, origin: Path | None) -> None:
    found.extend(contrast_problems(data.get("colours", {})))
    logo = data.get("centre", {}).get("logo", "")
    if not isinstance(logo, str) or not logo or origin is None:
        return
    folder = origin.parent  # the folder whose centre.toml this is holds its logo
    path = (folder / logo).resolve()
    if not path.is_relative_to(folder.resolve()) or not path.is_file():
        found.append(Problem("centre.logo", f"{logo!r} is not a file inside {folder}"))


def next_steps(
    data: dict[str, Any], found: list[Problem], ctx: Context, origin: Path | None
) -> None:
    """Each rule's condition is one the desk can decide."""
    from casekit.casework.next_step import CONDITIONS

    for n, rule in enumerate(data.get("rule") or []):
        when = rule.get("when") if isinstance(rule, dict) else None
        if isinstance(when, str) and when not in CONDITIONS:
            found.append(Problem(f"rule[{n}].when", not_known(when, "a condition", CONDITIONS)))
