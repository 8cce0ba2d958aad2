"""The ``casekit.ui`` package: light to import, every form reachable by its stable name,
every control in every form labelled for a screen reader."""

from __future__ import annotations

import inspect
import subprocess
import sys
from pathlib import Path

import ipywidgets as widgets
import pytest

from casekit import ui
from tests.ui.support import council_workspace, log_case, unlabelled

LEARNER_FORMS = (
    "desk",
    "intake",
    "verification",
    "contacts",
    "dashboard",
    "drafting",
    "approval",
    "satisfaction",
    "reflection",
    "knowledge_check",
    "coaching",
    "export",
)


def test_import_is_light() -> None:
    code = (
        "import sys, casekit.ui; "
        "heavy = [m for m in ('ipywidgets', 'pandas', 'jinja2', 'faker') if m in sys.modules];"
        "print(heavy)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_unknown_name_is_an_attribute_error() -> None:
    with pytest.raises(AttributeError, match="no attribute 'nonsense'"):
        ui.nonsense  # noqa: B018


@pytest.mark.parametrize("name", LEARNER_FORMS)
def test_every_learner_form_is_a_labelled_widget(name: str, tmp_path: Path) -> None:
    path = council_workspace(tmp_path / "ws")
    log_case(path)
    form = getattr(ui, name)
    first = next(iter(inspect.signature(form).parameters))
    assert first == "workspace"
    widget = form(path)
    assert isinstance(widget, widgets.Widget)
    assert {"casekit-step", "casekit-desk"} & set(widget._dom_classes)
    assert unlabelled(widget) == []
    view = getattr(widget, "step", None) or widget.desk
    for area in (view.status, getattr(view, "notice", view.status)):
        assert 'role="alert"' not in area.value  # opened cleanly


def test_start_tutor_and_assessor_names(tmp_path: Path) -> None:
    for widget in (
        ui.start(tmp_path / "ws", packs_dir=tmp_path),
        ui.tutor(tmp_path / "class"),
        ui.assessor(tmp_path),
    ):
        assert isinstance(widget, widgets.Widget) and unlabelled(widget) == []
    assert set(ui.__all__) <= set(dir(ui))
    assert len(dir(ui)) == len(set(dir(ui)))
