"""What a data file may refer to in other files: criteria, categories, kinds of event.

A question names a criterion, a criteria file names kinds of event, a scenario bank names
categories. The checks of one file ask a :class:`Context` for the others, read lazily
(the packaged files unless a caller says otherwise), so checking one file never needs the
rest to be loaded, and a test can give its own.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from functools import cached_property
from typing import Any


def catalogue_event_kinds() -> frozenset[str]:
    """Every kind of event the log accepts, from the event catalogue."""
    from casekit.record.events import catalogue

    return frozenset(catalogue().kinds)


class Context:
    """The other files a data file's checks refer to.

    Parameters
    ----------
    criteria:
        Criterion ids a question or a coaching text may name (default: the packaged
        criteria catalogue's).
    event_kinds:
        Kinds of event a criteria file or satisfaction rules may name.
    categories:
        The case categories (id -> entry of the categories file).
    """

    def __init__(
        self,
        *,
        criteria: Iterable[str] | None = None,
        event_kinds: Iterable[str] | None = None,
        categories: Mapping[str, Any] | None = None,
    ) -> None:
        if criteria is not None:
            self.__dict__["criteria"] = frozenset(criteria)
        if event_kinds is not None:
            self.__dict__["event_kinds"] = frozenset(event_kinds)
        if categories is not None:
            self.__dict__["categories"] = dict(categories)

    @cached_property
    def criteria(self) -> frozenset[str] | None:
        """The packaged catalogue's criterion ids (None when it cannot be read)."""
        from casekit.errors import CasekitError
        from casekit.rules.criteria import load_criteria

        try:
            return frozenset(load_criteria().criteria)
        except CasekitError:
            return None

    @cached_property
    def event_kinds(self) -> frozenset[str]:
        return catalogue_event_kinds()

    @cached_property
    def categories(self) -> dict[str, Any] | None:
        """The packaged categories file (None when it cannot be read)."""
        from casekit.errors import CasekitError
        from casekit.rules.categories import category_table

        try:
            return category_table()
        except CasekitError:
            return None

    @cached_property
    def case_kinds(self) -> frozenset[str]:
        from casekit.rules.vocabulary import CASE_KINDS

        return frozenset(CASE_KINDS)

    @cached_property
    def channels(self) -> frozenset[str]:
        from casekit.rules.vocabulary import CHANNELS

        return frozenset(CHANNELS)

    @cached_property
    def trap_ids(self) -> frozenset[str]:
        from casekit.scenarios.traps import registry

        return frozenset(registry())

    @cached_property
    def judge_kind(self) -> Any:
        """The kit's judgement of a text's kind of case (None when the definitions cannot be
        read), so a question that says which kind a case is can be checked against it."""
        from casekit.errors import CasekitError
        from casekit.rules.definitions import definitions, judge

        try:
            definitions()
        except CasekitError:
            return None
        return judge
