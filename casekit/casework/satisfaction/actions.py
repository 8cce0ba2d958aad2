"""The satisfaction review's actions: asking a stakeholder, their simulated answer, and
the follow-up on a low score (criterion AC4). Every refusal writes nothing."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from casekit.casework.satisfaction.reporting import pending as waiting
from casekit.casework.satisfaction.rules import WORD, SatisfactionRules, load_rules
from casekit.casework.satisfaction.scoring import grade, handling_factors, score

if TYPE_CHECKING:
    from casekit.record.log import Event
    from casekit.record.workspace import Workspace


def check_stakeholder(
    stakeholder: Any,
    rules: SatisfactionRules,
    *,
    actor: str | None = None,
    case_ref: str = "",
    rating: bool = True,
) -> str:
    """The stakeholder id to ask, or a refusal: nobody rates their own case (not the
    learner, not whoever is asking), and only the stakeholders the rules name.
    ``rating=False`` skips the self-rating check (naming whose answer is followed up)."""
    who = stakeholder.strip() if isinstance(stakeholder, str) else stakeholder
    values = {"case": case_ref, "stakeholder": who}
    if (
        rating
        and isinstance(who, str)
        and (
            (actor is not None and who.casefold() == actor.strip().casefold())
            or who.casefold() in rules.self_names
        )
    ):
        raise rules.rules["no-self-rating"].error(field="stakeholder", **values)
    if not isinstance(who, str) or who not in rules.stakeholders:
        raise rules.rules["unknown-stakeholder"].error(
            field="stakeholder", choices=", ".join(rules.stakeholders), **values
        )
    return who


def check_action(action: Any, rules: SatisfactionRules, *, case_ref: str = "") -> str:
    """A follow-up action must say what was done, in at least the rules' number of words."""
    text = action.strip() if isinstance(action, str) else ""
    if len(WORD.findall(text)) < rules.follow_up_min_words:
        raise rules.rules["follow-up-needs-action"].error(
            field="action", words=rules.follow_up_min_words, case=case_ref
        )
    return text


def request_feedback(
    ws: Workspace,
    case_ref: str,
    stakeholder: str,
    *,
    actor: str = "learner",
    rules: SatisfactionRules | None = None,
) -> Event:
    """Ask one stakeholder how the case went: appends ``feedback_requested``.

    Refused (nothing written) when the stakeholder is the one asking or the learner,
    when the case has had no reply, when the same stakeholder was asked and has not
    answered, or (for the service officer) when the case was never referred.
    """
    rules = rules or load_rules()
    who = check_stakeholder(stakeholder, rules, actor=actor, case_ref=case_ref)
    values = {"case": case_ref, "stakeholder": who}
    person = rules.stakeholders[who]
    values["stakeholder"] = person.label
    with ws.transaction():
        events = ws.events(case=case_ref)
        if not any(e.kind == "enquiry_received" for e in events):
            raise rules.rules["unknown-case"].error(field="case", **values)
        if not any(e.kind in rules.reply_kinds for e in events):
            raise rules.rules["feedback-needs-reply"].error(field="case", **values)
        if person.needs and not any(e.kind == person.needs for e in events):
            raise rules.rules["colleague-needs-referral"].error(field="stakeholder", **values)
        if who in waiting(events):
            raise rules.rules["feedback-pending"].error(field="stakeholder", **values)
        return ws.append(
            "feedback_requested",
            {"stakeholder": who, "question": person.question},
            case=case_ref,
            actor=actor,
        )


def simulate_answers(
    ws: Workspace,
    case_ref: str,
    *,
    rules: SatisfactionRules | None = None,
    key: Mapping[str, Any] | str | Path | None = None,
) -> list[Event]:
    """Let every stakeholder with an unanswered request on the case answer it, with a
    score that follows from how the case was handled. Appends ``feedback_received``.

    With the tutor's answer ``key``, the planted traps the coach judges mishandled or
    missed on this case count too (a missed safeguarding concern, a wrong person's
    consent): without it, the simulated people know only what the log shows.
    """
    rules = rules or load_rules()
    with ws.transaction():
        events = ws.events(case=case_ref)
        pending = waiting(events)
        if not pending:
            raise rules.rules["no-feedback-pending"].error(field="case", case=case_ref)
        state = ws.state()
        case = state.cases.get(case_ref)
        if case is None:
            raise rules.rules["unknown-case"].error(field="case", case=case_ref)
        today = ws.now.date()
        factors = handling_factors(
            case,
            state.clocks(case),
            today,
            rules=rules,
            traps=_trap_statuses(ws, state, case_ref, key),
            calendar=_calendar(ws),
        )
        answers = []
        for who, request in pending.items():
            person = rules.stakeholders.get(who)
            if person is None:  # asked under rules that knew them; skip, do not invent
                continue
            value, reasons = score(person, factors, rules, f"{ws.id}\n{case_ref}\n{who}")
            data: dict[str, Any] = {
                "stakeholder": who,
                "request_seq": request.seq,
                "question": person.question,
                "score": value,
                "scale": [rules.scale_min, rules.scale_max],
                "low": rules.is_low(value),
                "reasons": reasons,
                "comment": rules.factors[reasons[0]].comment if reasons else person.positive,
            }
            if person.graded:
                data["grade"] = grade(case, factors, rules)
                data["grade_label"] = rules.grades[data["grade"]]
            answers.append(ws.append("feedback_received", data, case=case_ref, actor=who))
        return answers


def record_follow_up(
    ws: Workspace,
    case_ref: str,
    stakeholder: str,
    action: str,
    *,
    rules: SatisfactionRules | None = None,
) -> Event:
    """Record what was done about a stakeholder's answer: appends ``follow_up_recorded``."""
    rules = rules or load_rules()
    who = check_stakeholder(stakeholder, rules, case_ref=case_ref, rating=False)
    person = rules.stakeholders[who]
    text = check_action(action, rules, case_ref=case_ref)
    with ws.transaction():
        answers = [
            e
            for e in ws.events(kinds=["feedback_received"], case=case_ref)
            if e.data.get("stakeholder") == who
        ]
        if not answers:
            raise rules.rules["follow-up-needs-feedback"].error(
                field="stakeholder", stakeholder=person.label, case=case_ref
            )
        answer = answers[-1]
        return ws.append(
            "follow_up_recorded",
            {
                "stakeholder": who,
                "feedback_seq": answer.seq,
                "score": answer.data.get("score"),
            },
            case=case_ref,
            personal={"action": text},
        )


def _calendar(ws: Workspace) -> Any:
    from casekit.rules.calendar import calendar_for

    return calendar_for(ws.profile, "subdivision")


def _trap_statuses(
    ws: Workspace, state: Any, case_ref: str, key: Mapping[str, Any] | str | Path | None
) -> dict[str, str]:
    """Trap id -> the coach's status for it on this case, judged with the key."""
    if not key:
        return {}
    from casekit.feedback.coaching.report import trap_statuses

    return trap_statuses(ws, state, case_ref, key)
