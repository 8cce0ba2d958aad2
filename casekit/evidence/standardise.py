"""Standardisation: several assessors judge the same anonymised packs, and the kit says
how far they agree on each criterion and where they differ.

*The set.* Each pack is rebuilt from its own log (a throwaway workspace,
:mod:`casekit.evidence.replica`) with the learner's name, registration and ids replaced by
a label (``S01``, ``S02``... in an order drawn from a hash, not the roster's), and
exported as an ordinary pack that verifies. Which label is whose goes in a key file for
the IQA, written outside the set. The learner's own words (reflections, drafts) stay as
they are: an assessor cannot judge without them, so a name they contain is not hidden.

*The comparison.* Each assessor records decisions on the set in their own ledger as on
any pack. Per criterion, over the packs every assessor judged: the observed agreement,
and Cohen's kappa (two assessors) or Fleiss' (more), :mod:`casekit.evidence.agreement`;
then every pack and criterion on which they differ, with each one's decision.
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

from casekit.errors import CasekitError
from casekit.evidence.config import settings

KEY_COLUMNS = ["label", "pack", "learner", "learner_id", "workspace_id"]


def _anonymised(events: list[Any], label: str) -> list[Any]:
    """The events with the learner's identity replaced by ``label``."""
    from dataclasses import replace

    out = []
    for e in events:
        data, personal = dict(e.data), dict(e.personal) if e.personal else e.personal
        if e.kind == "workspace_created":
            data.update(workspace_id=f"std-{label}", learner=label)
        elif e.kind == "pack_loaded":
            data.update(learner=label, pack_id=f"std-{label}")
        elif e.kind == "learner_details_recorded":
            data.update(registration="", centre=str(data.get("centre", "")))
            personal = {**(personal or {}), "name": f"Learner {label}"}
        elif e.kind == "declaration_signed" and personal:
            personal = {**personal, "name": f"Learner {label}"}
        out.append(replace(e, data=data, personal=personal))
    return out


def make_set(
    packs: list[Path], out: str | Path, key_file: str | Path, *, seed: str = ""
) -> list[dict[str, str]]:
    """Anonymised copies of ``packs`` in the new folder ``out`` (``S01``...), and the key
    to them in ``key_file`` (kept by the IQA, never in ``out``). Packs that do not verify
    are refused: a changed pack is no basis for standardising."""
    from casekit.evidence.safepack import OpenPack
    from casekit.evidence.verify import verify_folder
    from casekit.scenarios.pack import first_missing

    out, key_file = Path(out), Path(key_file)
    if out.exists() and (not out.is_dir() or any(out.iterdir())):
        raise CasekitError(f"{out} already exists and is not an empty folder.", field="out")
    if key_file.resolve().is_relative_to(out.resolve()):
        raise CasekitError("Keep the key outside the set the assessors get.", field="key")
    if not packs:
        raise CasekitError("Give the packs to standardise on.", field="packs")
    prefix = str(settings()["standardisation"]["label"])
    read = []
    for path in packs:
        with OpenPack(path) as folder:
            check = verify_folder(folder, str(path))
        if not check.consistent or check.source is None or check.manifest is None:
            raise CasekitError(
                f"{path} does not verify ({'; '.join(check.problems[:2])}), so it cannot be "
                "used for standardisation.",
                field="packs",
            )
        read.append((path, check))
    order = sorted(
        read,
        key=lambda pc: hashlib.sha256(
            f"{seed}\n{pc[1].manifest['workspace_id']}".encode()
        ).hexdigest(),
    )
    rows: list[dict[str, str]] = []
    made = [first_missing(out), first_missing(key_file.parent)]
    try:
        _write_set(out, key_file, order, prefix, rows)
    except BaseException:
        _remove_made(out, made)  # all or nothing: never a set without its key
        raise
    return rows


