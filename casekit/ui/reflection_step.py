"""Reflection: a structured reflective account on a challenging case (Gibbs or Kolb).

Assessors look for a reflective log naming the case, the date and the criteria it
addresses, with the protocols followed and the lessons learned. The models and their
sections come from the criteria catalogue; the domain checks every section is really
answered and refuses (naming the section) when one is not.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

import ipywidgets as widgets

from casekit.ui.base import Step
from casekit.ui.controls import (
    button,
    checkbox,
    columns,
    dropdown,
    fmt_date,
    section,
    set_options,
    table_html,
    textarea,
)
from casekit.ui.dates import DateField

if TYPE_CHECKING:
    from casekit.api import State


class Reflection(Step):
    title = "Reflect on a case"
    intro = (
        "Choose a case that taught you something, and a reflective model. Answer each "
        "section in your own words, and tick the criteria the reflection addresses. Your "
        "reflections go into your evidence pack."
    )
    css = "casekit-reflection"

    def build(self) -> list[widgets.Widget]:
        from casekit import api

        catalogue = api.criteria()
        self.models = dict(catalogue.reflection_models)
        self.model = dropdown("Reflective model", [(m.name, m.id) for m in self.models.values()])
        self.model.observe(self._on_model, names="value")
        self.case = self.case_picker("Case reflected on")
        self.date = DateField("Date of the reflection")
        self.criteria = {cid: checkbox(f"{cid}: {c.text}") for cid, c in catalogue.criteria.items()}
        for box in self.criteria.values():
            box.add_class("casekit-wrap")
        self.sections: dict[tuple[str, str], widgets.Textarea] = {}
        boxes = []
        for model in self.models.values():
            for part in model.sections:
                area = textarea(part.label, rows=4, placeholder=part.prompt, help=part.prompt)
                self.sections[(model.id, part.id)] = area
                boxes.append(area)
        self.save_button = button("Save my reflection", css="casekit-save-reflection")
        self.on(self.save_button, self.save)
        self.saved = widgets.HTML()
        self._show_model()
        return [
            section(
                "1. What you are reflecting on",
                "The model, the case and the date.",
                columns(self.model, self.case, self.date, min_width="22em"),
            ),
            section(
                "2. Your reflection",
                "Answer every section; the grey text is the prompt.",
                *boxes,
                css="casekit-reflection-sections",
            ),
            section(
                "3. Criteria it addresses",
                "Tick each criterion the reflection shows.",
                *self.criteria.values(),
            ),
            self.save_button,
            section("Reflections so far", "Saved in your log.", self.saved),
        ]

    def on_refresh(self, state: State) -> None:
        set_options(self.case, self.case_options(state))
        if not self.date.text.value:
            with self.workspace() as ws:
                self.date.value = ws.now.date()
        self.saved.value = table_html(
            [
                {
                    "date": fmt_date(e.data.get("date")),
                    "case": e.data.get("case"),
                    "model": self.models[e.data["model"]].name
                    if e.data.get("model") in self.models
                    else e.data.get("model"),
                    "criteria": ", ".join(e.data.get("criteria", [])),
                    "words": e.data.get("words"),
                }
                for e in state.reflections
            ],
            [
                ("date", "Date"),
                ("case", "Case"),
                ("model", "Model"),
                ("criteria", "Criteria"),
                ("words", "Words"),
            ],
            empty="No reflections yet.",
        )

    def _on_model(self, _change: dict[str, Any]) -> None:
        self._show_model()

    def _show_model(self) -> None:
        for (model_id, _), area in self.sections.items():
            area.layout.display = "" if model_id == self.model.value else "none"

    def save(self, _button: Any = None) -> str:
        from casekit import api

        on = self.date.read()
        model = self.models.get(self.model.value)
        sections = (
            {part.id: self.sections[(model.id, part.id)].value for part in model.sections}
            if model
            else {}
        )
        with self.workspace() as ws:
            event = api.record_reflection(
                ws,
                model=self.model.value,
                case_ref=self.case.value or "",
                on=on.isoformat(),
                criteria=[cid for cid, box in self.criteria.items() if box.value],
                sections=sections,
            )
        for (model_id, _), area in self.sections.items():
            if model_id == self.model.value:
                area.value = ""
        for box in self.criteria.values():
            box.value = False
        return (
            f"Reflection on {event.data['case']} saved ({event.data['words']} words, "
            f"criteria {', '.join(event.data['criteria']) or 'none'})."
        )


def reflection(workspace: str | Path) -> widgets.Widget:
    """The reflective account form for the workspace at ``workspace``."""
    return Reflection(workspace).widget
