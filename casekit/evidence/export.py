"""Export a workspace as an evidence pack an assessor can open offline and verify.

The pack is rendered from the event log alone (never from notebook files or the scenario
pack, so no answer key can reach it), in the order an assessor reads a portfolio: front
sheet, evidence location matrix, summary of achievement and gaps, the numbered evidence
items, case timelines, coaching feedback and the declaration. It is written into a
temporary folder beside ``out`` and moved into place only when complete, and it is
deterministic: the same log gives byte-identical files (times come from the log).

Layout::

    index.html  manifest.json  audit.csv  cases.csv  coverage.csv
    evidence/log.jsonl        the chained rows, so ``casekit verify`` can recompute them
    evidence/personal.jsonl   personal values and salts (synthetic packs only)
    evidence/coverage.json  evidence/coaching.json  evidence/items/E01.json ...
"""

from __future__ import annotations

import json
import shutil
import stat
import tempfile
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from casekit import __version__
from casekit.evidence import manifest as manifest_mod
from casekit.evidence.config import refuse, settings
from casekit.evidence.pseudonymise import Pseudonymiser, needs_pseudonyms, pseudonymise
from casekit.record.log import Event, canonical
from casekit.record.workspace import Workspace

ZIP_DATE = (1980, 1, 1, 0, 0, 0)


@dataclass(frozen=True)
class ExportResult:
    folder: Path
    manifest: dict[str, Any]
    pseudonymised: bool
    zip_path: Path | None = None
    pdf_path: Path | None = None
    pdf_message: str = ""


def _json(value: Any) -> str:
    return json.dumps(value, sort_keys=True, indent=2, ensure_ascii=False) + "\n"


def _check_no_answer_key(events: list[Event]) -> None:
    fields = set(settings()["answer_keys"]["fields"])

    def walk(value: Any, where: str) -> None:
        if isinstance(value, dict):
            for key, inner in value.items():
                if key in fields:
                    raise refuse("answer-key-excluded", f"Found '{key}' in {where}.", field=key)
                walk(inner, where)
        elif isinstance(value, list):
            for inner in value:
                walk(inner, where)

    for event in events:
        walk(event.data, f"event {event.seq} ({event.kind})")
        walk(event.personal or {}, f"event {event.seq} ({event.kind})")


def _log_rows(ws: Workspace, pseudo: Pseudonymiser | None) -> tuple[str, int]:
    """The chained rows as JSON lines. In a pseudonymised pack a row whose body still
    holds a real value is *sealed*: its body is left out, its hashes stay, so the chain's
    order and links still verify."""
    lines, sealed = [], 0
    for seq, prev, pdigest, body, digest in ws.log.raw_rows():
        row: dict[str, Any] = {
            "seq": seq,
            "prev": prev,
            "pdigest": pdigest,
            "body": body,
            "hash": digest,
        }
        if pseudo is not None and pseudo.reveals(body):
            row["body"] = None
            row["sealed"] = True
            sealed += 1
        lines.append(canonical(row))
    return "".join(line + "\n" for line in lines), sealed


def _personal_rows(ws: Workspace) -> str:
    return "".join(
        canonical({"seq": s, "salt": salt, "data": data}) + "\n"
        for s, salt, data in ws.log.raw_personal()
    )


def _front(state: Any, events: list[Event], catalogue: Any) -> dict[str, Any]:
    learner = state.learner
    pack = state.pack or {}
    created = next((e for e in events if e.kind == "workspace_created"), None)
    return {
        "learner": str(learner.get("name") or learner.get("learner") or ""),
        "learner_id": str(learner.get("learner") or ""),
        "registration": str(learner.get("registration") or ""),
        "centre": str(learner.get("centre") or ""),
        "assessor": str(learner.get("assessor") or ""),
        "qualification": catalogue.qualification,
        "unit": catalogue.unit,
        "provisional": catalogue.provisional,
        "catalogue_note": catalogue.note,
        "pack_id": str(pack.get("pack_id") or ""),
        "pack_seed": "" if pack.get("seed") is None else str(pack.get("seed")),
        "difficulty": str(pack.get("difficulty") or ""),
        "kit_version": __version__,
        "workspace_id": str((created.data.get("workspace_id") if created else "") or ""),
        "profile": str((created.data.get("profile_id") if created else "") or ""),
        "started": (created.at if created else "").replace("T", " "),
        "last_event": state.now.replace("T", " "),
    }


