"""Export a workspace as an evidence pack an assessor can open offline and verify.

The pack is rendered from the event log alone (never from notebook files or the scenario
pack, so no answer key can reach it), in the order an assessor reads a portfolio: front
sheet, evidence location matrix, summary of achievement and gaps, the numbered evidence
items, case timelines, coaching feedback and the declaration. It is deterministic: the same
log gives byte-identical files (times come from the log), which is what lets ``casekit
verify`` render it again and compare (:mod:`casekit.evidence.derive`).

Safety of the user's files: the log is read in one snapshot and its chain checked first
(a broken log is refused, naming the first bad event); the pack is written into a staging
folder beside ``out`` and swapped into place only when complete; ``out`` must be new, empty
or a pack casekit made (its sealed manifest and every file's hash agree), so nothing else
is ever overwritten; leftovers of an interrupted export are removed on the next run.

Layout::

    index.html  manifest.json  audit.csv  cases.csv  coverage.csv
    evidence/log.jsonl        the chained rows, so ``casekit verify`` can recompute them
    evidence/personal.jsonl   personal values and salts (synthetic packs only)
    evidence/shown.jsonl      the events as shown (pseudonymised packs only)
    evidence/coverage.json  evidence/coaching.json  evidence/items/E01.json ...
"""

from __future__ import annotations

import os
import re
import secrets
import shutil
import stat
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from casekit.errors import CasekitError
from casekit.evidence import manifest as manifest_mod
from casekit.evidence.config import limits, refuse, settings
from casekit.evidence.derive import Source, body_of, derive
from casekit.evidence.pseudonymise import needs_pseudonyms, pseudonymise
from casekit.record.log import Event, canonical, event_from_row, verify_chain
from casekit.record.workspace import Workspace

ZIP_DATE = (1980, 1, 1, 0, 0, 0)
PREFIX = ".casekit-export-"
_OLD_STAGING = re.compile(r"^\.casekit-export-[a-z0-9_]{8}$")  # earlier casekit versions


@dataclass(frozen=True)
class ExportResult:
    folder: Path
    manifest: dict[str, Any]
    pseudonymised: bool
    zip_path: Path | None = None
    pdf_path: Path | None = None
    pdf_message: str = ""


# -- reading the workspace -------------------------------------------------------------
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


def missing_personal(rows: list[tuple[int, str]], kept: set[int], events: list[Event]) -> list[int]:
    """Events (seq, pdigest) whose personal values are gone with no erasure event logged."""
    erased: set[int] = set()
    for event in events:
        if event.kind == "personal_data_erased":
            seqs = event.data.get("seqs", [])
            if isinstance(seqs, list):
                erased.update(s for s in seqs if isinstance(s, int))
    return [seq for seq, pdigest in rows if pdigest and seq not in kept and seq not in erased]


def workspace_source(ws: Workspace) -> tuple[Source, Any]:
    """The pack's source and the workspace's profile, read in one snapshot of the log.

    Refuses (``log-broken``) when the chain does not verify or a personal value was removed
    without an erasure event, naming the first bad event: such a log is not evidence."""
    with ws.log.snapshot():
        rows = list(ws.log.raw_rows())
        personal = list(ws.log.raw_personal())
        profile = ws.profile
    pdata = {seq: data for seq, _salt, data in personal}
    events = [event_from_row(row, pdata.get(row[0])) for row in rows]
    problems = [(p.seq, p.reason) for p in verify_chain(rows, personal)]
    problems += [
        (seq, "its personal values were removed without an erasure event")
        for seq in missing_personal([(r[0], r[2]) for r in rows], set(pdata), events)
    ]
    if problems:
        seq, reason = min(problems)
        raise refuse("log-broken", f"The first problem is event {seq}: {reason}.", field="log")
    _check_no_answer_key(events)
    chained = [dict(zip(("seq", "prev", "pdigest", "body", "hash"), r, strict=True)) for r in rows]
    if not needs_pseudonyms(events):
        kept = [{"seq": s, "salt": salt, "data": data} for s, salt, data in personal]
        return Source(rows=chained, events=events, personal=kept), profile
    shown_events, pseudo = pseudonymise(events)
    shown_rows: list[dict[str, Any]] = []
    for row, shown in zip(chained, shown_events, strict=True):
        shown_body = body_of(shown)
        # A row is sealed whenever pseudonymising changed it: its real body stays out of
        # the pack, its hashes stay in, and the body as shown goes to shown.jsonl.
        sealed = shown_body != row["body"] or pseudo.reveals(row["body"])
        entry: dict[str, Any] = {"seq": row["seq"]}
        if sealed:
            row["body"], row["sealed"] = None, True
            entry["body"] = shown_body
        if row["pdigest"]:
            entry["personal"] = None if shown.personal is None else canonical(shown.personal)
            entry["erased"] = shown.erased
        if len(entry) > 1:
            shown_rows.append(entry)
    return Source(rows=chained, events=shown_events, shown=shown_rows), profile


