"""When a wall-clock reminder falls, and what quiet hours make of it.

Everything is computed on local calendar dates and converted to UTC per date, never by adding
24 hours, so a reminder at 21:00 stays at 21:00 across a DST change. A time that a spring-forward
gap skips (02:30) falls an hour later that day; one that a fall-back repeats falls once.
"""

from __future__ import annotations

from collections.abc import Collection
from datetime import datetime, time, timedelta, tzinfo

from detox.clock import local_datetime, to_local

LOOK_DAYS = 8  # a weekly reminder's occurrence is never more than 7 days away


def latest_occurrence(
    at: time, days: Collection[int], now: datetime, zone: tzinfo | None
) -> datetime | None:
    """The last instant at or before `now` at wall time `at` on one of `days` (Monday = 0)."""
    today = to_local(now, zone).date()
    for back in range(LOOK_DAYS):
        day = today - timedelta(days=back)
        if day.weekday() in days:
            instant = local_datetime(day, at, zone)
            if instant <= now:
                return instant
    return None


def next_occurrence(
    at: time, days: Collection[int], after: datetime, zone: tzinfo | None
) -> datetime | None:
    """The first instant strictly after `after` at wall time `at` on one of `days`."""
    today = to_local(after, zone).date()
    for ahead in range(-1, LOOK_DAYS + 1):
        day = today + timedelta(days=ahead)
        if day.weekday() in days:
            instant = local_datetime(day, at, zone)
            if instant > after:
                return instant
    return None


def in_quiet_hours(instant: datetime, quiet: tuple[time, time] | None, zone: tzinfo | None) -> bool:
    if quiet is None:
        return False
    start, end = quiet
    wall = to_local(instant, zone).time().replace(tzinfo=None)
    if start < end:
        return start <= wall < end
    return wall >= start or wall < end  # the window crosses midnight


def quiet_hours_end(instant: datetime, quiet: tuple[time, time], zone: tzinfo | None) -> datetime:
    """The first end of quiet hours after `instant`."""
    today = to_local(instant, zone).date()
    for ahead in range(3):
        end = local_datetime(today + timedelta(days=ahead), quiet[1], zone)
        if end > instant:
            return end
    raise AssertionError("quiet hours end within two days")  # pragma: no cover


def after_quiet_hours(
    instant: datetime, quiet: tuple[time, time] | None, zone: tzinfo | None
) -> datetime:
    """`instant`, or the end of the quiet hours it falls in."""
    if quiet is None or not in_quiet_hours(instant, quiet, zone):
        return instant
    return quiet_hours_end(instant, quiet, zone)
