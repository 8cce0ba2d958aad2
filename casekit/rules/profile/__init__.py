"""Protocol profiles: a council's casework rules as a TOML file a centre can edit.

Every number, source and wording the kit applies lives in a profile
(``casekit/data/profiles/<name>.toml``). This package holds the typed objects
(:mod:`.model`), the checking that reports every problem at once (:mod:`.validation`) and
the finding, caching and ``extends`` resolution of profile files (:mod:`.loading`).
"""

from casekit.rules.profile.loading import (
    MAX_EXTENDS,
    available_profiles,
    clear_profile_cache,
    load_profile,
    profile_path,
)
from casekit.rules.profile.model import (
    PROFILES_DIR,
    RECEIPT_RULES,
    STATUTORY_CALENDARS,
    UK_SUBDIVISIONS,
    CalendarSettings,
    EscalationRoute,
    PreElection,
    Profile,
    Retention,
    Rule,
    ServiceLevel,
    StatutoryClock,
)
from casekit.rules.profile.validation import parse_profile

__all__ = [
    "MAX_EXTENDS",
    "PROFILES_DIR",
    "RECEIPT_RULES",
    "STATUTORY_CALENDARS",
    "UK_SUBDIVISIONS",
    "CalendarSettings",
    "EscalationRoute",
    "PreElection",
    "Profile",
    "Retention",
    "Rule",
    "ServiceLevel",
    "StatutoryClock",
    "available_profiles",
    "clear_profile_cache",
    "load_profile",
    "parse_profile",
    "profile_path",
]
