"""Mutants of one Python source file, made on its syntax tree.

Each mutant is one small change a slip of the keyboard could make: an operator swapped,
a comparison's boundary moved or negated, a constant changed, ``and`` for ``or``, a
``not`` dropped, a function returning ``None``, a statement removed. A mutant is applied
by replacing the source text of the changed node (so line numbers stay true for the
report) and is checked by parsing the result back: the text must give exactly the
mutated tree, or the mutant is made from the whole tree instead.

Code that cannot run under the tests is not mutated: docstrings, annotations (this
project's modules use ``from __future__ import annotations``), ``if TYPE_CHECKING:`` and
``if __name__ == "__main__":`` blocks, and any line marked ``# pragma: no mutate``.
"""

from __future__ import annotations

import ast
import copy
from collections.abc import Callable, Iterator
from dataclasses import dataclass

NO_MUTATE = "pragma: no mutate"
# The mutated code shown in a key is cut here (an occurrence number keeps keys apart).
KEY_WIDTH = 160

BINARY_SWAPS: dict[type[ast.operator], type[ast.operator]] = {
    ast.Add: ast.Sub,
    ast.Sub: ast.Add,
    ast.Mult: ast.Div,
    ast.Div: ast.Mult,
    ast.FloorDiv: ast.Div,
    ast.Mod: ast.FloorDiv,
    ast.Pow: ast.Mult,
    ast.LShift: ast.RShift,
    ast.RShift: ast.LShift,
    ast.BitAnd: ast.BitOr,
    ast.BitOr: ast.BitAnd,
    ast.BitXor: ast.BitAnd,
    ast.MatMult: ast.Mult,
}
COMPARE_SWAPS: dict[type[ast.cmpop], type[ast.cmpop]] = {
    ast.Lt: ast.LtE,
    ast.LtE: ast.Lt,
    ast.Gt: ast.GtE,
    ast.GtE: ast.Gt,
    ast.Eq: ast.NotEq,
    ast.NotEq: ast.Eq,
    ast.In: ast.NotIn,
    ast.NotIn: ast.In,
    ast.Is: ast.IsNot,
    ast.IsNot: ast.Is,
}
NAME_SWAPS = {"min": "max", "max": "min", "any": "all", "all": "any"}


@dataclass(frozen=True)
class Mutant:
    """One change to one file.

    ``scope`` (the enclosing function or class, ``<module>`` at top level) and
    ``mutation`` (what was changed, as code) name the mutant independently of line
    numbers, so the list of equivalent mutants survives edits elsewhere in the file;
    ``occurrence`` tells apart identical changes in the same scope.
    """

    path: str
    line: int
    scope: str
    mutation: str
    occurrence: int
    source: str  # the whole mutated file

    @property
    def key(self) -> str:
        suffix = f" #{self.occurrence}" if self.occurrence > 1 else ""
        return f"{self.path} | {self.scope} | {self.mutation}{suffix}"


@dataclass
class _Change:
    """A change found in the original tree, to be made on a copy: ``apply`` gets the
    copied node and returns the node that replaces it (or None to remove a statement)."""

    node: ast.AST
    scope: str
    label: str
    apply: Callable[[ast.AST], ast.AST | None]


def mutants_of(source: str, path: str) -> list[Mutant]:
    """Every mutant of ``source`` (the text of the file at ``path``), in source order."""
    tree = ast.parse(source)
    lines = source.splitlines(keepends=True)
    skip = _lines_not_mutated(tree, lines)
    changes = [c for c in _changes(tree, skip) if c.node.lineno not in skip]
    slots = _slots(tree)
    result: list[Mutant] = []
    seen: dict[tuple[str, str], int] = {}
    for change in changes:
        mutated = _apply(source, tree, slots, change)
        if mutated is None:
            continue
        label = _short(change.label)
        seen[(change.scope, label)] = occurrence = seen.get((change.scope, label), 0) + 1
        result.append(Mutant(path, change.node.lineno, change.scope, label, occurrence, mutated))
    return result


