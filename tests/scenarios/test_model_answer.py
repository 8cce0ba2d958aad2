"""The model answer (``casekit.scenarios.model_answer``): a good-practice run of a pack
earns every planted trap ``handled``, raises no common mistake, closes every case, and
covers every criterion AC1..AC5 sufficiently.

``days`` is the smallest number of simulated working days in which the model answer closes
every case of that pack (found by running it day by day) plus two; one run goes on well past that,
so that answers arriving after a case is closed are covered too.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from casekit.api.workspaces import new_workspace
from casekit.feedback.coaching import coach, load_key
from casekit.feedback.coverage import coverage
from casekit.rules.criteria import load_criteria
from casekit.scenarios.generate import generate, render
from casekit.scenarios.model_answer import finish_portfolio, work_pack

ROOT = Path(__file__).resolve().parents[2]
# Two working days of margin, so a small change in how packs are generated does not make
# the test fail for want of a day.
SHIPPED = [("intro", 17), ("standard", 23), ("challenge", 22)]
GENERATED = [(7, 8, "standard", 20), (11, 8, "challenge", 30)]


def _check_model_answer(tmp_path: Path, pack: Path, key: dict, days: int) -> None:
    ws = new_workspace(tmp_path / "ws", pack=pack, learner="model")
    try:
        run = work_pack(ws, key, days=days)
        finish_portfolio(ws)
        state = ws.state()
        assert len(run.cases) == len(key["cases"]) == len(state.cases)
        assert {c.status for c in state.cases.values()} == {"closed"}
        assert run.replies == len(state.cases)

        report = coach(ws, key)
        assert report.mistakes == [], report.text()
        assert report.traps and all(t.status == "handled" for t in report.traps), report.text()
        planted = sum(len(entry["traps"]) for entry in key["cases"])
        assert report.counts["handled"] == planted

        assert report.for_review == [] and report.counts["for_review"] == 0

        catalogue = load_criteria()
        cov = coverage(ws.events(), catalogue, state)
        assert sorted(cov.sufficiency) == ["AC1", "AC2", "AC3", "AC4", "AC5"]
        assert all(s.met for s in cov.sufficiency.values()), cov.sufficiency
        assert all(not item.flaws for item in cov.items), [i.flaws for i in cov.items]
        assert cov.gaps == []

        # The simulated people are satisfied with a run that kept the protocol.
        answers = ws.events(kinds=["feedback_received"])
        assert answers and all(a.data["reasons"] == [] for a in answers), [
            (a.case, a.data["stakeholder"], a.data["reasons"]) for a in answers
        ]
        assert min(a.data["score"] for a in answers) >= 4
    finally:
        ws.close()


@pytest.mark.parametrize(("name", "days"), SHIPPED)
def test_the_model_answer_handles_every_shipped_pack(tmp_path: Path, name: str, days: int) -> None:
    key = load_key(ROOT / "scenarios" / "keys" / f"{name}.key.json")
    _check_model_answer(tmp_path, ROOT / "scenarios" / f"{name}.json", key, days)


@pytest.mark.parametrize(("seed", "cases", "difficulty", "days"), GENERATED)
def test_the_model_answer_handles_generated_packs(
    tmp_path: Path, seed: int, cases: int, difficulty: str, days: int
) -> None:
    pack_text, key_text = render(*generate(seed, cases, difficulty))
    (tmp_path / "pack.json").write_text(pack_text, encoding="utf-8")
    _check_model_answer(tmp_path, tmp_path / "pack.json", json.loads(key_text), days)


def test_too_few_days_leaves_cases_open_and_says_so(tmp_path: Path) -> None:
    """The coach does not pretend: a run cut short shows traps still in progress."""
    key = load_key(ROOT / "scenarios" / "keys" / "standard.key.json")
    ws = new_workspace(tmp_path / "ws", pack=ROOT / "scenarios" / "standard.json")
    try:
        work_pack(ws, key, days=3)
        report = coach(ws, key)
        assert report.counts["mishandled"] == 0 and report.mistakes == []
        assert report.counts["not_reached"] + report.counts["in_progress"] > 0
    finally:
        ws.close()


def test_answers_arriving_after_closure_are_logged_not_flagged(tmp_path: Path) -> None:
    """A service that replies after the model answer has closed the case (its promised date
    came first) still has its answer logged and passed on."""
    pack_text, key_text = render(*generate(4, 8, "standard"))
    (tmp_path / "pack.json").write_text(pack_text, encoding="utf-8")
    key = json.loads(key_text)
    ws = new_workspace(tmp_path / "ws", pack=tmp_path / "pack.json")
    try:
        work_pack(ws, key, days=36)
        state = ws.state()
        late = [
            (c, r)
            for c in state.cases.values()
            for r in c.service_replies
            if c.closed_at and r.at > c.closed_at
        ]
        assert late, "this pack was chosen for a service that answers after closure"
        for case, answer in late:
            assert any(e.kind == "contact_logged" and e.seq > answer.seq for e in case.timeline)
        assert coach(ws, key).mistakes == []
    finally:
        ws.close()


def test_work_pack_refuses_a_file_that_is_not_a_key(tmp_path: Path) -> None:
    from casekit.errors import CasekitError

    (tmp_path / "key.json").write_text("[]", encoding="utf-8")
    ws = new_workspace(tmp_path / "ws", pack=ROOT / "scenarios" / "intro.json")
    try:
        with pytest.raises(CasekitError):
            work_pack(ws, tmp_path / "key.json", days=1)
    finally:
        ws.close()
