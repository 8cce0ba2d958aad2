"""Finding, reading and caching protocol profiles, and resolving what one ``extends``.

``load_profile("default")`` loads a shipped profile; a path loads a centre's file. A
profile may say ``[profile] extends = "default"`` and list only its differences. Loaded
profiles are cached by path and refreshed when any of their files changes, so an edited
profile is picked up without restarting the kernel.
"""

from __future__ import annotations

import hashlib
import re
import threading
import tomllib
from pathlib import Path
from typing import Any

from casekit.errors import CasekitError
from casekit.rules.profile.model import PROFILES_DIR, Profile
from casekit.rules.profile.validation import parse_profile

MAX_EXTENDS = 4
RULE = "profile-schema"
_NAME = re.compile(r"^[a-z0-9][a-z0-9_-]*$")

_cache: dict[Path, tuple[list[Path], tuple[tuple[int, int], ...], Profile]] = {}
_cache_lock = threading.Lock()


def available_profiles() -> list[str]:
    """The names of the profiles shipped with casekit (for a drop-down or ``--profile``)."""
    return sorted(
        p.stem for p in PROFILES_DIR.glob("*.toml") if not p.name.endswith(".schema.toml")
    )


def profile_path(name_or_path: str | Path = "default") -> Path:
    """Where a profile lives: a bare name is a shipped profile, anything else a file path."""
    if isinstance(name_or_path, str) and _NAME.match(name_or_path):
        path = PROFILES_DIR / f"{name_or_path}.toml"
        if name_or_path not in available_profiles():
            raise CasekitError(
                f"There is no shipped protocol profile {name_or_path!r}.",
                rule="profile-lookup",
                advice=(
                    f"Use one of: {', '.join(available_profiles())}, "
                    "or give a path to a .toml file."
                ),
                field="profile",
            )
        return path.resolve()
    path = Path(name_or_path).expanduser()
    if not path.is_file():
        raise CasekitError(
            f"The protocol profile file {path} does not exist.",
            rule="profile-lookup",
            advice="Check the path, or use the name of a shipped profile such as 'default'.",
            field="profile",
        )
    return path.resolve()


def _read_toml(path: Path) -> tuple[dict[str, Any], bytes]:
    raw = path.read_bytes()
    try:
        return tomllib.loads(raw.decode("utf-8")), raw
    except UnicodeDecodeError as err:
        raise CasekitError(
            f"The protocol profile {path} is not UTF-8 text ({err.reason} at byte {err.start}).",
            rule=RULE,
            advice="Save the file as UTF-8.",
        ) from None
    except tomllib.TOMLDecodeError as err:
        raise CasekitError(
            f"The protocol profile {path} is not valid TOML: {err}.",
            rule=RULE,
            advice="Fix the line named (a missing quote, bracket or '=' is the usual cause).",
        ) from None


def merge(base: dict[str, Any], override: dict[str, Any]) -> dict[str, Any]:
    """Tables merge key by key; anything else (numbers, text, lists, arrays of tables such
    as ``[[escalation]]``) in the override replaces the base's value whole."""
    merged = dict(base)
    for key, value in override.items():
        if isinstance(value, dict) and isinstance(merged.get(key), dict):
            merged[key] = merge(merged[key], value)
        else:
            merged[key] = value
    return merged


def _base_of(path: Path, base: Any, chain: tuple[Path, ...]) -> Path:
    """The file a profile ``extends``: a shipped name, or a path beside the profile."""
    where = f"{path}: profile.extends"
    if not isinstance(base, str) or not base.strip():
        raise CasekitError(
            f"{where} must be the name or path of another profile.",
            rule=RULE,
            field="profile.extends",
        )
    if _NAME.match(base):
        base_path = profile_path(base)
    else:
        base_path = (path.parent / base).resolve()
        if not base_path.is_file():
            raise CasekitError(
                f"{where} names {base}, which does not exist.",
                rule=RULE,
                field="profile.extends",
            )
    if base_path in (*chain, path) or len(chain) >= MAX_EXTENDS:
        raise CasekitError(
            f"{where}: the profiles extend each other in a loop (or too deep).",
            rule=RULE,
            field="profile.extends",
        )
    return base_path


def resolve(
    path: Path, chain: tuple[Path, ...] = (), data: dict[str, Any] | None = None
) -> tuple[dict[str, Any], list[Path], bytes]:
    """The profile's TOML with what it ``extends`` merged under it, the files it came
    from, and their bytes (for the digest)."""
    if data is None:
        data, raw = _read_toml(path)
    else:
        raw = path.read_bytes()
    head = data.get("profile")
    base = head.get("extends") if isinstance(head, dict) else None
    if base is None:
        return data, [path], raw
    base_path = _base_of(path, base, chain)
    base_data, files, base_raw = resolve(base_path, (*chain, path))
    merged = merge(base_data, data)
    merged["profile"] = {k: v for k, v in merged["profile"].items() if k != "extends"}
    return merged, [*files, path], base_raw + b"\n" + raw


def resolve_for_check(file: Path, data: dict[str, Any]) -> dict[str, Any]:
    """What ``casekit check-data`` checks for a profile: the file over what it extends."""
    return resolve(file.resolve(), data=data)[0]


def _stamps(files: list[Path]) -> tuple[tuple[int, int], ...]:
    return tuple((f.stat().st_mtime_ns, f.stat().st_size) for f in files)


def load_profile(name_or_path: str | Path = "default") -> Profile:
    """Load, validate and cache a protocol profile.

    Parameters
    ----------
    name_or_path:
        ``"default"`` or ``"five-day"`` loads a shipped profile; a path loads that file.

    Returns
    -------
    The :class:`Profile`; the same object while none of its files changes.
    """
    path = profile_path(name_or_path)
    with _cache_lock:
        cached = _cache.get(path)
    if cached is not None:
        files, stamps, profile = cached
        try:
            if _stamps(files) == stamps:
                return profile
        except OSError:
            pass
    data, files, raw = resolve(path)
    stamps = _stamps(files)
    profile = parse_profile(data, path, hashlib.sha256(raw).hexdigest())
    with _cache_lock:
        _cache[path] = (files, stamps, profile)
    return profile


def clear_profile_cache() -> None:
    """Forget every loaded profile (tests that rewrite a file within one clock tick)."""
    with _cache_lock:
        _cache.clear()
