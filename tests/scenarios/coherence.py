"""What a democratic services officer would notice in a generated pack, as checks.

Each ``check_*`` function takes a pack and its answer key and returns the problems it
finds, in words (an empty list when the pack reads true). The coherence tests run them
over hundreds of generated packs, and over packs spoilt on purpose to prove each check
can fail.
"""

from __future__ import annotations

import re
from collections import Counter
from datetime import date, timedelta
from typing import Any

from casekit.rules.calendar import calendar_named
from casekit.rules.definitions import signs_in
from casekit.scenarios import bank
from casekit.scenarios.council import owns, place_of

Pack = dict[str, Any]
Key = dict[str, Any]
MONTHS = [date(2026, m, 1).strftime("%B") for m in range(1, 13)]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
SCHOOL = re.compile(r"\w+ (?:Primary School|Academy|Junior School|Community School)")
SUFFIXES = "Road|Street|Close|Avenue|Lane|Drive|Crescent|Way|Gardens|Terrace|Grove|Walk"
STREET = re.compile(rf"\b[A-Z][\w'-]+ (?:{SUFFIXES})\b")
LONG_DATE = re.compile(rf"\b({'|'.join(WEEKDAYS)}) (\d{{1,2}}) ({'|'.join(MONTHS)})\b")
SHORT_DATE = re.compile(rf"(?<![A-Za-z] )\b(\d{{1,2}}) ({'|'.join(MONTHS)})\b(?! \d{{4}})")
SENTENCE = re.compile(r"(?<=[.!?])\s+|\n+")
ONLINE = {"email", "social_media"}
# First-person words about the problem itself: in a letter written for someone else they
# would make the narrator the person affected.
NARRATOR_AFFECTED = (
    "my council flat",
    "my council house",
    "our council flat",
    "my bathroom ceiling",
    "my claim",
    "my housing benefit",
    "my wheelie bin",
    "my bin at",
    "my permit",
    "my mobility",
    "my own house",
    "my single person discount",
    "i was given a penalty",
    "i applied for",
    "i have had a council tax summons",
    "i am due to come home",
    "come to my house",
    "i look after my husband",
    "i am eighty",
    "i moved out of",
    "i have been told i was overpaid",
)
PARTY_WORDS = ("polling day", "election", "vote for")
OUTCOME_CLAIMS = ("fixed", "delivered", "sorted", "got this done")


def received(case: dict[str, Any]) -> date:
    return date.fromisoformat(case["received_at"][:10])


def near(day: int, month: str, ref: date) -> date:
    """The date with this day and month nearest to ``ref`` (letters give no year)."""
    candidates = []
    for year in (ref.year - 1, ref.year, ref.year + 1):
        try:
            candidates.append(date(year, MONTHS.index(month) + 1, day))
        except ValueError:
            continue
    return min(candidates, key=lambda d: abs((d - ref).days))


def sentences(text: str) -> list[str]:
    """The sentences of a text; a form's label ("Caller said:") is not one."""
    return [s.strip() for s in SENTENCE.split(text) if s.strip() and not s.strip().endswith(":")]


def pack_texts(pack: Pack) -> list[str]:
    """Everything a learner reads in words: enquiries, notes, replies, chasers."""
    texts = []
    for case in pack["cases"]:
        texts.append(case["enquiry"])
        if case["member_note"]:
            texts.append(case["member_note"]["text"])
        texts += [t["text"] for t in case["timeline"] if "text" in t]
    return texts


def traps_of(entry: dict[str, Any]) -> set[str]:
    return {t["trap"] for t in entry["traps"]}


def trap(entry: dict[str, Any], trap_id: str) -> dict[str, Any]:
    return next(t for t in entry["traps"] if t["trap"] == trap_id)


def calendar_of(pack: Pack) -> Any:
    return calendar_named(pack["council"]["subdivision"])


def wd_date(pack: Pack, wd: int) -> date:
    start = date.fromisoformat(pack["start"][:10])
    return calendar_of(pack).add_working_days(start, wd)


def layout_matches(number: str, layouts: list[str]) -> bool:
    pattern = "|".join(
        re.escape(layout).replace("\\#", r"\d").replace("\\ ", " ") for layout in layouts
    )
    return re.fullmatch(pattern, number) is not None


# -- checks --------------------------------------------------------------------------
def check_tier(pack: Pack, key: Key) -> list[str]:
    """The council is a kind the place really has; two-tier councils name the other tier."""
    council = pack["council"]
    place = place_of(council)
    found = []
    if council["tier"] not in place["tiers"]:
        found.append(
            f"{council['name']} is a {council['tier']} in {place['county']}, "
            f"where councils are {'/'.join(place['tiers'])}"
        )
    if (council["tier"] == "unitary") != (council["other_tier"] is None):
        found.append(
            f"{council['name']}: other tier {council['other_tier']} for a {council['tier']}"
        )
    for service in council["services"]:
        if service["category"] != "outside_remit" and not owns(council, service["category"]):
            found.append(f"{council['name']} runs {service['category']}, the other tier's service")
    return found


