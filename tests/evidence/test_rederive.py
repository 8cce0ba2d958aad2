"""Rendering a pack again from its own log, as verification does: what an assessor is
told when a derived file is missing, extra, or from other rules, and when the log cannot
be rendered at all. Each case changes one thing of a pristine pack's manifest or log."""

from __future__ import annotations

import copy
import dataclasses
import json
from pathlib import Path
from typing import Any

import pytest

from casekit.errors import CasekitError
from casekit.evidence.export import export_pack
from casekit.evidence.packsource import ReadLog, read_log
from casekit.evidence.rederive import NOT_DERIVED, rederive
from tests.worked import worked_workspace


@pytest.fixture(scope="module")
def pristine(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("rederive")
    with worked_workspace(root / "ws", cases=1) as ws:
        export_pack(ws, root / "pack")
    return root / "pack"


def _manifest(pack: Path) -> dict[str, Any]:
    return json.loads((pack / "manifest.json").read_text(encoding="utf-8"))


def _log(pack: Path, manifest: dict[str, Any]) -> ReadLog:
    return read_log(pack, [f["path"] for f in manifest["files"]])


def _check(pack: Path, manifest: dict[str, Any], log: ReadLog | None = None) -> tuple[list, list]:
    return rederive(pack, manifest, log or _log(pack, manifest))


def test_a_pristine_pack_renders_again_exactly(pristine: Path) -> None:
    manifest = _manifest(pristine)
    assert _check(pristine, manifest) == ([], [])


def test_a_derived_file_left_out_of_the_manifest_is_missing(pristine: Path) -> None:
    manifest = _manifest(pristine)
    log = _log(pristine, manifest)
    manifest["files"] = [f for f in manifest["files"] if f["path"] != "index.html"]
    problems, _ = _check(pristine, manifest, log)
    assert problems == ["index.html: missing (its log renders it)"]


def test_a_file_the_log_does_not_render_is_named_and_the_pdf_explained(pristine: Path) -> None:
    manifest = _manifest(pristine)
    log = _log(pristine, manifest)
    manifest["files"] += [{"path": "notes.txt"}, {"path": "portfolio.pdf"}]
    problems, notes = _check(pristine, manifest, log)
    assert problems == ["notes.txt: not a file casekit renders from this log"]
    assert notes == [NOT_DERIVED]
    assert NOT_DERIVED.startswith("portfolio.pdf: printed from index.html by a browser")


@pytest.mark.parametrize(
    ("key", "note"),
    [
        ("profile", "the pack was made with another version of its protocol profile"),
        ("criteria", "the pack was made with another criteria catalogue"),
        ("template", "the pack was made with another portfolio template (give it with --template)"),
        ("data", "the pack was made with other casekit data files (a centre's edits?)"),
    ],
)
def test_rules_that_differ_are_noted_as_a_possible_cause(
    pristine: Path, key: str, note: str
) -> None:
    manifest = _manifest(pristine)
    log = _log(pristine, manifest)
    manifest["derivation"][key] = "something else"
    problems, notes = _check(pristine, manifest, log)
    assert notes == [note + ": a difference above may come from that"]
    assert problems == ["manifest.json: its 'derivation' differs from what its log gives"]


def test_another_kit_version_names_both(pristine: Path) -> None:
    manifest = _manifest(pristine)
    log = _log(pristine, manifest)
    ours = manifest["derivation"]["kit_version"]
    del manifest["derivation"]["kit_version"]
    _, notes = _check(pristine, manifest, log)
    assert notes == [
        f"the pack was made with casekit ?; this is casekit {ours}: a difference above may "
        "come from that"
    ]


def test_a_log_without_its_creation_event_cannot_be_rendered(pristine: Path) -> None:
    manifest = _manifest(pristine)
    log = _log(pristine, manifest)
    assert log.source is not None
    events = [e for e in log.source.events if e.kind != "workspace_created"]
    log.source = dataclasses.replace(log.source, events=events)
    assert _check(pristine, manifest, log) == (
        ["evidence/log.jsonl: it has no workspace_created event to render from"],
        [],
    )


def test_an_event_the_kit_cannot_read_is_named(pristine: Path) -> None:
    manifest = _manifest(pristine)
    log = _log(pristine, manifest)
    assert log.source is not None
    events = list(log.source.events)
    index = next(i for i, e in enumerate(events) if e.kind == "enquiry_received")
    broken = copy.deepcopy(events[index])
    broken.data.clear()
    events[index] = broken
    log.source = dataclasses.replace(log.source, events=events)
    problems, notes = _check(pristine, manifest, log)
    assert problems == [f"event {broken.seq}: casekit cannot read this 'enquiry_received' event"]
    assert notes == []


def test_a_profile_that_cannot_be_loaded_is_a_problem_not_a_crash(pristine: Path) -> None:
    manifest = _manifest(pristine)
    log = _log(pristine, manifest)
    assert log.source is not None
    events = list(log.source.events)
    created = copy.deepcopy(events[0])
    assert created.kind == "workspace_created"
    created.data["profile"] = "no-such-profile"
    log.source = dataclasses.replace(log.source, events=[created, *events[1:]])
    problems, notes = _check(pristine, manifest, log)
    assert len(problems) == 1 and notes == []
    assert problems[0].startswith("the derived files could not be rendered again: ")
    assert "no-such-profile" in problems[0]


def test_a_log_from_before_profiles_were_recorded_renders_with_the_default(pristine: Path) -> None:
    manifest = _manifest(pristine)
    log = _log(pristine, manifest)
    assert log.source is not None
    events = list(log.source.events)
    created = copy.deepcopy(events[0])
    del created.data["profile"]
    log.source = dataclasses.replace(log.source, events=[created, *events[1:]])
    # rendered with the default profile; only the audit trail, which lists the event, differs
    assert _check(pristine, manifest, log) == (
        ["audit.csv: differs from what its log renders (changed after export)"],
        [],
    )


def test_a_template_that_cannot_be_read_says_the_files_could_not_be_rendered(
    pristine: Path, tmp_path: Path
) -> None:
    manifest = _manifest(pristine)
    log = _log(pristine, manifest)
    problems, notes = rederive(pristine, manifest, log, template=tmp_path / "no-such-template")
    assert notes == []
    [problem] = problems
    assert problem.startswith("the derived files could not be rendered again: ")
    assert "no-such-template" in problem


@pytest.mark.parametrize(
    ("raised", "said"),
    [
        (
            CasekitError("The template has no colours."),
            "the derived files could not be rendered again: The template has no colours.",
        ),
        (KeyError("status"), "the log could not be rendered (KeyError)"),
    ],
)
def test_a_log_that_cannot_be_rendered_is_one_problem_named_for_the_assessor(
    pristine: Path, monkeypatch: pytest.MonkeyPatch, raised: Exception, said: str
) -> None:
    """Rendering fails on a log that verifies (a rule changed under it, a field it lacks):
    the assessor reads one problem saying so, not a traceback."""
    import casekit.evidence.rederive as module

    def fails(*_args: object, **_kwargs: object) -> None:
        raise raised

    manifest = _manifest(pristine)
    log = _log(pristine, manifest)
    monkeypatch.setattr(module, "derive", fails)
    assert rederive(pristine, manifest, log) == ([said], [])
