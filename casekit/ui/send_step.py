"""Send my pack to my tutor: on the class hub, one button exports the learner's pack and
hands it to the classroom service, which takes only the learner's own and checks it as an
assessor would. Off the hub, the form says how to send the .zip instead.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

import ipywidgets as widgets

from casekit.ui.base import Step
from casekit.ui.controls import button, table_html
from casekit.ui.errors import Outcome, message_html

if TYPE_CHECKING:
    from casekit.api import State


class SendToTutor(Step):
    title = "Send your pack to your tutor"
    intro = (
        "When your declaration is signed, send your evidence pack to your tutor in one "
        "click. It is made from your log, checked on the way, and replaces any pack you "
        "sent before."
    )
    css = "casekit-send-pack"

    def build(self) -> list[widgets.Widget]:
        from casekit import api

        self.on_hub = api.on_class_hub()
        self.send_button = button("Send my pack to my tutor", css="casekit-send-button")
        self.send_button.disabled = not self.on_hub
        self.on(self.send_button, self.send)
        self.sent = widgets.HTML()
        self.sent.add_class("casekit-sent")
        return [self.send_button, self.sent]

    def on_refresh(self, state: State) -> None:
        if not self.on_hub:
            self.status.value = message_html(
                "info",
                "This button works on your class's hub. Here, export your pack above and "
                "send the .zip file to your tutor.",
            )
        elif state.declaration is None:
            self.status.value = message_html(
                "info", "Sign the declaration of authenticity above before sending your pack."
            )

    def send(self, _button: Any = None) -> Outcome:
        from casekit import api

        answer = api.send_pack_to_tutor(self.path)
        self.sent.value = table_html(
            [
                {"what": "Events in your log", "value": answer["events"]},
                {"what": "Check", "value": answer["check"]},
                {"what": "Your tutor's record of your log", "value": answer["witness"]},
            ],
            [("what", "What"), ("value", "Result")],
        )
        return Outcome(f"Your pack was sent to your tutor ({answer['learner']}).")


def send_to_tutor(workspace: str | Path) -> widgets.Widget:
    """The "Send my pack to my tutor" form for the workspace at ``workspace``."""
    return SendToTutor(workspace).widget
