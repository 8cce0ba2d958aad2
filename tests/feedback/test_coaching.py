"""The coach's common mistakes (``casekit/data/coaching.toml``), the answer key reader, and
``casekit coach`` on the command line.

Each mistake is raised by a minimal scripted workspace and not raised by the good version of
the same script. The workspace is made from a one-case generated pack, so the enquiry arrives
through the inbox as a learner's would; service replies and chasers are appended as the
simulation appends them, on fixed days.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tomllib
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from casekit.api.workspaces import new_workspace
from casekit.casework.actions import Casework
from casekit.cli import main
from casekit.errors import CasekitError
from casekit.feedback.coaching import MAX_KEY_BYTES, coach, load_key
from casekit.record.workspace import Workspace
from casekit.scenarios.generate import generate, render
from casekit.scenarios.simclock import advance
from tests.approved import send_approved

ROOT = Path(__file__).resolve().parents[2]
MISTAKES = tomllib.loads((ROOT / "casekit" / "data" / "coaching.toml").read_text("utf-8"))
SEED = 3
LETTER = (
    "Thank you for contacting me about this. I have looked into the matter with the council "
    "and I am pleased to say that the service has agreed to put things right. An officer "
    "will be in touch within ten working days to arrange a visit, and you can contact my "
    "office at any time if you have any further questions about what happens next."
)


@pytest.fixture(scope="module")
def pack_files(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """A one-case intro pack and its answer key, written once for the module."""
    folder = tmp_path_factory.mktemp("pack")
    pack_text, key_text = render(*generate(SEED, 1, "intro"))
    (folder / "pack.json").write_text(pack_text, encoding="utf-8")
    (folder / "key.json").write_text(key_text, encoding="utf-8")
    return folder / "pack.json", folder / "key.json"


@pytest.fixture
def ws(tmp_path: Path, pack_files: tuple[Path, Path]) -> Any:
    workspace = new_workspace(tmp_path / "ws", pack=pack_files[0], learner="coach-test")
    try:
        yield workspace
    finally:
        workspace.close()


def _log(ws: Workspace) -> str:
    """Log the pack's enquiry on the day it arrives."""
    item = ws.state().unhandled_inbox()[0]
    return (
        Casework(ws)
        .receive_enquiry(
            constituent=dict(item.personal["constituent"]),
            enquiry=item.personal["enquiry"],
            category="housing",
            channel=item.data["channel"],
            member_id=item.data["member_id"],
            received_at=item.data["received_at"],
            inbox_item=item.data["timeline_item"],
        )
        .case_ref
    )


def _simulated(ws: Workspace, kind: str, ref: str, **data: Any) -> None:
    """A delivery the simulation makes (a chaser, a service's answer) on the case."""
    pack_case = ws.state().case(ref).pack_case
    ws.append(
        kind,
        {"pack_case": pack_case, "timeline_item": f"{pack_case}-{kind}", **data},
        personal={"text": "Any news on this please?"},
        actor="simulation",
    )


def _raised(ws: Workspace, mistake: str) -> list[Any]:
    return [m for m in coach(ws).mistakes if m.mistake == mistake]


def _service(ws: Workspace) -> str:
    return next(iter(ws.state().council.services))


def _assert_explained(found: list[Any], mistake: str) -> None:
    spec = MISTAKES["mistakes"][mistake]
    assert len(found) == 1, found
    assert (found[0].label, found[0].source, found[0].criterion) == (
        spec["label"],
        spec["source"],
        spec["criterion"],
    )
    assert found[0].message and found[0].advice == spec["advice"]


# -- unverified facts passed on -------------------------------------------------------
def test_a_reply_sent_over_an_unverified_fact_is_a_mistake(ws: Workspace) -> None:
    ref = _log(ws)
    cw = Casework(ws)
    fact = cw.record_fact(ref, "The repair was reported in December.", topic="tenancy")
    send_approved(ws, ref, "The repair is booked.", unverified_reason="Needed it today.")
    found = _raised(ws, "unverified_passed_on")
    _assert_explained(found, "unverified_passed_on")
    assert fact in found[0].message and "Needed it today" in found[0].message


