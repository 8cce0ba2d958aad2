"""The hostile-input tests' shared files: the class's template, and where sandboxes go."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.hostile.sandbox import build_template


@pytest.fixture(scope="session")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The class's files, made once per test process through the real commands."""
    return build_template(tmp_path_factory.mktemp("hostile") / "template")


@pytest.fixture(scope="session")
def boxes(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Where the examples' sandboxes are made (each is removed after its example)."""
    return tmp_path_factory.mktemp("boxes")
