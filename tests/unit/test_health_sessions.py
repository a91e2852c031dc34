"""Blood-pressure sessions and morning/evening days, computed by hand (Warsaw, 04:00 day start)."""

from __future__ import annotations

from datetime import UTC, date, datetime, time

import pytest

from detox.health.sessions import bp_sessions, health_by_day, part_of_day
from detox.models import HealthReading
from tests.clock_fixtures import WARSAW

DAY_START = time(4, 0)
NOW = datetime(2027, 1, 1, tzinfo=UTC)


def bp(at: datetime, systolic: int, diastolic: int, pulse: int | None = None) -> HealthReading:
    return HealthReading(
        device="d",
        updated_at=NOW,
        measure="bp",
        at=at,
        systolic=systolic,
        diastolic=diastolic,
        pulse=pulse,
    )


def local(*parts: int, fold: int = 0) -> datetime:
    return datetime(*parts, tzinfo=WARSAW).replace(fold=fold)  # type: ignore[arg-type, misc]


def test_readings_within_ten_minutes_of_the_first_form_one_session() -> None:
    readings = [
        bp(local(2026, 11, 10, 7, 0), 130, 84, 70),
        bp(local(2026, 11, 10, 7, 4), 126, 80, 68),
        bp(local(2026, 11, 10, 7, 10), 125, 79),  # exactly ten minutes after the first: joins
        bp(local(2026, 11, 10, 7, 12), 140, 90),  # twelve minutes after the first: a new one
        bp(local(2026, 11, 10, 20, 30), 120, 76),
    ]
    first, second, evening = bp_sessions(readings, DAY_START, WARSAW)
    assert len(first.readings) == 3
    # (130 + 126 + 125) / 3 = 127, (84 + 80 + 79) / 3 = 81; pulse (70 + 68) / 2 = 69.
    assert (first.systolic, first.diastolic, first.pulse) == (127, 81, 69)
    assert (first.day, first.part) == (date(2026, 11, 10), "morning")
    assert (second.systolic, second.diastolic, second.pulse) == (140, 90, None)
    assert (evening.part, evening.systolic) == ("evening", 120)
    days = health_by_day(readings, DAY_START, WARSAW)
    # The morning value is the mean of the two morning sessions: (127 + 140) / 2, (81 + 90) / 2.
    today = days[date(2026, 11, 10)]
    assert (today.morning_systolic, today.morning_diastolic) == (133.5, 85.5)
    assert today.morning_sessions == 2
    assert (today.evening_systolic, today.evening_diastolic, today.evening_sessions) == (120, 76, 1)


def test_a_session_belongs_to_the_day_and_part_of_its_first_reading() -> None:
    late = [bp(local(2026, 11, 11, 3, 55), 122, 78), bp(local(2026, 11, 11, 4, 2), 118, 76)]
    [session] = bp_sessions(late, DAY_START, WARSAW)
    # 03:55 on the 11th is still the night of the 10th: its evening, although 04:02 is not.
    assert (session.day, session.part) == (date(2026, 11, 10), "evening")
    assert session.systolic == 120


@pytest.mark.parametrize(
    ("instant", "day", "part"),
    [
        (local(2026, 11, 10, 4, 0), date(2026, 11, 10), "morning"),  # the day start itself
        (local(2026, 11, 10, 11, 59), date(2026, 11, 10), "morning"),
        (local(2026, 11, 10, 12, 0), date(2026, 11, 10), "evening"),
        (local(2026, 11, 11, 1, 30), date(2026, 11, 10), "evening"),  # after midnight
        (local(2026, 11, 11, 3, 59), date(2026, 11, 10), "evening"),
        # Spring forward, 29 March 2026: 02:00 became 03:00; 03:30 is still the night before.
        (local(2026, 3, 29, 3, 30), date(2026, 3, 28), "evening"),
        (local(2026, 3, 29, 4, 30), date(2026, 3, 29), "morning"),
        # Fall back, 25 October 2026: 02:00-03:00 happened twice; both are the night before.
        (local(2026, 10, 25, 2, 30, fold=0), date(2026, 10, 24), "evening"),
        (local(2026, 10, 25, 2, 30, fold=1), date(2026, 10, 24), "evening"),
        (local(2026, 10, 25, 7, 15), date(2026, 10, 25), "morning"),
    ],
)
def test_morning_and_evening_follow_the_day_start_across_dst(
    instant: datetime, day: date, part: str
) -> None:
    assert part_of_day(instant, DAY_START, WARSAW) == (day, part)


def test_sessions_measure_real_time_across_the_autumn_change() -> None:
    # 02:55 summer time is 00:55 UTC; the clock then falls back, and 02:05 winter time is
    # 01:05 UTC: ten minutes later, though the wall clock reads fifty minutes earlier.
    before = bp(local(2026, 10, 25, 2, 55, fold=0), 124, 80)
    after = bp(local(2026, 10, 25, 2, 5, fold=1), 120, 78)
    assert (after.at - before.at).total_seconds() == 600
    [session] = bp_sessions([after, before], DAY_START, WARSAW)
    assert session.readings == (before, after)
    assert (session.systolic, session.diastolic) == (122, 79)


def test_pulse_and_sleep_per_day() -> None:
    def entry(measure: str, hour: int, **value: float) -> HealthReading:
        return HealthReading.model_validate(
            {"device": "d", "updated_at": NOW, "measure": measure}
            | value
            | {"at": local(2026, 11, 10, hour)}
        )

    readings = [
        entry("pulse", 7, pulse=60),
        entry("pulse", 21, pulse=66),
        entry("sleep", 8, hours=7.5),
    ]
    day = health_by_day(readings, DAY_START, WARSAW)[date(2026, 11, 10)]
    assert (day.resting_pulse, day.sleep_hours, day.morning_systolic) == (63, 7.5, None)
