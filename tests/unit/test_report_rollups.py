"""Daily rollups of closed days: built once, reused, read again for the days whose usage files
(of any device) change, keyed by the settings that cut days, and never a reason to read the
whole history."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable, Mapping
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Any

import pytest

from detox.clock import FixedClock, day_bounds
from detox.context import Context
from detox.paths import Paths
from detox.reports.build import build_report
from detox.reports.daily import DayStats, day_stats
from detox.reports.json_export import render_json
from detox.reports.periods import month_period, parse_week
from detox.reports.rollups import Rollups
from detox.store import Device, Store
from tests import report_data as data

FIRST, LAST = date(2026, 10, 12), date(2026, 10, 25)  # weeks 42 and 43


def october(ctx: Context) -> None:
    store = ctx.store
    store.add_spans(
        [
            data.span(store, "reddit", data.at(13, 20, 0, 10), data.at(13, 20, 45, 10)),
            data.span(store, "instagram", data.at(21, 3, 30, 10), data.at(21, 4, 30, 10)),
            data.span(store, "youtube", data.at(24, 23, 0, 10), data.at(25, 1, 0, 10)),
        ]
    )


@pytest.fixture
def ctx(tmp_path: Path) -> Context:
    context = data.context(data.make_paths(tmp_path / "home", 'timezone = "Europe/Warsaw"\n'))
    october(context)
    return context


def rollups(ctx: Context, day_start: time = time(4, 0)) -> Rollups:
    settings = ctx.settings
    return Rollups(
        ctx.store, day_start, settings.zone, settings.timezone, ctx.paths.state_dir, data.NOW
    )


def figures(found: Mapping[date, DayStats]) -> dict[date, tuple[float, list[float]]]:
    out = {}
    for day, stats in found.items():
        out[day] = (stats.seconds, stats.hours)
    return out


def direct(ctx: Context, day_start: time = time(4, 0)) -> dict[date, tuple[float, list[float]]]:
    zone = ctx.settings.zone
    start = day_bounds(FIRST, day_start, zone)[0]
    end = day_bounds(LAST, day_start, zone)[1]
    return figures(day_stats(ctx.store.spans(start, end), day_start, zone, FIRST, LAST))


def test_a_closed_month_is_rolled_up_once_and_read_back_the_same(ctx: Context) -> None:
    first = rollups(ctx)
    built = first.days(FIRST, LAST, frozenset())
    assert first.built == ["2026-10"]
    assert list(first.folder.glob("*.json")) == [first.folder / "2026-10.json"]
    again = rollups(ctx)
    cached = again.days(FIRST, LAST, frozenset())
    assert again.built == []
    assert figures(cached) == figures(built) == direct(ctx)
    assert cached[date(2026, 10, 20)].seconds == 1800  # Instagram before the 04:00 day start


def test_a_month_file_changed_by_another_device_is_rebuilt(ctx: Context) -> None:
    rollups(ctx).days(FIRST, LAST, frozenset())
    # A phone syncing its own folder into the shared data folder.
    phone = Store(ctx.paths, Device("phone-1234", "phone"), FixedClock(data.NOW))
    phone.add_spans([data.span(phone, "tiktok", data.at(14, 12, 0, 10), data.at(14, 12, 30, 10))])
    after = rollups(ctx)
    found = after.days(FIRST, LAST, frozenset())
    assert after.built == ["2026-10"]
    assert found[date(2026, 10, 14)].seconds == 1800
    assert figures(found) == direct(ctx)


def test_a_rewritten_own_month_file_is_rebuilt(ctx: Context) -> None:
    rollups(ctx).days(FIRST, LAST, frozenset())
    store = ctx.store
    store.add_spans([data.span(store, "x", data.at(15, 9, 0, 10), data.at(15, 9, 5, 10))])
    after = rollups(ctx)
    assert after.days(FIRST, LAST, frozenset())[date(2026, 10, 15)].seconds == 300
    assert after.built == ["2026-10"]


def test_the_running_month_is_cached_up_to_yesterday_and_today_is_read_live(ctx: Context) -> None:
    store = ctx.store
    store.add_spans([data.span(store, "x", data.at(16, 9, 0), data.at(16, 9, 5))])
    first = rollups(ctx)
    found = first.days(date(2026, 11, 16), date(2026, 11, 30), frozenset())
    assert found[date(2026, 11, 16)].seconds == 300
    assert first.built == ["2026-11"]
    saved = json.loads((first.folder / "2026-11.json").read_text(encoding="utf-8"))
    assert max(saved["read"]) == "2026-11-24"  # today (the 25th) is not over
    assert "2026-11-25" not in saved["days"]

    # Use today rewrites the month file: the month is rebuilt, and today is counted.
    store.add_spans([data.span(store, "x", data.at(25, 10, 0), data.at(25, 10, 10))])
    second = rollups(ctx)
    found = second.days(date(2026, 11, 16), date(2026, 11, 30), frozenset())
    assert second.built == ["2026-11"]
    assert found[date(2026, 11, 25)].seconds == 600
    third = rollups(ctx)
    again = third.days(date(2026, 11, 16), date(2026, 11, 30), frozenset())
    assert third.built == []
    assert figures(again) == figures(found)


def test_rollups_follow_the_day_start(ctx: Context) -> None:
    four = rollups(ctx)
    four.days(FIRST, LAST, frozenset())
    midnight = rollups(ctx, time(0, 0))
    found = midnight.days(FIRST, LAST, frozenset())
    assert midnight.built == ["2026-10"]
    assert midnight.folder != four.folder
    assert not four.folder.exists()  # figures cut the old way are dropped
    assert found[date(2026, 10, 21)].seconds == 3600  # all of 03:30-04:30 on the 21st
    assert date(2026, 10, 20) not in found
    assert figures(found) == direct(ctx, time(0, 0))


def test_rollups_follow_the_time_zone(ctx: Context) -> None:
    warsaw = rollups(ctx)
    tokyo = Rollups(ctx.store, time(4, 0), None, "Asia/Tokyo", ctx.paths.state_dir, data.NOW)
    assert warsaw.folder != tokyo.folder


def test_a_damaged_rollup_is_rebuilt(ctx: Context) -> None:
    first = rollups(ctx)
    first.days(FIRST, LAST, frozenset())
    (first.folder / "2026-10.json").write_text("{not json", encoding="utf-8")
    again = rollups(ctx)
    assert figures(again.days(FIRST, LAST, frozenset())) == direct(ctx)
    assert again.built == ["2026-10"]
    json.loads((first.folder / "2026-10.json").read_text(encoding="utf-8"))


def test_a_rollup_gives_back_every_figure_to_the_last_bit(ctx: Context) -> None:
    # Seconds that are sums of floats (0.1 + 0.2), an app on two devices, hours of a DST night.
    store = ctx.store
    odd = data.at(14, 9, 0, 10)
    store.add_spans(
        [
            data.span(store, "x", odd, odd + timedelta(seconds=0.1)),
            data.span(store, "x", odd + timedelta(seconds=0.5), odd + timedelta(seconds=0.7)),
        ]
    )
    built = rollups(ctx).days(FIRST, LAST, frozenset())
    cached = rollups(ctx).days(FIRST, LAST, frozenset())
    assert cached.keys() == built.keys()
    for day, stats in built.items():
        assert cached[day].hours == stats.hours
        assert [vars(item) for item in cached[day].apps.values()] == [
            vars(item) for item in stats.apps.values()
        ]


@pytest.mark.parametrize(
    "damage",
    [
        lambda raw: raw | {"numbers": raw["numbers"][:-4]},  # cut short
        lambda raw: raw | {"numbers": "not base64!"},
        lambda raw: raw | {"hours": raw["numbers"]},  # not 24 hours
        lambda raw: raw | {"apps": [*raw["apps"], ["x", "tracker:laptop"]]},  # an app too many
    ],
)
def test_a_rollup_with_damaged_numbers_is_rebuilt(
    ctx: Context, damage: Callable[[dict[str, Any]], dict[str, Any]]
) -> None:
    first = rollups(ctx)
    first.days(FIRST, LAST, frozenset())
    path = first.folder / "2026-10.json"
    saved = json.loads(path.read_text(encoding="utf-8"))
    day = next(iter(saved["days"]))
    saved["days"][day] = damage(saved["days"][day])
    path.write_text(json.dumps(saved), encoding="utf-8")
    again = rollups(ctx)
    assert figures(again.days(FIRST, LAST, frozenset())) == direct(ctx)
    assert again.built == ["2026-10"]


def test_entered_use_stays_out_of_rollups(ctx: Context) -> None:
    # Typed-in use lives in the journal; the report adds it, so a rollup must not count it too.
    store = ctx.store
    from detox.models import ManualUsage

    entry = ManualUsage(
        device=store.device.id,
        updated_at=data.NOW,
        app="tiktok",
        start=data.at(16, 12, 0, 10),
        duration=600,
    )
    store.put(entry)
    found = rollups(ctx).days(FIRST, LAST, frozenset({entry.id}))
    assert date(2026, 10, 16) not in found
    report = build_report(data.context(ctx.paths), parse_week("2026-W42", "monday"))
    assert report.total_seconds == pytest.approx(2700 + 600)


def test_cached_and_fresh_reports_are_identical(ctx: Context, tmp_path: Path) -> None:
    period = parse_week("2026-W43", "monday")
    fresh = render_json(build_report(data.context(ctx.paths), period))
    cached = render_json(build_report(data.context(ctx.paths), period))
    shutil.rmtree(ctx.paths.state_dir / "rollups")
    rebuilt = render_json(build_report(data.context(ctx.paths), period))
    assert fresh == cached == rebuilt
    assert json.loads(fresh)["total_seconds"] == 3600 + 7200


def test_a_weekly_report_does_not_read_old_months(ctx: Context) -> None:
    # An unreadable file from long ago: a report that read the whole history would stumble on it
    # (and move it aside); a weekly report never opens it.
    old = ctx.paths.devices_dir / "old-laptop"
    old.mkdir(parents=True)
    (old / "usage-2025-01.json").write_text("{not json", encoding="utf-8")
    warnings: list[str] = []
    paths: Paths = ctx.paths
    report = build_report(
        Context(paths=paths, clock_override=FixedClock(data.NOW), warn=warnings.append),
        parse_week("2026-W43", "monday"),
    )
    assert report.total_seconds == pytest.approx(3600 + 7200)
    assert (old / "usage-2025-01.json").exists()
    assert warnings == []
    # The same file does break a report of its own month, so the check above can fail.
    build_report(
        Context(paths=paths, clock_override=FixedClock(data.NOW), warn=warnings.append),
        month_period(2025, 1),
    )
    assert (old / "usage-2025-01.json").exists()  # another device's: reported, never renamed
    assert warnings and str(old / "usage-2025-01.json") in warnings[0]


def test_only_the_months_of_the_report_are_rolled_up(ctx: Context) -> None:
    store = ctx.store
    store.add_spans([data.span(store, "x", data.at(12, 9, 0, 1), data.at(12, 9, 5, 1))])
    week = rollups(ctx)
    week.days(FIRST, LAST, frozenset())
    assert week.built == ["2026-10"]
    assert [p.name for p in week.folder.iterdir()] == ["2026-10.json"]
    year = rollups(ctx)
    year.days(date(2026, 1, 1), date(2026, 10, 31), frozenset())
    # Only months with a usage file of their days (or of the day before one, a span may cross
    # the day start): the span of 12 January is no file of February's, and February to
    # September have none near them, so they are not even stamped.
    assert year.built == ["2026-01"]
    assert sorted(p.name for p in year.folder.iterdir()) == ["2026-01.json", "2026-10.json"]


def test_ignoring_a_category_rebuilds_without_it(ctx: Context) -> None:
    period = parse_week("2026-W43", "monday")
    assert build_report(data.context(ctx.paths), period).total_seconds == pytest.approx(10800)
    text = ctx.paths.config_file.read_text(encoding="utf-8")
    ctx.paths.config_file.write_text('ignore_categories = ["video"]\n' + text, encoding="utf-8")
    report = build_report(data.context(ctx.paths), period)
    assert report.total_seconds == pytest.approx(3600)  # YouTube is video; Instagram stays


def test_rolling_up_keeps_the_figures_not_the_decoded_files(ctx: Context) -> None:
    # A long-running tracker's fast watch rolls up the running month again and again: the month
    # of decoded spans it read (some 20 MiB) must not stay in the store's memory afterwards.
    store = Store(ctx.paths, ctx.device, FixedClock(data.NOW))  # nothing read yet
    settings = ctx.settings
    found = Rollups(
        store, time(4, 0), settings.zone, settings.timezone, ctx.paths.state_dir, data.NOW
    ).days(date(2026, 10, 1), date(2026, 11, 24), frozenset())
    assert {day: value for day, value in figures(found).items() if FIRST <= day <= LAST} == direct(
        ctx
    )
    assert not [path for path in store._cache if path.name.startswith("usage-")]
    # An ordinary read still keeps what it decoded, so the Today screen's refresh is quick.
    start, end = day_bounds(date(2026, 10, 13), time(4, 0), ctx.settings.zone)
    assert len(store.spans(start, end)) == 1
    assert [path for path in store._cache if path.name.startswith("usage-")]


def test_only_the_days_whose_files_changed_are_read_again(ctx: Context) -> None:
    # The tracker's watch and the Today screen ask for the running month every few minutes: a
    # day that ended, or a file that changed, must not cost a month of spans.
    store = ctx.store
    store.add_spans([data.span(store, "x", data.at(3, 9, 0), data.at(3, 9, 30))])

    def november(now: datetime) -> tuple[Rollups, dict[date, DayStats]]:
        settings = ctx.settings
        made = Rollups(
            store, time(4, 0), settings.zone, settings.timezone, ctx.paths.state_dir, now
        )
        return made, made.days(date(2026, 11, 1), date(2026, 11, 30), frozenset())

    first, _ = november(data.NOW)
    assert len(first.rebuilt_days) == 24  # the 1st to the 24th; today (the 25th) is read live
    # A day later only the day that ended since is read.
    later, found = november(data.NOW + timedelta(days=1))
    assert later.rebuilt_days == [date(2026, 11, 25)]
    assert found[date(2026, 11, 3)].seconds == 1800
    # Use today (the tracker's flushes) stales at most yesterday, whose last hours before the
    # day start may be in today's file.
    for minute in (0, 10):
        start = data.at(26, 10, minute)
        store.add_spans([data.span(store, "x", start, start + timedelta(minutes=5))])
        flushed, _ = november(data.NOW + timedelta(days=1))
        assert set(flushed.rebuilt_days) <= {date(2026, 11, 25)}
    # A late span written into a past day: only the days that read its file.
    store.add_spans([data.span(store, "x", data.at(10, 9, 0), data.at(10, 9, 5))])
    again, found = november(data.NOW + timedelta(days=1))
    assert date(2026, 11, 10) in again.rebuilt_days
    assert set(again.rebuilt_days) <= {date(2026, 11, day) for day in (9, 10, 11)}
    assert (found[date(2026, 11, 3)].seconds, found[date(2026, 11, 10)].seconds) == (1800, 300)
    # A synced device's new file: the days that read it now are read again.
    phone = Store(ctx.paths, Device("phone", "Phone"), FixedClock(data.NOW))
    phone.add_spans([data.span(phone, "x", data.at(10, 9, 0), data.at(10, 9, 10))])
    synced, found = november(data.NOW + timedelta(days=1))
    assert date(2026, 11, 10) in synced.rebuilt_days
    assert set(synced.rebuilt_days) <= {date(2026, 11, day) for day in (9, 10, 11)}
    assert found[date(2026, 11, 10)].seconds == 900


def test_figures_asked_again_are_the_same_and_entered_use_is_not_added_twice(ctx: Context) -> None:
    # A process keeps the figures it worked out (a report with a fast asks for the same months
    # four times); entered use is added to copies, so asking again never counts it twice.
    from detox.models import ManualUsage
    from detox.reports.rollups import use_by_day

    store = ctx.store
    store.put(
        ManualUsage(
            device=store.device.id,
            updated_at=data.NOW,
            app="tiktok",
            start=data.at(13, 12, 0, 10),
            duration=600,
        )
    )
    asked = [use_by_day(store, ctx.settings, data.NOW, FIRST, LAST) for _ in range(3)]
    assert [figures(found) for found in asked[1:]] == [figures(asked[0])] * 2
    assert asked[0][date(2026, 10, 13)].seconds == 2700 + 600  # Reddit tracked, TikTok typed
    # A span written since is counted at once: the kept figures follow the files' stamps.
    store.add_spans([data.span(store, "x", data.at(16, 9, 0, 10), data.at(16, 9, 5, 10))])
    after = use_by_day(store, ctx.settings, data.NOW, FIRST, LAST)
    assert (after[date(2026, 10, 13)].seconds, after[date(2026, 10, 16)].seconds) == (3300, 300)


def test_what_a_long_running_app_keeps_stays_bounded(ctx: Context) -> None:
    # Every entry typed in changes what use_by_day leaves out of the rollups; an app open for
    # weeks asks again after each one, and must not keep every earlier answer.
    from detox.models import ManualUsage
    from detox.reports.rollups import _MEMO, use_by_day

    store = ctx.store
    for minute in range(12):
        store.put(
            ManualUsage(
                device=store.device.id,
                updated_at=data.NOW,
                app="tiktok",
                start=data.at(16, 12, minute, 10),
                duration=30,
            )
        )
        found = use_by_day(store, ctx.settings, data.NOW, FIRST, date(2026, 11, 25))
        assert found[date(2026, 10, 16)].seconds == 30 * (minute + 1)
    assert len(_MEMO[store]) <= 3  # October, November up to yesterday, today
