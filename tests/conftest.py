"""Shared fixtures: small and generic, so every test module can lean on them."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from datetime import datetime
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

from casekit.record.workspace import Workspace

# Property tests judge behaviour, not speed: a loaded CI machine must not fail them on a
# per-example deadline (performance is measured in benchmarks/).
settings.register_profile("casekit", deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.register_profile(
    "mutation",  # `make mutate`: the same examples for every mutant, none kept between runs
    parent=settings.get_profile("casekit"),
    database=None,
    derandomize=True,
)
settings.load_profile("mutation" if os.environ.get("CASEKIT_MUTATION") else "casekit")

# A fixed simulation start (a Monday), so no test depends on "today".
START = datetime(2026, 1, 12, 9, 0)


def make_workspace(path: Path, *, start: datetime = START, profile: str = "default") -> Workspace:
    """A seeded workspace: the same calls give the same log, byte for byte."""
    return Workspace.create(path, profile=profile, start=start, secret_seed="casekit-tests")


@pytest.fixture
def workspace(tmp_path: Path) -> Iterator[Workspace]:
    """A fresh seeded workspace in ``tmp_path/ws``, started Mon 12 Jan 2026 09:00."""
    ws = make_workspace(tmp_path / "ws")
    try:
        yield ws
    finally:
        ws.close()


@pytest.fixture
def workspace_factory(tmp_path: Path) -> Iterator[Callable[..., Workspace]]:
    """Make seeded workspaces under ``tmp_path`` (``start=`` and ``profile=`` optional);
    all are closed at the end of the test."""
    made: list[Workspace] = []

    def factory(name: str = "ws", **kwargs: object) -> Workspace:
        ws = make_workspace(tmp_path / name, **kwargs)  # type: ignore[arg-type]
        made.append(ws)
        return ws

    yield factory
    for ws in made:
        ws.close()


def pytest_addoption(parser: pytest.Parser) -> None:
    """``--update-goldens`` rewrites the golden files under tests/golden instead of
    comparing against them (review the diff before committing)."""
    parser.addoption(
        "--update-goldens",
        action="store_true",
        default=False,
        help="rewrite golden files under tests/golden instead of comparing",
    )


GOLDEN_DIR = Path(__file__).parent / "golden"


@pytest.fixture
def golden(request: pytest.FixtureRequest) -> Callable[[str, str], None]:
    """Compare a long output with its golden file under tests/golden (``--update-goldens``
    rewrites it), so a test pins what the output is, not only that it repeats."""

    def check(name: str, text: str) -> None:
        path = GOLDEN_DIR / name
        if request.config.getoption("--update-goldens"):
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
        assert path.is_file(), f"run pytest --update-goldens to create tests/golden/{name}"
        assert text == path.read_text(encoding="utf-8"), (
            f"the output differs from tests/golden/{name}; if the change is intended, run "
            "pytest --update-goldens and review the diff"
        )

    return check
