"""``make demo``: a worked example, headless, from a scenario pack to an evidence pack.

Everything it makes goes under one folder (``demo/`` in the checkout by default), so a user
can open the workspace in the notebooks, read the coaching, and open the pack in a browser.
"""

from __future__ import annotations

import argparse
import shutil
import sys
from pathlib import Path


def _say(text: str) -> None:
    print(text, flush=True)


MARKER = ".casekit-demo"


def _fresh_folder(out: Path) -> None:
    """Empty ``out`` for a new demo, but only when it is a demo folder this command made
    (it holds the marker file) or is empty: nothing of the user's is ever removed."""
    if out.exists():
        if not out.is_dir():
            from casekit.errors import CasekitError

            raise CasekitError(
                f"{out} is a file, not a folder for the demo.",
                field="out",
                advice="Choose a new folder name for the demo.",
            )
        if any(out.iterdir()) and not (out / MARKER).is_file():
            from casekit.errors import CasekitError

            raise CasekitError(
                f"{out} already holds files that the demo did not make; they are left alone.",
                field="out",
                advice="Choose a new or empty folder for the demo.",
            )
        shutil.rmtree(out)
    out.mkdir(parents=True)
    (out / MARKER).write_text("made by casekit demo; safe to delete\n", encoding="utf-8")


def run_demo(out: Path, pack: Path | None = None, key: Path | None = None, days: int = 25) -> Path:
    """Make ``out/`` afresh: the workspace, the coaching report and the evidence pack."""
    from casekit import api
    from casekit.cli import main as cli

    out = Path(out)
    _fresh_folder(out)
    if pack is None or key is None:
        pack_data, key_data = api.generate_pack(
            seed=2026, cases=8, difficulty="standard", learner="demo"
        )
        pack_text, key_text = api.render_pack(pack_data, key_data)
        pack = out / "pack.json"
        key = out / "tutor-key.json"
        pack.write_text(pack_text, encoding="utf-8")
        key.write_text(key_text, encoding="utf-8")
    _say(f"1. A scenario pack: {pack}")
    ws_dir = out / "workspace"
    ws = api.new_workspace(ws_dir, pack=pack, learner="demo")
    _say(f"2. A workspace: {ws_dir} (clock starts {ws.now:%a %d %b %Y})")
    run = api.work_model_answer(ws, key, days=days)
    api.finish_portfolio(ws)
    _say(
        f"3. Worked {len(run.cases)} cases over {run.days} working days "
        f"({run.replies} replies), as a model answer."
    )
    report = api.coach(ws, key)
    (out / "coaching.txt").write_text(report.text() + "\n", encoding="utf-8")
    _say(f"4. Coaching: {report.counts} -> {out / 'coaching.txt'}")
    ws.close()
    _say("\nThe deadline table (casekit status):")
    cli(["status", str(ws_dir), "--all"])
    _say("\nThe first events of the log (casekit log):")
    with api.open_workspace(ws_dir) as again:
        for row in api.audit_rows(api.events(again)[:15]):
            _say(f"  {row['seq']:>4} {row['at']} {row['case'] or '-':<8} {row['summary']}")
        pack_dir = out / "evidence-pack"
        api.export_pack(again, pack_dir)
    _say(f"\n5. The evidence pack: {pack_dir / 'index.html'}")
    code = cli(["verify", str(pack_dir)])
    if code != 0:
        raise SystemExit("The exported pack did not verify.")
    _say(
        "\nOpen the pack in a browser, or the workspace in the notebooks "
        f"(CASEKIT_WORKSPACE={ws_dir})."
    )
    return pack_dir


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m casekit.cli.demo", description=__doc__)
    parser.add_argument("--out", type=Path, default=Path("demo"))
    parser.add_argument("--pack", type=Path, default=None)
    parser.add_argument("--key", type=Path, default=None)
    parser.add_argument("--days", type=int, default=25)
    args = parser.parse_args(argv)
    from casekit.errors import CasekitError

    try:
        run_demo(args.out, args.pack, args.key, args.days)
    except CasekitError as err:
        print(f"casekit demo: {err}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
