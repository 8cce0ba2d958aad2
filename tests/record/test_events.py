"""The event catalogue: what the log accepts, how the projection folds it, and the docs."""

from __future__ import annotations

import copy
import tomllib
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from casekit.errors import CasekitError
from casekit.record.audit import summarise
from casekit.record.events import CATALOGUE_PATH, catalogue, parse_catalogue
from casekit.record.events_doc import catalogue_markdown
from casekit.record.log import Event, NewEvent
from casekit.record.projection import _HANDLERS, NOT_FOLDED, State
from casekit.record.workspace import Workspace
from casekit.rules.criteria import load_criteria

ROOT = Path(__file__).resolve().parents[2]
CONTACT = {"channel": "phone", "direction": "inbound"}


def test_every_kind_is_folded_or_explicitly_not() -> None:
    kinds = set(catalogue().kinds)
    assert set(_HANDLERS) | NOT_FOLDED == kinds
    assert not set(_HANDLERS) & NOT_FOLDED


def test_the_criteria_file_names_only_catalogued_kinds() -> None:
    assert set(load_criteria().evidence) <= set(catalogue().kinds)


def test_draft_submitted_is_not_a_kind_nobody_emits() -> None:
    assert "draft_submitted" not in catalogue()


@pytest.mark.parametrize(
    ("kind", "data", "personal", "case", "actor", "words"),
    [
        ("contact_loged", CONTACT, {"party": "A"}, "CK-0001", "learner", "does not know"),
        (
            "contact_logged",
            {"channel": "phone"},
            {"party": "A"},
            "CK-0001",
            "learner",
            "'direction'",
        ),
        ("contact_logged", CONTACT, {}, "CK-0001", "learner", "personal value 'party'"),
        ("contact_logged", {**CONTACT, "n": 1}, {"party": "A"}, "CK-0001", "learner", "'n' is not"),
        ("contact_logged", CONTACT, {"party": "A"}, None, "learner", "names none"),
        (
            "clock_advanced",
            {"to": "2026-01-13T09:00"},
            None,
            "CK-0001",
            "system",
            "belongs to none",
        ),
        ("contact_logged", CONTACT, {"party": "A"}, "CK-0001", "member", "'member' cannot"),
    ],
)
def test_an_event_the_catalogue_does_not_describe_is_refused_and_nothing_written(
    workspace: Workspace, kind, data, personal, case, actor, words
) -> None:
    before = workspace.log.count()
    with pytest.raises(CasekitError) as err:
        workspace.append(kind, data, personal=personal, case=case, actor=actor)
    assert words in str(err.value) and err.value.rule == "event-catalogue"
    with pytest.raises(CasekitError):
        workspace.append_many(
            [
                NewEvent("clock_advanced", "2026-01-13T09:00", {"to": "2026-01-13T09:00"}),
                NewEvent(kind, "2026-01-13T09:00", data, case, actor, personal),
            ]
        )
    assert workspace.log.count() == before


def test_a_described_event_is_accepted(workspace: Workspace) -> None:
    event = workspace.append("contact_logged", CONTACT, case="CK-0001", personal={"party": "A"})
    assert event.kind == "contact_logged" and workspace.verify() == []


def test_the_projection_fails_loudly_on_a_kind_it_does_not_know(workspace: Workspace) -> None:
    # Only a log written by something else can hold one: plant it below the workspace.
    workspace.log.append(NewEvent("contact_logd", "2026-01-12T10:00", {}, "CK-0001"))
    workspace.forget_projection()
    with pytest.raises(CasekitError) as err:
        workspace.state()
    assert "contact_logd" in str(err.value)


def test_summaries_come_from_the_catalogue_and_survive_erasure() -> None:
    event = Event(
        seq=3,
        at="2026-01-12T10:00",
        kind="enquiry_received",
        case="CK-0001",
        actor="learner",
        data={"case_kind": "complaint", "category": "waste", "channel": "social_media"},
        personal=None,
        hash="",
        prev="",
        erased=True,
    )
    assert summarise(event) == "Complaint logged: Waste and bins, by social media"
    fact = Event(
        4,
        "2026-01-12T10:00",
        "fact_recorded",
        "CK-0001",
        "learner",
        {"fact_id": "F1"},
        None,
        "",
        "",
        erased=True,
    )
    assert summarise(fact) == "fact F1 recorded: [removed]"
    reply = Event(
        5,
        "x",
        "reply_sent",
        "CK-1",
        "learner",
        {"channel": "email", "final": False},
        {"text": "t"},
        "",
        "",
    )
    assert summarise(reply) == "reply sent"


def test_docs_events_md_is_current() -> None:
    on_disk = (ROOT / "docs" / "events.md").read_text(encoding="utf-8")
    assert on_disk == catalogue_markdown(), "run 'make docs' and commit docs/events.md"


def _raw() -> dict:
    return tomllib.loads(CATALOGUE_PATH.read_text(encoding="utf-8"))


def test_a_broken_catalogue_reports_every_problem_at_once() -> None:
    raw = _raw()
    raw["reply_sent"]["group"] = "letters"
    raw["reply_sent"]["summary"] = "reply {nope|shout}"
    raw["case_closed"]["actors"] = ["robot"]
    raw["case_closed"]["colour"] = "red"
    raw["Bad Kind"] = {}
    with pytest.raises(CasekitError) as err:
        parse_catalogue(raw)
    text = str(err.value)
    for words in (
        "reply_sent.group",
        "'nope', not a field",
        "unknown filter 'shout'",
        "unknown actor 'robot'",
        "case_closed.colour",
        "Bad Kind",
    ):
        assert words in text


@settings(max_examples=150, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    kind=st.sampled_from(sorted(_raw())),
    data=st.dictionaries(
        st.sampled_from(["channel", "direction", "fact_id", "to", "clock", "x", "text"]),
        st.one_of(st.text(max_size=5), st.integers(), st.none()),
        max_size=4,
    ),
    personal=st.one_of(
        st.none(), st.dictionaries(st.sampled_from(["party", "text", "name", "y"]), st.text())
    ),
    case=st.sampled_from([None, "CK-0001"]),
    actor=st.sampled_from(["learner", "system", "simulation", "member", "nobody"]),
)
def test_checking_any_event_either_passes_or_refuses_cleanly(
    kind, data, personal, case, actor
) -> None:
    try:
        catalogue().check(kind, data, personal, case, actor)
    except CasekitError as err:
        assert err.rule == "event-catalogue"


def test_parsing_never_crashes_on_a_mangled_catalogue() -> None:
    raw = _raw()
    for kind in list(raw)[:8]:
        broken = copy.deepcopy(raw)
        broken[kind] = {k: 7 for k in broken[kind]}
        with pytest.raises(CasekitError):
            parse_catalogue(broken)
    assert isinstance(State, type)
