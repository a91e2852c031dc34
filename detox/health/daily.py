"""The per-day health columns insights and reports compare: morning blood pressure (the mean of
the day's morning sessions) and minutes offline.

Offline minutes are known from the first day anything offline was logged: after it, a day with
nothing logged counts as 0 minutes; before it, as unknown, so weeks before someone started
logging do not read as weeks spent entirely online.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, time, tzinfo

from detox.health.offline import offline_by_day
from detox.health.sessions import health_by_day
from detox.models import HealthReading, OfflineEntry


@dataclass(frozen=True)
class HealthColumns:
    morning_systolic: float | None = None
    morning_diastolic: float | None = None
    offline_minutes: float | None = None


def health_columns(
    readings: Sequence[HealthReading],
    offline: Sequence[OfflineEntry],
    days: Iterable[date],
    day_start: time,
    zone: tzinfo | None,
) -> dict[date, HealthColumns]:
    health = health_by_day(readings, day_start, zone)
    minutes = {
        day: sum(by_activity.values()) / 60
        for day, by_activity in offline_by_day(offline, day_start, zone).items()
    }
    known_from = min(minutes, default=None)
    found: dict[date, HealthColumns] = {}
    for day in days:
        bp = health.get(day)
        logged: float | None = None
        if known_from is not None and day >= known_from:
            logged = minutes.get(day, 0.0)
        found[day] = HealthColumns(
            morning_systolic=bp.morning_systolic if bp else None,
            morning_diastolic=bp.morning_diastolic if bp else None,
            offline_minutes=logged,
        )
    return found
