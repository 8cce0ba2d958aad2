"""Reading the data files a centre may edit (criteria, question bank, satisfaction rules).

Each reader needs the same thing: the file's TOML, or a CasekitError that names the file,
says whether it is missing, unreadable or not valid TOML, and cites the reader's rule.
"""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

from casekit.errors import CasekitError

# The packaged data files (profiles, criteria, banks, templates' settings).
DATA_DIR = Path(__file__).resolve().parents[1] / "data"


def read_toml(file: Path, what: str, *, rule: str, source: str) -> dict[str, Any]:
    """The parsed TOML of ``file``, the ``what`` (e.g. "criteria catalogue") it holds."""
    try:
        text = file.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise CasekitError(
            f"There is no {what} at {file}.",
            rule=rule,
            source=source,
            field="path",
            advice="Check the path, or leave it out to use the packaged file.",
        ) from None
    except (OSError, UnicodeDecodeError) as err:
        raise CasekitError(
            f"{file}: the {what} cannot be read ({err}).", rule=rule, source=source, field="file"
        ) from None
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as err:
        raise CasekitError(
            f"{file}: the {what} is not valid TOML ({err}).",
            rule=rule,
            source=source,
            field="file",
            advice="Fix the line named; a TOML checker shows the exact place.",
        ) from None