def check_places_and_phones(pack: Pack, key: Key) -> list[str]:
    """Postcodes in the council's districts (or a neighbour's, for an out-of-area
    constituent), towns that match them, and dialling codes of the area."""
    council = pack["council"]
    place = place_of(council)
    mobiles = bank.load("councils")["mobiles"]
    towns = {d["code"]: d["town"] for d in place["districts"]}
    neighbours = {n["code"]: n for n in place["neighbours"]}
    found = []
    for member in council["members"]:
        if not layout_matches(member["phone"], [*place["phones"], *mobiles]):
            found.append(
                f"{member['name']}'s phone {member['phone']} is not a {place['county']} number"
            )
    for ward in council["wards"]:
        for sector in ward["sectors"]:
            if towns.get(sector.split()[0]) != ward["town"]:
                found.append(f"ward {ward['name']} ({ward['town']}) has sector {sector}")
    for case, entry in zip(pack["cases"], key["cases"], strict=True):
        who = case["constituent"]
        district = who["postcode"].split()[0]
        if district in towns:
            layouts, town = place["phones"], towns[district]
        elif district in neighbours and "wrong_ward_or_tier" in traps_of(entry):
            layouts, town = neighbours[district]["phones"], neighbours[district]["town"]
        else:
            found.append(f"{case['id']}: postcode {who['postcode']} is outside {council['name']}")
            continue
        if who["town"] != town:
            found.append(f"{case['id']}: {who['postcode']} is in {town}, not {who['town']}")
        if not layout_matches(who["phone"], [*layouts, *mobiles]):
            found.append(f"{case['id']}: phone {who['phone']} does not belong to {town}")
    return found


def check_channels(pack: Pack, key: Key) -> list[str]:
    """Email and social media come from people with email; someone who says they do not
    use the internet has no email address and does not write by email."""
    found = []
    for case in pack["cases"]:
        email = case["constituent"]["email"]
        if case["channel"] in ONLINE and not email:
            found.append(f"{case['id']}: a {case['channel']} message from someone with no email")
        if "do not use the internet" in case["enquiry"] and (email or case["channel"] in ONLINE):
            found.append(
                f"{case['id']}: 'does not use the internet', yet {case['channel']} / {email!r}"
            )
    return found


def check_voice(pack: Pack, key: Key) -> list[str]:
    """One narrator and one subject: the problem is told in the right voice, a letter
    written for someone else never makes the writer the person affected, and the
    subject's pronouns follow the relationship."""
    cats = bank.categories()
    found = []
    for case, entry in zip(pack["cases"], key["cases"], strict=True):
        text = case["enquiry"]
        lower = text.lower()
        problem = next(
            p for p in cats[entry["category"]]["problems"] if p["id"] == entry["problem"]
        )
        other = "third_party_consent" in traps_of(entry)
        template = problem["other"] if other else problem["self"]
        for piece in re.split(r"\{[A-Za-z_]+\}", template):
            if len(piece.strip()) >= 4 and piece not in text:
                found.append(f"{case['id']}: the problem is not told as '{template[:50]}...'")
                break
        if not other:
            continue
        for marker in NARRATOR_AFFECTED:
            if marker in lower:
                found.append(f"{case['id']}: written for someone else, yet says '{marker}'")
        spec = bank.load("traps")["third_party_consent"]
        looks = trap(entry, "third_party_consent")["looks_like"]
        match = re.search(r"on behalf of (her|his) (\w+), (.+?), who lives at", looks)
        if match is None:
            found.append(f"{case['id']}: the key does not say who writes for whom: {looks}")
            continue
        relationship = match.group(2)
        gender = spec["relationships"][relationship]["gender"]
        intro_end = text.find(match.group(3)) + len(match.group(3))
        after = re.findall(r"[a-z]+", text[intro_end:].split("\n\n")[0].lower())
        expected = {"female": {"she", "her"}, "male": {"he", "his", "him"}}.get(gender)
        if expected and not expected & set(after):
            found.append(
                f"{case['id']}: the {relationship} is not 'she'/'he' after the introduction"
            )
        explanation = trap(entry, "third_party_consent")["explanation"]
        symmetric = relationship in spec["relationships"][relationship]["inverse"]
        if f"by their {relationship}" in explanation or (
            not symmetric and re.search(rf"by (her|his) {relationship}\b", explanation)
        ):
            found.append(f"{case['id']}: coaching says the {relationship} wrote: {explanation}")
        writer_title = case["constituent"]["title"]
        inverse = spec["relationships"][relationship]["inverse"]
        names = {"Mr": inverse[0], "Mrs": inverse[1], "Ms": inverse[1], "Miss": inverse[1]}
        if writer_title in names and f" {names[writer_title]}, " not in explanation:
            found.append(f"{case['id']}: coaching misnames the writer: {explanation}")
    return found


