"""Generate a learner's scenario pack and its answer key from a seed.

The pack (what the learner sees) and the key (true kinds, planted traps, expected
handling) are built together and returned apart; nothing from the key is written into the
pack. Every case draws from its own derived seeds (see :mod:`.seeds`).
"""

from __future__ import annotations

import json
import random
from datetime import date, datetime, time
from functools import lru_cache
from typing import Any

from casekit.errors import CasekitError
from casekit.scenarios import SCHEMA_VERSION, bank, prose, timeline
from casekit.scenarios.allocation import allocate, trap_counts, trap_limits
from casekit.scenarios.casemodel import Facts, Memory
from casekit.scenarios.classpack import LEARNER_ID
from casekit.scenarios.classpack import SOURCE as ROSTER_SOURCE
from casekit.scenarios.council import make_council, owns, service_for
from casekit.scenarios.people import street_name
from casekit.scenarios.people_and_dates import dates, people
from casekit.scenarios.records import application, make_records, reference
from casekit.scenarios.seeds import RecordSeeds, rng_for, seeded_random
from casekit.scenarios.traps import CasePlan, PackInfo, Trap, TrapContext, registry

MAX_CASES = 200
DIFFICULTIES = ("intro", "standard", "challenge")
ONLINE_CHANNELS = ("email", "social_media")


@lru_cache(maxsize=8)
def _council(seed: int, profile: str, subdivision: str) -> dict[str, Any]:
    return make_council(seed, profile, subdivision)


@lru_cache(maxsize=8)
def _council_text(seed: int, profile: str, subdivision: str) -> str:
    """The council as JSON: each pack parses its own copy, so no pack shares mutable state."""
    return json.dumps(_council(seed, profile, subdivision))


def _check_args(seed: Any, cases: Any, difficulty: str, learner: str | None) -> None:
    if not isinstance(seed, int) or isinstance(seed, bool) or not 0 <= seed < 2**63:
        raise CasekitError(f"seed {seed!r} must be a whole number from 0.", field="seed")
    if not isinstance(cases, int) or isinstance(cases, bool) or not 1 <= cases <= MAX_CASES:
        raise CasekitError(
            f"cases {cases!r} must be a whole number from 1 to {MAX_CASES}.", field="cases"
        )
    if difficulty not in DIFFICULTIES:
        raise CasekitError(
            f"difficulty '{difficulty}' is not one of {', '.join(DIFFICULTIES)}.",
            field="difficulty",
        )
    if learner is not None and not LEARNER_ID.match(str(learner)):
        raise CasekitError(
            f"learner id {learner!r} may use only letters, digits, '.', '_' and '-' (up to 64).",
            field="learner",
            source=ROSTER_SOURCE,
            advice="Use the learner's id from the class roster, e.g. L01.",
        )


def _pack_info(difficulty: str, spec: dict[str, Any], calendar: Any, rules: Any) -> PackInfo:
    from casekit.rules.elections import notice_of_election

    start = date.fromisoformat(spec["start"])
    pre_election = None
    days = None
    if spec.get("pre_election"):
        poll = date.fromisoformat(spec["poll"])
        notice, _how = notice_of_election(rules, poll, calendar)
        pre_election = {"start": notice.isoformat(), "end": poll.isoformat()}
        first = max(0, calendar.working_days_between(start, notice))
        last = min(int(spec["spread_wd"]), calendar.working_days_between(start, poll))
        days = (first, last) if first <= last else None
    return PackInfo(
        difficulty=difficulty,
        subtlety=spec["subtlety"],
        start=start.isoformat(),
        pre_election=pre_election,
        pre_election_days=days,
    )


@lru_cache(maxsize=16)
def _setting(profile: str, difficulty: str) -> tuple[str, str, Any, PackInfo]:
    """The profile's id, nation, calendar and the pack's dates: shared by a whole class."""
    from casekit.rules.calendar import calendar_named
    from casekit.rules.profile import load_profile

    loaded = load_profile(profile)
    calendar = calendar_named(loaded.calendar.subdivision)
    spec = bank.load("generation")["difficulty"][difficulty]
    info = _pack_info(difficulty, spec, calendar, loaded.pre_election)
    return loaded.id, loaded.calendar.subdivision, calendar, info


def generate(
    seed: int,
    cases: int,
    difficulty: str = "intro",
    *,
    learner: str | None = None,
    profile: str = "default",
) -> tuple[dict[str, Any], dict[str, Any]]:
    """Make ``(pack, answer_key)`` for ``seed``; the same inputs give the same output."""
    return _generate(seed, cases, difficulty, learner, profile, written=False)


def generate_written(
    seed: int,
    cases: int,
    difficulty: str = "intro",
    *,
    learner: str | None = None,
    profile: str = "default",
) -> tuple[dict[str, Any], dict[str, Any]]:
    """``(pack, answer_key)`` as :func:`generate` makes them, ready only to be written.

    A class pack writes thousands of trap entries and never reads them back, so here the
    key's expected handling is already file text and the pack holds the class's shared
    council rather than its own copy. ``dumps`` of these gives byte for byte what it gives
    for :func:`generate`'s; use :func:`generate` for anything that reads or changes them.
    """
    return _generate(seed, cases, difficulty, learner, profile, written=True)


