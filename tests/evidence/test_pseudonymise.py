"""Pseudonyms for real data: stable, consistent, and no real value left in text."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from casekit.evidence.pseudonymise import Pseudonymiser, needs_pseudonyms, pseudonymise
from casekit.record.log import Event

WORD = st.text(alphabet="abcdefghijklmnopqrstuvwxyz", min_size=4, max_size=9).map(str.title)
# Names whose words are all different: a shared surname is ambiguous by nature.
NAMES = st.lists(WORD, min_size=2, max_size=10, unique_by=str.casefold).map(
    lambda words: [f"{a} {b}" for a, b in zip(words[::2], words[1::2], strict=False)]
)


def _event(seq: int, kind: str, data: dict, personal: dict | None = None) -> Event:
    return Event(
        seq=seq,
        at="2026-03-02T09:00",
        kind=kind,
        case="CK-0001",
        actor="learner",
        data=data,
        personal=personal,
        hash=f"{seq:064x}",
        prev=f"{seq - 1:064x}",
    )


def _intake(seq: int, name: str, text: str) -> Event:
    return _event(
        seq,
        "enquiry_received",
        {"source": "entered"},
        {
            "constituent": {
                "name": name,
                "email": name.lower().replace(" ", ".") + "@example.org",
                "phone": "01509 222333",
                "address": "1 High Street",
                "postcode": "LE11 3AB",
            },
            "enquiry": text,
        },
    )


@given(
    NAMES,
    st.text(alphabet=" .,;!?-", max_size=20),
)
@settings(max_examples=150)
def test_no_real_value_survives_and_labels_are_stable(names: list[str], filler: str) -> None:
    events = [
        _intake(i + 1, n, f"{filler}I am {n}; call {n.split()[-1].upper()} on 01509 222333.")
        for i, n in enumerate(names)
    ]
    out, p = pseudonymise(events)
    assert out == pseudonymise(events)[0]
    labels = [e.personal["constituent"]["name"] for e in out]
    assert labels == [f"Constituent {chr(65 + i)}" for i in range(len(names))]
    for n, event in enumerate(out):
        text = event.personal["enquiry"]
        phone = event.personal["constituent"]["phone"]
        assert f"I am {labels[n]}; call {labels[n]} on {phone}." in text
        assert not p.reveals(text)
        for real in names:  # as a word: "Cons" may be inside "Constituent A"
            surname = re.escape(real.split()[-1])
            assert not re.search(rf"(?<!\w){surname}(?!\w)", text, re.IGNORECASE)
        constituent = event.personal["constituent"]
        assert constituent["postcode"] == "LE11"
        assert constituent["address"] == "[address withheld]"
        assert constituent["email"] == f"constituent.{chr(97 + n)}@example.invalid"
        assert constituent["phone"].startswith("01632 96")


def test_learners_own_details_are_kept() -> None:
    own = _event(1, "learner_details_recorded", {}, {"name": "Sam Learner"})
    signed = _event(2, "declaration_signed", {}, {"name": "Sam Learner"})
    out, p = pseudonymise([own, signed, _intake(3, "Aisha Okafor", "Hello")])
    assert out[0].personal["name"] == "Sam Learner" and out[1].personal["name"] == "Sam Learner"
    assert "Sam Learner" not in p.values


def test_which_logs_need_pseudonyms() -> None:
    synthetic = _event(1, "workspace_created", {"synthetic": True})
    from_pack = _event(2, "enquiry_received", {"source": "pack"})
    typed = _event(3, "enquiry_received", {"source": "entered"})
    assert not needs_pseudonyms([synthetic, from_pack])
    assert needs_pseudonyms([synthetic, from_pack, typed])
    assert needs_pseudonyms([_event(1, "workspace_created", {"synthetic": False})])
    assert Pseudonymiser().scrub("mail x.y@example.com") == "mail withheld@example.invalid"
