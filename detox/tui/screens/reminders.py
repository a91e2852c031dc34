"""Reminders: the list with what is next, add one, turn one on or off, send a test."""

from __future__ import annotations

from datetime import datetime, time

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Button, Header, Input, Label, Static

from detox.clock import to_local
from detox.errors import DetoxError, InputError
from detox.i18n import N_, _
from detox.localized import clock_time, weekday_name
from detox.reminders import manage
from detox.reminders.days import parse_days, shown_days
from detox.tui.modals.base import Modal
from detox.tui.screens.base import DataScreen
from detox.tui.widgets.keybar import KeyBar
from detox.tui.widgets.tables import Column, FitTable


def next_time(moment: datetime) -> str:
    """ "Thu 21:30", "czw. 21:30", "목 21:30": when a reminder shows next."""
    return f"{weekday_name(moment.weekday())} {clock_time(moment)}"


class ReminderForm(Modal[tuple[str, time, frozenset[int]] | None]):
    BINDINGS = [Binding("escape", "cancel", N_("Cancel"), id="reminder-cancel")]

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(_("A reminder of your own"), classes="dialog-title")
            with Horizontal(classes="form-row"):
                yield Label(_("Text"), classes="form-label")
                yield Input(placeholder=_("Go for a walk"), id="reminder-text", compact=True)
            with Horizontal(classes="form-row"):
                yield Label(_("At (HH:MM)"), classes="form-label")
                yield Input(
                    placeholder="18:00", id="reminder-at", compact=True, classes="form-input"
                )
            with Horizontal(classes="form-row"):
                yield Label(_("Days"), classes="form-label")
                yield Input(
                    value=_("daily"), id="reminder-days", compact=True, classes="form-input"
                )
            yield Static(_days_hint(), classes="hint")
            yield Static("", id="reminder-error")
            with Horizontal(classes="form-row"):
                yield Button(_("Add"), id="reminder-add", variant="primary", compact=True)
                yield Button(_("Cancel"), id="reminder-close", compact=True)

    @on(Input.Submitted)
    @on(Button.Pressed, "#reminder-add")
    def _add(self) -> None:
        try:
            text = self.query_one("#reminder-text", Input).value.strip()
            if not text:
                raise InputError(_("write what the reminder should say"))
            at_text = self.query_one("#reminder-at", Input).value.strip()
            try:
                at = time.fromisoformat(at_text)
            except ValueError:
                raise InputError(_("the time must look like 18:00")) from None
            if at.tzinfo is not None:
                raise InputError(_("the time is a local time such as 18:00, without a zone"))
            days = parse_days(self.query_one("#reminder-days", Input).value)
        except DetoxError as error:
            self.query_one("#reminder-error", Static).update(str(error))
            return
        self.dismiss((text, at, days))

    @on(Button.Pressed, "#reminder-close")
    def action_cancel(self) -> None:
        self.dismiss(None)


class RemindersScreen(DataScreen):
    TITLE_TEXT = N_("Reminders")
    BINDINGS = [
        Binding("a", "add", N_("Add"), id="reminder-add-key"),
        Binding("space", "toggle_reminder", N_("On/off"), id="reminder-toggle"),
        Binding("x", "test", N_("Test"), id="reminder-test"),
        Binding("delete", "remove", N_("Remove"), id="reminder-remove"),
    ]

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll():
            yield Static(id="reminder-summary", classes="headline")
            yield FitTable(
                Column(_("Reminder"), 11, grow=0),
                Column(_("What"), 12, grow=3),
                Column(_("When"), 12, grow=2),
                Column(_("On"), 3, grow=0),
                Column(_("Next"), 10, grow=0),
                id="reminder-list",
            )
            yield Static(id="reminder-list-detail", classes="detail")
            yield Static(
                _("a add · space on/off · x send a test notification · Delete removes your own"),
                classes="status",
            )
        yield KeyBar()

    def __init__(self) -> None:
        super().__init__()
        self._rows: list[manage.ReminderRow] = []

    def load(self) -> manage.Overview:
        return manage.overview(self.detox.context)

    def show(self, data: manage.Overview) -> None:
        self._rows = data.rows
        zone = self.detox.context.settings.zone
        summary = (
            _("Reminders: on; quiet hours {hours} hold all but your own.")
            if data.master.enabled
            else _("Reminders: all off; quiet hours {hours} hold all but your own.")
        )
        self.query_one("#reminder-summary", Static).update(summary.format(hours=data.quiet_hours))
        self.query_one("#reminder-list", FitTable).set_rows(
            [
                (
                    item.title,
                    item.about,
                    item.schedule,
                    _("on") if item.spec.enabled else _("off"),
                    next_time(to_local(item.next_at, zone)) if item.next_at else "-",
                )
                for item in data.rows
            ],
            keys=[item.spec.id for item in data.rows],
        )

    def _selected(self) -> manage.ReminderRow | None:
        row = self.query_one("#reminder-list", FitTable).cursor_row
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def action_add(self) -> None:
        self.app.push_screen(ReminderForm(), self._added)

    def _added(self, result: tuple[str, time, frozenset[int]] | None) -> None:
        if result is not None:
            self.change(
                lambda: manage.add_custom(self.detox.context, *result), _("Reminder added.")
            )

    def action_toggle_reminder(self) -> None:
        item = self._selected()
        if item is None:
            return
        ident = item.spec.id if item.spec.custom else item.spec.kind
        enabled = not item.spec.enabled
        self.change(
            lambda: manage.set_enabled(self.detox.context, ident, enabled),
            (_("{name} turned on.") if enabled else _("{name} turned off.")).format(
                name=item.title
            ),
        )

    def action_remove(self) -> None:
        item = self._selected()
        if item is None or not item.spec.custom:
            self.app.notify(_("Built-in reminders can be turned off, not removed."))
            return
        self.change(lambda: manage.remove_custom(self.detox.context, item.spec.id), _("Removed."))

    @work(thread=True, group="write")
    def change(self, action: object, done: str) -> None:
        assert callable(action)
        try:
            action()
        except DetoxError as error:
            self.app.call_from_thread(self.app.notify, str(error), severity="error")
            return
        self.app.call_from_thread(self.app.notify, done)
        self.app.call_from_thread(self.reload)

    @work(thread=True, group="write")
    def action_test(self) -> None:
        from detox.notify import notify

        delivery = notify(
            _("detox test"),
            _("Notifications work: reminders will look like this."),
            self.detox.context.store,
            kind="test",
        )
        message = (
            _("Delivered by {backend}.").format(backend=delivery.backend)
            if delivery.ok
            else _("No desktop notification could be shown: {detail}").format(
                detail=delivery.detail
            )
        )
        self.app.call_from_thread(
            self.app.notify, message, severity="information" if delivery.ok else "warning"
        )


def _days_hint() -> str:
    """Examples of what the days field takes, written as remind list shows days."""
    return _("Days: {every_day}, {weekdays}, {weekend} ...").format(
        every_day=_("daily"), weekdays=shown_days(range(5)), weekend=shown_days({5, 6})
    )
