"""Benchmark the evidence export against ``jupyter nbconvert --to html`` of one executed
notebook, measured the same way (each a fresh command-line process) in the same run.

    python benchmarks/bench_export.py               # 12 worked cases, best of 3
    python benchmarks/bench_export.py --cases 4 --repeat 1

Goal (issue 5): ratio (export / nbconvert) under 0.5. Also (issue 14): what ``casekit
verify`` costs now that it renders every derived file again from the pack's log, against
export's own cost in the same run, both as command-line processes and in process (where
the interpreter's start-up does not hide the difference). The workspace is the tests' worked
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

        def verify() -> None:
            subprocess.run(
                [python, "-m", "casekit", "verify", str(out)], check=True, capture_output=True
            )

        ours, _ = best_of(export, args.repeat)
        base, _ = best_of(nbconvert, args.repeat)
        checked, _ = best_of(verify, args.repeat)
        report(f"casekit export ({args.cases} worked cases)", ours)
        report("jupyter nbconvert --to html (one executed notebook)", base)
        value = ratio("export / nbconvert", ours, base)
        print("goal: under 0.5 -", "met" if value < 0.5 else "NOT met")
        report("casekit verify (hashes, chain, every derived file re-rendered)", checked)
        ratio("verify / export (command line)", checked, ours)
        in_process(root, out, args.repeat)


def in_process(root: Path, out: Path, repeat: int) -> None:
    """Export and verify without process start-up, and verify's parts: the hashes and
    chain alone, then the re-rendering."""
    from casekit.evidence.export import export_pack
    from casekit.evidence.safepack import OpenPack
    from casekit.evidence.verify import verify_folder, verify_pack

    def export() -> None:
        export_pack(root / "ws", out)

    def verify() -> None:
        assert verify_pack(out).intact

    def hashes_and_chain() -> None:
        from casekit.evidence import verify as verify_mod

        real = verify_mod.read_log

        def no_source(folder, listed):  # the chain checked, nothing re-rendered
            log = real(folder, listed)
            log.source = None
            return log

        verify_mod.read_log = no_source
        try:
            with OpenPack(out) as folder:
                verify_folder(folder)
        finally:
            verify_mod.read_log = real

    exported, _ = best_of(export, repeat)
    checked, _ = best_of(verify, repeat)
    chain, _ = best_of(hashes_and_chain, repeat)
    report("in process: export", exported)
    report("in process: verify, all of it", checked)
    report("in process: verify, hashes and chain only (the old verify)", chain)
    ratio("in process: verify / export", checked, exported)
    ratio("in process: re-rendering / export", checked - chain, exported)


if __name__ == "__main__":
    main()