def _short(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= KEY_WIDTH else text[: KEY_WIDTH - 1] + "…"


# ---------------------------------------------------------------------- what is skipped


def _lines_not_mutated(tree: ast.Module, lines: list[str]) -> set[int]:
    """Line numbers of code that never runs under the tests or is marked not to mutate."""
    skip = {n for n, text in enumerate(lines, start=1) if NO_MUTATE in text}
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and (_is_type_checking(node.test) or _is_main(node.test)):
            skip.update(range(node.lineno, (node.end_lineno or node.lineno) + 1))
    return skip


def _is_type_checking(test: ast.expr) -> bool:
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _is_main(test: ast.expr) -> bool:
    return (
        isinstance(test, ast.Compare)
        and isinstance(test.left, ast.Name)
        and test.left.id == "__name__"
        and any(isinstance(c, ast.Constant) and c.value == "__main__" for c in test.comparators)
    )


def _docstrings(tree: ast.Module) -> set[int]:
    """ids of the string constants that are docstrings."""
    found: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef):
            body = node.body
            if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
                found.add(id(body[0].value))
    return found


def _annotations(tree: ast.Module) -> set[int]:
    """ids of every node inside an annotation (never evaluated here)."""
    roots: list[ast.AST] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.arg) and node.annotation is not None:
            roots.append(node.annotation)
        elif isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef) and node.returns:
            roots.append(node.returns)
        elif isinstance(node, ast.AnnAssign):
            roots.append(node.annotation)
    return {id(inner) for root in roots for inner in ast.walk(root)}


# ---------------------------------------------------------------------- finding changes


def _changes(tree: ast.Module, skip: set[int]) -> Iterator[_Change]:
    docstrings = _docstrings(tree)
    annotations = _annotations(tree)
    in_fstring = {
        id(inner)
        for node in ast.walk(tree)
        if isinstance(node, ast.JoinedStr)
        for inner in ast.walk(node)
        if inner is not node and isinstance(inner, ast.Constant)
    }
    found: list[_Change] = []

    def visit(node: ast.AST, scope: str, parent: ast.AST | None = None) -> None:
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
            inner = node.name if scope == "<module>" else f"{scope}.{node.name}"
            for child in node.decorator_list:
                visit(child, scope)
            if not isinstance(node, ast.ClassDef):
                for default in [*node.args.defaults, *node.args.kw_defaults]:
                    if default is not None:
                        visit(default, scope)
            else:
                for base in [*node.bases, *node.keywords]:
                    visit(base, scope)
            for stmt in node.body:
                visit(stmt, inner)
            return
        if id(node) in annotations:
            return
        context = parent if isinstance(parent, ast.expr | ast.keyword) else None
        found.extend(_node_changes(node, scope, docstrings, in_fstring, context))
        for child in ast.iter_child_nodes(node):
            visit(child, scope, node)

    for stmt in tree.body:
        visit(stmt, "<module>")
    found.sort(key=lambda c: (c.node.lineno, c.node.col_offset))
    return iter(found)


def _code(node: ast.AST) -> str:
    return ast.unparse(node)