def _generate(
    seed: int, cases: int, difficulty: str, learner: str | None, profile: str, *, written: bool
) -> tuple[dict[str, Any], dict[str, Any]]:
    _check_args(seed, cases, difficulty, learner)
    profile_id, subdivision, calendar, info = _setting(profile, difficulty)
    spec = bank.load("generation")["difficulty"][difficulty]
    council = _council(seed, profile_id, subdivision)
    traps = registry()
    allocation_rng = rng_for(seed, learner, 0, "allocation")
    counts = trap_counts(
        allocation_rng, cases, tuple(spec["traps_per_case"]), float(spec["traps_per_pack"])
    )
    limits = trap_limits(traps, spec.get("trap_share", {}), cases)
    allocation = allocate(allocation_rng, traps, council, counts, limits)
    memory = Memory()  # so no sentence is used twice in the pack while another fits
    pack_cases, key_cases = [], []
    for index, trap_ids in enumerate(allocation, start=1):
        case, key = _case(
            seed, learner, index, trap_ids, council, info, calendar, spec, traps, memory, written
        )
        pack_cases.append(case)
        key_cases.append(key)
    pack_id = f"{difficulty}-{seed}" + (f"-{learner}" if learner else "")
    pack = {
        "schema_version": SCHEMA_VERSION,
        "pack_id": pack_id,
        "seed": seed,
        "learner": learner,
        "difficulty": difficulty,
        "protocol_profile": profile_id,
        "start": datetime.combine(date.fromisoformat(info.start), time(9, 0)).isoformat(
            timespec="minutes"
        ),
        "pre_election": info.pre_election,
        "council": council if written else json.loads(_council_text(seed, profile_id, subdivision)),
        "cases": pack_cases,
    }
    key = {
        "schema_version": SCHEMA_VERSION,
        "pack_id": pack_id,
        "seed": seed,
        "learner": learner,
        "difficulty": difficulty,
        "cases": key_cases,
    }
    return pack, key


def _officer_name(council: dict[str, Any], category: str) -> str:
    """The officer a constituent remembers dealing with: the service's own, if it has one."""
    service = service_for(council, category) or council["services"][0]
    return service["officer"]["name"]


@lru_cache(maxsize=8)
def _usable_categories(tier: str) -> tuple[list[str], list[float]]:
    """The categories a council of ``tier`` can get cases in, with cumulative weights.

    Whether a council runs a service depends only on its tier (:func:`owns`), so this is
    worked out once rather than for every case. The cumulative weights are summed in the
    same order ``random.choices`` sums plain weights, so the draws are unchanged.
    """
    from itertools import accumulate

    cats = bank.categories()
    tiered = {"tier": tier}
    usable = [c for c in cats if c == "outside_remit" or owns(tiered, c)]
    return usable, list(accumulate(cats[c]["weight"] for c in usable))


def _plan(
    seeds: RecordSeeds,
    index: int,
    trap_ids: list[str],
    council: dict[str, Any],
    info: PackInfo,
    spec: dict[str, Any],
    traps: dict[str, Trap],
) -> tuple[CasePlan, random.Random]:
    rng = seeds.rng("case")
    usable, weights = _usable_categories(council["tier"])
    category = rng.choices(usable, cum_weights=weights)[0]
    ward = rng.choice(council["wards"])
    members = [m for m in council["members"] if m["ward_id"] == ward["id"]]
    channels = bank.load("generation")["channels"]
    plan = CasePlan(
        index=index,
        case_id=f"C{index:03d}",
        category=category,
        ward_id=ward["id"],
        member_id=rng.choice(members)["id"],
        channel=rng.choices(channels["ids"], weights=channels["weights"])[0],
        due_wd=0 if index == 1 else rng.randint(0, int(spec["spread_wd"])),
        true_kind="member_enquiry",
        home_ward_id=ward["id"],
        traps=list(trap_ids),
    )
    # Email and social media come from people online; a letter, a call or a surgery visit
    # may come from someone who does not use the internet (and so has no email address).
    offline = rng.random() < float(bank.load("prose")["tags"]["offline_share"])
    plan.tags.add("online" if plan.channel in ONLINE_CHANNELS or not offline else "offline")
    for trap_id in sorted(trap_ids, key=lambda t: (traps[t].order, t)):
        if traps[trap_id].shape is not None:
            shape_rng = seeds.rng(f"shape:{trap_id}")
            traps[trap_id].shape(plan, council, info, shape_rng)
    if "complaint" not in plan.tags:
        plan.tags.add("not_complaint")  # by the kit's definition: no dissatisfaction in it
    return plan, rng


