"""The export, coaching, assessor and tutor forms, end to end through the evidence API."""

from __future__ import annotations

import json
import shutil
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from casekit.ui.assessor_step import Assessor
from casekit.ui.coaching_step import Coaching
from casekit.ui.export_step import Export
from casekit.ui.tutor_step import Tutor
from tests.ui.support import (
    council_workspace,
    events,
    pack_workspace,
    replied_case,
    status_text,
    unlabelled,
)


@pytest.fixture
def exported(tmp_path: Path) -> Path:
    """A workspace with a replied case, signed and exported through the form."""
    path = council_workspace(tmp_path / "ws")
    replied_case(path)
    form = Export(path)
    assert "AC1" in form.coverage.value and "<svg" in form.chart.value
    form.export_button.click()
    refused = status_text(form.status)  # refused first, saying what to do in the form
    assert "the declaration that the work is your own is not signed" in refused
    assert "tick 'I make this declaration'" in refused
    assert "casekit declare" not in refused and ".md" not in refused
    form.name.value = "Alex Learner"
    form.sign_button.click()
    assert "Tick 'I make this declaration'" in status_text(form.status)
    assert events(path, "declaration_signed") == []
    form.agree.value = True
    form.sign_button.click()
    assert "Declaration signed by Alex Learner" in status_text(form.status)
    form.export_button.click()
    assert "Your evidence pack is exported and checked" in status_text(form.status)
    assert "ws-evidence.zip" in status_text(form.result)  # named, found beside the workspace
    assert "chain head" not in status_text(form.check)
    assert "Pack checked: intact" in status_text(form.check)
    assert unlabelled(form.widget) == []
    return tmp_path / "ws-evidence"


def test_export_then_assess(exported: Path, tmp_path: Path) -> None:
    assert (exported / "manifest.json").is_file()
    collected = tmp_path / "collected"
    collected.mkdir()
    shutil.copytree(exported, collected / "alex")
    form = Assessor(collected)
    assert "intact" in form.packs_table.value
    assert form.pack.value == str(collected / "alex")
    assert "Evidence location matrix" in form.matrix.value
    form.criterion.value = "AC2"
    form.decision.value = "not met"
    form.feedback.value = ""
    form.assessor.value = "Pat Assessor"
    form.on_date.value = date(2026, 2, 2)
    form.decide_button.click()
    assert 'role="alert"' in form.status.value  # feedback is needed unless met
    form.feedback.value = "Show an update to the member when a deadline moves."
    form.decide_button.click()
    assert "Decision recorded: AC2 not met (Mon 2 Feb 2026)" in status_text(form.status)
    assert "Pat Assessor" in form.decisions.value
    assert unlabelled(form.widget) == []

    (collected / "alex" / "audit.csv").write_text("tampered\n", "utf-8")
    form.list_button.click()
    assert "changed" in form.packs_table.value
    form.feedback.value = "More please."
    form.decide_button.click()
    assert 'role="alert"' in form.status.value  # a changed pack takes no decisions


def test_class_summary_from_collected_packs(exported: Path, tmp_path: Path) -> None:
    collected = tmp_path / "collected"
    collected.mkdir()
    shutil.copytree(exported, collected / "alex")
    form = Tutor(tmp_path / "class")
    form.packs.value = str(collected)
    form.summary_out.value = str(tmp_path / "summary")
    form.summary_button.click()
    assert "1 of 1 learner sent a pack" in status_text(form.status)
    assert "Most common mistakes" in form.summary.value and "<svg" in form.summary.value
    assert "casekit-results" in form.results.value and "intact" in form.results.value
    assert (tmp_path / "summary" / "learners.xlsx").is_file()
    roster = tmp_path / "roster.csv"
    sent = json.loads((collected / "alex" / "manifest.json").read_text())
    who = sent["pack"]["made_for"] or sent["learner"]["learner_id"]
    roster.write_text(f"Learner ID,Name\n{who},Ann Sent\nZ9,Zed Absent\n", "utf-8")
    form.results_roster.value = str(roster)
    form.summary_button.click()
    assert "1 of 2 learners sent a pack" in status_text(form.status)
    form.show.value = "not_submitted"
    assert "Zed Absent" in form.results.value and f">{who}<" not in form.results.value
    form.show.value = "everyone"
    form.sort.value = "submitted"
    assert form.results.value.index("Zed Absent") < form.results.value.index(f">{who}<")
    form.descending.value = True  # "yes" first
    assert form.results.value.index(f">{who}<") < form.results.value.index("Zed Absent")
    form.show.value = "not_submitted"
    form.save_button.click()
    assert "Saved 1 learner" in status_text(form.status)
    assert "Zed Absent" in (tmp_path / "summary" / "learners-not_submitted.csv").read_text()
    assert (tmp_path / "summary" / "learners-not_submitted.xlsx").is_file()


def test_tutor_class_packs_and_classroom_exercise(tmp_path: Path) -> None:
    form = Tutor(tmp_path / "class")
    assert unlabelled(form.widget) == []
    form.roster_path.value = str(tmp_path / "missing.csv")
    form.make_button.click()
    assert "There is no roster file" in status_text(form.status)
    roster = tmp_path / "roster.csv"
    roster.write_text("learner_id,name\nL1,Ann Lee\nL2,Bo Khan\n", "utf-8")
    form.roster_path.value = str(roster)
    form.cases.value = 2
    form.make_button.click()
    assert "Made packs and their workspaces for 2 learners" in status_text(form.status)
    out = Path(form.out.value)
    assert (out / "packs" / "L1.json").is_file() and (out / "tutor" / "keys").is_dir()
    wsdir = Path(form.ws_folder.value)  # made with the packs, carrying the roster's names
    assert sorted(p.name for p in wsdir.iterdir()) == ["L1", "L2"]
    assert form.keys.value == str(out / "tutor" / "keys")
    form.days.value = 3
    form.advance_button.click()
    assert "Advanced 2 of 2 workspaces by 3 working days" in status_text(form.status)
    assert all(len(events(wsdir / n, "clock_advanced")) == 1 for n in ("L1", "L2"))
    from casekit.api.trust import read_witness_ledger

    ledger = Path(form.ledger.value)  # on by default, in the class folder
    assert f"Witnessed 2 in {ledger}" in status_text(form.status)
    assert len({e.workspace_id for e in read_witness_ledger(ledger)}) == 2
    assert "Witnessed" in form.advanced.value
    form.ledger.value = ""
    form.advance_button.click()
    assert "Witnessed" not in status_text(form.status)
    assert len(read_witness_ledger(ledger)) == 2


def test_tutor_roster_upload(tmp_path: Path) -> None:
    form = Tutor(tmp_path / "class")
    form.roster.value = (
        {
            "name": "roster.csv",
            "type": "text/csv",
            "size": 30,
            "content": memoryview(b"learner_id,name\nL9,Cy Dee\n"),
            "last_modified": datetime(2026, 1, 5, tzinfo=UTC),
        },
    )
    form.cases.value = 1
    form.make_workspaces.value = False
    form.make_button.click()
    assert "Made packs for 1 learner" in status_text(form.status)


def test_coaching_report(tmp_path: Path) -> None:
    path = pack_workspace(tmp_path / "ws")
    form = Coaching(path)
    form.coach_button.click()
    assert "Coaching done" in status_text(form.status)
    assert form.report.value
    form.key.value = str(tmp_path / "no-such-key.json")
    form.coach_button.click()
    assert 'role="alert"' in form.status.value
    assert unlabelled(form.widget) == []
