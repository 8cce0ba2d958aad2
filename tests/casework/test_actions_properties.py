"""Property: any input to any workflow action either succeeds or raises CasekitError; a
refusal writes nothing, and the chain and the projection survive whatever was accepted."""

from __future__ import annotations

import inspect
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from casekit.casework.actions import Casework
from casekit.errors import CasekitError
from casekit.feedback.monitoring import deadline_rows
from casekit.record.workspace import Workspace
from casekit.rules.vocabulary import (
    CASE_KINDS,
    CATEGORIES,
    CHANNELS,
    DIRECTIONS,
    VERIFICATION_RESULTS,
)
from tests.approved import send_approved

ACTIONS = sorted(
    name
    for name, member in inspect.getmembers(Casework, inspect.isfunction)
    if not name.startswith("_")
)

COUNCIL = {
    "name": "Charnwood Borough Council",
    "tier": "district",
    "wards": [{"id": "hastings", "name": "Loughborough Hastings", "sectors": ["LE11 3"]}],
    "members": [{"id": "patel", "name": "Cllr Ada Patel", "wards": ["hastings"], "style": {}}],
    "services": [{"id": "repairs", "name": "Housing Repairs", "officer": "Sam Reed"}],
}

scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**6), max_value=10**6),
    st.floats(allow_nan=True),
    st.text(max_size=40),
    st.text(alphabet="\x00\n\t é😀", max_size=5),
    st.dates(min_value=date(1900, 1, 1), max_value=date(2100, 1, 1)),
    st.datetimes(min_value=datetime(1900, 1, 1), max_value=datetime(2100, 1, 1)),
)
anything = st.one_of(
    scalars,
    st.lists(scalars, max_size=3),
    st.dictionaries(st.text(max_size=8), scalars, max_size=3),
)
people = st.one_of(
    st.fixed_dictionaries(
        {"name": st.sampled_from(["Ann Smith", "Mary Smith", "Dee Wu"])},
        optional={
            "postcode": st.sampled_from(["LE11 3AB", "le113ab", "LE12 9ZZ"]),
            "relationship": st.sampled_from(["mother", "carer"]),
        },
    ),
    st.fixed_dictionaries(
        {},
        optional={
            key: anything
            for key in ("name", "postcode", "email", "phone", "address", "relationship")
        },
    ),
)
dates = st.one_of(
    st.sampled_from(["2025-12-19T10:00", "2026-01-20", "2026-02-30", "2027-06-01", "soon"]),
    st.dates(min_value=date(2025, 1, 1), max_value=date(2030, 1, 1)),
    st.dates(min_value=date(1900, 1, 1), max_value=date(2100, 1, 1)),
)

# Plausible values per parameter name, mixed with anything at all, so that both the
# accepting and the refusing paths are exercised.
POOLS: dict[str, st.SearchStrategy[Any]] = {
    "case_ref": st.sampled_from(["CK-0001", "CK-0002", "CK-0003", "CK-9999"]),
    "other": st.sampled_from(["CK-0001", "CK-0002", "CK-0003"]),
    "other_ref": st.sampled_from(["CK-0001", "CK-0002", "CK-0003"]),
    "channel": st.sampled_from(list(CHANNELS)),
    "direction": st.sampled_from(list(DIRECTIONS)),
    "category": st.sampled_from(list(CATEGORIES)),
    "case_kind": st.sampled_from(list(CASE_KINDS)),
    "clock": st.sampled_from(["acknowledge", "respond", "foi", "eir", "sar"]),
    "route_id": st.sampled_from(["information-request", "adult-safeguarding", "complaint"]),
    "service": st.sampled_from(["repairs", "parks"]),
    "member_id": st.sampled_from(["patel", "", "nobody"]),
    "result": st.sampled_from(list(VERIFICATION_RESULTS)),
    "fact_id": st.sampled_from(["F1", "F2", "F9"]),
    "received_at": dates,
    "new_date": dates,
    "today": dates,
    "working_days": st.integers(min_value=-3, max_value=25),
    "months": st.integers(min_value=-1, max_value=3),
    "constituent": people,
    "on_behalf_of": people,
    "completes": st.lists(st.sampled_from(["foi", "sar", "respond", "x"]), max_size=2),
    "given_by": st.sampled_from(["", "Mary Smith", "Ann Smith"]),
    "recipient": st.sampled_from(["Housing Repairs", "Midland Heart"]),
    "inbox_item": st.none(),
    "draft_id": st.none(),
    "final": st.booleans(),
}
TEXT = st.one_of(
    st.sampled_from(["Waiting for the survey", "Ann Smith"]), st.text(min_size=1, max_size=30)
)


def _arguments(params: list[inspect.Parameter], wild: bool) -> st.SearchStrategy[Any]:
    """Keyword arguments: plausible values only, or (wild) any value for any argument."""

    def one(name: str) -> st.SearchStrategy[Any]:
        pool = POOLS.get(name, TEXT)
        return st.one_of(pool, pool, anything) if wild else pool

    required = [p.name for p in params if p.default is inspect.Parameter.empty]
    optional = [p.name for p in params if p.default is not inspect.Parameter.empty]
    return st.fixed_dictionaries(
        {n: one(n) for n in required}, optional={n: one(n) for n in optional}
    )


def _seeded(path: Path) -> tuple[Workspace, Casework]:
    """A workspace with an open case, a case for someone else, a closed case and facts."""
    ws = Workspace.create(path, start=datetime(2025, 12, 19, 10, 0), secret_seed="props")
    ws.append("council_defined", COUNCIL, actor="system")
    cw = Casework(ws)
    person = {"name": "Ann Smith", "postcode": "LE11 3AB"}
    one = cw.receive_enquiry(
        constituent=person, enquiry="Damp", category="housing", member_id="patel"
    ).case_ref
    cw.record_fact(one, "Reported in November")
    cw.receive_enquiry(
        constituent={"name": "Bob Jones"},
        enquiry="For my mother",
        category="housing",
        member_id="patel",
        on_behalf_of={"name": "Mary Smith", "relationship": "mother"},
    )
    three = cw.receive_enquiry(
        constituent={"name": "Cy Lee"}, enquiry="Bins", category="waste", member_id="patel"
    ).case_ref
    send_approved(ws, three, "Collected")
    cw.close(three, outcome="done")
    return ws, cw


@pytest.mark.parametrize("action", ACTIONS)
def test_any_input_succeeds_or_is_refused_writing_nothing(
    tmp_path_factory: pytest.TempPathFactory, action: str
) -> None:
    ws, cw = _seeded(tmp_path_factory.mktemp(action) / "ws")
    method = getattr(cw, action)
    params = [
        p
        for p in inspect.signature(method).parameters.values()
        if p.kind not in (p.VAR_POSITIONAL, p.VAR_KEYWORD)
    ]
    plausible = _arguments(params, wild=False)
    arguments = st.one_of(plausible, plausible, _arguments(params, wild=True))

    @settings(
        max_examples=40,
        deadline=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
    )
    @given(kwargs=arguments)
    def check(kwargs: dict[str, Any]) -> None:
        before = ws.log.head()
        try:
            method(**kwargs)
            event("accepted")
        except CasekitError as err:
            event("refused")
            assert str(err)
            assert ws.log.head() == before, "a refusal wrote something"
        assert ws.verify() == []
        state = ws.state()
        assert state.seq == ws.log.head()[0]
        deadline_rows(state, date(2026, 1, 12))  # whatever was accepted can be shown

    try:
        check()
    finally:
        ws.close()
