"""Spans cut into local days and wall-clock hours: midnight, the day start, DST, sessions."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from detox.models import UsageSpan
from detox.reports.daily import DayStats, day_stats
from tests.clock_fixtures import WARSAW
from tests.spans import tracked

FOUR = time(4, 0)


def span(start: datetime, seconds: float, app: str = "reddit", device: str = "laptop") -> UsageSpan:
    return tracked(device, app, start, seconds)


def hours_of(stats: DayStats) -> dict[int, float]:
    return {hour: seconds for hour, seconds in enumerate(stats.hours) if seconds}


def test_a_span_across_the_day_start_is_split_between_days() -> None:
    found = day_stats(
        [span(datetime(2026, 11, 18, 3, 30, tzinfo=WARSAW), 3600)],
        FOUR,
        WARSAW,
        date(2026, 11, 17),
        date(2026, 11, 18),
    )
    tuesday, wednesday = found[date(2026, 11, 17)], found[date(2026, 11, 18)]
    assert (tuesday.seconds, wednesday.seconds) == (1800, 1800)
    assert hours_of(tuesday) == {3: 1800}
    assert hours_of(wednesday) == {4: 1800}
    assert tuesday.apps[("reddit", "tracker:laptop")].sessions == 1
    assert wednesday.apps[("reddit", "tracker:laptop")].sessions == 1


def test_midnight_splits_days_only_when_the_day_starts_at_midnight() -> None:
    night = [span(datetime(2026, 11, 17, 23, 50, tzinfo=WARSAW), 1800)]
    late = day_stats(night, FOUR, WARSAW, date(2026, 11, 16), date(2026, 11, 19))
    assert list(late) == [date(2026, 11, 17)]
    assert hours_of(late[date(2026, 11, 17)]) == {23: 600, 0: 1200}
    midnight = day_stats(night, time(0, 0), WARSAW, date(2026, 11, 16), date(2026, 11, 19))
    assert {day: stats.seconds for day, stats in midnight.items()} == {
        date(2026, 11, 17): 600,
        date(2026, 11, 18): 1200,
    }


def test_a_day_start_off_the_hour_splits_inside_an_hour() -> None:
    found = day_stats(
        [span(datetime(2026, 11, 18, 4, 0, tzinfo=WARSAW), 3600)],
        time(4, 30),
        WARSAW,
        date(2026, 11, 17),
        date(2026, 11, 18),
    )
    assert hours_of(found[date(2026, 11, 17)]) == {4: 1800}
    assert hours_of(found[date(2026, 11, 18)]) == {4: 1800}


def test_spring_forward_the_skipped_hour_gets_nothing() -> None:
    # 29 March 2026: clocks go from 02:00 to 03:00. 01:30 CET to 03:30 CEST is one real hour,
    # and it belongs to the local day of the 28th (the day starts at 04:00).
    start = datetime(2026, 3, 29, 0, 30, tzinfo=UTC)
    assert start.astimezone(WARSAW).hour == 1
    found = day_stats([span(start, 3600)], FOUR, WARSAW, date(2026, 3, 27), date(2026, 3, 30))
    saturday = found[date(2026, 3, 28)]
    assert saturday.seconds == 3600
    assert hours_of(saturday) == {1: 1800, 3: 1800}


def test_fall_back_the_repeated_hour_gets_both() -> None:
    # 25 October 2026: clocks go from 03:00 back to 02:00. 01:30 CEST to 02:30 CET is two real
    # hours: half an hour at 01, then 02:00-03:00 CEST and 02:00-02:30 CET, both at 02.
    start = datetime(2026, 10, 24, 23, 30, tzinfo=UTC)
    assert start.astimezone(WARSAW).hour == 1
    found = day_stats([span(start, 7200)], FOUR, WARSAW, date(2026, 10, 23), date(2026, 10, 26))
    saturday = found[date(2026, 10, 24)]
    assert saturday.seconds == 7200
    assert hours_of(saturday) == {1: 1800, 2: 5400}


def test_the_long_and_short_days_of_dst_are_counted_whole() -> None:
    # A tracker running every minute of the 25-hour local day of 24 October (04:00 CEST to
    # 04:00 CET) and of the 23-hour day of 28 March records that many hours, no more, no less.
    # (in UTC: adding hours to a Warsaw time would add wall-clock hours)
    long_start = datetime(2026, 10, 24, 4, 0, tzinfo=WARSAW).astimezone(UTC)
    short_start = datetime(2026, 3, 28, 4, 0, tzinfo=WARSAW).astimezone(UTC)
    spans = [
        span(long_start + timedelta(hours=hour), 3600, device="long") for hour in range(26)
    ] + [span(short_start + timedelta(hours=hour), 3600, device="short") for hour in range(24)]
    found = day_stats(spans, FOUR, WARSAW, date(2026, 3, 28), date(2026, 10, 24))
    assert found[date(2026, 10, 24)].seconds == 25 * 3600
    assert found[date(2026, 3, 28)].seconds == 23 * 3600
    assert found[date(2026, 10, 24)].hours[2] == 7200
    assert found[date(2026, 3, 28)].hours[2] == 0


def test_sessions_join_gaps_under_two_minutes() -> None:
    base = datetime(2026, 11, 16, 9, 0, tzinfo=WARSAW)
    spans = [
        span(base, 600),  # 09:00-09:10
        span(base + timedelta(seconds=719), 60),  # a 119 s gap: the same session
        span(base + timedelta(seconds=899), 100),  # a 120 s gap: a new one
        span(base + timedelta(seconds=1000), 30, device="phone"),  # another device, its own
    ]
    found = day_stats(spans, FOUR, WARSAW, date(2026, 11, 16), date(2026, 11, 16))
    day = found[date(2026, 11, 16)]
    laptop = day.apps[("reddit", "tracker:laptop")]
    assert (laptop.seconds, laptop.sessions, laptop.longest) == (760, 2, 660)
    phone = day.apps[("reddit", "tracker:phone")]
    assert (phone.seconds, phone.sessions, phone.longest) == (30, 1, 30)


def test_use_outside_the_days_asked_for_is_left_out() -> None:
    spans = [span(datetime(2026, 11, 15, 23, 0, tzinfo=WARSAW), 7 * 3600)]  # to 06:00 on the 16th
    found = day_stats(spans, FOUR, WARSAW, date(2026, 11, 16), date(2026, 11, 16))
    assert found[date(2026, 11, 16)].seconds == 2 * 3600
    assert date(2026, 11, 15) not in found


@pytest.mark.parametrize("zone", [ZoneInfo("Asia/Kolkata"), ZoneInfo("Australia/Lord_Howe")])
def test_zones_with_half_hour_offsets_keep_every_second(zone: ZoneInfo) -> None:
    start = datetime(2026, 4, 4, 22, 0, tzinfo=zone)  # Lord Howe leaves DST (30 min) that night
    found = day_stats([span(start, 86_400)], FOUR, zone, date(2026, 4, 3), date(2026, 4, 6))
    assert sum(stats.seconds for stats in found.values()) == pytest.approx(86_400)
    assert sum(sum(stats.hours) for stats in found.values()) == pytest.approx(86_400)


def test_a_span_of_no_time_is_no_session() -> None:
    # A zero-length span (an import or an older device may hold one) counted as a session
    # only where it was read from the middle of a range: from a month's rollup, not from the
    # day it opens, so the same closed day and live day disagreed.
    at_day_start = span(datetime(2026, 11, 18, 4, 0, tzinfo=WARSAW), 0)
    midday = span(datetime(2026, 11, 18, 13, 0, tzinfo=WARSAW), 0)
    used = span(datetime(2026, 11, 18, 14, 0, tzinfo=WARSAW), 600)
    found = day_stats(
        [at_day_start, midday, used], FOUR, WARSAW, date(2026, 11, 18), date(2026, 11, 18)
    )
    stats = found[date(2026, 11, 18)]
    assert stats.seconds == 600
    assert stats.apps[("reddit", "tracker:laptop")].sessions == 1
    assert day_stats([midday], FOUR, WARSAW, date(2026, 11, 18), date(2026, 11, 18)) == {}
