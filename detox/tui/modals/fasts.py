"""Forms for fasts: a new one from a preset (dates shown before confirming), and ending early."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Checkbox, Input, Label, Select, Static

from detox.balance.fasts import start_fast
from detox.balance.presets import PRESETS, Period, default_name, preset_period
from detox.balance.rules import build_rules
from detox.clock import current_day
from detox.context import Context
from detox.errors import DetoxError
from detox.i18n import count
from detox.models import Fast, Rule, check_date
from detox.tui.widgets.toggles import MarkedCheckbox


def _date_or_none(text: str, what: str) -> date | None:
    text = text.strip()
    if not text:
        return None
    try:
        day = date.fromisoformat(text)
    except ValueError:
        raise DetoxError(f"{what}: write YYYY-MM-DD") from None
    try:
        return check_date(day)
    except ValueError as error:
        raise DetoxError(f"{what}: {error}") from None


@dataclass(frozen=True)
class FastForm:
    preset: str
    period: Period
    name: str
    rules: list[Rule]
    days_off: list[int]
    strict: bool


class NewFastModal(ModalScreen[Fast | None]):
    BINDINGS = [Binding("escape", "cancel", "Cancel", id="fast-cancel")]

    def __init__(self, context: Context) -> None:
        super().__init__()
        self.context = context
        self.today = current_day(context.clock, context.settings)

    def compose(self) -> ComposeResult:
        with Vertical(id="fast-dialog", classes="dialog"):
            yield Label("Start a fast", classes="dialog-title")
            yield Select(
                [(p.name, p.id) for p in PRESETS],
                value="lent",
                allow_blank=False,
                id="preset",
                compact=True,
            )
            yield Static(id="preset-help", classes="hint")
            with Horizontal(classes="form-row"):
                yield Label("Year", classes="form-label")
                yield Input(
                    placeholder=str(self.today.year),
                    id="year",
                    type="integer",
                    compact=True,
                    classes="form-input",
                )
            with Horizontal(classes="form-row"):
                yield Label("From / to", classes="form-label")
                yield Input(placeholder="YYYY-MM-DD", id="from", compact=True, classes="form-input")
                yield Input(placeholder="YYYY-MM-DD", id="to", compact=True, classes="form-input")
            with Horizontal(classes="form-row"):
                yield Label("Apps (empty: all)", classes="form-label")
                yield Input(placeholder="facebook, tiktok", id="apps", compact=True)
            with Horizontal(classes="form-row"):
                yield Label("Limit a day (or abstain)", classes="form-label")
                yield Input(placeholder="15m", id="limit", compact=True, classes="form-input")
            with Horizontal(classes="form-row"):
                yield MarkedCheckbox("Sundays off", id="sundays-off", compact=True)
                yield MarkedCheckbox("Strict mode", id="strict", compact=True)
            yield Static(id="fast-preview", classes="preview")
            with Horizontal(classes="form-row"):
                yield Button("Start", id="start", variant="primary", compact=True)
                yield Button("Cancel", id="cancel", compact=True)

    def on_mount(self) -> None:
        self.update_preview()

    @on(Select.Changed)
    @on(Input.Changed)
    @on(Checkbox.Changed)
    def _changed(self) -> None:
        self.update_preview()

    def _form(self) -> FastForm:
        preset = str(self.query_one("#preset", Select).value)
        year_text = self.query_one("#year", Input).value.strip()
        yearly = preset in ("lent", "great-lent")
        period = preset_period(
            preset,
            self.today,
            year=int(year_text) if (year_text and yearly) else None,
            start=_date_or_none(self.query_one("#from", Input).value, "from"),
            end=_date_or_none(self.query_one("#to", Input).value, "to"),
        )
        apps = self.query_one("#apps", Input).value.strip()
        limit = self.query_one("#limit", Input).value.strip()
        rules = build_rules(
            self.context.catalog, apps=[apps] if apps else [], limits=[limit] if limit else []
        )
        return FastForm(
            preset=preset,
            period=period,
            name=default_name(preset, period),
            rules=rules,
            days_off=[6] if self.query_one("#sundays-off", Checkbox).value else [],
            strict=self.query_one("#strict", Checkbox).value,
        )

    def update_preview(self) -> None:
        preset_id = self.query_one("#preset", Select).value
        description = next((p.description for p in PRESETS if p.id == preset_id), "")
        self.query_one("#preset-help", Static).update(description)
        preview = self.query_one("#fast-preview", Static)
        try:
            form = self._form()
        except (DetoxError, ValueError) as error:
            preview.update(f"Cannot start yet: {error}")
            self.query_one("#start", Button).disabled = True
            return
        start, end = form.period.start, form.period.end
        length = (end - start).days + 1
        off = ", Sundays off" if form.days_off else ""
        preview.update(
            f"{form.name}: {start:%a %d %b %Y} to {end:%a %d %b %Y} "
            f"({count(length, 'day', 'days')}{off})" + (", strict" if form.strict else "")
        )
        self.query_one("#start", Button).disabled = False

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)

    @on(Button.Pressed, "#start")
    def _start(self) -> None:
        try:
            form = self._form()
        except (DetoxError, ValueError) as error:
            self.query_one("#fast-preview", Static).update(f"Cannot start: {error}")
            return
        self.create(form)

    @work(thread=True, group="write")
    def create(self, form: FastForm) -> None:
        try:
            fast = start_fast(
                self.context,
                preset=form.preset,
                period=form.period,
                name=form.name,
                rules=form.rules,
                days_off=form.days_off,
                strict=form.strict,
            )
        except DetoxError as error:
            self.app.call_from_thread(
                self.query_one("#fast-preview", Static).update, f"Cannot start: {error}"
            )
            return
        self.app.call_from_thread(self.dismiss, fast)


class EndFastModal(ModalScreen[str | None]):
    """Asks why, since an early end goes to the integrity log."""

    BINDINGS = [Binding("escape", "cancel", "Cancel", id="end-cancel")]

    def __init__(self, fast_name: str) -> None:
        super().__init__()
        self.fast_name = fast_name

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(f"End {self.fast_name} early?", classes="dialog-title")
            yield Label("The early end and your reason are kept in the integrity log.")
            yield Input(placeholder="reason (optional), then Enter", id="reason")
            with Horizontal(classes="form-row"):
                yield Button("End the fast", id="confirm", variant="error", compact=True)
                yield Button("Keep going", id="keep", compact=True)

    @on(Input.Submitted)
    @on(Button.Pressed, "#confirm")
    def _confirm(self) -> None:
        self.dismiss(self.query_one("#reason", Input).value.strip())

    @on(Button.Pressed, "#keep")
    def action_cancel(self) -> None:
        self.dismiss(None)
