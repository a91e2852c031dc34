"""A yes/no question before something that cannot be taken back from the app."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Label, Static

from detox.i18n import N_, _
from detox.tui.modals.base import Modal


class ConfirmModal(Modal[bool]):
    BINDINGS = [
        Binding("escape", "no", N_("Keep it"), id="confirm-no"),
        Binding("y", "yes", N_("Yes"), id="confirm-yes"),
    ]

    def __init__(self, question: str, detail: str, yes: str) -> None:
        super().__init__()
        self.question = question
        self.detail = detail
        self.yes = yes

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(self.question, classes="dialog-title")
            yield Static(self.detail)
            with Horizontal(classes="form-row"):
                yield Button(
                    _("{action} (y)").format(action=self.yes),
                    id="yes",
                    variant="error",
                    compact=True,
                )
                yield Button(_("Keep it (Escape)"), id="no", compact=True)

    @on(Button.Pressed, "#yes")
    def action_yes(self) -> None:
        self.dismiss(True)

    @on(Button.Pressed, "#no")
    def action_no(self) -> None:
        self.dismiss(False)
