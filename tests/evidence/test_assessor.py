"""Assessor decisions and IQA samples in the assessor's own ledger (never in a pack),
signed decisions, and reviewing a batch of packs."""

from __future__ import annotations

import csv
import json
import shutil
from datetime import UTC, datetime
from pathlib import Path

import pytest

from casekit.cli import main
from casekit.errors import CasekitError
from casekit.evidence.assessor import read_ledger, record_decision, record_for, record_iqa_sample
from casekit.evidence.export import export_pack
from casekit.evidence.keys import new_key_pair
from casekit.evidence.review import review
from casekit.evidence.verify import verify_pack
from casekit.record.log import canonical
from tests.worked import worked_workspace

NOW = datetime(2026, 5, 1, 12, 0, tzinfo=UTC)


@pytest.fixture(scope="module")
def packs(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("class")
    for n, (cases, name) in enumerate([(1, "Ann Able"), (2, "Ben Bright"), (3, "Cat Clear")]):
        with worked_workspace(
            root / f"ws{n}", cases=cases, learner=name, seed=100 + n, own_words=name
        ) as ws:
            export_pack(ws, root / "packs" / f"learner{n}", zip_pack=n == 2)
    shutil.rmtree(root / "packs" / "learner2")  # that learner sent only the zip
    return root / "packs"


@pytest.fixture
def pack(packs: Path, tmp_path: Path) -> Path:
    copy = tmp_path / "pack"
    shutil.copytree(packs / "learner1", copy)
    return copy


def _decide(ledger: Path, pack: Path, **kwargs: object) -> dict:
    args = {
        "criterion": "AC1",
        "decision": "met",
        "feedback": "ok",
        "assessor": "Pat Assessor",
        "on": "2026-04-01",
        "now": NOW,
        **kwargs,
    }
    return record_decision(ledger, pack, **args)  # type: ignore[arg-type]


def _workspace_id(pack: Path) -> str:
    return json.loads((pack / "manifest.json").read_text())["workspace_id"]


def test_decisions_are_kept_in_the_assessors_ledger(pack: Path, tmp_path: Path) -> None:
    ledger = tmp_path / "ledger"
    before = {p: p.read_bytes() for p in pack.rglob("*") if p.is_file()}
    _decide(ledger, pack, feedback="Clear verification records.")
    _decide(ledger, pack, criterion="AC5", decision="partly met", feedback="Add a clock.")
    _decide(ledger, pack, criterion="AC5", on="2026-04-08", feedback="Second item added.")
    assert {p: p.read_bytes() for p in pack.rglob("*") if p.is_file()} == before
    assert not (pack / "assessor").exists()
    record = record_for(read_ledger(ledger), _workspace_id(pack))
    assert record.latest()["AC5"]["decision"] == "met" and len(record.decisions) == 3
    head = json.loads((pack / "manifest.json").read_text())["chain"]
    assert {(d["pack_events"], d["pack_head"]) for d in record.decisions} == {
        (head["events"], head["head"])
    }
    record_iqa_sample(
        ledger, pack, "interim", ["AC1", "AC5"], "accept", "Ira Quality", "2026-04-10", now=NOW
    )
    assert record_for(read_ledger(ledger), _workspace_id(pack)).iqa[0]["criteria"] == [
        "AC1",
        "AC5",
    ]


@pytest.mark.parametrize("attack", ["edit", "delete-middle", "reorder"])
def test_a_changed_ledger_is_refused(pack: Path, tmp_path: Path, attack: str) -> None:
    ledger = tmp_path / "ledger"
    for criterion in ("AC1", "AC2", "AC3"):
        _decide(ledger, pack, criterion=criterion, decision="not met", feedback="More.")
    path = ledger / "decisions.jsonl"
    lines = path.read_text().splitlines()
    if attack == "edit":
        entry = json.loads(lines[0])
        entry["decision"] = "met"
        lines[0] = canonical(entry)
    elif attack == "delete-middle":
        del lines[1]
    else:
        lines[0], lines[1] = lines[1], lines[0]
    path.write_text("\n".join(lines) + "\n")
    with pytest.raises(CasekitError) as err:
        read_ledger(ledger)
    assert err.value.rule == "assessor-ledger"
    assert "was changed, removed or moved after it was written" in err.value.message
    with pytest.raises(CasekitError):
        _decide(ledger, pack, criterion="AC4")


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"criterion": "AC9"}, "criterion"),
        ({"decision": "excellent"}, "decision"),
        ({"assessor": " "}, "assessor"),
        ({"on": "next tuesday"}, "date"),
        ({"on": "2026-05-02"}, "date"),  # in the future (NOW is 1 May 2026)
        ({"on": "2026-03-01"}, "date"),  # before the learner's course began (2 March)
        ({"decision": "not met", "feedback": ""}, "feedback"),
    ],
)
def test_bad_decisions_are_refused(
    pack: Path, tmp_path: Path, kwargs: dict[str, str], field: str
) -> None:
    with pytest.raises(CasekitError) as err:
        _decide(tmp_path / "ledger", pack, **kwargs)
    assert err.value.rule == "assessor-decision" and err.value.field == field
    assert not (tmp_path / "ledger" / "decisions.jsonl").exists()


