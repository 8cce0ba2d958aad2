"""The one error type learners see.

A guard that refuses an action raises :class:`CasekitError` with the rule it applies,
where that rule comes from, and what to do instead, so the message teaches rather than
just says no. Widgets show ``str(err)`` in the form; the command line prints it.
"""

from __future__ import annotations


class CasekitError(Exception):
    """A refusal or a bad input, explained so a learner can act on it.

    Parameters
    ----------
    message:
        What went wrong, in plain English, naming the field or action.
    rule:
        Short name of the rule applied (e.g. ``"share-needs-consent"``).
    source:
        Where the rule comes from (e.g. ``"DPA 2018 Sch. 1 para 23"``).
    advice:
        What the learner should do instead.
    field:
        The form field or file field at fault, when there is one.
    """

    def __init__(
        self,
        message: str,
        *,
        rule: str | None = None,
        source: str | None = None,
        advice: str | None = None,
        field: str | None = None,
    ) -> None:
        self.message = message
        self.rule = rule
        self.source = source
        self.advice = advice
        self.field = field
        super().__init__(self.__str__())

    def __str__(self) -> str:
        parts = [self.message]
        if self.source:
            parts.append(f"Rule: {self.source}.")
        if self.advice:
            parts.append(f"What to do: {self.advice}")
        return " ".join(parts)

    def as_dict(self) -> dict[str, str | None]:
        return {
            "message": self.message,
            "rule": self.rule,
            "source": self.source,
            "advice": self.advice,
            "field": self.field,
        }
