"""Blood-pressure sessions and per-day values.

Home-monitoring practice is two or three readings, seated, a minute or two apart, at the same
time of day; their mean is the figure that counts. So readings taken within 10 minutes of a
session's first reading join that session, and a session is a morning or an evening one by
the wall time of its first reading, within the detox day (which begins at the day start):
morning from the day start until noon of that day's own date, evening from noon until the next
day start. With a 04:00 day start a reading at 01:30 is the evening of the day before.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, tzinfo
from typing import Literal

from detox.clock import local_day, to_local
from detox.models import HealthReading

SESSION_WINDOW = timedelta(minutes=10)
NOON = time(12, 0)
Part = Literal["morning", "evening"]


@dataclass(frozen=True)
class Session:
    day: date
    part: Part
    start: datetime
    readings: tuple[HealthReading, ...]

    @property
    def systolic(self) -> float:
        return mean([float(r.systolic or 0) for r in self.readings])

    @property
    def diastolic(self) -> float:
        return mean([float(r.diastolic or 0) for r in self.readings])

    @property
    def pulse(self) -> float | None:
        pulses = [float(r.pulse) for r in self.readings if r.pulse is not None]
        return mean(pulses) if pulses else None


def part_of_day(instant: datetime, day_start: time, zone: tzinfo | None) -> tuple[date, Part]:
    """The detox day an instant belongs to and whether it is that day's morning or evening."""
    day = local_day(instant, day_start, zone)
    wall = to_local(instant, zone)
    morning = wall.date() == day and wall.time() < NOON
    return day, "morning" if morning else "evening"


def bp_sessions(
    readings: Iterable[HealthReading], day_start: time, zone: tzinfo | None
) -> list[Session]:
    """Blood-pressure readings grouped into sessions, oldest first."""
    ordered = sorted((r for r in readings if r.measure == "bp"), key=lambda r: (r.at, r.id))
    groups: list[list[HealthReading]] = []
    for reading in ordered:
        if groups and reading.at - groups[-1][0].at <= SESSION_WINDOW:
            groups[-1].append(reading)
        else:
            groups.append([reading])
    sessions = []
    for group in groups:
        day, part = part_of_day(group[0].at, day_start, zone)
        sessions.append(Session(day, part, group[0].at, tuple(group)))
    return sessions


@dataclass(frozen=True)
class DayHealth:
    """One day's figures: morning blood pressure (mean of its morning sessions), evening blood
    pressure, resting pulse (mean of pulse entries) and sleep (sum of sleep entries)."""

    morning_systolic: float | None = None
    morning_diastolic: float | None = None
    morning_sessions: int = 0
    evening_systolic: float | None = None
    evening_diastolic: float | None = None
    evening_sessions: int = 0
    resting_pulse: float | None = None
    sleep_hours: float | None = None


def health_by_day(
    readings: Sequence[HealthReading], day_start: time, zone: tzinfo | None
) -> dict[date, DayHealth]:
    sessions: dict[tuple[date, Part], list[Session]] = defaultdict(list)
    for session in bp_sessions(readings, day_start, zone):
        sessions[(session.day, session.part)].append(session)
    pulses: dict[date, list[float]] = defaultdict(list)
    sleep: dict[date, float] = defaultdict(float)
    for reading in readings:
        day = local_day(reading.at, day_start, zone)
        if reading.measure == "pulse" and reading.pulse is not None:
            pulses[day].append(float(reading.pulse))
        elif reading.measure == "sleep" and reading.hours is not None:
            sleep[day] += reading.hours
    days = {day for day, _ in sessions} | pulses.keys() | sleep.keys()
    found: dict[date, DayHealth] = {}
    for day in days:
        morning = sessions.get((day, "morning"), [])
        evening = sessions.get((day, "evening"), [])
        found[day] = DayHealth(
            morning_systolic=mean([s.systolic for s in morning]) if morning else None,
            morning_diastolic=mean([s.diastolic for s in morning]) if morning else None,
            morning_sessions=len(morning),
            evening_systolic=mean([s.systolic for s in evening]) if evening else None,
            evening_diastolic=mean([s.diastolic for s in evening]) if evening else None,
            evening_sessions=len(evening),
            resting_pulse=mean(pulses[day]) if day in pulses else None,
            sleep_hours=sleep.get(day),
        )
    return found


def mean(values: Sequence[float]) -> float:
    # statistics (and what it imports) is loaded when a mean is first taken, not by everything
    # that imports this module: the tracker imports it for reminders and never takes one.
    from statistics import fmean

    return fmean(values)
