"""A real class hub for the hub test: skipped only off CI when the proxy, root or the
browser is missing; under ``CI=true`` anything missing is a failure."""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest

from tests.browser.conftest import (  # noqa: F401  (fixtures shared with the browser tests)
    browser,
    chromium_path,
    pytest_runtest_makereport,
)
from tests.hub import harness

ARTIFACTS = harness.REPO / "test-artifacts" / "hub"


@pytest.fixture(scope="module")
def hub(chromium_path, tmp_path_factory) -> Iterator[harness.Hub]:  # noqa: F811
    lacks = harness.missing()
    if lacks:
        message = "a real hub needs " + "; ".join(lacks)
        if os.environ.get("CI") == "true":
            pytest.fail(message + " (CI=true: .ci/run and make test install it)", pytrace=False)
        pytest.skip(message)
    root = harness.private_folder("/tmp/casekit-hub-test-")
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    learners, tutor = harness.new_names(2)
    try:
        python = harness.learner_python(root / "python")
        with harness.accounts([*learners, tutor]):
            files, ports = harness.write_class(root, learners, tutor, python)
            running = harness.start_hub(files, ports, ARTIFACTS / "jupyterhub.log", tutor, learners)
            try:
                yield running
            finally:
                running.stop()
    finally:
        import shutil

        shutil.rmtree(root, ignore_errors=True)