def test_a_referral_before_verifying_is_a_mistake(ws: Workspace) -> None:
    ref = _log(ws)
    cw = Casework(ws)
    cw.record_fact(ref, "The repair was reported in December.", topic="tenancy")
    cw.refer_to_service(ref, service=_service(ws), question="Please look into the repair.")
    _assert_explained(_raised(ws, "unverified_passed_on"), "unverified_passed_on")
    message = _raised(ws, "unverified_passed_on")[0].message
    assert f"{ref}: the case was referred to a service while F" in message


def test_verified_facts_passed_on_are_no_mistake(ws: Workspace) -> None:
    ref = _log(ws)
    cw = Casework(ws)
    fact = cw.record_fact(ref, "The repair was reported in December.", topic="tenancy")
    cw.verify_fact(ref, fact, source="Housing repairs system", result="confirmed")
    cw.refer_to_service(ref, service=_service(ws), question="Please look into the repair.")
    send_approved(ws, ref, "The repair is booked.")
    assert _raised(ws, "unverified_passed_on") == []


# -- unlogged enquiry -----------------------------------------------------------------
def test_an_enquiry_left_unlogged_after_two_working_days_is_a_mistake(ws: Workspace) -> None:
    advance(ws, MISTAKES["mistakes"]["unlogged_enquiry"]["after_wd"])
    assert _raised(ws, "unlogged_enquiry") == []  # still within the allowed time
    advance(ws, 1)
    found = _raised(ws, "unlogged_enquiry")
    _assert_explained(found, "unlogged_enquiry")
    channel = next(iter(ws.state().inbox.values())).data["channel"]
    assert f" by {channel} has not been logged" in found[0].message


def test_a_logged_enquiry_is_no_mistake(ws: Workspace) -> None:
    _log(ws)
    advance(ws, 3)
    assert _raised(ws, "unlogged_enquiry") == []


# -- unanswered chaser ----------------------------------------------------------------
def test_a_chaser_with_nothing_logged_after_it_is_a_mistake(ws: Workspace) -> None:
    ref = _log(ws)
    _simulated(ws, "constituent_chased", ref, channel="email")
    advance(ws, 3)
    _assert_explained(_raised(ws, "unanswered_chaser"), "unanswered_chaser")


def test_a_chaser_answered_by_an_outbound_contact_is_no_mistake(ws: Workspace) -> None:
    ref = _log(ws)
    _simulated(ws, "constituent_chased", ref, channel="email")
    advance(ws, 1)
    Casework(ws).log_contact(
        ref,
        channel="phone",
        direction="outbound",
        party="constituent",
        summary="Called back with an update.",
    )
    advance(ws, 2)
    assert _raised(ws, "unanswered_chaser") == []


def test_an_inbound_contact_does_not_answer_a_chaser(ws: Workspace) -> None:
    ref = _log(ws)
    _simulated(ws, "constituent_chased", ref, channel="email")
    Casework(ws).log_contact(
        ref, channel="phone", direction="inbound", party="constituent", summary="They rang again."
    )
    advance(ws, 3)
    assert len(_raised(ws, "unanswered_chaser")) == 1


# -- unlogged service reply -----------------------------------------------------------
def test_a_service_reply_followed_by_any_logged_contact_is_acted_on(ws: Workspace) -> None:
    """Unlike a chaser, a service's reply is acted on by any contact logged after it,
    inbound too (the constituent rang and was told)."""
    ref = _log(ws)
    _simulated(ws, "service_replied", ref, service="S01", service_name="Housing Services")
    Casework(ws).log_contact(
        ref, channel="phone", direction="inbound", party="Constituent", summary="Told them."
    )
    advance(ws, 3)
    assert _raised(ws, "unlogged_service_reply") == []


def test_a_service_reply_not_acted_on_is_a_mistake(ws: Workspace) -> None:
    ref = _log(ws)
    _simulated(ws, "service_replied", ref, service="S01", service_name="Housing Services")
    advance(ws, 3)
    found = _raised(ws, "unlogged_service_reply")
    _assert_explained(found, "unlogged_service_reply")
    assert "Housing Services" in found[0].message


def test_a_service_reply_passed_on_is_no_mistake(ws: Workspace) -> None:
    ref = _log(ws)
    _simulated(ws, "service_replied", ref, service="S01", service_name="Housing Services")
    advance(ws, 1)
    send_approved(ws, ref, "The service has told me the repair is booked.")
    advance(ws, 2)
    assert _raised(ws, "unlogged_service_reply") == []