def check_kinds(pack: Pack, key: Key) -> list[str]:
    """The keys follow the kit's definitions: dissatisfaction wording is a complaint, a
    first report a service request, and a statutory request keeps the case's own kind."""
    found = []
    for case, entry in zip(pack["cases"], key["cases"], strict=True):
        kind = entry["true_kind"]
        complaint = signs_in(case["enquiry"], "complaint")
        first = signs_in(case["enquiry"], "service_request")
        if bool(complaint) != (kind == "complaint"):
            found.append(f"{case['id']}: keyed {kind}, complaint words {complaint}")
        if bool(first) != (kind == "service_request"):
            found.append(f"{case['id']}: keyed {kind}, first-report words {first}")
        if kind not in ("member_enquiry", "service_request", "complaint"):
            found.append(
                f"{case['id']}: keyed {kind}: a statutory request replaced the case's kind"
            )
        if (entry.get("statutory") is not None) != ("hidden_statutory" in traps_of(entry)):
            found.append(f"{case['id']}: statutory {entry.get('statutory')} without its trap")
        if kind == "service_request" and any(
            r["type"] == "service_ticket" for r in case["records"]
        ):
            found.append(f"{case['id']}: a first report that already has a ticket")
    return found


def _location_words(case: dict[str, Any]) -> set[str]:
    words = set(STREET.findall(case["enquiry"]))
    for record in case["records"]:
        for value in record["fields"].values():
            words.update(STREET.findall(str(value)))
            if isinstance(value, str) and re.fullmatch(
                r"[A-Z]{2,3}\d{6}|P/\d\d/\d{4}/FUL|ENF/\d\d/\d{4}", value
            ):
                words.add(value)
    return words


def check_replies(pack: Pack, key: Key) -> list[str]:
    """A service's reply answers this case: from the service that owns the category, about
    the problem (its words) and the place, with dates that fall where the timeline puts
    them and the planning register's own consultation dates."""
    council = pack["council"]
    services = {s["id"]: s for s in council["services"]}
    cats = bank.categories()
    found = []
    for case, entry in zip(pack["cases"], key["cases"], strict=True):
        problem = next(
            p for p in cats[entry["category"]]["problems"] if p["id"] == entry["problem"]
        )
        arrived = received(case)
        planning = next((r for r in case["records"] if r["type"] == "planning_application"), None)
        for item in case["timeline"]:
            if item["type"] != "service_reply":
                continue
            reply, service = item["text"], services[item["service_id"]]
            if service["category"] != entry["category"] or not owns(council, entry["category"]):
                found.append(f"{case['id']}: {service['name']} answers a {entry['category']} case")
            school = SCHOOL.search(case["enquiry"] + reply)
            terms = [t for t in problem["terms"] if "{" not in t]
            if terms and not any(t.lower() in reply.lower() for t in terms):
                found.append(
                    f"{case['id']}: the reply is not about {problem['topic']}: {reply[:80]}"
                )
            places = set(STREET.findall(reply))
            known = _location_words(case)
            if places - known:
                found.append(
                    f"{case['id']}: the reply names {places - known}, not this case's place"
                )
            anchored = places & known or any(w in reply for w in known) or school
            if not anchored:
                found.append(f"{case['id']}: the reply names no place or reference of the case")
            replied = wd_date(pack, item["due_wd"])
            for weekday, day, month in LONG_DATE.findall(reply):
                when = near(int(day), month, replied)
                if WEEKDAYS[when.weekday()] != weekday:
                    found.append(
                        f"{case['id']}: {weekday} {day} {month} is a {WEEKDAYS[when.weekday()]}"
                    )
                if planning and when.isoformat() in (
                    planning["fields"]["consultation_ends"],
                    planning["fields"]["decision_due"],
                ):
                    continue
                if not arrived <= when <= replied + timedelta(days=35):
                    found.append(f"{case['id']}: reply of {replied} gives {weekday} {day} {month}")
            if planning:
                ends = date.fromisoformat(planning["fields"]["consultation_ends"])
                if "consultation closes on" in reply and replied > ends:
                    found.append(f"{case['id']}: the reply of {replied} says it closes on {ends}")
                if "consultation closed on" in reply and replied <= ends:
                    found.append(f"{case['id']}: the reply of {replied} says it closed on {ends}")
    return found


