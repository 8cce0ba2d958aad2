"""Loading a pack into a workspace and driving it with the simulation clock."""

from __future__ import annotations

import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

from casekit.api.workspaces import new_workspace
from casekit.errors import CasekitError
from casekit.record.workspace import Workspace
from casekit.scenarios.generate import generate
from casekit.scenarios.loader import load_pack
from casekit.scenarios.pack import write_json
from casekit.scenarios.simclock import DELIVERY_KINDS, advance
from tests.approved import send_approved

KINDS = list(DELIVERY_KINDS.values())


@pytest.fixture
def pack_file(tmp_path: Path) -> Path:
    pack, _ = generate(202, 6, "standard", learner="clock")
    return write_json(tmp_path / "pack.json", pack)


def _items(pack_file: Path) -> dict[str, dict]:
    import json

    pack = json.loads(pack_file.read_text())
    return {item["id"]: item for case in pack["cases"] for item in case["timeline"]}


def _delivered(ws: Workspace) -> Counter:
    return Counter(e.data["timeline_item"] for e in ws.events(kinds=KINDS))


def test_loading_records_the_council_and_pack_and_delivers_day_zero(tmp_path, pack_file):
    ws = new_workspace(tmp_path / "ws", pack=pack_file, learner="clock")
    kinds = [e.kind for e in ws.events()]
    assert kinds[:3] == ["workspace_created", "council_defined", "pack_loaded"]
    loaded = ws.events(kinds=["pack_loaded"])[0]
    assert loaded.data["pack_id"] == "standard-202-clock"
    assert len(loaded.data["sha256"]) == 64
    day0 = {i for i, item in _items(pack_file).items() if item["due_wd"] == 0}
    assert set(_delivered(ws)) == day0 and day0
    assert (tmp_path / "ws" / "pack.json").read_bytes() == pack_file.read_bytes()
    inbox = ws.events(kinds=["inbox_item_delivered"])[0]
    assert inbox.personal["constituent"]["postcode"] and inbox.personal["enquiry"]
    assert "true_kind" not in str(inbox.data) and "traps" not in str(inbox.personal)
    ws.close()


def test_a_second_pack_is_refused(tmp_path, pack_file):
    ws = new_workspace(tmp_path / "ws", pack=pack_file)
    before = len(ws.events())
    with pytest.raises(CasekitError, match="already has a scenario pack"):
        load_pack(ws, pack_file)
    assert len(ws.events()) == before
    ws.close()


