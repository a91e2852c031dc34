"""What the CLI does for daily use, done by keys in the app; each checked in the store."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from textual.widgets import Input, Select

from detox.models import Budget, CheckIn, Event, Fast, ManualUsage, MoodEntry
from detox.tui.app import DetoxApp
from detox.tui.modals.budget import BudgetModal
from detox.tui.modals.checkin import CheckinModal
from detox.tui.modals.confirm import ConfirmModal
from detox.tui.modals.fasts import EditFastModal
from detox.tui.modals.log_use import LogUseModal
from detox.tui.modals.mood import MoodModal
from detox.tui.screens.settings import SettingsScreen
from detox.tui.widgets.tables import FitTable

from .helpers import screen_text, settle, type_into


async def test_log_phone_use_by_native_name(make_app: Callable[..., DetoxApp]) -> None:
    app = make_app(seed=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("l")
        assert isinstance(app.screen, LogUseModal)
        await type_into(pilot, "#log-app", "微博")
        await type_into(pilot, "#log-duration", "25m")
        await pilot.press("enter")
        await settle(pilot)
        assert not isinstance(app.screen, LogUseModal)
        assert "Weibo" in screen_text(app)  # Today shows it at once
    [entry] = app.context.store.records(ManualUsage)
    assert (entry.app, entry.duration, entry.device_label) == ("weibo", 1500, "phone")
    assert entry.start.timestamp() + 1500 == app.context.clock.now().timestamp()


async def test_unknown_app_is_explained_and_nothing_stored(
    make_app: Callable[..., DetoxApp],
) -> None:
    app = make_app(seed=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("l")
        await type_into(pilot, "#log-app", "instagarm")
        await type_into(pilot, "#log-duration", "5m")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, LogUseModal)
        assert "did you mean instagram" in screen_text(app)
    assert app.context.store.records(ManualUsage) == []


async def test_per_app_and_per_category_budgets(make_app: Callable[..., DetoxApp]) -> None:
    app = make_app(seed=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("s")
        await settle(pilot)
        await type_into(pilot, "#search", "ВКонтакте")
        await pilot.press("escape")  # leaves the search box for the table
        await pilot.press("b")
        modal = app.screen
        assert isinstance(modal, BudgetModal)
        assert modal.query_one("#budget-target", Select).value == "vk"
        await type_into(pilot, "#budget-weekday", "20m")
        await type_into(pilot, "#budget-weekend", "40m")
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("b")
        modal = app.screen
        assert isinstance(modal, BudgetModal)
        modal.query_one("#budget-target", Select).value = "category:social"
        await pilot.pause()
        await type_into(pilot, "#budget-weekday", "1h")
        await pilot.press("enter")
        await settle(pilot)
        assert "VK 20m" in screen_text(app).replace("00s", "").replace("  ", " ")
    budgets = {
        b.target: (b.weekday_seconds, b.weekend_seconds) for b in app.context.store.records(Budget)
    }
    assert budgets == {"vk": (1200, 2400), "category:social": (3600, None)}


async def test_search_finds_native_names_and_escape_leaves_it(
    make_app: Callable[..., DetoxApp],
) -> None:
    app = make_app(seed=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("s")
        await settle(pilot)
        for query, app_id in (("微博", "weibo"), ("카카오톡", "kakaotalk"), ("ВКонтакте", "vk")):
            await type_into(pilot, "#search", query)
            table = app.screen.query_one("#catalog", FitTable)
            ids = [str(table.get_row_at(i)[0]) for i in range(table.row_count)]
            assert ids == [app_id], (query, ids)
        settings = app.screen
        await pilot.press("escape", "t")
        await pilot.pause()
        assert not isinstance(app.screen, SettingsScreen)  # t showed Today, not typed in
        # and the search box kept only what was typed
        assert settings.query_one("#search", Input).value == "ВКонтакте"


async def test_edit_and_delete_a_mood_entry(make_app: Callable[..., DetoxApp]) -> None:
    app = make_app(long=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("o")
        await settle(pilot)
        table = app.screen.query_one("#mood-entries", FitTable)
        table.move_cursor(row=0)
        await pilot.press("e")
        modal = app.screen
        assert isinstance(modal, MoodModal)
        assert modal.query_one("#mood-tags", Input).value == "walk friends river sleep"
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("e")
        await pilot.pause()
        app.screen.set_focus(None)
        await pilot.press("9")
        await type_into(pilot, "#mood-note", "better after all")
        await pilot.press("enter")
        await settle(pilot)
        newest = max(app.context.store.records(MoodEntry), key=lambda e: e.at)
        assert (newest.score, newest.note, newest.rev) == (9, "better after all", 2)
        count = len(app.context.store.records(MoodEntry))
        table.move_cursor(row=0)
        await pilot.press("d")
        assert isinstance(app.screen, ConfirmModal)
        await pilot.press("y")
        await settle(pilot)
    moods = app.context.store.records(MoodEntry)
    assert len(moods) == count - 1
    assert newest.id not in {m.id for m in moods}


async def test_weekly_checkin(make_app: Callable[..., DetoxApp]) -> None:
    app = make_app(seed=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("o")
        await settle(pilot)
        await pilot.press("c")
        assert isinstance(app.screen, CheckinModal)
        await type_into(pilot, "#checkin-life", "7")
        await type_into(pilot, "#checkin-lack_companionship", "2")
        await type_into(pilot, "#checkin-left_out", "1")
        await type_into(pilot, "#checkin-isolated", "4")  # out of range: refused
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, CheckinModal)
        assert "answer 1-3" in screen_text(app)
        await type_into(pilot, "#checkin-isolated", "3")
        await pilot.press("enter")
        await settle(pilot)
        assert "life satisfaction 7/10" in screen_text(app)
    [checkin] = app.context.store.records(CheckIn)
    assert (checkin.life_satisfaction, checkin.loneliness) == (7, 6)


async def test_change_a_fasts_rules(make_app: Callable[..., DetoxApp]) -> None:
    app = make_app(long=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("f")
        await settle(pilot)
        table = app.screen.query_one("#fast-list", FitTable)
        names = [table.full_row(i)[0] for i in range(table.row_count)]  # type: ignore[index]
        table.move_cursor(row=next(i for i, n in enumerate(names) if n.startswith("Week off")))
        await pilot.press("c")
        modal = app.screen
        assert isinstance(modal, EditFastModal)
        assert modal.query_one("#edit-limit", Input).value == "15m"
        await type_into(pilot, "#edit-limit", "10m")
        await type_into(pilot, "#edit-reason", "too easy")
        await pilot.press("enter")
        await settle(pilot)
    [fast] = [f for f in app.context.store.records(Fast) if f.name.startswith("Week off")]
    assert [(r.kind, r.limit_seconds) for r in fast.rules] == [("limit", 600)]
    [event] = [e for e in app.context.store.records(Event) if e.type == "rule_change"]
    assert "too easy" in event.message


async def test_mood_calendar_shows_a_year_without_colour(
    make_app: Callable[..., DetoxApp],
) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("o")
        await settle(pilot)
        calendar = str(app.screen.query_one("#mood-calendar").render())
    rows = [
        line
        for line in calendar.splitlines()
        if line[:3] in ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
    ]
    assert len(rows) == 7
    cells = "".join(row[5:] for row in rows)
    moods = app.context.store.records(MoodEntry)
    days = {m.at.date() for m in moods}
    # One glyph per day with entries, and every glyph is in the legend (no colour needed).
    glyphs = [c for c in cells if c not in "· "]
    assert len(glyphs) == len(days)
    assert set(glyphs) <= set("▁▂▄▆█")
    assert "9-10" in calendar and "no entry" in calendar
    assert date(2026, 11, 25).strftime("%b") in calendar


async def test_call_off_a_planned_fast(make_app: Callable[..., DetoxApp]) -> None:
    app = make_app(long=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("f")
        await settle(pilot)
        table = app.screen.query_one("#fast-list", FitTable)
        names = [table.full_row(i)[0] for i in range(table.row_count)]  # type: ignore[index]
        table.move_cursor(row=names.index("Spring without short videos and endless feeds"))
        await pilot.press("d")
        assert isinstance(app.screen, ConfirmModal)
        assert "Call off" in screen_text(app)
        await pilot.press("y")
        await settle(pilot)
        assert "Spring without" not in screen_text(app)
    names_left = {f.name for f in app.context.store.records(Fast)}
    assert "Spring without short videos and endless feeds" not in names_left
    assert any(e.type == "cancel" for e in app.context.store.records(Event))


async def test_delete_a_fast_made_by_mistake(make_app: Callable[..., DetoxApp]) -> None:
    app = make_app(long=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("f")
        await settle(pilot)
        table = app.screen.query_one("#fast-list", FitTable)
        names = [table.full_row(i)[0] for i in range(table.row_count)]  # type: ignore[index]
        running = next(n for n in names if n.startswith("Week off"))
        table.move_cursor(row=names.index(running))
        await pilot.press("d")
        assert isinstance(app.screen, ConfirmModal)
        await pilot.press("escape")  # kept
        await settle(pilot)
        assert running in {f.name for f in app.context.store.records(Fast)}
        await pilot.press("d", "y")
        await settle(pilot)
    assert running not in {f.name for f in app.context.store.records(Fast)}
    assert any(e.type == "delete" for e in app.context.store.records(Event))


async def test_new_fast_starts_tomorrow_and_offers_the_cli_options(
    make_app: Callable[..., DetoxApp],
) -> None:
    app = make_app(seed=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("f")
        await settle(pilot)
        await pilot.press("n")
        modal = app.screen
        # Lent 2026 is over on 25 November: the empty year box says 2027, as the preview does,
        # and Tab through it leaves it valid (not red).
        year = modal.query_one("#year", Input)
        assert year.placeholder == "2027"
        year.focus()
        await pilot.press("tab")
        await pilot.pause()
        assert year.is_valid
        assert "Lent 2027" in screen_text(app)
        assert "--" not in screen_text(app)  # no CLI flags named in the form
        await pilot.click("#holy-thursday")
        await pilot.pause()
        assert "to Thu 25 Mar 2027" in screen_text(app)
        modal.query_one("#preset", Select).value = "week"
        await pilot.pause()
        await type_into(pilot, "#from", "tomorrow")
        await type_into(pilot, "#days-off", "sun")
        assert "Thu 26 Nov 2026 to Wed 2 Dec 2026" in screen_text(app)
        await pilot.click("#start")
        await settle(pilot)
    [fast] = app.context.store.records(Fast)
    assert (fast.start, fast.end, fast.days_off, fast.starts_at) == (
        date(2026, 11, 26),
        date(2026, 12, 2),
        [6],
        None,
    )
