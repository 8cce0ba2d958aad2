"""Where the drafting checks read their wording: the ``[drafting.*]`` sections of a profile.

The checks accept what callers have to hand: a loaded profile (``profile.drafting``), the
raw TOML mapping (with a ``drafting`` table) or the drafting sections themselves. Missing
sections or keys raise :class:`CasekitError` naming the key, because a silent default would
hide a rule a centre meant to set.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from casekit.errors import CasekitError

SECTIONS = ("neutrality", "confidentiality", "completeness", "style")
PROFILE_SOURCE = "protocol profile [drafting.*] sections (casekit/data/profiles/default.toml)"


def drafting_rules(profile: Any) -> Mapping[str, Mapping[str, Any]]:
    """The drafting sections of ``profile``, checked to hold every section the checks use."""
    sections: Any
    if hasattr(profile, "drafting"):
        sections = profile.drafting
    elif isinstance(profile, Mapping) and "drafting" in profile:
        sections = profile["drafting"]
    else:
        sections = profile
    if not isinstance(sections, Mapping):
        raise CasekitError(
            "The protocol profile has no drafting rules.",
            rule="profile-drafting",
            source=PROFILE_SOURCE,
            field="drafting",
        )
    for name in SECTIONS:
        if not isinstance(sections.get(name), Mapping):
            raise CasekitError(
                f"The protocol profile has no [drafting.{name}] section.",
                rule="profile-drafting",
                source=PROFILE_SOURCE,
                field=f"drafting.{name}",
            )
    return sections


def setting(section: Mapping[str, Any], name: str, key: str) -> Any:
    """One key of a drafting section, or an error naming ``drafting.<name>.<key>``."""
    if key not in section:
        raise CasekitError(
            f"The protocol profile's [drafting.{name}] section has no '{key}'.",
            rule="profile-drafting",
            source=PROFILE_SOURCE,
            field=f"drafting.{name}.{key}",
        )
    return section[key]


def words_list(section: Mapping[str, Any], name: str, key: str) -> list[str]:
    """A wording list; an error when it is not a list of strings."""
    value = setting(section, name, key)
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise CasekitError(
            f"[drafting.{name}] '{key}' must be a list of words or phrases.",
            rule="profile-drafting",
            source=PROFILE_SOURCE,
            field=f"drafting.{name}.{key}",
        )
    return [v for v in value if v.strip()]


def message(section: Mapping[str, Any], name: str, key: str, /, **values: Any) -> str:
    """The learner-facing message ``messages.<key>`` of a section, filled in."""
    messages = setting(section, name, "messages")
    template = messages.get(key) if isinstance(messages, Mapping) else None
    if not isinstance(template, str):
        raise CasekitError(
            f"The protocol profile's [drafting.{name}.messages] has no '{key}'.",
            rule="profile-drafting",
            source=PROFILE_SOURCE,
            field=f"drafting.{name}.messages.{key}",
        )
    return fill(template, values)


def source(section: Mapping[str, Any], name: str, key: str | None = None) -> str:
    """The source a finding cites: a per-check override in ``sources`` or the section's."""
    sources = section.get("sources")
    if key and isinstance(sources, Mapping) and isinstance(sources.get(key), str):
        return sources[key]
    return str(setting(section, name, "source"))


def fill(template: str, values: Mapping[str, Any]) -> str:
    """``str.format_map`` that leaves unknown ``{names}`` as they are instead of failing."""

    class _Keep(dict):
        def __missing__(self, key: str) -> str:
            return "{" + key + "}"

    try:
        return template.format_map(_Keep(values))
    except (ValueError, IndexError):
        return template
