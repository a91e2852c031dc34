"""One injectable clock, and the local-day arithmetic every report and rule relies on.

Instants are aware UTC datetimes. A *local day* starts at the configured day start (04:00 by
default) in the user's zone, so a late night counts to the day before. Days are computed from wall
time, never by adding 24 hours, so the days around a DST change are 23 or 25 hours long.
"""

from __future__ import annotations

import time as _time
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from typing import Protocol


class Clock(Protocol):
    def now(self) -> datetime:
        """The current instant, aware, in UTC."""
        ...

    def monotonic(self) -> float:
        """Seconds on a clock that never jumps (and stops during suspend on Linux)."""
        ...

    @property
    def tz(self) -> tzinfo | None:
        """The user's zone; None means the system's local time rules."""
        ...


class DaySettings(Protocol):
    """What the detox day needs from the settings: when a day starts, and in which zone."""

    @property
    def day_start(self) -> time: ...

    @property
    def zone(self) -> tzinfo | None: ...


class SystemClock:
    def __init__(self, tz: tzinfo | None = None) -> None:
        self._tz = tz

    def now(self) -> datetime:
        return datetime.now(UTC)

    def monotonic(self) -> float:
        return _time.monotonic()

    @property
    def tz(self) -> tzinfo | None:
        return self._tz


@dataclass
class FixedClock:
    """A clock for tests: it moves only when told to."""

    current: datetime
    mono: float = 1000.0
    zone: tzinfo | None = field(default=None)

    def __post_init__(self) -> None:
        self.current = as_utc(self.current)

    def now(self) -> datetime:
        return self.current

    def monotonic(self) -> float:
        return self.mono

    @property
    def tz(self) -> tzinfo | None:
        return self.zone

    def advance(self, seconds: float) -> None:
        self.current += timedelta(seconds=seconds)
        self.mono += seconds

    def jump_wall(self, seconds: float) -> None:
        """Move the wall clock only, as an NTP correction or a suspend would."""
        self.current += timedelta(seconds=seconds)


def as_utc(instant: datetime) -> datetime:
    if instant.tzinfo is None:
        raise ValueError("naive datetime: an instant needs a zone")
    return instant.astimezone(UTC)


def to_local(instant: datetime, tz: tzinfo | None) -> datetime:
    return instant.astimezone(tz) if tz is not None else instant.astimezone()


def localize(wall: datetime, tz: tzinfo | None) -> datetime:
    """Attach the user's zone to a naive wall time (for a gap or fold, Python's fold=0 rule)."""
    if tz is not None:
        return wall.replace(tzinfo=tz)
    return wall.astimezone()  # a naive datetime is read as system local time


def local_day(instant: datetime, day_start: time, tz: tzinfo | None) -> date:
    wall = to_local(instant, tz)
    if wall.time() < day_start:
        return wall.date() - timedelta(days=1)
    return wall.date()


def detox_day(instant: datetime, settings: DaySettings) -> date:
    """The detox day an instant counts for (02:00 on Friday counts for Thursday)."""
    return local_day(instant, settings.day_start, settings.zone)


def current_day(clock: Clock, settings: DaySettings) -> date:
    """The detox day it is now: the one notion of "today" for every command, screen and rule."""
    return detox_day(clock.now(), settings)


def day_label(day: date) -> str:
    """A detox day as people say it: "Thu 3 Dec"."""
    from detox.localized import day_label as localized_label

    return localized_label(day)


def wall_label(instant: datetime, settings: DaySettings, joiner: str | None = None) -> str:
    """An instant as the detox day it counts for and its wall time: "Thu 3 Dec at 02:00"
    for 02:00 on Friday 4 December when days start at 04:00."""
    wall = to_local(instant, settings.zone)
    day = day_label(detox_day(instant, settings))
    if joiner is not None:
        return f"{day}{joiner}{wall:%H:%M}"
    from detox.i18n import _

    return _("{day} at {time}").format(day=day, time=f"{wall:%H:%M}")


def days_between(first: date, last: date) -> list[date]:
    """Every day from `first` to `last`, both included (none when `last` comes first)."""
    return [first + timedelta(days=offset) for offset in range((last - first).days + 1)]


def day_bounds(day: date, day_start: time, tz: tzinfo | None) -> tuple[datetime, datetime]:
    """The UTC instants at which a local day begins and ends."""
    start = localize(datetime.combine(day, day_start), tz)
    end = localize(datetime.combine(day + timedelta(days=1), day_start), tz)
    return as_utc(start), as_utc(end)


def local_datetime(day: date, at: time, tz: tzinfo | None) -> datetime:
    """The UTC instant of a wall time on a calendar day."""
    return as_utc(localize(datetime.combine(day, at), tz))