def _remove_made(out: Path, made: list[Path | None]) -> None:
    """Remove what a failed :func:`make_set` wrote: the folders it made, or (when ``out``
    was an empty folder already) what it put in it."""
    import shutil

    if made[0] is None and out.is_dir():
        for child in out.iterdir():
            if child.is_dir() and not child.is_symlink():
                shutil.rmtree(child, ignore_errors=True)
            else:
                child.unlink(missing_ok=True)
    for top in made:
        if top is not None:
            shutil.rmtree(top, ignore_errors=True)


def _write_set(
    out: Path, key_file: Path, order: list[Any], prefix: str, rows: list[dict[str, str]]
) -> None:
    """The anonymised packs in ``out`` and the key in ``key_file``, filling ``rows``."""
    import tempfile
    from dataclasses import replace

    from casekit.evidence.csvsafe import to_csv
    from casekit.evidence.export import export_pack
    from casekit.evidence.replica import replicate

    out.mkdir(parents=True, exist_ok=True)
    for n, (path, check) in enumerate(order, start=1):
        label = f"{prefix}{n:02d}"
        source = replace(check.source, events=_anonymised(check.source.events, label))
        with tempfile.TemporaryDirectory(prefix="casekit-standardise-") as tmp:
            ws = replicate(source, Path(tmp) / "ws", f"std-{label}")
            try:
                export_pack(ws, out / label)
            finally:
                ws.close()
        learner = check.manifest["learner"]
        rows.append(
            {
                "label": label,
                "pack": str(path),
                "learner": learner["learner"],
                "learner_id": learner["learner_id"],
                "workspace_id": check.manifest["workspace_id"],
            }
        )
    key_file.parent.mkdir(parents=True, exist_ok=True)
    key_file.write_text(to_csv(rows, KEY_COLUMNS), encoding="utf-8")


def agreement(ledgers: list[str | Path]) -> dict[str, list[dict[str, Any]]]:
    """Per criterion, the assessors' agreement on the packs all of them judged, and every
    difference; from their ledgers (one folder each, or one shared)."""
    from casekit.evidence import agreement as stats
    from casekit.evidence.assessor import read_ledger

    decided: dict[tuple[str, str], dict[str, str]] = {}
    labels: dict[str, str] = {}
    for folder in ledgers:
        for entry in read_ledger(folder):
            if entry["type"] != "decision":
                continue
            key = (entry["criterion"], entry["workspace_id"])
            decided.setdefault(key, {})[entry["assessor"]] = entry["decision"]
            labels[entry["workspace_id"]] = entry["learner"]
    assessors = sorted({a for judged in decided.values() for a in judged})
    if len(assessors) < 2:
        raise CasekitError(
            "Standardisation needs decisions from at least two assessors "
            f"(found {len(assessors)}).",
            field="ledgers",
        )
    categories = list(settings()["decisions"]["choices"])
    criteria = sorted({c for c, _w in decided})
    summary, differences = [], []
    for criterion in criteria:
        common = sorted(
            w
            for (c, w), judged in decided.items()
            if c == criterion and len(judged) == len(assessors)
        )
        subjects = [tuple(decided[(criterion, w)][a] for a in assessors) for w in common]
        value, method = stats.kappa(subjects, categories)
        seen = stats.observed_agreement(subjects)
        summary.append(
            {
                "criterion": criterion,
                "assessors": len(assessors),
                "packs": len(common),
                "agreement": "" if seen is None else round(seen, 3),
                "kappa": "" if value is None else round(value, 3),
                "method": method,
                "strength": stats.describe(value) if common else "no pack judged by all",
            }
        )
        for w, subject in zip(common, subjects, strict=True):
            if len(set(subject)) > 1:
                differences.append(
                    {
                        "pack": labels[w],
                        "criterion": criterion,
                        **dict(zip(assessors, subject, strict=True)),
                    }
                )
    return {"summary": summary, "differences": differences, "assessors": assessors}
