"""``--pdf``: a real PDF from Debian's Chromium, and a clear message when it cannot be made."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from casekit.cli import main
from casekit.evidence import pdf
from casekit.evidence.export import export_pack
from casekit.evidence.verify import verify_pack
from tests.worked import worked_workspace


@pytest.mark.browser
@pytest.mark.skipif(
    not pdf.CHROMIUM.exists() and os.environ.get("CI") != "true",
    reason=f"no Chromium at {pdf.CHROMIUM} (must run under CI=true)",
)
def test_pdf_is_rendered_and_hashed(tmp_path: Path) -> None:
    with worked_workspace(tmp_path / "ws", cases=1) as ws:
        result = export_pack(ws, tmp_path / "pack", pdf=True)
    assert result.pdf_path == tmp_path / "pack" / "portfolio.pdf", result.pdf_message
    data = result.pdf_path.read_bytes()
    assert data.startswith(b"%PDF-") and len(data) > 5000
    assert "portfolio.pdf" in {f["path"] for f in result.manifest["files"]}
    assert verify_pack(tmp_path / "pack").intact
    # Bookmarks from the headings, a tagged structure, the document's language.
    for mark in (b"/Outlines", b"/StructTreeRoot", b"/MarkInfo", b"/Lang"):
        assert mark in data, mark
    import shutil
    import subprocess

    if shutil.which("pdftotext"):  # poppler-utils: read the text as a person would
        text = subprocess.run(
            ["pdftotext", "-layout", str(result.pdf_path), "-"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        pages = text.split("\f")
        assert "Page 1 of" in pages[0] and "Evidence pack: Sam Learner" in pages[0]
        assert f"Page {len(pages) - 1} of {len(pages) - 1}" in text


def test_missing_chromium_keeps_the_html(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(pdf, "CHROMIUM", tmp_path / "no-such-chromium")
    worked_workspace(tmp_path / "ws", cases=1).close()
    assert main(["export", str(tmp_path / "ws"), "--out", str(tmp_path / "pack"), "--pdf"]) == 0
    err = capsys.readouterr().err
    assert "no pdf" in err.lower() and "apt-get install -y chromium" in err
    assert (tmp_path / "pack" / "index.html").is_file()
    assert not (tmp_path / "pack" / "portfolio.pdf").exists()
    assert verify_pack(tmp_path / "pack").intact
