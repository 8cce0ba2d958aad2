"""What a trap is: a definition that plants itself in a case and writes its answer key.

A trap has three parts: ``shape`` (optional) adjusts the case plan before the constituent
and the enquiry are made (a planning case, a constituent outside the ward); ``plant`` adds
its sentence, records or member's note to the case and returns the values its wording
needs; and its entry in ``casekit/data/scenarios/traps.toml`` says what good handling and
mishandling look like as events in the log. The generator knows none of this: a new trap
is a new module in this package with a ``TRAP`` and a new table in the TOML file.
"""

from __future__ import annotations

import json
import random
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache
from json.encoder import encode_basestring as _json_string
from typing import Any

from casekit.scenarios import bank
from casekit.scenarios.casemodel import Facts, Memory, Phrase, Voice
from casekit.scenarios.prose import Enquiry, fill


@dataclass
class CasePlan:
    """The skeleton of a case, decided before people and prose are made."""

    index: int
    case_id: str
    category: str
    ward_id: str
    member_id: str
    channel: str
    due_wd: int
    true_kind: str
    home_ward_id: str  # the ward whose sectors the constituent's address is drawn from
    home: dict[str, Any] | None = None  # an address outside the council: {sector, town, council}
    category_fixed: bool = False
    relationship: str | None = None  # the narrator writes about their mother, neighbour...
    about_family: bool = False  # ... who is family, so shares the writer's surname
    about_gender: str | None = None  # the subject's gender, when the narrator writes for them
    tone: str | None = None
    traps: list[str] = field(default_factory=list)
    notes: dict[str, Any] = field(default_factory=dict)  # what a shape decided, for its plant
    tags: set[str] = field(default_factory=set)  # facts the case states (prose.toml [tags])
    needs: set[str] = field(default_factory=set)  # tags the case's problem must have

    @property
    def about_other(self) -> bool:
        """The case is about someone other than the person writing."""
        return self.relationship is not None

    @property
    def voice(self) -> Voice:
        if self.relationship is None:
            return Voice()
        return Voice(self.relationship, self.about_gender or "female")


@dataclass
class PackInfo:
    """What a trap may need to know about the pack as a whole."""

    difficulty: str
    subtlety: str
    start: str
    pre_election: dict[str, Any] | None
    pre_election_days: tuple[int, int] | None  # working-day range of the period, if any


@dataclass
class TrapContext:
    """Everything ``plant`` may read or change."""

    plan: CasePlan
    council: dict[str, Any]
    pack: PackInfo
    case: dict[str, Any]
    enquiry: Enquiry
    slots: dict[str, Any]
    rng: random.Random
    seed: int
    memory: Memory = field(default_factory=Memory)
    facts: Facts = field(default_factory=Facts)
    problem: dict[str, Any] = field(default_factory=dict)

    @property
    def subtle(self) -> bool:
        return self.pack.subtlety == "subtle"

    def say(
        self, spec: dict[str, Any], stem: str = "", values: dict[str, Any] | None = None
    ) -> str:
        """The clear or subtle wording of ``stem`` for this pack's difficulty, filled in.

        A wording no earlier case of the pack used is preferred, and the case's slots and
        the narrator's voice ({me}, {I}, {He_she}...) fill it.
        """
        prefix = f"{stem}_" if stem else ""
        key = f"{prefix}{'subtle' if self.subtle else 'clear'}"
        options = [Phrase(text) for text in spec[key]]
        picked = self.memory.pick(self.rng, options, self.facts)
        assert picked is not None
        return fill(picked.text, {**self.slots, **self.plan.voice.slots(), **(values or {})})

    def add_record(self, kind: str, as_of: str, fields: dict[str, Any]) -> str:
        from casekit.scenarios.records import SYSTEMS

        record_id = f"{self.plan.case_id}-R{len(self.case['records']) + 1}"
        self.case["records"].append(
            {
                "id": record_id,
                "type": kind,
                "system": SYSTEMS[kind],
                "as_of": as_of,
                "fields": fields,
            }
        )
        return record_id


_SLOT = re.compile(r"\{([a-z_]+)\}")


@cache
def _expectations_template(trap_id: str) -> tuple[list[str], list[str]]:
    """The trap's good/bad expectations as compact JSON, split at their ``{slot}`` names.

    Returns the text pieces and the slot names between them (``len(pieces) = slots + 1``).
    Compact JSON never has a ``{`` followed by a bare name, so only slots are split on.
    """
    spec = bank.load("traps")[trap_id]
    text = json.dumps({"good": spec["good"], "bad": spec["bad"]}, ensure_ascii=False)
    parts = _SLOT.split(text)
    return parts[0::2], parts[1::2]


def _fill_expectations(trap_id: str, values: dict[str, Any]) -> dict[str, Any]:
    """Fill every ``{slot}`` in the expectations, JSON-escaping each value.

    Joining the pre-split JSON text and parsing it once is much quicker than walking the
    structure: this runs for every trap of every case of a class.
    """
    pieces, names = _expectations_template(trap_id)
    return json.loads(_join(pieces, names, values))


