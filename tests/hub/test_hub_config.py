"""casekit hub without a hub: the plan, the configuration, the pre-spawn hook's folders
and the classroom's actions, in plain pytest (the real hub is test_hub.py)."""

from __future__ import annotations

import json
import os
import stat
import sys
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from traitlets.config import Config

from casekit import api
from casekit.errors import CasekitError
from casekit.hub import classroom
from casekit.hub.config import render
from casekit.hub.hooks import prepare
from casekit.hub.plan import ACCOUNT, LEARNER_START_PAGE, hub_user, read_plan


@pytest.fixture
def made(tmp_path: Path):
    roster = tmp_path / "roster.csv"
    roster.write_text("learner_id,name\nAB1,Ann Bee\ncd2,Cee Dee\n")
    files = api.write_hub(
        tmp_path / "class", tutors=["Tut"], roster=roster, seed=3, cases=2, difficulty="intro"
    )
    return tmp_path, files


def test_the_class_folder_is_closed_and_the_plan_names_everyone(made) -> None:
    root, files = made
    plan = read_plan(files.plan)
    assert [(x.user, x.learner_id) for x in plan.learners] == [("ab1", "AB1"), ("cd2", "cd2")]
    assert plan.tutors == ("tut",)
    assert plan.start_page == LEARNER_START_PAGE
    for folder in ("", "hub", "tutor", "packs", "tutor/collected"):
        assert stat.S_IMODE((root / "class" / folder).stat().st_mode) == 0o700
    assert stat.S_IMODE(files.config.stat().st_mode) == 0o600


def test_the_configuration_runs_and_binds_to_localhost(made) -> None:
    _root, files = made
    c = Config()
    exec(compile(files.config.read_text(), str(files.config), "exec"), {"get_config": lambda: c})
    assert c.JupyterHub.ip == c.JupyterHub.hub_ip == "127.0.0.1"
    assert c.JupyterHub.services[0]["url"].startswith("http://127.0.0.1:")
    assert sorted(c.Authenticator.allowed_users) == ["ab1", "cd2", "tut"]
    roles = {r["name"]: r for r in c.JupyterHub.load_roles}
    assert roles["casekit-tutor"]["groups"] == ["tutor"]
    assert "custom:casekit:teach" not in roles["user"]["scopes"]  # learners cannot teach
    assert callable(c.Spawner.pre_spawn_hook)


def test_render_gives_the_golden_configuration_and_refuses_unknown_choices(made, golden) -> None:
    root, files = made
    plan = read_plan(files.plan)
    text = render(plan, files.plan).replace(str(root), "<class root>")
    golden("hub/jupyterhub_config.py.txt", text.replace(sys.executable, "<python>"))
    with pytest.raises(CasekitError, match="authenticator"):
        render(plan, files.plan, authenticator="nobody")
    with pytest.raises(CasekitError, match="spawner"):
        render(plan, files.plan, spawner="docker")


def test_a_tutor_who_is_also_a_learner_or_no_tutor_is_refused(tmp_path: Path, made) -> None:
    root, _files = made
    with pytest.raises(CasekitError, match="both a tutor and a learner"):
        api.write_hub(root / "class", tutors=["ab1"])
    with pytest.raises(CasekitError, match="at least one tutor"):
        api.write_hub(root / "class", tutors=[])
    with pytest.raises(CasekitError, match="no class packs"):
        api.write_hub(tmp_path / "empty", tutors=["t"])


@given(st.text(max_size=40))
def test_hub_names_are_valid_account_names_or_refused(name: str) -> None:
    try:
        user = hub_user(name)
    except CasekitError as err:
        assert err.field == "learner_id"
        return
    assert ACCOUNT.match(user) and user == user.lower() and len(user) <= 32


def test_prepare_gives_a_learner_their_own_pack_and_workspace_once(made, tmp_path) -> None:
    _root, files = made
    plan = read_plan(files.plan)
    home = tmp_path / "home-ab1"
    ready = prepare(plan, "ab1", home=home)
    workspace = Path(ready.environment["CASEKIT_WORKSPACE"])
    assert stat.S_IMODE(home.stat().st_mode) == 0o700
    assert stat.S_IMODE(workspace.stat().st_mode) == 0o700
    assert json.loads(Path(ready.environment["CASEKIT_PACK"]).read_text())["learner"] == "AB1"
    assert sorted(p.name for p in (home / "casekit" / "scenarios").iterdir()) == ["AB1.json"]
    with api.open_workspace(workspace) as ws:
        assert ws.created.data["learner"] == "AB1"
        first = ws.id
    assert ready.default_url.endswith(LEARNER_START_PAGE)
    prepare(plan, "ab1", home=home)  # a second spawn keeps the work
    with api.open_workspace(workspace) as ws:
        assert ws.id == first
    tutor = prepare(plan, "tut", home=tmp_path / "home-tut")
    assert tutor.default_url.endswith("classroom.ipynb")
    with pytest.raises(CasekitError, match="not a learner or tutor"):
        prepare(plan, "stranger", home=tmp_path / "x")


def test_the_classroom_advances_witnesses_and_takes_only_a_learners_own_pack(made, tmp_path):
    _root, files = made
    plan = read_plan(files.plan)
    homes = {u: tmp_path / f"home-{u}" for u in ("ab1", "cd2")}
    spaces = {
        u: Path(prepare(plan, u, home=h).environment["CASEKIT_WORKSPACE"]) for u, h in homes.items()
    }

    def locate(_plan, learner):
        return spaces.get(learner.user)

    moved = classroom.advance(plan, 1, locate=locate)
    assert moved["advanced"] == 2 and all(r["witnessed"] for r in moved["rows"])
    assert classroom.witness(plan, locate=locate)["witnessed"] == 2
    with api.open_workspace(spaces["ab1"]) as ws:
        api.sign_declaration(ws, "Ann Bee")
    pack = api.export_pack(spaces["ab1"], tmp_path / "pack", zip_pack=True).zip_path
    data = Path(pack).read_bytes()
    with pytest.raises(CasekitError, match="not from your own workspace"):
        classroom.receive(plan, "cd2", data, locate=locate)
    with pytest.raises(CasekitError, match="Only a learner"):
        classroom.receive(plan, "tut", data, locate=locate)
    with pytest.raises(CasekitError, match="at most"):
        classroom.receive(plan, "ab1", b"", locate=locate)
    got = classroom.receive(plan, "ab1", data, locate=locate)
    assert got["learner"] == "AB1" and "matches the tutor's ledger" in got["witness"]
    assert [e["file"] for e in classroom.collected(plan)] == ["AB1.zip"]
    review = classroom.review(plan)
    assert [r["needs_attention"] for r in review["rows"]] == [False]
    with pytest.raises(CasekitError):
        classroom.collected_file(plan, "../keys.zip")
    assert not list(plan.collected.glob(".incoming-*"))  # a refused pack leaves nothing


def test_off_the_hub_the_forms_say_so_and_calls_are_refused(monkeypatch) -> None:
    for name in ("CASEKIT_CLASSROOM_URL", "JUPYTERHUB_API_TOKEN", "CASEKIT_HUB_TOKEN"):
        monkeypatch.delenv(name, raising=False)
    assert api.on_class_hub() is False
    with pytest.raises(CasekitError, match="not connected"):
        api.classroom_connection()
    conn = api.classroom_connection("http://127.0.0.1:9", "t")
    assert conn.url == "http://127.0.0.1:9/services/classroom/"
    with pytest.raises(CasekitError, match="did not answer"):
        api.classroom_whoami(conn)
    assert os.environ.get("CASEKIT_CLASSROOM_URL") is None
