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

# The kinds of event in docs/architecture.md, used until the event catalogue
# (casekit.record.events) is there to ask.
FALLBACK_EVENT_KINDS = frozenset(
    {
        "acknowledgement_sent",
        "case_closed",
        "case_reopened",
        "clock_advanced",
        "clock_extended",
        "clock_restarted",
        "clock_started",
        "clock_stopped",
        "consent_recorded",
        "constituent_chased",
        "contact_logged",
        "council_defined",
        "declaration_signed",
        "draft_approved",
        "draft_returned",
        "draft_saved",
        "draft_submitted",
        "duplicate_linked",
        "enquiry_received",
        "escalated",
        "fact_recorded",
        "fact_verified",
        "feedback_received",
        "feedback_requested",
        "follow_up_recorded",
        "holding_reply_sent",
        "inbox_item_delivered",
        "knowledge_check_completed",
        "learner_details_recorded",
        "pack_loaded",
        "personal_data_erased",
        "record_changed",
        "referred_to_service",
        "reflection_recorded",
        "reply_sent",
        "service_replied",
        "shared_with_third_party",
        "workspace_created",
    }
)


def catalogue_event_kinds() -> frozenset[str]:
    """The kinds of event the log accepts: the event catalogue's, when it exists."""
    try:
        from casekit.record import events  # type: ignore[attr-defined]
    except ImportError:
        return FALLBACK_EVENT_KINDS
    found = getattr(events, "catalogue", None)
    kinds: Any = found() if callable(found) else getattr(events, "KINDS", None)
    if kinds is None:
        return FALLBACK_EVENT_KINDS
    return frozenset(kinds)


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
