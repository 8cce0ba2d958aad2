"""Formula-safe CSV cells: nothing a spreadsheet could split off starts a formula."""

from __future__ import annotations

import csv
import io

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from casekit.evidence.csvsafe import frame_csv, is_safe, safe_cell, to_csv


@pytest.mark.parametrize(
    "value,expected",
    [
        ("=1+1", "'=1+1"),
        ("+44 1632", "'+44 1632"),
        ("-3", "'-3"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tx", "'\tx"),
        ("\rx", "'\rx"),
        ("  =1", "'  =1"),
        ("Centre;=1+1", "Centre;'=1+1"),
        ("a, -b", "a, '-b"),
        ("Ann Lee", "Ann Lee"),
        ("Smith - Jones", "Smith - Jones"),
        ("", ""),
        (None, ""),
        (3, "3"),
        (True, "yes"),
    ],
)
def test_cells(value: object, expected: str) -> None:
    assert safe_cell(value) == expected


@given(st.text(max_size=60))
@settings(max_examples=300)
def test_any_text_is_made_safe_and_keeps_its_characters(text: str) -> None:
    cell = safe_cell(text)
    assert is_safe(cell)
    assert cell.replace("'", "") == text.replace("'", "")


@given(st.lists(st.text(max_size=20), min_size=1, max_size=5))
@settings(max_examples=100)
def test_to_csv_reads_back_safe(values: list[str]) -> None:
    columns = [f"c{i}" for i in range(len(values))]
    text = to_csv([dict(zip(columns, values, strict=True))], columns)
    (row,) = list(csv.DictReader(io.StringIO(text, newline="")))
    assert all(is_safe(v) for v in row.values())


def test_frames_keep_numbers_and_neutralise_text() -> None:
    frame = pd.DataFrame({"name": ["=cmd", "Ann"], "score": [-1, 2], "=bad": ["x", "y"]})
    text = frame_csv(frame)
    assert text.splitlines() == ["name,score,'=bad", "'=cmd,-1,x", "Ann,2,y"]
