"""``import casekit``, building the command line and opening a workspace stay light: none of
the heavy libraries is imported where it is not needed."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
HEAVY = ["pandas", "faker", "ipywidgets", "jsonschema", "jinja2", "nbconvert", "IPython"]
# Making a workspace from a pack needs none of these either.
START_HEAVY = [*HEAVY, "holidays", "nbformat", "tqdm", "matplotlib"]

PROBE = f"""
import json, sys
import casekit, casekit.cli
casekit.cli.build_parser()
print(json.dumps(sorted(m for m in {HEAVY!r} if m in sys.modules)))
"""


def _probe(code: str) -> list[str]:
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=120, cwd=ROOT
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_building_the_parser_imports_nothing_heavy() -> None:
    assert _probe(PROBE) == []


def test_help_imports_nothing_heavy() -> None:
    code = (
        "import contextlib, io, json, sys\nfrom casekit.cli import main\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        "    try:\n        main(['--help'])\n    except SystemExit:\n        pass\n"
        f"print(json.dumps(sorted(m for m in {HEAVY!r} if m in sys.modules)))"
    )
    assert _probe(code) == []


def test_making_a_workspace_from_a_pack_imports_nothing_heavy(tmp_path: Path) -> None:
    intro = str(ROOT / "scenarios" / "intro.json")
    code = (
        "import contextlib, io, json, sys\nfrom casekit.cli import main\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        f"    assert main(['new', {str(tmp_path / 'ws')!r}, '--pack', "
        f"{str(ROOT / 'scenarios' / 'standard.json')!r}]) == 0\n"
        f"    assert main(['scenario', 'validate', {intro!r}]) == 0\n"
        f"print(json.dumps(sorted(m for m in {START_HEAVY!r} if m in sys.modules)))"
    )
    assert _probe(code) == []
    assert (tmp_path / "ws" / "casekit.sqlite").is_file()


def test_the_probe_can_fail() -> None:
    """The same probe sees a heavy module once something imports it."""
    assert _probe("import jinja2\n" + PROBE) == ["jinja2"]
