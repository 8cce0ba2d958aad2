"""What the schemas of the scenario banks cannot say: references between the banks, the
categories file, the traps casekit plants and the kinds of event it logs.

Called like the other checks: ``(data, found, context, origin)``, adding problems.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from casekit.inputs.problems import Problem
from casekit.rules.datafiles.checks_rules import not_known
from casekit.rules.datafiles.context import Context


def _pairs_ordered(data: Any, where: str, found: list[Problem]) -> None:
    pair = isinstance(data, list) and len(data) == 2 and all(isinstance(v, int) for v in data)
    if pair and data[0] > data[1]:
        found.append(Problem(where, f"the lowest ({data[0]}) is above the highest ({data[1]})"))


def _same_length(values: Any, weights: Any, where: str, found: list[Problem], of: str) -> None:
    if isinstance(values, list | dict) and isinstance(weights, list):
        if len(values) != len(weights):
            found.append(
                Problem(where, f"has {len(weights)} weights for {len(values)} {of}: one each")
            )
        elif weights and not any(weights):
            found.append(Problem(where, "must not all be 0"))


def category_banks(
    data: dict[str, Any], found: list[Problem], ctx: Context, origin: Path | None
) -> None:
    known = ctx.categories
    cases = {c for c, entry in (known or {}).items() if entry.get("case_category", True)}
    for cid, bank in data.items():
        if known is not None and cid not in cases:
            found.append(Problem(cid, not_known(cid, "a case category", cases)))
        if not isinstance(bank, dict):
            continue
        for kind in bank.get("kinds", {}):
            if kind not in ctx.case_kinds:
                found.append(
                    Problem(
                        f"{cid}.kinds.{kind}", not_known(kind, "a kind of case", ctx.case_kinds)
                    )
                )
        count = len(bank.get("problems", []))
        for part in ("details", "asks"):
            fits = set()
            for n, entry in enumerate(bank.get(part, [])):
                numbers = entry.get("problems", []) if isinstance(entry, dict) else range(count)
                fits.update(numbers)
                for number in numbers:
                    if isinstance(number, int) and number >= count:
                        found.append(
                            Problem(
                                f"{cid}.{part}[{n}].problems",
                                f"names problem {number}, but there are {count} "
                                f"(numbered 0 to {count - 1})",
                            )
                        )
            missing = [p for p in range(count) if p not in fits]
            if missing:
                found.append(
                    Problem(f"{cid}.{part}", f"has nothing that fits problem(s) {missing}")
                )
    if known is not None:
        for cid in sorted(cases - set(data)):
            found.append(Problem(cid, "missing: every case category needs a scenario bank"))


def councils(data: dict[str, Any], found: list[Problem], ctx: Context, origin: Path | None) -> None:
    for key in ("count", "sectors_per_ward", "members_per_ward"):
        _pairs_ordered(data.get("wards", {}).get(key), f"wards.{key}", found)
    wards = data.get("wards", {})
    low = wards.get("count", [0, 0])[-1] if isinstance(wards.get("count"), list) else 0
    if isinstance(wards.get("names"), list) and isinstance(low, int) and len(wards["names"]) < low:
        found.append(Problem("wards.names", f"has fewer names than the most wards ({low})"))
    services = data.get("services", {})
    _same_length(
        services.get("reply_wd"),
        services.get("reply_weights"),
        "services.reply_weights",
        found,
        "reply times",
    )
    members = data.get("members", {})
    for channel in members.get("channels", []):
        if isinstance(channel, str) and channel not in ctx.channels:
            found.append(Problem("members.channels", not_known(channel, "a channel", ctx.channels)))
    known = ctx.categories
    for topic in members.get("stance", {}):
        if known is not None and topic not in known:
            found.append(Problem(f"members.stance.{topic}", not_known(topic, "a category", known)))


def generation(
    data: dict[str, Any], found: list[Problem], ctx: Context, origin: Path | None
) -> None:
    hours = data.get("working_hours")
    _pairs_ordered(hours, "working_hours", found)
    channels = data.get("channels", {})
    _same_length(
        channels.get("ids"), channels.get("weights"), "channels.weights", found, "channels"
    )
    for channel in channels.get("ids", []):
        if isinstance(channel, str) and channel not in ctx.channels:
            found.append(Problem("channels.ids", not_known(channel, "a channel", ctx.channels)))
    for name, level in data.get("difficulty", {}).items():
        if not isinstance(level, dict):
            continue
        _pairs_ordered(level.get("traps_per_case"), f"difficulty.{name}.traps_per_case", found)
        if level.get("pre_election") is True and "poll" not in level:
            found.append(
                Problem(f"difficulty.{name}.poll", "missing (required when pre_election is true)")
            )
        start, poll = level.get("start"), level.get("poll")
        if isinstance(start, str) and isinstance(poll, str) and poll[:10] <= start[:10]:
            found.append(Problem(f"difficulty.{name}.poll", "must be after the start date"))
    _pairs_ordered(data.get("timeline", {}).get("chase_after_wd"), "timeline.chase_after_wd", found)


def prose(data: dict[str, Any], found: list[Problem], ctx: Context, origin: Path | None) -> None:
    tones = data.get("tones", [])
    _same_length(tones, data.get("tone_weights"), "tone_weights", found, "tones")
    _same_length(
        data.get("detail_levels"),
        data.get("detail_weights"),
        "detail_weights",
        found,
        "detail levels",
    )
    for part in ("opening", "feeling", "closing", "chaser"):
        table = data.get(part, {})
        for tone in tones:
            if isinstance(table, dict) and isinstance(tone, str) and tone not in table:
                found.append(Problem(f"{part}.{tone}", "missing: every tone needs phrases"))
    for part in ("greeting", "sign_off"):
        table = data.get(part, {})
        for channel in sorted(ctx.channels):
            if isinstance(table, dict) and channel not in table:
                found.append(Problem(f"{part}.{channel}", "missing: every channel needs phrases"))
    slots = data.get("slots", {})
    for needed in ("school_prefix", "school_suffix"):
        if isinstance(slots, dict) and needed not in slots:
            found.append(
                Problem(f"slots.{needed}", "missing (the generator fills {school} from it)")
            )


def traps(data: dict[str, Any], found: list[Problem], ctx: Context, origin: Path | None) -> None:
    planted = ctx.trap_ids
    for trap_id in sorted(planted - set(data)):
        found.append(Problem(trap_id, "missing: casekit plants this trap and needs its wording"))
    criteria = ctx.criteria
    kinds = ctx.event_kinds
    for trap_id, spec in data.items():
        if trap_id not in planted:
            found.append(Problem(trap_id, not_known(trap_id, "a trap casekit plants", planted)))
        if not isinstance(spec, dict):
            continue
        for cid in spec.get("criteria", []):
            if criteria is not None and isinstance(cid, str) and cid not in criteria:
                found.append(
                    Problem(f"{trap_id}.criteria", not_known(cid, "a criterion", criteria))
                )
        for side in ("good", "bad"):
            for n, expectation in enumerate(spec.get(side, [])):
                if isinstance(expectation, dict):
                    _expectation(expectation, f"{trap_id}.{side}[{n}]", kinds, found)


def _expectation(
    spec: dict[str, Any], where: str, kinds: frozenset[str], found: list[Problem]
) -> None:
    """Kinds of event that exist, and the expectation language's own rules (each part read
    by its pattern, judgements casekit makes with their verdict, one matcher a field)."""
    from casekit.scenarios.key_language import judges, spec_problems

    found.extend(spec_problems(spec, where, judges()))
    named = [("kind", spec.get("kind"))]
    named += [("before", k) for k in spec.get("before", [])]
    prior = spec.get("prior")
    if isinstance(prior, dict):
        named.append(("prior.kind", prior.get("kind")))
    for key, kind in named:
        if isinstance(kind, str) and kind not in kinds:
            found.append(Problem(f"{where}.{key}", not_known(kind, "a kind of event", kinds)))
