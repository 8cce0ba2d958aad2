"""The coaching form's report: every status, the evidence, and what the tutor should confirm."""

from __future__ import annotations

from casekit.feedback.coaching import CoachReport, ForReview, TrapResult, settings
from casekit.ui.coaching_step import STATUS_LEVEL, report_html


def test_the_report_shows_each_status_its_evidence_and_what_to_confirm() -> None:
    labels = settings()["status"]
    traps = [
        TrapResult(
            case="CK-0001",
            pack_case="C001",
            trap="third_party_consent",
            label="Third party without consent",
            status=status,
            explanation="Record the person's consent first.",
            source="DPA 2018 Sch. 1 para 23",
            criteria=("AC3",),
            details=("Not done: records the person's own consent.",),
            evidence=("Consent recorded as given by Melissa Richardson.",),
        )
        for status in labels
    ]
    review = ForReview(
        "approval-another-way",
        "Approval given another way: for your tutor to confirm",
        "CK-0001",
        "Draft D1 approved by phone: for your tutor to confirm.",
        "Member/officer protocol",
        "AC3",
        (4, 5),
    )
    html = report_html(CoachReport(traps=traps, for_review=[review]), labels)
    for label in labels.values():
        assert label in html
    assert "Consent recorded as given by Melissa Richardson." in html
    assert "Not done: records the person" in html
    assert "Approval given another way" in html and "Draft D1 approved by phone" in html
    assert set(STATUS_LEVEL) == set(labels)  # every status has a look in the form
