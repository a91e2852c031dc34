"""What the app says about itself: onboarding only for a new user, the tracker truthfully from
the first paint, the heatmap from the day start, a key bar readable at 80 columns."""

from __future__ import annotations

from collections.abc import Callable
from datetime import time

import pytest
from textual.widgets import Static

from detox.reminders import manage
from detox.tui.app import DetoxApp
from detox.tui.modals.onboarding import OnboardingModal
from detox.tui.widgets.keybar import KeyBar

from .helpers import screen_text, settle


async def test_no_onboarding_for_someone_with_data(make_app: Callable[..., DetoxApp]) -> None:
    app = make_app(seed=True, onboarded=False, config=False)  # e.g. imported or made by the CLI
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert not isinstance(app.screen, OnboardingModal)


async def test_no_onboarding_for_someone_with_settings(make_app: Callable[..., DetoxApp]) -> None:
    app = make_app(seed=False, onboarded=False, config=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert not isinstance(app.screen, OnboardingModal)


async def test_onboarding_offers_great_lent(make_app: Callable[..., DetoxApp]) -> None:
    app = make_app(seed=False, onboarded=False, config=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, OnboardingModal)
        app.screen.query_one("#first-step").scroll_visible(animate=False)
        await pilot.pause()
        assert "Great Lent" in screen_text(app)


async def test_tracker_line_is_never_wrong(make_app: Callable[..., DetoxApp]) -> None:
    app = make_app()
    app.track = True  # as `detox` starts it; the tracker thread starts after the first paint
    started: list[bool] = []
    app.start_tracker = lambda announce: started.append(announce)  # type: ignore[method-assign]
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        first = str(app.screen.query_one("#tracker", Static).render())
        assert "not running" not in first  # it is about to start: "starting" or "checking"
        await settle(pilot)
        assert "starting" in str(app.screen.query_one("#tracker", Static).render())
        text = screen_text(app)
        assert "Start tracker" not in text  # no offer to start what is starting


async def test_tracker_off_offers_to_start(make_app: Callable[..., DetoxApp]) -> None:
    app = make_app()  # track=False: nothing starts by itself
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert "not running. Press T" in str(app.screen.query_one("#tracker", Static).render())
        assert "T Start tracker" in screen_text(app)


async def test_key_bar_at_80_columns_shows_whole_labels(make_app: Callable[..., DetoxApp]) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        for key in ("t", "w", "f", "o", "r", "s"):
            await pilot.press(key)
            await settle(pilot)
            bar = str(app.screen.query_one(KeyBar).render())
            assert len(bar) <= 80
            assert bar.rstrip().endswith("? Keys"), bar
            assert "q Quit" in bar and "m Mood log" in bar, bar
        # the screen's own keys come first
        await pilot.press("f")
        await settle(pilot)
        bar = str(app.screen.query_one(KeyBar).render())
        assert bar.strip().startswith("n New fast")


async def test_heatmap_starts_at_the_day_start(make_app: Callable[..., DetoxApp]) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("w")
        await settle(pilot)
        heatmap = str(app.screen.query_one("#week-heatmap").render())
    assert heatmap.splitlines()[0].split()[:3] == ["hour", "4", "7"]


async def test_fast_reminder_says_when_it_next_shows(make_app: Callable[..., DetoxApp]) -> None:
    app = make_app(long=True)  # a fast runs today (the 25th), so there is a morning message
    rows = {row.spec.kind: row for row in manage.overview(app.context).rows}
    next_at = rows["fast"].next_at
    assert next_at is not None
    local = next_at.astimezone(app.context.settings.zone)
    assert (local.day, local.time()) == (26, time(9, 0))


async def test_a_screen_loads_once_when_shown_and_again_when_back(
    make_app: Callable[..., DetoxApp],
) -> None:
    # Textual sends a new screen two resumes and calls the on_mount of each of its classes:
    # each used to start a load, so Today read the store three times before its first paint.
    from detox.tui.modals.mood import MoodModal
    from detox.tui.screens.base import DataScreen

    def loads(screen: object) -> int:
        assert isinstance(screen, DataScreen)
        return screen.shown_generation  # once all arrived, the number of loads asked for

    app = make_app()
    # Its own reload (the tracker line, a second after the first paint) is not counted here.
    app._start_background = lambda: None  # type: ignore[method-assign]
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        today = app.screen
        assert loads(today) == 1
        await pilot.press("w")
        await settle(pilot)
        week = app.screen
        assert week is not today
        assert loads(week) == 1
        await pilot.press("t")  # back to Today: what changed meanwhile is shown
        await settle(pilot)
        assert app.screen is today
        assert loads(today) == 2
        await pilot.press("m")  # a dialog in front, then closed
        for _ in range(200):
            if isinstance(app.screen, MoodModal):
                break
            await pilot.pause(0.01)
        await pilot.press("escape")
        await settle(pilot)
        assert app.screen is today
        assert loads(today) == 3


async def test_background_work_waits_for_todays_first_data(
    make_app: Callable[..., DetoxApp], monkeypatch: pytest.MonkeyPatch
) -> None:
    # The tracker and the file watch start a moment after Today first shows its data, however
    # long that load takes: started a second after mount, they competed with it when it was slow.
    import threading

    from detox.tui import app as app_module
    from detox.tui.screens.today import TodayScreen

    app = make_app()
    app.track = True
    started: list[bool] = []
    app.start_tracker = lambda announce: started.append(announce)  # type: ignore[method-assign]
    release = threading.Event()
    load = TodayScreen.load

    def slow_load(screen: TodayScreen) -> object:
        release.wait(30)
        return load(screen)

    monkeypatch.setattr(TodayScreen, "load", slow_load)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause(app_module.BACKGROUND_DELAY_SECONDS + 0.5)
        assert started == []
        release.set()
        await settle(pilot)
        for _ in range(200):
            if started:
                break
            await pilot.pause(0.05)
        assert started == [False]  # started quietly, as at every start


async def test_the_cycle_collector_is_back_once_today_shows_its_data(
    make_app: Callable[..., DetoxApp],
) -> None:
    # Bare `detox` starts without it (detox.entry): start-up's objects are set aside and it is
    # back after the first paint of Today's data.
    import gc

    app = make_app()
    gc.disable()
    try:
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(pilot)
            for _ in range(200):
                if gc.isenabled():
                    break
                await pilot.pause(0.02)
            assert gc.isenabled()
            assert gc.get_freeze_count() > 0
    finally:
        gc.enable()
        gc.unfreeze()
