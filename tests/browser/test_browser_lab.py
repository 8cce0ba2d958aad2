"""A learner in JupyterLab: open the start notebook, make the workspace, log an enquiry.

Drives Debian's Chromium against a real JupyterLab server (see conftest.py), runs every
cell the way a learner does (Run All), fills the forms, presses the buttons, and checks
the result twice: in the form's own message, and in the workspace's event log read from
Python, where the evidence actually lives.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from casekit.record.workspace import Workspace

INTRO = Path(__file__).resolve().parents[2] / "scenarios" / "intro.json"

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]

KERNEL_IDLE = """() => {
  const nb = window.jupyterapp.shell.currentWidget;
  const kernel = nb && nb.sessionContext && nb.sessionContext.session
    && nb.sessionContext.session.kernel;
  return !!kernel && kernel.status === 'idle';
}"""

CELLS_DONE = """(path) => {
  const nb = window.jupyterapp.shell.currentWidget;
  if (!nb || !nb.context || nb.context.path !== path) return false;
  const kernel = nb.sessionContext.session && nb.sessionContext.session.kernel;
  if (!kernel || kernel.status !== 'idle') return false;
  return nb.content.widgets.every(
    (cell) => cell.model.type !== 'code' || cell.model.executionCount !== null);
}"""


def open_and_run_all(page, lab, path: str) -> None:
    """Open a notebook in the running Lab, wait for its kernel, and Run All like a learner."""
    # The command answers with the notebook's widget, which cannot be sent back: drop it.
    page.evaluate(
        "async (path) => { await window.jupyterapp.commands.execute('docmanager:open', {path}); }",
        path,
    )
    page.wait_for_function(
        "(path) => { const w = window.jupyterapp.shell.currentWidget;"
        " return !!w && !!w.context && w.context.path === path; }",
        arg=path,
    )
    page.wait_for_function(KERNEL_IDLE, timeout=60_000)
    page.evaluate(
        "async () => { await window.jupyterapp.commands.execute('notebook:run-all-cells'); }"
    )
    page.wait_for_function(CELLS_DONE, arg=path, timeout=90_000)
    errors = page.locator(".jp-OutputArea-output[data-mime-type='application/vnd.jupyter.stderr']")
    tracebacks = page.locator(".jp-RenderedText[data-mime-type='application/vnd.jupyter.error']")
    assert tracebacks.count() == 0, tracebacks.first.inner_text()
    del errors  # warnings on stderr are allowed; errors are not


def start_lab(page, lab) -> None:
    """Open Lab with a clean layout (``reset``: no tabs restored from an earlier test) and
    wait until it has finished restoring, so nothing steals focus from what we open."""
    page.goto(f"{lab.url}/lab?reset&token={lab.token}")
    page.wait_for_function("() => window.jupyterapp !== undefined")
    page.evaluate("() => window.jupyterapp.started")
    page.evaluate("() => window.jupyterapp.restored")


def test_start_then_intake_in_jupyterlab(lab, page, screenshots) -> None:
    start_lab(page, lab)

    # 00: choose the pack (the default), give a name, create the workspace.
    open_and_run_all(page, lab, "notebooks/00_start_here.ipynb")
    start = page.locator(".jp-OutputArea .casekit-start")
    start.wait_for()
    start.get_by_label("Your name").fill("Alex Learner")
    start.get_by_label("Centre").fill("Soarvale Adult College")
    start.get_by_role("button", name="Create or open my workspace").click()
    created = start.locator(".casekit-status").get_by_text(
        re.compile("(Created|Opened) your workspace")
    )
    created.wait_for()
    start.locator(".casekit-workspace-ready").wait_for()
    start.scroll_into_view_if_needed()
    page.evaluate("() => window.jupyterapp.shell.collapseLeft()")
    screenshots.take(page, "lab-00-start-here")

    with Workspace.open(lab.workspace) as ws:
        state = ws.state()
        assert state.pack, "the workspace was made from a scenario pack"
        details = ws.events(kinds=["learner_details_recorded"])
        assert details and details[-1].get("name") == "Alex Learner"
        inbox = [str(e.data.get("timeline_item") or e.seq) for e in state.unhandled_inbox()]
        logged_before = len(ws.events(kinds=["enquiry_received"]))
    assert inbox, "the intro pack puts at least one enquiry in the inbox"

    # 01: pick the enquiry in the inbox, check the copied details, log it.
    open_and_run_all(page, lab, "notebooks/01_collect.ipynb")
    intake = page.locator(".jp-OutputArea .casekit-intake")
    intake.wait_for()
    inbox_select = intake.get_by_label("Enquiry in the inbox")
    inbox_select.select_option(index=0)  # the first enquiry waiting
    name = intake.get_by_label("Constituent's name")
    page.wait_for_function("(el) => el.value.length > 0", arg=name.element_handle())
    enquiry_text = intake.get_by_label("What they are asking about").input_value()
    assert enquiry_text.strip(), "choosing the inbox item copies the enquiry into the form"
    intake.get_by_label("Category", exact=True).select_option(label="Waste and bins")
    intake.get_by_role("button", name="Log this enquiry").click()
    logged = intake.locator(".casekit-status").get_by_text(re.compile(r"Logged as case \S+"))
    logged.wait_for()
    message = logged.inner_text()
    ref = re.search(r"Logged as case ([^\s.]+)", message).group(1)
    intake.locator(".casekit-case-list").get_by_text(ref, exact=True).wait_for()
    intake.locator(".casekit-status").scroll_into_view_if_needed()
    page.evaluate("() => window.jupyterapp.shell.collapseLeft()")
    screenshots.take(page, "lab-01-intake-logged")

    with Workspace.open(lab.workspace) as ws:
        received = ws.events(kinds=["enquiry_received"])[logged_before:]
        assert [e.case for e in received] == [ref]
        assert received[0].data["inbox_item"] == inbox[0]
        assert received[0].get("enquiry").strip() == enquiry_text.strip()
        assert ws.verify() == []  # the hash chain still holds
    screenshots.publish()


def ensure_a_case(workspace) -> None:
    """At least one logged case, so the dashboard has deadlines to draw (through the domain
    API, as the intake form would: this test is about the dashboard and the export)."""
    from casekit.api.workspaces import open_or_new
    from casekit.casework.actions import Casework
    from casekit.rules.vocabulary import CATEGORIES
    from casekit.ui.intake_step import inbox_fields, inbox_item_id

    with open_or_new(workspace, pack=INTRO) as ws:
        state = ws.state()
        if state.cases:
            return
        item = state.unhandled_inbox()[0]
        f = inbox_fields(item)
        Casework(ws).receive_enquiry(
            constituent={k: f[k] for k in ("name", "address", "postcode", "email", "phone")},
            enquiry=f["text"],
            category=next(iter(CATEGORIES)),
            channel=f["channel"],
            member_id=f["member_id"],
            inbox_item=inbox_item_id(item),
        )


def test_dashboard_clock_and_export_coverage_in_jupyterlab(lab, page, screenshots) -> None:
    ensure_a_case(lab.workspace)
    with Workspace.open(lab.workspace) as ws:
        before = ws.now
        advances = len(ws.events(kinds=["clock_advanced"]))
    start_lab(page, lab)

    # 03: the deadline table and timeline, then move the simulation on one working day.
    open_and_run_all(page, lab, "notebooks/03_monitor.ipynb")
    board = page.locator(".jp-OutputArea .casekit-dashboard")
    board.wait_for()
    board.locator(".casekit-deadlines").wait_for()  # the table of deadlines
    board.locator(".casekit-deadline-timeline svg").wait_for()  # and the chart
    board.get_by_role("button", name="Advance the clock").click()
    moved = board.locator(".casekit-status").get_by_text(re.compile("The clock moved on to"))
    moved.wait_for()
    board.locator(".casekit-deadline-timeline").scroll_into_view_if_needed()
    page.evaluate("() => window.jupyterapp.shell.collapseLeft()")
    screenshots.take(page, "lab-03-monitor-dashboard")
    with Workspace.open(lab.workspace) as ws:
        assert len(ws.events(kinds=["clock_advanced"])) == advances + 1
        assert ws.now > before
        assert f"{ws.now.day} {ws.now:%b %Y}" in moved.inner_text()

    # 06: the coverage chart of the criteria, drawn from the log.
    open_and_run_all(page, lab, "notebooks/06_reflect_and_export.ipynb")
    export = page.locator(".jp-OutputArea .casekit-export")
    export.wait_for()
    chart = export.locator(".casekit-coverage-chart svg")
    chart.wait_for()
    for criterion in ("AC1", "AC2", "AC3", "AC4", "AC5"):
        assert criterion in chart.inner_html()
    chart.scroll_into_view_if_needed()
    page.evaluate("() => window.jupyterapp.shell.collapseLeft()")
    screenshots.take(page, "lab-06-export-coverage")
    screenshots.publish()


def test_the_desk_in_the_learners_own_folder_in_jupyterlab(lab, page, screenshots) -> None:
    """``make lab`` gives the learner their own copies beside the workspace: the desk runs
    from there, passes axe-core, and its export links download the zip from JupyterLab."""
    from casekit.cli.labstart import copy_notebooks
    from tests.browser.conftest import axe_violations

    folder = lab.workspace.parent
    copy_notebooks(folder)
    kit = (Path(lab.root) / "notebooks" / "desk.ipynb").read_bytes()
    start_lab(page, lab)
    open_and_run_all(page, lab, "workspaces/desk.ipynb")
    desk = page.locator(".jp-OutputArea .casekit-desk")
    desk.wait_for()
    desk.locator(".casekit-pick").first.wait_for()
    page.evaluate("() => window.jupyterapp.shell.collapseLeft()")
    assert axe_violations(page, ".jp-OutputArea .casekit-desk") == []

    desk.get_by_role("button", name="Sign and export your evidence pack").click()
    export = desk.locator(".casekit-export")
    export.get_by_label("I make this declaration").check()
    export.get_by_label("Your full name, as a signature").fill("Alex Learner")
    export.get_by_role("button", name="Sign the declaration").click()
    export.locator(".casekit-status").get_by_text(re.compile("Declaration signed")).wait_for()
    export.get_by_role("button", name="Export my evidence pack").click()
    export.locator(".casekit-verify-result").get_by_text("Pack checked: intact").wait_for(
        timeout=90_000
    )
    with page.expect_download() as download:
        export.get_by_role("link", name=re.compile("Download the zip")).click()
    assert download.value.suggested_filename == f"{lab.workspace.name}-evidence.zip"
    export.locator(".casekit-export-links").scroll_into_view_if_needed()
    screenshots.take(page, "lab-desk-export")
    # The learner's work went into their own copies, never the kit's notebooks.
    assert (Path(lab.root) / "notebooks" / "desk.ipynb").read_bytes() == kit
    assert (folder / f"{lab.workspace.name}-evidence.zip").is_file()
    screenshots.publish()
