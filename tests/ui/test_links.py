"""Links to the learner's exported pack: served by the page's own server, or none at all."""

from __future__ import annotations

from pathlib import Path

import pytest

from casekit.ui.export_step import result_html
from casekit.ui.links import file_url, link_html


@pytest.fixture
def served(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("CASEKIT_FILES_URL", "/files/")
    monkeypatch.setenv("CASEKIT_FILES_ROOT", str(tmp_path))
    return tmp_path


def test_a_file_in_the_served_folder_gets_its_address(served: Path) -> None:
    assert file_url(served / "my ws-evidence.zip") == "/files/my%20ws-evidence.zip"
    assert file_url(served / "a" / "index.html") == "/files/a/index.html"


def test_a_file_outside_it_gets_no_link(served: Path, tmp_path_factory) -> None:
    elsewhere = tmp_path_factory.mktemp("elsewhere")
    assert file_url(elsewhere / "x.zip") is None
    assert link_html(elsewhere / "x.zip", "Download") == ""


def test_without_server_settings_there_are_no_links(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.delenv("CASEKIT_FILES_URL", raising=False)
    assert file_url(tmp_path / "x.zip") is None


def test_links_open_the_pack_and_download_the_zip(served: Path) -> None:
    html = result_html(served / "ws-evidence", served / "ws-evidence.zip", False)
    assert 'href="/files/ws-evidence/index.html" target="_blank"' in html
    assert 'href="/files/ws-evidence.zip" download="ws-evidence.zip"' in html
    assert "Open the pack" in html and "Download the zip to send to your assessor" in html
    assert str(served) not in html  # names, never paths


def test_names_are_escaped(served: Path) -> None:
    out = link_html(served / '"><script>.zip', "<b>Go</b>", download=True)
    assert "<script>" not in out and "<b>" not in out
