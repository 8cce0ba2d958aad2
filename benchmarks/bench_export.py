"""Benchmark the evidence export against ``jupyter nbconvert --to html`` of one executed
notebook, measured the same way (each a fresh command-line process) in the same run.

    python benchmarks/bench_export.py               # 12 worked cases, best of 3
    python benchmarks/bench_export.py --cases 4 --repeat 1

Goal (issue 5): ratio (export / nbconvert) under 0.5. The workspace is the tests' worked
run (``tests/worked.py``): every case taken through intake, verification, referral, an
approved draft, reply, closure and a satisfaction review, plus a reflection, a knowledge
check and the signed declaration. The baseline notebook is the start notebook when it
exists, else a small notebook made and executed here (a few cells with a table output).
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(ROOT / "tests"))
from _common import best_of, ratio, report  # noqa: E402
from worked import worked_workspace  # noqa: E402

CELLS = [
    "import pandas as pd\nfrom casekit.rules.criteria import load_criteria",
    "catalogue = load_criteria()\n"
    "pd.DataFrame([{'id': c.id, 'text': c.text} for c in catalogue.criteria.values()])",
    "sum(range(1000))",
]


def executed_notebook(folder: Path) -> Path:
    """The notebook to convert: an executed copy of a real one, or a small one."""
    import nbformat
    from nbclient import NotebookClient

    real = ROOT / "notebooks" / "00_start_here.ipynb"
    if real.is_file():
        nb = nbformat.read(real, as_version=4)
    else:
        nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(c) for c in CELLS])
    NotebookClient(
        nb, timeout=120, kernel_name="python3", resources={"metadata": {"path": str(folder)}}
    ).execute()
    path = folder / "executed.ipynb"
    nbformat.write(nb, path)
    return path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--cases", type=int, default=12)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        worked_workspace(root / "ws", cases=args.cases).close()
        notebook = executed_notebook(root)
        python = sys.executable
        out = root / "pack"

        def export() -> None:
            shutil.rmtree(out, ignore_errors=True)
            subprocess.run(
                [python, "-m", "casekit", "export", str(root / "ws"), "--out", str(out)],
                check=True,
                capture_output=True,
            )

        def nbconvert() -> None:
            subprocess.run(
                [
                    python,
                    "-m",
                    "jupyter",
                    "nbconvert",
                    "--to",
                    "html",
                    "--output-dir",
                    str(root / "html"),
                    str(notebook),
                ],
                check=True,
                capture_output=True,
            )

        ours, _ = best_of(export, args.repeat)
        base, _ = best_of(nbconvert, args.repeat)
        report(f"casekit export ({args.cases} worked cases)", ours)
        report("jupyter nbconvert --to html (one executed notebook)", base)
        value = ratio("export / nbconvert", ours, base)
        print("goal: under 0.5 -", "met" if value < 0.5 else "NOT met")


if __name__ == "__main__":
    main()
