"""The internal quality assurer's sampling plan, drawn from the assessors' ledgers.

An IQA does not re-assess everything: they sample. The plan takes, for each assessor, at
least the centre's percentage of the learners they judged (never fewer than the centre's
minimum), then adds decisions until every criterion is sampled at least once, for the
stage the IQA names (interim or summative). Which learners are taken is decided by a
hash of the workspace and the plan's seed, so the same ledgers and seed give the same
plan and an assessor cannot predict it. Learners already sampled at that stage (the IQA's
own ledger) count towards the share. The figures are data (``[sampling]`` in
``casekit/data/evidence.toml``).
"""

from __future__ import annotations

import hashlib
import math
from pathlib import Path
from typing import Any

from casekit.evidence.assessor import read_ledger
from casekit.evidence.config import refuse, settings

PLAN_COLUMNS = [
    "learner",
    "workspace_id",
    "assessor",
    "criteria",
    "stage",
    "why",
    "already_sampled",
    "pack",
]


def _entries(folders: str | Path | list[str | Path] | None) -> list[dict[str, Any]]:
    if folders is None:
        return []
    listed = [folders] if isinstance(folders, str | Path) else list(folders)
    return [entry for folder in listed for entry in read_ledger(folder)]


def _order(seed: str, workspace: str) -> str:
    return hashlib.sha256(f"casekit-iqa\n{seed}\n{workspace}".encode()).hexdigest()


def sampling_plan(
    assessor_ledgers: str | Path | list[str | Path],
    stage: str,
    *,
    iqa_ledger: str | Path | None = None,
    seed: str = "",
    packs: dict[str, str] | None = None,
) -> list[dict[str, Any]]:
    """The rows of the plan: one per learner and assessor to sample, with the criteria
    that assessor decided on and why they are in the plan. ``packs`` maps workspace ids
    to pack files, when the IQA has the packs at hand."""
    conf = settings()["sampling"]
    if stage not in settings()["iqa"]["stages"]:
        raise refuse(
            "iqa-sample",
            f"stage '{stage}' is not one of: {', '.join(settings()['iqa']['stages'])}.",
            field="stage",
        )
    latest: dict[tuple[str, str], dict[str, Any]] = {}
    by_hash: dict[str, dict[str, Any]] = {}
    for entry in _entries(assessor_ledgers):
        if entry["type"] == "decision":
            latest[(entry["workspace_id"], entry["criterion"])] = entry
            by_hash[entry["hash"]] = entry
    if not latest:
        raise refuse("iqa-sample", "The assessors' ledgers hold no decisions to sample.")
    done: set[tuple[str, str]] = set()  # (assessor, workspace) sampled at this stage
    for e in _entries(iqa_ledger):
        if e["type"] == "iqa" and e["stage"] == stage:
            done.update(
                (by_hash[h]["assessor"], e["workspace_id"])
                for h in e.get("sampled", [])
                if h in by_hash
            )
    judged: dict[str, dict[str, list[str]]] = {}  # assessor -> workspace -> criteria
    learner_of: dict[str, str] = {}
    for (workspace, criterion), entry in sorted(latest.items()):
        judged.setdefault(entry["assessor"], {}).setdefault(workspace, []).append(criterion)
        learner_of[workspace] = entry["learner"]
    chosen: dict[tuple[str, str], str] = {}
    for assessor, workspaces in sorted(judged.items()):
        share = math.ceil(len(workspaces) * float(conf["percentage"]) / 100)
        need = min(len(workspaces), max(int(conf["minimum_per_assessor"]), share))
        ordered = sorted(
            workspaces, key=lambda w, a=assessor: ((a, w) not in done, _order(seed, w))
        )
        for workspace in ordered[:need]:
            chosen[(assessor, workspace)] = (
                f"{conf['percentage']}% of {assessor}'s {len(workspaces)} learner(s)"
            )
    if conf.get("cover_every_criterion", True):
        covered = {c for (a, w) in chosen for c in judged[a][w]}
        for (workspace, criterion), entry in sorted(
            latest.items(), key=lambda kv: (kv[0][1], _order(seed, kv[0][0]))
        ):
            if criterion not in covered:
                key = (entry["assessor"], workspace)
                chosen.setdefault(key, f"so that {criterion} is sampled")
                covered.update(judged[entry["assessor"]][workspace])
    rows = []
    for (assessor, workspace), why in sorted(
        chosen.items(), key=lambda kv: (kv[0][0], _order(seed, kv[0][1]))
    ):
        rows.append(
            {
                "learner": learner_of[workspace],
                "workspace_id": workspace,
                "assessor": assessor,
                "criteria": " ".join(sorted(judged[assessor][workspace])),
                "stage": stage,
                "why": why,
                "already_sampled": "yes" if (assessor, workspace) in done else "no",
                "pack": (packs or {}).get(workspace, ""),
            }
        )
    return rows


def packs_by_workspace(paths: list[Path]) -> dict[str, str]:
    """Workspace id to pack file, for the packs that can be read."""
    from casekit.evidence.safepack import OpenPack, parse_manifest

    out: dict[str, str] = {}
    for path in paths:
        try:
            with OpenPack(path) as folder:
                manifest = parse_manifest((folder / "manifest.json").read_bytes())
        except Exception:  # a pack that cannot be read is simply not offered
            continue
        out.setdefault(str(manifest.get("workspace_id", "")), str(path))
    return out
