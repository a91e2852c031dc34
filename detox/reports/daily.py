"""Spans cut into local days and wall-clock hours: the per-day figures every report is made of.

For each local day (which starts at the configured day start in the user's zone) and each app on
each device: the seconds used, the number of sessions and the longest session. A session is a run
of spans of one app on one device with gaps under two minutes; its length is the time used in it.
Sessions are cut at the day start, so each day's figures stand alone and days can be cached.

Hours are wall-clock hours of the local day, found from the zone's rules rather than by adding
3600 seconds, so on a DST day an hour that happens twice collects both and a skipped hour none.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta, tzinfo

from detox.clock import as_utc, day_bounds, local_day, localize, to_local
from detox.models import UsageSpan

SESSION_GAP_SECONDS = 120.0
HOURS = 24


def device_key(span: UsageSpan) -> str:
    """Where use happened: "tracker:<device id>", "manual:<label>" or "import:<device>"."""
    return f"{span.source}:{span.device}"


@dataclass
class AppDay:
    """One app on one device on one local day."""

    app: str
    device: str
    seconds: float = 0.0
    sessions: int = 0
    longest: float = 0.0

    def add(self, other: AppDay) -> None:
        self.seconds += other.seconds
        self.sessions += other.sessions
        self.longest = max(self.longest, other.longest)


@dataclass
class DayStats:
    day: date
    apps: dict[tuple[str, str], AppDay] = field(default_factory=dict)
    hours: list[float] = field(default_factory=lambda: [0.0] * HOURS)

    @property
    def seconds(self) -> float:
        return sum(item.seconds for item in self.apps.values())

    def merge(self, other: DayStats) -> None:
        for key, item in other.apps.items():
            mine = self.apps.get(key)
            if mine is None:
                self.apps[key] = AppDay(
                    item.app, item.device, item.seconds, item.sessions, item.longest
                )
            else:
                mine.add(item)
        self.hours = [a + b for a, b in zip(self.hours, other.hours, strict=True)]


class _DayCutter:
    """Local day bounds, computed once per day."""

    def __init__(self, day_start: time, zone: tzinfo | None) -> None:
        self.day_start = day_start
        self.zone = zone
        self._bounds: dict[date, tuple[datetime, datetime]] = {}

    def bounds(self, day: date) -> tuple[datetime, datetime]:
        found = self._bounds.get(day)
        if found is None:
            found = self._bounds[day] = day_bounds(day, self.day_start, self.zone)
        return found

    def pieces(self, start: datetime, end: datetime) -> Iterable[tuple[date, datetime, datetime]]:
        day = local_day(start, self.day_start, self.zone)
        cursor = start
        while cursor < end:
            day_start, day_end = self.bounds(day)
            if cursor >= day_end:
                day += timedelta(days=1)
                continue
            if cursor < day_start:  # only for a zone whose rules jump back over a day start
                day -= timedelta(days=1)
                continue
            stop = min(end, day_end)
            yield day, cursor, stop
            cursor = stop
            day += timedelta(days=1)


def _next_wall_hour(instant: datetime, zone: tzinfo | None) -> datetime:
    wall = to_local(instant, zone).replace(tzinfo=None, minute=0, second=0, microsecond=0)
    following = as_utc(localize(wall + timedelta(hours=1), zone))
    if following <= instant:  # a zone whose offset is not whole hours around a change
        following = instant + timedelta(minutes=15)
    return following


def add_hours(hours: list[float], start: datetime, end: datetime, zone: tzinfo | None) -> None:
    """Add [start, end) to the wall-clock hours it covers."""
    cursor = start
    while cursor < end:
        stop = min(end, _next_wall_hour(cursor, zone))
        hours[to_local(cursor, zone).hour] += (stop - cursor).total_seconds()
        cursor = stop


def day_stats(
    spans: Iterable[UsageSpan],
    day_start: time,
    zone: tzinfo | None,
    first: date | None = None,
    last: date | None = None,
) -> dict[date, DayStats]:
    """Figures per local day for the days in [first, last] (every day the spans touch if open)."""
    cutter = _DayCutter(day_start, zone)
    days: dict[date, DayStats] = {}
    runs: dict[tuple[date, str, str], list[tuple[datetime, datetime]]] = defaultdict(list)
    for span in spans:
        for day, lo, hi in cutter.pieces(span.start, span.end):
            if (first is not None and day < first) or (last is not None and day > last):
                continue
            stats = days.get(day)
            if stats is None:
                stats = days[day] = DayStats(day)
            add_hours(stats.hours, lo, hi, zone)
            runs[(day, span.app, device_key(span))].append((lo, hi))
    for (day, app, device), pieces in runs.items():
        days[day].apps[(app, device)] = _sessions(app, device, pieces)
    return days


def _sessions(app: str, device: str, pieces: list[tuple[datetime, datetime]]) -> AppDay:
    item = AppDay(app, device)
    gap = timedelta(seconds=SESSION_GAP_SECONDS)
    current = 0.0
    reach: datetime | None = None
    for lo, hi in sorted(pieces):
        seconds = (hi - lo).total_seconds()
        item.seconds += seconds
        if reach is None or lo - reach >= gap:
            item.sessions += 1
            current = 0.0
        current += seconds
        item.longest = max(item.longest, current)
        reach = hi if reach is None else max(reach, hi)
    return item
