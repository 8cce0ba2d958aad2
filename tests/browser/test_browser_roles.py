"""The tutor and the assessor in JupyterLab, each doing their job from their own notebook.

The tutor uploads a roster and makes a class's packs; the assessor lists a folder of
exported packs, sees one verified as intact, and records a decision on a criterion. Both
are checked in the form and in the files the domain wrote.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from tests.browser.test_browser_lab import INTRO, open_and_run_all, start_lab

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]

ROSTER = "learner_id,name\nL01,Alex Learner\nL02,Sam Student\n"


def test_tutor_uploads_a_roster_and_makes_class_packs(lab, page, screenshots, tmp_path) -> None:
    roster = tmp_path / "roster.csv"
    roster.write_text(ROSTER, encoding="utf-8")
    class_dir = lab.root / "workspaces" / "tutor" / "class"
    start_lab(page, lab)
    open_and_run_all(page, lab, "notebooks/tutor.ipynb")
    tutor = page.locator(".jp-OutputArea .casekit-tutor")
    tutor.wait_for()
    with page.expect_file_chooser() as chooser:  # the upload button opens the file dialog
        tutor.locator(".widget-upload").click()
    chooser.value.set_files(str(roster))
    tutor.locator(".widget-upload").get_by_text(re.compile(r"\(1\)")).wait_for()
    tutor.get_by_label("Cases per learner").fill("2")
    tutor.get_by_label("Cases per learner").press("Tab")
    tutor.get_by_role("button", name="Make class packs").click()
    made = tutor.locator(".casekit-status").get_by_text(
        re.compile("Made packs (and their workspaces )?for 2 learners")
    )
    made.wait_for(timeout=60_000)
    made.scroll_into_view_if_needed()
    page.evaluate("() => window.jupyterapp.shell.collapseLeft()")
    screenshots.take(page, "lab-tutor-class-packs")

    packs = sorted((class_dir / "packs").glob("*.json"))
    keys = sorted((class_dir / "tutor" / "keys").glob("*.json"))
    assert len(packs) == 2 and len(keys) == 2
    first = json.loads(packs[0].read_text(encoding="utf-8"))
    assert len(first["cases"]) == 2
    assert "traps" not in packs[0].read_text(encoding="utf-8"), "answer keys stay apart"
    screenshots.publish()


def make_exported_pack(folder: Path, work: Path) -> Path:
    """A learner's exported pack, made through the domain API the export form calls."""
    from casekit.api.workspaces import new_workspace
    from casekit.casework.actions import Casework
    from casekit.evidence.declaration import sign_declaration
    from casekit.evidence.export import export_pack

    with new_workspace(work / "ws", pack=INTRO, learner="L01") as ws:
        Casework(ws).record_learner_details(name="Alex Learner", registration="L01")
        sign_declaration(ws, "Alex Learner")
        return export_pack(ws, folder / "alex-learner").folder


def test_assessor_verifies_a_pack_and_records_a_decision(lab, page, screenshots, tmp_path) -> None:
    import json

    from casekit.api.trust import assessor_record

    pack = make_exported_pack(lab.root / "workspaces" / "packs-to-assess", tmp_path)
    start_lab(page, lab)
    open_and_run_all(page, lab, "notebooks/assessor.ipynb")
    form = page.locator(".jp-OutputArea .casekit-assessor")
    form.wait_for()
    form.get_by_role("button", name="List and verify the packs").click()
    form.locator(".casekit-status").get_by_text(re.compile("1 pack listed and verified")).wait_for()
    form.get_by_text("Intact:").first.wait_for()  # the hashes and the log's chain hold

    form.get_by_label("Criterion").select_option("AC1")
    form.get_by_label("Decision", exact=True).select_option("partly met")
    form.get_by_label("Feedback to the learner").fill("Verify the second fact before replying.")
    form.get_by_label("Assessor's name").fill("Sam Assessor")
    form.get_by_label("Date of the decision").fill("2026-02-02")
    form.get_by_label("Date of the decision").press("Tab")
    form.get_by_role("button", name="Record the decision").click()
    form.locator(".casekit-status").get_by_text(re.compile("Decision recorded: AC1")).wait_for()
    form.locator(".casekit-status").scroll_into_view_if_needed()
    page.evaluate("() => window.jupyterapp.shell.collapseLeft()")
    screenshots.take(page, "lab-assessor-decision")

    ledger = lab.root / "workspaces" / "assessor-ledger"  # beside the packs, never in one
    workspace_id = json.loads((pack / "manifest.json").read_text())["workspace_id"]
    latest = assessor_record(ledger, workspace_id).latest()["AC1"]
    assert not (pack / "assessor").exists()
    assert latest["decision"] == "partly met"
    assert latest["assessor"] == "Sam Assessor" and latest["on"] == "2026-02-02"
    screenshots.publish()