def build_pack(
    ws: Workspace, folder: Path, *, template: str | Path | None = None, catalogue: Any = None
) -> dict[str, Any]:
    """Write every pack file into ``folder`` (empty) and return the manifest data."""
    from casekit.evidence import render
    from casekit.evidence.coaching_view import run_coach
    from casekit.evidence.template import load_template
    from casekit.feedback.coverage import coverage
    from casekit.record.projection import State
    from casekit.rules.criteria import load_criteria

    raw_events = ws.events()
    if not any(e.kind == "declaration_signed" for e in raw_events):
        raise refuse("declaration-required", field="declaration")
    _check_no_answer_key(raw_events)
    tpl = load_template(template)
    catalogue = catalogue or load_criteria()
    pseudo: Pseudonymiser | None = None
    events = raw_events
    if needs_pseudonyms(raw_events):
        events, pseudo = pseudonymise(raw_events)
    state = State(ws.profile)
    for event in events:
        state.apply(event)
    cov = coverage(events, catalogue)
    coaching = run_coach(state)
    declaration = state.declaration
    assert declaration is not None
    head_seq, head_hash = ws.log.head()

    items = render.item_views(cov, events, state)
    cases = [render.case_view(state, ref) for ref in state.cases]
    criteria = render.coverage_view(cov, catalogue)
    context = {
        "front": _front(state, events, catalogue),
        "criteria": criteria,
        "items": items,
        "cases": cases,
        "cases_by_ref": {c["ref"]: c for c in cases},
        "gaps": cov.gaps,
        "sufficiency_source": cov.source,
        "chart": render.coverage_chart(cov, catalogue, tpl.centre["colours"]["accent"]),
        "coaching": coaching,
        "declaration": {
            "name": str(declaration.get("name", "")),
            "statement": str(declaration.data.get("statement", "")),
            "source": str(declaration.data.get("source", "")),
            "at": declaration.at.replace("T", " "),
            "later_events": sum(1 for e in events if e.seq > declaration.seq),
        },
        "chain": {"events": head_seq, "head": head_hash},
        "pseudonymised": pseudo is not None,
        "pseudonym_note": settings()["pseudonyms"]["note"],
    }
    html = render.render_html(tpl, context)

    files: dict[str, str] = {
        "index.html": html,
        "audit.csv": render.audit_csv(events),
        "cases.csv": render.cases_csv(state),
        "coverage.csv": render.coverage_csv(cov, catalogue),
        "evidence/coverage.json": _json(
            {
                "criteria": criteria,
                "gaps": cov.gaps,
                "provisional": cov.provisional,
                "source": cov.source,
            }
        ),
        "evidence/coaching.json": _json(coaching),
    }
    log_text, sealed = _log_rows(ws, pseudo)
    files["evidence/log.jsonl"] = log_text
    if pseudo is None:
        files["evidence/personal.jsonl"] = _personal_rows(ws)
    for item in items:
        files[f"evidence/items/{item['number']}.json"] = _json(item)
    for rel, text in files.items():
        path = folder / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(text.encode("utf-8"))

    front = context["front"]
    return {
        "schema_version": settings()["pack"]["schema_version"],
        "kind": settings()["pack"]["kind"],
        "kit_version": __version__,
        "workspace_id": front["workspace_id"],
        "learner": {
            k: front[k] for k in ("learner", "learner_id", "registration", "centre", "assessor")
        },
        "pack": {"id": front["pack_id"], "seed": front["pack_seed"]},
        "exported_at": state.now,
        "chain": {
            "events": head_seq,
            "head": head_hash,
            "sealed": sealed,
            "personal": "withheld" if pseudo else "included",
        },
        "pseudonymised": pseudo is not None,
        "coverage": {
            c["id"]: {
                "count": c["count"],
                "minimum": c["minimum"],
                "met": c["met"],
                "items": c["items"],
            }
            for c in criteria
        },
        "gaps": cov.gaps,
        "coaching": {
            "available": coaching["available"],
            "mistakes": sorted({f["id"] for f in coaching["findings"] if f["mistake"]}),
        },
    }


def write_zip(folder: Path, target: Path) -> Path:
    """A deterministic zip of a pack folder: sorted names, fixed dates and modes."""
    tmp = target.with_name(target.name + ".part")
    with zipfile.ZipFile(tmp, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        for path in sorted(p for p in folder.rglob("*") if p.is_file()):
            info = zipfile.ZipInfo(path.relative_to(folder).as_posix(), date_time=ZIP_DATE)
            info.external_attr = (stat.S_IFREG | 0o644) << 16
            info.compress_type = zipfile.ZIP_DEFLATED
            zf.writestr(info, path.read_bytes())
    tmp.replace(target)
    return target


def _prepare_out(out: Path) -> None:
    if out.is_symlink() or (out.exists() and not out.is_dir()):
        raise refuse("export-target", f"{out} exists and is not a folder.", field="out")
    if (out / "assessor").exists():
        raise refuse(
            "export-target",
            f"{out} holds an assessor's record, which a new export would lose.",
            field="out",
        )
    if out.is_dir() and any(out.iterdir()) and not (out / "manifest.json").is_file():
        raise refuse(
            "export-target", f"{out} is a folder that is not an evidence pack.", field="out"
        )


def export_pack(
    workspace: Workspace | str | Path,
    out: str | Path,
    *,
    zip_pack: bool = False,
    pdf: bool = False,
    template: str | Path | None = None,
) -> ExportResult:
    """Export ``workspace`` to the folder ``out`` (replacing an earlier pack there).

    Refuses (``declaration-required``) until the learner has signed the declaration."""
    out = Path(out)
    own = not isinstance(workspace, Workspace)
    ws = Workspace.open(workspace) if own else workspace
    try:
        _prepare_out(out)
        out.parent.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix=".casekit-export-", dir=out.parent))
        try:
            data = build_pack(ws, staging, template=template)
            pdf_path, pdf_message = None, ""
            if pdf:
                from casekit.evidence.pdf import render_pdf

                try:
                    render_pdf(staging / "index.html", staging / "portfolio.pdf")
                    pdf_path = out / "portfolio.pdf"
                except Exception as err:  # the HTML pack stands without the PDF
                    (staging / "portfolio.pdf").unlink(missing_ok=True)
                    pdf_message = str(err)
            listed = [p.relative_to(staging).as_posix() for p in staging.rglob("*") if p.is_file()]
            data["files"] = manifest_mod.file_entries(staging, listed)
            manifest_mod.write_manifest(staging, data)
            if out.exists():
                shutil.rmtree(out)
            staging.rename(out)
        except BaseException:
            shutil.rmtree(staging, ignore_errors=True)
            raise
        zip_path = write_zip(out, out.with_name(out.name + ".zip")) if zip_pack else None
        data = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
        return ExportResult(out, data, data["pseudonymised"], zip_path, pdf_path, pdf_message)
    finally:
        if own:
            ws.close()
