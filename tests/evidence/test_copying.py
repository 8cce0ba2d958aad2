"""Copied work flagged for a person to judge: both packs named, honest classes unflagged."""

from __future__ import annotations

from casekit.evidence.copying import PackFacts, describe, find_copies, fingerprints
from casekit.evidence.derive import Source
from casekit.record.log import Event


def _facts(name: str, **kw: object) -> PackFacts:
    base = {
        "workspace_id": f"ws-{name}",
        "learner_id": name,
        "learner": name.title(),
        "pack_id": f"standard-1-{name}",
        "pack_seed": "1",
        "made_for": name,
        "events": {},
    }
    base.update(kw)
    return PackFacts(name, **base)  # type: ignore[arg-type]


def _event(
    seq: int, kind: str, personal: dict | None, *, actor: str = "learner", data: dict | None = None
) -> Event:
    return Event(
        seq,
        "2026-01-12T09:00",
        kind,
        "CK-0001",
        actor,
        data or {},
        personal,
        f"{seq:064x}",
        f"{seq - 1:064x}",
    )


def test_an_honest_class_is_not_flagged() -> None:
    shared_intro = {"pack_id": "intro-101", "made_for": "", "pack_seed": "101"}
    packs = [_facts("ann", **shared_intro), _facts("ben", **shared_intro), _facts("cat")]
    assert find_copies(packs) == [[], [], []]
    assert describe([]) == ""


def test_each_sign_of_copying_names_both_packs() -> None:
    ann = _facts("ann", events={"f1": (7, "draft_saved"), "f2": (9, "reflection_recorded")})
    ben = _facts("ben", workspace_id="ws-ann")
    cat = _facts("cat", events={"f1": (12, "draft_saved"), "f2": (15, "reflection_recorded")})
    dan = _facts("dan", pack_id=ann.pack_id, made_for="ann")
    flags = find_copies([ann, ben, cat, dan])
    assert "shares workspace ws-ann with ben" in flags[0]
    assert "shares workspace ws-ann with ann" in flags[1]
    assert any("shares 2 learner-written events" in f and "with cat" in f for f in flags[0])
    assert any("(the first: event 7, draft saved)" in f for f in flags[0])
    assert "presents scenario pack standard-1-ann under another learner with dan" in flags[0]
    assert "presents scenario pack standard-1-ann under another learner with ann" in flags[3]
    assert describe(flags[0]).startswith("possible copying, for the assessor to review: ")
    one = _facts("eve", events={"f1": (3, "draft_saved")})
    assert find_copies([one, _facts("fay", events={"f1": (3, "draft_saved")})]) == [[], []]


def test_only_text_the_learner_typed_counts() -> None:
    long = "I rang the housing officer and agreed a date for the surveyor's visit."
    events = [
        _event(1, "contact_logged", {"party": "Service", "summary": long}),
        _event(2, "contact_logged", {"party": "Service", "summary": "Rang."}),  # too short
        _event(3, "enquiry_received", {"enquiry": long}, data={"source": "pack"}),  # the pack's
        _event(4, "service_replied", {"text": long}, actor="simulation"),  # not the learner's
        _event(5, "declaration_signed", {"name": long}),
    ]
    found = fingerprints(Source(rows=[], events=events))
    assert sorted(seq for seq, _kind in found.values()) == [1]
    moved = [_event(40, "contact_logged", {"party": "Service", "summary": long})]
    assert set(fingerprints(Source(rows=[], events=moved))) == set(found)  # place aside
