"""Every planted trap, table-driven, through the API on generated packs: for each trap at
least two good handlings done differently (judged ``handled``) and three kinds of
mishandling (judged ``mishandled`` or ``missed``, explained, with the trap's rule and
criteria), and where a judgement needs a person, ``for_review`` with the evidence.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from tests.feedback.planted import (
    SAFEGUARDING,
    TRAP_IDS,
    TRAP_SPECS,
    Learner,
    Planted,
    consent,
    route,
    subject,
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


@row("stale_information", "mishandled", "referred to a service on the record, unchecked")
def _(L: Learner) -> None:
    L.log()
    L.refer()


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
