"""Real-looking personal data planted in every field of a real-data workspace, and every
exported byte searched for it (issue 13, item 6): names and first names, partial
addresses, dates of birth and identifiers, in every file of the pack and its zip."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pytest

from casekit.casework.actions import Casework
from casekit.evidence.declaration import sign_declaration
from casekit.evidence.export import export_pack
from casekit.evidence.verify import verify_pack
from casekit.record.workspace import Workspace
from tests.approved import send_approved
from tests.worked import COUNCIL, START

CONSTITUENT = {
    "title": "Mrs",
    "name": "Bethany Rowe-Carter",
    "address": "Flat 2, 17 Larkspur Close, Shepshed",
    "postcode": "LE12 9XY",
    "email": "b.rowecarter@mailbox.example",
    "phone": "07700 900461",
}
RECORD = {
    "date_of_birth": "1958-07-03",
    "nino": "QQ123456C",
    "tenancy_ref": "HRA-0041772",
    "next_of_kin": "Harold Pennington",
}
# Every planted value, and the forms of it a careless pack would leak. The town alone
# (Shepshed) and the postcode's outward code (LE12) identify no one and may stay.
MUST_NOT_APPEAR = [
    "Bethany",
    "BETHANY",
    "Rowe-Carter",
    "ROWE-CARTER",
    "Rowe",
    "Carter",
    "Harold",
    "Pennington",
    "Larkspur",
    "17 Larkspur Close",
    "Flat 2",
    "LE12 9XY",
    "LE129XY",
    "rowecarter",
    "mailbox.example",
    "07700 900461",
    "07700900461",
    "900461",
    "1958-07-03",
    "03/07/1958",
    "3 July 1958",
    "3rd July 1958",
    "QQ123456C",
    "QQ 12 34 56 C",
    "0041772",
]


@pytest.fixture(scope="module")
def real_pack(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("planted")
    with Workspace.create(root / "ws", start=START, secret_seed="planted", synthetic=False) as ws:
        ws.append("council_defined", COUNCIL, actor="system")
        cw = Casework(ws)
        cw.record_learner_details(
            name="Sam Learner",
            registration="REG-0042",
            centre="Loughborough College",
            assessor="Pat Assessor",
        )
        ws.append(
            "inbox_item_delivered",
            {"item": "item-1", "timeline_item": "item-1", "channel": "email"},
            personal={
                "constituent": {**CONSTITUENT, "first": "Bethany", "surname": "Rowe-Carter"},
                "enquiry": "Bethany Rowe-Carter (born 3 July 1958) writes about damp.",
                "records": [
                    {
                        "id": "C001-R1",
                        "system": "Housing",
                        "type": "tenancy",
                        "as_of": "2026-02-01",
                        "fields": RECORD,
                    }
                ],
            },
            actor="system",
        )
        result = cw.receive_enquiry(
            constituent=CONSTITUENT,
            enquiry=(
                "Bethany writes from 17 Larkspur Close: the damp in Flat 2 is worse. Her NI "
                "number is QQ 12 34 56 C and her tenancy HRA 0041772; born 03/07/1958. Call "
                "07700900461 or b.rowecarter@mailbox.example. Her father Harold Pennington "
                "lives with her in Larkspur Close, LE129XY."
            ),
            category="housing",
            channel="email",
            member_id="M01",
            on_behalf_of={"name": "Harold Pennington", "relationship": "father"},
            inbox_item="item-1",
        )
        ref = result.case_ref
        fact = cw.record_fact(
            ref,
            "ROWE-CARTER reported the mould on 3rd July 1958's birthday",
            claimed_by="Bethany Rowe-Carter",
        )
        cw.verify_fact(
            ref,
            fact,
            source="Housing repairs system",
            result="confirmed",
            found="Tenancy HRA-0041772 at 17 Larkspur Close shows the repair.",
        )
        cw.log_contact(
            ref,
            channel="phone",
            direction="inbound",
            party="Harold Pennington",
            summary="Harold rang about Bethany's flat; QQ123456C confirmed.",
        )
        cw.record_consent(
            ref,
            recipient="Housing Repairs",
            purpose="Inspect the flat",
            evidence="Harold Pennington said yes by phone",
            given_by="Harold Pennington",
        )
        cw.refer_to_service(
            ref,
            service="housing-repairs",
            question="When will 17 Larkspur Close be inspected for Mrs Rowe?",
        )
        letter = (
            "Dear Bethany,\n\nThank you for telling me about the damp at Flat 2, 17 Larkspur "
            "Close. I raised it with Housing Repairs about tenancy HRA-0041772 and a surveyor "
            "will visit within 10 working days. If you need to, call me on 0116 496 0807.\n\n"
            "Kind regards,\nCouncillor Henry Moran"
        )
        # The planted real-looking data would make the simulated member return the draft;
        # this test is about what leaves in the pack, so the approval is logged directly.
        send_approved(ws, ref, letter, unverified_reason="")
        from casekit.evidence.reflection import record_reflection
        from tests.worked import _sections_for

        record_reflection(
            ws,
            model="gibbs",
            case_ref=ref,
            date=START.date(),
            criteria=["AC1"],
            sections=_sections_for(
                {
                    "d": "Bethany Rowe-Carter of Larkspur Close, born "
                    "1958-07-03, taught me to check QQ123456C first."
                }
            ),
        )
        sign_declaration(ws, "Sam Learner")
        export_pack(ws, root / "pack", zip_pack=True)
    return root / "pack"


def _every_byte(pack: Path) -> dict[str, str]:
    out = {
        p.relative_to(pack).as_posix(): p.read_bytes().decode("utf-8")
        for p in pack.rglob("*")
        if p.is_file()
    }
    with zipfile.ZipFile(pack.with_name("pack.zip")) as zf:
        for name in zf.namelist():
            out[f"pack.zip:{name}"] = zf.read(name).decode("utf-8")
    return out


def test_no_planted_value_survives_in_any_exported_byte(real_pack: Path) -> None:
    leaks = []
    for where, text in _every_byte(real_pack).items():
        for value in MUST_NOT_APPEAR:
            pattern = rf"(?<![A-Za-z0-9]){re.escape(value)}(?![A-Za-z0-9])"
            for match in re.finditer(pattern, text, flags=re.IGNORECASE):
                near = text[max(0, match.start() - 40) : match.end() + 40]
                leaks.append(f"{where}: {value!r} near {near!r}")
    assert not leaks, "\n".join(leaks[:20])


def test_the_pseudonymised_pack_still_reads_and_verifies(real_pack: Path) -> None:
    html = (real_pack / "index.html").read_text()
    assert "Constituent A" in html and "Person A" in html
    assert "Dear Constituent A" in html  # the greeting's first name, consistently
    assert "Sam Learner" in html and "Loughborough College" in html  # the learner's own
    result = verify_pack(real_pack)
    assert result.intact, result.problems
    assert result.manifest is not None and result.manifest["chain"]["sealed"] > 0
    assert "sealed (pseudonymised)" in result.text()
