"""`b` in the app: log a blood-pressure reading (and the pulse the monitor showed).

Typed as on the monitor, 128/82, then Tab to the pulse if wanted; Enter saves, Escape closes.
A value outside the ranges is named in the dialog and nothing is stored.
"""

from __future__ import annotations

from dataclasses import dataclass

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Input, Label, Static

from detox.errors import InputError
from detox.health.readings import check_pulse, parse_bp
from detox.i18n import N_, _
from detox.tui.modals.base import Modal


@dataclass(frozen=True)
class ReadingInput:
    systolic: int
    diastolic: int
    pulse: int | None = None


class ReadingModal(Modal[ReadingInput | None]):
    DEFAULT_CSS = """
    ReadingModal { align: center middle; }
    #reading-dialog {
        width: 52; max-width: 100%; height: auto; border: thick $primary;
        background: $surface; padding: 1 2;
    }
    #reading-dialog Input { margin: 1 0 0 0; }
    #reading-error { color: $error; text-style: bold; }
    """
    BINDINGS = [
        Binding("escape", "dismiss_none", N_("Close"), id="reading-close"),
    ]

    def compose(self) -> ComposeResult:
        with Vertical(id="reading-dialog"):
            yield Label(_("Blood pressure (mmHg), seated and rested"), classes="dialog-title")
            yield Input(placeholder="128/82", id="reading-bp", max_length=7)
            yield Input(placeholder=_("pulse (optional)"), id="reading-pulse", type="integer")
            yield Static("", id="reading-error")
            yield Label(
                _(
                    "Two or three readings a minute apart make one session. "
                    "Enter saves, Escape closes."
                ),
                classes="hint",
            )

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_save()

    def action_dismiss_none(self) -> None:
        self.dismiss(None)

    def action_save(self) -> None:
        error = self.query_one("#reading-error", Static)
        raw_pulse = self.query_one("#reading-pulse", Input).value.strip()
        try:
            systolic, diastolic = parse_bp(self.query_one("#reading-bp", Input).value)
            pulse = check_pulse(int(raw_pulse)) if raw_pulse else None
        except InputError as problem:
            message = str(problem)
            error.update(message[:1].upper() + message[1:])
            return
        except ValueError:
            error.update(
                _("Pulse must be a whole number, not {pulse}.").format(pulse=repr(raw_pulse))
            )
            return
        self.dismiss(ReadingInput(systolic, diastolic, pulse))
