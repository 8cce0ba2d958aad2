"""Copied work across a batch of packs, flagged for a person to judge.

Three signs, each naming both packs: two packs share a workspace id (a copied workspace
folder); two packs share learner events beyond what a scenario pack delivers (the same
learner-written text, at the same case, word for word: work replayed into another
workspace); one learner-specific scenario pack presented under two learners (or under a
learner it was not made for). None of these proves copying; each is for the assessor or
tutor to look into, which is what the flag says.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from typing import Any

from casekit.evidence.config import settings
from casekit.evidence.derive import Source
from casekit.evidence.keys import same_person
from casekit.record.log import canonical


@dataclass
class PackFacts:
    """What copying is judged on, for one pack."""

    name: str
    workspace_id: str
    learner_id: str
    learner: str
    pack_id: str
    pack_seed: str
    made_for: str
    events: dict[str, tuple[int, str]] = field(default_factory=dict)  # fingerprint -> seq, kind
    hashes: dict[int, str] = field(default_factory=dict)  # the log's chain, by event number


def same_work(a: PackFacts, b: PackFacts) -> bool:
    """Two packs of one workspace and one learner whose logs agree (one ends where the
    other does, or goes on from it): one learner's work sent twice (a folder and its zip, a
    later export), not copying."""
    if not a.workspace_id or a.workspace_id != b.workspace_id or not a.hashes or not b.hashes:
        return False
    if _different_learners(a, b):
        return False  # the workspace went on under someone else
    shorter, longer = sorted((a, b), key=lambda f: len(f.hashes))
    end = max(shorter.hashes)
    return longer.hashes.get(end) == shorter.hashes[end]


def _longest_text(value: Any) -> int:
    if isinstance(value, str):
        return len(value)
    if isinstance(value, dict):
        return max((_longest_text(v) for v in value.values()), default=0)
    if isinstance(value, list):
        return max((_longest_text(v) for v in value), default=0)
    return 0


def fingerprints(source: Source | None) -> dict[str, tuple[int, str]]:
    """The learner's own events that carry text they typed (kept as personal values: a
    summary, a statement, a draft, a reflection), long enough that two people would not
    write it alike, by a digest of the kind, case and that text but not the time or the
    place in the log: what survives replaying work into another workspace."""
    out: dict[str, tuple[int, str]] = {}
    if source is None:
        return out
    minimum = int(settings()["copying"]["min_text"])
    for e in source.events:
        if e.actor != "learner" or e.kind in ("learner_details_recorded", "declaration_signed"):
            continue
        if e.kind == "enquiry_received" and e.data.get("source") == "pack":
            continue  # taken in from the scenario pack: the same for everyone given it
        if _longest_text(e.personal or {}) < minimum:
            continue
        body = canonical({"kind": e.kind, "case": e.case, "personal": e.personal})
        out.setdefault(hashlib.sha256(body.encode()).hexdigest(), (e.seq, e.kind))
    return out


def facts(
    name: str,
    manifest: dict[str, Any],
    source: Source | None,
    hashes: dict[int, str] | None = None,
) -> PackFacts:
    learner = manifest["learner"]
    return PackFacts(
        name,
        manifest["workspace_id"],
        learner["learner_id"],
        learner["learner"],
        manifest["pack"]["id"],
        manifest["pack"]["seed"],
        manifest["pack"]["made_for"],
        fingerprints(source),
        dict(hashes or {}),
    )


def _different_learners(a: PackFacts, b: PackFacts) -> bool:
    if a.learner_id and b.learner_id and a.learner_id != b.learner_id:
        return True
    return bool(a.learner and b.learner and not same_person(a.learner, b.learner))


def find_copies(packs: list[PackFacts]) -> list[list[str]]:
    """The flags raised on each pack, in order (each naming the other pack)."""
    minimum = int(settings()["copying"]["min_shared_events"])
    flags: list[list[str]] = [[] for _ in packs]
    for i, a in enumerate(packs):
        for j in range(i + 1, len(packs)):
            b = packs[j]
            if same_work(a, b):
                continue  # one learner's work sent twice: named by the caller, not copying
            found = []
            if a.workspace_id and a.workspace_id == b.workspace_id:
                found.append(f"shares workspace {a.workspace_id}")
            shared = sorted(a.events[k] for k in set(a.events) & set(b.events))
            if len(shared) >= minimum:
                seq, kind = shared[0]
                found.append(
                    f"shares {len(shared)} learner-written events, word for word "
                    f"(the first: event {seq}, {kind.replace('_', ' ')})"
                )
            if (
                a.made_for
                and (a.pack_id, a.pack_seed, a.made_for) == (b.pack_id, b.pack_seed, b.made_for)
                and _different_learners(a, b)
            ):
                found.append(f"presents scenario pack {a.pack_id} under another learner")
            for reason in found:
                flags[i].append(f"{reason} with {b.name}")
                flags[j].append(f"{reason} with {a.name}")
    return flags


def describe(flags: list[str], limit: int = 5) -> str:
    """One cell's worth: the flags raised on a pack, for a person to judge."""
    if not flags:
        return ""
    more = f"; ... and {len(flags) - limit} more" if len(flags) > limit else ""
    return "possible copying, for the assessor to review: " + "; ".join(flags[:limit]) + more
