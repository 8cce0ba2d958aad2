"""The scores of a mutation run, per module, and the mutants that survived."""

from __future__ import annotations

from dataclasses import dataclass

from tests.mutation.plan import Equivalent, Plan
from tests.mutation.runner import Result


@dataclass
class Row:
    """One module's figures. ``run`` counts the sampled mutants that are not listed as
    equivalent; the score is the share of them killed (100 when there are none)."""

    module: str
    mutants: int
    equivalent: int
    run: int
    killed: int
    survived: int

    @property
    def score(self) -> float:
        return 100.0 * self.killed / self.run if self.run else 100.0


def module_rows(
    plans: list[Plan], results: list[Result], equivalents: dict[str, Equivalent]
) -> list[Row]:
    rows = []
    for p in plans:
        mine = [
            r for r in results if r.mutant.path == p.target.path and r.mutant.key not in equivalents
        ]
        killed = sum(r.killed for r in mine)
        run = len(mine)
        rows.append(Row(p.target.path, len(p.made), len(p.equivalent), run, killed, run - killed))
    return rows


def render(
    rows: list[Row], results: list[Result], equivalents: dict[str, Equivalent], fail_under: float
) -> str:
    width = max([len("module"), *(len(r.module) for r in rows)])
    lines = [
        "",
        f"{'module':<{width}}  mutants  equivalent  run  killed  survived   score",
    ]
    for r in rows:
        flag = "" if r.score >= fail_under else "  < " + f"{fail_under:g}%"
        lines.append(
            f"{r.module:<{width}}  {r.mutants:7d}  {r.equivalent:10d}  {r.run:3d}  "
            f"{r.killed:6d}  {r.survived:8d}  {r.score:5.1f}%{flag}"
        )
    run = sum(r.run for r in rows)
    killed = sum(r.killed for r in rows)
    lines.append(
        f"{'all':<{width}}  {'':7}  {'':10}  {run:3d}  {killed:6d}  {run - killed:8d}  "
        f"{100.0 * killed / run if run else 100.0:5.1f}%"
    )
    survivors = [r for r in results if not r.killed]
    if survivors:
        lines += ["", "surviving mutants (file:line  scope | mutation):"]
        for r in survivors:
            listed = equivalents.get(r.mutant.key)
            note = f"   [equivalent: {listed.reason}]" if listed else ""
            error = (
                "   [the tests could not run: " + _last_line(r.output) + "]"
                if r.status == "error"
                else ""
            )
            lines.append(
                f"  {r.mutant.path}:{r.mutant.line}  {r.mutant.scope} | {r.mutant.mutation}"
                f"{' #' + str(r.mutant.occurrence) if r.mutant.occurrence > 1 else ''}{note}{error}"
            )
    wrongly = [r for r in results if r.killed and r.mutant.key in equivalents]
    if wrongly:
        lines += ["", "listed as equivalent but killed (take them off the list):"]
        lines += [f"  {r.mutant.path}:{r.mutant.line}  {r.mutant.key}" for r in wrongly]
    return "\n".join(lines)


def _last_line(output: str) -> str:
    tail = [line for line in output.splitlines() if line.strip()]
    return tail[-1] if tail else "no output"