# -- no holding reply before a missed deadline ----------------------------------------
def test_a_missed_deadline_without_a_holding_reply_is_a_mistake(ws: Workspace) -> None:
    ref = _log(ws)
    due = ws.state().clocks(ws.state().case(ref))["respond"].due
    advance(ws, 11)
    found = _raised(ws, "no_holding_reply")
    _assert_explained(found, "no_holding_reply")
    assert due.isoformat() in found[0].message


def test_a_holding_reply_before_the_deadline_is_no_mistake(ws: Workspace) -> None:
    ref = _log(ws)
    advance(ws, 8)
    Casework(ws).send_holding_reply(
        ref, reason="The service has not replied yet.", new_date=date(2026, 2, 6)
    )
    advance(ws, 3)
    assert ws.now.date() > ws.state().clocks(ws.state().case(ref))["respond"].due
    assert _raised(ws, "no_holding_reply") == []


# -- the same text sent to different cases --------------------------------------------
def _second_case(ws: Workspace) -> tuple[str, str]:
    first = _log(ws)
    item = next(iter(ws.state().inbox.values()))
    second = (
        Casework(ws)
        .receive_enquiry(
            constituent={"name": "Priya Kettering", "postcode": "", "email": "pk@example.org"},
            enquiry="My bins have not been emptied for three weeks.",
            category="waste",
            channel="email",
            member_id=item.data["member_id"],
        )
        .case_ref
    )
    return first, second


def test_the_same_reply_sent_to_two_cases_is_a_mistake(ws: Workspace) -> None:
    first, second = _second_case(ws)
    send_approved(ws, first, LETTER)
    send_approved(ws, second, LETTER)
    found = _raised(ws, "same_text")
    _assert_explained(found, "same_text")
    assert first in found[0].message and second in found[0].message
    assert found[0].message.endswith(
        "the replies are 100% the same, though the cases are about housing and waste."
    )


def test_replies_adapted_to_each_case_are_no_mistake(ws: Workspace) -> None:
    first, second = _second_case(ws)
    send_approved(ws, first, LETTER)
    send_approved(
        ws,
        second,
        (
            "Thank you for telling me about the missed bin collections on your road. The waste "
            "team has checked the round sheets, found that your street was left off after the "
            "route change in January, and has put it back; a crew will empty your bins this "
            "Thursday, and a supervisor will check the next two collections himself."
        ),
    )
    assert _raised(ws, "same_text") == []


def test_a_short_note_is_too_short_to_count_as_the_same_text(ws: Workspace) -> None:
    first, second = _second_case(ws)
    send_approved(ws, first, "Thank you, this is now sorted.")
    send_approved(ws, second, "Thank you, this is now sorted.")
    assert _raised(ws, "same_text") == []


# -- the answer key -------------------------------------------------------------------
@pytest.mark.parametrize(
    "content",
    [
        b"not json at all",
        b"\xff\xfe\x00",
        b"[1, 2, 3]",
        b'{"pack_id": "x"}',
        b'{"cases": {"C001": {}}}',
        b'"key"',
    ],
)
def test_load_key_refuses_what_is_not_an_answer_key(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "key.json"
    path.write_bytes(content)
    with pytest.raises(CasekitError) as err:
        load_key(path)
    assert err.value.field == "key"


def test_load_key_refuses_a_huge_file_and_a_missing_one(tmp_path: Path) -> None:
    huge = tmp_path / "huge.json"
    huge.write_bytes(b'{"cases": [' + b" " * MAX_KEY_BYTES + b"]}")
    with pytest.raises(CasekitError, match="too large"):
        load_key(huge)
    with pytest.raises(CasekitError, match="no answer key"):
        load_key(tmp_path / "absent.json")


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    content=st.binary(max_size=200)
    | st.recursive(
        st.none() | st.booleans() | st.integers() | st.text(max_size=10),
        lambda inner: (
            st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=3)
        ),
        max_leaves=8,
    ).map(lambda v: json.dumps(v).encode())
)
def test_load_key_either_reads_a_key_or_raises_casekit_error(
    tmp_path: Path, content: bytes
) -> None:
    path = tmp_path / "any.json"
    path.write_bytes(content)
    try:
        key = load_key(path)
    except CasekitError:
        return
    assert isinstance(key, dict) and isinstance(key["cases"], list)


