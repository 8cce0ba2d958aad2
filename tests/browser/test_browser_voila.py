"""The casework desk as an app (``casekit app``, Voila, code hidden), in Chromium.

A learner who never sees JupyterLab works a whole intro case at the desk: log it, check a
fact, acknowledge, record consent, refer, move the clock on until the service answers,
send a holding reply, draft beside the enquiry with the checks running as they type, get
the councillor's approval, send the reply, ask whether people were satisfied, reflect,
sign and export, then open the pack and download its zip from the links. Every step is
checked in the page and in the workspace's log. The same desk is checked with axe-core,
driven by the keyboard alone, and measured for anything cut off at two screen sizes.
"""

from __future__ import annotations

import re
import time

import pytest
from playwright.sync_api import expect

from casekit.record.workspace import Workspace
from tests.browser.conftest import axe_violations

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser")]

CLIPPED = """(root) => {
  const cut = [];
  const visible = (el) => el.offsetParent !== null && el.getClientRects().length > 0;
  const canvas = document.createElement('canvas').getContext('2d');
  for (const el of root.querySelectorAll(
      '.widget-label, .widget-label-basic span, .lm-TabBar-tabLabel, .casekit-pick,'
      + ' .jupyter-button, .widget-button')) {
    if (visible(el) && el.scrollWidth > el.clientWidth + 1)
      cut.push('label: ' + el.textContent.trim().slice(0, 60));
  }
  for (const el of root.querySelectorAll('input[type=text], input[type=number], textarea')) {
    if (visible(el) && el.value && el.scrollWidth > el.clientWidth + 1)
      cut.push('field: ' + el.value.slice(0, 60));
    if (visible(el) && el.clientWidth < 40) cut.push('narrow field: ' + (el.title || el.id));
  }
  for (const el of root.querySelectorAll('select')) {
    if (!visible(el) || el.selectedIndex < 0) continue;
    const style = getComputedStyle(el);
    canvas.font = style.fontSize + ' ' + style.fontFamily;
    const text = el.options[el.selectedIndex].text;
    const pads = parseFloat(style.paddingLeft) + parseFloat(style.paddingRight);
    const room = el.clientWidth - pads - 16;
    if (canvas.measureText(text).width > room) cut.push('choice: ' + text.slice(0, 60));
  }
  return cut;
}"""


def open_desk(page, url: str):
    page.goto(url, timeout=120_000)
    desk = page.locator(".casekit-desk")
    desk.wait_for(timeout=120_000)
    desk.locator(".casekit-pick").first.wait_for()
    return desk


def tab(desk, title: str) -> None:
    desk.get_by_role("tab", name=title).click()


def said(scope, pattern: str, timeout: float = 30_000):
    """Wait for a message matching ``pattern`` in ``scope``'s status area; its text."""
    found = scope.locator(".casekit-status").get_by_text(re.compile(pattern))
    found.first.wait_for(timeout=timeout)
    return found.first.inner_text()


def section(desk, title: str):
    return desk.locator(".casekit-section:visible", has_text=title).last


def log_count(workspace, kind: str) -> int:
    with Workspace.open(workspace) as ws:
        return len(ws.events(kinds=[kind]))


