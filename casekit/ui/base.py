"""The base of every step's form: the workspace, the status area, keeping forms fresh.

A :class:`Step` keeps the workspace *path* and reaches the log through the kernel's one
shared copy of it (:mod:`casekit.ui.session`), so two notebooks (or a notebook and the
command line) on one workspace both see and extend the same log. After an action every
live form on that workspace re-reads the projection, so the inbox, case lists and tables
never go stale in one kernel; a watcher on the log's head (:mod:`casekit.ui.live`) does
the same, within a second or two, after work done elsewhere. There is no Refresh button.

A step can be *embedded* in a larger view (the casework desk): it then shows no title or
introduction of its own, and the view that holds it decides when it refreshes.

The controls themselves are made by :mod:`casekit.ui.controls`.
"""

from __future__ import annotations

import functools
import re
import weakref
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

import ipywidgets as widgets

from casekit.errors import CasekitError
from casekit.ui.controls import WIDE_WIDTH, dropdown, heading, paragraph
from casekit.ui.errors import message_html, shows_errors, status_area
from casekit.ui.live import Watcher

if TYPE_CHECKING:
    from casekit.api import Case, Casework, State, Workspace

# Every live view (a step shown on its own, or the desk): refreshed after an action on
# its workspace, and when the log changes elsewhere.
_LIVE: weakref.WeakSet[Any] = weakref.WeakSet()
_WATCHERS: dict[Path, Watcher] = {}


# -- the step -----------------------------------------------------------------------------
class Step:
    """One step's form, bound to a workspace folder.

    Subclasses set ``title``, ``intro`` and ``css``, build their controls in ``build()``
    (returning the children shown under the intro) and fill them from the log in
    ``on_refresh(state)``.
    """

    title = "casekit"
    intro = ""
    css = "casekit-step"

    def __init__(self, workspace: str | Path, *, embedded: bool = False) -> None:
        self.path = Path(workspace)
        self.embedded = embedded
        self.filling = False  # True while refresh() refills controls: observers ignore it
        self._marked: list[widgets.Widget] = []
        self.status = status_area()  # the answer to an action: moved next to its button
        self.notice = status_area()  # about the form as a whole (no workspace yet)
        self.notice.remove_class("casekit-status")
        self.notice.add_class("casekit-notice")
        children = self.build()
        header: list[widgets.Widget] = []
        if not embedded:
            header.append(heading(self.title, 2))
            if self.intro:
                header.append(paragraph(self.intro, css="casekit-intro"))
        from casekit.ui.theme import stylesheet

        extra = [] if embedded else [stylesheet()]
        # The answer to an action starts at the end and moves to just below the button
        # pressed: moving it from the end redraws nothing else of the form.
        self.widget = widgets.VBox(
            [*extra, *header, self.notice, *children, self.status],
            layout=widgets.Layout(width="100%"),
        )
        self._active: widgets.Widget = self.widget  # the part of the form last used
        self.widget.add_class("casekit-step")
        self.widget.add_class(self.css)
        self.widget.step = self  # type: ignore[attr-defined]  # reach the form from the widget
        if not embedded:
            register(self)
        self.refresh()

    # -- subclasses ---------------------------------------------------------------------
    def build(self) -> list[widgets.Widget]:
        return []

    def on_refresh(self, state: State) -> None:
        """Fill lists and tables from the projection."""

    # -- the workspace ------------------------------------------------------------------
    @contextmanager
    def workspace(self) -> Iterator[Workspace]:
        """The workspace, as every form in this kernel shares it."""
        from casekit.ui.session import shared_workspace

        yield shared_workspace(self.path)

    @contextmanager
    def casework(self) -> Iterator[Casework]:
        from casekit import api

        with self.workspace() as ws:
            yield api.actions(ws)

    def state(self) -> State:
        """The projection of the log as it is now."""
        with self.workspace() as ws:
            return ws.state()

    def exists(self) -> bool:
        from casekit import api

        return api.is_workspace(self.path)

    # -- actions ------------------------------------------------------------------------
    def action(self, callback: Callable[..., Any]) -> Callable[..., Any]:
        """Wrap a callback: errors and results shown in the form; after it succeeds every
        form on this workspace is refreshed."""

        @shows_errors(self.status)
        @functools.wraps(callback)
        def run(*args: Any, **kwargs: Any) -> Any:
            self.mark_field(None)
            try:
                outcome = callback(*args, **kwargs)
            except CasekitError as err:
                self.mark_field(err.field)
                raise
            refresh_all(self.path)
            return outcome

        return run

    def mark_field(self, field: str | None) -> None:
        """Outline the control a refusal names (``CasekitError.field``), in the part of the
        form the learner just used, so they can see what to fix; clear it otherwise."""
        for control in self._marked:
            control.remove_class("casekit-invalid")
            control.layout.border = None
        self._marked = []
        if not field:
            return
        wanted = _words(field)
        for control in _walk(self._active):
            label = getattr(control, "description", "")
            if not isinstance(control, widgets.ValueWidget) or not label:
                continue
            have = _words(label)
            if have == wanted or have.startswith(wanted) or wanted.startswith(have):
                control.add_class("casekit-invalid")
                control.layout.border = "2px solid #8b0000"
                self._marked.append(control)
                return

    def on(self, control: widgets.Button, callback: Callable[..., Any]) -> None:
        """Run ``callback`` when ``control`` is clicked; its message appears beside it."""
        run = self.action(callback)

        def clicked(button: widgets.Button) -> None:
            self.place_status(button)
            self.status.value = ""  # an old answer must not pass for this click's
            run(button)

        control.on_click(clicked)

    def place_status(self, control: widgets.Widget) -> None:
        """Move the status area to just below ``control`` (or the row holding it), so the
        answer to a click appears where the learner is looking, not at the top of a long
        form. There is one status area, so a screen reader announces each message once."""
        parents: dict[int, widgets.Box] = {}
        for box in _walk(self.widget):
            for child in getattr(box, "children", ()) or ():
                parents[id(child)] = box
        anchor: widgets.Widget = control
        parent = parents.get(id(anchor))
        if isinstance(parent, widgets.HBox):
            anchor, parent = parent, parents.get(id(parent))
        if parent is None:
            return
        self._active = parent
        old = parents.get(id(self.status))
        if old is not None:
            old.children = tuple(c for c in old.children if c is not self.status)
        kids = list(parent.children)
        kids.insert(kids.index(anchor) + 1, self.status)
        parent.children = tuple(kids)

    def refresh(self) -> None:
        """Re-read the projection and refill the form; a missing workspace is explained."""
        if not self.exists():
            self.notice.value = missing_workspace_html(self.path, "This form")
            self.on_missing()
            return
        self.notice.value = ""
        self._refresh()

    def on_missing(self) -> None:
        """What the form shows before its workspace exists."""

    def _refresh(self) -> None:
        @shows_errors(self.notice)
        def reread() -> None:
            self.filling = True
            try:
                self.on_refresh(self.state())
            finally:
                self.filling = False

        reread()

    # -- common pieces ------------------------------------------------------------------
    @staticmethod
    def case_options(state: State, *, open_only: bool = False) -> list[tuple[str, str]]:
        from casekit.api import CATEGORIES

        options = []
        for case in state.cases.values():
            if open_only and case.status != "open":
                continue
            who = case.constituent.get("name", "")
            what = CATEGORIES.get(case.category, case.category)
            closed = "" if case.status == "open" else " (closed)"
            options.append((f"{case.ref}: {who}, {what}{closed}", case.ref))
        return options

    def case_picker(
        self, label: str = "Case", *, help: str = "Choose the case to work on"
    ) -> widgets.Dropdown:
        return dropdown(label, [], help=help, width=WIDE_WIDTH)

    @staticmethod
    def selected_case(state: State, control: widgets.Dropdown) -> Case | None:
        return state.case(control.value) if control.value else None

    def select_case(self, ref: str | None) -> bool:
        """Show case ``ref`` (the desk chooses the case for the steps it holds): the
        step's own case list is set without refreshing. Returns whether it changed."""
        picker = getattr(self, "case", None)
        if not isinstance(picker, widgets.Dropdown) or picker.value == ref:
            return False
        if ref not in [o[1] if isinstance(o, tuple) else o for o in picker.options]:
            return False
        self.filling = True
        try:
            picker.value = ref
        finally:
            self.filling = False
        return True

    def hide_case_picker(self) -> None:
        """The desk chooses the case, so the step's own case list is not shown."""
        picker = getattr(self, "case", None)
        if isinstance(picker, widgets.Widget):
            picker.layout.display = "none"


