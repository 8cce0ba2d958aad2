"""Per-learner results for a tutor: who submitted, who is struggling with which trap and
which criterion, one row per learner on the roster.

Trap results need the learner's answer key, which never travels in a pack: the coach
runs on the pack's own log (a throwaway copy, :mod:`casekit.evidence.replica`) with the
key the tutor kept. The coach is passed in (the API passes :func:`casekit.api.coach`), so
this module reads its report as it is and holds no coaching rule of its own. Criteria are
``met`` (the centre's minimum of evidence items reached), ``partly`` (some) or ``not yet``
(none), from the pack's verified coverage. A changed pack is named and not judged.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from casekit.errors import CasekitError
from casekit.evidence.collected import PackRead

if TYPE_CHECKING:
    import pandas as pd

    from casekit.scenarios.roster import Learner

MET, PARTLY, NOT_YET = "met", "partly", "not yet"
MISSED = ("in_progress", "not_reached")
BASE = [
    "learner_id",
    "name",
    "submitted",
    "pack",
    "integrity",
    "traps_handled",
    "traps_mishandled",
    "traps_missed",
    "mistakes",
]
TAIL = ["struggling_with", "notes"]


@dataclass
class Coached:
    """What the coach found in one pack: trap statuses and common mistakes."""

    traps: list[dict[str, str]] = field(default_factory=list)  # trap, label, status, case
    mistakes: list[dict[str, str]] = field(default_factory=list)  # mistake, label, case
    keyed: bool = False
    note: str = ""

    def count(self, *statuses: str) -> int:
        return sum(1 for t in self.traps if t["status"] in statuses)


# -- answer keys -----------------------------------------------------------------------
def key_index(folder: str | Path) -> dict[str, Path]:
    """The answer keys in ``folder`` (a class folder's ``tutor/keys`` is found too), by
    learner id and by pack id, so a key is matched whichever the pack names."""
    folder = Path(folder)
    if (folder / "tutor" / "keys").is_dir():
        folder = folder / "tutor" / "keys"
    if not folder.is_dir():
        raise CasekitError(f"{folder} is not a folder of answer keys.", field="keys")
    from casekit.scenarios.pack import read_key

    index: dict[str, Path] = {}
    for path in sorted(folder.glob("*.key.json")):
        index.setdefault("learner:" + path.name[: -len(".key.json")].casefold(), path)
        try:
            key = read_key(path)
        except CasekitError:
            continue  # named when a pack needs it
        index.setdefault("pack:" + str(key.get("pack_id", "")), path)
    if not index:
        raise CasekitError(f"There are no answer keys (*.key.json) in {folder}.", field="keys")
    return index


def key_for(index: dict[str, Path], manifest: dict[str, Any]) -> Path | None:
    pack_id = str(manifest["pack"]["id"])
    found = index.get("pack:" + pack_id)
    if found is None:
        for who in (manifest["pack"]["made_for"], manifest["learner"]["learner_id"]):
            found = found or index.get("learner:" + str(who).casefold())
    return found


def coach_pack(read: PackRead, keys: dict[str, Path] | None, coach: Callable[..., Any]) -> Coached:
    """Run the coach on an intact pack's log, with the learner's key when there is one."""
    from casekit.evidence.replica import pack_workspace

    assert read.source is not None and read.manifest is not None
    out = Coached()
    key: dict[str, Any] | None = None
    if keys is not None:
        path = key_for(keys, read.manifest)
        if path is None:
            out.note = "no answer key for this learner's pack"
        else:
            from casekit.scenarios.pack import read_key

            try:
                key = read_key(path)
            except CasekitError as err:
                out.note = f"answer key {path.name} cannot be read ({err.message[:120]})"
            else:
                if str(key.get("pack_id", "")) != str(read.manifest["pack"]["id"]):
                    out.note = f"answer key {path.name} is for another pack: not used"
                    key = None
    with pack_workspace(read.source, read.workspace_id) as ws:
        report = coach(ws, key)
    out.keyed = key is not None
    out.traps = [
        {"trap": t.trap, "label": t.label, "status": t.status, "case": t.case or t.pack_case}
        for t in report.traps
    ]
    out.mistakes = [
        {"mistake": m.mistake, "label": m.label, "case": m.case or ""} for m in report.mistakes
    ]
    return out


# -- the table -------------------------------------------------------------------------
def criterion_status(cov: dict[str, Any]) -> str:
    if cov.get("met"):
        return MET
    return PARTLY if int(cov.get("count", 0)) > 0 else NOT_YET


def _struggles(coached: Coached) -> str:
    seen: list[str] = []
    for t in coached.traps:
        if t["status"] == "mishandled":
            seen.append(f"{t['label']} (mishandled, {t['case']})")
        elif t["status"] in MISSED:
            seen.append(f"{t['label']} (missed, {t['case']})")
    labels = sorted({m["label"] for m in coached.mistakes})
    return "; ".join(seen + labels)


def _match(read: PackRead, roster: list[Learner]) -> Learner | None:
    """The roster's learner a pack belongs to: the one its scenario pack was made for,
    else the workspace's learner id, else the name in its learner details."""
    from casekit.evidence.keys import same_person

    assert read.manifest is not None
    for who in (read.manifest["pack"]["made_for"], read.manifest["learner"]["learner_id"]):
        found = next((x for x in roster if who and x.learner_id.casefold() == who.casefold()), None)
        if found is not None:
            return found
    name = read.learner_name
    return next((x for x in roster if name and same_person(x.name, name)), None)


def learner_rows(
    reads: list[PackRead],
    roster: list[Learner] | None,
    coached: dict[str, Coached],
    criteria: list[str],
    *,
    keys_given: bool,
) -> list[dict[str, Any]]:
    """One row per learner: the roster's, in its order, then each pack that no one on it
    sent (without a roster, one row a pack; copies of one learner's work count once).
    ``coached`` is by pack name."""
    standing = [r for r in reads if not r.superseded_by]
    mine: dict[str, list[PackRead]] = {x.learner_id: [] for x in roster or []}
    strays: list[PackRead] = []
    for read in standing:
        owner = _match(read, roster) if roster and read.manifest is not None else None
        if owner is None:
            strays.append(read)
        else:
            mine[owner.learner_id].append(read)
    rows = [
        _row(x.learner_id, x.name, True, mine[x.learner_id], coached, criteria, keys_given)
        for x in roster or []
    ]
    for read in strays:
        rows.append(
            _row(
                read.learner_id or read.name,
                read.learner_name,
                roster is None,
                [read],
                coached,
                criteria,
                keys_given,
            )
        )
    return rows


def _row(
    learner_id: str,
    name: str,
    on_roster: bool,
    packs: list[PackRead],
    coached: dict[str, Coached],
    criteria: list[str],
    keys_given: bool,
) -> dict[str, Any]:
    row: dict[str, Any] = {"learner_id": learner_id, "name": name, "submitted": "no"}
    notes = [] if on_roster else ["not on the roster"]
    if not packs:
        row.update(integrity="", struggling_with="", notes="; ".join(notes))
        return row
    best = sorted(packs, key=lambda r: (not r.intact, -r.events, r.name))[0]
    if len(packs) > 1:
        notes.append(f"{len(packs)} different packs sent: {', '.join(p.name for p in packs)}")
    row.update(submitted="yes", pack=best.name, integrity=best.status)
    if best.copying:
        notes.append(best.copying)
    if not best.intact:
        notes.append(f"not judged: {best.detail}" if best.detail else "not judged")
        row.update(struggling_with="", notes="; ".join(notes))
        return row
    assert best.manifest is not None
    for cid in criteria:
        cov = best.manifest["coverage"].get(cid)
        row[cid] = criterion_status(cov) if isinstance(cov, dict) else NOT_YET
    found = coached.get(best.name)
    if found is not None:
        row["mistakes"] = len(found.mistakes)
        if found.keyed:
            row["traps_handled"] = found.count("handled")
            row["traps_mishandled"] = found.count("mishandled")
            row["traps_missed"] = found.count(*MISSED)
        if found.note:
            notes.append(found.note)
        row["struggling_with"] = _struggles(found)
    elif keys_given:
        notes.append("not coached")
    row["notes"] = "; ".join(notes)
    return row


def columns(criteria: list[str]) -> list[str]:
    return [*BASE, *criteria, *TAIL]


def frame(rows: list[dict[str, Any]], criteria: list[str]) -> pd.DataFrame:
    """The rows as a DataFrame, trap and mistake counts as nullable integers (blank where
    there was no pack or no key)."""
    import pandas as pd

    table = pd.DataFrame(rows, columns=columns(criteria))
    for name in ("traps_handled", "traps_mishandled", "traps_missed", "mistakes"):
        table[name] = pd.array(table[name].tolist(), dtype="Int64")
    for name in columns(criteria):
        if name not in ("traps_handled", "traps_mishandled", "traps_missed", "mistakes"):
            table[name] = table[name].astype(object).where(table[name].notna(), "")
    return table


VIEWS = {
    "everyone": "Everyone",
    "struggling": "Struggling: a trap mishandled or missed, or a common mistake",
    "not_submitted": "Not submitted",
    "criterion_not_met": "A criterion not met yet",
    "needs_a_look": "A pack changed, refused or flagged",
}


def view(table: pd.DataFrame, show: str = "everyone", sort: str = "", descending: bool = False):
    """The rows a tutor asks to see (``show``: one of :data:`VIEWS`), sorted by a column
    (blank cells last)."""
    if show not in VIEWS:
        raise CasekitError(f"'{show}' is not one of: {', '.join(VIEWS)}.", field="show")
    out = table
    counts = [c for c in ("traps_mishandled", "traps_missed", "mistakes") if c in table]
    criteria = [c for c in table.columns if c not in (*BASE, *TAIL)]
    if show == "struggling":
        mask = False
        for name in counts:
            mask = mask | (table[name].fillna(0) > 0)
        out = table[mask] if counts else table.iloc[0:0]
    elif show == "not_submitted":
        out = table[table["submitted"] != "yes"]
    elif show == "criterion_not_met":
        met = table[criteria].isin(["met"]).all(axis=1) if criteria else True
        out = table[(table["integrity"] == "intact") & ~met]
    elif show == "needs_a_look":
        flagged = table["notes"].str.contains("possible copying", regex=False)
        out = table[table["integrity"].isin(["changed", "refused"]) | flagged]
    if sort:
        if sort not in out.columns:
            raise CasekitError(f"There is no column '{sort}' to sort by.", field="sort")
        out = out.sort_values(
            sort, ascending=not descending, na_position="last", kind="stable", key=_sort_key
        )
    return out


def _sort_key(column: pd.Series) -> pd.Series:
    """Criterion words sort by how far the learner got; everything else as it is."""
    order = {NOT_YET: 0, PARTLY: 1, MET: 2, "": -1}
    if column.dtype == object and column.isin(list(order)).all():
        return column.map(order)
    return column
