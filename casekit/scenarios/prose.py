"""The enquiry in the constituent's own words, composed from the phrase banks.

An enquiry is built as parts (greeting, opening, body sentences, ask, closing, sign-off)
so that a trap can bury a sentence in the middle of the body before the text is rendered.
Every slot must be filled: a left-over ``{slot}`` raises instead of reaching a learner.
"""

from __future__ import annotations

import random
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from casekit.errors import CasekitError
from casekit.scenarios import bank
from casekit.scenarios.casemodel import Facts, Memory, Phrase, Voice, voiced

SELF = Voice()
OTHER = Voice("relative")  # which text of a phrase a voice reads depends only on this


class _Slots(dict):
    def __missing__(self, key: str) -> str:
        raise CasekitError(
            f"The phrase bank uses a slot {{{key}}} that the generator does not fill.",
            rule="no-placeholder-text",
            source="casekit/data/scenarios/*.toml",
            field=key,
        )


def fill(template: str, slots: dict[str, Any]) -> str:
    """Fill ``{slot}`` names in a phrase; unknown slots are an error, never left in."""
    if "{" not in template:
        return template
    # A case's slots are made as _Slots already (see slot_values): no copy per phrase.
    return template.format_map(slots if type(slots) is _Slots else _Slots(slots))


@dataclass
class Enquiry:
    """An enquiry under construction."""

    channel: str
    tone: str
    greeting: str
    opening: str
    body: list[str]
    ask: str
    feeling: str
    closing: str
    sign_off: str
    extra: list[str] = field(default_factory=list)

    def bury(self, sentence: str, rng: random.Random) -> None:
        """Put a sentence in the middle of the body, where a hurried reader misses it."""
        position = rng.randint(1, max(1, len(self.body)))
        self.body.insert(position, sentence)

    def add(self, sentence: str) -> None:
        """Add a sentence after the ask (a separate point the constituent raises)."""
        self.extra.append(sentence)

    def render(self) -> str:
        text = self._render()
        spoken = bank.load("prose")["spoken"]
        if self.channel in spoken["channels"]:
            # A caller says "I am ringing about", not "I am writing about".
            for written, said in spoken["swaps"].items():
                if written in text:
                    text = text.replace(written, said)
        return text

    def _render(self) -> str:
        if self.channel == "social_media":
            parts = [self.greeting, " ".join([*self.body, self.ask, *self.extra]), self.sign_off]
            return "\n".join(p for p in parts if p) + "\n"
        middle = " ".join(self.body)
        paragraphs = [
            self.greeting,
            f"{self.opening} {middle}".strip(),
            " ".join(p for p in [self.feeling, self.ask, *self.extra] if p),
            self.closing,
            self.sign_off,
        ]
        return "\n\n".join(p for p in paragraphs if p) + "\n"


def slot_values(rng: random.Random, base: dict[str, Any]) -> dict[str, Any]:
    """The slot fillers for one case: the case's own facts plus picks from the banks."""
    banks = bank.load("prose")["slots"]
    values = _Slots({name: rng.choice(options) for name, options in banks.items()})
    values["school"] = f"{values.pop('school_prefix')} {values.pop('school_suffix')}"
    values.update(base)
    return values


def problems(category: str) -> list[dict[str, Any]]:
    """The category's problems, in file order."""
    return list(bank.categories()[category]["problems"])


def problem_fits(
    problem: dict[str, Any], voice: Voice, facts: Facts, needs: Iterable[str] = ()
) -> bool:
    """Whether ``problem`` can be told in ``voice`` without contradicting ``facts``, and
    states every tag in ``needs`` (a planning case for predetermination needs an application)."""
    if voice.other and "other" not in problem:
        return False
    phrase = _problem_phrase(problem, voice)
    return facts.allows(phrase) and set(needs) <= set(problem.get("tags", ()))


def choose_problem(
    rng: random.Random,
    category: str,
    voice: Voice,
    facts: Facts,
    memory: Memory,
    needs: Iterable[str] = (),
) -> dict[str, Any]:
    """A problem of ``category`` that fits the case, preferring one the pack has not used."""
    needs = tuple(needs)
    fitting = [p for p in problems(category) if problem_fits(p, voice, facts, needs)]
    if not fitting:
        raise CasekitError(
            f"No problem of category '{category}' fits this case: every one contradicts it.",
            rule="scenario-coherence",
            source="casekit/data/scenarios/category_banks.toml",
            field=category,
        )
    fresh = [p for p in fitting if f"problem:{category}:{p['id']}" not in memory.used]
    chosen = rng.choice(fresh or fitting)
    memory.used.add(f"problem:{category}:{chosen['id']}")
    return chosen


def _problem_phrase(problem: dict[str, Any], voice: Voice) -> Phrase:
    return _problem_phrase_cached(id(problem), voice.other, problem)


_PROBLEM_PHRASES: dict[tuple[int, bool], Phrase] = {}


