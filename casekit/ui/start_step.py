"""Start here: choose a case pack, name the workspace and say who you are.

A learner's first form. It lists the scenario packs in the ``scenarios`` folder (the
tutor's class packs land there too), creates the workspace from the chosen pack (or opens
it if it already exists, so re-running the notebook never starts over) and records the
learner's details for the front sheet of their evidence pack.
"""

from __future__ import annotations

import html
import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

import ipywidgets as widgets

from casekit.ui.base import Step
from casekit.ui.controls import (
    WIDE_WIDTH,
    button,
    dropdown,
    fmt_date,
    plural,
    section,
    text,
)
from casekit.ui.errors import Outcome

if TYPE_CHECKING:
    from casekit.api import State

NO_PACK = ""
SEARCH = (Path("scenarios"), Path("..") / "scenarios")


def find_packs_dir(packs_dir: str | Path | None = None) -> Path:
    """The folder of scenario packs: the one given, else ``scenarios/`` here or one up
    (notebooks run from ``notebooks/``)."""
    if packs_dir is not None:
        return Path(packs_dir)
    for candidate in SEARCH:
        if candidate.is_dir():
            return candidate
    return SEARCH[0]


def _pack_id(pack: Any) -> str | None:
    """The id of a pack file, or None when there is no readable pack."""
    if not pack or pack == NO_PACK:
        return None
    from casekit.api import read_pack
    from casekit.errors import CasekitError

    try:
        return str(read_pack(pack).get("pack_id") or "") or None
    except CasekitError:
        return None


def pack_choices(packs_dir: Path) -> list[tuple[str, str]]:
    """``(label, path)`` for every valid pack file, labelled by its id, difficulty and size.
    Answer keys and anything else the scenario validator refuses are left out."""
    from casekit.api import validate_pack
    from casekit.ui.tutor_step import difficulties

    levels = difficulties()
    options = []
    for path in sorted(Path(packs_dir).glob("*.json")):
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue
        if not isinstance(data, dict) or validate_pack(data):
            continue
        level = levels.get(data["difficulty"], data["difficulty"]).split(":")[0]
        label = (
            f"{data['pack_id']}: {len(data['cases'])} cases, {level}, "
            f"starts {fmt_date(str(data['start'])[:10])}"
        )
        options.append((label, str(path)))
    return options


def _same_file(path: str | Path) -> str:
    """A pack path as one file, however it was written (``../scenarios/intro.json`` and
    ``scenarios/intro.json`` from another folder are the same pack)."""
    try:
        return str(Path(path).resolve())
    except OSError:
        return str(path)


