"""The IQA's sampling plan and samples in their own ledger; standardisation sets and the
agreement report."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from casekit import api
from casekit.cli import main
from casekit.errors import CasekitError
from casekit.evidence.export import export_pack
from tests.worked import worked_workspace

DAY = "2026-03-20"


@pytest.fixture(scope="module")
def packs(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("iqa")
    for n, name in enumerate(["Ann", "Ben", "Cat", "Dan", "Eve"]):
        with worked_workspace(root / f"ws{n}", cases=1, learner=name, seed=n, own_words=name) as ws:
            export_pack(ws, root / "packs" / name, zip_pack=name == "Eve")
    return root / "packs"


def _decide(ledger: Path, pack: Path, who: str, plan: dict[str, str]) -> None:
    for criterion, decision in plan.items():
        feedback = "" if decision == "met" else "More evidence, please."
        api.record_decision(ledger, pack, criterion, decision, feedback, who, DAY)


def test_sampling_plan_covers_every_assessor_and_criterion(packs: Path, tmp_path: Path) -> None:
    pat, sam = tmp_path / "pat", tmp_path / "sam"
    for name in ("Ann", "Ben", "Cat", "Dan"):
        _decide(pat, packs / name, "Pat Assessor", {"AC1": "met", "AC2": "met"})
    _decide(sam, packs / "Eve.zip", "Sam Assessor", {"AC4": "partly met"})
    plan = api.sampling_plan([pat, sam], "interim", seed="2026", packs=api.find_packs(packs))
    by = plan.groupby("assessor").size().to_dict()
    assert by == {"Pat Assessor": 1, "Sam Assessor": 1}  # 25% of 4 is 1; a minimum of 1
    assert set(" ".join(plan["criteria"]).split()) == {"AC1", "AC2", "AC4"}
    assert all(plan["pack"].str.len() > 0) and list(plan["already_sampled"]) == ["no", "no"]
    again = api.sampling_plan([pat, sam], "interim", seed="2026")
    assert list(again["workspace_id"]) == list(plan["workspace_id"])  # the same seed, the same plan
    with pytest.raises(CasekitError, match="stage"):
        api.sampling_plan([pat], "final")
    with pytest.raises(CasekitError, match="no decisions"):
        api.sampling_plan([tmp_path / "nobody"], "interim")


def test_iqa_samples_go_to_the_iqas_own_ledger(packs: Path, tmp_path: Path) -> None:
    pat, ivy = tmp_path / "pat", tmp_path / "ivy"
    _decide(pat, packs / "Ann", "Pat Assessor", {"AC1": "met", "AC3": "not met"})
    status = main(
        ["iqa", "sample", str(packs / "Ann"), "--ledger", str(ivy), "--assessor-ledger", str(pat),
         "--stage", "interim", "--criteria", "AC1,AC3", "--outcome", "accept",
         "--iqa", "Ivy Quality", "--date", DAY]
    )  # fmt: skip
    assert status == 0
    (entry,) = api.read_assessor_ledger(ivy)
    decided = {e["criterion"]: e["hash"] for e in api.read_assessor_ledger(pat)}
    assert entry["type"] == "iqa" and entry["sampled"] == [decided["AC1"], decided["AC3"]]
    assert len(api.read_assessor_ledger(pat)) == 2  # the assessor's ledger is untouched
    with pytest.raises(CasekitError, match="cannot quality-assure"):
        api.record_iqa_sample(
            ivy, packs / "Ann", "interim", ["AC1"], "accept", "Pat Assessor", DAY,
            decisions_from=[pat],
        )  # fmt: skip
    with pytest.raises(CasekitError, match="no decision on AC2"):
        api.record_iqa_sample(
            ivy, packs / "Ann", "interim", ["AC2"], "accept", "Ivy Quality", DAY,
            decisions_from=[pat],
        )  # fmt: skip
    plan = api.sampling_plan([pat], "interim", iqa_ledger=ivy)
    assert list(plan["already_sampled"]) == ["yes"]
    rows, _ = api.review([packs / "Ann"], ledger=[pat, ivy])
    assert rows[0]["iqa"].startswith("interim accept (AC1, AC3; Ivy Quality")
    out = tmp_path / "plan.csv"
    assert main(["iqa", "plan", "--assessor-ledger", str(pat), "--stage", "summative",
                 "--out", str(out)]) == 0  # fmt: skip
    assert next(csv.DictReader(out.open()))["stage"] == "summative"


def test_standardisation_set_is_anonymised_and_verifies(packs: Path, tmp_path: Path) -> None:
    chosen = [packs / "Ann", packs / "Ben", packs / "Eve.zip"]
    rows = api.make_standardisation_set(chosen, tmp_path / "set", tmp_path / "key.csv", seed="x")
    assert [r["label"] for r in rows] == ["S01", "S02", "S03"]
    assert sorted(r["pack"] for r in rows) == sorted(map(str, chosen))
    for label in ("S01", "S02", "S03"):
        check = api.verify_pack(tmp_path / "set" / label)
        assert check.consistent, check.problems
        page = (tmp_path / "set" / label / "index.html").read_text()
        assert f"Learner {label}" in page
        manifest = check.manifest
        assert (
            manifest["workspace_id"] == f"std-{label}" and manifest["learner"]["registration"] == ""
        )
    assert not (tmp_path / "set" / "key.csv").exists()
    with pytest.raises(CasekitError, match="outside the set"):
        api.make_standardisation_set(chosen, tmp_path / "set2", tmp_path / "set2" / "key.csv")


def test_agreement_report(packs: Path, tmp_path: Path) -> None:
    api.make_standardisation_set(
        [packs / "Ann", packs / "Ben", packs / "Cat"], tmp_path / "set", tmp_path / "key.csv"
    )
    plans = {
        "Pat Assessor": ["met", "partly met", "met"],
        "Sam Assessor": ["met", "not met", "met"],
        "Ida Assessor": ["met", "partly met", "not met"],
    }
    ledgers = []
    for who, decisions in plans.items():
        ledger = tmp_path / who.split()[0]
        ledgers.append(ledger)
        for n, decision in enumerate(decisions, start=1):
            _decide(ledger, tmp_path / "set" / f"S0{n}", who, {"AC1": decision, "AC2": "met"})
    report = api.standardisation_report(ledgers)
    summary = report["summary"].set_index("criterion")
    assert summary.loc["AC1", "method"] == "Fleiss' kappa" and summary.loc["AC1", "packs"] == 3
    assert summary.loc["AC1", "agreement"] == pytest.approx(1 / 3, abs=1e-3)
    assert summary.loc["AC2", "agreement"] == 1.0 and summary.loc["AC2", "kappa"] == ""
    diffs = report["differences"]
    assert list(diffs["pack"]) == ["S02", "S03"]
    assert diffs.iloc[1]["Ida Assessor"] == "not met" and diffs.iloc[1]["Pat Assessor"] == "met"
    two = api.standardisation_report(ledgers[:2])["summary"].set_index("criterion")
    assert two.loc["AC1", "method"] == "Cohen's kappa"
    with pytest.raises(CasekitError, match="at least two assessors"):
        api.standardisation_report(ledgers[:1])