def _problem_phrase_cached(key: int, other: bool, problem: dict[str, Any]) -> Phrase:
    """The problem's sentence in a voice, worked out once: the banks are read once, so
    their tables live as long as the process and their ids are stable keys."""
    found = _PROBLEM_PHRASES.get((key, other))
    if found is None:
        found = _PROBLEM_PHRASES[(key, other)] = _voice_problem(problem, OTHER if other else SELF)
    return found


def _voice_problem(problem: dict[str, Any], voice: Voice) -> Phrase:
    entry = {"self": problem["self"], "tags": problem.get("tags", [])}
    if "other" in problem:
        entry["other"] = problem["other"]
    if "other_tags" in problem:
        entry["other_tags"] = problem["other_tags"]
    phrase = voiced(entry, voice)
    assert phrase is not None
    return phrase


def _fitting(category: str, part: str, problem_id: str, voice: Voice) -> tuple[Phrase, ...]:
    """The category's ``details`` or ``asks`` that fit the problem, in the case's voice."""
    return _fitting_in(category, part, problem_id, voice.other)


@cache
def _fitting_in(category: str, part: str, problem_id: str, other: bool) -> tuple[Phrase, ...]:
    voice = OTHER if other else SELF
    found = []
    for entry in bank.categories()[category][part]["list"]:
        if problem_id in entry["problems"]:
            phrase = voiced(entry, voice)
            if phrase is not None:
                found.append(phrase)
    return tuple(found)


def compose(
    rng: random.Random,
    category: str,
    problem: dict[str, Any],
    channel: str,
    slots: dict[str, Any],
    voice: Voice,
    facts: Facts,
    memory: Memory,
    *,
    tone: str | None = None,
) -> Enquiry:
    """Compose an enquiry about ``problem`` arriving by ``channel``, in ``voice``.

    Each part is picked to fit the case's facts (and states its own), and to be new to the
    pack; an opening, feeling or closing with nothing new left to say is left out.
    """
    spec = bank.load("prose")
    tone = tone or rng.choices(spec["tones"], weights=spec["tone_weights"])[0]
    levels = list(spec["detail_levels"])
    level = rng.choices(levels, weights=spec["detail_weights"])[0]
    spoken = channel in spec["spoken"]["channels"]
    lead = _problem_phrase(problem, voice)
    facts.state(lead.tags)
    memory.used.add(lead.text)
    details = memory.sample(
        rng,
        _fitting(category, "details", problem["id"], voice),
        facts,
        int(spec["detail_levels"][level]),
    )
    asks = _fitting(category, "asks", problem["id"], voice) + _generic_asks()
    ask = memory.pick(rng, asks, facts)
    opening = memory.pick(rng, _by_tone("opening", tone, spoken), facts, required=False)
    feeling = memory.pick(rng, _by_tone("feeling", tone, spoken), facts, required=False)
    closing = memory.pick(rng, _by_tone("closing", tone, spoken), facts, required=False)
    return Enquiry(
        channel=channel,
        tone=tone,
        greeting=fill(rng.choice(spec["greeting"][channel]), slots),
        opening=fill(opening.text, slots) if opening else "",
        body=[fill(lead.text, slots), *(fill(d.text, slots) for d in details)],
        ask=fill(ask.text, slots) if ask else "",
        feeling=fill(feeling.text, slots) if feeling else "",
        closing=fill(closing.text, slots) if closing else "",
        sign_off=fill(rng.choice(spec["sign_off"][channel]), slots),
    )


@cache
def _generic_asks() -> tuple[Phrase, ...]:
    return tuple(Phrase(text) for text in bank.load("prose")["generic_asks"])


@cache
def _by_tone(part: str, tone: str, spoken: bool) -> tuple[Phrase, ...]:
    """The ``part`` phrases of ``tone``; said aloud, without the ones only a writer would
    use (and written, without the ones only a caller would)."""
    spec = bank.load("prose")
    phrases = [voiced(p, SELF) for p in spec[part][tone]]
    return tuple(p for p in phrases if p is not None and _fits_channel(p.text, spoken, spec))


def _fits_channel(text: str, spoken: bool, spec: dict[str, Any]) -> bool:
    markers = spec["spoken"]["written_markers" if spoken else "spoken_markers"]
    return not any(marker in text for marker in markers)


def chaser(
    rng: random.Random, tone: str, topic: str, channel: str, memory: Memory, facts: Facts
) -> str:
    """What the constituent says when chasing a quiet case, by the case's own channel."""
    spoken = channel in bank.load("prose")["spoken"]["channels"]
    picked = memory.pick(rng, _by_tone("chaser", tone, spoken), facts)
    assert picked is not None
    return fill(picked.text, {"topic": topic})


def service_reply(
    rng: random.Random, problem: dict[str, Any], slots: dict[str, Any], memory: Memory
) -> str:
    """The service's answer to the member enquiry: one written for this problem."""
    options = [Phrase(text) for text in problem["replies"]]
    picked = memory.pick(rng, options, Facts())
    assert picked is not None
    return fill(picked.text, slots)
