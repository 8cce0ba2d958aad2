"""Per-learner results from a roster, collected packs and the answer keys."""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

import pytest

from casekit import api
from casekit.cli import main
from casekit.evidence.charts import bar_chart, wrap

ROSTER = 'Learner ID,Name\nA1,Ann Lee\nB2,"Brown, Bo"\nC3,Cy Dee\nD4,=HYPERLINK("x")\n'


@pytest.fixture(scope="module")
def course(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A class of four: Ann works her cases in full (and sends a folder and its zip),
    Bo stops after a day, Cy works in full; Di sends nothing."""
    root = tmp_path_factory.mktemp("learners")
    (root / "roster.csv").write_text(ROSTER)
    api.make_class_pack(root / "roster.csv", 7, root / "class", cases=3, workspaces=root / "ws")
    for lid, days in [("A1", 25), ("B2", 1), ("C3", 25)]:
        with api.open_workspace(root / "ws" / lid) as ws:
            api.work_model_answer(
                ws, root / "class" / "tutor" / "keys" / f"{lid}.key.json", days=days
            )
            api.finish_portfolio(ws)
            api.export_pack(ws, root / "collected" / lid, zip_pack=lid == "A1")
    return root


def test_one_row_per_learner_on_the_roster_with_trap_results(course: Path) -> None:
    found = api.class_results(
        course / "collected", roster=course / "roster.csv", keys=course / "class"
    )
    table = found["table"]
    assert list(table["learner_id"]) == ["A1", "B2", "C3", "D4"]
    assert list(table["submitted"]) == ["yes", "yes", "yes", "no"]
    rows = {r["learner_id"]: r for r in found["learners"]}
    assert rows["A1"]["pack"] in ("A1", "A1.zip")  # a folder and its zip: one learner
    assert rows["A1"]["traps_mishandled"] == 0 and rows["A1"]["traps_missed"] == 0
    assert rows["A1"]["traps_handled"] > 0
    assert rows["B2"]["traps_missed"] > 0 and "missed" in rows["B2"]["struggling_with"]
    assert rows["B2"]["name"] == "Brown, Bo"  # the roster's name, not the pack's
    assert rows["B2"]["AC3"] in ("not yet", "partly") and rows["A1"]["AC3"] == "met"
    assert rows["D4"]["integrity"] == "" and str(table.loc[3, "traps_handled"]) == "<NA>"
    traps = found["traps"]
    assert traps[0]["missed"] >= 1 and "B2" in traps[0]["who_missed"]
    status = {p["pack"]: p["detail"] for p in found["packs"]}
    assert status["A1.zip"] == "the same work as A1, counted once"


def test_without_keys_there_are_no_trap_counts_but_mistakes_are_counted(course: Path) -> None:
    found = api.class_results(course / "collected", roster=course / "roster.csv")
    row = found["learners"][0]
    assert "traps_handled" not in row and row["mistakes"] == 0


def test_a_key_for_another_pack_is_not_used(course: Path, tmp_path: Path) -> None:
    keys = tmp_path / "keys"
    keys.mkdir()
    shutil.copy(course / "class" / "tutor" / "keys" / "B2.key.json", keys / "A1.key.json")
    found = api.class_results(course / "collected", roster=course / "roster.csv", keys=keys)
    rows = {r["learner_id"]: r for r in found["learners"]}
    assert "no answer key" in rows["C3"]["notes"]
    assert "traps_handled" not in rows["C3"]


def test_class_summary_command_writes_csv_and_xlsx(course: Path, tmp_path: Path) -> None:
    from openpyxl import load_workbook

    out = tmp_path / "summary"
    status = main(
        [
            "class-summary",
            str(course / "collected"),
            "--roster",
            str(course / "roster.csv"),
            "--keys",
            str(course / "class" / "tutor" / "keys"),
            "--out",
            str(out),
            "--no-progress",
        ]
    )
    assert status == 1  # Ann's and Cy's model answers share learner-written text: flagged
    rows = list(csv.DictReader((out / "learners.csv").open()))
    assert [r["submitted"] for r in rows] == ["yes", "yes", "yes", "no"]
    assert rows[3]["name"] == '\'=HYPERLINK("x")'  # formula-safe
    sheet = load_workbook(out / "learners.xlsx").active
    header = [c.value for c in sheet[1]]
    assert header[:4] == ["learner_id", "name", "submitted", "pack"] and "AC3" in header
    assert sheet.cell(row=5, column=2).value == '\'=HYPERLINK("x")'
    assert sheet.cell(row=5, column=2).data_type == "s"  # text, not a formula
    assert sheet.auto_filter.ref
    b2 = [c.value for c in sheet[3]]
    from casekit.evidence.tables import WORDS

    for criterion in (h for h in header if str(h).startswith("AC")):
        word = b2[header.index(criterion)]
        colour = sheet.cell(row=3, column=header.index(criterion) + 1).fill.fgColor.rgb
        assert word in ("met", "partly", "not yet")
        assert colour.upper().endswith(WORDS[word][0].upper().lstrip("#")), (criterion, word)
    assert b2[header.index("AC3")] != "met"  # a learner who stopped after a day
    traps = list(csv.DictReader((out / "traps.csv").open()))
    assert any("B2" in t["who_missed"] for t in traps)


def test_review_takes_the_keys_too(course: Path, tmp_path: Path) -> None:
    packs = [course / "collected" / "A1", course / "collected" / "B2"]
    table = api.review_table(packs, keys=course / "class")
    assert table["traps_missed"].iloc[0] == 0 and table["traps_missed"].iloc[1] > 0
    assert "missed" in table["trap_problems"].iloc[1]


def test_results_html_is_coloured_and_escaped(course: Path) -> None:
    found = api.class_results(course / "collected", roster=course / "roster.csv")
    page = api.results_html(found["table"], caption="Class")
    assert "#fbd9d7" in page and "#d8f0dc" in page
    assert "=HYPERLINK(&quot;x&quot;)" in page or "=HYPERLINK(&#34;x&#34;)" in page


def test_mistakes_chart_shows_whole_labels() -> None:
    label = "Passing information on without verifying it is current and accurate"
    svg = bar_chart([label, "Short"], [3, 1], title="Most common mistakes")
    shown = " ".join(
        part.split("</tspan>")[0] for part in svg.split('">')[1:] if "</tspan>" in part
    )
    assert all(word in shown for word in label.split())
    assert "…" not in svg


def test_wrap_keeps_every_character() -> None:
    text = "a" * 70 + " bb cc"
    lines = wrap(text, 28)
    assert all(len(line) <= 28 for line in lines)
    assert "".join(lines).replace(" ", "") == text.replace(" ", "")