def test_coach_refuses_a_key_for_another_pack(ws: Workspace, pack_files: tuple[Path, Path]) -> None:
    other = json.loads(pack_files[1].read_text("utf-8"))
    other["pack_id"] = "standard-999"
    with pytest.raises(CasekitError, match="standard-999") as err:
        coach(ws, other)
    assert err.value.field == "key"
    assert coach(ws, pack_files[1]).traps  # its own key is accepted, as a path too


# -- the command line -----------------------------------------------------------------
def test_casekit_coach_prints_the_report_as_text_and_json(
    tmp_path: Path, pack_files: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    with new_workspace(tmp_path / "cli", pack=pack_files[0], learner="coach-test") as made:
        _log(made)
        advance(made, 1)
    assert main(["coach", str(tmp_path / "cli"), "--key", str(pack_files[1]), "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert set(report) == {"counts", "traps", "mistakes", "for_review"}
    assert report["counts"]["mistakes"] == len(report["mistakes"])
    assert report["counts"]["to_confirm"] == len(report["for_review"])
    statuses = ("handled", "mishandled", "missed", "for_review", "in_progress", "not_reached")
    assert len(report["traps"]) == sum(report["counts"][s] for s in statuses) >= 1
    # The shape the tutor's class summary reads: fields are added, never renamed.
    assert {"trap", "status", "case", "criteria", "explanation", "source"} <= set(
        report["traps"][0]
    )
    assert {"evidence", "events", "details"} <= set(report["traps"][0])
    assert main(["coach", str(tmp_path / "cli")]) == 0
    assert "mistakes" in capsys.readouterr().out.casefold()
    assert main(["coach", str(tmp_path / "cli"), "--key", str(tmp_path / "nope.json")]) == 2


@pytest.mark.slow
def test_the_benchmark_runs_tiny_and_prints_its_ratio() -> None:
    done = subprocess.run(
        [
            sys.executable,
            str(ROOT / "benchmarks" / "bench_coach.py"),
            "--cases",
            "6",
            "--repeat",
            "1",
        ],
        capture_output=True,
        text=True,
        timeout=240,
        cwd=ROOT,
    )
    assert done.returncode == 0, done.stderr
    assert "coach ratio:" in done.stdout and "read_sql ratio:" in done.stdout


@settings(max_examples=200, deadline=None)
@given(
    sets=st.lists(
        st.frozensets(st.sampled_from("abcdefghij"), min_size=1, max_size=8), max_size=12
    ),
    threshold=st.floats(min_value=0.05, max_value=1.0),
)
def test_candidate_pairs_never_miss_a_pair_that_reaches_the_threshold(
    sets: list[frozenset[str]], threshold: float
) -> None:
    """The same-text check compares only prefix-filtered candidates: it must find every pair
    that brute force finds."""
    from casekit.feedback.coaching.similarity import candidate_pairs

    candidates = set(candidate_pairs(sets, threshold))
    for j, b in enumerate(sets):
        for i, a in enumerate(sets[:j]):
            if len(a & b) / len(a | b) >= threshold:
                assert (i, j) in candidates
    assert all(i < j for i, j in candidates)


def test_the_same_answer_from_the_service_to_the_same_problem_is_not_one_size_fits_all():
    from casekit.feedback.coaching.similarity import same_answer
    from casekit.record.log import Event
    from casekit.record.projection import Case

    def case(ref: str, category: str, answer: str) -> Case:
        c = Case(
            ref=ref,
            kind="member_enquiry",
            category=category,
            member_id="M01",
            ward_id="W01",
            channel="email",
            received_at="2026-02-02T09:00",
            constituent={"name": ref},
            enquiry="",
        )
        c.service_replies.append(
            Event(
                seq=1,
                at="2026-02-03T09:00",
                kind="service_replied",
                case=None,
                actor="simulation",
                data={},
                personal={"text": answer},
                hash="",
                prev="",
            )
        )
        return c

    booked = "The repair is booked for Thursday."
    assert same_answer(case("CK-0001", "housing", booked), case("CK-0002", "housing", booked))
    assert not same_answer(
        case("CK-0001", "housing", booked), case("CK-0002", "housing", "We need to inspect first.")
    )
    assert not same_answer(case("CK-0001", "housing", booked), case("CK-0002", "waste", booked))
