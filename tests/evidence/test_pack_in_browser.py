"""A real browser opens a pack whose learner texts are script and markup payloads: no
script runs and no request leaves the page."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from casekit.evidence.export import export_pack
from casekit.evidence.pdf import ARGS, CHROMIUM
from tests.worked import worked_workspace

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        not CHROMIUM.exists() and os.environ.get("CI") != "true",
        reason=f"no Chromium at {CHROMIUM} (this test must run under CI=true)",
    ),
]

PAYLOADS = {
    "enquiry": '<script>window.__pwned = "script"</script><b>bold</b>',
    "summary": "<img src=x onerror=\"window.__pwned = 'img'\">",
    "draft": "<a href=\"javascript:window.__pwned='link'\">click me</a>"
    '<iframe src="https://evil.example/frame"></iframe>',
    "reflection": '"><svg onload="window.__pwned=\'svg\'"></svg>'
    '<link rel="stylesheet" href="http://evil.example/x.css">'
    '<meta http-equiv="refresh" content="0;url=https://evil.example/">',
}


def test_payloads_are_shown_as_text_and_never_run(tmp_path: Path) -> None:
    # Playwright's sync API needs a thread with no running asyncio loop (another browser
    # test in this worker may hold one): drive the browser from a thread of its own.
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(max_workers=1) as pool:
        pool.submit(_check_payloads, tmp_path).result()


def _check_payloads(tmp_path: Path) -> None:
    from playwright.sync_api import sync_playwright

    with worked_workspace(tmp_path / "ws", cases=1, texts=PAYLOADS) as ws:
        export_pack(ws, tmp_path / "pack")
    index = tmp_path / "pack" / "index.html"
    url = index.resolve().as_uri()
    requests: list[str] = []
    errors: list[str] = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS, headless=True)
        try:
            page = browser.new_page()
            page.on("request", lambda r: requests.append(r.url))
            page.on("pageerror", lambda e: errors.append(str(e)))
            page.on("dialog", lambda d: errors.append(f"dialog {d.message}"))
            page.goto(url, wait_until="load")
            page.wait_for_timeout(300)
            assert page.evaluate("window.__pwned") is None
            assert page.locator("script, iframe, img[src='x'], a[href^='javascript']").count() == 0
            body = page.inner_text("main")
            for text in (
                '<script>window.__pwned = "script"</script>',
                "<img src=x onerror=",
                "javascript:window.__pwned",
                "<iframe src=",
            ):
                assert text in body, text
            links = page.locator("a")
            for i in range(links.count()):
                href = links.nth(i).get_attribute("href") or ""
                assert href.startswith("#"), href
        finally:
            browser.close()
    assert requests == [url], requests
    assert not errors, errors


def test_the_assessor_form_shows_pack_markup_as_text_in_a_browser(tmp_path: Path) -> None:
    """The assessor's form over packs with markup in every manifest, record and coverage
    field (and in the ledger), rendered by Chromium: nothing runs, nothing is fetched."""
    from concurrent.futures import ThreadPoolExecutor

    from casekit.ui.assessor_step import Assessor, matrix_html
    from tests.ui.markup_packs import hostile_manifest, make_folder

    packs, ledger = make_folder(tmp_path)
    form = Assessor(packs, ledger)
    parts = [matrix_html(hostile_manifest(), {"AC1": {"decision": "<i>x</i>"}})]
    for pack in sorted(str(p) for p in packs.iterdir()):
        form.pack.value = pack
        parts += [
            form.packs_table.value,
            form.front.value,
            form.matrix.value,
            form.decisions.value,
            form.status.value,
        ]
    page_html = "<!DOCTYPE html><html><body>" + "".join(parts) + "</body></html>"
    with ThreadPoolExecutor(max_workers=1) as pool:
        pool.submit(_check_widget_html, page_html).result()


def _check_widget_html(page_html: str) -> None:
    from playwright.sync_api import sync_playwright

    requests: list[str] = []
    errors: list[str] = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS, headless=True)
        try:
            page = browser.new_page()
            page.on("request", lambda r: requests.append(r.url))
            page.on("pageerror", lambda e: errors.append(str(e)))
            page.on("dialog", lambda d: errors.append(f"dialog {d.message}"))
            page.set_content(page_html, wait_until="load")
            page.wait_for_timeout(300)
            assert page.evaluate("window.__pwned") is None
            assert page.locator("script, img, iframe, i, b").count() == 0
            text = page.inner_text("body")
            assert "<img src=x onerror=" in text and "<script>window.__pwned" in text
        finally:
            browser.close()
    assert [r for r in requests if not r.startswith(("about:", "data:"))] == []
    assert not errors, errors
