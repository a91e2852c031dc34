"""Phone use by keys, like `detox log instagram 25m`: the app, how long, when it ended, where."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import time

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.suggester import SuggestFromList
from textual.widgets import Button, Input, Label, Static

from detox.catalog import Catalog
from detox.durations import parse_duration
from detox.errors import DetoxError, InputError
from detox.i18n import N_, _, listing
from detox.tui.modals.base import Modal


@dataclass(frozen=True)
class UseInput:
    app: str  # a catalog id
    seconds: int
    ended: time | None  # None: it just ended
    device_label: str


class LogUseModal(Modal[UseInput | None]):
    BINDINGS = [Binding("escape", "cancel", N_("Cancel"), id="log-cancel")]

    def __init__(self, catalog: Catalog) -> None:
        super().__init__()
        self.catalog = catalog

    def compose(self) -> ComposeResult:
        names = sorted({name for app in self.catalog.apps for name in (app.name, *app.aliases)})
        with Vertical(classes="dialog"):
            yield Label(_("Log use the tracker cannot see (a phone)"), classes="dialog-title")
            with Horizontal(classes="form-row"):
                yield Label(_("App"), classes="form-label")
                yield Input(
                    placeholder="Instagram, 微博, ВКонтакте…",
                    id="log-app",
                    compact=True,
                    suggester=SuggestFromList(names, case_sensitive=False),
                )
            with Horizontal(classes="form-row"):
                yield Label(_("How long"), classes="form-label")
                yield Input(
                    placeholder="25m", id="log-duration", compact=True, classes="form-input"
                )
            with Horizontal(classes="form-row"):
                yield Label(_("Ended at (empty: now)"), classes="form-label")
                yield Input(placeholder="HH:MM", id="log-ended", compact=True, classes="form-input")
            with Horizontal(classes="form-row"):
                yield Label(_("Device"), classes="form-label")
                yield Input(value="phone", id="log-device", compact=True, classes="form-input")
            yield Static("", id="log-error", classes="error")
            with Horizontal(classes="form-row"):
                yield Button(_("Log"), id="log-save", variant="primary", compact=True)
                yield Button(_("Cancel"), id="log-close", compact=True)

    @on(Input.Submitted)
    @on(Button.Pressed, "#log-save")
    def _save(self) -> None:
        try:
            result = self._read()
        except DetoxError as error:
            self.query_one("#log-error", Static).update(str(error))
            return
        self.dismiss(result)

    def _read(self) -> UseInput:
        app_text = self.query_one("#log-app", Input).value.strip()
        app = self.catalog.get(app_text) if app_text else None
        if app is None:
            close = listing(self.catalog.suggest(app_text)) if app_text else ""
            if not app_text:
                raise InputError(_("name the app"))
            if close:
                raise InputError(
                    _("unknown app {app}; did you mean {close}?").format(
                        app=repr(app_text), close=close
                    )
                )
            raise InputError(_("unknown app {app}").format(app=repr(app_text)))
        duration = self.query_one("#log-duration", Input).value.strip()
        if not duration:
            raise InputError(_("say how long, e.g. 25m or 1h10m"))
        seconds = parse_duration(duration)
        ended_text = self.query_one("#log-ended", Input).value.strip()
        try:
            ended = time.fromisoformat(ended_text) if ended_text else None
        except ValueError:
            raise InputError(_("the end time must look like 18:30")) from None
        device = self.query_one("#log-device", Input).value.strip() or "phone"
        return UseInput(app.id, seconds, ended, device)

    @on(Button.Pressed, "#log-close")
    def action_cancel(self) -> None:
        self.dismiss(None)
