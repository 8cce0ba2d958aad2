"""Every planted trap, table-driven: a scripted good run is coached ``handled`` with no common
mistake on its case, and a scripted mishandling (the trap's ``bad`` expectation in
``casekit/data/scenarios/traps.toml``) is coached ``mishandled``, explained, citing the
trap's rule and criteria.

Packs are generated, not stored: the module searches seeds and difficulties in a fixed
order for a case that plants each trap (preferring cases with fewest traps, so the run
tests that trap alone) and caches what it finds.
"""

from __future__ import annotations

import json
import tomllib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from casekit.api.workspaces import new_workspace
from casekit.casework.actions import Casework
from casekit.feedback.coaching import TrapResult, coach
from casekit.record.workspace import Workspace
from casekit.scenarios.generate import generate, render
from casekit.scenarios.model_answer import ModelAnswer
from casekit.scenarios.simclock import advance
from casekit.scenarios.traps import registry
from tests.approved import send_approved

TRAPS_TOML = Path(__file__).resolve().parents[2] / "casekit" / "data" / "scenarios" / "traps.toml"
TRAP_SPECS = tomllib.loads(TRAPS_TOML.read_text(encoding="utf-8"))
TRAP_IDS = sorted(registry())
SEARCH = [(seed, difficulty) for seed in range(1, 40) for difficulty in ("intro", "standard")]
MAX_DAYS = 40


@dataclass(frozen=True)
class Planted:
    """Where a trap is planted: a generated pack, its key, and the pack case."""

    pack_text: str
    key: dict[str, Any]
    case_id: str

    @property
    def entry(self) -> dict[str, Any]:
        return next(c for c in self.key["cases"] if c["case_id"] == self.case_id)

    def trap(self, trap_id: str) -> dict[str, Any]:
        return next(t for t in self.entry["traps"] if t["trap"] == trap_id)


@pytest.fixture(scope="module")
def planted() -> dict[str, Planted]:
    """Trap id -> the first case (in search order, fewest traps) that plants it."""
    found: dict[str, tuple[int, Planted]] = {}
    for seed, difficulty in SEARCH:
        pack, key = generate(seed, 10, difficulty)
        pack_text, key_text = render(pack, key)
        rendered = json.loads(key_text)
        for entry in rendered["cases"]:
            for trap in entry["traps"]:
                size = len(entry["traps"])
                if trap["trap"] not in found or size < found[trap["trap"]][0]:
                    found[trap["trap"]] = (size, Planted(pack_text, rendered, entry["case_id"]))
        if set(found) == set(TRAP_IDS) and all(size == 1 for size, _ in found.values()):
            break
    assert set(found) == set(TRAP_IDS), f"no generated pack plants {set(TRAP_IDS) - set(found)}"
    return {trap: where for trap, (_, where) in found.items()}


def _workspace(tmp_path: Path, where: Planted) -> Workspace:
    pack = tmp_path / "pack.json"
    pack.write_text(where.pack_text, encoding="utf-8")
    return new_workspace(tmp_path / "ws", pack=pack, learner="trap-test")


def _arrived(ws: Workspace, case_id: str) -> Any:
    """Advance day by day until the case's enquiry is in the inbox; return its event."""
    for _ in range(MAX_DAYS):
        item = next(
            (e for e in ws.state().inbox.values() if e.data.get("pack_case") == case_id), None
        )
        if item is not None:
            return item
        advance(ws, 1)
    raise AssertionError(f"{case_id} never arrived")


def _log(ws: Workspace, item: Any, *, case_kind: str, category: str) -> str:
    """Log the enquiry as a learner would who took it at face value (no third party)."""
    constituent = dict(item.personal["constituent"])
    return (
        Casework(ws)
        .receive_enquiry(
            constituent=constituent,
            enquiry=item.personal["enquiry"],
            category=category,
            case_kind=case_kind,
            channel=item.data["channel"],
            member_id=item.data["member_id"],
            received_at=item.data["received_at"],
            inbox_item=item.data["timeline_item"],
        )
        .case_ref
    )


