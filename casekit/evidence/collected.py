"""Reading a folder of collected packs once: each verified, and each learner counted once.

Learners send what they send: a folder and the zip of it, two exports of one workspace, a
pack someone changed. Every pack is opened safely and verified (derived files rendered
again from its log; with the tutor's witness ledger, its heads checked). Packs of one
workspace whose logs agree (one ends where the other does, or goes on from it) are one
learner's work: the longest is used and the others are named beside it, so a folder and
a zip of one learner count once. Packs of one workspace whose logs part ways are kept
apart for copying to flag.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from casekit.errors import CasekitError
from casekit.evidence.copying import PackFacts, describe, facts, find_copies, same_work
from casekit.evidence.derive import Source
from casekit.evidence.review import bounded, shown_name
from casekit.evidence.safepack import OpenPack
from casekit.evidence.verify import verify_folder


@dataclass
class PackRead:
    """One pack as read: its status (``intact``, ``changed`` or ``refused``), why, and
    (for a pack that could be read) its manifest, log and copying facts."""

    path: Path
    name: str
    status: str
    detail: str = ""
    manifest: dict[str, Any] | None = None
    source: Source | None = None
    hashes: dict[int, str] = field(default_factory=dict)
    events: int = 0
    witness: str = ""
    facts: PackFacts | None = None
    copying: str = ""
    same_as: list[str] = field(default_factory=list)  # other copies of this learner's work
    superseded_by: str = ""  # set on a copy that another pack of the same log replaces

    @property
    def intact(self) -> bool:
        return self.status == "intact"

    @property
    def learner_id(self) -> str:
        if self.manifest is None:
            return ""
        return str(self.manifest["pack"]["made_for"] or self.manifest["learner"]["learner_id"])

    @property
    def learner_name(self) -> str:
        return "" if self.manifest is None else str(self.manifest["learner"]["learner"])

    @property
    def workspace_id(self) -> str:
        return "" if self.manifest is None else str(self.manifest["workspace_id"])


def find_packs(folder: Path) -> list[Path]:
    """Pack folders (holding a manifest.json) and zips directly inside ``folder``."""
    if not folder.is_dir():
        raise CasekitError(f"{folder} is not a folder of packs.", field="folder")
    out = []
    for path in sorted(folder.iterdir()):
        if path.is_symlink():
            continue
        if (path.is_dir() and (path / "manifest.json").is_file()) or (
            path.is_file() and path.suffix.lower() == ".zip"
        ):
            out.append(path)
    return out


def read_pack(path: Path, witness: list | None = None) -> PackRead:
    """Open, verify and describe one pack; never raises for a bad pack."""
    name = shown_name(path)
    try:
        with OpenPack(path) as folder:
            check = verify_folder(folder, str(path), witness=witness)
    except (CasekitError, OSError) as err:
        detail = err.message if isinstance(err, CasekitError) else f"cannot be read ({err})"
        return PackRead(path, name, "refused", detail, witness="not checked")
    problems = list(check.problems)
    if check.witness is not None and not check.witness.ok:
        problems.append(check.witness_status)
    read = PackRead(
        path,
        name,
        "intact" if check.intact else "changed",
        bounded(problems) if problems else "",
        check.manifest,
        check.source if check.consistent else None,
        dict(check.hashes),
        check.events,
        "not checked" if witness is None else check.witness_status,
    )
    if check.manifest is not None:
        read.facts = facts(name, check.manifest, read.source, read.hashes)
    return read


def merge_copies(reads: list[PackRead]) -> None:
    """Mark packs of one workspace and learner whose logs agree: the longest stands for
    the others."""
    groups: dict[str, list[PackRead]] = {}
    for read in reads:
        if read.intact and read.workspace_id:
            groups.setdefault(read.workspace_id, []).append(read)
    for group in groups.values():
        group.sort(key=lambda r: (-r.events, r.name))
        for i, read in enumerate(group):
            if read.superseded_by:
                continue
            for other in group[i + 1 :]:
                if (
                    not other.superseded_by
                    and read.facts is not None
                    and other.facts is not None
                    and same_work(read.facts, other.facts)
                ):
                    other.superseded_by = read.name
                    earlier = "" if other.events == read.events else " (an earlier export)"
                    read.same_as.append(other.name + earlier)


def read_collected(
    paths: list[Path], *, witness: list | None = None, progress: bool = False
) -> list[PackRead]:
    """Every pack read and verified, copies of one learner's work merged, copied work
    flagged (on the packs that stand for a learner)."""
    from tqdm import tqdm

    reads = [
        read_pack(path, witness)
        for path in tqdm(paths, desc="packs", unit="pack", file=sys.stderr, disable=not progress)
    ]
    merge_copies(reads)
    judged = [r for r in reads if r.facts is not None and not r.superseded_by]
    for read, raised in zip(judged, find_copies([r.facts for r in judged]), strict=True):
        read.copying = describe(raised)
    return reads


def status_rows(reads: list[PackRead]) -> list[dict[str, Any]]:
    """One row per pack file for ``packs.csv``: status, why, copying, and which pack
    stands for a copy of the same work."""
    rows = []
    for read in reads:
        detail = read.detail
        if read.superseded_by:
            detail = f"the same work as {read.superseded_by}, counted once"
        elif read.same_as:
            detail = "; ".join(d for d in (detail, "also sent as " + ", ".join(read.same_as)) if d)
        rows.append(
            {
                "pack": read.name,
                "learner_id": read.learner_id,
                "status": read.status,
                "detail": detail,
                "copying": read.copying,
            }
        )
    return rows
