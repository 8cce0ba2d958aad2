"""The expectation language of answer keys, evaluated against one case's log.

An expectation (described at the top of ``casekit/data/scenarios/traps.toml``) is one of
three patterns over the events of the learner's case: ``occurs``, ``occurs_without_prior``
and ``missing``. :func:`evaluate` answers with an :class:`Outcome`: it holds, it does not,
it is not decided yet, or a person must decide (``review``), with the evidence and the
events that decide it. Working days count from the enquiry's arrival (its delivery to the
inbox, rolled on to a working day), never from when the learner logged it; day N itself is
"within N".
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from casekit.errors import CasekitError
from casekit.feedback.coaching.judges import NO, UNSURE, YES, Judged, judgements
from casekit.feedback.coaching.texts import route_family
from casekit.record.log import Event
from casekit.record.projection import Case, State, as_date

PATTERNS = ("occurs", "occurs_without_prior", "missing")
MATCHERS = ("eq", "in", "contains_any", "not_contains_any", "exists", "instead_of")
# The same idea can sit under different field names in different events.
ALIASES: dict[str, tuple[str, ...]] = {
    "kind": ("case_kind",),
    "text": ("question", "what"),
    "fact": ("topic",),
    "route": ("route_id", "route"),
}
DRAFT_KINDS = ("draft_approved", "draft_returned")


@dataclass
class Scope:
    """One learner's case as the key's expectations see it."""

    state: State
    case: Case
    arrived: date  # day 0: the day the enquiry arrived (a working day)
    today: date
    calendar: Any
    item: Event | None = None  # the enquiry's delivery to the inbox
    judged: dict[tuple[Any, ...], Any] = field(default_factory=dict)

    @property
    def events(self) -> list[Event]:
        return self.case.timeline

    @property
    def closed(self) -> bool:
        return self.case.status == "closed"

    @property
    def writer(self) -> str:
        """Who wrote in: the delivered enquiry's sender, else the case's constituent."""
        sender = (self.item.get("constituent") if self.item is not None else None) or {}
        name = sender.get("name") if isinstance(sender, dict) else None
        return str(name or self.case.constituent.get("name", ""))

    @property
    def records(self) -> list[Any]:
        found = self.item.get("records") if self.item is not None else None
        return found if isinstance(found, list) else []

    def working_day(self, event: Event) -> int:
        """The working day after arrival the event happened on (arrival day is 0)."""
        return self.calendar.working_days_between(self.arrived, as_date(event.at))

    def elapsed(self) -> int:
        return self.calendar.working_days_between(self.arrived, self.today)


@dataclass
class Outcome:
    """What an expectation comes to: ``holds`` True, False or None (not decided yet);
    ``review`` when a person must decide; ``attempted`` when an event of its kind was
    logged but judged wrong or too late; the evidence lines and events behind it."""

    holds: bool | None
    review: bool = False
    attempted: bool = False
    evidence: list[str] = field(default_factory=list)
    events: list[int] = field(default_factory=list)


# -- one event ------------------------------------------------------------------------
def values(event: Event, name: str, scope: Scope) -> list[Any]:
    """The values of field ``name`` (and its aliases) in the event, personal ones first;
    a draft decision's ``text`` is the text of the draft decided on."""
    names = (name, *ALIASES.get(name, ()))
    found = []
    for n in names:
        if event.personal and n in event.personal:
            found.append(event.personal[n])
        if n in event.data:
            found.append(event.data[n])
    if name == "text" and event.kind in DRAFT_KINDS:
        draft = scope.case.drafts.get(str(event.data.get("draft_id")))
        if draft is not None:
            found.append(draft.get("text", ""))
    return [v for v in found if v is not None]


def _matches(value: Any, matcher: dict[str, Any]) -> bool:
    text = str(value).casefold()
    if "eq" in matcher:
        return text == str(matcher["eq"]).casefold()
    if "in" in matcher:
        return text in {str(v).casefold() for v in matcher["in"]}
    if "contains_any" in matcher:
        return any(str(v).casefold() in text for v in matcher["contains_any"] if str(v))
    if "not_contains_any" in matcher:
        return not any(str(v).casefold() in text for v in matcher["not_contains_any"] if str(v))
    if "exists" in matcher:
        return bool(value) == bool(matcher["exists"])
    if "instead_of" in matcher:
        wanted = str(matcher["instead_of"])
        return str(value) != wanted and str(value) in route_family(wanted)
    raise CasekitError(
        f"The answer key uses a matcher this casekit does not know ({', '.join(matcher)}).",
        rule="answer-key-language",
        source="the expectation language at the top of casekit/data/scenarios/traps.toml",
        field="key",
    )


def _where(event: Event, where: dict[str, Any], scope: Scope) -> bool:
    for name, matcher in (where or {}).items():
        found = values(event, name, scope)
        if "not_contains_any" in matcher:
            if not found or not all(_matches(v, matcher) for v in found):
                return False
        elif not any(_matches(v, matcher) for v in found):
            return False
    return True


