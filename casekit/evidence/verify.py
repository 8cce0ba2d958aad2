"""Verify a pack: its files against the manifest, the log against its own chain, every
derived file against what the log renders, and (given one) the log against the tutor's
witness ledger.

What each check can and cannot show, said plainly in the result:

* **self-consistent**: every file's SHA-256 matches the sealed manifest, the log's hash
  chain holds, and every derived file and manifest field is exactly what the log renders
  with this kit's rules. Editing ``index.html`` and re-sealing is caught here.
* **not witnessed**: a log edited and re-chained (events rewritten, reordered, removed,
  or replayed into a fresh workspace) is self-consistent by construction. Only a chain head
  recorded outside the learner's reach shows it: with ``--witness LEDGER`` the result says
  "matches the tutor's ledger" or names the first witnessed point the log contradicts.
* **sealed rows** (pseudonymised packs): their place in the chain is checked; their content
  as shown cannot be, because the real values stay in the learner's workspace.

An ``assessor/`` folder arriving with a pack is reported and ignored: decisions are read
from the assessor's own ledger (:mod:`casekit.evidence.assessor`), never from the pack.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from casekit.errors import CasekitError
from casekit.evidence import packschema
from casekit.evidence.derive import Source
from casekit.evidence.manifest import sha256_file
from casekit.evidence.packsource import read_log
from casekit.evidence.safepack import ASSESSOR_DIR, MANIFEST, OpenPack, parse_json
from casekit.evidence.witness import WitnessCheck, Witnessed, check_pack

SHOWN_PROBLEMS = 10
ASSESSOR_NOTE = (
    "the pack arrived with an assessor/ folder: ignored (decisions are read from the "
    "assessor's own ledger, never from a pack)"
)


@dataclass
class Verification:
    pack: str
    problems: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    manifest: dict[str, Any] | None = None
    events: int = 0
    rederived: bool = False
    witness: WitnessCheck | None = None
    hashes: dict[int, str] = field(default_factory=dict)
    source: Source | None = None
    shipped_assessor: bool = False

    @property
    def consistent(self) -> bool:
        """Every file, the chain and every derived file agree (self-integrity)."""
        return not self.problems

    @property
    def intact(self) -> bool:
        """Self-consistent, and (when checked) matching the tutor's witness ledger."""
        return self.consistent and (self.witness is None or self.witness.ok)

    @property
    def witness_status(self) -> str:
        if self.witness is None:
            return "not witnessed"
        return self.witness.message if self.witness.ok else f"FAILED: {self.witness.message}"

    def text(self, limit: int = SHOWN_PROBLEMS) -> str:
        """What an assessor reads: the verdict in a line ("intact: self-consistent; not
        witnessed" or "...; matches the tutor's ledger"), at most ``limit`` problems and how
        many more, and what could not be checked."""
        chain = (self.manifest or {}).get("chain", {})
        witnessed = "not witnessed" if self.witness is None else self.witness_status
        lines = []
        if self.consistent:
            verdict = "intact" if self.intact else "CHANGED"
            lines.append(
                f"{self.pack}: {verdict}: self-consistent; {witnessed} "
                f"({len((self.manifest or {}).get('files', []))} files, {self.events} events, "
                f"chain head {str(chain.get('head', ''))[:16]}...)"
            )
            lines.append(
                "  - every file's hash, the log's chain and every derived file (rendered "
                "again from the log) agree"
            )
            sealed = chain.get("sealed", 0)
            if sealed:
                lines.append(
                    f"  - {sealed} event(s) sealed (pseudonymised): their place in the chain is "
                    "checked, their content as shown cannot be"
                )
        else:
            lines.append(f"{self.pack}: CHANGED")
            lines += [f"  - {p}" for p in self.problems[:limit]]
            if len(self.problems) > limit:
                lines.append(f"  - ... and {len(self.problems) - limit} more problem(s)")
            if self.witness is not None:
                lines.append(f"  - {witnessed}")
        if self.witness is None:
            lines.append(
                "  - not witnessed: a log edited and re-chained before export would also be "
                "self-consistent; check it against the tutor's ledger (--witness LEDGER)"
            )
        lines += [f"  - note: {n}" for n in self.notes[:limit]]
        return "\n".join(lines)


def verify_folder(
    folder: Path,
    label: str | None = None,
    *,
    template: str | Path | None = None,
    witness: list[Witnessed] | None = None,
) -> Verification:
    """Verify an opened (and safety-checked) pack folder."""
    from casekit.evidence.rederive import rederive

    result = Verification(label or str(folder))
    raw = (folder / MANIFEST).read_bytes()
    manifest = parse_json(raw, MANIFEST)
    shape = packschema.manifest_problems(manifest)
    if shape:
        result.problems += shape
        return result
    result.manifest = manifest
    result.shipped_assessor = (folder / ASSESSOR_DIR).exists()
    if result.shipped_assessor:
        result.notes.append(ASSESSOR_NOTE)
    for entry in manifest["files"]:
        rel = entry["path"]
        path = folder / rel
        if not path.is_file():
            result.problems.append(f"{rel}: missing")
        elif sha256_file(path) != entry["sha256"]:
            result.problems.append(f"{rel}: changed (its SHA-256 differs from the manifest)")
    log = read_log(folder, [f["path"] for f in manifest["files"] if (folder / f["path"]).is_file()])
    result.events, result.hashes, result.source = log.events, log.hashes, log.source
    result.problems += log.problems
    chain = manifest["chain"]
    last = max(log.hashes, default=0)
    if chain["head"] != log.hashes.get(last, "") or chain["events"] != last:
        result.problems.append(
            f"evidence/log.jsonl: the log ends at event {last}, not at the manifest's chain head"
        )
    if log.source is not None:
        problems, notes = rederive(folder, manifest, log, template)
        result.problems += problems
        result.notes += notes
        result.rederived = not problems
    if witness is not None:
        learner = manifest["learner"]
        result.witness = check_pack(
            witness, manifest["workspace_id"], learner["learner_id"], log.hashes, learner["learner"]
        )
    return result


def verify_pack(
    path: str | Path,
    *,
    template: str | Path | None = None,
    witness: str | Path | list[Witnessed] | None = None,
) -> Verification:
    """Verify a pack folder or zip. Unsafe packs (see :mod:`safepack`) are reported as a
    problem rather than opened; ``witness`` is the tutor's ledger (a path, or its entries
    already read)."""
    from casekit.evidence.witness import read_ledger

    path = Path(path)
    entries = read_ledger(witness) if isinstance(witness, str | Path) else witness
    try:
        with OpenPack(path) as folder:
            return verify_folder(folder, str(path), template=template, witness=entries)
    except CasekitError as err:
        return Verification(str(path), [err.message])
    except OSError as err:  # a file that cannot be read: one line, and the next pack goes on
        return Verification(str(path), [f"{err.filename or path}: cannot be read ({err.strerror})"])