def missing_workspace_html(path: Path, what: str) -> str:
    """Why a form is empty before its workspace exists, and what to do, in the forms."""
    return message_html(
        "info",
        f"There is no workspace in the folder {Path(path).name} yet.",
        advice="Open the start page, choose your case pack and press 'Create or open my "
        f"workspace'. {what} fills in by itself once it is made.",
    )


def _words(text_: str) -> str:
    """A label or field name reduced to its words, for matching one to the other."""
    return " ".join(re.findall(r"[a-z0-9]+", text_.lower().replace("'s", "")))


def _walk(widget: widgets.Widget) -> Iterator[widgets.Widget]:
    yield widget
    for child in getattr(widget, "children", ()) or ():
        yield from _walk(child)


def register(view: Any) -> None:
    """Keep ``view`` (anything with ``path`` and ``refresh()``) current: refreshed after
    actions on its workspace and, in a kernel, when the log changes elsewhere."""
    _LIVE.add(view)
    folder = Path(view.path).resolve()
    watcher = _WATCHERS.get(folder)
    if watcher is None or not watcher.running:
        watcher = Watcher(
            folder,
            lambda: _refresh_views(folder),
            keep_going=lambda: any(_same(v.path, folder) for v in list(_LIVE)),
        )
        _WATCHERS[folder] = watcher
        watcher.start()


def watcher_for(path: str | Path) -> Watcher | None:
    """The watcher on the workspace at ``path`` (for tests: call its ``tick()``)."""
    return _WATCHERS.get(Path(path).resolve())


def live_views(path: str | Path | None = None) -> list[Any]:
    """The live views (on ``path``, or all), oldest first."""
    views = list(_LIVE)
    if path is not None:
        views = [v for v in views if _same(v.path, Path(path).resolve())]
    return views


def _same(path: Path, folder: Path) -> bool:
    return Path(path).resolve() == folder


def _refresh_views(folder: Path) -> None:
    for view in list(_LIVE):
        if _same(view.path, folder):
            view.refresh()


def refresh_all(path: Path) -> None:
    """Refresh every live view on the workspace at ``path``, then tell its watcher the
    views are current (so it does not refresh them again for the same change)."""
    folder = Path(path).resolve()
    _refresh_views(folder)
    watcher = _WATCHERS.get(folder)
    if watcher is not None:
        watcher.mark_seen()
