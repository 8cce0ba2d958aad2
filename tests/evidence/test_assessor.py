"""Assessor decisions and the IQA record beside a pack, and reviewing a batch of packs."""

from __future__ import annotations

import csv
import json
import shutil
from pathlib import Path

import pytest

from casekit.cli import main
from casekit.errors import CasekitError
from casekit.evidence.assessor import (
    read_record,
    record_decision,
    record_iqa_sample,
    record_problems,
)
from casekit.evidence.export import export_pack
from casekit.evidence.review import review
from casekit.evidence.verify import verify_pack
from tests.worked import worked_workspace


@pytest.fixture(scope="module")
def packs(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("class")
    for n, (cases, name) in enumerate([(1, "Ann Able"), (2, "Ben Bright"), (3, "Cat Clear")]):
        with worked_workspace(root / f"ws{n}", cases=cases, learner=name, seed=100 + n) as ws:
            export_pack(ws, root / "packs" / f"learner{n}", zip_pack=n == 2)
    shutil.rmtree(root / "packs" / "learner2")  # that learner sent only the zip
    return root / "packs"


@pytest.fixture
def pack(packs: Path, tmp_path: Path) -> Path:
    copy = tmp_path / "pack"
    shutil.copytree(packs / "learner1", copy)
    return copy


def test_decisions_are_kept_beside_the_evidence(pack: Path) -> None:
    manifest_before = (pack / "manifest.json").read_bytes()
    record_decision(pack, "AC1", "met", "Clear verification records.", "Pat Assessor", "2026-04-01")
    record_decision(
        pack,
        "AC5",
        "partly met",
        "One escalation; add a statutory clock.",
        "Pat Assessor",
        "2026-04-01",
    )
    record_decision(pack, "AC5", "met", "Second item added.", "Pat Assessor", "2026-04-08")
    record = read_record(pack)
    assert record is not None
    assert record.latest()["AC5"]["decision"] == "met" and len(record.decisions) == 3
    assert (pack / "manifest.json").read_bytes() == manifest_before
    assert verify_pack(pack).intact  # the learner's evidence is untouched
    assert record_problems(pack) == []
    record_iqa_sample(pack, "interim", ["AC1", "AC5"], "accept", "Ira Quality", "2026-04-10")
    assert read_record(pack).iqa[0]["criteria"] == ["AC1", "AC5"]


def test_editing_an_earlier_decision_shows(pack: Path) -> None:
    record_decision(pack, "AC1", "not met", "No verification.", "Pat Assessor", "2026-04-01")
    record_decision(pack, "AC2", "met", "Good log.", "Pat Assessor", "2026-04-01")
    path = pack / "assessor" / "record.json"
    data = json.loads(path.read_text())
    data["decisions"][0]["decision"] = "met"
    path.write_text(json.dumps(data, sort_keys=True, indent=2) + "\n")
    problems = record_problems(pack)
    assert any("SHA-256" in p for p in problems)
    assert any("decision 1 was changed" in p for p in problems)
    with pytest.raises(CasekitError) as err:
        record_decision(pack, "AC3", "met", "", "Pat", "2026-04-02")
    assert err.value.rule == "pack-integrity"


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"criterion": "AC9"}, "criterion"),
        ({"decision": "excellent"}, "decision"),
        ({"assessor": " "}, "assessor"),
        ({"on": "next tuesday"}, "date"),
        ({"decision": "not met", "feedback": ""}, "feedback"),
    ],
)
def test_bad_decisions_are_refused(pack: Path, kwargs: dict[str, str], field: str) -> None:
    args = {
        "criterion": "AC1",
        "decision": "met",
        "feedback": "ok",
        "assessor": "Pat",
        "on": "2026-04-01",
        **kwargs,
    }
    with pytest.raises(CasekitError) as err:
        record_decision(pack, **args)
    assert err.value.rule == "assessor-decision" and err.value.field == field
    assert not (pack / "assessor").exists()


def test_bad_iqa_samples_are_refused(pack: Path) -> None:
    with pytest.raises(CasekitError, match="stage"):
        record_iqa_sample(pack, "final", ["AC1"], "accept", "Ira", "2026-04-10")
    with pytest.raises(CasekitError, match="outcome"):
        record_iqa_sample(pack, "interim", ["AC1"], "maybe", "Ira", "2026-04-10")
    with pytest.raises(CasekitError, match="criteria"):
        record_iqa_sample(pack, "interim", [], "accept", "Ira", "2026-04-10")
    with pytest.raises(CasekitError, match="comments"):
        record_iqa_sample(pack, "summative", ["AC1"], "reject", "Ira", "2026-04-10")


def test_decision_on_a_changed_pack_is_refused(pack: Path) -> None:
    (pack / "cases.csv").write_text("case\nforged\n")
    with pytest.raises(CasekitError) as err:
        record_decision(pack, "AC1", "met", "", "Pat", "2026-04-01")
    assert err.value.rule == "pack-integrity" and "cases.csv" in str(err.value)


def test_review_one_row_per_learner(packs: Path, tmp_path: Path) -> None:
    batch = tmp_path / "batch"
    shutil.copytree(packs, batch)
    record_decision(batch / "learner0", "AC1", "met", "", "Pat", "2026-04-01")
    record_iqa_sample(batch / "learner0", "summative", ["AC1"], "accept", "Ira", "2026-04-09")
    (batch / "learner1" / "audit.csv").write_text("changed\n")
    out = tmp_path / "summary.csv"
    status = main(
        [
            "review",
            str(batch / "learner0"),
            str(batch / "learner1"),
            str(batch / "learner2.zip"),
            "--out",
            str(out),
        ]
    )
    assert status == 1  # one pack changed
    rows = list(csv.DictReader(out.open()))
    assert [r["learner"] for r in rows] == ["Ann Able", "Ben Bright", "Cat Clear"]
    assert [r["integrity"] for r in rows] == ["intact", "changed", "intact"]
    assert rows[0]["AC1_decision"] == "met" and rows[0]["assessor_record"] == "intact"
    assert rows[0]["iqa"] == "summative accept (AC1; Ira, 2026-04-09)"
    assert rows[2]["AC1_items"] == "4" and rows[2]["AC1_sufficient"] == "yes"
    assert "audit.csv" in rows[1]["problems"]
    rows_api, columns = review([batch / "learner0"])
    assert "AC5_decision" in columns and rows_api[0]["registration"] == "REG-0042"
