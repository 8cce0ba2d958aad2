"""Loading a centre's portfolio template: ``index.html.j2``, ``style.css``, ``centre.toml``.

A centre changes its name, logo, colours and section wording in its own template folder.
What it may not do is make the pack unsafe or unreadable: colours must be hex and pass the
WCAG contrast minimum, the stylesheet may not fetch anything, and the logo must sit inside
the template folder. Missing settings fall back to the default template's; the settings
are checked through :mod:`casekit.rules.datafiles` (every problem at once).
"""

from __future__ import annotations

import base64
import re
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from casekit.evidence.config import refuse
from casekit.inputs.problems import listing
from casekit.rules.datafiles import validate
from casekit.rules.datafiles.checks_texts import (
    MIN_CONTRAST,
    contrast,
    contrast_problems,
    luminance,
    over_default_template,
)

__all__ = ["MIN_CONTRAST", "Template", "contrast", "load_template", "luminance"]
DEFAULT_TEMPLATE = Path(__file__).resolve().parents[2] / "portfolio_templates" / "default"
HEX = re.compile(r"^#[0-9a-fA-F]{6}$")
LOGO_TYPES = {
    ".svg": "image/svg+xml",
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
}
MAX_LOGO_BYTES = 1_000_000
_EXTERNAL = re.compile(r"@import|url\s*\(|https?:|//", re.IGNORECASE)


@dataclass(frozen=True)
class Template:
    folder: Path
    centre: dict[str, Any]
    css: str
    logo_uri: str


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as handle:
            return tomllib.load(handle)
    except tomllib.TOMLDecodeError as err:
        raise refuse(
            "template", f"{path.name} is not valid TOML ({err}).", field=str(path)
        ) from None


def _settings(path: Path) -> dict[str, Any]:
    """A template's ``centre.toml`` over the default's, checked through the data-file
    reader (schema, contrast, logo): every problem listed in one refusal."""
    data = over_default_template(path, _read_toml(path))
    problems = validate("template", data, origin=path)
    if problems:
        # The rule cited is the first problem's (a colour contrast, or the template's).
        contrast_first = problems[0].message.startswith("on colours.")
        raise refuse(
            "contrast" if contrast_first else "template",
            f"{path}:\n{listing(problems)}",
            field=problems[0].where,
        )
    return data


def _check_colours(colours: dict[str, Any]) -> None:
    """Colours must be ``#rrggbb`` and readable on each other (WCAG 1.4.3)."""
    for key, value in colours.items():
        if not isinstance(value, str) or not HEX.match(value):
            raise refuse(
                "template",
                f"colours.{key} '{value}' is not a #rrggbb colour.",
                field=f"colours.{key}",
            )
    problems = contrast_problems(colours)
    if problems:
        raise refuse("contrast", f"{problems[0]}.", field=problems[0].where)


def _logo(folder: Path, name: str) -> str:
    if not name:
        return ""
    path = (folder / name).resolve()
    if not path.is_relative_to(folder.resolve()) or not path.is_file():
        raise refuse(
            "template", f"centre.logo '{name}' is not a file inside {folder}.", field="centre.logo"
        )
    kind = LOGO_TYPES.get(path.suffix.lower())
    if kind is None:
        raise refuse(
            "template",
            f"centre.logo '{name}' is not one of {', '.join(LOGO_TYPES)}.",
            field="centre.logo",
        )
    raw = path.read_bytes()
    if len(raw) > MAX_LOGO_BYTES:
        raise refuse(
            "template", f"centre.logo is over {MAX_LOGO_BYTES} bytes.", field="centre.logo"
        )
    return f"data:{kind};base64,{base64.b64encode(raw).decode('ascii')}"


def load_template(folder: str | Path | None = None) -> Template:
    """The template in ``folder`` (default: portfolio_templates/default), validated."""
    default = DEFAULT_TEMPLATE
    folder = Path(folder) if folder else default
    if not (folder / "index.html.j2").is_file():
        raise refuse("template", f"{folder} has no index.html.j2.", field="template")
    own = folder / "centre.toml"
    centre = _settings(own if own.is_file() else default / "centre.toml")
    css_path = folder / "style.css" if (folder / "style.css").is_file() else default / "style.css"
    css = css_path.read_text(encoding="utf-8")
    if _EXTERNAL.search(css) or "</" in css:
        raise refuse(
            "template",
            "style.css may not load anything (@import, url(), links) or close the style element.",
            field="style.css",
        )
    base = folder if (folder / "centre.toml").is_file() else default
    logo = _logo(base, str(centre["centre"].get("logo", "")))
    return Template(folder=folder, centre=centre, css=css, logo_uri=logo)
