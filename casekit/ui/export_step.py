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

from casekit.errors import CasekitError
from casekit.ui.base import Step
from casekit.ui.controls import (
    WIDE_WIDTH,
    button,
    checkbox,
    plural,
    section,
    table_html,
    text,
)
from casekit.ui.errors import Outcome, message_html
from casekit.ui.links import link_html

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
            "<blockquote class='casekit-declaration' style='border-left:4px "
            f"solid #999;padding:4px 10px'>{html.escape(default_statement())}</blockquote>"
        )
        self.agree = checkbox("I make this declaration")
        self.name = text("Your full name, as a signature")
        self.sign_button = button("Sign the declaration", css="casekit-sign-declaration")
        self.on(self.sign_button, self.sign)
        self.out = text(
            "Name of the pack",
            default_out(self.path).name,
            width=WIDE_WIDTH,
            help="The pack is saved under this name beside your workspace",
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

    def pack_folder(self) -> Path:
        """Where the pack goes: the name typed, beside the workspace (a full path is
        taken as it is)."""
        typed = Path(self.out.value.strip() or default_out(self.path).name)
        return typed if typed.is_absolute() else self.path.parent / typed

    def export(self, _button: Any = None) -> Outcome:
        from casekit.api import export_pack

        if self.state().declaration is None:
            raise CasekitError(
                "Your evidence pack cannot be exported yet: the declaration that the work "
                "is your own is not signed.",
                rule="declaration-required",
                field="I make this declaration",
            )
        out = self.pack_folder()
        result = export_pack(self.path, out, zip_pack=self.zip.value)
        self.result.value = result_html(result.folder, result.zip_path, result.pseudonymised)
        self._verify(result.zip_path or result.folder)
        return Outcome("Your evidence pack is exported and checked.")

    def verify(self, _button: Any = None) -> None:
        out = self.pack_folder()
        zipped = out.with_name(out.name + ".zip")
        self._verify(out if out.is_dir() else zipped)

    def _verify(self, target: Path) -> None:
        from casekit.api import verify_pack

        check = verify_pack(target)
        if check.intact:
            events = getattr(check, "events", 0)
            self.check.value = message_html(
                "success",
                "Every file is exactly as it was exported, and the record of your "
                f"{plural(events, 'event')} is unbroken. This is the check your assessor "
                "makes.",
                heading="Pack checked: intact",
            )
        else:
            problems = "; ".join(str(p) for p in getattr(check, "problems", []))
            self.check.value = message_html(
                "error",
                f"The pack has changed since it was exported: {problems}",
                heading="Pack checked: CHANGED",
                advice="Export it again, and send the new zip.",
            )


def result_html(folder: Path, zip_path: Path | None, pseudonymised: bool) -> str:
    """Where the pack is, as links that open it and download the zip when the server
    serves the learner's folder, else in words."""
    links = link_html(folder / "index.html", "Open the pack", css="casekit-open-pack")
    if zip_path is not None:
        links += link_html(
            zip_path,
            "Download the zip to send to your assessor",
            download=True,
            css="casekit-download-pack",
        )
    parts = [f"<p class='casekit-export-links'>{links}</p>"] if links else []
    if zip_path is not None:
        parts.append(
            "<p class='casekit-export-path'>Send your assessor the file "
            f"<strong>{html.escape(zip_path.name)}</strong>. It is beside your workspace, in "
            f"your list of files, with the pack's folder {html.escape(folder.name)}.</p>"
        )
    else:
        parts.append(
            f"<p class='casekit-export-path'>Your pack is the folder "
            f"<strong>{html.escape(folder.name)}</strong>, beside your workspace: open its "
            "index page in a browser.</p>"
        )
    if pseudonymised:
        parts.append(
            "<p class='casekit-export-path'>Real personal data was replaced by pseudonyms "
            "before export.</p>"
        )
    return "".join(parts)


def export(workspace: str | Path) -> widgets.Widget:
    """The declaration and export form for the workspace at ``workspace``."""
    return Export(workspace).widget
