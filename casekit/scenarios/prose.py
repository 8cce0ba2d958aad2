"""The enquiry in the constituent's own words, composed from the phrase banks.

An enquiry is built as parts (greeting, opening, body sentences, ask, closing, sign-off)
so that a trap can bury a sentence in the middle of the body before the text is rendered.
Every slot must be filled: a left-over ``{slot}`` raises instead of reaching a learner.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from casekit.errors import CasekitError
from casekit.scenarios import bank


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


def compose(
    rng: random.Random,
    category: str,
    channel: str,
    slots: dict[str, Any],
    *,
    tone: str | None = None,
) -> Enquiry:
    """Compose an enquiry for ``category`` arriving by ``channel``."""
    spec = bank.load("prose")
    cat = bank.categories()[category]
    tone = tone or rng.choices(spec["tones"], weights=spec["tone_weights"])[0]
    levels = list(spec["detail_levels"])
    level = rng.choices(levels, weights=spec["detail_weights"])[0]
    problem = rng.randrange(len(cat["problems"]))
    details = _fitting_phrases(category, "details", problem)
    count = min(int(spec["detail_levels"][level]), len(details))
    body = [fill(cat["problems"][problem], slots)]
    body += [fill(d, slots) for d in rng.sample(details, count)]
    openings = _openings(tone, channel in spec["spoken"]["channels"])
    return Enquiry(
        channel=channel,
        tone=tone,
        greeting=fill(rng.choice(spec["greeting"][channel]), slots),
        opening=fill(rng.choice(openings), slots),
        body=body,
        ask=fill(rng.choice(_fitting_phrases(category, "asks", problem)), slots),
        feeling=fill(rng.choice(spec["feeling"][tone]), slots),
        closing=fill(rng.choice(spec["closing"][tone]), slots),
        sign_off=fill(rng.choice(spec["sign_off"][channel]), slots),
    )


@cache
def _fitting_phrases(category: str, kind: str, problem: int) -> tuple[str, ...]:
    """The category's ``details`` or ``asks`` that fit ``problem``, worked out once."""
    return tuple(_fitting(bank.categories()[category][kind], problem))


@cache
def _openings(tone: str, spoken: bool) -> tuple[str, ...]:
    """The openings for ``tone``; said aloud, without the ones only a writer would use."""
    spec = bank.load("prose")
    return tuple(o for o in spec["opening"][tone] if not (spoken and _written_only(o, spec)))


def _fitting(entries: list[Any], problem: int) -> list[str]:
    """The phrases that fit ``problem``: plain strings fit all, tables list their problems."""
    return [
        e if isinstance(e, str) else e["text"]
        for e in entries
        if isinstance(e, str) or problem in e["problems"]
    ]


def _written_only(phrase: str, spec: dict[str, Any]) -> bool:
    return any(marker in phrase for marker in spec["spoken"]["written_markers"])


def chaser(rng: random.Random, tone: str, subject: str) -> str:
    """What the constituent writes when chasing a quiet case."""
    return fill(rng.choice(bank.load("prose")["chaser"][tone]), {"subject": subject})


def service_reply(rng: random.Random, category: str, slots: dict[str, Any]) -> str:
    """The service's answer to the member enquiry."""
    return fill(rng.choice(bank.categories()[category]["service_replies"]), slots)