# -- the target folder -----------------------------------------------------------------
def _our_pack(folder: Path) -> str:
    """Why ``folder`` is not a pack casekit made and left unchanged ('' when it is)."""
    from casekit.evidence.safepack import check_folder

    try:
        manifest = check_folder(folder)
    except CasekitError as err:
        return err.message.split("open. ", 1)[-1]
    if manifest.get("kind") != settings()["pack"]["kind"]:
        return "its manifest is not a casekit evidence pack's"
    for entry in manifest["files"]:  # a file removed loses nothing; one changed would
        path = folder / entry["path"]
        if path.exists() and (
            not path.is_file() or manifest_mod.sha256_file(path) != entry["sha256"]
        ):
            return f"{entry['path']} was changed since it was exported"
    return ""


def _our_zip(path: Path) -> str:
    from casekit.evidence.safepack import parse_manifest

    try:
        with zipfile.ZipFile(path) as zf:
            names = sorted(zf.namelist())
            raw = zf.read("manifest.json")
        manifest = parse_manifest(raw)
    except (CasekitError, OSError, KeyError, zipfile.BadZipFile, RuntimeError, ValueError):
        return "it is not a zipped casekit evidence pack"
    listed = sorted([*(f["path"] for f in manifest["files"]), "manifest.json"])
    if manifest_mod.manifest_problems(raw, manifest) or names != listed:
        return "it is not a zipped casekit evidence pack"
    return ""


def check_target(out: Path, zip_path: Path | None) -> None:
    """Refuse (``export-target``) any ``out`` that holds something other than a pack
    casekit made: nothing of the user's is ever overwritten."""
    if out.is_symlink() or (out.exists() and not out.is_dir()):
        raise refuse("export-target", f"{out} exists and is not a folder.", field="out")
    if (out / "assessor").exists():
        raise refuse(
            "export-target",
            f"{out} holds an assessor's record, which a new export would lose.",
            field="out",
        )
    if out.is_dir() and any(out.iterdir()):
        why = _our_pack(out)
        if why:
            raise refuse(
                "export-target",
                f"{out} is a folder that is not an unchanged casekit evidence pack ({why}).",
                field="out",
            )
    if zip_path is not None and (zip_path.exists() or zip_path.is_symlink()):
        why = "it is a link" if zip_path.is_symlink() else _our_zip(zip_path)
        if why:
            raise refuse("export-target", f"{zip_path} exists and {why}.", field="zip")


@contextmanager
def _locked(parent: Path) -> Iterator[None]:
    """One export at a time into a folder (so cleaning up leftovers never removes the
    staging folder of an export still running)."""
    try:
        import fcntl
    except ImportError:  # pragma: no cover - not POSIX
        yield
        return
    fd = os.open(parent, os.O_RDONLY)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)


def clean_leftovers(out: Path) -> list[Path]:
    """Remove what an interrupted export of ``out`` left (staging folders, a zip's
    ``.part``); a previous pack moved aside is put back if ``out`` is missing."""
    parent, removed = out.parent, []
    if not parent.is_dir():
        return removed
    mine = re.compile(rf"^{re.escape(PREFIX + out.name)}\.[0-9a-f]{{16}}\.(staging|previous)$")
    for path in sorted(parent.iterdir()):
        match = mine.match(path.name)
        if match and path.is_dir() and not path.is_symlink():
            if match.group(1) == "previous" and not out.exists():
                path.rename(out)  # the swap was interrupted: the earlier pack comes back
                continue
            shutil.rmtree(path, ignore_errors=True)
            removed.append(path)
        elif _OLD_STAGING.match(path.name) and path.is_dir() and not path.is_symlink():
            shutil.rmtree(path, ignore_errors=True)
            removed.append(path)
    part = parent / f"{out.name}.zip.part"
    if part.is_file() and not part.is_symlink():
        part.unlink()
        removed.append(part)
    return removed


def _check_limits(files: dict[str, bytes]) -> None:
    lim = limits()
    total = sum(len(b) for b in files.values())
    too_big = [
        rel
        for rel, data in files.items()
        if len(data) > lim["max_file_bytes"]
        or (rel.endswith(".json") and len(data) > lim["max_json_bytes"])
    ]
    if too_big or total > lim["max_total_bytes"] or len(files) + 1 > lim["max_members"]:
        detail = (
            f"{too_big[0]} would be over the size limit."
            if too_big
            else f"It would hold {len(files) + 1} files and {total} bytes (limits "
            f"{lim['max_members']} files, {lim['max_total_bytes']} bytes)."
        )
        raise refuse("pack-too-large", detail, field="out")


