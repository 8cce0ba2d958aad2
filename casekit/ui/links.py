"""Links to the learner's own files (the exported pack and its zip) that open in the
browser the forms are shown in, in JupyterLab and in the app (Voila) alike.

A kernel cannot see the address of the page it serves, so whoever starts the server says
where files are served and from which folder: ``make lab`` and ``casekit app`` set
``CASEKIT_FILES_URL`` (JupyterLab serves ``/files/``, Voila ``/voila/files/``) and
``CASEKIT_FILES_ROOT`` (the folder the server shows). Without them, or for a file outside
that folder, there is no link and the form says where the file is in words instead.
"""

from __future__ import annotations

import html
import os
from pathlib import Path
from urllib.parse import quote

FILES_URL = "CASEKIT_FILES_URL"
FILES_ROOT = "CASEKIT_FILES_ROOT"


def file_url(path: str | Path) -> str | None:
    """The address of ``path`` on the server showing the forms, or None when it is not
    served (no server settings, or the file is outside the folder served)."""
    base = os.environ.get(FILES_URL, "").strip()
    root = os.environ.get(FILES_ROOT, "").strip()
    if not base or not root:
        return None
    try:
        inside = Path(path).resolve().relative_to(Path(root).resolve())
    except (ValueError, OSError):
        return None
    return base.rstrip("/") + "/" + quote(inside.as_posix())


def link_html(path: str | Path, words: str, *, download: bool = False, css: str = "") -> str:
    """A link that looks like a button (``words`` say what it does), or "" when the file
    is not served. A download link saves the file; the other opens it in a new tab."""
    url = file_url(path)
    if url is None:
        return ""
    how = f' download="{html.escape(Path(path).name)}"' if download else ' target="_blank"'
    return (
        f'<a class="casekit-link {html.escape(css)}" href="{html.escape(url)}"{how} '
        'rel="noopener" style="display:inline-block;margin:4px 8px 4px 0;padding:6px 14px;'
        "border:1px solid #0b4680;border-radius:3px;color:#0b4680;background:#fff;"
        f'text-decoration:none;font-weight:bold">{html.escape(words)}</a>'
    )
