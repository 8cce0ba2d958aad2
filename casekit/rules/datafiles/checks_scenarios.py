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


def _is_pair(data: Any) -> bool:
    return isinstance(data, list) and len(data) == 2 and all(isinstance(v, int) for v in data)


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
        _bank_phrases(cid, bank, found)
    if known is not None:
        for cid in sorted(cases - set(data)):
            found.append(Problem(cid, "missing: every case category needs a scenario bank"))


_VOICE_WORDS = {"self": "in the first person", "other": "for someone else"}


def _listed(bank: dict[str, Any], part: str) -> list[dict[str, Any]]:
    table = bank.get(part)
    entries = table.get("list", []) if isinstance(table, dict) else []
    return [e for e in entries if isinstance(e, dict)]


def _bank_phrases(cid: str, bank: dict[str, Any], found: list[Problem]) -> None:
    """Details and asks name real problems, and every problem has one of each in each voice
    it can be written in (the narrator's own, and for someone else when it has `other`)."""
    problems = [p for p in bank.get("problems", []) if isinstance(p, dict)]
    ids = [p.get("id") for p in problems]
    if bank.get("consent") is True and not any("other" in p for p in problems):
        found.append(
            Problem(f"{cid}.consent", "is true, but no problem has an `other` text to raise it")
        )
    for part in ("details", "asks"):
        fits: dict[str, set[str]] = {"self": set(), "other": set()}
        for n, entry in enumerate(_listed(bank, part)):
            if not any(k in entry for k in ("text", "self", "other")):
                found.append(Problem(f"{cid}.{part}.list[{n}]", "needs text, self or other"))
            for number, name in enumerate(entry.get("problems", [])):
                if name not in ids:
                    found.append(
                        Problem(
                            f"{cid}.{part}.list[{n}].problems[{number}]",
                            not_known(name, "a problem of this category", [i for i in ids if i]),
                        )
                    )
                for voice in ("self", "other"):
                    if voice in entry or "text" in entry:
                        fits[voice].add(name)
        for problem in problems:
            voices = ["self", "other"] if "other" in problem else ["self"]
            for voice in voices:
                if problem.get("id") not in fits[voice] and part == "asks":
                    found.append(
                        Problem(
                            f"{cid}.{part}",
                            f"has nothing that fits problem {problem.get('id')!r} "
                            f"({_VOICE_WORDS[voice]})",
                        )
                    )


def _places(data: dict[str, Any], found: list[Problem]) -> None:
    """A place is a unitary area or a two-tier county, as real areas are: never a unitary
    inside a two-tier county; a nation with single-tier councils has unitary places only."""
    single = set(data.get("single_tier_subdivisions") or [])
    for n, place in enumerate(data.get("place") or []):
        if not isinstance(place, dict) or not isinstance(place.get("tiers"), list):
            continue
        tiers = set(place["tiers"])
        where = f"place[{n}].tiers"
        if "unitary" in tiers and len(tiers) > 1:
            found.append(
                Problem(where, "mixes unitary with two-tier councils: an area is one or the other")
            )
        if tiers & {"district", "county"} and tiers != {"district", "county"}:
            found.append(Problem(where, "a two-tier area has both a county and districts"))
        if place.get("subdivision", "ENG") in single and tiers != {"unitary"}:
            found.append(
                Problem(where, 'must be ["unitary"]: that nation has single-tier councils')
            )
        codes = [d.get("code") for d in place.get("districts") or [] if isinstance(d, dict)]
        if len(codes) != len(set(codes)):
            found.append(Problem(f"place[{n}].districts", "repeats a postcode district"))
        area = place.get("area")
        for code in codes:
            if (
                isinstance(code, str)
                and isinstance(area, str)
                and not (code.startswith(area) and code[len(area) :].isdigit())
            ):
                found.append(Problem(f"place[{n}].districts", f"{code} is not in area {area}"))


def councils(data: dict[str, Any], found: list[Problem], ctx: Context, origin: Path | None) -> None:
    _places(data, found)
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
        pair, mean = level.get("traps_per_case"), level.get("traps_per_pack")
        if _is_pair(pair) and isinstance(mean, int | float) and not pair[0] <= mean <= pair[1]:
            found.append(
                Problem(
                    f"difficulty.{name}.traps_per_pack",
                    f"must be between the fewest and most traps a case ({pair[0]} to {pair[1]})",
                )
            )
        for trap_id in level.get("trap_share") or {}:
            if trap_id not in ctx.trap_ids:
                found.append(
                    Problem(
                        f"difficulty.{name}.trap_share.{trap_id}",
                        not_known(trap_id, "a trap casekit plants", ctx.trap_ids),
                    )
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
    tags = data.get("tags", {})
    pairs = tags.get("exclusive", []) if isinstance(tags, dict) else []
    named = {t for pair in pairs if isinstance(pair, list) for t in pair}
    for part in ("opening", "feeling", "closing"):
        for tone, phrases in (data.get(part) or {}).items():
            for n, phrase in enumerate(phrases if isinstance(phrases, list) else []):
                for tag in phrase.get("tags", []) if isinstance(phrase, dict) else []:
                    if tag not in named:
                        found.append(
                            Problem(f"{part}.{tone}[{n}].tags", not_known(tag, "a tag", named))
                        )
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
        for other in spec.get("conflicts", []):
            if other not in planted or other == trap_id:
                found.append(
                    Problem(
                        f"{trap_id}.conflicts",
                        not_known(other, "another trap", planted - {trap_id}),
                    )
                )
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
