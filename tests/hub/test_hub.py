"""A classroom exercise on a real JupyterHub: two learners and a tutor in Chromium.

The hub runs on 127.0.0.1 with configurable-http-proxy, the local process spawner and real
Linux accounts made for the test (see conftest.py and harness.py). Each learner logs in,
lands on their start page with their own pack in their own workspace, and sees only their
own enquiries; no learner's account can read another's workspace or any answer key. One
learner logs an enquiry; the tutor advances and witnesses the class from the classroom page;
the learner sends their pack; the tutor reviews it against the witness ledger. A learner's
own token is refused the tutor's actions and cannot pass another's pack off as theirs.
"""

from __future__ import annotations

import contextlib
import io
import json
import re
import time
from pathlib import Path

import pytest

from casekit.record.workspace import Workspace
from tests.browser.test_browser_lab import open_and_run_all
from tests.hub import harness

# Three servers spawn one after another (seconds each, more on a busy 2-core machine).
pytestmark = [
    pytest.mark.browser,
    pytest.mark.slow,
    pytest.mark.xdist_group("hub"),
    pytest.mark.timeout(600),
]

START = "casekit/notebooks/00_start_here.ipynb"


def pack_of(hub: harness.Hub, learner: str) -> dict:
    return json.loads((hub.class_dir / "packs" / f"{learner}.json").read_text())


def names_in(pack: dict) -> set[str]:
    return {case["constituent"]["name"] for case in pack["cases"]}


def log_in(browser, hub: harness.Hub, user: str):
    """A new browser session logged in as ``user``, on the page the hub opens for them."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.set_default_timeout(60_000)
    page = context.new_page()
    page.goto(f"{hub.url}/hub/login")
    page.fill("#username_input", user)
    page.fill("#password_input", "any password: the test hub uses the dummy authenticator")
    page.click("#login_submit")
    page.wait_for_url(re.compile(rf"/user/{user}/lab/"), timeout=150_000)
    page.wait_for_function("() => window.jupyterapp !== undefined", timeout=90_000)
    page.evaluate("() => window.jupyterapp.started")
    page.evaluate("() => window.jupyterapp.restored")
    return context, page


def token_for(context, hub: harness.Hub, user: str) -> str:
    """A hub API token made by the logged-in user on their own behalf."""
    page = context.new_page()
    page.goto(f"{hub.url}/hub/token")
    xsrf = page.evaluate("() => window.jhdata.xsrf_token")
    page.close()
    answer = context.request.post(
        f"{hub.url}/hub/api/users/{user}/tokens",
        headers={"X-XSRFToken": xsrf, "Referer": f"{hub.url}/hub/token"},
        data={"note": "casekit hub test"},
    )
    assert answer.ok, answer.text()
    return answer.json()["token"]


def classroom(*argv: str) -> tuple[int, str]:
    """``casekit classroom ...`` in-process, with what it printed."""
    from casekit.cli import main

    out = io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(out):
        code = main(["classroom", *argv])
    return code, out.getvalue()


def check_learner_start(page, hub: harness.Hub, me: str, other: str) -> None:
    """The start page shows my pack in my workspace; the inbox holds my enquiries only."""
    open_and_run_all(page, None, START)
    ready = page.locator(".jp-OutputArea .casekit-workspace-ready")
    ready.wait_for()
    shown = ready.inner_text()
    assert pack_of(hub, me)["pack_id"] in shown
    assert pack_of(hub, other)["pack_id"] not in shown

    open_and_run_all(page, None, "casekit/notebooks/01_collect.ipynb")
    intake = page.locator(".jp-OutputArea .casekit-intake")
    intake.wait_for()
    options = intake.get_by_label("Enquiry in the inbox").locator("option").all_inner_texts()
    labels = [o.replace("\xa0", " ") for o in options if re.match(r"\S+-T\d+:", o)]
    mine, theirs = names_in(pack_of(hub, me)), names_in(pack_of(hub, other))
    assert labels, "my pack puts enquiries in my inbox"
    assert all(any(name in label for name in mine) for label in labels), labels
    assert not any(name in label for label in labels for name in theirs - mine), labels


def check_isolation(hub: harness.Hub, me: str, other: str) -> None:
    """My account cannot read the other learner's workspace, nor any answer key."""
    import pwd

    home = Path(pwd.getpwnam(me).pw_dir)
    workspace = home / "casekit" / "workspace"
    assert home.stat().st_mode & 0o777 == 0o700 and home.stat().st_uid == pwd.getpwnam(me).pw_uid
    assert workspace.stat().st_mode & 0o777 == 0o700
    assert (workspace / "casekit.sqlite").stat().st_uid == pwd.getpwnam(me).pw_uid
    theirs = Path(pwd.getpwnam(other).pw_dir) / "casekit" / "workspace" / "casekit.sqlite"
    key = hub.class_dir / "tutor" / "keys" / f"{me}.key.json"
    for target in (theirs, key, hub.class_dir / "packs" / f"{other}.json"):
        assert target.exists()
        tried = harness.run_as(me, f"open({str(target)!r}, 'rb').read(1)")
        assert "PermissionError" in tried.stderr, (target, tried.stderr)
    mine = harness.run_as(me, f"open({str(workspace / 'casekit.sqlite')!r}, 'rb').read(1)")
    assert mine.returncode == 0, mine.stderr


