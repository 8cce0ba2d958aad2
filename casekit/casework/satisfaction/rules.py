"""The satisfaction rules (``casekit/data/satisfaction.toml``): who is asked what, the
handling problems that lower a score and their weights, the grades and the refusals.

Read through :mod:`casekit.rules.datafiles`, so every problem in a centre's file is
reported at once with its dotted field.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from casekit.errors import CasekitError
from casekit.rules.datafiles import DATA_DIR, data_error, read_data, validate

DEFAULT_PATH = DATA_DIR / "satisfaction.toml"
FORMAT_RULE = "satisfaction-rules-format"
FORMAT_SOURCE = "the format described in casekit/data/satisfaction.toml"
FACTORS = (
    "late_reply",
    "no_holding_reply",
    "no_acknowledgement",
    "late_acknowledgement",
    "unverified_facts",
    "reply_before_service_answer",
    "returned_drafts",
    "unapproved_reply",
    "consent_missing",
    "missed_safeguarding",
)
GRADES = ("replied", "replied_not_answered", "acknowledgement_only", "no_reply")
RULE_IDS = (
    "feedback-needs-reply",
    "no-self-rating",
    "unknown-stakeholder",
    "feedback-pending",
    "colleague-needs-referral",
    "no-feedback-pending",
    "follow-up-needs-feedback",
    "follow-up-needs-action",
    "unknown-case",
)
WORD = re.compile(r"[^\W\d_]+")


# --------------------------------------------------------------------------- the rules


@dataclass(frozen=True)
class Rule:
    id: str
    message: str
    source: str
    advice: str

    def error(self, *, field: str | None = None, **values: Any) -> CasekitError:
        return CasekitError(
            fill(self.message, values),
            rule=self.id,
            source=self.source,
            advice=fill(self.advice, values),
            field=field,
        )


@dataclass(frozen=True)
class Stakeholder:
    id: str
    label: str
    question: str
    graded: bool
    positive: str
    weights: dict[str, int]
    needs: str | None = None


@dataclass(frozen=True)
class Factor:
    """A handling problem. ``traps``: planted traps whose mishandling (judged with the
    answer key, when one is given) counts as this problem; ``routes``: escalation routes it
    reads; ``excused_by``: escalation routes that excuse it when used before the reply."""

    id: str
    label: str
    comment: str
    source: str
    cap: int | None = None
    traps: tuple[str, ...] = ()
    routes: tuple[str, ...] = ()
    excused_by: tuple[str, ...] = ()


@dataclass(frozen=True)
class SatisfactionRules:
    path: str
    source: str
    criterion: str
    scale_min: int
    scale_max: int
    start: int
    low_threshold: int
    jitter: tuple[int, ...]
    self_names: tuple[str, ...]
    reply_kinds: tuple[str, ...]
    follow_up_min_words: int
    stakeholders: dict[str, Stakeholder]
    factors: dict[str, Factor]
    grading_source: str
    not_answered_if: tuple[str, ...]
    grades: dict[str, str]
    rules: dict[str, Rule]

    def is_low(self, score: int) -> bool:
        return score <= self.low_threshold


def load_rules(path: str | Path | None = None) -> SatisfactionRules:
    """Load and validate the satisfaction rules (the packaged file by default).

    Read through :mod:`casekit.rules.datafiles`: every problem is reported at once, with
    the file and its dotted field.
    """
    file = Path(path) if path is not None else DEFAULT_PATH
    return _build(read_data("satisfaction", file), str(file))


def parse_rules(raw: Mapping[str, Any], *, origin: str) -> SatisfactionRules:
    """Validate already-parsed rules, naming the file and every field at fault."""
    problems = validate("satisfaction", raw, origin=origin)
    if problems:
        raise data_error("satisfaction", problems, origin)
    return _build(raw, origin)


def _build(raw: Mapping[str, Any], origin: str) -> SatisfactionRules:
    """The rules from a checked file (shapes, references and the scale are sound)."""
    head, grading = raw["satisfaction"], raw["grading"]
    factors = {
        fid: Factor(
            fid,
            raw["factors"][fid]["label"].strip(),
            raw["factors"][fid]["comment"].strip(),
            raw["factors"][fid]["source"].strip(),
            raw["factors"][fid].get("cap"),
            tuple(raw["factors"][fid].get("traps", ())),
            tuple(raw["factors"][fid].get("routes", ())),
            tuple(raw["factors"][fid].get("excused_by", ())),
        )
        for fid in FACTORS
    }
    stakeholders = {
        sid: Stakeholder(
            sid,
            entry["label"].strip(),
            entry["question"].strip(),
            entry.get("graded", False),
            entry["positive"].strip(),
            dict(entry["weights"]),
            entry.get("needs"),
        )
        for sid, entry in raw["stakeholders"].items()
    }
    rules = {
        rid: Rule(
            rid,
            raw["rules"][rid]["message"].strip(),
            raw["rules"][rid]["source"].strip(),
            raw["rules"][rid]["advice"].strip(),
        )
        for rid in RULE_IDS
    }
    return SatisfactionRules(
        path=origin,
        source=head["source"].strip(),
        criterion=head["criterion"].strip(),
        scale_min=head["scale_min"],
        scale_max=head["scale_max"],
        start=head["start"],
        low_threshold=head["low_threshold"],
        jitter=tuple(head["jitter"]),
        self_names=tuple(n.strip().casefold() for n in head["self_names"]),
        reply_kinds=tuple(k.strip() for k in head["reply_kinds"]),
        follow_up_min_words=head["follow_up_min_words"],
        stakeholders=stakeholders,
        factors=factors,
        grading_source=grading["source"].strip(),
        not_answered_if=tuple(f.strip() for f in grading["not_answered_if"]),
        grades={g: grading["grades"][g].strip() for g in GRADES},
        rules=rules,
    )


class _Values(dict[str, Any]):
    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


def fill(template: str, values: Mapping[str, Any]) -> str:
    try:
        return template.format_map(_Values(values))
    except (ValueError, IndexError, AttributeError, KeyError):
        return template