def wait_for_log(workspace, kind: str, count: int, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while log_count(workspace, kind) < count:
        assert time.monotonic() < deadline, f"no {kind} in the log"
        time.sleep(0.1)


def test_a_whole_case_at_the_desk_in_the_app(voila, page, screenshots) -> None:
    page.set_viewport_size({"width": 1280, "height": 1000})
    desk = open_desk(page, voila.url)
    body = page.locator("body").inner_text()
    assert "ui.desk(" not in body and "from casekit import ui" not in body  # no code shown

    # Log the enquiry in the inbox (the other tests may have logged the first ones).
    inbox = desk.locator(".casekit-desk-lists .casekit-picklist").nth(0)
    for _ in range(10):
        if inbox.locator(".casekit-pick").count():
            break
        before = log_count(voila.workspace, "clock_advanced")
        desk.locator(".casekit-clockbar").get_by_role("button", name="Advance the clock").click()
        wait_for_log(voila.workspace, "clock_advanced", before + 1)
        page.wait_for_timeout(500)
    inbox.locator(".casekit-pick").first.click()
    intake = desk.locator(".casekit-intake")
    name = intake.get_by_label("Constituent's name")
    expect(name).not_to_have_value("")
    typed_name = name.input_value()
    screenshots.take(page, "desk-01-inbox")
    intake.get_by_label("Category", exact=True).select_option(label="Housing")
    intake.get_by_role("button", name="Log this enquiry").click()
    next_step = desk.locator(".casekit-next-step")
    next_step.wait_for()
    logged = said(desk, r"Logged as case CK-\d{4}")
    ref = re.search(r"CK-\d{4}", logged).group(0)
    expect(next_step).to_contain_text("Acknowledge the enquiry")
    desk.locator(".casekit-case-overview").get_by_text("Why this date?").first.click()
    screenshots.take(page, "desk-02-case")

    # Facts: record one and check it against a source.
    tab(desk, "Facts")
    facts = desk.locator(".casekit-verification")
    facts.get_by_label("The fact").fill("The problem was first reported in November.")
    facts.get_by_role("button", name="Record this fact").click()
    said(facts, "Fact F1 recorded")
    facts.get_by_label("Source checked").fill("Housing management system")
    facts.get_by_role("button", name="Record the check").click()
    said(facts, "Check of F1 recorded")

    # Contacts: the next step's button opens them; acknowledge, consent, refer.
    desk.get_by_role("button", name="Go to Contacts").click()
    contacts = desk.locator(".casekit-contacts")
    ack = section(desk, "Acknowledge")
    ack.get_by_label("Who is dealing with it").fill("Alex Learner")
    ack.get_by_role("button", name="Send acknowledgement").click()
    said(contacts, "Acknowledgement sent")
    consent = section(desk, "Record consent")
    consent.get_by_label("Recipient (who may receive it)").fill("Housing Repairs")
    consent.get_by_label("Purpose").fill("To arrange the repair")
    consent.get_by_label("How consent was given").fill("Email of consent")
    consent.get_by_role("button", name="Record consent").click()
    said(contacts, "Consent recorded")
    refer = section(desk, "Refer to a service")
    refer.get_by_label("Question for the service").fill("When will the repair be done?")
    refer.get_by_role("button", name="Refer to the service").click()
    said(contacts, "referred to")
    page.wait_for_function(
        "() => document.querySelector('.casekit-next-step').innerText.includes('Wait for')"
    )
    screenshots.take(page, "desk-03-contacts")

    # Move the clock on a week: the bar says what arrived and where; a chase needs attention.
    bar = desk.locator(".casekit-clockbar")
    days = bar.get_by_label("Working days to advance")
    days.fill("0")
    days.press("Tab")
    before = log_count(voila.workspace, "clock_advanced")
    bar.get_by_role("button", name="Advance the clock").click()
    assert "from 1 to 20: 0 is not allowed" in said(desk, "not allowed")  # refused, not made 1
    assert log_count(voila.workspace, "clock_advanced") == before
    days.fill("5")
    days.press("Tab")
    bar.get_by_role("button", name="Advance the clock").click()
    wait_for_log(voila.workspace, "clock_advanced", before + 1)
    arrived = said(bar, "The clock moved on 5 working days")
    with Workspace.open(voila.workspace) as ws:
        state = ws.state()
        chases = state.case(ref).chasers
    if chases:  # what arrived, where, and the chase in the constituent's own words
        assert "chased" in arrived and ref in arrived, arrived
        attention = desk.locator(".casekit-desk-lists .casekit-attention")
        attention.get_by_text(re.compile(f"{ref}: .* chased on")).wait_for()
        words = " ".join(str(chases[-1].get("text")).split())[:30]
        assert words in attention.inner_text()
    else:
        assert "arrived" in arrived, arrived

    # A holding reply, from the case's deadlines.
    tab(desk, "Deadlines")
    holding = section(desk, "Send a holding reply")
    holding.get_by_label("Reason for the delay").fill("Waiting for the surveyor's report")
    holding.get_by_role("button", name="Send holding reply").click()
    said(desk.locator(".casekit-dashboard:visible"), "Holding reply sent")

    # The draft, beside the enquiry, checked as it is typed.
    tab(desk, "Draft and reply")
    drafting = desk.locator(".casekit-drafting")
    expect(drafting.locator(".casekit-answering")).to_contain_text("The enquiry you are answering")
    drafting.get_by_label("What the service found or decided").fill(
        "The waste team will replace the bin free of charge next week."
    )
    drafting.get_by_role("button", name="Start from template").click()
    draft = drafting.get_by_label("Draft", exact=True)
    expect(draft).to_have_value(re.compile(r".{50,}", re.S))  # the view may be redrawn
    letter = draft.input_value()
    with Workspace.open(voila.workspace) as ws:
        service_replied = bool(ws.state().case(ref).service_replies)
    if not service_replied:  # never claim an answer the service has not given
        assert "I now have a full reply from the council" not in letter
    draft.focus()
    page.keyboard.press("Control+End")
    page.keyboard.type(" Vote Labour at the next election.", delay=20)
    findings = drafting.locator(".casekit-findings")
    findings.get_by_text(re.compile("political party")).wait_for()  # no click outside
    assert page.evaluate("() => document.activeElement.tagName") == "TEXTAREA"
    screenshots.take(page, "desk-04-draft-live-checks")
    draft.fill(letter)
    findings.get_by_text(re.compile("No findings|Advice|Warning")).first.wait_for()
    drafting.get_by_role("button", name="Save the draft").click()
    said(drafting, "Draft D1 saved")
    approval = desk.locator(".casekit-approval")
    approval.get_by_role("button", name="Send to the councillor for approval").click()
    approval.locator(".casekit-decision").wait_for()
    assert log_count(voila.workspace, "draft_approved") == 1, approval.inner_text()
    send = section(desk, "3. Send the reply")
    send.get_by_label("Is this the full reply?").select_option(index=1)  # "Yes: the full reply"
    send.get_by_role("button", name="Send the reply").click()
    said(drafting, "Full reply sent")
    assert log_count(voila.workspace, "reply_sent") == 1

    # Satisfaction, then a reflection on the case.
    tab(desk, "Satisfaction")
    satisfaction = desk.locator(".casekit-satisfaction")
    satisfaction.get_by_label("Who to ask").select_option(label="The constituent")
    satisfaction.get_by_role("button", name="Ask for feedback").click()
    said(satisfaction, "Feedback requested")
    satisfaction.get_by_role("button", name="Collect the answers").click()
    said(satisfaction, "answer received")
    tab(desk, "Reflection")
    reflection = desk.locator(".casekit-reflection")
    assert re.fullmatch(
        r"\d{2}/\d{2}/\d{4}", reflection.get_by_label("Date of the reflection").input_value()
    )
    for area in reflection.locator(".casekit-reflection-sections textarea:visible").all():
        area.fill(
            "I logged the enquiry, checked the facts with the housing system, referred it "
            "to the service and kept the constituent informed while waiting for the answer."
        )
    reflection.get_by_label(re.compile("^AC1")).check()
    reflection.get_by_role("button", name="Save my reflection").click()
    said(reflection, "Reflection on")

    # Sign, export, and use the links: open the pack, download the zip.
    desk.get_by_role("button", name="Sign and export your evidence pack").click()
    export = desk.locator(".casekit-export")
    export.get_by_label("I make this declaration").check()
    export.get_by_label("Your full name, as a signature").fill("Alex Learner")
    export.get_by_role("button", name="Sign the declaration").click()
    said(export, "Declaration signed")
    export.get_by_role("button", name="Export my evidence pack").click()
    said(export, "exported and checked", timeout=90_000)
    export.locator(".casekit-verify-result").get_by_text("Pack checked: intact").wait_for()
    with page.expect_download() as download:
        export.get_by_role("link", name=re.compile("Download the zip")).click()
    assert download.value.suggested_filename == "voila-learner-evidence.zip"
    with page.context.expect_page() as opened:
        export.get_by_role("link", name="Open the pack").click()
    pack = opened.value
    pack.wait_for_load_state()
    assert "Evidence location matrix" in pack.locator("body").inner_text()
    pack.close()
    export.locator(".casekit-export-links").scroll_into_view_if_needed()
    screenshots.take(page, "desk-05-export")

    with Workspace.open(voila.workspace) as ws:
        received = ws.events(kinds=["enquiry_received"])
        assert received[0].case == ref and received[0].get("constituent")["name"] == typed_name
        assert ws.verify() == []
    screenshots.publish()


def test_the_desk_has_no_serious_accessibility_violation(voila, page) -> None:
    desk = open_desk(page, voila.url)
    desk.locator(".casekit-desk-lists .casekit-pick").first.click()
    time.sleep(0.5)
    problems = axe_violations(page, ".casekit-desk")
    for title in ("The case", "Facts", "Contacts", "Deadlines", "Draft and reply"):
        if desk.get_by_role("tab", name=title).count():
            tab(desk, title)
            time.sleep(0.3)
            problems += axe_violations(page, ".casekit-desk")
    assert problems == [], problems


def test_an_enquiry_is_logged_with_the_keyboard_alone(voila, page) -> None:
    desk = open_desk(page, voila.url)
    before = log_count(voila.workspace, "enquiry_received")

    def tab_to(predicate: str, limit: int = 200) -> None:
        for _ in range(limit):
            page.keyboard.press("Tab")
            if page.evaluate(predicate):
                return
        raise AssertionError(f"the keyboard never reached: {predicate}")

    inbox = desk.locator(".casekit-picklist").nth(0)
    if inbox.locator(".casekit-pick").count() == 0:  # the inbox was emptied: move the clock
        desk.get_by_role("button", name="Advance the clock").focus()
        page.keyboard.press("Enter")
        inbox.locator(".casekit-pick").first.wait_for(timeout=30_000)
    tab_to(
        "() => document.activeElement.classList.contains('casekit-pick')"
        " && document.activeElement.closest('.casekit-picklist')"
        " === document.querySelectorAll('.casekit-picklist')[0]"
    )
    page.keyboard.press("Enter")
    intake = desk.locator(".casekit-intake")
    intake.get_by_label("Category", exact=True).wait_for()
    tab_to(
        "() => document.activeElement.tagName === 'SELECT'"
        " && document.activeElement.closest('.widget-dropdown').innerText.includes('Category')"
    )
    page.keyboard.type("Hous")  # a select chooses the option typed
    tab_to("() => document.activeElement.innerText === 'Log this enquiry'")
    page.keyboard.press("Enter")
    said(desk, r"Logged as case CK-\d{4}")
    assert log_count(voila.workspace, "enquiry_received") == before + 1


@pytest.mark.parametrize("size", [(1280, 800), (1920, 1080)])
def test_nothing_is_cut_off(voila, page, size) -> None:
    page.set_viewport_size({"width": size[0], "height": size[1]})
    desk = open_desk(page, voila.url)
    lists = desk.locator(".casekit-desk-lists .casekit-picklist")
    cut = []
    if lists.nth(0).locator(".casekit-pick").count():  # an enquiry in the inbox
        lists.nth(0).locator(".casekit-pick").first.click()
        desk.locator(".casekit-intake").wait_for()
        cut += page.evaluate(CLIPPED, desk.element_handle())
    if lists.nth(1).locator(".casekit-pick").count() == 0:  # no case yet: log one
        lists.nth(0).locator(".casekit-pick").first.click()
        intake = desk.locator(".casekit-intake")
        intake.get_by_label("Category", exact=True).select_option(label="Housing")
        intake.get_by_role("button", name="Log this enquiry").click()
        said(desk, r"Logged as case CK-\d{4}")
    lists.nth(1).locator(".casekit-pick").first.click()  # a case, and each of its tabs
    tabs = desk.get_by_role("tab")
    tabs.first.wait_for()
    tab(desk, "Facts")  # a long fact, as learners write them, offered in the list to check
    facts = desk.locator(".casekit-verification")
    facts.get_by_label("The fact").fill(
        "The constituent says the broken lid was reported on the council website in the "
        "second week of December and that nobody has called back since then."
    )
    facts.get_by_role("button", name="Record this fact").click()
    said(facts, "recorded")
    for i in range(tabs.count()):
        tabs.nth(i).click()
        time.sleep(0.3)
        cut += page.evaluate(CLIPPED, desk.element_handle())
    for key in ("All deadlines, on every case", "Sign and export your evidence pack"):
        desk.get_by_role("button", name=key).click()
        time.sleep(0.5)
        cut += page.evaluate(CLIPPED, desk.element_handle())
    assert sorted(set(cut)) == [], size
