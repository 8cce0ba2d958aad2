"""Sizing a class hub: one learner's server, with their start page open and its kernel
running, against baselines measured in the same run.

Measures (needs root, configurable-http-proxy and Chromium, as the hub test does):

- spawn: from pressing "Sign in" to JupyterLab ready on the learner's start page, against
  the time of a bare ``jupyter server --version``;
- memory: the resident set (RSS, and USS: pages no other process shares) of every process
  of the learner's account (the server and the start page's kernel) after Run All, against
  a bare ``python -c`` process's RSS;
- the hub's own share (hub, proxy and classroom service), and so how many learners fit in
  8 GiB (the goal: 30).

Run: ``make bench`` or ``.venv/bin/python benchmarks/bench_hub.py``.
"""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.browser.test_browser_lab import open_and_run_all  # noqa: E402
from tests.hub import harness  # noqa: E402

GIB = 1024**3
MIB = 1024**2
BUDGET = 8 * GIB


def tree_memory(processes: list[psutil.Process]) -> tuple[int, int]:
    rss = uss = 0
    for process in processes:
        try:
            info = process.memory_full_info()
        except psutil.NoSuchProcess:
            continue
        rss += info.rss
        uss += info.uss
    return rss, uss


def of_account(name: str) -> list[psutil.Process]:
    import pwd

    uid = pwd.getpwnam(name).pw_uid
    return [p for p in psutil.process_iter(["uids"]) if p.info["uids"].real == uid]


def baseline_python_rss() -> int:
    process = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(3)"])
    time.sleep(1.0)
    rss = psutil.Process(process.pid).memory_info().rss
    process.wait()
    return rss


def baseline_server_start() -> float:
    start = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "jupyter", "server", "--version"], check=True, capture_output=True
    )
    return time.perf_counter() - start


def main() -> None:
    lacks = harness.missing()
    if lacks:
        print("bench_hub: skipped, needs " + "; ".join(lacks))
        return
    from playwright.sync_api import sync_playwright

    from casekit.evidence.pdf import ARGS, CHROMIUM

    python_rss = baseline_python_rss()
    server_s = baseline_server_start()
    root = harness.private_folder("/tmp/casekit-hub-bench-")
    learners, tutor = harness.new_names(1)
    learner = learners[0]
    try:
        py = harness.learner_python(root / "python")
        with harness.accounts([learner, tutor]):
            files, ports = harness.write_class(root, learners, tutor, py, cases=8)
            hub = harness.start_hub(files, ports, root / "hub.log", tutor, learners)
            try:
                top = psutil.Process(hub.process.pid)
                hub_rss, _ = tree_memory([top, *top.children(recursive=True)])
                with sync_playwright() as playwright:
                    browser = playwright.chromium.launch(
                        executable_path=str(CHROMIUM), args=ARGS, headless=True
                    )
                    page = browser.new_page(viewport={"width": 1280, "height": 900})
                    page.goto(f"{hub.url}/hub/login")
                    page.fill("#username_input", learner)
                    page.fill("#password_input", "bench")
                    start = time.perf_counter()
                    page.click("#login_submit")
                    page.wait_for_url(f"**/user/{learner}/lab/**", timeout=150_000)
                    page.wait_for_function("() => window.jupyterapp !== undefined")
                    page.evaluate("() => window.jupyterapp.started")
                    spawn_s = time.perf_counter() - start
                    open_and_run_all(page, None, "casekit/notebooks/00_start_here.ipynb")
                    time.sleep(2)
                    rss, uss = tree_memory(of_account(learner))
                    browser.close()
            finally:
                hub.stop()
    finally:
        import shutil

        shutil.rmtree(root, ignore_errors=True)
    fits_rss = int((BUDGET - hub_rss) // rss)
    fits_uss = int((BUDGET - hub_rss) // uss)
    print(f"baseline python -c RSS: {python_rss / MIB:.0f} MiB")
    print(f"baseline jupyter server --version: {server_s:.2f} s")
    print(f"hub + proxy + classroom service RSS: {hub_rss / MIB:.0f} MiB")
    print(
        f"one learner's server + start-page kernel: RSS {rss / MIB:.0f} MiB, "
        f"USS {uss / MIB:.0f} MiB"
    )
    print(f"learner server RSS ratio to bare python: {rss / python_rss:.1f}")
    print(
        f"spawn to JupyterLab ready: {spawn_s:.1f} s (ratio to jupyter server --version: "
        f"{spawn_s / server_s:.1f})"
    )
    print(
        f"learners in 8 GiB: {fits_uss} counting unshared memory (USS), {fits_rss} counting "
        f"RSS (no sharing: the worst case); goal 30: {'met' if fits_rss >= 30 else 'not met'}"
    )


if __name__ == "__main__":
    main()
