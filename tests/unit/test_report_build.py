"""The report's figures on a fixed history, checked against numbers worked out by hand
(tests/report_data.py explains every one of them)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from detox.balance.fasts import all_fasts, check_fast
from detox.context import Context
from detox.reports.build import build_report
from detox.reports.model import Report
from detox.reports.periods import parse_week
from tests import report_data as data


@pytest.fixture
def ctx(tmp_path: Path) -> Context:
    context = data.context(data.make_paths(tmp_path / "home"))
    data.fill(context)
    [fast] = all_fasts(context)
    check_fast(context, fast)  # writes the slip of Thursday to the integrity log
    return data.context(context.paths)


@pytest.fixture
def report(ctx: Context) -> Report:
    return build_report(ctx, parse_week(data.WEEK, "monday"))


def test_totals_per_day_and_change(report: Report) -> None:
    assert report.period.first == date(2026, 11, 16)
    assert report.previous.first == date(2026, 11, 9)
    assert report.previous.last == date(2026, 11, 15)
    assert report.state == "past"
    assert report.total_seconds == pytest.approx(data.TOTAL)
    assert [round(line.seconds) for line in report.days] == data.PER_DAY
    assert report.previous_total_seconds == pytest.approx(data.PREVIOUS_TOTAL)
    assert report.change.seconds == pytest.approx(5640)
    assert round(report.change.seconds / 60) == 94
    assert report.change.percent == pytest.approx(5640 / 9000 * 100)
    assert report.daily_average == pytest.approx(data.TOTAL / 7)


def test_apps_with_sessions_average_and_longest(report: Report) -> None:
    found = {
        line.app: (round(line.seconds), line.sessions, round(line.longest_session))
        for line in report.apps
    }
    assert found == data.APPS
    assert [line.app for line in report.apps] == ["youtube", "reddit", "tiktok", "instagram"]
    instagram = next(line for line in report.apps if line.app == "instagram")
    assert instagram.name == "Instagram"
    assert instagram.average_session == pytest.approx(580)
    assert instagram.previous_seconds == pytest.approx(1800)
    assert instagram.change.seconds == pytest.approx(-60)
    assert instagram.change.percent == pytest.approx(-100 / 30)
    reddit = next(line for line in report.apps if line.app == "reddit")
    assert reddit.change.percent is None  # nothing the week before: no percentage to give
    assert [(line.app, round(line.previous_seconds)) for line in report.dropped_apps] == [
        ("whatsapp", 600)
    ]


def test_categories_and_devices(report: Report, ctx: Context) -> None:
    assert {
        c.category: (round(c.seconds), round(c.previous_seconds)) for c in report.categories
    } == {
        "video": (9300, 6600),
        "forum": (3600, 0),
        "social": (1740, 1800),
        "messaging": (0, 600),
    }
    devices = {
        d.label: (d.kind, round(d.seconds), round(d.previous_seconds)) for d in report.devices
    }
    host = ctx.device.name
    assert devices == {
        f"{host} (tracked)": ("tracker", 10740, 9000),
        "aw-desktop (imported)": ("import", 2700, 0),
        "phone (entered)": ("manual", 1200, 0),
    }


def test_heatmap_by_local_day_and_wall_hour(report: Report) -> None:
    cells = report.heatmap.cells
    expected = {
        (0, 9): 1440,  # Monday 09:00-09:30 with two gaps
        (0, 21): 1800,
        (0, 22): 1800,
        (1, 23): 600,  # Tuesday night: TikTok before and after midnight
        (1, 0): 1200,
        (1, 3): 1800,  # Reddit before the 04:00 day start counts to Tuesday
        (2, 4): 1800,  # ... and after it to Wednesday
        (3, 12): 1200,
        (4, 18): 2700,
        (6, 10): 300,
    }
    found = {
        (row, hour): round(seconds)
        for row, hours in enumerate(cells)
        for hour, seconds in enumerate(hours)
        if seconds
    }
    assert found == expected
    assert report.heatmap.total == pytest.approx(data.TOTAL)


def test_csv_rows_are_per_day_app_and_device(report: Report, ctx: Context) -> None:
    rows = {
        (r.day.isoformat(), r.app, r.device): (round(r.seconds), r.sessions) for r in report.rows
    }
    host = ctx.device.name
    assert rows[("2026-11-16", "instagram", f"{host} (tracked)")] == (1440, 2)
    assert rows[("2026-11-17", "reddit", f"{host} (tracked)")] == (1800, 1)
    assert rows[("2026-11-18", "reddit", f"{host} (tracked)")] == (1800, 1)
    assert rows[("2026-11-19", "tiktok", "phone (entered)")] == (1200, 1)
    assert rows[("2026-11-20", "youtube", "aw-desktop (imported)")] == (2700, 1)
    assert sum(seconds for seconds, _ in rows.values()) == data.TOTAL


def test_mood_means_and_trend(report: Report) -> None:
    moods = {line.day.day: line.mood for line in report.days if line.mood is not None}
    assert moods == {16: 7.0, 18: 5.0, 20: 3.0}
    mood = report.mood
    assert (mood.entries, mood.days_logged) == (4, 3)
    assert mood.mean == pytest.approx(5.5)
    assert mood.previous_mean == pytest.approx(6.0)
    assert mood.trend == pytest.approx(-4.0)
    assert mood.trend_word == "falling"


def test_budgets_count_days_within(report: Report) -> None:
    budgets = {line.target: line for line in report.budgets.lines}
    assert set(budgets) == {"total", "instagram", "youtube"}
    assert budgets["total"].days_within == 6
    assert budgets["total"].days_over == (date(2026, 11, 16),)
    assert budgets["instagram"].days_over == (date(2026, 11, 16),)
    assert budgets["youtube"].days_over == (date(2026, 11, 16), date(2026, 11, 20))
    assert budgets["youtube"].weekend_seconds == 3600
    assert budgets["youtube"].average_seconds == pytest.approx(900)
    assert (report.budgets.days_judged, report.budgets.days_within_all) == (7, 5)
    assert not report.budgets.includes_today


def test_fast_days_streak_and_integrity_log(report: Report) -> None:
    [fast] = report.fasts
    assert fast.name == "No TikTok"
    assert fast.state == "finished"
    assert (fast.days_kept, fast.days_slipped, fast.days_off) == (4, 1, 0)
    assert (fast.streak, fast.longest_streak) == (3, 3)
    [entry] = fast.log
    assert entry.type == "slip"
    assert "2026-11-19" in entry.message


def test_insights_say_what_a_week_cannot_show_yet(report: Report) -> None:
    sentences = report.insights.sentences
    assert sentences[0].startswith("Not enough data yet to compare your mood on fast days")
    assert any("same-day mood" in sentence for sentence in sentences)
    assert report.insights.caveat.startswith("Correlation is not causation")


def test_the_week_before_sees_the_mood_but_no_fast(ctx: Context) -> None:
    report = build_report(ctx, parse_week("2026-W46", "monday"))
    assert report.total_seconds == pytest.approx(data.PREVIOUS_TOTAL)
    assert report.fasts == ()
    assert report.mood.entries == 1


def test_a_running_week_is_compared_with_the_same_days_before(tmp_path: Path) -> None:
    paths = data.make_paths(tmp_path / "home")
    # Thursday 19 November, noon: Mon-Thu of this week against Mon-Thu of the week before.
    ctx = data.context(paths, data.at(19, 12, 30))
    data.fill(ctx)
    report = build_report(ctx, parse_week(data.WEEK, "monday"))
    assert report.state == "current"
    assert report.previous_partial
    assert (report.previous.first, report.previous.last) == (date(2026, 11, 9), date(2026, 11, 12))
    assert report.previous_total_seconds == pytest.approx(1800 + 600)
    assert [line.state for line in report.days] == ["past"] * 3 + ["current"] + ["future"] * 3
    assert report.days_elapsed == 4
    # Judged so far: Monday to Thursday, today included.
    assert report.budgets.days_judged == 4
    assert report.budgets.includes_today


def test_an_empty_week_is_a_report_of_nothing(tmp_path: Path) -> None:
    ctx = data.context(data.make_paths(tmp_path / "home", 'timezone = "Europe/Warsaw"\n'))
    report = build_report(ctx, parse_week("2026-W40", "monday"))
    assert report.empty
    assert report.total_seconds == 0
    assert len(report.days) == 7
    assert report.apps == () and report.devices == () and report.rows == ()
    assert report.mood.mean is None and report.mood.trend is None
    assert report.budgets.lines == ()
    assert report.heatmap.peak == 0


def test_a_future_week_has_nothing_to_judge(ctx: Context) -> None:
    report = build_report(ctx, parse_week("2027-W02", "monday"))
    assert report.state == "future"
    assert all(line.state == "future" for line in report.days)
    assert report.budgets.days_judged == 0
    assert report.insights.sentences == (
        "This period has not begun, so there is nothing to look at yet.",
    )


def test_ignored_categories_are_not_counted(tmp_path: Path) -> None:
    paths = data.make_paths(tmp_path / "home", 'ignore_categories = ["video"]\n' + data.CONFIG)
    ctx = data.context(paths)
    data.fill(ctx)
    report = build_report(data.context(paths), parse_week(data.WEEK, "monday"))
    assert {line.app for line in report.apps} == {"reddit", "instagram"}
    assert report.total_seconds == pytest.approx(3600 + 1740)
    assert report.heatmap.total == pytest.approx(3600 + 1740)
    assert {c.category for c in report.categories} == {"forum", "social", "messaging"}
