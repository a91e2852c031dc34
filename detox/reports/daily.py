"""Spans cut into local days and wall-clock hours: the per-day figures every report is made of.

For each local day (which starts at the configured day start in the user's zone) and each app on
each device: the seconds used, the number of sessions and the longest session. A session is a run
of spans of one app on one device with gaps under two minutes; its length is the time used in it.
Sessions are cut at the day start, so each day's figures stand alone and days can be cached.

Hours are wall-clock hours of the local day, found from the zone's rules rather than by adding
3600 seconds, so on a DST day an hour that happens twice collects both and a skipped hour none.
"""

from __future__ import annotations

from bisect import bisect_right
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta, tzinfo

from detox.clock import as_utc, day_bounds, localize, to_local
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


class _Timeline:
    """The instants at which a local day or a wall-clock hour begins, from the start of `first`
    to the end of `last`, computed once: placing a span then costs a binary search instead of
    time-zone arithmetic. Instants are seconds after the start of `first` (small floats keep
    microseconds exact)."""

    def __init__(self, first: date, last: date, day_start: time, zone: tzinfo | None) -> None:
        self.base = day_bounds(first, day_start, zone)[0]
        cuts: dict[float, tuple[date, int]] = {}
        day = first
        while day <= last:
            lo, hi = day_bounds(day, day_start, zone)
            cursor = lo
            while cursor < hi:
                cuts[self.seconds(cursor)] = (day, to_local(cursor, zone).hour)
                cursor = min(hi, _next_wall_hour(cursor, zone))
            day += timedelta(days=1)
        self.end = self.seconds(day_bounds(last, day_start, zone)[1])
        self.starts = sorted(cuts)
        self.labels = [cuts[instant] for instant in self.starts]
        self.stops = [*self.starts[1:], self.end]

    def seconds(self, instant: datetime) -> float:
        return (instant - self.base).total_seconds()

    def pieces(self, start: float, end: float) -> Iterable[tuple[date, int, float, float]]:
        """[start, end) cut at every day and hour it crosses: (day, hour, piece start, end)."""
        index = max(0, bisect_right(self.starts, start) - 1)
        cursor = max(start, self.starts[0]) if self.starts else end
        end = min(end, self.end)
        while cursor < end:
            stop = min(end, self.stops[index])
            if stop > cursor:
                day, hour = self.labels[index]
                yield day, hour, cursor, stop
            cursor = stop
            index += 1


def _next_wall_hour(instant: datetime, zone: tzinfo | None) -> datetime:
    wall = to_local(instant, zone).replace(tzinfo=None, minute=0, second=0, microsecond=0)
    following = as_utc(localize(wall + timedelta(hours=1), zone))
    if following <= instant:  # a zone whose offset is not whole hours around a change
        following = instant + timedelta(minutes=15)
    return following


def day_stats(
    spans: Iterable[UsageSpan],
    day_start: time,
    zone: tzinfo | None,
    first: date,
    last: date,
) -> dict[date, DayStats]:
    """Figures per local day for the days in [first, last]; use outside them is left out."""
    timeline = _Timeline(first, last, day_start, zone)
    days: dict[date, DayStats] = {}
    runs: dict[tuple[date, str, str], list[tuple[float, float]]] = defaultdict(list)
    base, starts, stops, labels = timeline.base, timeline.starts, timeline.stops, timeline.labels
    for span in spans:
        if span.duration <= 0:
            # No use, and no session: counted, it depended on where a read's range began.
            continue
        start = (span.start - base).total_seconds()
        end = start + span.duration
        index = bisect_right(starts, start) - 1
        if index >= 0 and end <= stops[index]:
            # Most spans last seconds and sit inside one hour: no cutting needed.
            cut: Iterable[tuple[date, int, float, float]] = ((*labels[index], start, end),)
        else:
            cut = timeline.pieces(start, end)
        for day, hour, lo, hi in cut:
            stats = days.get(day)
            if stats is None:
                stats = days[day] = DayStats(day)
            stats.hours[hour] += hi - lo
            runs[(day, span.app, device_key(span))].append((lo, hi))
    for (day, app, device), pieces in runs.items():
        days[day].apps[(app, device)] = _sessions(app, device, pieces)
    return days


def _sessions(app: str, device: str, pieces: list[tuple[float, float]]) -> AppDay:
    item = AppDay(app, device)
    current = 0.0
    reach: float | None = None
    for lo, hi in sorted(pieces):
        seconds = hi - lo
        item.seconds += seconds
        if reach is None or lo - reach >= SESSION_GAP_SECONDS:
            item.sessions += 1
            current = 0.0
        current += seconds
        item.longest = max(item.longest, current)
        reach = hi if reach is None else max(reach, hi)
    return item
