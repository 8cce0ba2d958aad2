"""The assessor's feedback back to the learner: exported from the ledger, loaded as one
event after its checks, shown on the desk and in the next pack."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from casekit import api
from casekit.errors import CasekitError
from casekit.evidence.export import export_pack
from tests.worked import worked_workspace

DAY = "2026-03-20"


@pytest.fixture
def judged(tmp_path: Path) -> dict[str, Path]:
    with worked_workspace(tmp_path / "ws", cases=1, learner="Ann", seed=1) as ws:
        export_pack(ws, tmp_path / "pack")
    with worked_workspace(tmp_path / "other", cases=1, learner="Ben", seed=2) as ws:
        export_pack(ws, tmp_path / "other-pack")
    pat, ivy = tmp_path / "pat", tmp_path / "ivy"
    key, _pub = api.new_key_pair(tmp_path / "pat-key", "Pat Assessor")
    api.record_decision(pat, tmp_path / "pack", "AC1", "met", "", "Pat Assessor", DAY, key=key)
    api.record_decision(
        pat, tmp_path / "pack", "AC3", "partly met", "Add the member's approval.",
        "Pat Assessor", DAY, key=key,
    )  # fmt: skip
    api.record_iqa_sample(
        ivy, tmp_path / "pack", "interim", ["AC3"], "accept", "Ivy Quality", DAY,
        decisions_from=[pat],
    )  # fmt: skip
    return {"root": tmp_path, "pat": pat, "ivy": ivy, "pub": tmp_path / "pat-key.pub"}


def test_feedback_goes_back_and_shows_in_the_next_pack(judged: dict[str, Path]) -> None:
    root = judged["root"]
    sent = api.export_assessor_feedback([judged["pat"], judged["ivy"]], root / "pack", root / "fb")
    assert sent.parent == root / "fb" and sent.name.endswith("-feedback.json")
    with api.open_workspace(root / "ws") as ws:
        before = ws.log.count()
        event = api.load_assessor_feedback(ws, sent)
        assert event.kind == "assessor_feedback_loaded" and ws.log.count() == before + 1
        assert event.data["checked"] == (
            "2 of 3 entries signed; signatures not checked (no centre keys given)"
        )
        shown = api.assessor_feedback(ws)
        assert [d["criterion"] for d in shown["decisions"]] == ["AC1", "AC3"]
        assert shown["decisions"][1]["feedback"] == "Add the member's approval."
        assert shown["iqa"][0]["iqa"] == "Ivy Quality"
        with pytest.raises(CasekitError, match="already loaded"):
            api.load_assessor_feedback(ws, sent)
        export_pack(ws, root / "pack2")
    page = (root / "pack2" / "index.html").read_text()
    assert "Add the member&#39;s approval." in page and "Ivy Quality" in page
    assert api.verify_pack(root / "pack2").consistent


def test_signatures_are_checked_with_the_centres_keys(judged: dict[str, Path]) -> None:
    root = judged["root"]
    sent = api.export_assessor_feedback([judged["pat"]], root / "pack", root / "fb.json")
    api.new_key_pair(root / "someone", "Someone Else")
    with api.open_workspace(root / "ws") as ws:
        with pytest.raises(CasekitError, match="does not trust"):
            api.load_assessor_feedback(ws, sent, trust=root / "someone.pub")
        event = api.load_assessor_feedback(ws, sent, trust=judged["pub"])
    assert event.data["checked"] == "every signature checked against the centre's keys"


def test_feedback_that_is_not_this_learners_is_refused(judged: dict[str, Path]) -> None:
    root = judged["root"]
    sent = api.export_assessor_feedback([judged["pat"]], root / "pack", root / "fb.json")
    with api.open_workspace(root / "other") as ws:
        count = ws.log.count()
        with pytest.raises(CasekitError, match="another workspace"):
            api.load_assessor_feedback(ws, sent)
        assert ws.log.count() == count
    data = json.loads(sent.read_text())
    data["decisions"][1]["decision"] = "met"  # changed after export
    sent.write_text(json.dumps(data))
    with api.open_workspace(root / "ws") as ws, pytest.raises(CasekitError, match="changed"):
        api.load_assessor_feedback(ws, sent)
    sent.write_text("{}")
    with api.open_workspace(root / "ws") as ws, pytest.raises(CasekitError, match="not a casekit"):
        api.load_assessor_feedback(ws, sent)


def test_feedback_on_a_rewritten_log_is_refused(judged: dict[str, Path]) -> None:
    root = judged["root"]
    sent = api.export_assessor_feedback([judged["pat"]], root / "pack", root / "fb.json")
    data = json.loads(sent.read_text())
    with api.open_workspace(root / "ws") as ws:
        judged_at = data["decisions"][0]["pack_events"]
        assert ws.log.count() >= judged_at
    # The same entries claimed for a later point of the log, re-hashed: not what was judged.
    from casekit.evidence.assessor import entry_hash

    for entry in data["decisions"]:
        entry["pack_events"] += 100
        entry.pop("signature", None)
        entry["hash"] = entry_hash(entry)
    sent.write_text(json.dumps(data))
    with api.open_workspace(root / "ws") as ws, pytest.raises(CasekitError, match="differs"):
        api.load_assessor_feedback(ws, sent)


def test_no_decisions_no_feedback(judged: dict[str, Path]) -> None:
    root = judged["root"]
    with pytest.raises(CasekitError, match="no decisions"):
        api.export_assessor_feedback([root / "nobody"], root / "pack", root / "fb.json")
