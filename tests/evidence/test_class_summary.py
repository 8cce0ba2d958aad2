"""A tutor's class summary over several packs, and the deterministic SVG charts."""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from casekit.cli import main
from casekit.errors import CasekitError
from casekit.evidence.charts import bar_chart
from casekit.evidence.class_summary import summarise_class
from casekit.evidence.export import export_pack
from tests.worked import worked_workspace


@pytest.fixture(scope="module")
def class_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("classsum")
    plan = [("Ann", 2, False), ("Ben", 2, True), ("Cat", 3, True), ("Dan", 1, False)]
    for n, (name, cases, careless) in enumerate(plan):
        with worked_workspace(
            root / f"ws{n}", cases=cases, learner=name, seed=n, careless=careless, own_words=name
        ) as ws:
            export_pack(ws, root / "class" / name, zip_pack=name == "Dan")
    shutil.rmtree(root / "class" / "Dan")
    return root / "class"


def test_class_summary_counts_coverage_and_mistakes(
    class_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "summary"
    assert main(["class-summary", str(class_dir), "--out", str(out)]) == 0
    err = capsys.readouterr().err
    assert "packs" in err and "4/4" in err  # the tqdm progress bar, on stderr
    coverage = {r["criterion"]: r for r in csv.DictReader((out / "coverage.csv").open())}
    assert coverage["AC1"]["learners"] == "4"
    assert coverage["AC3"]["met"] == "3"  # Dan's one case gives one approved draft
    assert coverage["AC3"]["partly"] == "1" and coverage["AC3"]["not_yet"] == "0"
    mistakes = list(csv.DictReader((out / "mistakes.csv").open()))
    assert mistakes[0]["mistake"] == "unverified_passed_on"
    assert mistakes[0]["learners"] == "2" and int(mistakes[0]["times"]) >= 5
    assert mistakes[0]["who"] == "Ben Cat"  # one id for all: named by their packs
    learners = list(csv.DictReader((out / "learners.csv").open()))
    assert len(learners) == 4 and {r["submitted"] for r in learners} == {"yes"}
    svg = (out / "mistakes.svg").read_text()
    assert svg.startswith("<svg") and "Passing information on" in svg
    assert (out / "coverage.svg").read_text().count("<rect") == 5


def test_changed_pack_is_listed_not_counted(class_dir: Path, tmp_path: Path) -> None:
    copy = tmp_path / "class"
    shutil.copytree(class_dir, copy)
    (copy / "Ann" / "evidence" / "coaching.json").write_text('{"findings": []}')
    (copy / "junk.zip").write_bytes(b"not a zip")
    result = summarise_class(copy, tmp_path / "out", progress=False)
    status = {p["pack"]: p["status"] for p in result["packs"]}
    assert status == {
        "Ann": "changed",
        "Ben": "intact",
        "Cat": "intact",
        "Dan.zip": "intact",
        "junk.zip": "refused",
    }
    assert result["coverage"][0]["learners"] == 3
    packs = {p["pack"]: p for p in result["packs"]}
    assert "evidence/coaching.json" in packs["Ann"]["detail"]  # says why it changed


def test_empty_folder_is_refused(tmp_path: Path) -> None:
    with pytest.raises(CasekitError, match="no packs"):
        summarise_class(tmp_path, tmp_path / "out", progress=False)


def test_chart_is_deterministic_and_escaped() -> None:
    one = bar_chart(["AC1", "<script>alert(1)</script>"], [3, 1.5], title="T & <b>")
    assert one == bar_chart(["AC1", "<script>alert(1)</script>"], [3, 1.5], title="T & <b>")
    assert "<script>" not in one and "&lt;script&gt;" in one and "T &amp; &lt;b&gt;" in one


@given(st.lists(st.tuples(st.text(max_size=40), st.floats(0, 1e6)), max_size=12))
@settings(max_examples=100)
def test_chart_always_well_formed(rows: list[tuple[str, float]]) -> None:
    import xml.etree.ElementTree as ET

    svg = bar_chart([r[0] for r in rows], [r[1] for r in rows], title="x")
    ET.fromstring(svg)
    assert svg.count("<rect") == len(rows)