def _join(pieces: list[str], names: list[str], values: dict[str, Any]) -> str:
    """The template's text with each slot's value JSON-escaped in (no surrounding quotes)."""
    out = [pieces[0]]
    for name, piece in zip(names, pieces[1:], strict=True):
        if name not in values:
            fill("{" + name + "}", values)  # raises the usual unfilled-slot error
        out.append(_json_string(str(values[name]))[1:-1])
        out.append(piece)
    return "".join(out)


def _has_slot_in_a_key(value: Any) -> bool:
    if isinstance(value, dict):
        return any("{" in k or _has_slot_in_a_key(v) for k, v in value.items())
    if isinstance(value, list):
        return any(_has_slot_in_a_key(v) for v in value)
    return False


def _percent_template(value: Any, names: set[str]) -> str:
    """``value``'s file text as a ``%``-template: ``%`` doubled, each ``{slot}`` a field."""
    from casekit.scenarios.pack import dumps

    pieces = _SLOT.split(dumps(value)[:-1])
    names.update(pieces[1::2])
    return "".join(
        piece.replace("%", "%%") if n % 2 == 0 else f"%({piece})s" for n, piece in enumerate(pieces)
    )


@cache
def _written_entry_template(trap_id: str) -> tuple[str, frozenset[str]] | None:
    """The trap's whole answer-key entry as file text, a ``%``-template to fill in one call.

    JSON escaping works character by character, so escaping a filled string is the same as
    escaping its template pieces and its values apart: filling this gives exactly what
    writing the entry :meth:`Trap.key_entry` makes would. ``looks_like`` and
    ``explanation`` are filled by :func:`fill` as usual and go in as the upper-case fields
    (slot names are lower case, so they cannot clash). Keys are sorted before filling, so
    a slot in a key could change the order: then there is no template (``None``).
    """
    from casekit.scenarios.pack import Encoded, dumps

    spec = bank.load("traps")[trap_id]
    if _has_slot_in_a_key(spec["good"]) or _has_slot_in_a_key(spec["bad"]):
        return None
    names: set[str] = set()
    # Stand-ins that no written text can contain (a NUL is always escaped in JSON).
    marks = {part: f"\x00{part}\x00" for part in ("good", "bad", "LOOKS_LIKE", "EXPLANATION")}
    entry = {
        "trap": trap_id,
        "label": spec["label"],
        "looks_like": Encoded(marks["LOOKS_LIKE"]),
        "explanation": Encoded(marks["EXPLANATION"]),
        "source": spec["source"],
        "criteria": list(spec["criteria"]),
        "good": Encoded(marks["good"]),
        "bad": Encoded(marks["bad"]),
    }
    text = dumps(entry)[:-1].replace("%", "%%")
    for part in ("good", "bad"):  # one level in, as dumps indents a nested part
        text = text.replace(marks[part], _percent_template(spec[part], names).replace("\n", "\n  "))
    for name in ("LOOKS_LIKE", "EXPLANATION"):
        text = text.replace(marks[name], f"%({name})s")
    return text, frozenset(names)


def _written_entry(trap_id: str, values: dict[str, Any]) -> Any:
    """The trap's answer-key entry already written as file text (``None`` if it cannot be)."""
    from casekit.scenarios.pack import Encoded

    template = _written_entry_template(trap_id)
    if template is None:
        return None
    text, names = template
    if not names <= values.keys():
        for name in sorted(names.difference(values)):
            fill("{" + name + "}", values)  # raises the usual unfilled-slot error
    fields = {name: _json_string(str(values[name]))[1:-1] for name in names}
    spec = bank.load("traps")[trap_id]
    fields["LOOKS_LIKE"] = _json_string(fill(spec["looks_like"], values))
    fields["EXPLANATION"] = _json_string(fill(spec["explanation"], values))
    return Encoded(text % fields)


@dataclass(frozen=True)
class Trap:
    """One trap of casework-rules.md section 8."""

    id: str
    plant: Callable[[TrapContext], dict[str, Any]]
    shape: Callable[[CasePlan, dict[str, Any], PackInfo, random.Random], None] | None = None
    applies: Callable[[dict[str, Any]], bool] = lambda council: True
    order: int = 50  # shapes run in this order (lower first)

    @property
    def spec(self) -> dict[str, Any]:
        return bank.load("traps")[self.id]

    @property
    def conflicts(self) -> frozenset[str]:
        """Traps that never share a case with this one (``conflicts`` in traps.toml)."""
        return frozenset(self.spec.get("conflicts", ()))

    def key_entry(self, values: dict[str, Any], *, written: bool = False) -> Any:
        """The answer-key entry: what the trap looks like and good/bad handling as events.

        ``written=True`` gives the entry as text already in file form
        (:class:`~casekit.scenarios.pack.Encoded`), for keys that are only written out.
        """
        if written:
            entry = _written_entry(self.id, values)
            if entry is not None:
                return entry
        spec = self.spec
        expected = _fill_expectations(self.id, values)
        return {
            "trap": self.id,
            "label": spec["label"],
            "looks_like": fill(spec["looks_like"], values),
            "explanation": fill(spec["explanation"], values),
            "source": spec["source"],
            "criteria": list(spec["criteria"]),
            "good": expected["good"],
            "bad": expected["bad"],
        }