class Start(Step):
    title = "Start here"
    intro = (
        "Choose the case pack your tutor gave you, name your workspace (the folder that "
        "keeps everything you do) and enter your details for the front of your evidence "
        "pack. If the workspace exists already it is opened, not replaced."
    )
    css = "casekit-start"

    def __init__(
        self,
        workspace: str | Path,
        pack: str | Path | None = None,
        packs_dir: str | Path | None = None,
        *,
        embedded: bool = False,
    ) -> None:
        self._pack = str(pack) if pack else None
        self._packs_dir = find_packs_dir(packs_dir)
        super().__init__(workspace, embedded=embedded)

    def build(self) -> list[widgets.Widget]:
        options = pack_choices(self._packs_dir)
        offered = {_same_file(v): v for _, v in options}
        if self._pack and _same_file(self._pack) in offered:
            self._pack = offered[_same_file(self._pack)]  # the listed one, not a second entry
        elif self._pack:
            options.insert(0, (Path(self._pack).stem, self._pack))
        options.append(("No pack: I will type in my own enquiries", NO_PACK))
        self.pack = dropdown(
            "Case pack",
            options,
            self._pack,
            width=WIDE_WIDTH,
            help="The case packs your tutor has given you",
        )
        self.folder = text(
            "Workspace folder", str(self.path), width=WIDE_WIDTH, help="Where your work is kept"
        )
        self.name = text("Your name")
        self.registration = text("Registration number")
        self.centre = text("Centre")
        self.assessor = text("Assessor")
        self.open_button = button("Create or open my workspace", css="casekit-open-workspace")
        self.on(self.open_button, self.open_workspace)
        self.details_button = button("Save my details", kind="", css="casekit-save-details")
        self.on(self.details_button, self.save_details)
        self.summary = widgets.HTML()
        self.summary.add_class("casekit-workspace-summary")
        if self.embedded:  # on the desk the workspace is open already: no folder to choose
            self.folder.layout.display = "none"
        return [
            section(
                "1. Your case pack and workspace",
                "Pick the pack, then press the button.",
                self.pack,
                self.folder,
            ),
            section(
                "2. About you",
                "These go on the front sheet of your evidence pack.",
                self.name,
                self.registration,
                self.centre,
                self.assessor,
            ),
            widgets.HBox([self.open_button, self.details_button]),
            self.summary,
        ]

    def on_missing(self) -> None:
        self.summary.value = ""

    def on_refresh(self, state: State) -> None:
        learner = state.learner
        for control, key in (
            (self.name, "name"),
            (self.registration, "registration"),
            (self.centre, "centre"),
            (self.assessor, "assessor"),
        ):
            if not control.value and learner.get(key):
                control.value = str(learner[key])
        pack = state.pack or {}
        council = state.council.name if state.council else "no council"
        self.summary.value = (
            "<p class='casekit-workspace-ready' role='status'>"
            f"<strong>Workspace:</strong> {html.escape(self.path.name)}. "
            f"<strong>Pack:</strong> {html.escape(str(pack.get('pack_id', 'none')))}. "
            f"<strong>Council:</strong> {html.escape(council)}. "
            f"{plural(len(state.cases), 'case')} logged, "
            f"{plural(len(state.unhandled_inbox()), 'enquiry', 'enquiries')} "
            "waiting in the inbox.</p>"
        )

    # -- actions --------------------------------------------------------------------
    def open_workspace(self, _button: Any = None) -> Outcome:
        from casekit import api

        folder = self.folder.value.strip()
        path = Path(folder) if folder else self.path
        existed = api.is_workspace(path)
        ws = api.open_or_new(
            path, pack=self.pack.value or None, learner=self.registration.value.strip() or "learner"
        )
        loaded = (ws.state().pack or {}).get("pack_id")
        ws.close()
        self.path = path
        message = (
            f"Opened your workspace {path.name}."
            if existed
            else f"Created your workspace {path.name}."
        )
        chosen = _pack_id(self.pack.value)
        if existed and chosen and chosen != loaded:
            message += (
                f" It holds pack {loaded or 'none'}, so the pack you chose ({chosen}) was not"
                " loaded: a workspace holds one pack. To work that pack, give a new workspace"
                " folder name."
            )
        if self.name.value.strip() and self._details_changed():
            self.save_details()
            message += " Your details are saved."
        return Outcome(message)

    def _details(self) -> dict[str, str]:
        return {
            "name": self.name.value.strip(),
            "registration": self.registration.value.strip(),
            "centre": self.centre.value.strip(),
            "assessor": self.assessor.value.strip(),
        }

    def _details_changed(self) -> bool:
        learner = self.state().learner
        return any(str(learner.get(k) or "") != v for k, v in self._details().items())

    def save_details(self, _button: Any = None) -> str:
        with self.casework() as cw:
            cw.record_learner_details(
                name=self.name.value,
                registration=self.registration.value,
                centre=self.centre.value,
                assessor=self.assessor.value,
            )
        return f"Details saved for {self.name.value.strip()}."


def start(
    workspace: str | Path, pack: str | Path | None = None, *, packs_dir: str | Path | None = None
) -> widgets.Widget:
    """The start form: choose a pack, create or open ``workspace``, enter your details."""
    return Start(workspace, pack, packs_dir).widget
