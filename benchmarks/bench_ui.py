"""Benchmark each casework-desk action's round trip in Chromium against a no-op button's
round trip in the same page, the same kernel and the same session.

    python benchmarks/bench_ui.py                  # the standard pack after 10 working days
    python benchmarks/bench_ui.py --days 3 --repeat 3

A round trip is the learner's wait: from the click (or the typed value) until the page
shows the answer. The no-op button does nothing in the kernel but write a counter back, so
it measures the browser, the widget messages and the kernel's own overhead; the ratio is
what casekit adds. Goal (issue 15): every action at most 3x the no-op. The workspace is
made from ``scenarios/standard.json`` and its clock moved on ``--days`` working days with
every enquiry that arrived logged (but ``--repeat`` of them, left for the benchmark to
log), so the desk lists a realistic caseload. Each action is
timed ``--repeat`` times and the median printed (the page is served by Voila, as
``casekit app`` serves it).
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import ratio  # noqa: E402

GOAL = 3.0
NOTEBOOK = {
    "cells": [
        {
            "cell_type": "code",
            "metadata": {},
            "outputs": [],
            "execution_count": None,
            "source": (
                "import ipywidgets as w\n"
                "from casekit import ui\n"
                "count = [0]\n"
                "shown = w.HTML('<span class=\"noop-count\">0</span>')\n"
                "noop = w.Button(description='No-op')\n"
                "def bump(_b):\n"
                "    count[0] += 1\n"
                "    shown.value = f'<span class=\"noop-count\">{count[0]}</span>'\n"
                "noop.on_click(bump)\n"
                "w.VBox([noop, shown, ui.desk()])"
            ),
        }
    ],
    "metadata": {"kernelspec": {"name": "python3", "display_name": "Python 3"}},
    "nbformat": 4,
    "nbformat_minor": 5,
}


def prepare(folder: Path, days: int, waiting: int) -> Path:
    """The standard pack's workspace, its clock moved on, every enquiry that came logged
    but the last ``waiting`` (for the benchmark to log)."""
    from casekit import api

    path = folder / "workspace"
    with api.new_workspace(path, pack=ROOT / "scenarios" / "standard.json") as ws:
        for _ in range(days):
            api.advance(ws, 1)
            for event in ws.state().unhandled_inbox()[waiting:]:
                item = event.data.get("timeline_item") or event.data.get("item")
                api.actions(ws).receive_enquiry(
                    constituent=dict(event.get("constituent") or {}),
                    enquiry=str(event.get("enquiry") or ""),
                    category="housing",
                    member_id=str(event.data.get("member_id") or ""),
                    inbox_item=str(item),
                )
        print(f"workspace: {len(ws.state().cases)} cases, {ws.log.count()} events, {days} days")
    return path


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def serve(folder: Path, workspace: Path) -> tuple[subprocess.Popen, str]:
    notebook = folder / "bench.ipynb"
    notebook.write_text(json.dumps(NOTEBOOK), encoding="utf-8")
    port = free_port()
    env = dict(os.environ, CASEKIT_WORKSPACE=str(workspace))
    process = subprocess.Popen(
        [sys.executable, "-m", "voila", str(notebook), "--no-browser", f"--port={port}",
         "--Voila.ip=127.0.0.1", "--Voila.port_retries=0"],
        cwd=folder, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        start_new_session=True,
    )  # fmt: skip
    url = f"http://127.0.0.1:{port}/"
    for _ in range(240):
        try:
            urllib.request.urlopen(url + "voila/static/probe", timeout=2)
        except urllib.error.HTTPError:
            return process, url
        except OSError:
            time.sleep(0.25)
    raise SystemExit("Voila did not start")


def timed(page, act: Callable[[], None], done: str, arg: object = None) -> float:
    """Seconds from ``act`` until the page makes ``done`` (a JS predicate) true."""
    start = time.perf_counter()
    act()
    page.wait_for_function(done, arg=arg, timeout=60_000, polling=5)
    return time.perf_counter() - start


STATUS_CHANGED = """([selector, before]) => {
  const el = [...document.querySelectorAll(selector)].find(e => e.offsetParent !== null);
  return !!el && el.innerText.trim() !== '' && el.innerText !== before;
}"""


def status_of(page, selector: str) -> str:
    return page.evaluate(
        "(s) => { const el = [...document.querySelectorAll(s)].find("
        "e => e.offsetParent !== null); return el ? el.innerText : ''; }",
        selector,
    )


def measure(url: str, repeat: int) -> dict[str, list[float]]:
    from playwright.sync_api import sync_playwright

    from casekit.evidence.pdf import ARGS, CHROMIUM

    times: dict[str, list[float]] = {}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        page.goto(url, timeout=180_000)
        desk = page.locator(".casekit-desk")
        desk.wait_for(timeout=180_000)
        desk.locator(".casekit-pick").first.wait_for()

        def run(name: str, act: Callable[[], None], selector: str) -> None:
            before = status_of(page, selector)
            try:
                took = timed(page, act, STATUS_CHANGED, [selector, before])
            except Exception:
                print(f"no answer on screen for: {name}", file=sys.stderr)
                raise
            times.setdefault(name, []).append(took)

        for i in range(repeat * 3):
            n = i + 1
            times.setdefault("no-op button", []).append(
                timed(
                    page,
                    lambda: page.get_by_role("button", name="No-op").click(),
                    "(n) => document.querySelector('.noop-count').innerText == String(n)",
                    n,
                )
            )
        cases = desk.locator(".casekit-desk-lists .casekit-picklist").nth(1)
        for i in range(repeat):
            other = cases.locator(".casekit-pick:not(.casekit-selected)").first
            run("open a case", other.click, ".casekit-case-head")
            run("open the Facts tab", lambda: desk.get_by_role("tab", name="Facts").click(),
                ".casekit-verification .casekit-facts")  # fmt: skip
            facts = desk.locator(".casekit-verification")
            facts.get_by_label("The fact").fill(f"Fact number {i} from the benchmark.")
            run("record a fact", facts.get_by_role("button", name="Record this fact").click,
                ".casekit-verification .casekit-status")  # fmt: skip
            desk.get_by_role("tab", name="Contacts").click()
            section = desk.locator(".casekit-section:visible", has_text="Log a contact").last
            section.get_by_label("Who with").fill(f"Caller {i}")  # a new message each time
            section.get_by_label("What was said").fill(f"Call {i}: explained the next step.")
            run("log a contact", section.get_by_role("button", name="Log this contact").click,
                ".casekit-contacts .casekit-status")  # fmt: skip
            desk.get_by_role("tab", name="Draft and reply").click()
            drafting = desk.locator(".casekit-drafting")
            # Findings alternate (a party named, then none), so each check shows a change.
            party = " Vote Labour." if i % 2 == 0 else ""
            drafting.get_by_label("Draft", exact=True).fill(f"Dear constituent, update {i}.{party}")
            run("check a draft", drafting.get_by_role("button", name="Check the draft").click,
                ".casekit-drafting .casekit-findings")  # fmt: skip
            run("save a draft", drafting.get_by_role("button", name="Save the draft").click,
                ".casekit-drafting .casekit-status")  # fmt: skip
            bar = desk.locator(".casekit-clockbar")
            advance = bar.get_by_role("button", name="Advance the clock")
            run("advance the clock a day", advance.click, ".casekit-clockbar .casekit-status")
            inbox = desk.locator(".casekit-desk-lists .casekit-picklist").nth(0)
            if inbox.locator(".casekit-pick").count():
                run("open an inbox item", inbox.locator(".casekit-pick").first.click,
                    ".casekit-intake .casekit-inbox-text")  # fmt: skip
                form = desk.locator(".casekit-intake")
                form.get_by_label("Category", exact=True).select_option(label="Housing")
                if form.get_by_label("Councillor (member)").input_value() == "0":
                    form.get_by_label("Councillor (member)").select_option(index=1)
                run("log an enquiry", form.get_by_role("button", name="Log this enquiry").click,
                    ".casekit-desk > .casekit-status, .casekit-intake .casekit-status")  # fmt: skip
        browser.close()
    return times


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--days", type=int, default=10, help="working days to move on first")
    parser.add_argument("--repeat", type=int, default=5, help="times each action is timed")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        workspace = prepare(folder, args.days, args.repeat)
        process, url = serve(folder, workspace)
        try:
            times = measure(url, args.repeat)
        finally:
            os.killpg(process.pid, signal.SIGTERM)
            process.wait(timeout=30)
    baseline = statistics.median(times.pop("no-op button"))
    print(f"no-op button round trip: {baseline * 1000:.0f} ms (median)")
    worst = 0.0
    for name, found in times.items():
        median = statistics.median(found)
        print(f"{name}: {median * 1000:.0f} ms (median of {len(found)})")
        worst = max(worst, ratio(name, median, baseline))
    print(f"worst ratio: {worst:.2f} (goal: at most {GOAL:.0f})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
