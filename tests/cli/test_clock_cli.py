"""``casekit clock``: the what-if calculator on the command line, text and JSON."""

from __future__ import annotations

import json

import pytest

from casekit.cli import main


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    capsys.readouterr()
    try:
        code = main(list(argv))
    except SystemExit as stop:
        code = int(stop.code or 0)
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.parametrize(
    ("argv", "due", "day_one"),
    [
        (["foi", "--received", "2026-04-03"], "2026-05-05", "2026-04-07"),  # FOIA s10(1)
        (["foi", "--received", "19/12/2026"], "2027-01-21", "2026-12-21"),
        (["eir", "--received", "01/01/2027"], "2027-02-01", "2027-01-05"),
        (["foi", "--received", "2026-08-01"], "2026-09-01", "2026-08-04"),
        (
            ["foi", "--received", "2026-03-02", "--clarified", "2026-03-16"],
            "2026-04-16",
            "2026-03-18",
        ),
        (["sar", "--received", "2026-01-31"], "2026-03-02", "2026-02-01"),
        (
            ["complaint", "--received", "2026-06-01", "--acknowledged", "2026-06-02"],
            "2026-06-16",
            "2026-06-03",
        ),
        (
            ["complaint-stage2", "--received", "2026-06-01", "--acknowledged", "03/06/2026"],
            "2026-07-01",
            "2026-06-04",
        ),
        (["response", "--received", "2025-12-19T16:45"], "2026-01-07", "2025-12-22"),
        (["acknowledgement", "--received", "2025-12-19"], "2025-12-23", "2025-12-22"),
        (["foi", "--received", "2026-06-30T23:30Z"], "2026-07-30", "2026-07-02"),
        (
            ["response", "--received", "2025-11-27", "--profile", "five-day"],
            "2025-12-05",
            "2025-11-28",
        ),
    ],
)
def test_json_gives_due_day_one_and_days(capsys, argv, due, day_one):
    code, out, _ = run(capsys, "clock", *argv, "--json")
    assert code == 0
    data = json.loads(out)
    assert data["due"] == due and data["day_one"] == day_one
    assert data["days"] and {"date", "counted", "reason"} <= set(data["days"][0])
    assert sum(d["counted"] for d in data["days"]) == data["length"]


def test_text_prints_the_due_date_and_the_ledger(capsys):
    code, out, _ = run(capsys, "clock", "foi", "--received", "2026-04-03T10:15")
    assert code == 0
    assert out.startswith("Freedom of Information request: due Tue 5 May 2026")
    assert "Received: Fri 3 Apr 2026 at 10:15 (UK time)" in out
    assert "Easter Monday (England, Northern Ireland, Wales)" in out
    assert "Source: FOIA 2000 s10(1) and s10(6)" in out
    code, out, _ = run(capsys, "clock", "foi", "--received", "03/04/2026 16:45")
    assert code == 0 and "at 16:45 (UK time)" in out  # the UK way, with a time


@pytest.mark.parametrize(
    ("argv", "words"),
    [
        (["foi", "--received", "31/02/2026"], "is not a date"),
        (["foi", "--received", "2026-01-05", "--acknowledged", "2026-01-06"], "acknowledgement"),
        (["sar", "--received", "2026-01-05", "--clarified", "2026-01-09"], "asked"),
        (
            ["foi", "--received", "2026-01-05", "--profile", "nowhere"],
            "no shipped protocol profile",
        ),
    ],
)
def test_refusals_are_worded_for_people(capsys, argv, words):
    code, out, err = run(capsys, "clock", *argv)
    assert code == 2 and out == ""
    assert err.startswith("casekit: ") and words in err
    assert "Traceback" not in err


def test_an_unknown_kind_is_a_usage_error(capsys):
    code, _, err = run(capsys, "clock", "pothole", "--received", "2026-01-05")
    assert code == 2 and "invalid choice" in err