def match(event: Event, spec: dict[str, Any], scope: Scope) -> Judged:
    """Whether ``event`` is what ``spec`` (an expectation or a ``prior``) describes."""
    if event.kind != spec.get("kind") or not _where(event, spec.get("where") or {}, scope):
        return Judged(NO)
    judged = judgements(spec, event, scope)
    evidence = " ".join(j.evidence for j in judged if j.evidence)
    if any(j.verdict == NO for j in judged):
        return Judged(NO, evidence, True)
    if any(j.verdict == UNSURE for j in judged):
        return Judged(UNSURE, evidence)
    return Judged(YES, evidence)


# -- the three patterns ---------------------------------------------------------------
def evaluate(expectation: dict[str, Any], scope: Scope) -> Outcome:
    """Evaluate one expectation on the scope's case (see the module docstring)."""
    pattern = expectation.get("pattern", "occurs")
    if pattern == "occurs":
        return _occurs(expectation, scope)
    if pattern == "occurs_without_prior":
        return _without_prior(expectation, scope)
    if pattern == "missing":
        return _missing(expectation, scope)
    raise CasekitError(
        f"Unknown expectation pattern '{pattern}' in the answer key.",
        rule="answer-key-language",
        source="the expectation language at the top of casekit/data/scenarios/traps.toml",
        field="key",
    )


def _of_kind(expectation: dict[str, Any], scope: Scope) -> list[Event]:
    kind = expectation.get("kind")
    return [e for e in scope.events if e.kind == kind]


def _occurs(x: dict[str, Any], scope: Scope) -> Outcome:
    within = x.get("within_wd")
    before = set(x.get("before") or ())
    cut = min((e.seq for e in scope.events if e.kind in before), default=None)
    sure: list[tuple[Event, Judged]] = []
    unsure: list[tuple[Event, Judged]] = []
    wrong: list[str] = []
    for e in _of_kind(x, scope):
        judged = match(e, x, scope)
        if judged.verdict == NO:
            if judged.attempt:
                wrong.append(judged.evidence)
            continue
        day = scope.working_day(e)
        if within is not None and day > int(within):
            wrong.append(f"{_label(e)} on working day {day} after arrival: too late.")
        elif cut is not None and e.seq > cut:
            wrong.append(f"{_label(e)} only after the step it should come before.")
        else:
            (sure if judged.verdict == YES else unsure).append((e, judged))
    if sure:
        return Outcome(True, evidence=_lines(sure[:1]), events=[sure[0][0].seq])
    if unsure:
        return Outcome(None, True, evidence=_lines(unsure), events=[e.seq for e, _ in unsure])
    over = cut is not None or (within is not None and scope.elapsed() > int(within))
    return Outcome(False if over else None, attempted=bool(wrong), evidence=wrong)


def _without_prior(x: dict[str, Any], scope: Scope) -> Outcome:
    prior = x.get("prior") or {}
    unsure: list[str] = []
    seen = False
    for e in _of_kind(x, scope):
        judged = match(e, x, scope)
        if judged.verdict == NO:
            continue
        seen = True
        earlier = [match(p, prior, scope) for p in scope.events if p.seq < e.seq]
        if any(p.verdict == YES for p in earlier):
            continue
        doubts = [p.evidence for p in earlier if p.verdict == UNSURE]
        wrong = [p.evidence for p in earlier if p.verdict == NO and p.attempt]
        if judged.verdict == YES and not doubts:
            lines = [f"{_label(e)} on {as_date(e.at).isoformat()}.", *wrong]
            return Outcome(True, evidence=[*lines, *_lines([(e, judged)])], events=[e.seq])
        unsure.extend(doubts or [judged.evidence])
    if unsure:
        return Outcome(None, True, evidence=unsure)
    return Outcome(False if seen or scope.closed else None)


def _missing(x: dict[str, Any], scope: Scope) -> Outcome:
    by = x.get("by_wd")
    hits = []
    for e in _of_kind(x, scope):
        judged = match(e, x, scope)
        if judged.verdict != NO and (by is None or scope.working_day(e) <= int(by)):
            hits.append((e, judged))
    if any(j.verdict == YES for _, j in hits):
        return Outcome(False, events=[e.seq for e, j in hits if j.verdict == YES])
    if hits:
        return Outcome(None, True, evidence=_lines(hits), events=[e.seq for e, _ in hits])
    if by is not None:
        return Outcome(True if scope.elapsed() > int(by) else None)
    return Outcome(True if scope.closed else None)


def _label(event: Event) -> str:
    """The event's one-line summary from the catalogue ("escalated to ...")."""
    from casekit.record.events import catalogue

    text = catalogue().summary(event.kind, event.data, event.personal or {})
    return text[:1].upper() + text[1:]


def _lines(found: list[tuple[Event, Judged]]) -> list[str]:
    return [j.evidence for _, j in found if j.evidence]