def test_a_broken_pack_writes_nothing(tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text('{"schema_version": 1, "cases": []}')
    ws = Workspace.create(tmp_path / "ws", start=None, secret_seed="x")
    with pytest.raises(CasekitError):
        load_pack(ws, bad)
    assert [e.kind for e in ws.events()] == ["workspace_created"]
    assert not (tmp_path / "ws" / "pack.json").exists()
    ws.close()


def test_advancing_delivers_each_item_once_on_its_day(tmp_path, pack_file):
    ws = new_workspace(tmp_path / "ws", pack=pack_file)
    items = _items(pack_file)
    day = 0
    for step in (1, 2, 3, 5, 10, 20):
        result = advance(ws, step)
        day += step
        for event in result.delivered:
            assert items[event.data["timeline_item"]]["due_wd"] <= day
        delivered = _delivered(ws)
        # Nobody referred a case to a service here, so no service replies.
        expected = {
            i
            for i, item in items.items()
            if item["due_wd"] <= day and item["type"] != "service_reply"
        }
        assert set(delivered) == expected
        assert max(delivered.values()) == 1
    clock_to = ws.events(kinds=["clock_advanced"])[-1].data["to"]
    assert ws.now.date().isoformat() == clock_to[:10]
    times = [e.at for e in ws.events()]
    assert times == sorted(times), "the log's times never run backwards"
    ws.close()


def test_clock_moves_by_working_days_over_weekends(tmp_path, pack_file):
    ws = new_workspace(tmp_path / "ws", pack=pack_file)  # starts Mon 2 Feb 2026
    advance(ws, 5)
    assert ws.now.date().isoformat() == "2026-02-09"
    ws.close()


@pytest.mark.parametrize("days", [0, -1, 1000, "3", True])
def test_bad_day_counts_are_refused(tmp_path, pack_file, days):
    ws = new_workspace(tmp_path / "ws", pack=pack_file)
    with pytest.raises(CasekitError, match="days"):
        advance(ws, days)
    ws.close()


def test_service_replies_reach_the_learners_case(tmp_path, pack_file):
    from casekit.casework.actions import Casework

    ws = new_workspace(tmp_path / "ws", pack=pack_file)
    items = _items(pack_file)
    replied = {i["id"].split("-")[0] for i in items.values() if i["type"] == "service_reply"}
    work = Casework(ws)
    for _ in range(30):  # the learner logs each enquiry on the day it arrives
        for event in ws.state().unhandled_inbox():
            work.receive_enquiry(
                constituent=event.personal["constituent"],
                enquiry=event.personal["enquiry"],
                category="housing",
                member_id=event.data["member_id"],
                channel=event.data["channel"],
                received_at=event.data["received_at"],
                inbox_item=event.data["timeline_item"],
            )
        for case in ws.state().open_cases():  # and refers it to the service
            if not case.referrals and case.pack_case in replied:
                work.refer_to_service(case.ref, service="S01", question="Please look into this.")
        advance(ws, 1)
    cases = {c.pack_case: c for c in ws.state().cases.values()}
    assert replied and set(cases) >= replied
    for pack_case in replied:
        assert cases[pack_case].service_replies, pack_case
    ws.close()


@pytest.mark.slow
def test_a_service_replies_only_when_asked_and_a_replied_case_is_not_chased(tmp_path, pack_file):
    from casekit.casework.actions import Casework

    ws = new_workspace(tmp_path / "ws", pack=pack_file)
    work = Casework(ws)
    advance(ws, 40)  # everything that can arrive without the learner has arrived
    kinds = {e.kind for e in ws.events()}
    assert "service_replied" not in kinds
    ws.close()

    ws = new_workspace(tmp_path / "ws2", pack=pack_file)
    work = Casework(ws)
    items = _items(pack_file)
    first = ws.state().unhandled_inbox()[0]
    pack_case = first.data["pack_case"]
    ref = work.receive_enquiry(
        constituent=first.personal["constituent"],
        enquiry=first.personal["enquiry"],
        category="housing",
        member_id=first.data["member_id"],
        channel=first.data["channel"],
        inbox_item=first.data["timeline_item"],
    ).case_ref
    send_approved(ws, ref, "Here is the full answer to your enquiry.")
    advance(ws, 40)
    chased = [
        e for e in ws.events(kinds=["constituent_chased"]) if e.data["pack_case"] == pack_case
    ]
    assert not chased
    assert any(i["type"] == "constituent_chase" for i in items.values())
    ws.close()


@pytest.mark.slow
def test_two_processes_advancing_at_once_deliver_each_item_exactly_once(tmp_path, pack_file):
    ws = new_workspace(tmp_path / "ws", pack=pack_file)
    ws.close()
    command = [sys.executable, "-m", "casekit", "advance", str(tmp_path / "ws"), "--days", "1"]
    procs = [
        subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        for _ in range(2)
        for _ in range(3)
    ]
    for proc in procs:
        _, err = proc.communicate(timeout=120)
        assert proc.returncode == 0, err
    ws = Workspace.open(tmp_path / "ws")
    delivered = _delivered(ws)
    assert max(delivered.values()) == 1
    assert sum(e.data["working_days"] for e in ws.events(kinds=["clock_advanced"])) == 6
    items = _items(pack_file)
    assert set(delivered) == {i for i, item in items.items() if item["due_wd"] <= 6}
    assert ws.verify() == []
    ws.close()


def _log_case(ws: Workspace, pack_case: str):
    from casekit.casework.actions import Casework

    work = Casework(ws)
    event = next(
        e for e in ws.events(kinds=["inbox_item_delivered"]) if e.data["pack_case"] == pack_case
    )
    work.receive_enquiry(
        constituent=event.personal["constituent"],
        enquiry=event.personal["enquiry"],
        category="housing",
        member_id=event.data["member_id"],
        channel=event.data["channel"],
        received_at=event.data["received_at"],
        inbox_item=event.data["timeline_item"],
    )
    return work, next(c.ref for c in ws.state().cases.values() if c.pack_case == pack_case)


def test_the_coaching_module_can_judge_a_trap_from_the_key(tmp_path: Path):
    """The key's expectations are checkable: consent first is handled, no consent is not."""
    from casekit.feedback.coaching import coach

    pack, key = generate(202, 10, "standard")
    entry = next(
        e for e in key["cases"] if any(t["trap"] == "third_party_consent" for t in e["traps"])
    )
    pack_file = write_json(tmp_path / "pack.json", pack)
    service = pack["council"]["services"][0]["id"]
    results = {}
    for handling in ("good", "bad"):
        ws = new_workspace(tmp_path / handling, pack=pack_file)
        due = next(
            i["due_wd"]
            for c in pack["cases"]
            if c["id"] == entry["case_id"]
            for i in c["timeline"]
            if i["type"] == "inbox_item"
        )
        if due:
            advance(ws, due)
        work, ref = _log_case(ws, entry["case_id"])
        if handling == "good":
            trap = next(t for t in entry["traps"] if t["trap"] == "third_party_consent")
            work.record_consent(
                ref,
                recipient="Housing Services",
                purpose="repair enquiry",
                evidence="signed consent form",
                given_by=trap["good"][0]["consent_from"],  # the person the case is about
            )
        work.refer_to_service(ref, service=service, question="When will the repair be done?")
        report = coach(ws, key)
        results[handling] = next(
            t.status
            for t in report.traps
            if t.pack_case == entry["case_id"] and t.trap == "third_party_consent"
        )
        ws.close()
    assert results == {"good": "handled", "bad": "mishandled"}


def test_advance_moves_a_whole_class_and_names_a_folder_that_is_not_a_workspace(
    tmp_path, pack_file, capsys
):
    from casekit.cli import main

    for name in ("ada", "bob"):
        new_workspace(tmp_path / name, pack=pack_file).close()
    (tmp_path / "stray").mkdir()
    code = main(
        [
            "advance",
            str(tmp_path / "ada"),
            str(tmp_path / "bob"),
            str(tmp_path / "stray"),
            "--days",
            "2",
        ]
    )
    out, err = capsys.readouterr()
    assert code == 1
    assert out.count("Clock moved 2 working day(s)") == 2
    assert "stray" in err and "no casekit workspace" in err
    from casekit.record.workspace import Workspace

    for name in ("ada", "bob"):
        with Workspace.open(tmp_path / name) as ws:
            assert ws.events(kinds=["clock_advanced"])[-1].data["day"] == 2
