"""The tutor's forms: make class packs, run the classroom exercise, see the class summary.

* **Class packs**: upload the roster (``learner_id,name[,email]``) or give its path, choose
  a seed, a difficulty and the number of cases; every learner gets a different but
  reproducible pack, and the answer keys are kept in a separate ``tutor/keys`` folder.
* **Classroom exercise**: advance the simulation clock for every learner's workspace in a
  folder at once, so the whole class meets the same day's events; given a witness ledger
  (on by default), each workspace's chain head is recorded in it at every step, so a log
  rewritten later is caught when its pack is reviewed.
* **Class packs** can make every learner's workspace too, carrying the roster's names.
* **Class results**: from a folder of collected evidence packs, the roster and the answer
  keys, one row per learner (submitted or not, the pack's integrity, traps handled,
  mishandled or missed, common mistakes, each criterion met, partly or not yet) as a
  red/amber/green table to sort and filter, saved as CSV and XLSX; the most common
  mistakes and traps with who made them, and charts.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import ipywidgets as widgets

from casekit.ui.base import Step
from casekit.ui.controls import (
    WIDE_WIDTH,
    button,
    checkbox,
    choices,
    dropdown,
    number,
    plural,
    section,
    set_options,
    table_html,
    text,
)
from casekit.ui.errors import Outcome


def difficulties() -> dict[str, str]:
    """Difficulty levels from the scenario generator's data, labelled for people."""
    from casekit import api

    return api.difficulties()


def workspaces_in(folder: Path) -> list[Path]:
    from casekit import api

    return api.workspaces_in(folder)


