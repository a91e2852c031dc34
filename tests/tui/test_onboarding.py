"""The first run: choices land in the store and config; Escape skips to Today."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, time

from textual.widgets import Input

from detox.config import load_settings
from detox.models import Baseline, Budget, Fast, Reminder
from detox.tui.app import DetoxApp
from detox.tui.modals.onboarding import OnboardingModal
from detox.tui.screens.today import TodayScreen
from detox.tui.widgets.toggles import MarkedRadioButton
from tests.tui.helpers import settle


async def test_first_run_choices_are_stored(make_app: Callable[..., DetoxApp]) -> None:
    app = make_app(seed=False, onboarded=False, config=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        modal = app.screen
        assert isinstance(modal, OnboardingModal)
        modal.query_one("#budget", Input).value = "1h30m"
        modal.query_one("#reminder", Input).value = "20:30"
        for button in modal.query(MarkedRadioButton):
            if button.name == "week":
                button.value = True
        await pilot.pause()
        await pilot.click("#done")
        await settle(pilot)
        assert isinstance(app.screen, TodayScreen)
    store = app.context.store
    [budget] = store.records(Budget)
    assert (budget.target, budget.weekday_seconds) == ("total", 5400)
    [fast] = store.records(Fast)
    assert (fast.preset, fast.start, fast.end) == ("week", date(2026, 11, 25), date(2026, 12, 1))
    [reminder] = store.records(Reminder)
    assert (reminder.reminder_kind, reminder.at) == ("mood", time(20, 30))
    settings = load_settings(app.context.paths.config_file)
    assert settings.ignore_categories == ["professional"]
    assert (app.context.paths.state_dir / "onboarded").exists()


async def test_a_baseline_week_is_recorded(make_app: Callable[..., DetoxApp]) -> None:
    # "Just measure a baseline week first" (the default) used to record nothing at all.
    app = make_app(seed=False, onboarded=False, config=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, OnboardingModal)
        await pilot.click("#done")
        await settle(pilot)
        assert isinstance(app.screen, TodayScreen)
    assert app.context.store.records(Fast) == []
    [baseline] = app.context.store.records(Baseline)
    assert (baseline.start, baseline.end) == (date(2026, 11, 25), date(2026, 12, 1))


async def test_escape_skips_and_lands_on_today(make_app: Callable[..., DetoxApp]) -> None:
    app = make_app(seed=False, onboarded=False, config=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, OnboardingModal)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, TodayScreen)
    assert app.context.store.records(Fast) == []
    assert (app.context.paths.state_dir / "onboarded").exists()


async def test_bad_budget_is_explained_and_nothing_stored(
    make_app: Callable[..., DetoxApp],
) -> None:
    app = make_app(seed=False, onboarded=False, config=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        app.screen.query_one("#budget", Input).value = "lots"
        await pilot.click("#done")
        await pilot.pause()
        assert isinstance(app.screen, OnboardingModal)
        assert "cannot read duration" in str(app.screen.query_one("#onboarding-error").render())
    assert app.context.store.records(Budget) == []
    assert not (app.context.paths.state_dir / "onboarded").exists()
