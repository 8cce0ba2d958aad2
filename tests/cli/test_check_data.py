"""``casekit check-data``: every packaged file, or the files given, every problem printed."""

from __future__ import annotations

from pathlib import Path

import pytest

from casekit.cli import main
from casekit.rules.datafiles import packaged_files

CRITERIA = next(path for spec, path in packaged_files() if spec.name == "criteria")


def test_every_packaged_file_is_checked_and_sound(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check-data"]) == 0
    out = capsys.readouterr().out
    assert out.count("): no problems.\n") == len(packaged_files())
    assert f"{len(packaged_files())} files checked: no problems." in out


def test_a_broken_file_prints_every_problem_and_fails(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    ours = tmp_path / "our-criteria.toml"
    text = CRITERIA.read_text("utf-8")
    text = text.replace('outcomes = ["LO3"]', 'outcomes = ["LO9"]')
    text = text.replace("min_words = 4", "min_word = 4")
    text = text.replace('escalated = ["AC5"]', 'escalated = ["AC7"]')
    ours.write_text(text, encoding="utf-8")
    assert main(["check-data", str(ours), str(CRITERIA)]) == 1
    out = capsys.readouterr().out
    assert "(criteria catalogue): 3 problems:" in out
    assert "  - criteria[1].outcomes: names 'LO9', which is not an outcome" in out
    assert "  - reflection.min_word: unknown key (did you mean 'min_words'?)" in out
    assert "  - evidence.escalated: names 'AC7', which is not a criterion" in out
    assert "2 files checked: 1 with problems." in out


def test_kind_can_be_given_and_must_exist(tmp_path: Path, capsys: pytest.CaptureFixture[str]):
    odd = tmp_path / "odd.toml"
    odd.write_text('colour = "blue"\n', encoding="utf-8")
    assert main(["check-data", str(odd)]) == 1
    assert "--kind" in capsys.readouterr().out
    assert main(["check-data", "--kind", "coaching", str(odd)]) == 1
    assert "odd.toml (coaching texts): 3 problems:" in capsys.readouterr().out
    assert main(["check-data", "--kind", "nonsense", str(odd)]) == 2
    assert "no kind of data file called 'nonsense'" in capsys.readouterr().err
    assert main(["check-data", str(tmp_path / "missing.toml")]) == 1
    assert "there is no such file" in capsys.readouterr().out