def test_a_ledger_that_is_a_file_is_refused(pack: Path, tmp_path: Path) -> None:
    (tmp_path / "assessor").write_text("not a folder")
    with pytest.raises(CasekitError) as err:
        _decide(tmp_path / "assessor", pack)
    assert err.value.rule == "assessor-ledger" and "is a file" in err.value.message


def test_bad_iqa_samples_are_refused(pack: Path, tmp_path: Path) -> None:
    ledger = tmp_path / "ledger"
    _decide(ledger, pack)

    def sample(*args: object, **kwargs: object) -> dict:
        return record_iqa_sample(ledger, pack, *args, now=NOW, **kwargs)  # type: ignore[misc]

    with pytest.raises(CasekitError, match="stage"):
        sample("final", ["AC1"], "accept", "Ira", "2026-04-10")
    with pytest.raises(CasekitError, match="outcome"):
        sample("interim", ["AC1"], "maybe", "Ira", "2026-04-10")
    with pytest.raises(CasekitError, match="criteria"):
        sample("interim", [], "accept", "Ira", "2026-04-10")
    with pytest.raises(CasekitError, match="comments"):
        sample("summative", ["AC1"], "reject", "Ira", "2026-04-10")
    with pytest.raises(CasekitError, match="no decision on AC2"):
        sample("interim", ["AC2"], "accept", "Ira", "2026-04-10")
    with pytest.raises(CasekitError, match="cannot quality-assure"):
        sample("interim", ["AC1"], "accept", "  pat  ASSESSOR ", "2026-04-10")
    with pytest.raises(CasekitError, match="future"):
        sample("interim", ["AC1"], "accept", "Ira", "2027-01-01")
    assert len(read_ledger(ledger)) == 1


def test_decision_on_a_changed_pack_is_refused(pack: Path, tmp_path: Path) -> None:
    (pack / "cases.csv").write_text("case\nforged\n")
    with pytest.raises(CasekitError) as err:
        _decide(tmp_path / "ledger", pack)
    assert err.value.rule == "pack-integrity" and "cases.csv" in str(err.value)


