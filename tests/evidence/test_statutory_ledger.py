"""The evidence pack explains statutory deadlines day by day ("why this date?")."""

from __future__ import annotations

from pathlib import Path

from casekit.casework.actions import Casework
from casekit.evidence.export import export_pack
from casekit.evidence.render import case_view
from tests.worked import worked_workspace


def test_a_statutory_clock_carries_its_ledger_into_the_pack(tmp_path: Path) -> None:
    with worked_workspace(tmp_path / "ws", cases=1) as ws:
        ref = next(iter(ws.state().cases))
        Casework(ws).reopen(ref, reason="The constituent's letter also asked for information.")
        Casework(ws).start_clock(ref, "foi")
        Casework(ws).escalate(
            ref, route_id="information-request", reason="FOI passed to information governance"
        )
        Casework(ws).close(ref, outcome="FOI with information governance; repair answered")
        view = case_view(ws.state(), ref)
        by_id = {c["id"]: c for c in view["clocks"]}
        assert by_id["respond"]["ledger"] is None  # service levels: the table says enough
        ledger = by_id["foi"]["ledger"]
        assert ledger["counted"] == ledger["length"] == 20
        assert ledger["received"] == "2026-03-02 09:00"
        assert any("Northern Ireland" in d["reason"] for d in ledger["days"])  # 17 March
        assert "FOIA 2000 s10(1) and s10(6)" in ledger["sources"]
        result = export_pack(ws, tmp_path / "pack")
    html = (result.folder / "index.html").read_text(encoding="utf-8")
    assert f'id="ledger-{ref}-foi"' in html
    assert "Why 2026-03-31?" in html and "20 of 20 days counted" in html
