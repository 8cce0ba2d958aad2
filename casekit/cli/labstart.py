"""Get a learner's folder ready and open JupyterLab on their casework desk (``make lab``).

``python -m casekit.cli.labstart --workspace DIR --pack PACK [--lab]``:

* makes the workspace from the scenario pack when it is missing and leaves an existing one
  alone, so running ``make lab`` every morning never loses yesterday's work;
* puts the learner's own working copies of the notebooks (the desk and the lessons) beside
  the workspace, once: JupyterLab saves the learner's notebooks there, never into the kit's
  own files, so an update of the kit never conflicts with a learner's work;
* with ``--lab``, opens JupyterLab on that folder and the desk. The folder holds the
  notebooks, the workspace and, once exported, the evidence pack and its zip, so the file
  list shows them all and the export form's links open the pack and download the zip.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
from collections.abc import Sequence
from pathlib import Path

from casekit.errors import CasekitError

KIT_NOTEBOOKS = Path(__file__).resolve().parents[2] / "notebooks"
LEARNER_NOTEBOOKS = (
    "desk.ipynb",
    "00_start_here.ipynb",
    "01_collect.ipynb",
    "02_verify.ipynb",
    "03_monitor.ipynb",
    "04_draft.ipynb",
    "05_satisfaction.ipynb",
    "06_reflect_and_export.ipynb",
    "07_knowledge_check.ipynb",
)
OPEN_FIRST = "desk.ipynb"


def prepare(
    workspace: str | Path, pack: str | Path, *, learner: str = "learner"
) -> tuple[Path, bool]:
    """Open or create the workspace; return its path and whether it was created now.

    An existing workspace is opened (and so checked to be a casekit workspace) but not
    changed; a missing one is made from ``pack``, which must exist.
    """
    from casekit import api

    path = Path(workspace)
    existed = api.is_workspace(path)
    if not existed and not Path(pack).is_file():
        raise CasekitError(
            f"The scenario pack {pack} does not exist, so the workspace {path} cannot be made.",
            field="pack",
            advice="Name a pack from scenarios/ (e.g. scenarios/intro.json) with PACK=...",
        )
    ws = api.open_or_new(path, pack=pack, learner=learner)
    ws.close()
    return path.resolve(), not existed


def copy_notebooks(folder: str | Path, source: str | Path = KIT_NOTEBOOKS) -> list[str]:
    """Give the learner their own copy of each learner notebook in ``folder``; a copy
    they already have is kept as it is (it may hold their work). Returns those copied."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    copied = []
    for name in LEARNER_NOTEBOOKS:
        target = folder / name
        if target.exists() or not (Path(source) / name).is_file():
            continue
        shutil.copyfile(Path(source) / name, target)
        copied.append(name)
    return copied


def lab_command(
    workspace: Path, pack: Path, *, allow_root: bool = False
) -> tuple[list[str], dict[str, str], Path]:
    """The JupyterLab command, its environment and its folder: opened on the learner's
    folder (the workspace's parent) at the desk, with the forms told where the workspace
    is and how this server serves the learner's files (for the export's links)."""
    folder = workspace.resolve().parent
    command = [sys.executable, "-m", "jupyter", "lab", str(folder / OPEN_FIRST)]
    if allow_root:
        command.append("--allow-root")
    env = dict(os.environ)
    env.update(
        {
            "CASEKIT_WORKSPACE": str(workspace.resolve()),
            "CASEKIT_PACK": str(pack.resolve()),
            "CASEKIT_FILES_URL": "/files/",
            "CASEKIT_FILES_ROOT": str(folder),
        }
    )
    return command, env, folder


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m casekit.cli.labstart",
        description="Make the learner's workspace and notebooks, then open JupyterLab.",
    )
    parser.add_argument("--workspace", type=Path, required=True, help="workspace folder")
    parser.add_argument("--pack", type=Path, required=True, help="scenario pack (JSON)")
    parser.add_argument("--learner", default="learner", help="learner id for a new workspace")
    parser.add_argument("--lab", action="store_true", help="then open JupyterLab on the desk")
    parser.add_argument("--allow-root", action="store_true", help="let JupyterLab run as root")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        path, created = prepare(args.workspace, args.pack, learner=args.learner)
    except CasekitError as err:
        print(f"casekit: {err}", file=sys.stderr)
        return 2
    if created:
        print(f"Made your workspace from {args.pack}: {path}")
    else:
        print(f"Your workspace is ready (kept as it was): {path}")
    copied = copy_notebooks(path.parent)
    if copied:
        print(f"Your own copies of the notebooks are in {path.parent}")
    print(f"Open {OPEN_FIRST} in {path.parent}: your casework desk.")
    if not args.lab:
        return 0
    command, env, folder = lab_command(path, args.pack, allow_root=args.allow_root)
    os.chdir(folder)
    os.execvpe(command[0], command, env)  # JupyterLab takes over this process
    return 0  # pragma: no cover


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
