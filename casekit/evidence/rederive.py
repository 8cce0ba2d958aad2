"""Render a pack again from its own log, with the verifier's rules, and compare.

Export is deterministic, so the files a log renders to are exact: any derived file
(index.html, the CSVs, coverage, coaching, items) or manifest field that differs from what
its log renders was changed after export, whatever the manifest's hashes say. The rules
are the verifier's own (protocol profile, criteria, template), never files from the pack,
so a learner cannot ship friendlier rules with their evidence. When the kit's rules differ
from the exporter's, the manifest's ``derivation`` digests say which, and so does the
result.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from casekit.errors import CasekitError
from casekit.evidence.derive import derive
from casekit.evidence.packsource import ReadLog

PDF = "portfolio.pdf"
# What folding or rendering a hostile log can raise: caught, and named as a problem.
UNREADABLE = (KeyError, TypeError, ValueError, AttributeError, IndexError, ArithmeticError)
NOT_DERIVED = (
    f"{PDF}: printed from index.html by a browser, so it cannot be rendered again and "
    "compared; read index.html, which is"
)
WHY = {
    "kit_version": "the pack was made with casekit {theirs}; this is casekit {ours}",
    "profile": "the pack was made with another version of its protocol profile",
    "criteria": "the pack was made with another criteria catalogue",
    "template": "the pack was made with another portfolio template (give it with --template)",
    "data": "the pack was made with other casekit data files (a centre's edits?)",
}


def _fold(source: Any, profile: Any) -> tuple[Any, str]:
    from casekit.record.projection import State

    state = State(profile)
    for event in source.events:
        try:
            state.apply(event)
        except (CasekitError, *UNREADABLE):
            return None, f"event {event.seq}: casekit cannot read this '{event.kind}' event"
    return state, ""


def rederive(
    folder: Path, manifest: dict[str, Any], log: ReadLog, template: str | Path | None = None
) -> tuple[list[str], list[str]]:
    """Problems (files and manifest fields that differ from what the log renders) and
    notes (what could not be compared, and why the rules may differ)."""
    from casekit.evidence.template import load_template
    from casekit.rules.criteria import load_criteria
    from casekit.rules.profile import load_profile

    source = log.source
    assert source is not None
    created = next((e for e in source.events if e.kind == "workspace_created"), None)
    if created is None:
        return ["evidence/log.jsonl: it has no workspace_created event to render from"], []
    try:
        profile = load_profile(str(created.data.get("profile") or "default"))
        tpl = load_template(template)
        catalogue = load_criteria()
    except CasekitError as err:
        return [f"the derived files could not be rendered again: {err.message}"], []
    state, why = _fold(source, profile)
    if state is None:
        return [why], []
    try:
        files, fields = derive(source, profile, tpl, catalogue, state=state)
    except CasekitError as err:
        return [f"the derived files could not be rendered again: {err.message}"], []
    except UNREADABLE as err:
        return [f"the log could not be rendered ({type(err).__name__})"], []
    files.update(source.files())
    listed = {f["path"] for f in manifest["files"]}
    problems, notes = [], []
    for rel in sorted(files):
        if rel not in listed:
            problems.append(f"{rel}: missing (its log renders it)")
        elif not (folder / rel).is_file():
            continue  # already named as missing
        elif (folder / rel).read_bytes() != files[rel].encode("utf-8"):
            problems.append(f"{rel}: differs from what its log renders (changed after export)")
    for rel in sorted(listed - set(files)):
        if rel == PDF:
            notes.append(NOT_DERIVED)
        else:
            problems.append(f"{rel}: not a file casekit renders from this log")
    for key, value in fields.items():
        if manifest.get(key) != value:
            problems.append(f"manifest.json: its '{key}' differs from what its log gives")
    theirs = manifest.get("derivation", {})
    for key, text in WHY.items():
        if theirs.get(key) != fields["derivation"][key]:
            notes.append(
                text.format(theirs=theirs.get(key, "?"), ours=fields["derivation"][key])
                + ": a difference above may come from that"
            )
    return problems, notes
