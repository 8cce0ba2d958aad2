"""A pack as a pure function of its log: what export writes and what verify re-renders.

A pack holds two kinds of file. *Source* files carry the log: ``evidence/log.jsonl`` (the
chained rows) and either ``evidence/personal.jsonl`` (a synthetic pack: personal values and
their salts) or ``evidence/shown.jsonl`` (a pseudonymised pack: the events as the pack shows
them, for rows whose body is sealed and for every personal value, which stays withheld).
Every other file is *derived*: rendered from the source alone with the kit's own rules
(profile, criteria, template), deterministically. So ``casekit verify`` reads the source,
renders the derived files again with its own rules and compares them byte for byte: an
edit to any derived file shows even when the manifest was re-sealed.

What re-rendering cannot show is an edit to the log itself that is re-chained: that is
self-consistent by construction, and only a chain head recorded outside the learner's
reach (the tutor's witness ledger, :mod:`casekit.evidence.witness`) catches it.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from casekit import __version__
from casekit.evidence.config import limits, refuse, settings
from casekit.record.log import Event, canonical

if TYPE_CHECKING:
    from casekit.evidence.template import Template
    from casekit.record.projection import State
    from casekit.rules.criteria import Catalogue
    from casekit.rules.profile import Profile

SOURCES = ("evidence/log", "evidence/personal", "evidence/shown")


def body_of(event: Event) -> str:
    """The canonical body the log hashes (as :meth:`EventLog.append_many` builds it)."""
    return canonical(
        {
            "at": event.at,
            "kind": event.kind,
            "case": event.case,
            "actor": event.actor,
            "data": event.data,
        }
    )


def _json(value: Any) -> str:
    return json.dumps(value, sort_keys=True, indent=2, ensure_ascii=False) + "\n"


def part_names(stem: str, count: int) -> list[str]:
    """``evidence/log.jsonl``, then ``evidence/log-2.jsonl``... for a source split in parts."""
    return [f"{stem}.jsonl"] + [f"{stem}-{n}.jsonl" for n in range(2, count + 1)]


def split_lines(lines: list[str], budget: int) -> list[str]:
    """JSON lines cut into parts of at most ``budget`` bytes (a longer line alone), so
    every file of a large pack stays inside the limits the kit itself enforces."""
    parts: list[str] = []
    current: list[str] = []
    size = 0
    for line in lines:
        n = len(line.encode("utf-8")) + 1
        if current and size + n > budget:
            parts.append("".join(current))
            current, size = [], 0
        current.append(line + "\n")
        size += n
    parts.append("".join(current))
    return parts


@dataclass
class Source:
    """What a pack is rendered from. ``rows`` are the chained rows as exported (a sealed
    row has ``body`` None); ``events`` are the events as the pack shows them."""

    rows: list[dict[str, Any]]
    events: list[Event]
    personal: list[dict[str, Any]] | None = None
    shown: list[dict[str, Any]] | None = None

    @property
    def pseudonymised(self) -> bool:
        return self.shown is not None

    @property
    def head(self) -> tuple[int, str]:
        if not self.rows:
            return 0, "0" * 64
        return int(self.rows[-1]["seq"]), str(self.rows[-1]["hash"])

    @property
    def sealed(self) -> int:
        return sum(1 for r in self.rows if r.get("sealed"))

    def files(self) -> dict[str, str]:
        """The source files, split into parts where large."""
        budget = max(1024, limits()["max_file_bytes"] // 2)
        out: dict[str, str] = {}
        groups = [("evidence/log", self.rows)]
        if self.personal is not None:
            groups.append(("evidence/personal", self.personal))
        if self.shown is not None:
            groups.append(("evidence/shown", self.shown))
        for stem, entries in groups:
            parts = split_lines([canonical(e) for e in entries], budget)
            out.update(zip(part_names(stem, len(parts)), parts, strict=True))
        return out


# -- what the kit renders with ---------------------------------------------------------
@cache
def _data_digest() -> str:
    from casekit.rules.datafiles import DATA_DIR

    digest = hashlib.sha256()
    for path in sorted(Path(DATA_DIR).glob("*.toml")):
        digest.update(path.name.encode() + b"\n" + path.read_bytes())
    return digest.hexdigest()


def template_digest(tpl: Template) -> str:
    page = (tpl.folder / "index.html.j2").read_text(encoding="utf-8")
    return hashlib.sha256(
        canonical(
            {"page": page, "css": tpl.css, "centre": tpl.centre, "logo": tpl.logo_uri}
        ).encode()
    ).hexdigest()


def derivation(profile: Profile, tpl: Template, catalogue: Catalogue) -> dict[str, str]:
    """Digests of everything besides the log that the derived files depend on, so a
    difference found by verify can say whether the kit's rules differ from the exporter's."""
    return {
        "kit_version": __version__,
        "profile": profile.digest,
        "criteria": _file_digest(catalogue.path),
        "template": template_digest(tpl),
        "data": _data_digest(),
    }


def _file_digest(path: str) -> str:
    file = Path(path)
    return hashlib.sha256(file.read_bytes()).hexdigest() if file.is_file() else ""


# -- the derived files -----------------------------------------------------------------
def centre_name(tpl: Template, learners: str) -> str:
    """The centre's name, the same in the banner, the title and the front sheet: a centre's
    own template names it; with the kit's default template, the learner's details do."""
    from casekit.evidence.template import DEFAULT_TEMPLATE

    own = Path(tpl.folder).resolve() != DEFAULT_TEMPLATE.resolve()
    return str(tpl.centre["centre"]["name"]) if own or not learners else learners


def feedback_view(events: list[Event]) -> dict[str, list[dict[str, Any]]]:
    """The assessor's decisions and the IQA's samples the learner loaded into the log."""
    from casekit.evidence.feedback_file import feedback_rows, iqa_rows

    return {"decisions": feedback_rows(events), "iqa": iqa_rows(events)}


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
        "pack_learner": str(pack.get("learner") or ""),
        "difficulty": str(pack.get("difficulty") or ""),
        "kit_version": __version__,
        "workspace_id": str((created.data.get("workspace_id") if created else "") or ""),
        "profile": str((created.data.get("profile_id") if created else "") or ""),
        "started": (created.at if created else "").replace("T", " "),
        "last_event": state.now.replace("T", " "),
    }


def _fit_items(items: list[dict[str, Any]]) -> None:
    """Summarise items with very many events: the first ones in full and a count of the
    rest (all of them stay in the log and audit.csv), so no item passes the JSON limit."""
    conf, budget = settings()["pack"], limits()["max_json_bytes"] // 2
    for item in items:
        keep = min(len(item["events"]), int(conf["max_item_events"]))
        while keep > 1 and len(_json({**item, "events": item["events"][:keep]})) > budget:
            keep //= 2
        item["more_events"] = len(item["events"]) - keep
        item["events"] = item["events"][:keep]


def _fit_timelines(cases: list[dict[str, Any]]) -> None:
    cap = int(settings()["pack"]["max_timeline_events"])
    for case in cases:
        case["timeline_more"] = max(0, len(case["timeline"]) - cap)
        case["timeline"] = case["timeline"][:cap]


def derive(
    source: Source,
    profile: Profile,
    tpl: Template,
    catalogue: Catalogue,
    state: State | None = None,
) -> tuple[dict[str, str], dict[str, Any]]:
    """Every derived file (path to text) and the manifest's content, from the source
    (``state``: the source's events already folded, when the caller has them)."""
    from casekit.evidence import render
    from casekit.evidence.coaching_view import run_coach
    from casekit.feedback.coverage import coverage
    from casekit.record.projection import State

    events = source.events
    if state is None:
        state = State(profile)
        for event in events:
            state.apply(event)
    declaration = state.declaration
    if declaration is None:
        raise refuse("declaration-required", field="declaration")
    cov = coverage(events, catalogue, state)
    coaching = run_coach(state)
    head_seq, head_hash = source.head
    items = render.item_views(cov, events, state)
    _fit_items(items)
    names = render.names_of(state)
    cases = [render.case_view(state, ref, names) for ref in state.cases]
    _fit_timelines(cases)
    criteria = render.coverage_view(cov, catalogue)
    front = _front(state, events, catalogue)
    feedback = feedback_view(events)
    front["centre_name"] = centre_name(tpl, front["centre"])
    front["assessor"] = front["assessor"] or next(
        (str(d["assessor"]) for d in reversed(feedback["decisions"]) if d.get("assessor")), ""
    )
    front["iqa"] = next((str(q["iqa"]) for q in reversed(feedback["iqa"]) if q.get("iqa")), "")
    context = {
        "front": front,
        "criteria": criteria,
        "items": items,
        "cases": cases,
        "cases_by_ref": {c["ref"]: c for c in cases},
        "gaps": cov.gaps,
        "sufficiency_source": cov.source,
        "chart": render.coverage_chart(cov, catalogue, tpl.centre["colours"]["accent"]),
        "coaching": coaching,
        "feedback": feedback,
        "declaration": {
            "name": str(declaration.get("name", "")),
            "statement": str(declaration.data.get("statement", "")),
            "source": str(declaration.data.get("source", "")),
            "at": declaration.at.replace("T", " "),
            "later_events": sum(1 for e in events if e.seq > declaration.seq),
        },
        "chain": {"events": head_seq, "head": head_hash},
        "pseudonymised": source.pseudonymised,
        "pseudonym_note": settings()["pseudonyms"]["note"],
    }
    from casekit.evidence.leap2a import FILE as LEAP2A
    from casekit.evidence.leap2a import leap2a

    files: dict[str, str] = {
        "index.html": render.render_html(tpl, context),
        LEAP2A: leap2a(context),
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
    for item in items:
        files[f"evidence/items/{item['number']}.json"] = _json(item)
    manifest = {
        "schema_version": settings()["pack"]["schema_version"],
        "kind": settings()["pack"]["kind"],
        "kit_version": __version__,
        "workspace_id": front["workspace_id"],
        "learner": {
            k: front[k] for k in ("learner", "learner_id", "registration", "centre", "assessor")
        },
        "pack": {
            "id": front["pack_id"],
            "seed": front["pack_seed"],
            "made_for": front["pack_learner"],
        },
        "started": front["started"],
        "exported_at": state.now,
        "chain": {
            "events": head_seq,
            "head": head_hash,
            "sealed": source.sealed,
            "personal": "withheld" if source.pseudonymised else "included",
        },
        "pseudonymised": source.pseudonymised,
        "coverage": {
            c["id"]: {
                "count": c["count"],
                "minimum": c["minimum"],
                "met": c["met"],
                "sound": c["sound"],
                "status": c["status"],
                "items": c["items"],
            }
            for c in criteria
        },
        "gaps": cov.gaps,
        "coaching": {
            "available": coaching["available"],
            "mistakes": sorted({f["id"] for f in coaching["findings"] if f["mistake"]}),
        },
        "derivation": derivation(profile, tpl, catalogue),
    }
    return files, manifest
