"""A folder of packs with markup in every manifest, record and coverage field, and an
assessor's ledger with markup in what the assessor typed: what the assessor's form must
show as text (issue 13, item 2). Shared by the plain-pytest and the Chromium tests."""

from __future__ import annotations

import json
import shutil
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from casekit.evidence.assessor import record_decision
from casekit.evidence.export import export_pack
from casekit.evidence.manifest import render
from tests.worked import worked_workspace

PAYLOAD = "<img src=x onerror=\"window.__pwned='img'\"><script>window.__pwned='script'</script>"
MARKERS = ("<img src=x", "<script>", 'onerror="window')


def hostile_manifest() -> dict[str, Any]:
    """A manifest as a hostile pack could present it to the matrix (before any check)."""
    return {
        "coverage": {
            PAYLOAD: {"count": PAYLOAD, "minimum": PAYLOAD, "met": PAYLOAD, "items": [PAYLOAD]},
            "AC1": {"count": 5, "minimum": "<b>2</b>", "met": True, "items": ["E01", PAYLOAD]},
        },
        "learner": {"learner": PAYLOAD, "registration": PAYLOAD},
        "gaps": [PAYLOAD],
    }


def make_folder(root: Path) -> tuple[Path, Path]:
    """``root/packs`` (an honest pack made by a learner who typed markup everywhere, and
    a re-sealed copy with markup in every manifest field) and ``root/ledger``."""
    packs = root / "packs"
    with worked_workspace(
        root / "ws",
        cases=1,
        learner=PAYLOAD,
        texts={"enquiry": PAYLOAD, "summary": PAYLOAD, "draft": PAYLOAD, "reflection": PAYLOAD},
    ) as ws:
        export_pack(ws, packs / "typed-markup")
    ledger = root / "ledger"
    record_decision(
        ledger,
        packs / "typed-markup",
        "AC1",
        "not met",
        PAYLOAD,
        PAYLOAD,
        "2026-04-01",
        now=datetime(2026, 5, 1, tzinfo=UTC),
    )
    forged = packs / "resealed-markup"
    shutil.copytree(packs / "typed-markup", forged)
    manifest = json.loads((forged / "manifest.json").read_text())
    manifest["learner"] = {k: PAYLOAD for k in manifest["learner"]}
    manifest["workspace_id"] = PAYLOAD
    manifest["pack"] = {"id": PAYLOAD, "seed": PAYLOAD, "made_for": PAYLOAD}
    manifest["gaps"] = [PAYLOAD]
    manifest["coverage"] = {
        PAYLOAD: {"count": 1, "minimum": 2, "met": False, "items": [PAYLOAD]},
        **manifest["coverage"],
    }
    (forged / "manifest.json").write_bytes(render(manifest))
    return packs, ledger


def raw_markup(html: str) -> list[str]:
    """The payload's markup found unescaped in ``html``."""
    return [m for m in MARKERS if m in html]