def check_dates(pack: Pack, key: Key) -> list[str]:
    """Every dated thing fits the case: records updated before the enquiry, tickets opened
    after the problem began, a consultation of 21 days still open when the enquiry came,
    dates the constituent gives in the past, and changes after what they change."""
    start = date.fromisoformat(pack["start"][:10])
    found = []
    for case in pack["cases"]:
        arrived = received(case)
        if arrived < start:
            found.append(f"{case['id']}: received {arrived} before the pack starts {start}")
        for sentence in sentences(case["enquiry"]):
            for day, month in SHORT_DATE.findall(sentence):
                when = near(int(day), month, arrived)
                if when > arrived and "hospital on" not in sentence and "closes on" not in sentence:
                    found.append(f"{case['id']}: the constituent gives a future date: {sentence}")
        for record in case["records"]:
            as_of = date.fromisoformat(record["as_of"])
            fields = record["fields"]
            if as_of > arrived:
                found.append(f"{case['id']}: {record['id']} updated {as_of}, after the enquiry")
            if "opened" in fields and date.fromisoformat(fields["opened"]) > min(as_of, arrived):
                found.append(f"{case['id']}: {record['id']} opened after it was last updated")
            if record["type"] == "planning_application":
                valid = date.fromisoformat(fields["valid_from"])
                ends = date.fromisoformat(fields["consultation_ends"])
                if ends - valid != timedelta(days=21) or not valid <= arrived < ends:
                    found.append(f"{case['id']}: consultation {valid} to {ends}, enquiry {arrived}")
                if date.fromisoformat(fields["decision_due"]) <= ends:
                    found.append(f"{case['id']}: decided before the consultation closes")
                for _weekday, day, month in LONG_DATE.findall(case["enquiry"]):
                    if near(int(day), month, arrived) != ends:
                        found.append(f"{case['id']}: the enquiry's closing date is not {ends}")
        records = {r["id"]: r for r in case["records"]}
        first = case["timeline"][0]
        for item in case["timeline"]:
            if item["due_wd"] < first["due_wd"]:
                found.append(f"{case['id']}: {item['type']} before the enquiry arrives")
            if item["type"] == "record_change":
                record = records[item["record_id"]]
                if item["old"] == item["new"]:
                    found.append(f"{case['id']}: {record['id']} 'changes' to what it already says")
                if record["type"] == "planning_application":
                    ends = date.fromisoformat(record["fields"]["consultation_ends"])
                    if wd_date(pack, item["due_wd"]) <= ends:
                        found.append(f"{case['id']}: decided before the consultation closes")
    return found


def check_notes(pack: Pack, key: Key) -> list[str]:
    """A member's note asks for party wording without claiming what the council did, and
    speaks of the election only in the pre-election period."""
    period = pack["pre_election"]
    found = []
    for case, entry in zip(pack["cases"], key["cases"], strict=True):
        note = case["member_note"]
        if note is None:
            continue
        if "party_political" not in traps_of(entry):
            found.append(f"{case['id']}: a member's note with no trap")
        text = note["text"].lower()
        for claim in OUTCOME_CLAIMS:
            if claim in text:
                found.append(f"{case['id']}: the note claims '{claim}': {note['text']}")
        inside = period and period["start"] <= case["received_at"][:10] <= period["end"]
        if not inside and any(w in text for w in PARTY_WORDS):
            found.append(f"{case['id']}: the note talks of the election outside the period")
    return found


def check_frequencies(pack: Pack, key: Key) -> list[str]:
    """Traps per case and per pack as the difficulty's data says, each trap within its
    share of the pack."""
    spec = bank.load("generation")["difficulty"][pack["difficulty"]]
    low, high = spec["traps_per_case"]
    n = len(key["cases"])
    counts = [len(e["traps"]) for e in key["cases"]]
    found = [
        f"{e['case_id']}: {c} traps"
        for e, c in zip(key["cases"], counts, strict=True)
        if not low <= c <= high
    ]
    total = min(n * high, max(n * low, round(float(spec["traps_per_pack"]) * n)))
    if sum(counts) > total:
        found.append(f"{sum(counts)} traps in {n} cases (at most {total})")
    per_trap = Counter(t["trap"] for e in key["cases"] for t in e["traps"])
    for trap_id, share in spec.get("trap_share", {}).items():
        if per_trap[trap_id] > max(1, int(share * n)):
            found.append(f"{trap_id} in {per_trap[trap_id]} of {n} cases")
    return found


def check_repeats(pack: Pack, key: Key) -> list[str]:
    """No sentence (of six words or more) appears twice in a pack."""
    seen: Counter[str] = Counter()
    for text in pack_texts(pack):
        for sentence in sentences(text):
            if len(sentence.split()) >= 6:
                seen[sentence.casefold()] += 1
    return [f"said {n} times: {s}" for s, n in seen.items() if n > 1]


CHECKS = (
    check_tier,
    check_places_and_phones,
    check_channels,
    check_voice,
    check_kinds,
    check_replies,
    check_dates,
    check_notes,
    check_frequencies,
    check_repeats,
)
