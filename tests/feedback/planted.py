"""Where each trap is planted, and a learner working that case through the API: shared by
the trap tests. Packs are generated, not stored: seeds and difficulties are searched in a
fixed order for a case that plants each trap (fewest traps first, so a test sees that trap
alone), once per test process.
"""

from __future__ import annotations

import json
import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from casekit import api
from casekit.scenarios.generate import generate, render
from casekit.scenarios.traps import registry

TRAPS_TOML = Path(__file__).resolve().parents[2] / "casekit" / "data" / "scenarios" / "traps.toml"
TRAP_SPECS = tomllib.loads(TRAPS_TOML.read_text(encoding="utf-8"))
TRAP_IDS = sorted(registry())
SEARCH = [(seed, difficulty) for seed in range(1, 40) for difficulty in ("intro", "standard")]
MAX_DAYS = 40
SAFEGUARDING = ("adult-safeguarding", "child-safeguarding")


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


@cache
def planted_cases() -> dict[str, Planted]:
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


class Learner:
    """One learner working the planted case through :mod:`casekit.api`."""

    def __init__(self, tmp_path: Path, where: Planted, trap_id: str) -> None:
        tmp_path.mkdir(parents=True, exist_ok=True)
        pack = tmp_path / "pack.json"
        pack.write_text(where.pack_text, encoding="utf-8")
        self.ws = api.new_workspace(tmp_path / "ws", pack=pack, learner="trap-test")
        self.where, self.trap_id = where, trap_id
        self.cw = api.actions(self.ws)
        self.ref = ""
        for _ in range(MAX_DAYS):
            self.item = next(
                (
                    e
                    for e in self.ws.state().inbox.values()
                    if e.data.get("pack_case") == where.case_id
                ),
                None,
            )
            if self.item is not None:
                break
            api.advance(self.ws, 1)
        assert self.item is not None, f"{where.case_id} never arrived"

    # -- what the key expects ---------------------------------------------------------
    @property
    def trap(self) -> dict[str, Any]:
        return self.where.trap(self.trap_id)

    def good(self, index: int, part: str, *path: str) -> Any:
        value: Any = self.trap["good"][index][part]
        for name in path:
            value = value[name]
        return value

    @property
    def writer(self) -> str:
        return str(self.item.personal["constituent"]["name"])

    # -- what the learner does --------------------------------------------------------
    def log(self, case_kind: str = "member_enquiry", on_behalf: str | None = None) -> str:
        item = self.item
        self.ref = self.cw.receive_enquiry(
            constituent=dict(item.personal["constituent"]),
            enquiry=item.personal["enquiry"],
            category=self.where.entry["category"],
            case_kind=case_kind,
            channel=item.data["channel"],
            member_id=item.data["member_id"],
            received_at=item.data["received_at"],
            on_behalf_of={"name": on_behalf, "relationship": "relative"} if on_behalf else None,
            inbox_item=item.data["timeline_item"],
        ).case_ref
        return self.ref

    def service(self) -> str:
        council = self.ws.state().council
        found = council.service_for(self.where.entry["category"])
        return found.id if found is not None else next(iter(council.services))

    def refer(self, question: str = "Please could you look into this problem.") -> None:
        self.cw.refer_to_service(self.ref, service=self.service(), question=question)

    def fact(self, topic: str, result: str | None, resolution: str = "") -> None:
        fact = self.cw.record_fact(self.ref, "What the council's record says", topic=topic)
        if result:
            self.cw.verify_fact(
                self.ref, fact, source="Council records", result=result, resolution=resolution
            )

    def reply(self, body: str, *, member: bool = True) -> None:
        """Draft in the member's style with ``body`` as the outcome, approved by the member
        (or, ``member=False``, recorded as approved by phone), and send it unchanged."""
        text = api.starting_draft(self.ws, self.ref, "full_reply", {"outcome": body})
        saved, _ = api.save_draft(self.ws, self.ref, letter_kind="full_reply", text=text)
        draft_id = saved.data["draft_id"]
        if member:
            _, decision = api.submit_for_approval(self.ws, self.ref, draft_id)
            assert decision.approved, decision.comments
        else:
            api.record_member_approval(
                self.ws,
                self.ref,
                draft_id,
                approved_by="the councillor",
                approved_at=self.ws.now,
                how="phone",
            )
        unsettled = self.ws.state().cases[self.ref].unsettled_facts()
        self.cw.send_reply(
            self.ref,
            text=text,
            draft_id=draft_id,
            unverified_reason="The constituent needed an answer today." if unsettled else "",
        )

    def close(self, reason: str = "Handled as far as it can be.") -> None:
        self.cw.close(self.ref, outcome="Closed.", reason=reason)

    def days(self, n: int) -> None:
        api.advance(self.ws, n)

    def result(self) -> Any:
        report = api.coach(self.ws, self.where.key)
        return next(
            t for t in report.traps if t.trap == self.trap_id and t.pack_case == self.where.case_id
        )


# -- what the key expects, for the tests' handlings -----------------------------------
def subject(L: Learner) -> str:
    return L.good(0, "consent_from")


def consent(L: Learner, given_by: str, **more: str) -> None:
    L.cw.record_consent(
        L.ref,
        recipient="council services",
        purpose="to look into the problem",
        evidence="" if more else "Signed consent form returned by email",
        given_by=given_by,
        **more,
    )


def route(L: Learner) -> str:
    return L.good(0, "where", "route_id", "eq")