def test_tutor_sees_one_row_per_learner_from_the_roster(lab, page, screenshots, tmp_path) -> None:
    """Roster to per-learner table: one learner sent a pack, the other did not."""
    from casekit import api

    class_dir = lab.root / "workspaces" / "tutor"
    roster = tmp_path / "results-roster.csv"
    roster.write_text("Learner ID;Name\nR01;Ria Ahmed\nR02;Tom Baker\n", encoding="utf-8")
    api.make_class_pack(
        roster, 11, class_dir / "results-class", cases=2, workspaces=class_dir / "results-ws"
    )
    with api.open_workspace(class_dir / "results-ws" / "R01") as ws:
        api.work_model_answer(ws, class_dir / "results-class" / "tutor" / "keys" / "R01.key.json")
        api.finish_portfolio(ws)
        api.export_pack(ws, class_dir / "results-collected" / "R01", zip_pack=True)
    start_lab(page, lab)
    open_and_run_all(page, lab, "notebooks/tutor.ipynb")
    tutor = page.locator(".jp-OutputArea .casekit-tutor")
    tutor.wait_for()
    tutor.get_by_label("Folder of collected evidence packs").fill(
        str(class_dir / "results-collected")
    )
    tutor.get_by_label("The roster (every learner gets a row)").fill(str(roster))
    tutor.get_by_label("Answer keys folder (optional)").fill(
        str(class_dir / "results-class" / "tutor" / "keys")
    )
    tutor.get_by_role("button", name="Summarise the class").click()
    done = tutor.locator(".casekit-status").get_by_text(re.compile("1 of 2 learners sent a pack"))
    done.wait_for(timeout=120_000)
    table = tutor.locator(".casekit-class-results table")
    table.get_by_text("Tom Baker").wait_for()
    assert "Ria Ahmed" in table.inner_text()
    table.scroll_into_view_if_needed()
    page.evaluate("() => window.jupyterapp.shell.collapseLeft()")
    screenshots.take(page, "lab-tutor-class-results")
    tutor.get_by_label("Show", exact=True).select_option(label="Not submitted")
    tutor.locator(".casekit-class-results").get_by_text(
        re.compile("Not submitted: 1 learner")
    ).wait_for()
    assert "Ria Ahmed" not in tutor.locator(".casekit-class-results").inner_text()
    summary = class_dir / "summary"
    rows = (summary / "learners.csv").read_text(encoding="utf-8").splitlines()
    assert rows[1].startswith("R01,Ria Ahmed,yes") and rows[2].startswith("R02,Tom Baker,no")
    assert (summary / "learners.xlsx").is_file()
    screenshots.publish()


def test_assessor_judges_a_zip_samples_it_and_sends_feedback(lab, page, screenshots, tmp_path):
    """Open a zip, decide, export the feedback, and the IQA samples the decision."""
    import shutil

    from casekit import api

    packs = lab.root / "workspaces" / "packs-to-assess"
    made = make_exported_pack(tmp_path / "zipped", tmp_path)
    shutil.make_archive(str(packs / "zoe-learner"), "zip", made)
    start_lab(page, lab)
    open_and_run_all(page, lab, "notebooks/assessor.ipynb")
    form = page.locator(".jp-OutputArea .casekit-assessor")
    form.wait_for()
    form.get_by_role("button", name="List and verify the packs").click()
    form.locator(".casekit-status").get_by_text(re.compile("listed and verified")).wait_for()
    form.get_by_label("Pack to assess").select_option(label="zoe-learner.zip")
    form.get_by_label("Criterion").select_option("AC5")
    form.get_by_label("Decision", exact=True).select_option("met")
    form.get_by_label("Assessor's name").fill("Sam Assessor")
    form.get_by_label("Date of the decision").fill("2026-02-02")
    form.get_by_label("Date of the decision").press("Tab")
    form.get_by_role("button", name="Record the decision").click()
    form.locator(".casekit-status").get_by_text(re.compile("Decision recorded: AC5 met")).wait_for()
    form.get_by_role("button", name="Export feedback for this learner").click()
    form.locator(".casekit-status").get_by_text(re.compile("Feedback saved as")).wait_for()
    form.get_by_label("Stage").select_option("interim")
    form.get_by_role("button", name="Make the sampling plan").click()
    form.locator(".casekit-status").get_by_text(re.compile("Sampling plan made")).wait_for()
    form.get_by_label("Criteria sampled").select_option(["AC5"])
    form.get_by_label("Outcome").select_option("accept")
    form.get_by_label("IQA's name").fill("Ivy Quality")
    form.get_by_label("Date of the sample").fill("2026-02-03")
    form.get_by_label("Date of the sample").press("Tab")
    form.get_by_role("button", name="Record the sample").click()
    recorded = form.locator(".casekit-status").get_by_text(re.compile("IQA sample recorded"))
    recorded.wait_for()
    recorded.scroll_into_view_if_needed()
    page.evaluate("() => window.jupyterapp.shell.collapseLeft()")
    screenshots.take(page, "lab-assessor-iqa")

    (sent,) = (lab.root / "workspaces" / "feedback").glob("*-feedback.json")
    data = json.loads(sent.read_text())
    assert "AC5" in [d["criterion"] for d in data["decisions"]]
    iqa = api.read_assessor_ledger(lab.root / "workspaces" / "iqa-ledger")
    assert iqa[-1]["iqa"] == "Ivy Quality" and iqa[-1]["criteria"] == ["AC5"]
    screenshots.publish()
