"""Class packs from a roster: layout, keys kept apart, bad rosters refused, nothing written."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from casekit.errors import CasekitError
from casekit.scenarios.classpack import Learner, make_class_pack, parse_roster
from casekit.scenarios.generate import generate, render
from casekit.scenarios.pack import read_key, read_pack

REPO = Path(__file__).resolve().parents[2]


def _roster(tmp_path: Path, text: str | bytes) -> Path:
    path = tmp_path / "roster.csv"
    path.write_bytes(text.encode() if isinstance(text, str) else text)
    return path


def test_class_pack_layout(tmp_path: Path):
    roster = _roster(
        tmp_path, "learner_id,name,email\nA01,Asha Patel,asha@example.org\nB02,Ben Jones,\n"
    )
    out = tmp_path / "class"
    make_class_pack(roster, 77, out, cases=3, difficulty="intro")
    assert sorted(p.name for p in (out / "packs").iterdir()) == ["A01.json", "B02.json"]
    assert sorted(p.name for p in (out / "tutor" / "keys").iterdir()) == [
        "A01.key.json",
        "B02.key.json",
    ]
    a = read_pack(out / "packs" / "A01.json")
    key = read_key(out / "tutor" / "keys" / "A01.key.json")
    assert a["learner"] == "A01" and key["pack_id"] == a["pack_id"]
    rows = list(csv.DictReader((out / "class-list.csv").open()))
    assert [r["learner_id"] for r in rows] == ["A01", "B02"]
    assert rows[0]["pack"] == "packs/A01.json" and len(rows[0]["pack_sha256"]) == 64
    b = json.loads((out / "packs" / "B02.json").read_text())
    fresh, fresh_key = render(*generate(77, 3, "intro", learner="B02"))
    assert (out / "packs" / "B02.json").read_text("utf-8") == fresh
    assert (out / "tutor" / "keys" / "B02.key.json").read_text("utf-8") == fresh_key
    assert a["cases"] != b["cases"]
    assert not list(tmp_path.glob(".class.*"))  # no temporary folder left behind


def test_same_roster_and_seed_give_the_same_files(tmp_path: Path):
    roster = _roster(tmp_path, "learner_id,name\nL1,Lee\nL2,Kim\n")
    make_class_pack(roster, 5, tmp_path / "one", cases=2)
    make_class_pack(roster, 5, tmp_path / "two", cases=2)
    for relative in ("packs/L1.json", "tutor/keys/L2.key.json", "class-list.csv"):
        assert (tmp_path / "one" / relative).read_bytes() == (
            tmp_path / "two" / relative
        ).read_bytes()


BAD_ROSTERS = [
    ("learner_id,name\nA1,Ann\nA1,Bob\n", "row 3, column learner_id"),
    ("learner_id,name\nA1,Ann\na1,Bob\n", "row 3, column learner_id"),
    ("learner_id,name\nA1,\n", "row 2, column name"),
    ("learner_id,name\n,Ann\n", "row 2, column learner_id"),
    ("student,full name\nA1,Ann\n", "missing column"),
    ("learner_id,shoe_size\nA1,9\n", "missing column.*a name"),
    ("learner_id,forename\nA1,Ann\n", "missing column.*surname"),
    ("Learner ID,Name,Student Number\nA1,Ann,1\n", "both give the learner id"),
    ("Student Number;Forename;Surname\n1001;Ada;\n", "row 2, column Surname"),
    ("Learner ID,Name\nA 1,Ann\n", "row 2, column Learner ID"),
    ("learner_id,name\nA1,Ann,extra\n", "row 2"),
    ("learner_id,name\n../etc,Ann\n", "row 2, column learner_id"),
    ("learner_id,name,email\nA1,Ann,not-an-email\n", "row 2, column email"),
    ("", "empty"),
    ("learner_id,name\n", "no learners"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00", "not a CSV"),
    (b"learner_id,name\n\xff\xfeA1,Ann\n", "UTF-8"),
]


@pytest.mark.parametrize("text,message", BAD_ROSTERS)
def test_bad_rosters_are_refused_and_nothing_is_written(tmp_path: Path, text, message):
    roster = _roster(tmp_path, text)
    out = tmp_path / "class"
    with pytest.raises(CasekitError, match=message):
        make_class_pack(roster, 1, out, cases=1)
    assert not out.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["roster.csv"]


def test_an_existing_non_empty_folder_is_not_overwritten(tmp_path: Path):
    roster = _roster(tmp_path, "learner_id,name\nA1,Ann\n")
    out = tmp_path / "class"
    out.mkdir()
    (out / "notes.txt").write_text("mine")
    with pytest.raises(CasekitError, match="not an empty folder"):
        make_class_pack(roster, 1, out, cases=1)
    assert [p.name for p in out.iterdir()] == ["notes.txt"]


ids = st.from_regex(r"[A-Za-z0-9][A-Za-z0-9_.-]{0,10}", fullmatch=True)
names = st.text(st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=20).filter(
    lambda s: s.strip() != ""
)


@settings(max_examples=80)
@given(
    st.lists(st.tuples(ids, names), min_size=1, max_size=8, unique_by=lambda row: row[0].casefold())
)
def test_roster_parser_reads_back_any_clean_roster(rows):
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["learner_id", "name"])
    writer.writerows(rows)
    learners = parse_roster(out.getvalue().encode())
    assert learners == [Learner(i, " ".join(n.split())) for i, n in rows]


@settings(max_examples=150)
@given(st.binary(max_size=200) | st.text(max_size=200))
def test_roster_parser_never_crashes(data):
    try:
        learners = parse_roster(data)
    except CasekitError as err:
        assert err.field
    else:
        assert learners and all(learner.learner_id and learner.name for learner in learners)


@pytest.mark.slow
def test_class_pack_command(tmp_path: Path):
    roster = _roster(tmp_path, "learner_id,name\nA1,Ann\nB2,Bob\n")
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "casekit",
            "class-pack",
            "--roster",
            str(roster),
            "--seed",
            "3",
            "--out",
            str(tmp_path / "out"),
            "--cases",
            "2",
            "--difficulty",
            "intro",
        ],
        capture_output=True,
        text=True,
        cwd=REPO,
    )
    assert result.returncode == 0, result.stderr
    assert "tutor/keys" in result.stdout
    assert "class packs" in result.stderr  # the progress bar
    bad = _roster(tmp_path, "learner_id,name\nA1,Ann\nA1,Bob\n")
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "casekit",
            "class-pack",
            "--roster",
            str(bad),
            "--seed",
            "3",
            "--out",
            str(tmp_path / "out2"),
        ],
        capture_output=True,
        text=True,
        cwd=REPO,
    )
    assert result.returncode == 2 and "row 3" in result.stderr
    assert not (tmp_path / "out2").exists()


MIS_ROSTERS = [
    # (what an MIS or spreadsheet writes, the learners read)
    ("Learner ID,Name\nA1,Ann Lee\n", [("A1", "Ann Lee", "")]),
    ("\ufeffStudent Number;Forename;Surname\n1001;Ada;Lovelace\n", [("1001", "Ada Lovelace", "")]),
    ('"Student No","Name","Course"\n"7","Lovelace, Ada","L3"\n', [("7", "Lovelace, Ada", "")]),
    ("learner_id\tname\temail\nB2\tBo  Li\tbo@example.org\n", [("B2", "Bo Li", "bo@example.org")]),
    ("\n\nLEARNER_ID , NAME \nC3,Cy\n\n", [("C3", "Cy", "")]),
    ("ULN;Person code;Forenames;Last name\n123;P9;Jo;Bloggs\n", [("P9", "Jo Bloggs", "")]),
]


@pytest.mark.parametrize("text,expected", MIS_ROSTERS)
def test_rosters_as_mis_exports_write_them(text: str, expected: list[tuple[str, str, str]]):
    for data in (text, text.encode("utf-8")):
        learners = parse_roster(data)
        assert [(x.learner_id, x.name, x.email) for x in learners] == expected


def test_registration_is_read_when_the_roster_has_it():
    (learner,) = parse_roster("Person code,Name,ULN\nP9,Jo Bloggs,1234567890\n")
    assert learner.registration == "1234567890"


def test_class_list_cells_cannot_run_as_formulas(tmp_path: Path):
    roster = _roster(
        tmp_path,
        'learner_id,name\nA1,"=HYPERLINK(""http://x"",""y"")"\nB2,Centre;=1+1\nC3,@SUM(A1)\n',
    )
    make_class_pack(roster, 1, tmp_path / "class", cases=1)
    text = (tmp_path / "class" / "class-list.csv").read_text()
    rows = list(csv.DictReader(io.StringIO(text)))
    assert [r["name"] for r in rows] == [
        '\'=HYPERLINK("http://x","y")',
        "Centre;'=1+1",
        "'@SUM(A1)",
    ]
    for line in text.splitlines():  # split as a ';' locale would split it: no formula
        for cell in line.replace(",", ";").split(";"):
            assert not cell.strip('"').startswith(("=", "+", "@"))


def test_workspaces_for_the_whole_class_carry_the_roster_names(tmp_path: Path):
    from casekit import api

    roster = _roster(tmp_path, "Student Number;Forename;Surname\n1001;Ada;Lovelace\n1002;Bo;Li\n")
    made = api.make_class_pack(
        roster, 4, tmp_path / "class", cases=2, workspaces=tmp_path / "ws", centre="Loamshire"
    )
    assert made["workspaces"] == [str(tmp_path / "ws" / "1001"), str(tmp_path / "ws" / "1002")]
    with api.open_workspace(tmp_path / "ws" / "1001") as ws:
        state = ws.state()
        assert state.learner["name"] == "Ada Lovelace" and state.learner["centre"] == "Loamshire"
        assert state.pack["learner"] == "1001"
    assert oct((tmp_path / "ws").stat().st_mode & 0o777) != oct(0o700)
    assert not list(tmp_path.glob(".ws.*"))


def test_workspaces_folder_in_use_is_refused_before_anything_is_written(tmp_path: Path):
    from casekit import api

    roster = _roster(tmp_path, "learner_id,name\nA1,Ann\n")
    (tmp_path / "ws").mkdir()
    (tmp_path / "ws" / "someone").mkdir()
    with pytest.raises(CasekitError, match="not an empty folder"):
        api.make_class_pack(roster, 1, tmp_path / "class", cases=1, workspaces=tmp_path / "ws")
    assert not (tmp_path / "class").exists()
    assert [p.name for p in (tmp_path / "ws").iterdir()] == ["someone"]
