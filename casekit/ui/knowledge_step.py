"""The knowledge check: multiple-choice questions on the protocols of casework (LO6, AC5).

The questions come from the question bank (data). Each answer is marked at once and
explained with its source, and the result is logged, so it counts as evidence. The same
workspace always gets the same questions (seeded by the pack's seed unless one is given).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

import ipywidgets as widgets

from casekit.ui.base import Step
from casekit.ui.controls import (
    button,
    paragraph,
    plural,
    section,
)
from casekit.ui.errors import Outcome, message_html

if TYPE_CHECKING:
    from casekit.api import State


def results_html(result: Any, questions: dict[str, Any]) -> str:
    """Each marked answer: right or wrong, the right answer, why, and the source."""
    boxes = [
        f"<p class='casekit-score' role='status' style='font-size:16px'><strong>Score: "
        f"{result.score} out of {result.out_of}</strong></p>"
    ]
    for number, r in enumerate(result.results, start=1):
        q = questions[r.id]
        right = q.options[r.correct]
        if r.given is None:
            verdict, level = "Not answered.", "warning"
        elif r.right:
            verdict, level = "Right.", "success"
        else:
            verdict, level = "Not quite.", "warning"
        boxes.append(
            message_html(
                level,
                f"{verdict} The answer is: {right}. {r.explanation}",
                source=r.source,
                heading=f"Question {number}",
            )
        )
    return "".join(boxes)


class KnowledgeCheck(Step):
    title = "Knowledge check"
    intro = (
        "Answer each question by choosing one option, then press 'Mark my answers'. Each "
        "answer is explained with its source. Evidence for LO6 / AC5: understanding the "
        "protocols."
    )
    css = "casekit-knowledge"

    def __init__(
        self,
        workspace: str | Path,
        *,
        seed: int | None = None,
        count: int | None = None,
        embedded: bool = False,
    ) -> None:
        self._seed = seed
        self._count = count
        super().__init__(workspace, embedded=embedded)

    def build(self) -> list[widgets.Widget]:
        self.questions_box = widgets.VBox()
        self.questions_box.add_class("casekit-questions")
        self.radios: dict[str, widgets.RadioButtons] = {}
        self.mark_button = button("Mark my answers", css="casekit-mark-answers")
        self.on(self.mark_button, self.mark)
        self.results = widgets.HTML()
        self.results.add_class("casekit-knowledge-results")
        return [
            self.questions_box,
            section("Mark", "Each answer is marked and explained.", self.mark_button, self.results),
        ]

    def on_refresh(self, state: State) -> None:
        if self.radios:
            return  # keep the learner's answers
        from casekit.api import knowledge_bank as load_bank
        from casekit.api import knowledge_questions as questions

        self.bank = load_bank()
        seed = self._seed if self._seed is not None else int((state.pack or {}).get("seed") or 0)
        chosen = questions(self._count, seed=seed)
        parts = []
        for number, q in enumerate(chosen, start=1):
            radio = widgets.RadioButtons(
                options=[(text, i) for i, text in enumerate(q.options)],
                value=None,
                description=f"Answer to question {number}",
                description_allow_html=False,
                style={"description_width": "initial"},
                layout=widgets.Layout(width="auto", max_width="100%"),
            )
            radio.add_class("casekit-question")
            self.radios[q.id] = radio
            parts.append(section(f"Question {number}", q.question, radio))
        self.questions_box.children = [
            paragraph(f"{self.bank.title} ({plural(len(chosen), 'question')})."),
            *parts,
        ]

    def mark(self, _button: Any = None) -> Outcome:
        from casekit.api import mark_knowledge as mark
        from casekit.api import record_knowledge_result as record_result

        answers = {qid: radio.value for qid, radio in self.radios.items()}
        with self.workspace() as ws:
            record_result(ws, answers)
        result = mark(answers)
        self.results.value = results_html(result, self.bank.questions)
        return Outcome(
            f"Marked: {result.score} out of {result.out_of}. The result is saved in your log."
        )


def knowledge_check(
    workspace: str | Path, *, seed: int | None = None, count: int | None = None
) -> widgets.Widget:
    """The knowledge check for ``workspace`` (``count`` questions, ``seed`` for the choice)."""
    return KnowledgeCheck(workspace, seed=seed, count=count).widget
