"""Every form callback goes through :func:`shows_errors`, so nothing a learner does fails
silently.

ipywidgets swallows exceptions raised in a button's callback: they go to the kernel log,
which a learner never sees, and the form just looks dead. Following sepal_ui's
``loading_button``, one decorator catches them and writes them into the form's status area:

* a :class:`~casekit.errors.CasekitError` (a refusal or a bad input) shows its message,
  the rule it cites and what to do instead, exactly as the domain worded them;
* any other exception shows a short apology naming the error type and is logged with
  :mod:`logging`, so a tutor can find the traceback;
* a callback that succeeds may return a success line (or an :class:`Outcome` with
  warnings), which is shown the same way.

Every text is escaped with :func:`html.escape`: learners type names and letters into these
forms, and none of it may become markup.
"""

from __future__ import annotations

import functools
import html
import logging
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any, TypeVar

import ipywidgets as widgets

from casekit.errors import CasekitError

log = logging.getLogger("casekit.ui")

F = TypeVar("F", bound=Callable[..., Any])

# Colours chosen for contrast above 4.5:1 on their background (WCAG AA).
_STYLES = {
    "error": ("#8b0000", "#fdecea"),
    "warning": ("#6b4100", "#fff4e0"),
    "success": ("#1e5b2b", "#e8f5e9"),
    "info": ("#0b4680", "#e8f0fe"),
}
_HEADINGS = {
    "error": "This was not recorded",
    "warning": "Please check",
    "success": "Done",
    "info": "Note",
}
APOLOGY = (
    "Sorry, something went wrong inside the kit and this action could not be finished "
    "({kind}). Nothing you typed is lost: the form still holds it. Please try again, and if "
    "it happens again tell your tutor, quoting '{kind}'."
)


WORDS_FILE = Path(__file__).resolve().parents[1] / "data" / "learner_words.toml"
_COMMAND = re.compile(r"\bcasekit [a-z]|(?<![\w-])--[a-z]|\.(?:md|toml|json|py)\b")
_ISO_MOMENT = re.compile(r"\b(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}:\d{2})(?::\d{2})?)?\b")


@dataclass(frozen=True)
class Outcome:
    """What a successful callback reports: a line for the learner and any warnings
    (domain notices or findings: anything with ``message`` and, optionally, ``source``
    and ``advice``). ``level`` is ``success`` unless the result asks for more work
    (``warning``: a draft returned) or is only news (``info``); ``heading`` replaces the
    level's own ("Done")."""

    message: str
    notices: tuple[Any, ...] = field(default_factory=tuple)
    level: str = "success"
    heading: str | None = None

    def __init__(
        self,
        message: str,
        notices: Iterable[Any] = (),
        *,
        level: str = "success",
        heading: str | None = None,
    ) -> None:
        object.__setattr__(self, "message", message)
        object.__setattr__(self, "notices", tuple(notices))
        object.__setattr__(self, "level", level)
        object.__setattr__(self, "heading", heading)


@cache
def _learner_words() -> tuple[dict[str, str], dict[str, str]]:
    from casekit import api

    data = api.read_data_file("learner-words", WORDS_FILE)  # checked against its schema
    return dict(data.get("advice", {})), dict(data.get("words", {}))


def _uk_moment(match: re.Match[str]) -> str:
    from datetime import datetime

    try:
        moment = datetime.fromisoformat(match.group(0).replace(" ", "T"))
    except ValueError:
        return match.group(0)
    shown = f"{moment:%a} {moment.day} {moment:%b %Y}"
    return f"{shown}, {moment:%H:%M}" if match.group(2) else shown


def plain(text: str | None) -> str:
    """Text from the domain in a learner's words: dates as "Wed 7 Jan 2026", markers and
    file names from the rules' sources replaced (``casekit/data/learner_words.toml``)."""
    if not text:
        return ""
    _advice, words = _learner_words()
    for old, new in words.items():
        text = text.replace(old, new)
    return _ISO_MOMENT.sub(_uk_moment, text).strip()


