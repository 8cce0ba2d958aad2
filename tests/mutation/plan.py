"""Which mutants a run makes: the modules and their tests (modules.toml), the mutants
known not to change behaviour (equivalent.toml), and a seeded sample of the rest."""

from __future__ import annotations

import random
import tomllib
from dataclasses import dataclass
from pathlib import Path

from tests.mutation.operators import Mutant, mutants_of

HERE = Path(__file__).parent
MODULES = HERE / "modules.toml"
EQUIVALENT = HERE / "equivalent.toml"


@dataclass(frozen=True)
class Target:
    """A module to mutate and the test files that exercise it."""

    path: str
    tests: tuple[str, ...]
    sample: int | None = None


@dataclass(frozen=True)
class Equivalent:
    """A mutant that cannot change behaviour, and why."""

    key: str
    reason: str


@dataclass
class Plan:
    """One module's mutants: every one made, the equivalent ones, and those to run."""

    target: Target
    made: list[Mutant]
    equivalent: list[tuple[Mutant, str]]
    to_run: list[Mutant]


def load_targets(path: Path = MODULES) -> list[Target]:
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    return [Target(m["path"], tuple(m["tests"]), m.get("sample")) for m in data.get("module", [])]


def load_equivalents(path: Path = EQUIVALENT) -> dict[str, Equivalent]:
    """Equivalent mutants by key; each entry needs ``file``, ``scope``, ``mutation`` and
    a ``reason`` (``occurrence`` when the same change occurs twice in a scope)."""
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    found: dict[str, Equivalent] = {}
    for entry in data.get("mutant", []):
        missing = [k for k in ("file", "scope", "mutation", "reason") if not entry.get(k)]
        if missing:
            raise ValueError(f"equivalent mutant {entry!r} lacks {', '.join(missing)}")
        occurrence = int(entry.get("occurrence", 1))
        suffix = f" #{occurrence}" if occurrence > 1 else ""
        key = f"{entry['file']} | {entry['scope']} | {entry['mutation']}{suffix}"
        if key in found:
            raise ValueError(f"equivalent mutant listed twice: {key}")
        found[key] = Equivalent(key, entry["reason"])
    return found


def plan(
    root: Path, target: Target, equivalents: dict[str, Equivalent], sample: int, seed: str
) -> Plan:
    """The mutants of ``target``; a sample of ``sample`` of the non-equivalent ones
    (``target.sample`` when set; 0 for all), the same for the same seed."""
    made = mutants_of((root / target.path).read_text(encoding="utf-8"), target.path)
    equivalent = [(m, equivalents[m.key].reason) for m in made if m.key in equivalents]
    rest = [m for m in made if m.key not in equivalents]
    size = target.sample if target.sample is not None else sample
    if 0 < size < len(rest):
        rng = random.Random(f"{seed}/{target.path}")
        chosen = set(rng.sample(range(len(rest)), size))
        rest = [m for i, m in enumerate(rest) if i in chosen]
    return Plan(target, made, equivalent, rest)


def stale_equivalents(plans: list[Plan], equivalents: dict[str, Equivalent]) -> list[str]:
    """Listed keys that no mutant of the planned modules has (the code has moved on)."""
    planned = {p.target.path for p in plans}
    made = {m.key for p in plans for m in p.made}
    return sorted(
        key for key in equivalents if key.split(" | ", 1)[0] in planned and key not in made
    )