def _result(ws: Workspace, where: Planted, trap_id: str) -> tuple[TrapResult, list[Any]]:
    report = coach(ws, where.key)
    result = next(t for t in report.traps if t.trap == trap_id and t.pack_case == where.case_id)
    return result, [m for m in report.mistakes if result.case and m.case == result.case]


def _service(ws: Workspace, category: str) -> str:
    council = ws.state().council
    service = council.service_for(category) if council else None
    return service.id if service is not None else next(iter(council.services))


def _expected(trap: dict[str, Any], side: str, index: int, field: str, matcher: str) -> str:
    """A value the key expects (e.g. the planted party name or special category word)."""
    return str(trap[side][index]["where"][field][matcher][0])


# -- the mishandlings: each commits exactly the trap's ``bad`` expectation ---------------
def bad_stale(ws: Workspace, where: Planted, item: Any) -> None:
    ref = _log(ws, item, case_kind=where.entry["true_kind"], category=where.entry["category"])
    cw = Casework(ws)
    topic = str(where.trap("stale_information")["good"][0]["where"]["fact"]["in"][0])
    cw.record_fact(ref, "What the council's record says", topic=topic)
    send_approved(
        ws,
        ref,
        "Thank you for your message; the record shows the position.",
        unverified_reason="The constituent wanted an answer the same day.",
    )


def bad_wrong_ward(ws: Workspace, where: Planted, item: Any) -> None:
    ref = _log(ws, item, case_kind=where.entry["true_kind"], category=where.entry["category"])
    Casework(ws).refer_to_service(
        ref,
        service=_service(ws, where.entry["category"]),
        question="Please look into this problem.",
    )


def bad_third_party(ws: Workspace, where: Planted, item: Any) -> None:
    # The learner misses that the writer acts for someone else, so no consent is recorded
    # (the workflow's consent guard only knows about a third party it was told of).
    ref = _log(ws, item, case_kind=where.entry["true_kind"], category=where.entry["category"])
    Casework(ws).refer_to_service(
        ref,
        service=_service(ws, where.entry["category"]),
        question="Please look into this problem.",
    )


def bad_duplicate(ws: Workspace, where: Planted, item: Any) -> None:
    ref = _log(ws, item, case_kind=where.entry["true_kind"], category=where.entry["category"])
    Casework(ws).refer_to_service(
        ref,
        service=_service(ws, where.entry["category"]),
        question="Please look into this problem.",
    )


def bad_oversharing(ws: Workspace, where: Planted, item: Any) -> None:
    ref = _log(ws, item, case_kind=where.entry["true_kind"], category=where.entry["category"])
    special = _expected(where.trap("oversharing"), "bad", 0, "question", "contains_any")
    Casework(ws).refer_to_service(
        ref,
        service=_service(ws, where.entry["category"]),
        question=f"The constituent has {special}; please look into the problem.",
    )


def bad_complaint(ws: Workspace, where: Planted, item: Any) -> None:
    _log(ws, item, case_kind="member_enquiry", category=where.entry["category"])


def bad_statutory(ws: Workspace, where: Planted, item: Any) -> None:
    _log(ws, item, case_kind="member_enquiry", category=where.entry["category"])
    advance(ws, 3)  # the clock was never started and 2 working days have gone by


def bad_safeguarding(ws: Workspace, where: Planted, item: Any) -> None:
    _log(ws, item, case_kind=where.entry["true_kind"], category=where.entry["category"])
    advance(ws, 1)  # no escalation on the day the enquiry arrived


def bad_party(ws: Workspace, where: Planted, item: Any) -> None:
    ref = _log(ws, item, case_kind=where.entry["true_kind"], category=where.entry["category"])
    party = _expected(where.trap("party_political"), "bad", 0, "text", "contains_any")
    send_approved(ws, ref, f"This was sorted out thanks to {party}, as promised.")


