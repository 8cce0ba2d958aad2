"""The no-code app: ``casekit app notebooks/01_collect.ipynb`` served by Voila, code hidden.

A learner who never sees JupyterLab logs an enquiry end to end in the browser; the test
checks that no code is shown, that the form reports the case, and that the event is in
the workspace's log (read from Python) with the chain intact.
"""

from __future__ import annotations

import re

import pytest

from casekit.record.workspace import Workspace

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]


def test_log_an_enquiry_in_the_voila_app(voila, page, screenshots) -> None:
    page.goto(voila.url, timeout=90_000)
    intake = page.locator(".casekit-intake")
    intake.wait_for(timeout=90_000)

    # Code hidden: the app shows the forms and the words, never the Python.
    body = page.locator("body").inner_text()
    assert "ui.intake(" not in body and "from casekit import ui" not in body
    assert page.locator(".jp-InputArea-editor, .CodeMirror, .cm-editor").count() == 0
    page.get_by_role("heading", name=re.compile("Collect")).first.wait_for()

    intake.get_by_label("Enquiry in the inbox").select_option(index=0)
    name = intake.get_by_label("Constituent's name")
    page.wait_for_function("(el) => el.value.length > 0", arg=name.element_handle())
    typed_name = name.input_value()
    intake.locator(".casekit-intake-form").scroll_into_view_if_needed()
    screenshots.take(page, "app-01-intake-form")

    intake.get_by_label("Category", exact=True).select_option(label="Waste and bins")
    intake.get_by_role("button", name="Log this enquiry").click()
    logged = intake.locator(".casekit-status").get_by_text(re.compile(r"Logged as case \S+"))
    logged.wait_for()
    ref = re.search(r"Logged as case ([^\s.]+)", logged.inner_text()).group(1)
    intake.locator(".casekit-case-list").get_by_text(ref, exact=True).wait_for()
    intake.locator(".casekit-status").scroll_into_view_if_needed()
    screenshots.take(page, "app-01-intake-logged")

    with Workspace.open(voila.workspace) as ws:
        received = ws.events(kinds=["enquiry_received"])
        assert [e.case for e in received] == [ref]
        assert received[0].get("constituent")["name"] == typed_name
        assert received[0].data["source"] == "pack"
        assert ws.verify() == []
    screenshots.publish()