def log_an_enquiry(page) -> str:
    intake = page.locator(".jp-OutputArea .casekit-intake")
    intake.get_by_label("Enquiry in the inbox").select_option(index=0)
    name = intake.get_by_label("Constituent's name")
    page.wait_for_function("(el) => el.value.length > 0", arg=name.element_handle())
    intake.get_by_label("Category", exact=True).select_option(index=1)
    intake.get_by_role("button", name="Log this enquiry").click()
    logged = intake.locator(".casekit-status").get_by_text(re.compile(r"Logged as case \S+"))
    logged.wait_for()
    return re.search(r"Logged as case ([^\s.]+)", logged.inner_text()).group(1)


def press(form, name: str, expect: str) -> str:
    """Click a button of a form and wait for its success line saying ``expect``."""
    form.get_by_role("button", name=name).click()
    status = form.locator(".casekit-status")
    try:
        form.locator(".casekit-status .casekit-msg-success", has_text=expect).wait_for()
    except Exception as err:
        raise AssertionError(f"{name}: {status.all_inner_texts()}") from err
    return status.first.inner_text()


def test_a_classroom_exercise_on_a_real_hub(hub, browser) -> None:
    started = time.monotonic()
    one, two = hub.learners
    tutor_user = hub.tutor

    # Both learners log in: each on their start page, with their own pack and cases only.
    ctx_one, page_one = log_in(browser, hub, one)
    ctx_two, page_two = log_in(browser, hub, two)
    assert page_one.url.endswith("casekit/notebooks/desk.ipynb")  # learners start on the desk
    check_learner_start(page_one, hub, one, two)
    check_learner_start(page_two, hub, two, one)
    check_isolation(hub, one, two)
    check_isolation(hub, two, one)
    ws_one = Path(f"/home/{one}/casekit/workspace")
    ref = log_an_enquiry(page_one)
    with Workspace.open(ws_one) as ws:
        assert [e.case for e in ws.events(kinds=["enquiry_received"])] == [ref]
        assert ws.created.data["learner"] == one

    # The tutor opens on the classroom page: advance the class, then witness it.
    ctx_tutor, page_tutor = log_in(browser, hub, tutor_user)
    assert page_tutor.url.endswith("casekit/notebooks/classroom.ipynb")
    open_and_run_all(page_tutor, None, "casekit/notebooks/classroom.ipynb")
    room = page_tutor.locator(".jp-OutputArea .casekit-classroom")
    room.wait_for()
    press(room, "Advance the class", "Advanced 2 of 2 learners by 1 working day")
    press(room, "Witness every workspace", "Witnessed 2 of 2 workspaces")
    ledger = [
        json.loads(x) for x in (hub.class_dir / "tutor" / "witness.jsonl").read_text().splitlines()
    ]
    assert sorted({e["learner"] for e in ledger}) == [one, two]
    assert len(ledger) == 4  # each learner at the advance and at the witness
    with Workspace.open(ws_one) as ws:
        assert len(ws.events(kinds=["clock_advanced"])) == 1

    # Learner one signs the declaration and sends the pack to the tutor.
    open_and_run_all(page_one, None, "casekit/notebooks/06_reflect_and_export.ipynb")
    export = page_one.locator(".jp-OutputArea .casekit-export")
    export.get_by_label("I make this declaration").check()
    export.get_by_label("Your full name, as a signature").fill(f"Learner {one[-2:].upper()}")
    press(export, "Sign the declaration", "Declaration signed")
    send = page_one.locator(".jp-OutputArea .casekit-send-pack")
    press(send, "Send my pack to my tutor", f"Your pack was sent to your tutor ({one})")
    sent = hub.class_dir / "tutor" / "collected" / f"{one}.zip"
    assert sent.is_file()

    # The tutor reviews it against the ledger, and collects it into their own folder.
    press(room, "Review sent packs", "Reviewed 1 pack; 0 need(s) your attention")
    result = room.locator(".casekit-classroom-result").inner_text()
    assert "matches the tutor's ledger" in result, result
    press(room, "Collect sent packs", "Collected 1 pack")
    assert Path(f"/home/{tutor_user}/casekit/tutor/collected/{one}.zip").is_file()

    # The tutor's own token works from a terminal; a learner's is refused a tutor's action
    # and cannot send another learner's pack as their own.
    tutor_token = token_for(ctx_tutor, hub, tutor_user)
    code, said = classroom("whoami", "--hub-url", hub.url, "--token", tutor_token)
    assert code == 0 and f"{tutor_user}: tutor" in said, said
    code, said = classroom("review", "--hub-url", hub.url, "--token", tutor_token)
    assert code == 0 and "matches the tutor's ledger" in said, said
    learner_token = token_for(ctx_two, hub, two)
    code, said = classroom("advance", "--hub-url", hub.url, "--token", learner_token)
    assert code == 2 and "Only a tutor" in said, said
    from casekit import api
    from casekit.errors import CasekitError

    conn = api.classroom_connection(hub.url, learner_token)
    with pytest.raises(CasekitError, match="not from your own workspace"):
        from casekit.hub.client import call

        call(conn, "submit", body=sent.read_bytes(), content_type="application/zip")
    assert sorted(p.name for p in (hub.class_dir / "tutor" / "collected").glob("*.zip")) == [
        f"{one}.zip"
    ]
    for context in (ctx_one, ctx_two, ctx_tutor):
        context.close()
    print(f"classroom exercise on the hub: {time.monotonic() - started:.1f} s")
