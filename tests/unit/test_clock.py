"""Local days with a 04:00 start, across DST changes, in a named zone and in system local time."""

from __future__ import annotations

import time as _time
from collections.abc import Iterator
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from detox.clock import FixedClock, as_utc, day_bounds, local_datetime, local_day
from tests.clock_fixtures import WARSAW

NEW_YORK = ZoneInfo("America/New_York")
FOUR = time(4, 0)


def _wall(zone: ZoneInfo, year: int, month: int, day: int, hour: int, minute: int) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=zone)


def test_just_before_day_start_counts_to_previous_day() -> None:
    assert local_day(_wall(WARSAW, 2026, 11, 10, 3, 59), FOUR, WARSAW) == date(2026, 11, 9)
    assert local_day(_wall(WARSAW, 2026, 11, 10, 4, 0), FOUR, WARSAW) == date(2026, 11, 10)
    assert local_day(_wall(WARSAW, 2026, 11, 10, 23, 59), FOUR, WARSAW) == date(2026, 11, 10)


def test_local_day_uses_the_users_zone_not_utc() -> None:
    # 23:30 UTC on the 9th is 00:30 on the 10th in Warsaw (still the 9th's late night),
    # and 18:30 on the 9th in New York.
    instant = datetime(2026, 11, 9, 23, 30, tzinfo=UTC)
    assert local_day(instant, FOUR, WARSAW) == date(2026, 11, 9)
    assert local_day(instant, time(0, 0), WARSAW) == date(2026, 11, 10)
    assert local_day(instant, FOUR, NEW_YORK) == date(2026, 11, 9)


def test_day_bounds_are_utc_and_start_at_day_start() -> None:
    start, end = day_bounds(date(2026, 11, 10), FOUR, WARSAW)
    assert start == datetime(2026, 11, 10, 3, 0, tzinfo=UTC)  # 04:00 CET
    assert end == datetime(2026, 11, 11, 3, 0, tzinfo=UTC)
    assert start.utcoffset() == timedelta(0)


@pytest.mark.parametrize(
    ("zone", "short_day", "long_day"),
    [
        # Warsaw springs forward on 29 March 2026 and falls back on 25 October 2026;
        # with a 04:00 start, the change lands inside the local days of the 28th and the 24th.
        (WARSAW, date(2026, 3, 28), date(2026, 10, 24)),
        # New York changes on 8 March and 1 November 2026, at 02:00 local.
        (NEW_YORK, date(2026, 3, 7), date(2026, 10, 31)),
    ],
)
def test_days_around_dst_are_23_and_25_hours(
    zone: ZoneInfo, short_day: date, long_day: date
) -> None:
    def length(day: date) -> timedelta:
        start, end = day_bounds(day, FOUR, zone)
        return end - start

    assert length(short_day) == timedelta(hours=23)
    assert length(long_day) == timedelta(hours=25)
    assert length(short_day - timedelta(days=1)) == timedelta(hours=24)
    assert length(short_day + timedelta(days=1)) == timedelta(hours=24)
    assert length(long_day + timedelta(days=1)) == timedelta(hours=24)
    # Both bounds still fall on 04:00 local wall time.
    for day in (short_day, long_day):
        start, end = day_bounds(day, FOUR, zone)
        assert start.astimezone(zone).time() == FOUR
        assert end.astimezone(zone).time() == FOUR


def test_days_tile_without_gaps_across_a_dst_change() -> None:
    day = date(2026, 10, 20)
    for _ in range(10):
        _, end = day_bounds(day, FOUR, NEW_YORK)
        next_start, _ = day_bounds(day + timedelta(days=1), FOUR, NEW_YORK)
        assert end == next_start
        assert local_day(end - timedelta(seconds=1), FOUR, NEW_YORK) == day
        assert local_day(end, FOUR, NEW_YORK) == day + timedelta(days=1)
        day += timedelta(days=1)


def test_local_datetime_gives_the_utc_instant_of_a_wall_time() -> None:
    winter = local_datetime(date(2026, 1, 15), time(21, 30), WARSAW)
    summer = local_datetime(date(2026, 7, 15), time(21, 30), WARSAW)
    assert winter == datetime(2026, 1, 15, 20, 30, tzinfo=UTC)
    assert summer == datetime(2026, 7, 15, 19, 30, tzinfo=UTC)
    assert winter.tzinfo == UTC


def test_as_utc_refuses_naive_datetimes() -> None:
    with pytest.raises(ValueError, match="naive"):
        as_utc(datetime(2026, 1, 1, 12, 0))


def test_fixed_clock_moves_only_when_told() -> None:
    clock = FixedClock(_wall(WARSAW, 2026, 11, 10, 12, 0), zone=WARSAW)
    assert clock.now() == datetime(2026, 11, 10, 11, 0, tzinfo=UTC)
    assert clock.now().tzinfo == UTC
    assert clock.tz is WARSAW
    assert clock.now() == clock.now()

    mono = clock.monotonic()
    clock.advance(90)
    assert clock.now() == datetime(2026, 11, 10, 11, 1, 30, tzinfo=UTC)
    assert clock.monotonic() == mono + 90

    clock.jump_wall(-3600)  # an NTP correction: the wall clock moves, the monotonic one does not
    assert clock.now() == datetime(2026, 11, 10, 10, 1, 30, tzinfo=UTC)
    assert clock.monotonic() == mono + 90


def test_fixed_clock_refuses_naive_start() -> None:
    with pytest.raises(ValueError, match="naive"):
        FixedClock(datetime(2026, 11, 10, 12, 0))


@pytest.fixture
def system_zone(monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """Run with the process's local time set to New York; restored afterwards."""
    zone = "America/New_York"
    monkeypatch.setenv("TZ", zone)
    _time.tzset()
    try:
        yield zone
    finally:
        monkeypatch.undo()
        _time.tzset()


def test_system_local_time_is_used_when_no_zone_is_set(system_zone: str) -> None:
    named = ZoneInfo(system_zone)
    # 07:30 UTC is 03:30 in New York in summer (EDT, UTC-4): the late night of the day before.
    instant = datetime(2026, 7, 15, 7, 30, tzinfo=UTC)
    assert local_day(instant, FOUR, None) == date(2026, 7, 14)
    assert local_day(instant + timedelta(hours=1), FOUR, None) == date(2026, 7, 15)
    for day in (date(2026, 3, 7), date(2026, 7, 15), date(2026, 10, 31)):
        assert day_bounds(day, FOUR, None) == day_bounds(day, FOUR, named)
    assert local_datetime(date(2026, 1, 15), time(21, 30), None) == datetime(
        2026, 1, 16, 2, 30, tzinfo=UTC
    )


def test_system_local_dst_days_have_their_true_length(system_zone: str) -> None:
    start, end = day_bounds(date(2026, 3, 7), FOUR, None)
    assert end - start == timedelta(hours=23)
    start, end = day_bounds(date(2026, 10, 31), FOUR, None)
    assert end - start == timedelta(hours=25)
