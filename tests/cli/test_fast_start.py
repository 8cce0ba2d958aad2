"""``import casekit`` and building the command line must stay light: no heavy imports."""

from __future__ import annotations

import json
import subprocess
import sys

HEAVY = ["pandas", "faker", "ipywidgets", "jsonschema", "jinja2", "nbconvert", "IPython"]

PROBE = f"""
import json, sys
import casekit, casekit.cli
casekit.cli.build_parser()
print(json.dumps(sorted(m for m in {HEAVY!r} if m in sys.modules)))
"""


def test_building_the_parser_imports_nothing_heavy() -> None:
    done = subprocess.run(
        [sys.executable, "-c", PROBE], capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout) == []


def test_the_probe_can_fail() -> None:
    """The same probe sees a heavy module once something imports it."""
    done = subprocess.run(
        [sys.executable, "-c", "import jinja2\n" + PROBE],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout) == ["jinja2"]