def learner_advice(rule: str | None, advice: str | None) -> str | None:
    """What to do, in the forms: the table's advice for ``rule``, else the domain's own
    unless it names a command or a file (then nothing, rather than a command line)."""
    table, _words = _learner_words()
    if rule and rule in table:
        return table[rule]
    if advice and _COMMAND.search(advice):
        return None
    return plain(advice) or None


def status_area() -> widgets.HTML:
    """The place in a form where results and refusals appear (empty until an action)."""
    status = widgets.HTML(value="", layout=widgets.Layout(width="100%"))
    status.add_class("casekit-status")
    return status


def message_html(
    level: str,
    message: str,
    *,
    source: str | None = None,
    advice: str | None = None,
    heading: str | None = None,
) -> str:
    """One message box. Errors and warnings are announced (``role="alert"``), success
    and notes politely (``role="status"``)."""
    colour, background = _STYLES[level]
    role = "alert" if level in ("error", "warning") else "status"
    title = (heading if heading is not None else _HEADINGS[level]).rstrip(".:")
    parts = [f"<strong>{html.escape(title)}:</strong> {html.escape(plain(message))}"]
    if source:
        parts.append(f'<br><span class="casekit-rule">Rule: {html.escape(plain(source))}</span>')
    if advice:
        parts.append(f'<br><span class="casekit-advice">What to do: {html.escape(advice)}</span>')
    return (
        f'<div role="{role}" class="casekit-msg casekit-msg-{level}" '
        f'style="border-left:5px solid {colour};background:{background};color:{colour};'
        f'padding:6px 10px;margin:4px 0;line-height:1.5;font-size:14px">'
        + "".join(parts)
        + "</div>"
    )


def notice_html(notice: Any, level: str = "warning") -> str:
    """A domain notice, a draft finding or a refusal as one box, citing its rule."""
    if isinstance(notice, CasekitError):
        advice = learner_advice(notice.rule, notice.advice)
        return message_html(level, notice.message, source=notice.source, advice=advice)
    message = str(getattr(notice, "message", notice))
    source = getattr(notice, "source", None) or getattr(notice, "rule", None)
    rule = getattr(notice, "rule", None)
    advice = learner_advice(
        rule if isinstance(rule, str) else None, getattr(notice, "advice", None)
    )
    return message_html(level, message, source=source, advice=advice)


def show_error(status: widgets.HTML, err: BaseException) -> None:
    """Show a refusal (CasekitError) as the domain worded it, or an apology for a bug."""
    if isinstance(err, CasekitError):
        status.value = notice_html(err, "error")
        return
    kind = type(err).__name__
    status.value = message_html("error", APOLOGY.format(kind=kind), heading="Something went wrong")


def show_outcome(status: widgets.HTML, outcome: Outcome | str | None) -> None:
    """Show what a successful action returned (nothing shown for None)."""
    if outcome is None:
        return
    if isinstance(outcome, str):
        outcome = Outcome(outcome)
    boxes = [message_html(outcome.level, outcome.message, heading=outcome.heading)]
    boxes.extend(notice_html(n) for n in outcome.notices)
    status.value = "".join(boxes)


def shows_errors(status: widgets.HTML) -> Callable[[F], F]:
    """Decorate a widget callback so its result or its error appears in ``status``.

    The callback may return a success line (``str``) or an :class:`Outcome`. While it
    runs, a button it was called from is disabled, so a double click cannot log twice.
    Exceptions never propagate into the kernel log unseen.
    """

    def decorate(callback: F) -> F:
        @functools.wraps(callback)
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            from casekit.ui.live import UI_LOCK

            button = args[0] if args and isinstance(args[0], widgets.Button) else None
            was_disabled = button.disabled if button is not None else False
            if button is not None:
                button.disabled = True
            try:
                with UI_LOCK:  # one action or refresh at a time, whatever thread runs it
                    outcome = callback(*args, **kwargs)
            except CasekitError as err:
                show_error(status, err)
                return None
            except Exception as err:  # any bug must reach the learner, not vanish
                log.exception("casekit form action %s failed", callback.__qualname__)
                show_error(status, err)
                return None
            finally:
                if button is not None:
                    button.disabled = was_disabled
            show_outcome(status, outcome)
            return outcome

        return wrapper  # type: ignore[return-value]

    return decorate
