"""Adding and toggling reminders on the Reminders screen."""

from __future__ import annotations

from collections.abc import Callable
from datetime import time

from textual.widgets import DataTable, Input

from detox import i18n
from detox.models import Reminder
from detox.tui.app import DetoxApp
from detox.tui.screens.reminders import ReminderForm
from tests.tui.helpers import screen_text, settle


async def test_add_a_reminder(make_app: Callable[..., DetoxApp]) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("r")
        await settle(pilot)
        await pilot.press("a")
        form = app.screen
        assert isinstance(form, ReminderForm)
        form.query_one("#reminder-text", Input).value = "Call mum"
        form.query_one("#reminder-at", Input).value = "18:15"
        form.query_one("#reminder-days", Input).value = "mon-fri"
        await pilot.click("#reminder-add")
        await settle(pilot)
        table = app.screen.query_one("#reminder-list", DataTable)
        assert any("Call mum" in str(table.get_row_at(i)) for i in range(table.row_count))
    [reminder] = [r for r in app.context.store.records(Reminder) if r.reminder_kind == "custom"]
    assert (reminder.text, reminder.at, reminder.days) == (
        "Call mum",
        time(18, 15),
        [0, 1, 2, 3, 4],
    )


async def test_a_bad_time_is_refused(make_app: Callable[..., DetoxApp]) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("r", "a")
        form = app.screen
        form.query_one("#reminder-text", Input).value = "Walk"
        form.query_one("#reminder-at", Input).value = "25:00"
        await pilot.click("#reminder-add")
        await pilot.pause()
        assert isinstance(app.screen, ReminderForm)
        assert "18:00" in str(form.query_one("#reminder-error").render())
    assert app.context.store.records(Reminder) == []


async def test_space_turns_the_mood_reminder_off(make_app: Callable[..., DetoxApp]) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("r")
        await settle(pilot)
        table = app.screen.query_one("#reminder-list", DataTable)
        names = [str(table.get_row_at(i)[0]) for i in range(table.row_count)]
        table.move_cursor(row=names.index("Mood"))
        await pilot.press("space")
        await settle(pilot)
        row = table.get_row_at(names.index("Mood"))
        assert str(row[3]) == "off"
    [mood] = [r for r in app.context.store.records(Reminder) if r.reminder_kind == "mood"]
    assert mood.enabled is False


async def test_days_in_spanish_as_the_form_suggests(make_app: Callable[..., DetoxApp]) -> None:
    # The days field starts as remind list says "every day" ("a diario") and is taken as it
    # stands; the hint gives examples in Spanish, and days typed as they are shown are taken.
    i18n.activate("es")
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("r")
        await settle(pilot)
        for text, days in (("Agua", None), ("Paseo", "sáb, dom")):
            await pilot.press("a")
            form = app.screen
            assert isinstance(form, ReminderForm)
            assert form.query_one("#reminder-days", Input).value == "a diario"
            assert "lun-vie" in screen_text(app)
            form.query_one("#reminder-text", Input).value = text
            form.query_one("#reminder-at", Input).value = "18:00"
            if days is not None:
                form.query_one("#reminder-days", Input).value = days
            await pilot.click("#reminder-add")
            await settle(pilot)
            assert not isinstance(app.screen, ReminderForm), screen_text(app)
    found = {r.text: r.days for r in app.context.store.records(Reminder)}
    assert found["Agua"] == [0, 1, 2, 3, 4, 5, 6]
    assert found["Paseo"] == [5, 6]
