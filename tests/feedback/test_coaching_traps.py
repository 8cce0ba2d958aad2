"""Every planted trap, table-driven, through the API on generated packs: for each trap at
least two good handlings done differently (judged ``handled``) and three kinds of
mishandling (judged ``mishandled`` or ``missed``, explained, with the trap's rule and
criteria), and where a judgement needs a person, ``for_review`` with the evidence. A good
run by the model answer handles each trap with no common mistake on its case; a trap on a
closed case is never "in progress".

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

from casekit import api
from casekit.record.workspace import Workspace
from casekit.scenarios.generate import generate, render
from casekit.scenarios.model_answer import ModelAnswer
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


@dataclass(frozen=True)
class Row:
    trap: str
    name: str
    act: Callable[[Learner], None]
    expect: str


ROWS: list[Row] = []


def row(trap: str, expect: str, name: str) -> Callable[[Callable[[Learner], None]], Any]:
    def add(act: Callable[[Learner], None]) -> Callable[[Learner], None]:
        ROWS.append(Row(trap, name, act, expect))
        return act

    return add


# -- stale information ----------------------------------------------------------------
@row("stale_information", "handled", "record type checked and found stale, then a reply")
def _(L: Learner) -> None:
    L.log()
    L.fact(L.good(0, "where", "fact", "in")[0], "stale", "Used the current position instead.")
    L.reply("I checked the council's records and have used the up-to-date position.")


@row("stale_information", "handled", "field found to differ, resolved, then a referral")
def _(L: Learner) -> None:
    L.log()
    L.fact(L.good(0, "where", "fact", "in")[2], "discrepancy", "The constituent is right.")
    L.refer()


@row("stale_information", "mishandled", "reply on the record, never verified")
def _(L: Learner) -> None:
    L.log()
    L.fact(L.good(0, "where", "fact", "in")[0], None)
    L.reply("The council's records show the position.")


@row("stale_information", "mishandled", "the stale record accepted as confirmed")
def _(L: Learner) -> None:
    L.log()
    L.fact(L.good(0, "where", "fact", "in")[0], "confirmed")
    L.reply("The council's records show the position.")


@row("stale_information", "mishandled", "checked only after replying")
def _(L: Learner) -> None:
    L.log()
    L.reply("The council's records show the position.")
    L.fact(L.good(0, "where", "fact", "in")[0], "stale", "Found afterwards.")


# -- wrong ward, council or tier -------------------------------------------------------
def signposts(L: Learner) -> list[str]:
    return L.good(1, "where", "text", "contains_any")


@row("wrong_ward_or_tier", "handled", "address checked, reply names who can help")
def _(L: Learner) -> None:
    L.log()
    L.fact("address", "discrepancy", "Lives outside the ward: signposted.")
    L.reply(f"This is a matter for {signposts(L)[0]}, who will be able to help you.")


@row("wrong_ward_or_tier", "handled", "responsibility confirmed, reply gives the other contact")
def _(L: Learner) -> None:
    L.log()
    L.fact("responsibility", "confirmed")
    L.reply(f"You can raise this with {signposts(L)[1]}; I have explained how to contact them.")


@row("wrong_ward_or_tier", "mishandled", "referred to a service without checking")
def _(L: Learner) -> None:
    L.log()
    L.refer()


@row("wrong_ward_or_tier", "missed", "checked, but replied without saying who can help")
def _(L: Learner) -> None:
    L.log()
    L.fact("address", "confirmed")
    L.reply("I have looked into this and will keep you informed.")
    L.close()


@row("wrong_ward_or_tier", "mishandled", "replied first, checked the address afterwards")
def _(L: Learner) -> None:
    L.log()
    L.reply(f"This is a matter for {signposts(L)[0]}.")
    L.fact("address", "discrepancy", "Outside the ward.")


# -- third party consent ----------------------------------------------------------------
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


@row("third_party_consent", "handled", "the person's own consent, then a referral")
def _(L: Learner) -> None:
    L.log(on_behalf=subject(L))
    consent(L, subject(L))
    L.refer()


@row("third_party_consent", "handled", "consent recorded under a title and full name")
def _(L: Learner) -> None:
    titled = f"Mx {subject(L)}"
    L.log(on_behalf=titled)
    consent(L, titled)
    L.refer()


@row("third_party_consent", "mishandled", "no consent at all before the referral")
def _(L: Learner) -> None:
    L.log()
    L.refer()


@row("third_party_consent", "mishandled", "consent from the letter's writer instead")
def _(L: Learner) -> None:
    L.log()
    consent(L, L.writer)
    L.refer()


@row("third_party_consent", "mishandled", "the person's consent only after the referral")
def _(L: Learner) -> None:
    L.log()
    L.refer()
    consent(L, subject(L))


@row("third_party_consent", "for_review", "a para 23(2) reason recorded instead of consent")
def _(L: Learner) -> None:
    L.log(on_behalf=subject(L))
    consent(
        L,
        subject(L),
        para_23_reason="cannot_give",
        explanation="They are in hospital and cannot be asked this week.",
    )
    L.refer()


# -- duplicate ----------------------------------------------------------------------------
def record(L: Learner) -> tuple[str, str]:
    wanted = L.good(0, "linked_to")
    found = next(r for r in L.item.personal["records"] if r["id"] == wanted)
    return wanted, found["fields"]["ref"]


@row("duplicate", "handled", "linked to the earlier record, then referred")
def _(L: Learner) -> None:
    L.log()
    L.cw.link_duplicate(L.ref, record(L)[0], reason="Same problem raised before.")
    L.refer()


@row("duplicate", "handled", "linked by the other member's reference, then closed")
def _(L: Learner) -> None:
    L.log()
    ref = record(L)[1]
    L.cw.link_duplicate(L.ref, f"{ref} (held by the other councillor)", reason="Same problem.")
    L.close("A duplicate of the case already in hand.")


@row("duplicate", "mishandled", "referred a second time without linking")
def _(L: Learner) -> None:
    L.log()
    L.refer()


@row("duplicate", "mishandled", "linked to an unrelated case, then referred")
def _(L: Learner) -> None:
    L.log()
    L.cw.link_duplicate(L.ref, "MC0001", reason="Looked similar.")
    L.refer()


@row("duplicate", "mishandled", "linked to an unrelated case and closed")
def _(L: Learner) -> None:
    L.log()
    L.cw.link_duplicate(L.ref, "MC0001", reason="Looked similar.")
    L.close("A duplicate.")


# -- oversharing ----------------------------------------------------------------------------
def special(L: Learner) -> str:
    enquiry = L.item.personal["enquiry"].casefold()
    return next(s for s in TRAP_SPECS["oversharing"]["specials"] if s.casefold() in enquiry)


@row("oversharing", "handled", "a reply with only what the constituent needs")
def _(L: Learner) -> None:
    L.log()
    L.reply("I have asked the council to look into the problem and will write again soon.")


@row("oversharing", "handled", "a reply saying nothing was passed on")
def _(L: Learner) -> None:
    L.log()
    L.reply(
        "I have kept your letter between us and the council service: nothing you told me "
        "about your health has been passed to anyone else."
    )


@row("oversharing", "mishandled", "the referral passes on their health")
def _(L: Learner) -> None:
    L.log()
    L.refer(f"Please look into the problem. The constituent has {special(L)}.")


@row("oversharing", "mishandled", "the reply copies another member in")
def _(L: Learner) -> None:
    L.log()
    L.reply("I have looked into this for you.\n\ncc: Councillor Jane Patel", member=False)


@row("oversharing", "mishandled", "the reply forwards their health to another member")
def _(L: Learner) -> None:
    L.log()
    L.reply(
        f"I have forwarded your letter, with what you told me about your {special(L)}, to "
        "Councillor Jane Patel.",
        member=False,
    )


# -- complaint dressed as an enquiry ---------------------------------------------------------
def true_kind(L: Learner) -> str:
    return L.where.entry["true_kind"]


@row("complaint_as_enquiry", "handled", "logged as its true kind")
def _(L: Learner) -> None:
    L.log(case_kind=true_kind(L))


@row("complaint_as_enquiry", "handled", "logged as its true kind, acknowledged and answered")
def _(L: Learner) -> None:
    L.log(case_kind=true_kind(L))
    L.cw.acknowledge(L.ref, owner="the complaints team")
    L.reply("Your concerns are being looked at under the council's procedure.")


@row("complaint_as_enquiry", "mishandled", "logged as a member enquiry")
def _(L: Learner) -> None:
    L.log()


@row("complaint_as_enquiry", "mishandled", "logged as the other kind of request")
def _(L: Learner) -> None:
    L.log(case_kind="service_request" if true_kind(L) == "complaint" else "complaint")


@row("complaint_as_enquiry", "mishandled", "logged as an information request")
def _(L: Learner) -> None:
    L.log(case_kind="foi")


# -- a hidden statutory request ----------------------------------------------------------------
def clock(L: Learner) -> str:
    return L.good(0, "where", "clock", "eq")


def pass_on(L: Learner) -> None:
    L.cw.escalate(L.ref, route_id="information-request", reason="A statutory request inside.")


@row("hidden_statutory", "handled", "clock started the day it arrived, passed on")
def _(L: Learner) -> None:
    L.log()
    L.cw.start_clock(L.ref, clock(L))
    pass_on(L)


@row("hidden_statutory", "handled", "clock started on working day 2, the last in time")
def _(L: Learner) -> None:
    L.log()
    L.days(2)
    L.cw.start_clock(L.ref, clock(L))
    pass_on(L)


@row("hidden_statutory", "missed", "never started, three working days on")
def _(L: Learner) -> None:
    L.log()
    L.days(3)


@row("hidden_statutory", "mishandled", "started on working day 3, too late")
def _(L: Learner) -> None:
    L.log()
    L.days(3)
    L.cw.start_clock(L.ref, clock(L))
    pass_on(L)


@row("hidden_statutory", "mishandled", "closed with the request unanswered")
def _(L: Learner) -> None:
    L.log()
    L.close("Nothing for the member to do.")


# -- safeguarding ----------------------------------------------------------------------------------
def route(L: Learner) -> str:
    return L.good(0, "where", "route_id", "eq")


@row("safeguarding", "handled", "escalated at once by the right route")
def _(L: Learner) -> None:
    L.log()
    L.cw.escalate(L.ref, route_id=route(L), reason="Safeguarding concern in the enquiry.")


@row("safeguarding", "handled", "acknowledged and checked first, escalated later that day")
def _(L: Learner) -> None:
    L.log()
    L.cw.acknowledge(L.ref, owner="the casework team")
    L.fact("address", "confirmed")
    L.cw.escalate(L.ref, route_id=route(L), reason="The neighbour described may be at risk.")


@row("safeguarding", "missed", "not escalated; the next day comes")
def _(L: Learner) -> None:
    L.log()
    L.days(1)


@row("safeguarding", "mishandled", "escalated the same day by the other person's route")
def _(L: Learner) -> None:
    L.log()
    other = next(r for r in SAFEGUARDING if r != route(L))
    L.cw.escalate(L.ref, route_id=other, reason="Safeguarding concern.")


@row("safeguarding", "mishandled", "the right route, but the next working day")
def _(L: Learner) -> None:
    L.log()
    L.days(1)
    L.cw.escalate(L.ref, route_id=route(L), reason="Safeguarding concern.")


# -- party political wording -----------------------------------------------------------------
@row("party_political", "handled", "a factual reply the member approved")
def _(L: Learner) -> None:
    L.log()
    L.reply(
        "The council's service has dealt with the problem, and the work was paid for from "
        "this year's maintenance budget agreed by full council."
    )


@row("party_political", "handled", "a neutral reply naming an independent engineer")
def _(L: Learner) -> None:
    L.log()
    L.reply("An independent drainage engineer will inspect the site next week.")


@row("party_political", "mishandled", "credit to a party")
def _(L: Learner) -> None:
    L.log()
    L.reply("This was sorted out thanks to the Liberal Democrats, as promised.", member=False)


@row("party_political", "mishandled", "blame on another party's group")
def _(L: Learner) -> None:
    L.log()
    L.reply("The Conservative group voted against the funding for this.", member=False)


@row("party_political", "mishandled", "indirect campaigning about the administration")
def _(L: Learner) -> None:
    L.log()
    L.reply(
        "Since the change of leadership at County Hall, people who actually care are in "
        "charge, and the problem is fixed.",
        member=False,
    )


# -- planning predetermination -----------------------------------------------------------------
@row("predetermination", "handled", "open mind until the committee, how to comment")
def _(L: Learner) -> None:
    L.log()
    L.reply(
        "As a member of the planning committee I must keep an open mind until the committee "
        "hears the application, so I cannot say how I will vote. You can comment on the "
        "application online."
    )


@row("predetermination", "handled", "cannot promise either way, negation respected")
def _(L: Learner) -> None:
    L.log()
    L.reply(
        "I cannot promise to vote either way on this application: I must keep an open mind "
        "until the committee meets. Please send your comments to the planning team."
    )


@row("predetermination", "mishandled", "will vote against")
def _(L: Learner) -> None:
    L.log()
    L.reply("I share your view and I will vote against the application.", member=False)


@row("predetermination", "mishandled", "will oppose at committee")
def _(L: Learner) -> None:
    L.log()
    L.reply("I will oppose this application at the committee.", member=False)


@row("predetermination", "mishandled", "a promise of a vote")
def _(L: Learner) -> None:
    L.log()
    L.reply("I promise to vote against the application when it comes up.", member=False)


@row("predetermination", "mishandled", "a commitment without the word 'vote'")
def _(L: Learner) -> None:
    L.log()
    L.reply("You have my word. I will make sure it is refused.", member=False)


@row("predetermination", "for_review", "no commitment, but no open mind either")
def _(L: Learner) -> None:
    L.log()
    L.reply("The planning team will write to you about the application and the next steps.")


def test_the_table_covers_every_trap_two_good_ways_and_three_bad_ones() -> None:
    assert sorted(TRAP_SPECS) == TRAP_IDS
    for trap in TRAP_IDS:
        rows = [r for r in ROWS if r.trap == trap]
        assert sum(r.expect == "handled" for r in rows) >= 2, trap
        assert sum(r.expect in ("mishandled", "missed") for r in rows) >= 3, trap


@pytest.mark.parametrize("case", ROWS, ids=[f"{r.trap}: {r.name}" for r in ROWS])
def test_each_handling_is_judged_from_what_the_learner_did(
    tmp_path: Path, planted: dict[str, Planted], case: Row
) -> None:
    learner = Learner(tmp_path, planted[case.trap], case.trap)
    try:
        case.act(learner)
        result = learner.result()
        spec = TRAP_SPECS[case.trap]
        assert result.status == case.expect, result
        assert (result.source, result.criteria, result.label) == (
            spec["source"],
            tuple(spec["criteria"]),
            spec["label"],
        )
        assert result.case == learner.ref and result.explanation
        if case.expect != "handled":
            assert result.details and all(result.details)
        if case.expect == "for_review":
            assert result.evidence and all(d.startswith("For your tutor") for d in result.details)
    finally:
        learner.ws.close()


def test_judgement_evidence_names_whose_consent_and_which_words(
    tmp_path: Path, planted: dict[str, Planted]
) -> None:
    learner = Learner(tmp_path / "a", planted["third_party_consent"], "third_party_consent")
    try:
        learner.log()
        consent(learner, learner.writer)
        learner.refer()
        result = learner.result()
        assert any(learner.writer in e and subject(learner) in e for e in result.evidence)
    finally:
        learner.ws.close()
    learner = Learner(tmp_path / "b", planted["party_political"], "party_political")
    try:
        learner.log()
        learner.reply("The Conservative group voted against the funding.", member=False)
        result = learner.result()
        assert any("Conservative group" in e for e in result.evidence)
        assert learner.ws.state().cases[learner.ref].replies[0].seq in result.events
    finally:
        learner.ws.close()


@pytest.mark.parametrize("trap_id", TRAP_IDS)
def test_a_trap_on_a_closed_case_is_never_in_progress(
    tmp_path: Path, planted: dict[str, Planted], trap_id: str
) -> None:
    learner = Learner(tmp_path, planted[trap_id], trap_id)
    try:
        learner.log()
        assert learner.result().status in ("in_progress", "handled", "mishandled", "missed")
        learner.close()
        assert learner.result().status in ("handled", "mishandled", "missed")
    finally:
        learner.ws.close()


def test_a_case_not_yet_logged_is_not_reached(tmp_path: Path, planted: dict[str, Planted]) -> None:
    learner = Learner(tmp_path, planted["safeguarding"], "safeguarding")
    try:
        result = learner.result()
        assert (result.status, result.case) == ("not_reached", None)
        assert "not been logged" in result.explanation
    finally:
        learner.ws.close()


def test_a_trap_still_being_worked_is_in_progress(
    tmp_path: Path, planted: dict[str, Planted]
) -> None:
    learner = Learner(tmp_path, planted["hidden_statutory"], "hidden_statutory")
    try:
        learner.log()
        result = learner.result()
        assert (result.status, result.case) == ("in_progress", learner.ref)
        assert any(d.startswith("Still to do:") for d in result.details)
    finally:
        learner.ws.close()


@pytest.mark.parametrize("trap_id", TRAP_IDS)
def test_a_good_run_handles_the_trap_with_no_mistake(
    tmp_path: Path, planted: dict[str, Planted], trap_id: str
) -> None:
    where = planted[trap_id]
    pack = tmp_path / "pack.json"
    pack.write_text(where.pack_text, encoding="utf-8")
    ws: Workspace = api.new_workspace(tmp_path / "ws", pack=pack, learner="trap-test")
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
            api.advance(ws, 1)
        report = api.coach(ws, where.key)
        result = next(t for t in report.traps if t.trap == trap_id and t.pack_case == where.case_id)
        assert ws.state().case(result.case).status == "closed"
        assert result.status == "handled", result
        assert [m for m in report.mistakes if m.case == result.case] == []
        assert report.for_review == []
    finally:
        ws.close()


def test_a_missed_safeguarding_concern_lowers_the_simulated_satisfaction(
    tmp_path: Path, planted: dict[str, Planted]
) -> None:
    """With the tutor's key, the member and the constituent mark down a case whose
    safeguarding concern was never escalated, however quickly it was answered."""
    scores = {}
    for handling in ("escalated", "missed"):
        learner = Learner(tmp_path / handling, planted["safeguarding"], "safeguarding")
        try:
            learner.log()
            if handling == "escalated":
                learner.cw.escalate(learner.ref, route_id=route(learner), reason="At risk.")
            learner.cw.acknowledge(learner.ref, owner="the casework team")
            learner.days(1)
            learner.reply("I have looked into the problem and the council will put it right.")
            for who in ("constituent", "member"):
                api.request_feedback(learner.ws, learner.ref, who)
            answers = api.simulate_answers(learner.ws, learner.ref, learner.where.key)
            scores[handling] = {a.data["stakeholder"]: a.data for a in answers}
        finally:
            learner.ws.close()
    for who in ("constituent", "member"):
        missed, kept = scores["missed"][who], scores["escalated"][who]
        assert "missed_safeguarding" in missed["reasons"] and missed["low"], missed
        assert "missed_safeguarding" not in kept["reasons"] and kept["score"] >= 4, kept


def test_a_safeguarding_escalation_the_key_does_not_expect_is_for_the_tutor(
    tmp_path: Path, planted: dict[str, Planted]
) -> None:
    """On a case with no planted disclosure, a safeguarding escalation is not counted as a
    mistake (something in the enquiry may have warranted it): the tutor is asked to look."""
    learner = Learner(tmp_path / "none", planted["duplicate"], "duplicate")
    try:
        learner.log()
        learner.cw.escalate(learner.ref, route_id="adult-safeguarding", reason="Worried.")
        report = api.coach(learner.ws, learner.where.key)
        [review] = [r for r in report.for_review if r.kind == "escalation-without-disclosure"]
        assert review.case == learner.ref and review.criterion == "AC5"
        assert "for your tutor to review" in review.message
        assert not [m for m in report.mistakes if m.case == learner.ref]
    finally:
        learner.ws.close()
    learner = Learner(tmp_path / "planted", planted["safeguarding"], "safeguarding")
    try:
        learner.log()
        learner.cw.escalate(learner.ref, route_id=route(learner), reason="At risk.")
        assert api.coach(learner.ws, learner.where.key).for_review == []
    finally:
        learner.ws.close()
