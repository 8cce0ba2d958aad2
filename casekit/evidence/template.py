"""Loading a centre's portfolio template: ``index.html.j2``, ``style.css``, ``centre.toml``.

A centre changes its name, logo, colours and section wording in its own template folder.
What it may not do is make the pack unsafe or unreadable: colours must be hex and pass the
WCAG contrast minimum, the stylesheet may not fetch anything, and the logo must sit inside
the template folder. Missing settings fall back to the default template's.
"""

from __future__ import annotations

import base64
import re
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from casekit.evidence.config import refuse

DEFAULT_TEMPLATE = Path(__file__).resolve().parents[2] / "portfolio_templates" / "default"
HEX = re.compile(r"^#[0-9a-fA-F]{6}$")
LOGO_TYPES = {
    ".svg": "image/svg+xml",
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
}
MAX_LOGO_BYTES = 1_000_000
MIN_CONTRAST = 4.5
_EXTERNAL = re.compile(r"@import|url\s*\(|https?:|//", re.IGNORECASE)


@dataclass(frozen=True)
class Template:
    folder: Path
    centre: dict[str, Any]
    css: str
    logo_uri: str


def _merge(base: dict[str, Any], over: dict[str, Any]) -> dict[str, Any]:
    out = dict(base)
    for key, value in over.items():
        out[key] = (
            _merge(out[key], value)
            if isinstance(value, dict) and isinstance(out.get(key), dict)
            else value
        )
    return out


def luminance(colour: str) -> float:
    def channel(c: int) -> float:
        s = c / 255
        return s / 12.92 if s <= 0.03928 else ((s + 0.055) / 1.055) ** 2.4

    r, g, b = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)


def contrast(a: str, b: str) -> float:
    """The WCAG contrast ratio of two hex colours (1 to 21)."""
    la, lb = sorted((luminance(a), luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as handle:
            return tomllib.load(handle)
    except tomllib.TOMLDecodeError as err:
        raise refuse(
            "template", f"{path.name} is not valid TOML ({err}).", field=str(path)
        ) from None


def _check_colours(colours: dict[str, Any]) -> None:
    for key, value in colours.items():
        if not isinstance(value, str) or not HEX.match(value):
            raise refuse(
                "template",
                f"colours.{key} '{value}' is not a #rrggbb colour.",
                field=f"colours.{key}",
            )
    for fg, bg in (
        ("text", "background"),
        ("muted", "background"),
        ("accent", "background"),
        ("accent_text", "accent"),
        ("gap", "background"),
    ):
        ratio = contrast(colours[fg], colours[bg])
        if ratio < MIN_CONTRAST:
            raise refuse(
                "contrast",
                f"colours.{fg} on colours.{bg} is {ratio:.2f}:1 (at least {MIN_CONTRAST}:1).",
                field=f"colours.{fg}",
            )


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
    centre = _read_toml(default / "centre.toml")
    if (folder / "centre.toml").is_file() and folder.resolve() != default.resolve():
        centre = _merge(centre, _read_toml(folder / "centre.toml"))
    _check_colours(centre["colours"])
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
