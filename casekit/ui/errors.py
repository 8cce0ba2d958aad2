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
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
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


@dataclass(frozen=True)
class Outcome:
    """What a successful callback reports: a line for the learner and any warnings
    (domain notices or findings: anything with ``message`` and, optionally, ``source``
    and ``advice``)."""

    message: str
    notices: tuple[Any, ...] = field(default_factory=tuple)

    def __init__(self, message: str, notices: Iterable[Any] = ()) -> None:
        object.__setattr__(self, "message", message)
        object.__setattr__(self, "notices", tuple(notices))


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
    parts = [
        f"<strong>{html.escape(heading if heading is not None else _HEADINGS[level])}:</strong> "
        f"{html.escape(message)}"
    ]
    if source:
        parts.append(f'<br><span class="casekit-rule">Rule: {html.escape(source)}</span>')
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
        return message_html(level, notice.message, source=notice.source, advice=notice.advice)
    message = str(getattr(notice, "message", notice))
    source = getattr(notice, "source", None) or getattr(notice, "rule", None)
    return message_html(level, message, source=source, advice=getattr(notice, "advice", None))


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
    boxes = [message_html("success", outcome.message)]
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
            button = args[0] if args and isinstance(args[0], widgets.Button) else None
            was_disabled = button.disabled if button is not None else False
            if button is not None:
                button.disabled = True
            try:
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