def test_signed_decisions_are_checked_against_the_centres_keys(pack: Path, tmp_path: Path) -> None:
    keys = tmp_path / "keys"
    pat_key, _pat_pub = new_key_pair(keys / "pat", "Pat Assessor")
    ira_key, ira_pub = new_key_pair(keys / "ira", "Ira Quality")
    assert pat_key.stat().st_mode & 0o077 == 0  # the private key is its owner's alone
    with pytest.raises(CasekitError, match="already exists"):
        new_key_pair(keys / "pat", "Pat Assessor")
    ledger = tmp_path / "ledger"
    with pytest.raises(CasekitError, match="not Sam"):
        _decide(ledger, pack, assessor="Sam Other", key=pat_key)
    entry = _decide(ledger, pack, key=pat_key)
    assert entry["signature"]["holder"] == "Pat Assessor"
    with pytest.raises(CasekitError, match="cannot quality-assure"):  # same key, other name
        record_iqa_sample(
            ledger, pack, "interim", ["AC1"], "accept", "Pat Assessor", "2026-04-10", now=NOW
        )
    record_iqa_sample(
        ledger,
        pack,
        "interim",
        ["AC1"],
        "accept",
        "Ira Quality",
        "2026-04-10",
        key=ira_key,
        now=NOW,
    )
    rows, _ = review([pack], ledger=ledger, trust=keys)
    assert rows[0]["AC1_decision"] == "met"
    assert not rows[0]["assessor_ledger"].startswith("CONTRADICTED"), rows[0]
    # Only Ira's key trusted: Pat's decision is signed by a key the centre does not trust.
    rows, _ = review([pack], ledger=ledger, trust=ira_pub)
    assert "key the centre does not trust" in rows[0]["assessor_ledger"]
    # A decision recorded unsigned, and a signature copied onto another entry.
    _decide(ledger, pack, criterion="AC2")
    rows, _ = review([pack], ledger=ledger, trust=keys)
    assert "AC2 by Pat Assessor on 2026-04-01: unsigned" in rows[0]["assessor_ledger"]


def test_review_reads_decisions_from_the_ledger_never_from_the_pack(
    packs: Path, tmp_path: Path
) -> None:
    batch = tmp_path / "batch"
    shutil.copytree(packs, batch)
    ledger = tmp_path / "ledger"
    _decide(ledger, batch / "learner0", decision="not met", feedback="No verification.")
    # The learner ships a forged assessor record with "met" on every criterion, and a
    # truncated one; both are ignored and reported.
    forged = batch / "learner0" / "assessor"
    forged.mkdir()
    (forged / "record.json").write_text(json.dumps({"decisions": [{"criterion": "AC1"}]}))
    (forged / "record.sha256").write_bytes(b"\xff\xfe not utf-8")
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
            "--assessor-ledger",
            str(ledger),
        ]
    )
    assert status == 1  # one pack changed
    rows = list(csv.DictReader(out.open()))
    assert [r["learner"] for r in rows] == ["Ann Able", "Ben Bright", "Cat Clear"]
    assert [r["integrity"] for r in rows] == ["intact", "changed", "intact"]
    assert rows[0]["AC1_decision"] == "not met"
    assert "assessor/ folder: ignored" in rows[0]["notes"]
    assert rows[0]["assessor_ledger"] == "1 decision(s), 0 IQA sample(s)"
    assert rows[2]["AC1_items"] == "4" and rows[2]["AC1_sufficient"] == "yes"
    assert "audit.csv" in rows[1]["problems"]
    assert verify_pack(batch / "learner0").intact  # the shipped folder changes nothing
    rows_api, columns = review([batch / "learner0"])
    assert "AC5_decision" in columns and rows_api[0]["registration"] == "REG-0042"
    assert {"integrity", "witness", "copying"} <= set(columns)


def test_a_pack_rewritten_after_it_was_judged_is_named(tmp_path: Path) -> None:
    """The ledger names the head it judged: a later pack of the same workspace whose log
    differs there (rewritten after the decision) contradicts the assessor's own record."""
    with worked_workspace(tmp_path / "ws", cases=1) as ws:
        export_pack(ws, tmp_path / "first")
    ledger = tmp_path / "ledger"
    _decide(ledger, tmp_path / "first", feedback="Judged on the first export.")
    rows, _ = review([tmp_path / "first"], ledger=ledger)
    assert rows[0]["AC1_decision"] == "met"
    # The same seed gives the same workspace id: the learner's log, written again.
    with worked_workspace(tmp_path / "ws2", cases=1, own_words="rewritten") as ws:
        export_pack(ws, tmp_path / "second")
    assert _workspace_id(tmp_path / "second") == _workspace_id(tmp_path / "first")
    rows, _ = review([tmp_path / "second"], ledger=ledger)
    assert rows[0]["AC1_decision"] == ""  # the decision does not carry over
    assert rows[0]["assessor_ledger"].startswith("CONTRADICTED")
    assert "rewritten after it was judged" in rows[0]["assessor_ledger"]
