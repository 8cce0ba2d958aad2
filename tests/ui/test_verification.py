"""The verification form: record facts, check them, see the council's records."""

from __future__ import annotations

from pathlib import Path

from casekit.ui.intake_step import Intake
from casekit.ui.verification_step import Verification
from tests.ui.support import (
    council_workspace,
    events,
    log_case,
    pack_workspace,
    status_text,
    unlabelled,
)


def test_record_and_verify_a_fact(tmp_path: Path) -> None:
    path = council_workspace(tmp_path / "ws")
    ref = log_case(path)
    form = Verification(path)
    assert form.case.value == ref
    form.statement.value = "The repair was reported on 3 November."
    form.record_button.click()
    assert "Fact F1 recorded" in status_text(form.status)
    assert form.fact.value == "F1"
    assert "NOT settled" in form.facts.value

    form.source.value = "Housing management system"
    form.result.value = "discrepancy"
    form.found.value = "Reported on 10 November."
    form.resolution.value = ""
    form.check_button.click()
    [check] = events(path, "fact_verified")
    assert (check.data["fact_id"], check.data["source"], check.data["result"]) == (
        "F1",
        "Housing management system",
        "discrepancy",
    )
    assert check.data["resolved"] is False
    assert "NOT settled" in form.facts.value  # a discrepancy with no resolution

    form.source.value = "Housing management system"
    form.result.value = "discrepancy"
    form.found.value = "Reported on 10 November."
    form.resolution.value = "Constituent agreed the later date after checking her email."
    form.check_button.click()
    assert "NOT settled" not in form.facts.value and ">settled<" in form.facts.value


def test_refusals_write_nothing(tmp_path: Path) -> None:
    path = council_workspace(tmp_path / "ws")
    log_case(path)
    form = Verification(path)
    form.statement.value = "   "
    form.record_button.click()
    assert "fact is empty" in status_text(form.status)
    form.source.value = "Officer"
    form.check_button.click()  # no fact chosen
    assert "is not recorded on" in status_text(form.status)
    assert events(path, "fact_recorded") == [] and events(path, "fact_verified") == []


def test_records_from_the_pack_are_shown(tmp_path: Path) -> None:
    path = pack_workspace(tmp_path / "ws")
    intake = Intake(path)
    intake.category.value = "housing"
    intake.log_button.click()
    assert "Logged as case CK-0001" in status_text(intake.status)
    form = Verification(path)
    assert "Electoral register" in form.records.value
    assert "last updated" in form.records.value
    assert unlabelled(form.widget) == []


def test_no_case_yet(tmp_path: Path) -> None:
    form = Verification(council_workspace(tmp_path / "ws"))
    assert "No case logged yet" in form.summary.value
    form.statement.value = "The bins were missed."
    form.record_button.click()
    assert "There is no case" in status_text(form.status)
