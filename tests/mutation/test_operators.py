"""The mutants made from a file: each kind of change, what is never changed, and keys
that name a mutant independently of its line."""

from __future__ import annotations

import ast
import textwrap

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.mutation.operators import mutants_of


def _mutations(source: str) -> list[str]:
    return [m.mutation for m in mutants_of(textwrap.dedent(source), "m.py")]


def _applied(source: str) -> dict[str, str]:
    return {m.mutation: m.source for m in mutants_of(textwrap.dedent(source), "m.py")}


def test_each_kind_of_change_is_made():
    found = _mutations(
        """
        def f(a, b, items):
            if a < b and not items:
                return a + b
            for x in items:
                if x is None:
                    continue
                a -= x
            return max(a, b)
        """
    )
    assert found == [
        "`a < b and (not items)` -> `a < b or not items`",
        "`a < b` -> `a <= b`",
        "`not items` -> `items`",
        "`return a + b` -> `return None`",
        "`a + b` -> `a - b`",
        "`x is None` -> `x is not None`",
        "`continue` -> `break`",
        "`a -= x` -> `a += x`",
        "removed `a -= x`",
        "`return max(a, b)` -> `return None`",
        "`max(a, b)` -> `min(a, b)`",
    ]


def test_constants_are_changed_and_say_where_they_sit():
    found = _mutations(
        """
        LIMIT = 20
        def f(x, flag=True):
            return x.get("days", 1.5)
        """
    )
    assert found == [
        "`20` -> `21`",
        "`True` -> `False`",
        "`return x.get('days', 1.5)` -> `return None`",
        "`'days'` -> `'XXdaysXX'` in `x.get('days', 1.5)`",
        "`1.5` -> `2.5` in `x.get('days', 1.5)`",
    ]


def test_statements_removed_are_those_that_leave_runnable_code():
    found = _mutations(
        """
        def f(self, d):
            self.seen = 1
            d["k"] = 2
            local = 3
            print(local)
            assert local
            del d["k"]
            raise ValueError
        """
    )
    removed = [m for m in found if m.startswith("removed")]
    assert removed == [
        "removed `self.seen = 1`",
        "removed `d['k'] = 2`",
        "removed `print(local)`",
        "removed `assert local`",
        "removed `del d['k']`",
        "removed `raise ValueError`",
    ]


def test_docstrings_annotations_and_unreachable_blocks_are_not_mutated():
    found = _mutations(
        '''
        """Module docstring."""
        from typing import TYPE_CHECKING
        if TYPE_CHECKING:
            X = 1
        def f(a: "Thing" = None) -> "Other":
            """Docstring."""
            y: "Ann" = a
            return y
        class C:
            """Class docstring."""
        Z = 5  # pragma: no mutate
        if __name__ == "__main__":
            print(2)
        '''
    )
    assert found == ["`return y` -> `return None`"]


def test_an_fstring_is_marked_once():
    found = _mutations(
        """
        def f(n):
            return f"{n + 1} days"
        """
    )
    assert "`f'{n + 1} days'` -> `f'XX{n + 1} days'`" in found
    assert "`n + 1` -> `n - 1`" in found


def test_a_mutant_changes_only_its_node_and_keeps_line_numbers():
    source = textwrap.dedent(
        """
        def f(a, b):
            # a comment that unparsing would lose
            total = a + b
            return total <= 10
        """
    )
    mutant = next(m for m in mutants_of(source, "m.py") if m.mutation == "`a + b` -> `a - b`")
    assert mutant.line == 4
    assert mutant.source == source.replace("a + b", "(a - b)")


def test_a_removed_statement_leaves_pass_in_its_place():
    applied = _applied(
        """
        def f(log):
            log.append(1)
        """
    )
    assert applied["removed `log.append(1)`"] == "\ndef f(log):\n    pass\n"


def test_keys_do_not_depend_on_lines_and_tell_repeats_apart():
    source = "def f(a):\n    return a + 1 + 1\n"
    moved = "import os\n\n\n" + source
    keys = [m.key for m in mutants_of(source, "m.py")]
    assert keys == [m.key for m in mutants_of(moved, "m.py")]
    assert len(keys) == len(set(keys))
    assert "m.py | f | `1` -> `2` in `a + 1` " not in keys
    assert any(k.endswith("#2") for k in keys) is False  # different contexts, no repeat
    repeated = [m.key for m in mutants_of("def g(a):\n    a.x(1)\n    a.x(1)\n", "m.py")]
    assert "m.py | g | `1` -> `2` in `a.x(1)` #2" in repeated


def test_methods_name_their_class():
    keys = [m.key for m in mutants_of("class C:\n    def m(self):\n        return 1\n", "c.py")]
    assert keys == [
        "c.py | C.m | `return 1` -> `return None`",
        "c.py | C.m | `1` -> `2`",
    ]


EXPRESSIONS = st.sampled_from(
    [
        "a + b * c",
        "(a - b) // c % 7",
        "a < b <= c",
        "not (a and b or c)",
        "-a if b else c ** 2",
        "[x for x in a if x not in b]",
        "{'k': a, 'j': f'{b!r}:{c:>4}'}",
        "min(a, key=lambda v: -v)",
    ]
)


@given(EXPRESSIONS, st.integers(min_value=0, max_value=3))
def test_every_mutant_parses_and_differs_from_the_original(expression, indent):
    body = textwrap.indent(f"x = {expression}\nreturn x\n", " " * (4 + indent))
    source = "def f(a, b, c):\n" + ("    if a:\n" if indent else "") + body
    if indent:
        source = source.replace(" " * (4 + indent), " " * 8)
    original = ast.dump(ast.parse(source))
    for mutant in mutants_of(source, "m.py"):
        assert ast.dump(ast.parse(mutant.source)) != original, mutant.mutation


@pytest.mark.parametrize(
    ("source", "mutation"),
    [
        ("x = a // b", "`a // b` -> `a / b`"),
        ("x = a % b", "`a % b` -> `a // b`"),
        ("x = a ** b", "`a ** b` -> `a * b`"),
        ("x = a | b", "`a | b` -> `a & b`"),
        ("x = a in b", "`a in b` -> `a not in b`"),
        ("x = a != b", "`a != b` -> `a == b`"),
        ("x = a >= b", "`a >= b` -> `a > b`"),
        ("x = any(a)", "`any(a)` -> `all(a)`"),
        ("x = b''", "`b''` -> `b'XXXX'`"),
    ],
)
def test_operator_swaps(source, mutation):
    assert mutation in _mutations(source)
