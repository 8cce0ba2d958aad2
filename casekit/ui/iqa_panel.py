"""The assessor notebook's last two sections: feedback back to the learner, and the IQA.

* **Feedback to the learner**: the assessor's decisions and feedback on the chosen pack,
  exported from their ledger as a file the learner loads into their workspace.
* **Internal quality assurance**: the sampling plan (the centre's percentage of each
  assessor's learners, every criterion, interim or summative), and a sample's outcome on
  the chosen pack, recorded in the IQA's own ledger (never the assessor's).

The panel works on the :class:`~casekit.ui.assessor_step.Assessor` form it is given: the
same pack, the same assessor's ledger, the same status area.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

import ipywidgets as widgets

from casekit.ui.controls import (
    WIDE_WIDTH,
    button,
    date_picker,
    dropdown,
    plural,
    section,
    text,
    textarea,
)
from casekit.ui.errors import Outcome

if TYPE_CHECKING:
    from casekit.ui.assessor_step import Assessor


class IqaPanel:
    """Feedback export and the IQA's plan and samples, for an assessor's form."""

    def __init__(self, form: Assessor, packs_dir: Path) -> None:
        from casekit import api

        self.form = form
        choices = api.iqa_choices()
        self.feedback_out = text(
            "Save feedback files in", str(packs_dir.resolve().parent / "feedback"), width=WIDE_WIDTH
        )
        self.feedback_button = button(
            "Export feedback for this learner", css="casekit-export-feedback"
        )
        form.on(self.feedback_button, self.export_feedback)
        self.iqa_ledger = text(
            "IQA's ledger folder", str(packs_dir.resolve().parent / "iqa-ledger"), width=WIDE_WIDTH
        )
        self.stage = dropdown("Stage", choices["stages"])
        self.plan_button = button("Make the sampling plan", kind="", css="casekit-sampling-plan")
        form.on(self.plan_button, self.make_plan)
        self.plan = widgets.HTML()
        self.plan.add_class("casekit-sampling-plan-table")
        self.criteria = widgets.SelectMultiple(
            options=[], description="Criteria sampled", rows=5, style={"description_width": "12em"}
        )
        self.outcome = dropdown("Outcome", choices["outcomes"])
        self.iqa_name = text("IQA's name")
        self.iqa_date = date_picker("Date of the sample")
        self.comments = textarea("IQA's comments", rows=3)
        self.iqa_key = text(
            "IQA's signing key (optional)", width=WIDE_WIDTH, placeholder="e.g. ivy.key"
        )
        self.sample_button = button("Record the sample", css="casekit-record-sample")
        form.on(self.sample_button, self.record_sample)

    def sections(self) -> list[widgets.Widget]:
        return [
            section(
                "4. Feedback to the learner",
                "Your latest decision and feedback on each criterion of this pack, as a file "
                "the learner loads into their workspace (it is checked against their log).",
                self.feedback_out,
                self.feedback_button,
            ),
            section(
                "5. Internal quality assurance",
                "For the IQA: the sampling plan from the assessor's ledger, then the outcome "
                "of a sample of this pack's decisions, kept in the IQA's own ledger.",
                self.iqa_ledger,
                self.stage,
                self.plan_button,
                self.plan,
                self.criteria,
                self.outcome,
                self.iqa_name,
                self.iqa_date,
                self.comments,
                self.iqa_key,
                self.sample_button,
            ),
        ]

    def ledgers(self) -> list[str]:
        """The ledgers to read decisions and samples from: the assessor's, and the IQA's
        when it exists."""
        iqa = self.iqa_ledger.value.strip()
        return [self.form.ledger_folder(), *([iqa] if iqa and Path(iqa).is_dir() else [])]

    def show_pack(self, criteria: list[str]) -> None:
        """Offer the chosen pack's criteria to sample."""
        self.criteria.options = list(criteria)

    # -- actions --------------------------------------------------------------------
    def export_feedback(self, _button: Any = None) -> Outcome:
        from casekit import api

        written = api.export_assessor_feedback(
            self.ledgers(), self.form.pack.value or "", Path(self.feedback_out.value.strip())
        )
        return Outcome(f"Feedback saved as {written}: send it to the learner to load.")

    def make_plan(self, _button: Any = None) -> Outcome:
        from casekit import api

        iqa = self.iqa_ledger.value.strip()
        found = api.find_packs(Path(self.form.folder.value.strip()))
        plan = api.sampling_plan(
            [self.form.ledger_folder()],
            self.stage.value,
            iqa_ledger=iqa if iqa and Path(iqa).is_dir() else None,
            packs=found,
        )
        shown = plan.assign(pack=plan["pack"].map(lambda p: Path(p).name if p else ""))
        self.plan.value = api.results_html(
            shown.drop(columns=["workspace_id"]),
            caption=f"Sampling plan ({self.stage.value}): {plural(len(plan), 'learner')}",
        )
        return Outcome(f"Sampling plan made: {plural(len(plan), 'learner')} to sample.")

    def record_sample(self, _button: Any = None) -> Outcome:
        from casekit import api

        entry = api.record_iqa_sample(
            self.iqa_ledger.value.strip(),
            self.form.pack.value or "",
            self.stage.value,
            list(self.criteria.value),
            self.outcome.value,
            self.iqa_name.value,
            self.iqa_date.value.isoformat() if self.iqa_date.value else "",
            self.comments.value,
            key=self.iqa_key.value.strip() or None,
            decisions_from=[self.form.ledger_folder()],
        )
        self.comments.value = ""
        self.form.relist()
        signed = " and signed" if "signature" in entry else ""
        return Outcome(
            f"IQA sample recorded{signed}: {entry['stage']} {entry['outcome']} of "
            f"{', '.join(entry['criteria'])} in {self.iqa_ledger.value.strip()}."
        )
