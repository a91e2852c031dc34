"""Logging mood from anywhere in the app, by keys alone."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from zoneinfo import ZoneInfo

from textual.widgets import Collapsible, DataTable

from detox.models import MoodEntry
from detox.tui.app import DetoxApp
from detox.tui.modals.mood import MoodModal
from tests.tui.helpers import settle


async def test_m_digit_enter_saves_a_mood(make_app: Callable[..., DetoxApp]) -> None:
    app = make_app(seed=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("m")
        assert isinstance(app.screen, MoodModal)
        await pilot.press("0", "enter")  # 0 means 10
        await settle(pilot)
        assert not isinstance(app.screen, MoodModal)
    moods = app.context.store.records(MoodEntry)
    assert [m.score for m in moods] == [10]


async def test_escape_closes_without_saving(make_app: Callable[..., DetoxApp]) -> None:
    app = make_app(seed=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("m", "7", "escape")
        await app.workers.wait_for_complete()
        assert not isinstance(app.screen, MoodModal)
    assert app.context.store.records(MoodEntry) == []


async def test_enter_without_a_score_asks_for_one(make_app: Callable[..., DetoxApp]) -> None:
    app = make_app(seed=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("m", "enter")
        assert isinstance(app.screen, MoodModal)
        error = str(app.screen.query_one("#mood-error").render())
        assert "Pick a score" in error
    assert app.context.store.records(MoodEntry) == []


async def test_optional_dimensions_tags_and_note(make_app: Callable[..., DetoxApp]) -> None:
    app = make_app(seed=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("m", "6")
        modal = app.screen
        modal.query_one("#mood-more", Collapsible).collapsed = False
        await pilot.pause()
        modal.query_one("#dim-sleep_quality").focus()
        await pilot.press("8")
        modal.query_one("#mood-tags").focus()
        await pilot.press(*"walk Friends")
        modal.query_one("#mood-note").focus()
        await pilot.press(*"good day", "enter")
        await app.workers.wait_for_complete()
    [mood] = app.context.store.records(MoodEntry)
    assert (mood.score, mood.dimensions, mood.tags, mood.note) == (
        6,
        {"sleep_quality": 8},
        ["friends", "walk"],
        "good day",
    )


async def test_out_of_range_dimension_is_refused(make_app: Callable[..., DetoxApp]) -> None:
    app = make_app(seed=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("m", "6")
        modal = app.screen
        modal.query_one("#mood-more", Collapsible).collapsed = False
        await pilot.pause()
        modal.query_one("#dim-focus").focus()
        await pilot.press("1", "2", "enter")
        assert isinstance(app.screen, MoodModal)
        assert "Focus must be 1-10" in str(modal.query_one("#mood-error").render())
    assert app.context.store.records(MoodEntry) == []


async def test_mood_screen_shows_the_detox_day_of_each_entry(
    make_app: Callable[..., DetoxApp],
) -> None:
    # 02:00 on Wednesday 25 November counts for detox-day Tuesday (days start at 04:00); the
    # screen used to show the calendar date, "Wed 25 Nov 02:00".
    app = make_app(seed=False)
    context = app.context
    context.store.put(
        MoodEntry(
            device=context.device.id,
            updated_at=context.clock.now(),
            at=datetime(2026, 11, 25, 2, 0, tzinfo=ZoneInfo("Europe/Warsaw")),
            score=3,
        )
    )
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("o")
        await settle(pilot)
        table = app.screen.query_one("#mood-entries", DataTable)
        assert table.row_count == 1
        assert [str(cell) for cell in table.get_row_at(0)[:2]] == ["Tue 24 Nov 02:00", "3/10"]
