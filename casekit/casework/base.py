"""What every casework action shares: the workspace, the profile's rules, and finding
the case an action is about. Refusals come from the profile's rules, so each cites its
source and says what to do."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from casekit.errors import CasekitError
from casekit.record.projection import Case, State
from casekit.record.workspace import Workspace

if TYPE_CHECKING:
    from casekit.rules.profile import Profile


@dataclass(frozen=True)
class Notice:
    """A warning shown when an action is allowed but something needs a look."""

    rule: str
    message: str
    source: str
    advice: str

    def as_dict(self) -> dict[str, str]:
        return {
            "rule": self.rule,
            "message": self.message,
            "source": self.source,
            "advice": self.advice,
        }

    def __str__(self) -> str:
        return f"{self.message} Rule: {self.source}. What to do: {self.advice}"


class CaseworkBase:
    """The workspace an action runs on, and the helpers every guard uses."""

    def __init__(self, workspace: Workspace) -> None:
        self.ws = workspace

    @property
    def profile(self) -> Profile:
        return self.ws.profile

    # -- helpers ----------------------------------------------------------------------
    def _refuse(self, rule_id: str, *, field: str | None = None, **values: Any) -> CasekitError:
        return self.profile.rule(rule_id).error(field=field, **values)

    def _notice(self, rule_id: str, **values: Any) -> Notice:
        err = self._refuse(rule_id, **values)
        return Notice(rule_id, err.message, err.source or "", err.advice or "")

    def _case(self, state: State, ref: Any, *, open_only: bool = True) -> Case:
        case = state.case(str(ref)) if ref else None
        if case is None:
            raise self._refuse("unknown-case", case=ref)
        if open_only and case.status != "open":
            raise self._refuse("reply-after-close")
        return case
