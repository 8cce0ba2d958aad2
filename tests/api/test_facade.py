"""The facade: one door, cheap to import, documented, and the only one cli/ and ui/ use."""

from __future__ import annotations

import ast
import importlib
import inspect
import subprocess
import sys
from pathlib import Path

import pytest

from casekit import api
from casekit.api._exports import EXPORTS

ROOT = Path(__file__).resolve().parents[2]
ALLOWED = {"casekit.api", "casekit.errors"}


@pytest.mark.parametrize("module", sorted(EXPORTS))
def test_exports_match_each_submodules_all(module: str) -> None:
    sub = importlib.import_module(f"casekit.api.{module}")
    assert sorted(sub.__all__) == sorted(EXPORTS[module])
    for name in EXPORTS[module]:
        assert getattr(api, name) is getattr(sub, name)


def test_an_unknown_name_is_an_attribute_error() -> None:
    with pytest.raises(AttributeError):
        _ = api.no_such_thing


def _functions() -> list[tuple[str, object]]:
    out = []
    for module, names in EXPORTS.items():
        sub = importlib.import_module(f"casekit.api.{module}")
        for name in names:
            value = getattr(sub, name)
            if inspect.isfunction(value) and value.__module__ == sub.__name__:
                out.append((f"{module}.{name}", value))
    return out


@pytest.mark.parametrize(("name", "function"), _functions(), ids=[n for n, _ in _functions()])
def test_every_facade_function_has_a_numpy_docstring(name: str, function) -> None:
    doc = inspect.getdoc(function) or ""
    assert doc, f"{name} has no docstring"
    params = [p for p in inspect.signature(function).parameters if p not in ("self",)]
    if params:
        assert "Parameters\n----------" in doc, name
        for param in params:
            assert param in doc, f"{name} does not document {param}"
    assert "Returns\n-------" in doc, name


def test_importing_the_facade_loads_nothing_heavy() -> None:
    code = (
        "import sys; from casekit import api; import casekit.cli; "
        "print(','.join(m for m in ('pandas','faker','ipywidgets','jsonschema','nbconvert') "
        "if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""


def _domain_imports(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("casekit"):
            names = [a.name for a in node.names]
            if node.module == "casekit":
                found += [f"casekit.{n}" for n in names if n not in ("api", "__version__")]
            else:
                found.append(node.module)
        elif isinstance(node, ast.Import):
            found += [a.name for a in node.names if a.name.startswith("casekit")]
    return found


@pytest.mark.parametrize("layer", ["cli", "ui"])
def test_cli_and_ui_reach_the_domain_only_through_the_facade(layer: str) -> None:
    bad = {}
    for path in sorted((ROOT / "casekit" / layer).glob("*.py")):
        wrong = [
            m
            for m in _domain_imports(path)
            if m not in ALLOWED and not m.startswith(f"casekit.{layer}") and m != "casekit"
        ]
        if wrong:
            bad[path.name] = sorted(set(wrong))
    assert not bad, bad
