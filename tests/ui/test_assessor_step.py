"""The assessor's form: every value from a pack (and from the ledger) is escaped, and
decisions go to the assessor's ledger, never into a pack."""

from __future__ import annotations

from pathlib import Path

import pytest

from casekit.ui.assessor_step import Assessor, default_ledger, matrix_html
from tests.ui.markup_packs import PAYLOAD, hostile_manifest, make_folder, raw_markup
from tests.ui.support import status_text, unlabelled


@pytest.fixture(scope="module")
def markup(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    return make_folder(tmp_path_factory.mktemp("markup"))


def test_the_matrix_escapes_every_manifest_value() -> None:
    html = matrix_html(hostile_manifest(), {"AC1": {"decision": PAYLOAD}})
    assert raw_markup(html) == []
    assert "&lt;img src=x" in html and "&lt;b&gt;2&lt;/b&gt;" in html
    assert "more needed" in html  # "met": "<img...>" is not true
    assert matrix_html({"coverage": {"AC1": 5}}, {}).startswith("<p>")
    assert matrix_html({"coverage": "x"}, {}).startswith("<p>")


def test_the_form_shows_markup_as_text(markup: tuple[Path, Path]) -> None:
    packs, ledger = markup
    form = Assessor(packs, ledger)
    shown = {}
    for pack in sorted(str(p) for p in packs.iterdir()):
        form.pack.value = pack
        shown[pack] = [form.packs_table, form.front, form.matrix, form.decisions, form.status]
        for widget in shown[pack]:
            assert raw_markup(widget.value) == [], (pack, widget.value[:300])
    form.pack.value = str(packs / "typed-markup")
    assert "&lt;img src=x" in form.packs_table.value  # the learner's name, as text
    assert "&lt;img src=x" in form.decisions.value  # the assessor's own feedback
    assert "not met" in form.matrix.value
    form.pack.value = str(packs / "resealed-markup")
    assert "Changed" in form.front.value and "differs from what its log gives" in form.front.value


def test_decisions_go_to_the_ledger_folder(markup: tuple[Path, Path], tmp_path: Path) -> None:
    from datetime import date

    packs, _ledger = markup
    ledger = tmp_path / "my-ledger"
    form = Assessor(packs, ledger)
    assert form.ledger.value == str(ledger)
    assert default_ledger(packs) == packs.resolve().parent / "assessor-ledger"
    form.pack.value = str(packs / "typed-markup")
    form.criterion.value = "AC2"
    form.decision.value = "met"
    form.assessor.value = "Pat Assessor"
    form.on_date.value = date(2026, 4, 2)
    form.decide_button.click()
    assert "Decision recorded: AC2 met" in status_text(form.status)
    assert (ledger / "decisions.jsonl").is_file()
    assert not (packs / "typed-markup" / "assessor").exists()
    form.pack.value = str(packs / "resealed-markup")
    form.criterion.value = form.criterion.options[-1]
    form.decide_button.click()
    assert 'role="alert"' in form.status.value  # a changed pack takes no decisions
    form.ledger.value = str(tmp_path / "a-file")
    (tmp_path / "a-file").write_text("not a folder")
    form.list_button.click()
    assert "is a file, not a folder" in status_text(form.status)


def test_zip_decision_feedback_and_iqa_sample(tmp_path: Path) -> None:
    """The whole loop on a zip pack: decide, send feedback back, plan and record a sample."""
    import json
    import shutil
    from datetime import date

    from casekit import api
    from casekit.evidence.export import export_pack
    from tests.worked import worked_workspace

    with worked_workspace(tmp_path / "ws", cases=1) as ws:
        export_pack(ws, tmp_path / "pack", zip_pack=True)
    (tmp_path / "packs").mkdir()
    shutil.move(tmp_path / "pack.zip", tmp_path / "packs" / "sam.zip")
    form = Assessor(tmp_path / "packs")
    assert unlabelled(form.widget) == []
    form.pack.value = str(tmp_path / "packs" / "sam.zip")
    form.criterion.value = "AC1"
    form.decision.value = "partly met"
    form.feedback.value = "Show the verification of the second fact."
    form.assessor.value = "Pat Assessor"
    form.on_date.value = date(2026, 3, 3)
    form.decide_button.click()
    assert "Decision recorded: AC1 partly met" in status_text(form.status)
    form.iqa.feedback_button.click()
    assert "Feedback saved as" in status_text(form.status)
    (sent,) = (tmp_path / "feedback").glob("*-feedback.json")
    assert json.loads(sent.read_text())["decisions"][0]["criterion"] == "AC1"
    from casekit.ui.feedback_step import AssessorFeedback

    learner = AssessorFeedback(tmp_path / "ws")  # the learner's side
    assert unlabelled(learner.widget) == [] and "No feedback loaded yet" in learner.decisions.value
    learner.file.value = str(sent)
    learner.load_button.click()
    assert "Loaded 1 decision from your assessor" in status_text(learner.status)
    assert "Show the verification of the second fact." in learner.decisions.value
    learner.load_button.click()
    assert "already loaded" in status_text(learner.status)
    with api.open_workspace(tmp_path / "ws") as ws:
        assert api.assessor_feedback(ws)["decisions"][0]["decision"] == "partly met"
    form.iqa.stage.value = "interim"
    form.iqa.plan_button.click()
    assert "Sampling plan made: 1 learner" in status_text(form.status)
    assert "sam.zip" in form.iqa.plan.value
    form.iqa.criteria.value = ("AC1",)
    form.iqa.outcome.value = "accept"
    form.iqa.iqa_name.value = "Pat Assessor"
    form.iqa.iqa_date.value = date(2026, 3, 4)
    form.iqa.sample_button.click()
    assert "cannot quality-assure" in status_text(form.status)  # not their own decisions
    form.iqa.iqa_name.value = "Ivy Quality"
    form.iqa.sample_button.click()
    assert "IQA sample recorded: interim accept of AC1" in status_text(form.status)
    assert len(api.read_assessor_ledger(tmp_path / "iqa-ledger")) == 1
    assert len(api.read_assessor_ledger(tmp_path / "assessor-ledger")) == 1
    assert "interim accept" in form.packs_table.value