def _node_changes(
    node: ast.AST,
    scope: str,
    docstrings: set[int],
    in_fstring: set[int],
    parent: ast.AST | None,
) -> Iterator[_Change]:
    """The changes made at ``node``; ``parent`` (an enclosing expression) names where a
    constant sits, so that ``1 -> 2`` says which ``1``."""
    if isinstance(node, ast.BinOp | ast.AugAssign) and type(node.op) in BINARY_SWAPS:
        new = BINARY_SWAPS[type(node.op)]

        def swap_op(n: ast.AST, new: type[ast.operator] = new) -> ast.AST:
            n.op = new()  # type: ignore[attr-defined]
            return n

        yield _Change(node, scope, _label(node, swap_op), swap_op)
    if isinstance(node, ast.Compare):
        for i, op in enumerate(node.ops):
            if type(op) in COMPARE_SWAPS:

                def swap_cmp(n: ast.AST, i: int = i) -> ast.AST:
                    n.ops[i] = COMPARE_SWAPS[type(n.ops[i])]()  # type: ignore[attr-defined]
                    return n

                yield _Change(node, scope, _label(node, swap_cmp), swap_cmp)
    if isinstance(node, ast.BoolOp):

        def swap_bool(n: ast.AST) -> ast.AST:
            n.op = ast.Or() if isinstance(n.op, ast.And) else ast.And()  # type: ignore[attr-defined]
            return n

        yield _Change(node, scope, _label(node, swap_bool), swap_bool)
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.Not | ast.USub | ast.Invert):
        yield _Change(node, scope, _label(node, lambda n: n.operand), lambda n: n.operand)  # type: ignore[attr-defined]
    if isinstance(node, ast.JoinedStr):

        def mark_fstring(n: ast.AST) -> ast.AST:
            n.values.insert(0, ast.Constant("XX"))  # type: ignore[attr-defined]
            return n

        yield _Change(node, scope, _label(node, mark_fstring), mark_fstring)
    if isinstance(node, ast.Constant) and id(node) not in docstrings and id(node) not in in_fstring:
        change = _constant_change(node.value)
        if change is not None:

            def set_constant(n: ast.AST, change: Callable[[object], object] = change) -> ast.AST:
                return ast.Constant(change(n.value))  # type: ignore[attr-defined]

            label = _label(node, set_constant)
            if parent is not None:
                label += f" in `{_code(parent)}`"
            yield _Change(node, scope, label, set_constant)
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
        other = NAME_SWAPS.get(node.func.id)
        if other is not None:

            def swap_name(n: ast.AST, other: str = other) -> ast.AST:
                n.func = ast.Name(other, ast.Load())  # type: ignore[attr-defined]
                return n

            yield _Change(node, scope, _label(node, swap_name), swap_name)
    if (
        isinstance(node, ast.Return)
        and node.value is not None
        and not (isinstance(node.value, ast.Constant) and node.value.value is None)
    ):

        def return_none(n: ast.AST) -> ast.AST:
            n.value = ast.Constant(None)  # type: ignore[attr-defined]
            return n

        yield _Change(node, scope, _label(node, return_none), return_none)
    if isinstance(node, ast.Break | ast.Continue):
        other_stmt = ast.Continue() if isinstance(node, ast.Break) else ast.Break()
        yield _Change(
            node, scope, f"`{_code(node)}` -> `{_code(other_stmt)}`", lambda n: other_stmt
        )
    if _removable(node, docstrings):
        yield _Change(node, scope, f"removed `{_code(node)}`", lambda n: None)


def _constant_change(value: object) -> Callable[[object], object] | None:
    if isinstance(value, bool):
        return lambda v: not v
    if isinstance(value, int | float) and not isinstance(value, bool):
        return lambda v: v + 1  # type: ignore[operator]
    if isinstance(value, str):
        return lambda v: f"XX{v}XX"
    if isinstance(value, bytes):
        return lambda v: b"XX" + v + b"XX"  # type: ignore[operator]
    return None


def _removable(node: ast.AST, docstrings: set[int]) -> bool:
    """Statements whose removal leaves valid code that runs on: calls made for their
    effect, raises, asserts, deletions, augmented assignments and stores into an
    attribute or an item (a plain name's assignment would only raise NameError)."""
    if isinstance(node, ast.Expr):
        return id(node.value) not in docstrings and not isinstance(node.value, ast.Constant)
    if isinstance(node, ast.Raise | ast.Assert | ast.Delete | ast.AugAssign):
        return True
    if isinstance(node, ast.Assign | ast.AnnAssign):
        targets = node.targets if isinstance(node, ast.Assign) else [node.target]
        return node.value is not None and all(
            isinstance(t, ast.Attribute | ast.Subscript) for t in targets
        )
    return False