def write_zip(folder: Path, target: Path) -> Path:
    """A deterministic zip of a pack folder: sorted names, fixed dates and modes. Written
    to ``.part`` first and removed again if anything fails."""
    tmp = target.with_name(target.name + ".part")
    try:
        with zipfile.ZipFile(tmp, "w", compression=zipfile.ZIP_DEFLATED) as zf:
            for path in sorted(p for p in folder.rglob("*") if p.is_file()):
                info = zipfile.ZipInfo(path.relative_to(folder).as_posix(), date_time=ZIP_DATE)
                info.external_attr = (stat.S_IFREG | 0o644) << 16
                info.compress_type = zipfile.ZIP_DEFLATED
                zf.writestr(info, path.read_bytes())
        tmp.replace(target)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return target


def _publish(staging: Path, out: Path, token: str) -> None:
    """Put the finished pack at ``out`` in one rename (over a missing or empty folder), or
    two with the earlier pack moved aside meanwhile (restored by the next run if cut)."""
    if not out.exists() or not any(out.iterdir()):
        os.replace(staging, out)
        return
    previous = out.parent / f"{PREFIX}{out.name}.{token}.previous"
    os.rename(out, previous)
    try:
        os.rename(staging, out)
    except BaseException:
        os.rename(previous, out)
        raise
    shutil.rmtree(previous, ignore_errors=True)


def export_pack(
    workspace: Workspace | str | Path,
    out: str | Path,
    *,
    zip_pack: bool = False,
    pdf: bool = False,
    template: str | Path | None = None,
) -> ExportResult:
    """Export ``workspace`` to the folder ``out`` (new, empty, or an earlier pack).

    Refuses (``declaration-required``) until the learner has signed the declaration,
    (``log-broken``) when the log does not verify, and (``export-target``) when ``out`` or
    its zip holds anything casekit did not make."""
    out = Path(out)
    zip_target = out.with_name(out.name + ".zip") if zip_pack else None
    own = not isinstance(workspace, Workspace)
    ws = Workspace.open(workspace) if own else workspace
    try:
        return _export(ws, out, zip_target, pdf, template)
    except OSError as err:  # a full disk, a folder we may not write: one clear line
        detail = f"{err.strerror or err} ({err.filename or out})."
        raise refuse("export-failed", detail, field="out") from None
    finally:
        if own:
            ws.close()


def _export(
    ws: Workspace, out: Path, zip_target: Path | None, pdf: bool, template: str | Path | None
) -> ExportResult:
    from casekit.evidence.template import load_template
    from casekit.rules.criteria import load_criteria

    check_target(out, zip_target)
    source, profile = workspace_source(ws)
    tpl = load_template(template)
    texts, data = derive(source, profile, tpl, load_criteria())
    texts.update(source.files())
    files = {rel: text.encode("utf-8") for rel, text in texts.items()}
    _check_limits(files)
    out.parent.mkdir(parents=True, exist_ok=True)
    with _locked(out.parent):
        clean_leftovers(out)
        check_target(out, zip_target)  # again, now that no other export runs here
        token = secrets.token_hex(8)
        staging = out.parent / f"{PREFIX}{out.name}.{token}.staging"
        staging.mkdir()
        try:
            pdf_path, pdf_message = _write(staging, files, data, out, pdf)
            _publish(staging, out, token)
        except BaseException:
            shutil.rmtree(staging, ignore_errors=True)
            raise
        zip_path = write_zip(out, zip_target) if zip_target is not None else None
    manifest = manifest_mod.read_manifest(out)
    return ExportResult(out, manifest, source.pseudonymised, zip_path, pdf_path, pdf_message)


def _write(
    staging: Path, files: dict[str, bytes], data: dict[str, Any], out: Path, pdf: bool
) -> tuple[Path | None, str]:
    for rel, content in files.items():
        path = staging / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content)
    pdf_path, pdf_message = None, ""
    if pdf:
        from casekit.evidence.pdf import render_pdf

        try:
            render_pdf(staging / "index.html", staging / "portfolio.pdf")
            pdf_path = out / "portfolio.pdf"
        except Exception as err:  # the HTML pack stands without the PDF
            (staging / "portfolio.pdf").unlink(missing_ok=True)
            pdf_message = str(err)
    listed = [*files, *(["portfolio.pdf"] if pdf_path else [])]
    data["files"] = manifest_mod.file_entries(staging, listed)
    manifest_mod.write_manifest(staging, data)
    return pdf_path, pdf_message
