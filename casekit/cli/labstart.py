"""Get a learner's workspace ready before ``make lab`` opens JupyterLab.

``python -m casekit.cli.labstart --workspace DIR --pack PACK`` makes the workspace from the
scenario pack when it is missing and leaves an existing one alone, so running ``make lab``
every morning never loses yesterday's work. It prints where the workspace is, so the
learner (and the start notebook) know which folder holds their record.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from casekit.errors import CasekitError


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


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m casekit.cli.labstart",
        description="Make the learner's workspace from a scenario pack if it is missing.",
    )
    parser.add_argument("--workspace", type=Path, required=True, help="workspace folder")
    parser.add_argument("--pack", type=Path, required=True, help="scenario pack (JSON)")
    parser.add_argument("--learner", default="learner", help="learner id for a new workspace")
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
    print("Open notebooks/00_start_here.ipynb and follow the steps.")
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
