"""The mutation runner on a tiny project of its own: a mutant the tests catch is killed,
one they miss survives, one that never ends times out, each in a fresh process, and the
project copy is left as it was."""

from __future__ import annotations

import sys
import textwrap
from pathlib import Path

import pytest

from tests.mutation.operators import mutants_of
from tests.mutation.plan import Equivalent, Plan, Target, load_equivalents, plan, stale_equivalents
from tests.mutation.report import module_rows, render
from tests.mutation.runner import Copies, Project, check_isolation, run_all

pytestmark = pytest.mark.slow

MODULE = '''\
"""A module to mutate."""

_seen = []


def add(a, b):
    return a + b


def countdown(n):
    while n > 0:
        n -= 1
    return n


def remember(x):
    _seen.append(x)  # state a mutant run could inherit if processes were reused
    return len(_seen)
'''
TESTS = """\
from pkg.mod import add, countdown, remember


def test_add():
    assert add(2, 3) == 5


def test_countdown():
    assert countdown(3) == 0


def test_remember():
    assert isinstance(remember("x"), int)
"""


@pytest.fixture
def project(tmp_path: Path) -> Project:
    root = tmp_path / "proj"
    (root / "pkg").mkdir(parents=True)
    (root / "pkg" / "__init__.py").write_text("")
    (root / "pkg" / "mod.py").write_text(MODULE)
    (root / "tests").mkdir()
    (root / "tests" / "test_mod.py").write_text(TESTS)
    (root / "pyproject.toml").write_text("[tool.pytest.ini_options]\n")
    return Project(root, python=sys.executable)


def _mutant(mutation: str):
    return next(m for m in mutants_of(MODULE, "pkg/mod.py") if m.mutation == mutation)


def test_killed_survived_and_timed_out_mutants(project: Project) -> None:
    copies = Copies(project, 2)
    try:
        check_isolation(project, copies.paths[0], "pkg")
        jobs = [
            (_mutant("`a + b` -> `a - b`"), ["tests/test_mod.py"], 20.0),
            (_mutant("`n -= 1` -> `n += 1`"), ["tests/test_mod.py"], 3.0),
            (_mutant("`return len(_seen)` -> `return None`"), ["tests/test_mod.py"], 20.0),
            (_mutant("removed `_seen.append(x)`"), ["tests/test_mod.py"], 20.0),
        ]
        results = run_all(project, jobs, 2, copies)
        assert [r.status for r in results] == ["killed", "timeout", "killed", "survived"]
        for copy in copies.paths:  # each copy is back to the original text
            assert (copy / "pkg" / "mod.py").read_text() == MODULE
    finally:
        copies.remove()
    assert all(not path.exists() for path in copies.paths)


def test_a_package_imported_from_outside_the_copy_is_refused(project: Project) -> None:
    copies = Copies(project, 1)
    try:
        with pytest.raises(RuntimeError, match="not from the copy"):
            check_isolation(project, copies.paths[0], "pytest")
    finally:
        copies.remove()


def test_equivalent_mutants_are_left_out_of_the_score(project: Project, tmp_path: Path) -> None:
    target = Target("pkg/mod.py", ("tests/test_mod.py",))
    survivor = _mutant("removed `_seen.append(x)`")
    equivalents = {survivor.key: Equivalent(survivor.key, "only the count's size is tested")}
    made = plan(project.root, target, equivalents, 0, "s")
    assert made.equivalent == [(survivor, "only the count's size is tested")]
    assert survivor not in made.to_run
    copies = Copies(project, 1)
    try:
        killed = _mutant("`a + b` -> `a - b`")
        jobs = [(m, list(target.tests), 20.0) for m in [killed, survivor]]
        results = run_all(project, jobs, 1, copies)
    finally:
        copies.remove()
    (row,) = module_rows([made], results, equivalents)
    assert (row.mutants, row.equivalent, row.run) == (len(made.made), 1, 1)
    assert (row.killed, row.survived, row.score) == (1, 0, 100.0)
    text = render([row], results, equivalents, 90.0)
    assert f"pkg/mod.py:{survivor.line}" in text
    assert "[equivalent: only the count's size is tested]" in text


def test_the_sample_is_seeded_and_its_size_configurable(project: Project) -> None:
    target = Target("pkg/mod.py", ("tests/test_mod.py",))
    first = plan(project.root, target, {}, 4, "seed-a")
    assert len(first.to_run) == 4
    assert first.to_run == plan(project.root, target, {}, 4, "seed-a").to_run
    others = {
        tuple(m.key for m in plan(project.root, target, {}, 4, f"s{n}").to_run) for n in range(6)
    }
    assert len(others) > 1
    assert len(plan(project.root, target, {}, 0, "x").to_run) == len(first.made)
    own = Target("pkg/mod.py", ("tests/test_mod.py",), sample=2)
    assert len(plan(project.root, own, {}, 4, "x").to_run) == 2


def test_the_equivalent_list_must_give_reasons(tmp_path: Path) -> None:
    listed = tmp_path / "eq.toml"
    listed.write_text('[[mutant]]\nfile = "a.py"\nscope = "f"\nmutation = "`1` -> `2`"\n')
    with pytest.raises(ValueError, match="reason"):
        load_equivalents(listed)
    listed.write_text(
        '[[mutant]]\nfile = "a.py"\nscope = "f"\nmutation = "`1` -> `2`"\noccurrence = 2\n'
        'reason = "r"\n'
    )
    assert list(load_equivalents(listed)) == ["a.py | f | `1` -> `2` #2"]


def test_stale_entries_are_found() -> None:
    made = mutants_of(textwrap.dedent(MODULE), "pkg/mod.py")
    p = Plan(Target("pkg/mod.py", ()), made, [], made)
    listed = {
        made[0].key: Equivalent(made[0].key, "r"),
        "pkg/mod.py | add | gone": Equivalent("pkg/mod.py | add | gone", "r"),
        "other.py | f | x": Equivalent("other.py | f | x", "not planned, not judged"),
    }
    assert stale_equivalents([p], listed) == ["pkg/mod.py | add | gone"]