def _case(
    seed: int,
    learner: str | None,
    index: int,
    trap_ids: list[str],
    council: dict[str, Any],
    info: PackInfo,
    calendar: Any,
    spec: dict[str, Any],
    traps: dict[str, Trap],
    memory: Memory,
    written: bool = False,
) -> tuple[dict[str, Any], dict[str, Any]]:
    seeds = RecordSeeds(seed, learner, index)
    plan, rng = _plan(seeds, index, trap_ids, council, info, spec, traps)
    voice, facts = plan.voice, Facts(set(plan.tags))
    problem = prose.choose_problem(
        seeds.rng("problem"), plan.category, voice, facts, memory, plan.needs
    )
    constituent, _home, subject, spot = people(seeds, rng, plan, council)
    start = date.fromisoformat(info.start)
    received_day = calendar.add_working_days(start, plan.due_wd)
    received_time = timeline.clock_time(rng)
    member = next(m for m in council["members"] if m["id"] == plan.member_id)
    ward = next(w for w in council["wards"] if w["id"] == plan.ward_id)
    onset, date_words = dates(seeds.rng("dates"), problem, received_day)

    record_rng = seeds.rng("records")
    ref = reference(record_rng, plan.category, problem, received_day.year)
    service = service_for(council, plan.category) if owns(council, plan.category) else None
    # Slot fillers are part of the enquiry's wording: they share its stream.
    slot_rng = prose_rng = seeds.rng("prose")
    slots = prose.slot_values(
        slot_rng,
        {
            "street": spot["street"],
            "town": spot["town"],
            "ward": ward["name"],
            "member": f"Councillor {member['surname']}",
            "first": constituent["first"],
            "name": constituent["name"],
            "phone": constituent["phone"],
            "ref": ref,
            "house": str(slot_rng.randint(2, 90)),
            "old_street": street_name(slot_rng),
            "neighbour_street": f"{slot_rng.randint(1, 90)} {street_name(slot_rng)}",
            "officer": _officer_name(council, plan.category),
            "service": f"the {service['name']} team" if service else "the council",
            "handle": f"Cllr{member['surname'].replace(' ', '')}",
            **date_words,
        },
    )
    slots.update(voice.slots())  # {He_she}, {his_her}, {me}...: who the case is about
    slots["topic"] = prose.fill(problem["topic"], slots)
    planning = application(
        record_rng, problem, ref, received_day, slots, plan.notes.get("decision_by")
    )
    if planning is not None:
        slots["closes"] = timeline.long_date(planning.consultation_ends)
    enquiry = prose.compose(
        prose_rng,
        plan.category,
        problem,
        plan.channel,
        slots,
        voice,
        facts,
        memory,
        tone=plan.tone,
    )
    summary = f"{problem['summary']}, {spot['street']}"
    case: dict[str, Any] = {
        "id": plan.case_id,
        "inbox_item": f"{plan.case_id}-T1",
        "channel": plan.channel,
        "received_at": timeline.at(received_day, received_time),
        "member_id": plan.member_id,
        "ward_id": plan.ward_id,
        "constituent": constituent,
        "member_note": None,
        "records": make_records(
            record_rng,
            plan.case_id,
            plan.category,
            problem,
            subject,
            ref,
            received_day,
            onset,
            ticket="first_report" not in plan.tags,  # no earlier report: a service request
            runs_service=service is not None,
            planning=planning,
            street=spot["street"],
        ),
        "summary": summary,
        "subject": subject,
        "true_kind": plan.true_kind,
        "statutory": None,
    }
    planted = []
    for trap_id in trap_ids:
        trap_seed = seeds.seed(f"trap:{trap_id}")
        ctx = TrapContext(
            plan=plan,
            council=council,
            pack=info,
            case=case,
            enquiry=enquiry,
            slots=slots,
            rng=seeded_random(trap_seed),
            seed=trap_seed,
            memory=memory,
            facts=facts,
            problem=problem,
        )
        planted.append(traps[trap_id].key_entry(traps[trap_id].plant(ctx), written=written))
    case["enquiry"] = enquiry.render()
    true_kind = case.pop("true_kind")
    statutory = case.pop("statutory")
    case.pop("summary")
    case.pop("subject")
    case["timeline"] = timeline.build(
        seeds.rng("timeline"),
        case,
        plan.due_wd,
        received_time,
        service,
        problem,
        enquiry.tone,
        slots,
        timeline.Setting(calendar, start, memory, planning),
    )
    key = {
        "case_id": plan.case_id,
        "inbox_item": case["inbox_item"],
        "category": plan.category,
        "problem": problem["id"],
        "true_kind": true_kind,
        "statutory": statutory,
        "tone": enquiry.tone,
        "traps": planted,
    }
    return case, key


def render(pack: dict[str, Any], key: dict[str, Any]) -> tuple[str, str]:
    """The canonical texts of a pack and its key; the key records the pack's digest."""
    from casekit.scenarios.pack import dumps, sha256_text

    pack_text = dumps(pack)
    key = {**key, "pack_sha256": sha256_text(pack_text)}
    return pack_text, dumps(key)
