"""Starting drafts: every kind, in every member's style, passes completeness and neutrality,
opens and closes the way the member does, and says what it needs when a field is missing."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from casekit.drafting import LETTER_KINDS, check_draft, render_letter
from casekit.drafting.letters import first_person, format_date
from casekit.errors import CasekitError
from casekit.rules.profile import load_profile

LETTERS = Path(__file__).parents[1] / "data" / "letters"
PEOPLE = json.loads((LETTERS / "people.json").read_text())
PROFILE = load_profile("default")
MEMBERS = PEOPLE["members"]


def render(kind: str, member: dict[str, Any], **changes: Any) -> str:
    case = PEOPLE["case"] | changes.pop("case", {})
    extra = PEOPLE["extra"] | changes.pop("extra", {})
    return render_letter(
        kind, member=member, case=case, constituent=PEOPLE["constituent"], extra=extra
    )


def reader(kind: str, member: dict[str, Any]) -> Any:
    if kind == "member_update":
        return {"name": member["name"], "role": "member"}
    if kind == "referral":
        return {"name": PEOPLE["extra"]["officer"], "role": "service"}
    return PEOPLE["constituent"]


@pytest.mark.parametrize("member_key", sorted(MEMBERS))
@pytest.mark.parametrize("kind", LETTER_KINDS)
def test_every_kind_passes_completeness_and_neutrality(kind: str, member_key: str) -> None:
    member = MEMBERS[member_key]
    text = render(kind, member)
    for pre_election in (False, True):
        findings = check_draft(
            text,
            profile=PROFILE,
            member=member,
            case=PEOPLE["case"],
            recipient=reader(kind, member),
            pre_election=pre_election,
            consents=[PEOPLE["extra"]["officer"]],
        )
        assert [f for f in findings if f.kind in ("completeness", "neutrality")] == []
        # and nothing else above advice: the draft is safe and in the member's style
        assert [f for f in findings if f.above_advice] == []
    assert PEOPLE["case"]["ref"] in text


@pytest.mark.parametrize("kind", ["acknowledgement", "holding_reply", "full_reply", "signposting"])
def test_constituent_letters_open_and_close_in_the_members_words(kind: str) -> None:
    shah, evans, khan = MEMBERS["shah"], MEMBERS["evans"], MEMBERS["khan"]
    assert "Dear Mrs Patel," in render(kind, shah) and "Yours sincerely," in render(kind, shah)
    assert "Hello Asha," in render(kind, evans) and "Best wishes," in render(kind, evans)
    assert "Dear Asha," in render(kind, khan) and "Kind regards," in render(kind, khan)
    assert "I will keep pressing until this is put right." in render(kind, shah)


def test_register_differs_by_formality() -> None:
    formal = render("acknowledgement", MEMBERS["shah"])
    warm = render("acknowledgement", MEMBERS["evans"])
    plain = render("acknowledgement", MEMBERS["khan"])
    assert len({formal, warm, plain}) == 3
    assert "Thank you so much" in warm and "Thanks for contacting me" in plain


def test_stance_on_the_council_matter_is_in_the_members_voice() -> None:
    text = render("full_reply", MEMBERS["shah"])
    assert "On housing, I want faster repairs" in text
    assert "you want faster repairs" in render("member_update", MEMBERS["shah"])
    assert "faster repairs" not in render("full_reply", MEMBERS["khan"])


def test_holding_reply_gives_the_reason_and_the_new_date() -> None:
    text = render("holding_reply", MEMBERS["shah"])
    assert "the contractor's survey is not back yet" in text
    assert "Wednesday 14 January 2026" in text


def test_contact_follows_the_preferred_channel() -> None:
    assert "email me at priya.shah@council.example.gov.uk" in render("full_reply", MEMBERS["shah"])
    assert "call me on 01632 960999" in render("full_reply", MEMBERS["evans"])
    assert "write to me at the council offices" in render("full_reply", MEMBERS["khan"])


def test_unknown_title_falls_back_to_the_full_name() -> None:
    text = render_letter(
        "acknowledgement",
        member=MEMBERS["shah"],
        case=PEOPLE["case"],
        constituent={"name": "Asha Patel"},
        extra=PEOPLE["extra"],
    )
    assert "Dear Asha Patel," in text


@pytest.mark.parametrize(
    ("kind", "where", "key"),
    [
        ("acknowledgement", "case", "owner"),
        ("holding_reply", "extra", "new_date"),
        ("referral", "extra", "service"),
        ("member_update", "extra", "progress"),
        ("full_reply", "extra", "outcome"),
        ("signposting", "extra", "organisation"),
        ("full_reply", "case", "ref"),
        ("full_reply", "case", "summary"),
    ],
)
def test_missing_fields_are_named(kind: str, where: str, key: str) -> None:
    case, extra = dict(PEOPLE["case"]), dict(PEOPLE["extra"])
    (case if where == "case" else extra).pop(key)
    with pytest.raises(CasekitError) as err:
        render_letter(
            kind, member=MEMBERS["shah"], case=case, constituent=PEOPLE["constituent"], extra=extra
        )
    assert err.value.field == f"{where}.{key}"


def test_no_date_at_all_is_refused() -> None:
    case = {k: v for k, v in PEOPLE["case"].items() if k != "due"}
    with pytest.raises(CasekitError) as err:
        render_letter(
            "acknowledgement",
            member=MEMBERS["shah"],
            case=case,
            constituent=PEOPLE["constituent"],
            extra={},
        )
    assert err.value.field == "case.due"


def test_unknown_kind_and_formality_are_refused() -> None:
    with pytest.raises(CasekitError) as err:
        render("apology", MEMBERS["shah"])
    assert err.value.field == "kind"
    odd = MEMBERS["shah"] | {"style": MEMBERS["shah"]["style"] | {"formality": "chatty"}}
    with pytest.raises(CasekitError) as err:
        render("acknowledgement", odd)
    assert err.value.field == "member.style.formality"


def test_dates_and_first_person() -> None:
    assert format_date(dt.date(2026, 1, 7)) == "Wednesday 7 January 2026"
    assert format_date("2026-01-07") == "Wednesday 7 January 2026"
    assert format_date("within 10 working days") == "within 10 working days"
    assert first_person("wants faster repairs") == "want faster repairs"
    assert first_person("pushes for more buses") == "push for more buses"
    assert first_person("is against the closure") == "am against the closure"
    assert first_person("supports more council homes") == "support more council homes"
    assert first_person("") == ""


def test_a_full_reply_renders_as_its_golden_file(golden: Callable[[str, str], None]) -> None:
    """The whole letter, pinned: a changed greeting, sign-off or paragraph shows here."""
    golden("letters/full_reply_evans.txt", render("full_reply", MEMBERS["evans"]))


def test_importing_drafting_does_not_import_jinja2() -> None:
    code = "import casekit.drafting, sys; print('jinja2' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_scenario_pack_members_are_understood() -> None:
    """Packs say formal/neutral/informal, ``phrases`` and ``{first}``."""
    informal, formal = MEMBERS["pack_informal"], MEMBERS["pack_formal"]
    text = render("full_reply", informal)
    assert "Hi Asha," in text and "Thanks again," in text
    assert "I press for more social housing in the ward" in text
    assert "I'll keep chasing until it's sorted." in text
    assert "Thank you for your patience" in text  # informal writes in the warm register
    text = render("full_reply", formal)
    assert "Dear Mrs Patel," in text and ",," not in text
    assert "I focus on value for money" in text
    assert formal["party"] not in text and informal["party"] not in render("referral", informal)


@settings(max_examples=60, deadline=None)
@given(
    summary=st.text(min_size=1, max_size=80),
    outcome=st.text(min_size=1, max_size=120),
    name=st.text(max_size=30),
    kind=st.sampled_from(LETTER_KINDS),
)
def test_render_never_fails_on_any_text(summary: str, outcome: str, name: str, kind: str) -> None:
    try:
        text = render_letter(
            kind,
            member=MEMBERS["evans"],
            case=PEOPLE["case"] | {"summary": summary},
            constituent={"name": name},
            extra=PEOPLE["extra"] | {"outcome": outcome},
        )
    except CasekitError as err:
        assert err.field in ("case.summary", "extra.outcome")  # blank text is refused
        return
    assert PEOPLE["case"]["ref"] in text and text.endswith("\n")
