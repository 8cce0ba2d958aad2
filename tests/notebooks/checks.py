"""What each learner notebook must have produced, checked inside its own kernel.

The learner notebooks hold only the forms (``ui.intake()`` and the like); these checks are
the assertions that used to sit in hidden cells of the notebooks. ``test_run_notebooks``
executes each notebook with nbclient, then runs its check in the same kernel, where the
forms the notebook made are live (:func:`casekit.ui.base.live_views`).
"""

from __future__ import annotations

COMMON = """
from pathlib import Path
from casekit import api
from casekit.ui.base import live_views, watcher_for
from casekit.ui.session import learner_pack, learner_workspace

WORKSPACE = learner_workspace()
views = live_views()
assert views, "the notebook showed no form"
for view in views:
    for area in (view.status, getattr(view, "notice", view.status)):
        assert "casekit-msg-error" not in area.value, area.value
    if hasattr(view, "exists"):
        assert view.exists(), f"no workspace at {view.path}"
    assert Path(view.path).resolve() == Path(WORKSPACE).resolve()

def form(kind):
    found = [v for v in views if type(v).__name__ == kind]
    assert len(found) == 1, (kind, [type(v).__name__ for v in views])
    return found[0]

with api.open_workspace(WORKSPACE) as ws:
    state = ws.state()
    today = ws.now.date()
"""

CHECKS: dict[str, str] = {
    "00_start_here.ipynb": """
start = form("Start")
packs = [value for _label, value in start.pack.options if value]
assert [Path(p).resolve() for p in packs].count(learner_pack().resolve()) == 1, packs
assert Path(start.pack.value).resolve() == learner_pack().resolve()
assert Path(start.folder.value).resolve() == Path(WORKSPACE).resolve()
assert "casekit-workspace-ready" in start.summary.value
""",
    "01_collect.ipynb": """
intake = form("Intake")
waiting = {str(e.data.get("timeline_item") or e.data.get("item") or e.seq)
           for e in state.unhandled_inbox()}
assert {v for _l, v in intake.inbox.options if v} == waiting
assert len(intake.member.options) == len(state.council.members) + 1  # and "Choose"
assert intake.category.value == ""  # nothing chosen for the learner
assert intake.log_button.description == "Log this enquiry"
duplicates = form("LinkDuplicate")
assert {v for _l, v in duplicates.case.options} == set(state.cases)
""",
    "02_verify.ipynb": """
verify = form("Verification")
assert {v for _l, v in verify.case.options} == set(state.cases)
assert verify.check_button.description == "Record the check"
""",
    "03_monitor.ipynb": """
board = form("Dashboard")
rows = api.deadline_rows(state, today)
assert f"{today.day} {today:%b %Y}" in board.today.value
assert ("casekit-deadlines" in board.table.value) == bool(rows)
contacts = form("Contacts")
assert {v for _l, v in contacts.case.options} == set(state.cases)
assert len(contacts.e_route.options) == len(state.profile.escalations) > 0
import datetime as _dt
from ipywidgets import Widget
calculators = [w.step for w in list(Widget.widgets.values())
               if type(getattr(w, "step", None)).__name__ == "ClockCalculator"]
assert len(calculators) == 1, calculators
calc = calculators[0]
calc.kind.value = "foi"
calc.received.value = _dt.date(2026, 4, 3)  # Good Friday
calc.button.click()
assert "casekit-msg-error" not in calc.status.value, calc.status.value
assert "due Tue 5 May 2026" in calc.result.value  # FOIA s10(1), every UK nation
assert "Easter Monday" in calc.result.value
""",
    "04_draft.ipynb": """
drafting = form("Drafting")
open_cases = {ref for ref, case in state.cases.items() if case.status == "open"}
assert {v for _l, v in drafting.case.options} == open_cases
assert drafting.final.value == ""  # "is this the full reply?" is never pre-answered
assert drafting.draft.continuous_update is True  # checked as the learner types
approval = form("Approval")
assert {v for _l, v in approval.case.options} == set(state.cases)
""",
    "05_satisfaction.ipynb": """
satisfaction = form("Satisfaction")
assert {v for _l, v in satisfaction.case.options} == set(state.cases)
assert len(satisfaction.stakeholder.options) == len(api.satisfaction_rules().stakeholders) > 0
""",
    "06_reflect_and_export.ipynb": """
import re
catalogue = api.criteria()
reflection = form("Reflection")
assert set(reflection.criteria) == set(catalogue.criteria) and len(reflection.criteria) == 5
assert {v for _l, v in reflection.model.options} == set(catalogue.reflection_models)
assert re.fullmatch(r"\\d{2}/\\d{2}/\\d{4}", reflection.date.text.value)  # the UK way
coach = form("Coaching")
assert coach.key.value == ""  # learners are coached without the answer key
export = form("Export")
assert "<svg" in export.chart.value
assert all(cid in export.coverage.value for cid in catalogue.criteria)
assert export.pack_folder().parent.resolve() == Path(WORKSPACE).resolve().parent
assert export.agree.value == (state.declaration is not None)
send = form("SendToTutor")
assert send.send_button.description == "Send my pack to my tutor"
assert send.send_button.disabled == (not send.on_hub)
""",
    "07_knowledge_check.ipynb": """
knowledge = form("KnowledgeCheck")
assert len(knowledge.radios) > 0
assert all(radio.value is None for radio in knowledge.radios.values())
""",
    "desk.ipynb": """
import asyncio
desk = form("Desk")
assert desk.view is not None and desk.shown_panel is not None
assert [i.key for i in desk.cases.items] == [r.ref for r in api.case_rows(state, today)]
watcher = watcher_for(WORKSPACE)
assert watcher is not None and watcher.running, "the desk watches the log in the kernel"
before = desk.clock.today.value
with api.open_workspace(WORKSPACE) as ws:  # a change made elsewhere: the tutor's clock
    api.advance(ws, 1)
for _ in range(40):  # it shows up within a few seconds, with no Refresh button
    await asyncio.sleep(0.25)
    if desk.clock.today.value != before:
        break
assert desk.clock.today.value != before, "the desk did not notice the clock move"
""",
}
