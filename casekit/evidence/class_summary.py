"""A tutor's view of a class: one row per learner, coverage, traps and common mistakes.

Reads every pack in a folder (:mod:`casekit.evidence.collected`: each opened safely and
verified, a folder and a zip of one learner's work counted once), and with the roster
lists every learner on it, submitted or not. With the answer keys, the coach runs on each
pack's own log with the learner's key (:mod:`casekit.evidence.learners`), so a trap
mishandled or missed is named against the learner. Writes ``learners.csv`` (and
``learners.xlsx``), ``coverage.csv``, ``mistakes.csv``, ``traps.csv``, ``packs.csv`` and
two SVG charts. A changed or unreadable pack is listed and left out of the figures, so it
cannot skew them.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from casekit.errors import CasekitError
from casekit.evidence.charts import bar_chart
from casekit.evidence.collected import PackRead, find_packs, read_collected, status_rows
from casekit.evidence.csvsafe import to_csv
from casekit.evidence.learners import (
    MISSED,
    NOT_YET,
    PARTLY,
    Coached,
    coach_pack,
    columns,
    frame,
    key_index,
    learner_rows,
)

__all__ = ["class_results", "find_packs", "summarise_class"]
PACK_COLUMNS = ["pack", "learner_id", "status", "detail", "copying"]


def _criteria(reads: list[PackRead]) -> list[str]:
    from casekit.rules.criteria import load_criteria

    found = list(load_criteria().criteria)
    for read in reads:
        if read.manifest is not None and read.intact:
            found += [c for c in read.manifest["coverage"] if c not in found]
    return found


def class_results(
    folder: str | Path,
    *,
    roster: str | Path | None = None,
    keys: str | Path | None = None,
    witness: str | Path | None = None,
    coach: Callable[..., Any] | None = None,
    progress: bool = False,
) -> dict[str, Any]:
    """Everything the class summary shows, computed once: ``learners`` (rows),
    ``columns``, ``criteria``, ``packs``, ``coverage``, ``mistakes``, ``traps`` and
    ``problems`` (how many packs need a person's look)."""
    folder = Path(folder)
    paths = find_packs(folder)
    learners = None
    if roster is not None:
        from casekit.scenarios.roster import parse_roster

        roster = Path(roster)
        if not roster.is_file():
            raise CasekitError(f"There is no roster file at {roster}.", field="roster")
        learners = parse_roster(roster.read_bytes())
    if not paths and learners is None:
        raise CasekitError(
            f"There are no packs (folders with manifest.json, or .zip files) in {folder}.",
            field="folder",
        )
    index = key_index(keys) if keys is not None else None
    seen = None
    if witness is not None:
        from casekit.evidence.witness import read_ledger

        seen = read_ledger(witness)
    reads = read_collected(paths, witness=seen, progress=progress)
    standing = [r for r in reads if r.intact and not r.superseded_by]
    coached: dict[str, Coached] = {}
    if coach is not None:
        for read in standing:
            coached[read.name] = coach_pack(read, index, coach)
    criteria = _criteria(reads)
    rows = learner_rows(reads, learners, coached, criteria, keys_given=index is not None)
    packs = status_rows(reads)
    return {
        "learners": rows,
        "columns": columns(criteria),
        "criteria": criteria,
        "packs": packs,
        "coverage": _coverage(rows, criteria),
        "mistakes": _mistakes(rows, standing, coached),
        "traps": _traps(standing, coached),
        "problems": sum(1 for p in packs if p["status"] != "intact" or p["copying"]),
        "keyed": index is not None,
    }


def _coverage(rows: list[dict[str, Any]], criteria: list[str]) -> list[dict[str, Any]]:
    judged = [r for r in rows if r.get("integrity") == "intact"]
    out = []
    for cid in criteria:
        marks = [r.get(cid, NOT_YET) for r in judged]
        met = sum(1 for m in marks if m == "met")
        out.append(
            {
                "criterion": cid,
                "learners": len(judged),
                "met": met,
                "partly": sum(1 for m in marks if m == PARTLY),
                "not_yet": sum(1 for m in marks if m == NOT_YET),
                "share_met": round(met / len(judged), 3) if judged else 0,
            }
        )
    return out


def _namer(standing: list[PackRead]) -> Callable[[PackRead], str]:
    """How a learner is named in the mistakes and traps tables: their id, or the pack's
    name where two packs give one id (each pack left standing is one learner's work)."""
    ids = [r.learner_id for r in standing]
    return lambda read: (
        read.learner_id if read.learner_id and ids.count(read.learner_id) == 1 else read.name
    )


def _mistakes(
    rows: list[dict[str, Any]], standing: list[PackRead], coached: dict[str, Coached]
) -> list[dict[str, Any]]:
    _who = _namer(standing)
    times: dict[tuple[str, str], int] = {}
    people: dict[tuple[str, str], set[str]] = {}
    for read in standing:
        found = coached.get(read.name)
        for m in found.mistakes if found else []:
            key = (m["mistake"], m["label"])
            times[key] = times.get(key, 0) + 1
            people.setdefault(key, set()).add(_who(read))
    out = [
        {
            "mistake": mid,
            "label": label,
            "learners": len(people[(mid, label)]),
            "times": n,
            "who": " ".join(sorted(people[(mid, label)])),
        }
        for (mid, label), n in times.items()
    ]
    return sorted(out, key=lambda r: (-r["learners"], -r["times"], r["mistake"]))


def _traps(standing: list[PackRead], coached: dict[str, Coached]) -> list[dict[str, Any]]:
    _who = _namer(standing)
    table: dict[str, dict[str, Any]] = {}
    for read in standing:
        found = coached.get(read.name)
        if not found or not found.keyed:
            continue
        for t in found.traps:
            row = table.setdefault(
                t["trap"],
                {"trap": t["trap"], "label": t["label"], "handled": 0, "mishandled": 0,
                 "missed": 0, "who_mishandled": set(), "who_missed": set()},
            )  # fmt: skip
            if t["status"] == "handled":
                row["handled"] += 1
            elif t["status"] == "mishandled":
                row["mishandled"] += 1
                row["who_mishandled"].add(_who(read))
            elif t["status"] in MISSED:
                row["missed"] += 1
                row["who_missed"].add(_who(read))
    out = []
    for row in table.values():
        out.append(
            {
                **row,
                "who_mishandled": " ".join(sorted(row["who_mishandled"])),
                "who_missed": " ".join(sorted(row["who_missed"])),
            }
        )
    return sorted(out, key=lambda r: (-(r["mishandled"] + r["missed"]), r["trap"]))


def summarise_class(
    folder: str | Path,
    out: str | Path,
    *,
    roster: str | Path | None = None,
    keys: str | Path | None = None,
    witness: str | Path | None = None,
    coach: Callable[..., Any] | None = None,
    progress: bool = True,
) -> dict[str, Any]:
    """Write the class summary's files to ``out``; returns what :func:`class_results`
    computes."""
    result = class_results(
        folder, roster=roster, keys=keys, witness=witness, coach=coach, progress=progress
    )
    write_summary(Path(out), result)
    return result


def results_frame(result: dict[str, Any]) -> Any:
    """The per-learner rows of :func:`class_results` as a DataFrame."""
    return frame(result["learners"], result["criteria"])


def write_summary(out: Path, result: dict[str, Any]) -> None:
    from casekit.evidence.tables import save_table

    out.mkdir(parents=True, exist_ok=True)
    table = results_frame(result)
    save_table(table, out / "learners.csv")
    save_table(table, out / "learners.xlsx", criteria=result["criteria"])
    files = {
        "coverage.csv": (
            result["coverage"],
            ["criterion", "learners", "met", "partly", "not_yet", "share_met"],
        ),
        "mistakes.csv": (result["mistakes"], ["mistake", "label", "learners", "times", "who"]),
        "traps.csv": (
            result["traps"],
            ["trap", "label", "handled", "mishandled", "missed", "who_mishandled", "who_missed"],
        ),
        "packs.csv": (result["packs"], PACK_COLUMNS),
    }
    for name, (rows, cols) in files.items():
        (out / name).write_text(to_csv(rows, cols), encoding="utf-8")
    judged = result["coverage"][0]["learners"] if result["coverage"] else 0
    (out / "coverage.svg").write_text(
        bar_chart(
            [r["criterion"] for r in result["coverage"]],
            [r["met"] for r in result["coverage"]],
            title=f"Learners who have met each criterion (of {judged})",
            max_value=judged,
        ),
        encoding="utf-8",
    )
    top = result["mistakes"][:10]
    (out / "mistakes.svg").write_text(
        bar_chart(
            [r["label"] or r["mistake"] for r in top],
            [r["learners"] for r in top],
            title="Most common mistakes (learners making each)",
            max_value=judged,
        ),
        encoding="utf-8",
    )
