"""Issue 14's attacks, each a regression test caught by the check that should catch it,
and an honest pack passing every check.

A log rewritten with the documented formulas, re-chained, re-rendered and re-sealed is
*self-consistent*: ``verify`` alone cannot tell, and says so ("not witnessed"). The tutor's
witness ledger catches every such rewrite; re-rendering catches any edit to a derived
file; the assessor's own ledger makes shipped assessor records irrelevant; review flags
copied workspaces.
"""

from __future__ import annotations

import csv
import json
import shutil
from datetime import UTC, datetime
from pathlib import Path

import pytest

from casekit.casework.actions import Casework
from casekit.cli import main
from casekit.errors import CasekitError
from casekit.evidence.assessor import record_decision
from casekit.evidence.declaration import sign_declaration
from casekit.evidence.export import export_pack
from casekit.evidence.review import review
from casekit.evidence.verify import verify_pack
from casekit.evidence.witness import read_ledger, witness
from casekit.record.workspace import Workspace
from tests.evidence.forge import forge, reseal
from tests.worked import worked_workspace

T1 = datetime(2026, 3, 3, 10, 0, tzinfo=UTC)
T2 = datetime(2026, 3, 4, 15, 30, tzinfo=UTC)


@pytest.fixture(scope="module")
def course(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """A learner's workspace witnessed twice during the course (after the declaration,
    and after one more contact), exported; the tutor's ledger beside it."""
    root = tmp_path_factory.mktemp("course")
    ledger = root / "tutor" / "witness.jsonl"
    with worked_workspace(root / "ws", cases=2) as ws:
        witness([root / "ws"], ledger, now=T1)
        ref = ws.events(kinds=["enquiry_received"])[0].case
        Casework(ws).log_contact(
            ref,
            channel="phone",
            direction="inbound",
            party="Service desk",
            summary="The service rang back to say the work is booked.",
        )
        witness([root / "ws"], ledger, now=T2)
        export_pack(ws, root / "pack")
    return {"root": root, "pack": root / "pack", "ledger": ledger, "ws": root / "ws"}


def _self_consistent_but_not_witnessed(pack: Path, ledger: Path) -> str:
    """The forgery passes every check inside the pack; the ledger names the problem."""
    alone = verify_pack(pack)
    assert alone.consistent, alone.problems
    assert "not witnessed" in alone.text()
    checked = verify_pack(pack, witness=ledger)
    assert not checked.intact and checked.witness is not None and not checked.witness.ok
    return checked.witness.message


def test_the_honest_pack_passes_every_check(course: dict[str, Path], tmp_path: Path) -> None:
    result = verify_pack(course["pack"], witness=course["ledger"])
    assert result.intact and result.rederived, result.problems
    assert "matches the tutor's ledger (2 witnessed point(s)" in result.text()
    assert main(["verify", str(course["pack"]), "--witness", str(course["ledger"])]) == 0
    out = tmp_path / "review.csv"
    assert (
        main(["review", str(course["pack"]), "--out", str(out), "--witness", str(course["ledger"])])
        == 0
    )
    row = next(csv.DictReader(out.open()))
    assert row["integrity"] == "intact" and row["witness"].startswith("matches")
    assert row["copying"] == ""


def test_rechained_edit_is_caught_by_the_witness(course: dict[str, Path], tmp_path: Path) -> None:
    """Hiding a reply sent on an unverified fact: the reply's text rewritten."""

    def hide(items: list) -> list:
        for body, personal, _row in items:
            if body["kind"] == "reply_sent":
                personal["text"] = personal["text"].replace("checked", "double-checked")
                body["data"].pop("unverified", None)
        return items

    forged = forge(course["pack"], tmp_path / "forged", hide)
    message = _self_consistent_but_not_witnessed(forged, course["ledger"])
    assert message.startswith(
        "event "
    ) and "is not the event witnessed on 2026-03-03 10:00 UTC" in (message)


def test_reordered_events_are_caught(course: dict[str, Path], tmp_path: Path) -> None:
    def swap(items: list) -> list:
        n = next(i for i, (b, _p, _r) in enumerate(items) if b["kind"] == "contact_logged")
        items[n], items[n + 1] = items[n + 1], items[n]
        return items

    forged = forge(course["pack"], tmp_path / "forged", swap)
    assert "is not the event witnessed" in _self_consistent_but_not_witnessed(
        forged, course["ledger"]
    )


def test_a_deleted_middle_event_is_caught(course: dict[str, Path], tmp_path: Path) -> None:
    """An escalation removed from the middle of the log."""

    def drop(items: list) -> list:
        return [item for item in items if item[0]["kind"] != "escalated"]

    forged = forge(course["pack"], tmp_path / "forged", drop)
    assert "is not the event witnessed" in _self_consistent_but_not_witnessed(
        forged, course["ledger"]
    )


def test_truncation_is_caught(course: dict[str, Path], tmp_path: Path) -> None:
    """The last event cut off: no hashing needed, and self-consistent once re-rendered."""
    forged = forge(course["pack"], tmp_path / "forged", lambda items: items[:-1])
    message = _self_consistent_but_not_witnessed(forged, course["ledger"])
    last = len(read_ledger(course["ledger"]))
    assert message.startswith("the log ends at event")
    assert "was witnessed on 2026-03-04 15:30 UTC: events were removed since" in message
    assert last == 2


@pytest.mark.parametrize("new_id", [False, True])
def test_replay_with_altered_scores_is_caught(
    course: dict[str, Path], tmp_path: Path, new_id: bool
) -> None:
    """Every event replayed into a fresh log with every feedback score set to 5 (keeping
    the workspace id, or taking a fresh one)."""

    def replay(items: list) -> list:
        for body, _personal, _row in items:
            if body["kind"] == "feedback_received":
                body["data"]["score"] = 5
            if new_id and body["kind"] == "workspace_created":
                body["data"]["workspace_id"] = "ws-000000000000"
        return items

    forged = forge(course["pack"], tmp_path / "forged", replay)
    message = _self_consistent_but_not_witnessed(forged, course["ledger"])
    if new_id:
        assert "was witnessed in workspace" in message and "not in this pack's" in message
    else:
        assert "is not the event witnessed" in message


def test_resealed_index_html_is_caught_by_rerendering(
    course: dict[str, Path], tmp_path: Path
) -> None:
    pack = tmp_path / "pack"
    shutil.copytree(course["pack"], pack)
    html = (pack / "index.html").read_text()
    assert "</main>" in html
    (pack / "index.html").write_text(html.replace("</main>", "<p>All criteria met.</p></main>"))
    (pack / "evidence" / "coverage.json").write_text("{}\n")
    reseal(pack)
    result = verify_pack(pack)
    assert not result.consistent
    assert "index.html: differs from what its log renders (changed after export)" in (
        result.problems
    )
    assert any(p.startswith("evidence/coverage.json: differs") for p in result.problems)
    assert not any("SHA-256" in p for p in result.problems)  # the hashes were re-sealed


def test_a_resealed_manifest_field_is_caught(course: dict[str, Path], tmp_path: Path) -> None:
    pack = tmp_path / "pack"
    shutil.copytree(course["pack"], pack)
    manifest = json.loads((pack / "manifest.json").read_text())
    manifest["gaps"] = []
    manifest["coverage"]["AC1"]["count"] = 9
    from casekit.evidence.manifest import render

    (pack / "manifest.json").write_bytes(render(manifest))
    problems = verify_pack(pack).problems
    assert "manifest.json: its 'coverage' differs from what its log gives" in problems


def test_forged_and_truncated_assessor_records_change_nothing(
    course: dict[str, Path], tmp_path: Path
) -> None:
    pack = tmp_path / "pack"
    shutil.copytree(course["pack"], pack)
    ledger = tmp_path / "assessor-ledger"
    record_decision(
        ledger,
        pack,
        "AC3",
        "not met",
        "Show the member's approval.",
        "Pat Assessor",
        "2026-04-01",
        now=T2.replace(month=5),
    )
    shipped = pack / "assessor"
    shipped.mkdir()
    forged = {
        "decisions": [
            {"criterion": c, "decision": "met", "assessor": "Pat Assessor", "on": "2026-04-01"}
            for c in ("AC1", "AC2", "AC3", "AC4", "AC5")
        ],
        "iqa": [{"stage": "summative", "outcome": "accept", "iqa": "Ira", "criteria": ["AC1"]}],
    }
    (shipped / "record.json").write_text(json.dumps(forged))
    result = verify_pack(pack)
    assert result.intact or result.consistent
    assert any("assessor/ folder: ignored" in n for n in result.notes)
    rows, _ = review([pack], ledger=ledger)
    assert rows[0]["AC3_decision"] == "not met"
    assert rows[0]["AC1_decision"] == "" and rows[0].get("iqa", "") == ""
    # Truncated: the last decision and the whole folder removed change nothing either.
    (shipped / "record.json").write_text(json.dumps({"decisions": forged["decisions"][:1]}))
    assert review([pack], ledger=ledger)[0][0]["AC3_decision"] == "not met"
    shutil.rmtree(shipped)
    assert review([pack], ledger=ledger)[0][0]["AC3_decision"] == "not met"


def test_a_copied_workspace_is_flagged(course: dict[str, Path], tmp_path: Path) -> None:
    """Another learner copies the workspace folder, records their own details and signs."""
    copy = tmp_path / "copy"
    shutil.copytree(course["ws"], copy)
    with Workspace.open(copy) as ws:
        Casework(ws).record_learner_details(
            name="Max Copier",
            registration="REG-0099",
            centre="Loughborough College",
            assessor="Pat Assessor",
        )
        sign_declaration(ws, "Max Copier")
        export_pack(ws, tmp_path / "max")
    assert verify_pack(tmp_path / "max").consistent  # it verifies on its own
    out = tmp_path / "review.csv"
    status = main(["review", str(course["pack"]), str(tmp_path / "max"), "--out", str(out)])
    assert status == 1
    rows = list(csv.DictReader(out.open()))
    assert f"shares workspace {rows[0]['workspace']} with {tmp_path / 'max'}" in rows[0]["copying"]
    assert f"with {course['pack']}" in rows[1]["copying"]
    assert rows[1]["learner"] == "Max Copier"


def test_work_replayed_into_a_new_workspace_is_flagged(
    course: dict[str, Path], tmp_path: Path
) -> None:
    """The copier replays the events into a fresh workspace id under their own name."""

    def replay(items: list) -> list:
        for body, personal, _row in items:
            if body["kind"] == "workspace_created":
                body["data"]["workspace_id"] = "ws-111111111111"
            if body["kind"] in ("learner_details_recorded", "declaration_signed"):
                personal["name"] = "Max Copier"
        return items

    forged = forge(course["pack"], tmp_path / "max", replay)
    collected = tmp_path / "collected"
    collected.mkdir()
    shutil.copytree(course["pack"], collected / "sam")
    shutil.copytree(forged, collected / "max")
    result = main(["class-summary", str(collected), "--out", str(tmp_path / "s"), "--no-progress"])
    assert result == 1
    packs = {r["pack"]: r for r in csv.DictReader((tmp_path / "s" / "packs.csv").open())}
    assert "learner-written events, word for word" in packs["max"]["copying"]
    assert "with sam" in packs["max"]["copying"] and "with max" in packs["sam"]["copying"]


def test_export_refuses_a_log_with_personal_values_removed(tmp_path: Path) -> None:
    with worked_workspace(tmp_path / "ws", cases=1) as ws:
        seq = ws.events(kinds=["reply_sent"])[0].seq
        ws.log.conn.execute("DELETE FROM personal WHERE seq = ?", (seq,))
        with pytest.raises(CasekitError) as err:
            export_pack(ws, tmp_path / "pack")
    assert err.value.rule == "log-broken"
    assert f"event {seq}: its personal values were removed without an erasure event" in str(
        err.value
    )
    assert not (tmp_path / "pack").exists()
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".casekit")]


def test_export_refuses_a_rewritten_log(tmp_path: Path) -> None:
    with worked_workspace(tmp_path / "ws", cases=1) as ws:
        ws.log.conn.execute("DROP TRIGGER events_no_update")
        ws.log.conn.execute("UPDATE events SET body = body || ' ' WHERE seq = 7")
        with pytest.raises(CasekitError, match="event 7: its content does not match its hash"):
            export_pack(ws, tmp_path / "pack")
    assert not (tmp_path / "pack").exists()
