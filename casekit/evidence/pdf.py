"""Print the pack's HTML to PDF with Debian's Chromium, driven by Playwright.

Playwright's own browser download does not work offline, so the system browser is
launched by path (``/usr/bin/chromium``). Every request that is not the local file is
aborted: the pack is untrusted text, and printing it must not reach the network. When
Chromium is missing or fails, :class:`CasekitError` says what to install; the export keeps
the HTML pack either way.
"""

from __future__ import annotations

import os
from pathlib import Path

from casekit.errors import CasekitError

CHROMIUM = Path(os.environ.get("CASEKIT_CHROMIUM", "/usr/bin/chromium"))
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-dev-shm-usage",
]
SOURCE = "casekit recipes: render HTML, then page.pdf() in Playwright with the Debian browser"
# Chromium fills the elements of class title, pageNumber and totalPages itself; the page's
# <title> names the learner, the centre and the unit, so every page is headed with them.
HEADER = (
    '<div style="font-size:8px;width:100%;margin:0 12mm;color:#4d4d4d;font-family:sans-serif">'
    '<span class="title"></span></div>'
)
FOOTER = (
    '<div style="font-size:8px;width:100%;margin:0 12mm;text-align:right;color:#4d4d4d;'
    'font-family:sans-serif">Page <span class="pageNumber"></span> of '
    '<span class="totalPages"></span></div>'
)
ADVICE = (
    "Install Debian's browser ('apt-get install -y chromium'); never 'playwright "
    "install'. The HTML pack (index.html) was still written and prints from any browser."
)


def render_pdf(html: Path, pdf: Path, *, timeout_ms: int = 60_000) -> Path:
    """Render ``html`` (a local file) to ``pdf``: A4, backgrounds printed, every page
    headed with the page's title (learner, centre, unit) and numbered "Page N of M",
    bookmarks from the headings (``outline``) and a tagged structure for screen readers.

    Playwright's sync API refuses to run in a thread with a running asyncio loop, which
    is every Jupyter kernel; so the browser is driven from a thread of its own.
    """
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="casekit-pdf") as pool:
        return pool.submit(_render_pdf, html, pdf, timeout_ms).result()


def _render_pdf(html: Path, pdf: Path, timeout_ms: int) -> Path:
    if not CHROMIUM.exists():
        raise CasekitError(
            f"No PDF: Chromium is not installed at {CHROMIUM}.",
            rule="pdf-needs-chromium",
            source=SOURCE,
            advice=ADVICE,
        )
    try:
        from playwright.sync_api import Error as PlaywrightError
        from playwright.sync_api import sync_playwright
    except ImportError:
        raise CasekitError(
            "No PDF: the playwright package is not installed.",
            rule="pdf-needs-chromium",
            source=SOURCE,
            advice=ADVICE,
        ) from None
    url = Path(html).resolve().as_uri()
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS, headless=True)
            try:
                page = browser.new_page(java_script_enabled=False)
                page.route(
                    "**/*",
                    lambda route: (
                        route.continue_()
                        if route.request.url.startswith("file://")
                        else route.abort()
                    ),
                )
                page.goto(url, wait_until="load", timeout=timeout_ms)
                page.emulate_media(media="print")
                page.pdf(
                    path=str(pdf),
                    format="A4",
                    print_background=True,
                    margin={"top": "18mm", "bottom": "18mm", "left": "12mm", "right": "12mm"},
                    display_header_footer=True,
                    header_template=HEADER,
                    footer_template=FOOTER,
                    outline=True,
                    tagged=True,
                )
            finally:
                browser.close()
    except PlaywrightError as err:
        raise CasekitError(
            f"No PDF: Chromium failed ({str(err).splitlines()[0][:200]}).",
            rule="pdf-needs-chromium",
            source=SOURCE,
            advice=ADVICE,
        ) from None
    return pdf
