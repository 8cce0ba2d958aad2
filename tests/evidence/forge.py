"""A determined learner's toolkit, for the attack tests: rewrite a pack's log with the
documented formulas, re-chain it, render every derived file again with casekit's own code
and re-seal the manifest. What it makes is self-consistent by construction; the tests show
which check outside the learner's reach catches each forgery."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

from casekit.evidence import manifest as manifest_mod
from casekit.evidence.derive import Source, derive
from casekit.evidence.packsource import read_log
from casekit.evidence.template import load_template
from casekit.record.log import GENESIS, Event, canonical, event_hash
from casekit.rules.criteria import load_criteria
from casekit.rules.profile import load_profile

Body = dict[str, Any]


def rows_of(pack: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in (pack / "evidence" / "log.jsonl").read_text().splitlines()]


def reseal(pack: Path) -> None:
    """Recompute every file's hash in the manifest and its seal (what 'verify' checked
    before it re-rendered anything)."""
    manifest = json.loads((pack / "manifest.json").read_text())
    listed = sorted(
        p.relative_to(pack).as_posix()
        for p in pack.rglob("*")
        if p.is_file() and p.name != "manifest.json" and "assessor" not in p.parts
    )
    manifest["files"] = manifest_mod.file_entries(pack, listed)
    (pack / "manifest.json").write_bytes(manifest_mod.render(manifest))


def forge(
    pack: Path,
    out: Path,
    mutate: Callable[[list[tuple[Body, dict[str, Any] | None, dict[str, Any] | None]]], list],
) -> Path:
    """Copy ``pack`` to ``out`` with its events rewritten by ``mutate`` (a list of
    (body, personal values, personal row) in log order, returned changed), re-chained,
    re-rendered and re-sealed."""
    manifest = json.loads((pack / "manifest.json").read_text())
    log = read_log(pack, [f["path"] for f in manifest["files"]])
    assert log.source is not None and log.source.personal is not None, log.problems
    personal = {row["seq"]: row for row in log.source.personal}
    items = [
        (json.loads(row["body"]), e.personal, personal.get(row["seq"]))
        for row, e in zip(log.source.rows, log.source.events, strict=True)
    ]
    items = mutate(items)
    rows, events, kept, prev = [], [], [], GENESIS
    for seq, (body, pvalues, prow) in enumerate(items, start=1):
        text = canonical(body)
        pdigest = ""
        if prow is not None:
            from casekit.record.log import personal_digest

            data = canonical(pvalues) if pvalues is not None else prow["data"]
            pdigest = personal_digest(prow["salt"], data)
            kept.append({"seq": seq, "salt": prow["salt"], "data": data})
        digest = event_hash(seq, prev, pdigest, text)
        rows.append({"seq": seq, "prev": prev, "pdigest": pdigest, "body": text, "hash": digest})
        events.append(
            Event(
                seq,
                body["at"],
                body["kind"],
                body["case"],
                body["actor"],
                body["data"],
                pvalues,
                digest,
                prev,
            )
        )
        prev = digest
    source = Source(rows=rows, events=events, personal=kept)
    created = next(e for e in events if e.kind == "workspace_created")
    files, fields = derive(
        source, load_profile(created.data["profile"]), load_template(None), load_criteria()
    )
    files.update(source.files())
    shutil.rmtree(out, ignore_errors=True)
    out.mkdir(parents=True)
    for rel, text in files.items():
        (out / rel).parent.mkdir(parents=True, exist_ok=True)
        (out / rel).write_text(text, encoding="utf-8")
    fields["files"] = manifest_mod.file_entries(out, sorted(files))
    manifest_mod.write_manifest(out, fields)
    return out
