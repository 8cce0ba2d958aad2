"""Benchmark how fast casekit starts: a workspace made from a pack in a fresh process, and
every notebook executed headless, each against a baseline measured in the same run.

    python benchmarks/bench_start.py                    # best of 7 starts, notebooks twice
    python benchmarks/bench_start.py --repeat 3 --notebook-repeat 1
    python benchmarks/bench_start.py --skip-notebooks

Goals (issue 9 item 6): ``casekit new WS --pack scenarios/standard.json`` at most 10 times
``python -c pass``; executing every notebook in ``notebooks/`` at most 1.5 times executing
as many one-cell notebooks. Each process runs with its bytecode cache on (one warm-up run
first), as an installed casekit does; wall time is the figure judged, and the processes'
CPU time is printed beside it because it is steadier on a busy machine.
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import ratio, report

ROOT = Path(__file__).resolve().parents[1]
PACK = ROOT / "scenarios" / "standard.json"
NOTEBOOKS = ROOT / "notebooks"


def _env(tmp: Path) -> dict[str, str]:
    """The environment the Makefile's test target gives notebooks, with bytecode caching."""
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env.update(
        CASEKIT_WORKSPACE=str(tmp / "workspace"),
        CASEKIT_CLASS_DIR=str(tmp / "tutor"),
        CASEKIT_PACKS_DIR=str(tmp / "packs"),
    )
    return env


def _cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def run_process(args: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Wall and CPU seconds of one fresh process (which must succeed)."""
    cpu, start = _cpu(), time.perf_counter()
    done = subprocess.run(args, env=env, capture_output=True, text=True, check=False)
    wall = time.perf_counter() - start
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(args)} failed:\n{done.stderr}")
    return wall, _cpu() - cpu


def best(runs: list[tuple[float, float]]) -> tuple[float, float]:
    """The fastest wall time and the smallest CPU time of several runs."""
    return min(w for w, _ in runs), min(c for _, c in runs)


def bench_new(repeat: int, tmp: Path) -> tuple[float, float]:
    env = _env(tmp)
    baseline_cmd = [sys.executable, "-c", "pass"]

    def new(n: int) -> list[str]:
        return [sys.executable, "-m", "casekit", "new", str(tmp / f"ws{n}"), "--pack", str(PACK)]

    run_process(baseline_cmd, env)
    run_process(new(0), env)  # warm-up: writes the bytecode cache
    ours = best([run_process(new(n + 1), env) for n in range(repeat)])
    base = best([run_process(baseline_cmd, env) for _ in range(repeat)])
    report("casekit new WS --pack scenarios/standard.json (wall)", ours[0])
    report("python -c pass (wall)", base[0])
    report("casekit new (CPU)", ours[1])
    report("python -c pass (CPU)", base[1])
    ratio("start, CPU", ours[1], base[1])
    return ours[0], base[0]


def _execute(path: Path, env: dict[str, str], cwd: Path) -> float:
    """Execute one notebook headless in a fresh kernel; wall seconds."""
    import nbformat
    from nbclient import NotebookClient

    nb = nbformat.read(path, as_version=4)
    client = NotebookClient(
        nb, timeout=600, kernel_name="python3", resources={"metadata": {"path": str(cwd)}}
    )
    saved = dict(os.environ)
    os.environ.clear()
    os.environ.update(env)  # the kernel inherits this process's environment
    try:
        start = time.perf_counter()
        client.execute(stderr=subprocess.DEVNULL)  # the kernels' start-up chatter
        return time.perf_counter() - start
    finally:
        os.environ.clear()
        os.environ.update(saved)


def _one_cell(folder: Path) -> Path:
    import nbformat

    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell("1 + 1")]
    nb.metadata["kernelspec"] = {
        "name": "python3",
        "display_name": "Python 3",
        "language": "python",
    }
    path = folder / "one_cell.ipynb"
    nbformat.write(nb, path)
    return path


def bench_notebooks(repeat: int, tmp: Path) -> tuple[float, float]:
    notebooks = sorted(NOTEBOOKS.glob("*.ipynb"))
    one = _one_cell(tmp)
    totals: dict[str, list[float]] = {"ours": [], "base": []}
    for round_ in range(repeat + 1):  # round 0 warms the caches and is not counted
        work = tmp / f"round{round_}"
        work.mkdir()
        env = _env(work)
        ours = sum(_execute(nb, env, NOTEBOOKS) for nb in notebooks)
        base = sum(_execute(one, env, tmp) for _ in notebooks)
        if round_:
            totals["ours"].append(ours)
            totals["base"].append(base)
    ours, base = min(totals["ours"]), min(totals["base"])
    report(f"{len(notebooks)} notebooks executed headless", ours)
    report(f"{len(notebooks)} one-cell notebooks executed headless", base)
    return ours, base


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=7, help="best of N starts")
    parser.add_argument("--notebook-repeat", type=int, default=2, help="best of N rounds")
    parser.add_argument("--skip-notebooks", action="store_true")
    args = parser.parse_args(argv)
    results: dict[str, Any] = {}
    with tempfile.TemporaryDirectory() as folder:
        tmp = Path(folder)
        ours, base = bench_new(args.repeat, tmp / "start")
        results["start"] = ratio("start", ours, base)
        if not args.skip_notebooks:
            (tmp / "nb").mkdir()
            ours, base = bench_notebooks(args.notebook_repeat, tmp / "nb")
            results["notebooks"] = ratio("notebooks", ours, base)
    start_ok = results["start"] <= 10
    print(f"goal (start at most 10x python -c pass): {'met' if start_ok else 'NOT met'}")
    if "notebooks" in results:
        nb_ok = results["notebooks"] <= 1.5
        print(f"goal (notebooks at most 1.5x one-cell notebooks): {'met' if nb_ok else 'NOT met'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
