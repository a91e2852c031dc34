"""The report's "three reasons" section: self-esteem, blood pressure and offline life.

Plain frozen dataclasses, like the rest of the Report; every format renders the same numbers
and the same sentences from here.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class ReasonsDay:
    """One day of the period that has begun."""

    day: date
    in_fast: bool
    social_seconds: float | None  # None before detox recorded any use
    self_esteem: float | None  # mean of the day's self-esteem scores
    morning_systolic: float | None  # mean of the day's morning sessions
    morning_diastolic: float | None
    morning_sessions: int
    evening_systolic: float | None
    evening_diastolic: float | None
    evening_sessions: int
    resting_pulse: float | None
    sleep_hours: float | None
    offline_seconds: float


@dataclass(frozen=True)
class ReclaimedWeek:
    """Social time below the baseline on a week's fast days, beside the offline time logged.

    The baseline of a fast is the mean daily social time of the 28 days before it began (days
    with known use outside any fast); `reclaimed_seconds` sums baseline minus use over the
    week's fast days so far, and is None when no fast day in the week has a baseline."""

    first: date
    last: date
    fast_days: int
    baseline_seconds: float | None  # a day, for the week's (first) fast
    reclaimed_seconds: float | None
    offline_seconds: float
    offline_by_activity: tuple[tuple[str, float], ...]  # most first


@dataclass(frozen=True)
class ThreeReasons:
    days: tuple[ReasonsDay, ...]
    weeks: tuple[ReclaimedWeek, ...]
    sentences: tuple[str, ...]
    caveat: str  # the blood-pressure caveat when there are readings, else empty

    def _mean(self, values: list[float]) -> float | None:
        return sum(values) / len(values) if values else None

    @property
    def self_esteem(self) -> float | None:
        return self._mean([d.self_esteem for d in self.days if d.self_esteem is not None])

    @property
    def morning_systolic(self) -> float | None:
        return self._mean([d.morning_systolic for d in self.days if d.morning_systolic is not None])

    @property
    def morning_diastolic(self) -> float | None:
        return self._mean(
            [d.morning_diastolic for d in self.days if d.morning_diastolic is not None]
        )

    @property
    def evening_systolic(self) -> float | None:
        return self._mean([d.evening_systolic for d in self.days if d.evening_systolic is not None])

    @property
    def evening_diastolic(self) -> float | None:
        return self._mean(
            [d.evening_diastolic for d in self.days if d.evening_diastolic is not None]
        )

    @property
    def mornings(self) -> int:
        return sum(1 for d in self.days if d.morning_systolic is not None)

    @property
    def evenings(self) -> int:
        return sum(1 for d in self.days if d.evening_systolic is not None)

    @property
    def resting_pulse(self) -> float | None:
        return self._mean([d.resting_pulse for d in self.days if d.resting_pulse is not None])

    @property
    def sleep_hours(self) -> float | None:
        return self._mean([d.sleep_hours for d in self.days if d.sleep_hours is not None])

    @property
    def offline_seconds(self) -> float:
        return sum(d.offline_seconds for d in self.days)

    @property
    def offline_by_activity(self) -> tuple[tuple[str, float], ...]:
        totals: dict[str, float] = {}
        for week in self.weeks:
            for name, seconds in week.offline_by_activity:
                totals[name] = totals.get(name, 0.0) + seconds
        return tuple(sorted(totals.items(), key=lambda kv: (-kv[1], kv[0])))
