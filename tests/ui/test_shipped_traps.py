"""Every trap of the shipped packs, handled well through the forms a learner uses.

A learner works each case of ``scenarios/intro.json``, ``standard.json`` and
``challenge.json`` on the day it arrives, only by setting the widgets' values and clicking
their buttons (intake, verification, contacts, dashboard, drafting, approval), doing what
good practice asks for each planted trap. The coach must then find every trap handled: a
trap that cannot be handled from the forms (issue 12 found one: a duplicate held by another
member that intake neither warned about nor offered to link) fails here.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest

from casekit.api.workspaces import new_workspace
from casekit.feedback.coaching import coach
from casekit.record.workspace import Workspace
from casekit.ui.approval_step import Approval
from casekit.ui.contacts_step import Contacts
from casekit.ui.dashboard_step import Dashboard
from casekit.ui.drafting_step import Drafting
from casekit.ui.intake_step import Intake, LinkDuplicate
from casekit.ui.verification_step import Verification
from tests.ui.support import status_text

ROOT = Path(__file__).resolve().parents[2]
PACKS = ("intro", "standard", "challenge")
MAX_DAYS = 30


class Learner:
    """The forms a learner has open on one workspace, and how they use them."""

    def __init__(self, path: Path, key: dict[str, Any]) -> None:
        self.path = path
        self.key = {c["inbox_item"]: c for c in key["cases"]}
        self.intake = Intake(path)
        self.link = LinkDuplicate(path)
        self.verification = Verification(path)
        self.contacts = Contacts(path)
        self.dashboard = Dashboard(path)
        self.drafting = Drafting(path)
        self.approval = Approval(path)

    def ok(self, form: Any, button: Any) -> str:
        """Click ``button``; the form must not show a refusal."""
        button.click()
        shown = status_text(form.status)
        assert "casekit-msg-error" not in form.status.value, shown
        return shown

    # -- the day's work -----------------------------------------------------------------
    def work_new_enquiries(self) -> int:
        done = 0
        while self.intake.inbox.value:
            self.work(self.intake.inbox.value)
            done += 1
        return done

    def work(self, item: str) -> None:
        entry = self.key[item]
        traps = {t["trap"]: t for t in entry["traps"]}
        ref = self.log(entry, traps)
        self.choose(ref)
        if "duplicate" in traps:
            self.link_duplicate(ref, traps["duplicate"])
        if "safeguarding" in traps:
            route = traps["safeguarding"]["good"][0]["where"]["route_id"]["eq"]
            self.escalate(route, "Safeguarding concern in the enquiry, referred the same day.")
        if "hidden_statutory" in traps:
            clock = traps["hidden_statutory"]["good"][0]["where"]["clock"]["eq"]
            self.dashboard.statutory.value = clock
            self.ok(self.dashboard, self.dashboard.start_button)
            self.escalate("information-request", "A request for information inside the case.")
        if entry["true_kind"] == "complaint":
            self.escalate("complaint", "The constituent is dissatisfied with the service.")
        if "third_party_consent" in traps:
            self.record_consent(traps["third_party_consent"])
        self.verify(ref, traps)
        self.reply(traps)

    def log(self, entry: dict[str, Any], traps: dict[str, Any]) -> str:
        form = self.intake
        form.category.value = entry["category"]
        form.kind.value = entry["true_kind"]
        if "third_party_consent" in traps:
            looks = traps["third_party_consent"]["looks_like"]
            relationship, subject = (
                looks.split(" on behalf of ")[1].split(", who lives")[0].split(", ")
            )
            form.behalf_name.value = subject
            form.behalf_relationship.value = relationship.split()[-1]
        shown = self.ok(form, form.log_button)
        if "duplicate" in traps:
            reference = _reference(traps["duplicate"])
            assert reference in shown and "already open" in shown, shown
        return shown.split("Logged as case ")[1].split()[0].rstrip(".:,")

    def choose(self, ref: str) -> None:
        for form in (self.verification, self.contacts, self.dashboard, self.drafting):
            form.case.value = ref
        self.approval.case.value = ref

    def link_duplicate(self, ref: str, trap: dict[str, Any]) -> None:
        form = self.link
        reference = _reference(trap)
        form.case.value = ref
        offered = [value for _, value in form.other.options]
        assert reference in offered, offered
        form.other.value = reference
        form.reason.value = "The same problem, already raised with another member."
        self.ok(form, form.link_button)

    def escalate(self, route: str, reason: str) -> None:
        form = self.contacts
        form.e_route.value = route
        form.e_reason.value = reason
        self.ok(form, form.escalate_button)

    def record_consent(self, trap: dict[str, Any]) -> None:
        form = self.contacts
        subject = trap["looks_like"].split(", who lives")[0].split(", ")[-1]
        form.k_recipient.value = "council services"
        form.k_purpose.value = "to look into the problem on their behalf"
        form.k_evidence.value = "Signed consent form returned by post"
        form.k_given_by.value = subject
        self.ok(form, form.consent_button)

    def verify(self, ref: str, traps: dict[str, Any]) -> None:
        form = self.verification
        stale = traps.get("stale_information")
        topic = "address"
        if stale is not None:
            topic = stale["good"][0]["where"]["fact"]["in"][0]
        form.statement.value = "What the council's record says about this case"
        form.topic.value = topic
        self.ok(form, form.record_button)
        form.fact.value = form.fact.options[-1][1]
        form.source.value = "The council's record, checked with the service"
        form.result.value = "stale" if stale is not None else "discrepancy"
        form.found.value = "The record differs from what the constituent told us."
        form.resolution.value = "Used what the constituent told us, confirmed with the service."
        self.ok(form, form.check_button)

    def reply(self, traps: dict[str, Any]) -> None:
        form = self.drafting
        for key, control in form.extras.items():  # what the template asks the learner for
            control.value = f"I have looked into this for you ({key.replace('_', ' ')})."
        self.ok(form, form.template_button)
        extra = []
        if "wrong_ward_or_tier" in traps:
            signpost = traps["wrong_ward_or_tier"]["good"][1]["where"]["text"]["contains_any"][0]
            extra.append(f"This is for {signpost}, who can help; here is how to contact them.")
        if "predetermination" in traps:
            extra.append(
                "As a member of the planning committee I must keep an open mind until the "
                "committee hears the application. You can comment on it online."
            )
        lines = form.draft.value.rstrip("\n").split("\n")
        at = max(2, len(lines) - 3)
        form.draft.value = "\n".join([*lines[:at], "", *extra, "", *lines[at:]]) + "\n"
        self.ok(form, form.save_button)
        self.approval.draft.value = self.approval.draft.options[-1][1]
        assert "approved" in self.ok(self.approval, self.approval.submit_button)
        form.saved.value = form.saved.options[-1][1]
        form.final.value = "full"  # the learner says this is the full reply
        self.ok(form, form.send_button)


def _reference(trap: dict[str, Any]) -> str:
    return trap["good"][0]["explanation"].rsplit(" ", 1)[-1].rstrip(".")


@pytest.mark.parametrize("name", PACKS)
def test_every_trap_of_a_shipped_pack_is_workable_from_the_forms(tmp_path: Path, name: str):
    pack = tmp_path / f"{name}.json"
    shutil.copy(ROOT / "scenarios" / f"{name}.json", pack)
    key = json.loads((ROOT / "scenarios" / "keys" / f"{name}.key.json").read_text("utf-8"))
    new_workspace(tmp_path / "ws", pack=pack, learner="forms").close()
    learner = Learner(tmp_path / "ws", key)
    worked = 0
    for _ in range(MAX_DAYS):
        worked += learner.work_new_enquiries()
        if worked == len(key["cases"]):
            break
        learner.dashboard.days.value = 1
        learner.ok(learner.dashboard, learner.dashboard.advance_button)
    assert worked == len(key["cases"])
    with Workspace.open(tmp_path / "ws") as ws:
        report = coach(ws, key)
    planted = sum(len(c["traps"]) for c in key["cases"])
    assert len(report.traps) == planted
    assert all(t.status == "handled" for t in report.traps), report.text()
    kinds = {t.trap for t in report.traps}
    assert name != "standard" or len(kinds) == 10, kinds  # every kind of trap, somewhere