class Tutor(Step):
    title = "Tutor: class packs, the classroom exercise and the class summary"
    intro = (
        "Make a pack for every learner from your roster, move the whole class's clock on "
        "together, and see what the class's collected evidence packs show."
    )
    css = "casekit-tutor"

    def exists(self) -> bool:
        return True  # the class folder is made by the first action

    def build(self) -> list[widgets.Widget]:
        levels = difficulties()
        self.roster = widgets.FileUpload(
            accept=".csv",
            multiple=False,
            description="Upload roster (.csv)",
            layout=widgets.Layout(width="auto"),
        )
        self.roster_path = text(
            "Or the roster's path", width=WIDE_WIDTH, placeholder="e.g. roster.csv"
        )
        self.seed = number("Seed (any whole number)", 2026, low=0, high=2**31 - 1, width="24em")
        self.difficulty = dropdown(
            "Difficulty", choices(levels), "standard" if "standard" in levels else None
        )
        self.cases = number("Cases per learner", 8, low=1, high=40)
        self.out = text("Class folder", str(self.path / "class"), width=WIDE_WIDTH)
        self.make_workspaces = checkbox(
            "Also make each learner's workspace",
            True,
            help="In the folder of learners' workspaces below, each carrying the roster's name",
        )
        self.centre = text("Centre's name (optional)", width=WIDE_WIDTH)
        self.make_button = button("Make class packs", css="casekit-make-class")
        self.on(self.make_button, self.make)
        self.made = widgets.HTML()

        self.ws_folder = text(
            "Folder of learners' workspaces", str(self.path / "workspaces"), width=WIDE_WIDTH
        )
        self.days = number("Working days to advance", 1, low=1, high=20)
        self.ledger = text(
            "Witness ledger (keep it from learners)",
            str(self.path / "witness.jsonl"),
            width=WIDE_WIDTH,
            help="Each workspace's chain head is recorded here as it advances; clear to skip",
        )
        self.advance_button = button("Advance the clock for everyone", css="casekit-advance-class")
        self.on(self.advance_button, self.advance_all)
        self.advanced = widgets.HTML()

        self.packs = text(
            "Folder of collected evidence packs", str(self.path / "collected"), width=WIDE_WIDTH
        )
        self.results_roster = text(
            "The roster (every learner gets a row)",
            width=WIDE_WIDTH,
            placeholder="e.g. roster.csv (blank: one row per pack)",
        )
        self.keys = text(
            "Answer keys folder (optional)",
            str(self.path / "class" / "tutor" / "keys"),
            width=WIDE_WIDTH,
            help="With the keys, the coach judges each learner's traps; clear to skip",
        )
        self.summary_out = text("Save the summary in", str(self.path / "summary"), width=WIDE_WIDTH)
        self.summary_button = button("Summarise the class", css="casekit-class-summary")
        self.on(self.summary_button, self.summarise)
        self.table: Any = None
        from casekit import api

        self.show = dropdown("Show", choices(api.results_views()), "everyone")
        self.sort = dropdown("Sort by", [("the roster's order", "")], "")
        self.descending = checkbox("Largest or best first")
        for control in (self.show, self.sort, self.descending):
            control.observe(self._on_view, names="value")
        self.save_button = button(
            "Save this view as CSV and XLSX", kind="", css="casekit-save-view"
        )
        self.on(self.save_button, self.save_view)
        self.results = widgets.HTML()
        self.results.add_class("casekit-class-results")
        self.summary = widgets.HTML()
        self.summary.add_class("casekit-class-summary-result")
        return [
            section(
                "1. Class packs",
                "One pack per learner; answer keys kept apart for you.",
                self.roster,
                self.roster_path,
                self.seed,
                self.difficulty,
                self.cases,
                self.out,
                self.make_workspaces,
                self.centre,
                self.make_button,
                self.made,
            ),
            section(
                "2. Classroom exercise",
                "Move every learner's clock on together, witnessing each one's log.",
                self.ws_folder,
                self.days,
                self.ledger,
                self.advance_button,
                self.advanced,
            ),
            section(
                "3. Class results",
                "One row per learner: who submitted, who is struggling with which trap and "
                "which criterion; then the class's coverage and most common mistakes.",
                self.packs,
                self.results_roster,
                self.keys,
                self.summary_out,
                self.summary_button,
                widgets.HBox([self.show, self.sort, self.descending]),
                self.results,
                self.save_button,
                self.summary,
            ),
        ]

    def refresh(self) -> None:
        """Nothing to re-read: every action reads its folders afresh."""

    # -- actions --------------------------------------------------------------------
    def _roster_bytes(self) -> bytes | None:
        uploaded = self.roster.value
        if uploaded:
            item = (
                uploaded[0] if isinstance(uploaded, list | tuple) else next(iter(uploaded.values()))
            )
            content = item["content"] if isinstance(item, dict) else item.content
            return bytes(content)
        return None

    def make(self, _button: Any = None) -> Outcome:
        import tempfile

        from casekit import api

        out = Path(self.out.value.strip())
        data = self._roster_bytes()
        with tempfile.TemporaryDirectory(prefix="casekit-roster-") as tmp:
            roster = Path(self.roster_path.value.strip())
            if data is not None:
                roster = Path(tmp) / "roster.csv"
                roster.write_bytes(data)
            made = api.make_class_pack(
                roster,
                int(self.seed.value),
                out,
                cases=int(self.cases.value),
                difficulty=self.difficulty.value,
                workspaces=Path(self.ws_folder.value.strip())
                if self.make_workspaces.value
                else None,
                centre=self.centre.value.strip(),
            )
            if not self.results_roster.value.strip() and data is None:
                self.results_roster.value = str(roster)
        count = int(made["learners"])
        where = [
            {"what": "Learners' packs (hand these out)", "where": str(out / "packs")},
            {"what": "Answer keys (keep these)", "where": str(out / "tutor" / "keys")},
            {"what": "Class list", "where": str(out / "class-list.csv")},
        ]
        if made["workspaces"]:
            where.append(
                {"what": "Learners' workspaces", "where": str(Path(made["workspaces"][0]).parent)}
            )
        self.made.value = table_html(where, [("what", "What"), ("where", "Where")])
        self.keys.value = str(out / "tutor" / "keys")
        made_ws = " and their workspaces" if made["workspaces"] else ""
        return Outcome(f"Made packs{made_ws} for {plural(count, 'learner')} in {out}.")

    def advance_all(self, _button: Any = None) -> Outcome:
        from casekit import api
        from casekit.errors import CasekitError

        folder = Path(self.ws_folder.value.strip())
        found = workspaces_in(folder)
        if not found:
            raise CasekitError(
                f"There are no casekit workspaces in {folder}.",
                field="workspaces folder",
                advice="Give the folder that holds the learners' workspaces.",
            )
        ledger = self.ledger.value.strip() or None
        results = api.advance_class(found, int(self.days.value), ledger=ledger)
        rows, problems = [], []
        for moved in results:
            if moved.problem is not None:
                problems.append(moved.problem)
            witnessed = (
                f"event {moved.witnessed.seq}"
                if moved.witnessed is not None
                else moved.witness_problem or "not asked"
            )
            rows.append(
                {
                    "workspace": moved.path.name,
                    "now": moved.end.date() if moved.end else "",
                    "arrived": len(moved.delivered) if moved.ok else "",
                    "witnessed": witnessed if ledger else "no ledger given",
                    "problem": str(moved.problem) if moved.problem else "",
                }
            )
        self.advanced.value = table_html(
            rows,
            [
                ("workspace", "Workspace"),
                ("now", "Now"),
                ("arrived", "New items"),
                ("witnessed", "Witnessed"),
                ("problem", "Problem"),
            ],
        )
        done = len(found) - len(problems)
        seen = sum(1 for m in results if m.witnessed is not None)
        note = f" Witnessed {seen} in {ledger}." if ledger else ""
        return Outcome(
            f"Advanced {done} of {plural(len(found), 'workspace')} "
            f"by {plural(int(self.days.value), 'working day')}.{note}",
            problems,
        )

    def summarise(self, _button: Any = None) -> Outcome:
        from casekit import api

        out = Path(self.summary_out.value.strip())
        keys = self.keys.value.strip()
        roster = self.results_roster.value.strip()
        ledger = self.ledger.value.strip()
        figures = api.summarise_class(
            Path(self.packs.value.strip()),
            out,
            roster=roster or None,
            keys=keys if keys and Path(keys).is_dir() else None,
            witness=ledger if ledger and Path(ledger).is_file() else None,
            progress=False,
        )
        self.table = figures["table"]
        self.filling = True
        try:
            columns = [c for c in self.table.columns if c not in ("notes", "struggling_with")]
            set_options(self.sort, [("the roster's order", ""), *[(c, c) for c in columns]])
        finally:
            self.filling = False
        self._show_view()
        charts = "".join(
            f"<div class='casekit-chart-box'>{(out / name).read_text(encoding='utf-8')}</div>"
            for name in ("coverage.svg", "mistakes.svg")
            if (out / name).is_file()
        )
        self.summary.value = (
            table_html(
                figures["traps"],
                [
                    ("label", "Trap"),
                    ("handled", "Handled"),
                    ("mishandled", "Mishandled"),
                    ("missed", "Missed"),
                    ("who_mishandled", "Mishandled by"),
                    ("who_missed", "Missed by"),
                ],
                caption="Planted traps",
                empty="Give the answer keys to see how each trap was handled.",
            )
            + table_html(
                figures["mistakes"],
                [
                    ("label", "Mistake"),
                    ("learners", "Learners"),
                    ("times", "Times"),
                    ("who", "Who"),
                ],
                caption="Most common mistakes",
                empty="No mistakes recorded.",
            )
            + table_html(
                figures["packs"],
                [
                    ("pack", "Pack"),
                    ("status", "Integrity"),
                    ("detail", "Detail"),
                    ("copying", "Copying"),
                ],
                caption="Packs read",
            )
            + charts
        )
        rows = figures["learners"]
        sent = sum(1 for r in rows if r["submitted"] == "yes")
        return Outcome(
            f"{sent} of {plural(len(rows), 'learner')} sent a pack; the summary is saved in "
            f"{out} (learners.csv, learners.xlsx and more)."
        )

    def _on_view(self, _change: dict[str, Any]) -> None:
        if not self.filling and self.table is not None:
            from casekit.ui.errors import shows_errors

            shows_errors(self.status)(self._show_view)()

    def _view(self) -> Any:
        from casekit import api

        return api.results_view(
            self.table, self.show.value, self.sort.value or "", bool(self.descending.value)
        )

    def _show_view(self) -> None:
        from casekit import api

        shown = self._view()
        label = dict((v, k) for k, v in self.show.options)[self.show.value]
        self.results.value = (
            api.results_html(shown, caption=f"{label}: {plural(len(shown), 'learner')}")
            if len(shown)
            else "<p><em>No learner to show here.</em></p>"
        )

    def save_view(self, _button: Any = None) -> Outcome:
        from casekit import api
        from casekit.errors import CasekitError

        if self.table is None:
            raise CasekitError("Summarise the class first.", field="class results")
        out = Path(self.summary_out.value.strip())
        name = f"learners-{self.show.value}"
        shown = self._view()
        api.save_table(shown, out / f"{name}.csv")
        api.save_table(shown, out / f"{name}.xlsx")
        return Outcome(f"Saved {plural(len(shown), 'learner')} as {out / name}.csv and .xlsx.")


def tutor(class_dir: str | Path) -> widgets.Widget:
    """The tutor's forms, working in the folder ``class_dir``."""
    return Tutor(class_dir).widget
