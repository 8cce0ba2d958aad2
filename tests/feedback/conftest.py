"""Fixtures of the feedback tests."""

from __future__ import annotations

import pytest

from tests.feedback.planted import Planted, planted_cases


@pytest.fixture
def planted() -> dict[str, Planted]:
    """Trap id -> the first generated case that plants it (searched once a process)."""
    return planted_cases()