def _label(node: ast.AST, change: Callable[[ast.AST], ast.AST | None]) -> str:
    before = _code(node)
    after = change(copy.deepcopy(node))
    return f"`{before}` -> `{_code(after) if after is not None else ''}`"


# ---------------------------------------------------------------------- applying a change

_Slot = tuple[ast.AST, str, int | None]  # parent, field, index in a list field


def _slots(tree: ast.Module) -> dict[int, _Slot]:
    """Where each node sits in its parent, by the node's id."""
    found: dict[int, _Slot] = {}
    for parent in ast.walk(tree):
        for name, value in ast.iter_fields(parent):
            if isinstance(value, list):
                for i, item in enumerate(value):
                    if isinstance(item, ast.AST):
                        found[id(item)] = (parent, name, i)
            elif isinstance(value, ast.AST):
                found[id(value)] = (parent, name, None)
    return found


def _put(slot: _Slot, node: ast.AST) -> None:
    parent, name, index = slot
    if index is None:
        setattr(parent, name, node)
    else:
        getattr(parent, name)[index] = node


def _statement(node: ast.AST, slots: dict[int, _Slot]) -> ast.stmt:
    while not isinstance(node, ast.stmt):
        node = slots[id(node)][0]
    return node


def _apply(source: str, tree: ast.Module, slots: dict[int, _Slot], change: _Change) -> str | None:
    """The mutated file's text, or None when the change gives code that cannot compile.

    The change is made in place on ``tree`` (and undone): the spliced text must parse to
    the mutated statement at the same place, else the whole mutated tree is unparsed.
    """
    node = change.node
    slot = slots[id(node)]
    replacement = change.apply(copy.deepcopy(node))
    _put(slot, replacement if replacement is not None else ast.Pass())
    try:
        if isinstance(node, ast.stmt):
            statement, where = _placed(slot), (node.lineno, node.col_offset)
        else:
            statement = _statement(slot[0], slots)
            where = (statement.lineno, statement.col_offset)
        text = _splice(source, node, replacement)
        if text is not None and _same_statement(text, where, statement):
            return text
        text = ast.unparse(tree)  # positions were not exact (e.g. inside an f-string)
        try:
            compile(text, "<mutant>", "exec")
        except SyntaxError:
            return None
        return text
    finally:
        _put(slot, node)


def _placed(slot: _Slot) -> ast.stmt:
    parent, name, index = slot
    value = getattr(parent, name)
    placed = value[index] if index is not None else value
    assert isinstance(placed, ast.stmt)
    return placed


def _same_statement(text: str, where: tuple[int, int], statement: ast.stmt) -> bool:
    """Whether ``text`` parses with ``statement`` (as mutated) at ``where``."""
    try:
        parsed = ast.parse(text)
    except SyntaxError:
        return False
    expected = ast.dump(statement)
    return any(
        isinstance(other, ast.stmt)
        and (other.lineno, other.col_offset) == where
        and type(other) is type(statement)
        and ast.dump(other) == expected
        for other in ast.walk(parsed)
    )


def _splice(source: str, node: ast.AST, replacement: ast.AST | None) -> str | None:
    end_line, end_col = node.end_lineno, node.end_col_offset
    if end_line is None or end_col is None:
        return None
    lines = source.splitlines(keepends=True)
    start = _offset(lines, node.lineno, node.col_offset)
    end = _offset(lines, end_line, end_col)
    if replacement is None or isinstance(replacement, ast.stmt):
        new_text = "pass" if replacement is None else _code(replacement)
    else:
        new_text = f"({_code(replacement)})"
    return source[:start] + new_text + source[end:]


def _offset(lines: list[str], line: int, col: int) -> int:
    """Character offset of a (1-based line, UTF-8 byte column) position."""
    before = sum(len(text) for text in lines[: line - 1])
    return before + len(lines[line - 1].encode("utf-8")[:col].decode("utf-8"))
