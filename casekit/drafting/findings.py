"""The Finding: one thing a draft check noticed, tied to the words, the rule and the criterion.

A finding points at the exact words in the draft (``start``/``end`` are character offsets,
so ``text[start:end] == words``) so a form can highlight them, and it carries the rule it
applies and the unit criterion it bears on, so feedback teaches and counts as evidence.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import asdict, dataclass
from typing import Any

from casekit.errors import CasekitError

KINDS = ("style", "neutrality", "confidentiality", "completeness", "predetermination")
SEVERITIES = ("advice", "warning", "breach")


def severity_rank(severity: str) -> int:
    """Order of seriousness: advice < warning < breach."""
    try:
        return SEVERITIES.index(severity)
    except ValueError:
        raise CasekitError(
            f"Unknown severity {severity!r}.",
            rule="severity",
            source=f"casekit drafting severities: {', '.join(SEVERITIES)}",
            field="severity",
        ) from None


@dataclass(frozen=True)
class Finding:
    """One finding of a draft check.

    ``check`` names the individual test (``"greeting"``, ``"party_names"``...) so the
    member's comments and the coaching can be keyed on it; ``expected`` holds what the
    member's profile expects when that is known (their greeting, their sign-off), and
    ``about`` the person a confidentiality finding concerns.
    """

    kind: str
    severity: str
    message: str
    words: str
    start: int
    end: int
    rule: str
    criterion: str
    check: str = ""
    expected: str = ""
    about: str = ""

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise CasekitError(
                f"Unknown finding kind {self.kind!r}.",
                rule="finding-kind",
                source=f"casekit drafting kinds: {', '.join(KINDS)}",
                field="kind",
            )
        severity_rank(self.severity)

    @property
    def above_advice(self) -> bool:
        return severity_rank(self.severity) > 0

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Finding:
        """Rebuild a finding stored in an event (``draft_saved``)."""
        try:
            return cls(
                kind=str(data["kind"]),
                severity=str(data["severity"]),
                message=str(data["message"]),
                words=str(data.get("words", "")),
                start=int(data.get("start", 0)),
                end=int(data.get("end", 0)),
                rule=str(data.get("rule", "")),
                criterion=str(data.get("criterion", "")),
                check=str(data.get("check", "")),
                expected=str(data.get("expected", "")),
                about=str(data.get("about", "")),
            )
        except (KeyError, TypeError, ValueError) as err:
            raise CasekitError(
                f"A stored finding is missing or has a bad field: {err}.",
                rule="finding-shape",
                source="casekit drafting: findings carry kind, severity and message",
                field="findings",
            ) from None


def worst(findings: Iterable[Finding]) -> str | None:
    """The most serious severity among the findings, or None when there are none."""
    ranks = [severity_rank(f.severity) for f in findings]
    return SEVERITIES[max(ranks)] if ranks else None


def summary(findings: Iterable[Finding]) -> dict[str, int]:
    """Count of findings by severity (all three keys present), for events and reports."""
    counts = dict.fromkeys(SEVERITIES, 0)
    for finding in findings:
        counts[finding.severity] += 1
    return counts
