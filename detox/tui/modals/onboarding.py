"""First run: what to count, a daily budget, a first fast or a baseline week, the mood reminder,
and whether to start the tracker at login. Escape skips it all and lands on Today."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import time

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Button, Checkbox, Input, Label, RadioSet, Select, Static
from textual.worker import Worker, WorkerState

from detox import i18n
from detox.balance.baselines import baseline_week
from detox.balance.budgets import set_budget
from detox.balance.fasts import start_fast
from detox.balance.presets import default_name, preset_period
from detox.balance.rules import build_rules
from detox.catalog import CATEGORIES, category_name
from detox.clock import current_day
from detox.config import set_config_value
from detox.context import Context
from detox.durations import parse_duration
from detox.errors import DetoxError, InputError
from detox.i18n import N_, _
from detox.reminders.manage import set_enabled
from detox.tui.first_run import mark_onboarded
from detox.tui.modals.base import Modal
from detox.tui.widgets.toggles import MarkedCheckbox, MarkedRadioButton
from detox.tui.words import language_options

APPLY_WORKER = "onboarding-apply"

FIRST_STEPS = {
    "baseline": N_("Just measure a baseline week first"),
    "week": N_("Start a 7-day break today"),
    "month": N_("Start a 30-day break today"),
    "lent": N_("Plan for Lent (Western churches)"),
    "great-lent": N_("Plan for Great Lent (Orthodox churches)"),
}


@dataclass(frozen=True)
class Choices:
    counted: list[str]
    budget_seconds: int | None
    first_step: str
    mood_reminder: time | None
    install_service: bool
    language: str = "auto"


class OnboardingModal(Modal[str | None]):
    BINDINGS = [Binding("escape", "skip", N_("Skip"), id="onboarding-skip")]

    def __init__(self, context: Context) -> None:
        super().__init__()
        self.context = context
        self.language = "auto"  # what the picker shows; the config's default until changed

    def compose(self) -> ComposeResult:
        with VerticalScroll(classes="dialog", id="onboarding"):
            yield Label(_("Welcome to detox"), classes="dialog-title")
            yield Static(
                _("A few choices; all can be changed later. Escape skips."), classes="hint"
            )
            with Horizontal(classes="form-row"):
                yield Label(_("Language"), classes="form-label")
                yield Select[str](
                    language_options(),
                    value=self.language,
                    allow_blank=False,
                    id="language",
                    compact=True,
                )
            yield Label(_("1. What should detox count?"))
            with Horizontal(id="categories"):
                for category in CATEGORIES:
                    yield MarkedCheckbox(
                        category_name(category),
                        category != "professional",
                        id=f"count-{category}",
                        compact=True,
                    )
            with Horizontal(classes="form-row"):
                yield Label(_("2. Daily budget in total"), classes="form-label")
                yield Input(placeholder=_("e.g. 1h (empty: none)"), id="budget", compact=True)
            yield Label(_("3. Where to start"))
            with RadioSet(id="first-step"):
                for key, text in FIRST_STEPS.items():
                    yield MarkedRadioButton(
                        _(text), value=key == "baseline", name=key, compact=True
                    )
            with Horizontal(classes="form-row"):
                yield Label(_("4. Mood reminder at"), classes="form-label")
                yield Input(value="21:00", id="reminder", compact=True, classes="form-input")
            yield MarkedCheckbox(
                _("5. Start the tracker when I log in (no root)"), id="service", compact=True
            )
            yield Static("", id="onboarding-error")
            with Horizontal(classes="form-row"):
                yield Button(_("Done"), id="done", variant="primary", compact=True)
                yield Button(_("Skip"), id="skip", compact=True)

    def _choices(self) -> Choices:
        budget_text = self.query_one("#budget", Input).value.strip()
        reminder_text = self.query_one("#reminder", Input).value.strip()
        try:
            reminder = time.fromisoformat(reminder_text) if reminder_text else None
        except ValueError:
            raise InputError(_("the reminder time must look like 21:00")) from None
        if reminder is not None and reminder.tzinfo is not None:
            raise InputError(_("the reminder time is a local time such as 21:00, without a zone"))
        pressed = self.query_one("#first-step", RadioSet).pressed_button
        return Choices(
            counted=[c for c in CATEGORIES if self.query_one(f"#count-{c}", Checkbox).value],
            budget_seconds=parse_duration(budget_text) if budget_text else None,
            first_step=pressed.name if pressed is not None and pressed.name else "baseline",
            mood_reminder=reminder,
            install_service=self.query_one("#service", Checkbox).value,
            language=str(self.query_one("#language", Select).value),
        )

    @on(Select.Changed, "#language")
    async def _language_changed(self, event: Select.Changed) -> None:
        # The welcome is read in the language just picked, before any other choice is made.
        if str(event.value) == self.language:
            return  # sent when the picker is mounted too: only a change turns the page
        self.language = str(event.value)
        chosen = i18n.choose(self.language)
        if chosen != i18n.current():
            i18n.activate(chosen)
            await self.recompose()

    @on(Button.Pressed, "#done")
    def _done(self) -> None:
        try:
            choices = self._choices()
        except DetoxError as error:
            self.query_one("#onboarding-error", Static).update(str(error))
            return
        if not choices.counted:
            self.query_one("#onboarding-error", Static).update(_("Pick at least one kind of app."))
            return
        self.apply(choices)

    @work(thread=True, group="write", name=APPLY_WORKER)
    def apply(self, choices: Choices) -> str | None:
        """Store the choices; the message for Today, or None when something was refused."""
        context = self.context
        messages: list[str] = []
        try:
            if choices.language != "auto":
                set_config_value(context.paths.config_file, ("language",), choices.language)
            ignored = [c for c in CATEGORIES if c not in choices.counted]
            if ignored:
                set_config_value(context.paths.config_file, ("ignore_categories",), ignored)
                context.reload_settings()
            if choices.budget_seconds:
                set_budget(context, "total", choices.budget_seconds, None)
            if choices.first_step != "baseline":
                today = current_day(context.clock, context.settings)
                period = preset_period(choices.first_step, today)
                fast = start_fast(
                    context,
                    preset=choices.first_step,
                    period=period,
                    name=default_name(choices.first_step, period),
                    rules=build_rules(context.catalog),
                    days_off=[],
                    strict=False,
                )
                messages.append(
                    _("{name} starts {day}.").format(name=fast.name, day=fast.start.isoformat())
                )
            else:
                baseline = baseline_week(context)
                messages.append(
                    _(
                        "Baseline week {first} to {last}: insights will compare fasts with it."
                    ).format(first=baseline.start.isoformat(), last=baseline.end.isoformat())
                )
            if choices.mood_reminder is not None:
                set_enabled(context, "mood", True, at=choices.mood_reminder)
            else:
                set_enabled(context, "mood", False)
            if choices.install_service:
                from detox.tracker.service import service_backend

                messages.append(service_backend().install().message)
        except DetoxError as error:
            self.app.call_from_thread(
                self.query_one("#onboarding-error", Static).update,
                _("Not done: {error}").format(error=error),
            )
            return None
        mark_onboarded(context)
        return " ".join(messages) or _("All set.")

    @on(Worker.StateChanged)
    def _applied(self, event: Worker.StateChanged) -> None:
        # Dismissed once the worker has finished: dismissing from inside it removed this screen
        # while the worker still ran, and Textual then cancelled it (WorkerCancelled, now and then).
        worker = event.worker
        done = worker.name == APPLY_WORKER and event.state == WorkerState.SUCCESS
        if done and isinstance(worker.result, str):
            self.dismiss(worker.result)

    @on(Button.Pressed, "#skip")
    def action_skip(self) -> None:
        mark_onboarded(self.context)
        self.dismiss(None)
