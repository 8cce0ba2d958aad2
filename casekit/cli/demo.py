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


def run_demo(out: Path, pack: Path | None = None, key: Path | None = None, days: int = 25) -> Path:
    """Make ``out/`` afresh: the workspace, the coaching report and the evidence pack."""
    from casekit.api.workspaces import new_workspace
    from casekit.cli import main as cli
    from casekit.evidence.export import export_pack
    from casekit.feedback.coaching import coach
    from casekit.scenarios.model_answer import finish_portfolio, work_pack

    out = Path(out)
    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    if pack is None or key is None:
        from casekit.scenarios.generate import generate, render

        pack_data, key_data = generate(seed=2026, cases=8, difficulty="standard", learner="demo")
        pack_text, key_text = render(pack_data, key_data)
        pack = out / "pack.json"
        key = out / "tutor-key.json"
        pack.write_text(pack_text, encoding="utf-8")
        key.write_text(key_text, encoding="utf-8")
    _say(f"1. A scenario pack: {pack}")
    ws_dir = out / "workspace"
    ws = new_workspace(ws_dir, pack=pack, learner="demo")
    _say(f"2. A workspace: {ws_dir} (clock starts {ws.now:%a %d %b %Y})")
    run = work_pack(ws, key, days=days)
    finish_portfolio(ws)
    _say(
        f"3. Worked {len(run.cases)} cases over {run.days} working days "
        f"({run.replies} replies), as a model answer."
    )
    report = coach(ws, key)
    (out / "coaching.txt").write_text(report.text() + "\n", encoding="utf-8")
    _say(f"4. Coaching: {report.counts} -> {out / 'coaching.txt'}")
    ws.close()
    _say("\nThe deadline table (casekit status):")
    cli(["status", str(ws_dir), "--all"])
    _say("\nThe first events of the log (casekit log):")
    from casekit.record.audit import audit_rows
    from casekit.record.workspace import Workspace

    with Workspace.open(ws_dir) as again:
        for row in audit_rows(again.events()[:15]):
            _say(f"  {row['seq']:>4} {row['at']} {row['case'] or '-':<8} {row['summary']}")
        pack_dir = out / "evidence-pack"
        export_pack(again, pack_dir)
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
