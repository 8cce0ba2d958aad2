"""Export: see the coverage of the criteria, sign the declaration, export and verify the pack.

The evidence pack is rendered from the log, never from the notebooks, so it holds exactly
what was recorded. The coverage chart shows how many evidence items each criterion has
against the centre's minimum. Export is refused until the declaration of authenticity is
signed; after export the pack is verified (every file's hash and the log's chain), which
is what the assessor will do too.
"""

from __future__ import annotations

import html
from pathlib import Path
from typing import TYPE_CHECKING, Any

import ipywidgets as widgets

from casekit.ui.base import Step
from casekit.ui.controls import (
    WIDE_WIDTH,
    button,
    checkbox,
    section,
    table_html,
    text,
)
from casekit.ui.errors import Outcome, message_html

if TYPE_CHECKING:
    from casekit.api import State

CHART_COLOUR = "#1d4f91"


def default_out(workspace: Path) -> Path:
    """Where the pack goes unless the learner says otherwise: next to the workspace."""
    return workspace.parent / f"{workspace.name}-evidence"


class Export(Step):
    title = "Export your evidence pack"
    intro = (
        "Check which criteria your work covers, sign the declaration that the work is your "
        "own, then export the pack for your assessor. The pack is checked straight after "
        "export, exactly as the assessor will check it."
    )
    css = "casekit-export"

    def build(self) -> list[widgets.Widget]:
        from casekit.api import default_statement

        self.coverage = widgets.HTML()
        self.coverage.add_class("casekit-coverage")
        self.chart = widgets.HTML()
        self.chart.add_class("casekit-coverage-chart")
        self.statement = widgets.HTML(
            "<blockquote class='casekit-declaration' style='max-width:46em;border-left:4px "
            f"solid #999;padding:4px 10px'>{html.escape(default_statement())}</blockquote>"
        )
        self.agree = checkbox("I make this declaration")
        self.name = text("Your full name, as a signature")
        self.sign_button = button("Sign the declaration", css="casekit-sign-declaration")
        self.on(self.sign_button, self.sign)
        self.out = text(
            "Save the pack in this folder", str(default_out(self.path)), width=WIDE_WIDTH
        )
        self.zip = checkbox("Also make a single .zip file to send", True)
        self.export_button = button("Export my evidence pack", css="casekit-export-pack")
        self.on(self.export_button, self.export)
        self.verify_button = button("Check the exported pack", kind="", css="casekit-verify-pack")
        self.on(self.verify_button, self.verify)
        self.result = widgets.HTML()
        self.result.add_class("casekit-export-result")
        self.check = widgets.HTML()
        self.check.add_class("casekit-verify-result")
        return [
            section(
                "1. Coverage of the criteria",
                "Evidence items per criterion; the dashed line is the centre's minimum.",
                self.chart,
                self.coverage,
            ),
            section(
                "2. Declaration of authenticity",
                "Sign once your work is done.",
                self.statement,
                self.agree,
                self.name,
                self.sign_button,
            ),
            section(
                "3. Export and check",
                "The pack is an HTML page with the data and a manifest of hashes.",
                self.out,
                self.zip,
                widgets.HBox([self.export_button, self.verify_button]),
                self.result,
                self.check,
            ),
        ]

    def on_refresh(self, state: State) -> None:
        from casekit import api

        with self.workspace() as ws:
            cov = api.coverage(ws)
        self.chart.value = api.coverage_chart(cov, CHART_COLOUR)
        self.coverage.value = table_html(
            [
                {
                    "id": r["id"],
                    "text": r["text"],
                    "count": r["count"],
                    "minimum": r["minimum"],
                    "met": "enough" if r["met"] else "more needed",
                    "items": ", ".join(str(i) for i in r["items"]),
                }
                for r in api.coverage_view(cov)
            ],
            [
                ("id", "Criterion"),
                ("text", "What the assessor credits"),
                ("count", "Items"),
                ("minimum", "Minimum"),
                ("met", "Enough?"),
                ("items", "Evidence items"),
            ],
            caption="Evidence location matrix",
        )
        if not self.name.value and state.learner.get("name"):
            self.name.value = str(state.learner["name"])
        if state.declaration is not None:
            self.agree.value = True

    def sign(self, _button: Any = None) -> str | None:
        from casekit.api import sign_declaration

        if not self.agree.value:  # the tick is the declaration itself: nothing to sign yet
            self.status.value = message_html(
                "warning",
                "Tick 'I make this declaration' before signing it.",
                heading="Not signed yet",
            )
            return None
        with self.workspace() as ws:
            sign_declaration(ws, self.name.value)
        return f"Declaration signed by {' '.join(self.name.value.split())}."

    def export(self, _button: Any = None) -> Outcome:
        from casekit.api import export_pack

        out = Path(self.out.value.strip() or default_out(self.path))
        result = export_pack(self.path, out, zip_pack=self.zip.value)
        lines = [f"Pack folder: {result.folder}", f"Open: {result.folder / 'index.html'}"]
        if result.zip_path:
            lines.append(f"Send this file to your assessor: {result.zip_path}")
        if result.pseudonymised:
            lines.append("Real personal data was replaced by pseudonyms before export.")
        self.result.value = "".join(
            f"<p class='casekit-export-path'>{html.escape(line)}</p>" for line in lines
        )
        self._verify(result.zip_path or result.folder)
        return Outcome(f"Your evidence pack is exported to {result.folder}.")

    def verify(self, _button: Any = None) -> None:
        out = Path(self.out.value.strip() or default_out(self.path))
        zipped = out.with_name(out.name + ".zip")
        self._verify(out if out.is_dir() else zipped)

    def _verify(self, target: Path) -> None:
        from casekit.api import verify_pack

        check = verify_pack(target)
        if check.intact:
            self.check.value = message_html("success", check.text(), heading="Pack checked: intact")
        else:
            self.check.value = message_html("error", check.text(), heading="Pack checked: CHANGED")


def export(workspace: str | Path) -> widgets.Widget:
    """The declaration and export form for the workspace at ``workspace``."""
    return Export(workspace).widget
