"""The labelled letter corpus (tests/corpus/letters) as inputs to the drafting checks.

Each letter's ``[context]`` becomes the keyword arguments ``check_draft`` takes, the same
way a case record would give them: the reader and their role, the member (with their own
published number), the constituent, the officers' work contacts, the consents (a recipient
and, in brackets, what they may be told) and the other people in the case (a name and, in
brackets, who they are; "lasting power of attorney" or "agreed" marks a person whose data
the case may share; "constituent" marks another of the member's constituents, as in a
weekly update on several cases). Used by ``benchmarks/bench_checks.py`` and the corpus tests.

``tuning``, ``heldout`` (spent: scored once in round 1, now tuned on) and ``development``
may be read and tuned on. The development set is split (:func:`split`): every fifth letter
(D005, D010, ...) is kept aside as a validation split, scored at the end of each round of
tuning and never tuned on; the rest is the train split. ``heldout2`` was kept outside the
repository and scored once at the end of round 2 (see letters/README.md); it is now spent.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).parent / "letters"
SETS = (
    "tuning",
    "heldout",
    "development",
    "heldout2",
    "heldout3",
    "heldout4",
    "heldout5",
    "heldout6",
    "heldout7",
    "heldout8",
    "heldout9",
    "heldout10",
    "heldout11",
    "heldout12",
)
SPLITS = ("all", "train", "validation")
VALIDATION_EVERY = 5
PHONE = re.compile(r"(?:\+44\s?(?:\(0\)\s?)?|\(?0)\d[\d ()]{8,14}\d")
ROLES = {
    "constituent": "constituent",
    "member": "member",
    "officer": "officer",
    "third-party": "third_party",
}
CONSENTING = re.compile(r"attorney|\bhas agreed\b|\bwith (?:his|her|their) agreement\b", re.I)
# A child of the constituent is covered by the parent acting for them (not an adult child,
# nor a neighbour's child: "child at 22", "son of the tenant at 4").
CHILD = re.compile(
    r"^(?:(?:the )?(?:addressees?'s?|constituents?'s?|reader's|her|his|their) )?"
    r"(?:son|daughter|child|grandson|granddaughter)\b(?!\s+(?:at|of|from|next|in|on)\b)",
    re.I,
)


@dataclass(frozen=True)
class Letter:
    id: str
    path: Path
    text: str
    reader: str
    pre_election: bool
    context: dict[str, Any]
    partisan: bool
    leak: bool
    neutrality: dict[str, Any] = field(default_factory=dict)
    confidentiality: dict[str, Any] = field(default_factory=dict)


def load(name: str = "tuning") -> list[Letter]:
    """Every letter of one set, in id order."""
    if name not in SETS:
        raise ValueError(f"unknown corpus set {name!r}: {', '.join(SETS)}")
    letters = []
    for path in sorted((ROOT / name).glob("*.toml")):
        doc = tomllib.loads(path.read_text(encoding="utf-8"))
        letters.append(
            Letter(
                id=doc["id"],
                path=path,
                text=doc["text"],
                reader=doc["reader"],
                pre_election=bool(doc.get("pre_election")),
                context=dict(doc.get("context", {})),
                partisan=doc["neutrality"]["label"] == "partisan",
                leak=doc["confidentiality"]["label"] == "leak",
                neutrality=dict(doc["neutrality"]),
                confidentiality=dict(doc["confidentiality"]),
            )
        )
    return letters


def is_validation(letter: Letter) -> bool:
    """Whether a development letter is in the validation split: every fifth by number."""
    digits = "".join(ch for ch in letter.id if ch.isdigit())
    return bool(digits) and int(digits) % VALIDATION_EVERY == 0


def split(letters: list[Letter], part: str = "all") -> list[Letter]:
    """One part of a set: ``all``, ``train`` (four in five) or ``validation`` (every fifth)."""
    if part not in SPLITS:
        raise ValueError(f"unknown split {part!r}: {', '.join(SPLITS)}")
    if part == "all":
        return list(letters)
    keep = part == "validation"
    return [letter for letter in letters if is_validation(letter) == keep]


def _officer(entry: str) -> dict[str, Any]:
    """ "Name, team, work phone, work email" as an official contact."""
    parts = [p.strip() for p in entry.split(",") if p.strip()]
    out: dict[str, Any] = {}
    for part in parts:
        if "@" in part:
            out["email"] = part
        elif PHONE.fullmatch(part):
            out["phone"] = part
    names = [p for p in parts if "@" not in p and not PHONE.fullmatch(p)]
    if names:
        out["name"] = names[0]
        out["team"] = ", ".join(names[1:])
    return out


def _bracketed(entry: str) -> tuple[str, str]:
    """ "Name (note)" or "Name, note" as the name and the note."""
    name, _, note = entry.partition("(")
    note = note.rstrip(") ").strip()
    if "," in name:
        name, _, first = name.partition(",")
        note = " ".join(p for p in (first.strip(), note) if p)
    return name.strip(), note


def check_kwargs(letter: Letter) -> dict[str, Any]:
    """The keyword arguments for ``check_draft`` from a letter's context."""
    ctx = letter.context
    member: dict[str, Any] = {"name": ctx.get("member", "")}
    if ctx.get("member_phone"):
        member["phone"] = ctx["member_phone"]
    recipient: dict[str, Any] = {"name": ctx.get("addressee", ""), "role": ROLES[letter.reader]}
    if ctx.get("addressee_address"):
        recipient["address"] = ctx["addressee_address"]
    known = []
    for entry in ctx.get("other_people", []):
        name, note = _bracketed(entry)
        negated = re.search(r"\bnot\b|\badult\b", note, re.I)
        covered = bool(CONSENTING.search(note) or CHILD.search(note)) and not negated
        entry = {"name": name, "note": note, "consented": covered}
        if note.strip().lower() == "constituent":
            entry["role"] = "constituent"  # another case of the member's, in an update
        known.append(entry)
    constituent: Any = ctx.get("constituent", "")
    if "(" in constituent:  # "Osian Rees (reader's son)": the person and their relation
        name, note = _bracketed(constituent)
        constituent = {"name": name, "note": note}
    consents = []
    for entry in ctx.get("consents", []):
        name, note = _bracketed(entry)
        consents.append({"recipient": name, "scope": note})
    return {
        "member": member,
        "recipient": recipient,
        "case": {
            "ref": ctx.get("case_ref", ""),
            "constituent": constituent,
            "contacts": [_officer(o) for o in ctx.get("officers", [])],
        },
        "consents": consents,
        "known_people": known,
        "pre_election": letter.pre_election,
    }
