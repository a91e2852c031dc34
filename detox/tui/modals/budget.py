"""A daily budget for an app, its category, or in total, like `detox budget set`: a weekday
value, an optional weekend value, and Clear to fall back to config.toml's default."""

from __future__ import annotations

from dataclasses import dataclass

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Input, Label, Select, Static

from detox.durations import parse_duration, typed_duration
from detox.errors import DetoxError, InputError
from detox.i18n import N_, _
from detox.tui.modals.base import Modal


@dataclass(frozen=True)
class BudgetChoice:
    target: str  # an app id, "category:NAME" or "total"
    weekday_seconds: int | None  # None: clear the journal budget
    weekend_seconds: int | None


class BudgetModal(Modal[BudgetChoice | None]):
    BINDINGS = [Binding("escape", "cancel", N_("Cancel"), id="budget-cancel")]

    def __init__(
        self, targets: list[tuple[str, str]], current: dict[str, tuple[int, int | None]]
    ) -> None:
        """`targets`: (label, target) choices, the first preselected; `current`: what is set."""
        super().__init__()
        self.targets = targets
        self.current = current

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(_("Daily budget"), classes="dialog-title")
            with Horizontal(classes="form-row"):
                yield Label(_("For"), classes="form-label")
                yield Select(
                    self.targets,
                    value=self.targets[0][1],
                    allow_blank=False,
                    id="budget-target",
                    compact=True,
                )
            with Horizontal(classes="form-row"):
                yield Label(_("Mon-Fri (e.g. 30m)"), classes="form-label")
                yield Input(id="budget-weekday", compact=True, classes="form-input")
            with Horizontal(classes="form-row"):
                yield Label(_("Sat-Sun (empty: same)"), classes="form-label")
                yield Input(id="budget-weekend", compact=True, classes="form-input")
            yield Static(_("Empty Mon-Fri and Save clears the budget."), classes="hint")
            yield Static("", id="budget-error", classes="error")
            with Horizontal(classes="form-row"):
                yield Button(_("Save"), id="budget-save", variant="primary", compact=True)
                yield Button(_("Cancel"), id="budget-close", compact=True)

    def on_mount(self) -> None:
        self._fill(self.targets[0][1])

    @on(Select.Changed, "#budget-target")
    def _target_changed(self, event: Select.Changed) -> None:
        self._fill(str(event.value))

    def _fill(self, target: str) -> None:
        weekday, weekend = self.current.get(target, (None, None))
        self.query_one("#budget-weekday", Input).value = typed_duration(weekday) if weekday else ""
        self.query_one("#budget-weekend", Input).value = typed_duration(weekend) if weekend else ""

    @on(Input.Submitted)
    @on(Button.Pressed, "#budget-save")
    def _save(self) -> None:
        target = str(self.query_one("#budget-target", Select).value)
        weekday_text = self.query_one("#budget-weekday", Input).value.strip()
        weekend_text = self.query_one("#budget-weekend", Input).value.strip()
        try:
            if not weekday_text and weekend_text:
                raise InputError(_("give the Mon-Fri budget too"))
            weekday = parse_duration(weekday_text) if weekday_text else None
            weekend = parse_duration(weekend_text) if weekend_text else None
        except DetoxError as error:
            self.query_one("#budget-error", Static).update(str(error))
            return
        self.dismiss(BudgetChoice(target, weekday, weekend))

    @on(Button.Pressed, "#budget-close")
    def action_cancel(self) -> None:
        self.dismiss(None)