def bad_predetermination(ws: Workspace, where: Planted, item: Any) -> None:
    ref = _log(ws, item, case_kind=where.entry["true_kind"], category=where.entry["category"])
    send_approved(
        ws,
        ref,
        "I share your view and I will vote against the application when it comes to committee.",
    )


MISHANDLINGS: dict[str, Callable[[Workspace, Planted, Any], None]] = {
    "stale_information": bad_stale,
    "wrong_ward_or_tier": bad_wrong_ward,
    "third_party_consent": bad_third_party,
    "duplicate": bad_duplicate,
    "oversharing": bad_oversharing,
    "complaint_as_enquiry": bad_complaint,
    "hidden_statutory": bad_statutory,
    "safeguarding": bad_safeguarding,
    "party_political": bad_party,
    "predetermination": bad_predetermination,
}


def test_the_table_covers_every_trap_in_the_registry() -> None:
    assert sorted(MISHANDLINGS) == TRAP_IDS
    assert sorted(TRAP_SPECS) == TRAP_IDS


@pytest.mark.parametrize("trap_id", TRAP_IDS)
def test_a_good_run_handles_the_trap_with_no_mistake(
    tmp_path: Path, planted: dict[str, Planted], trap_id: str
) -> None:
    where = planted[trap_id]
    ws = _workspace(tmp_path, where)
    try:
        model = ModelAnswer(ws, where.key)
        for _ in range(MAX_DAYS):
            for item in ws.state().unhandled_inbox():
                if item.data["pack_case"] == where.case_id:
                    model.intake(item)
            ref = ws.state().by_pack_case.get(where.case_id)
            if ref is not None:
                model.progress(ref)
                if ws.state().case(ref).status == "closed":
                    break
            advance(ws, 1)
        result, mistakes = _result(ws, where, trap_id)
        assert ws.state().case(result.case).status == "closed"
        assert result.status == "handled", result
        assert result.explanation
        assert mistakes == []
    finally:
        ws.close()


@pytest.mark.parametrize("trap_id", TRAP_IDS)
def test_a_mishandling_is_caught_explained_and_tied_to_its_criteria(
    tmp_path: Path, planted: dict[str, Planted], trap_id: str
) -> None:
    where = planted[trap_id]
    ws = _workspace(tmp_path, where)
    try:
        MISHANDLINGS[trap_id](ws, where, _arrived(ws, where.case_id))
        result, _ = _result(ws, where, trap_id)
        spec = TRAP_SPECS[trap_id]
        assert result.status == "mishandled", result
        assert result.explanation and result.details and all(result.details)
        assert result.source == spec["source"]
        assert result.criteria == tuple(spec["criteria"])
        assert result.label == spec["label"]
        text = coach(ws, where.key).text()
        assert f"Rule: {spec['source']}" in text
    finally:
        ws.close()


def test_a_case_not_yet_logged_is_not_reached(tmp_path: Path, planted: dict[str, Planted]) -> None:
    where = planted["safeguarding"]
    ws = _workspace(tmp_path, where)
    try:
        _arrived(ws, where.case_id)
        result, _ = _result(ws, where, "safeguarding")
        assert (result.status, result.case) == ("not_reached", None)
        assert "not been logged" in result.explanation
    finally:
        ws.close()


def test_a_trap_still_being_worked_is_in_progress(
    tmp_path: Path, planted: dict[str, Planted]
) -> None:
    where = planted["hidden_statutory"]
    ws = _workspace(tmp_path, where)
    try:
        ref = _log(
            ws,
            _arrived(ws, where.case_id),
            case_kind="member_enquiry",
            category=where.entry["category"],
        )
        result, _ = _result(ws, where, "hidden_statutory")
        assert (result.status, result.case) == ("in_progress", ref)
        assert any(d.startswith("Still to do:") for d in result.details)
    finally:
        ws.close()
