"""Changing settings and the daily budget on the Apps and settings screen."""

from __future__ import annotations

from collections.abc import Callable

from textual.widgets import DataTable, Input

from detox.config import load_settings
from detox.models import Budget
from detox.tui.app import DetoxApp
from detox.tui.screens.base import DataScreen
from tests.tui.helpers import screen_text, settle, type_into, until_shown


async def test_save_settings_and_budget(make_app: Callable[..., DetoxApp]) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("s")
        await settle(pilot)
        screen = app.screen
        screen.query_one("#idle", Input).value = "240"
        screen.query_one("#day-start", Input).value = "05:00"
        screen.query_one("#budget-total", Input).value = "45m"
        await pilot.click("#save")
        await until_shown(pilot, "#settings-message", "Saved.")
    settings = load_settings(app.context.paths.config_file)
    assert (settings.idle_threshold, settings.day_start.hour) == (240, 5)
    [budget] = [b for b in app.context.store.records(Budget) if b.target == "total"]
    assert budget.weekday_seconds == 45 * 60


async def test_bad_value_is_not_saved(make_app: Callable[..., DetoxApp]) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("s")
        await settle(pilot)
        app.screen.query_one("#day-start", Input).value = "late"
        await pilot.click("#save")
        await settle(pilot)
        assert "Not saved" in str(app.screen.query_one("#settings-message").render())
    assert load_settings(app.context.paths.config_file).day_start.hour == 4


async def test_search_filters_the_catalog(make_app: Callable[..., DetoxApp]) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("s")
        await settle(pilot)
        app.screen.query_one("#search", Input).value = "vk.com"
        await pilot.pause()
        table = app.screen.query_one("#catalog", DataTable)
        assert [str(table.get_row_at(i)[0]) for i in range(table.row_count)] == ["vk"]


async def test_a_reload_keeps_what_was_typed(make_app: Callable[..., DetoxApp]) -> None:
    """The screen loads again when any data file changes (the tracker's flush every 30 s, a
    sync): a half-typed setting must survive that, and the fields not typed in still follow."""
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("s")
        await settle(pilot)
        await type_into(pilot, "#idle", "240")
        screen = app.screen
        assert isinstance(screen, DataScreen)
        screen.reload()
        await settle(pilot)
        assert screen.query_one("#idle", Input).value == "240"
        assert "240" in screen_text(app)
        assert screen.query_one("#day-start", Input).value == "04:00"
        await pilot.click("#save")
        await until_shown(pilot, "#settings-message", "Saved.")
    assert load_settings(app.context.paths.config_file).idle_threshold == 240
