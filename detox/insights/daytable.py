"""One row per local day: the single table every insight is computed from.

A row holds the day's social minutes (every device, clipped to the day), the mean of its mood
entries and of each mood dimension, the union of its tags, the fast it lies in (if any) and the
day's check-in. Days before the first use detox ever recorded have unknown minutes (None), not 0,
so the weeks before someone installed detox do not read as weeks without social media.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta, tzinfo

from detox.clock import day_bounds, days_between, local_day
from detox.config import Settings
from detox.health.daily import health_columns
from detox.insights.stats import mean
from detox.models import (
    Baseline,
    CheckIn,
    Dimension,
    Fast,
    HealthReading,
    ManualUsage,
    MoodEntry,
    OfflineEntry,
    UsageSpan,
)
from detox.reports.rollups import earliest_use, use_by_day
from detox.store import Store


@dataclass(frozen=True)
class DayRow:
    day: date
    social_minutes: float | None
    mood: float | None
    entries: int = 0
    dimensions: dict[Dimension, float] = field(default_factory=dict)
    tags: frozenset[str] = frozenset()
    fast: str | None = None
    life_satisfaction: float | None = None
    loneliness: float | None = None
    morning_systolic: float | None = None  # the mean of the day's morning sessions
    morning_diastolic: float | None = None
    offline_minutes: float | None = None  # None before anything offline was ever logged
    baseline: bool = False  # in a baseline period (`detox baseline`), the comparison for fasts

    @property
    def in_fast(self) -> bool:
        return self.fast is not None

    def to_json(self) -> dict[str, object]:
        return {
            "date": self.day.isoformat(),
            "social_minutes": _rounded(self.social_minutes),
            "mood": _rounded(self.mood),
            "entries": self.entries,
            "dimensions": {name: _rounded(value) for name, value in self.dimensions.items()},
            "tags": sorted(self.tags),
            "in_fast": self.in_fast,
            "fast": self.fast,
            "in_baseline": self.baseline,
            "life_satisfaction": _rounded(self.life_satisfaction),
            "loneliness": _rounded(self.loneliness),
            "morning_systolic": _rounded(self.morning_systolic),
            "morning_diastolic": _rounded(self.morning_diastolic),
            "offline_minutes": _rounded(self.offline_minutes),
        }


def _rounded(value: float | None) -> float | None:
    return None if value is None else round(value, 2)


def fast_days(
    fasts: Iterable[Fast], first: date, last: date, day_start: time, zone: tzinfo | None
) -> dict[date, str]:
    """The days within [first, last] that lie in a fast, each with the fast's name.

    A fast covers its start to its end, both included, but stops at the local day it was ended
    if it ended early, and never covers its days off. Where fasts overlap, the earliest wins.
    """
    covered: dict[date, str] = {}
    for fast in sorted(fasts, key=lambda f: (f.start, f.id)):
        final = fast.end
        if fast.ended_at is not None:
            final = min(final, local_day(fast.ended_at, day_start, zone))
        for day in days_between(max(fast.start, first), min(final, last)):
            if day.weekday() not in fast.days_off:
                covered.setdefault(day, fast.name)
    return covered


def first_use_day(store: Store, settings: Settings) -> date | None:
    """The local day of the earliest use of any kind (tracked, imported, typed in): the journal,
    and the first usage files by their names (not the rollups of a month)."""
    days = [
        local_day(usage.start, settings.day_start, settings.zone)
        for usage in store.records(ManualUsage)
    ]
    began = earliest_use(store, settings)
    if began is not None:
        days.append(local_day(began, settings.day_start, settings.zone))
    return min(days, default=None)


def _spans_by_day(
    spans: Sequence[UsageSpan], day_start: time, zone: tzinfo | None
) -> dict[date, list[UsageSpan]]:
    # Bucketing first keeps a year of tracked spans linear instead of days x spans.
    buckets: dict[date, list[UsageSpan]] = defaultdict(list)
    for span in spans:
        first = local_day(span.start, day_start, zone)
        last = local_day(max(span.start, span.end - timedelta(microseconds=1)), day_start, zone)
        for day in days_between(first, last):
            buckets[day].append(span)
    return buckets


def build_day_table(store: Store, settings: Settings, first: date, last: date) -> list[DayRow]:
    """A row for every local day from first to last, both included."""
    if last < first:
        raise ValueError("last day before first day")
    day_start, zone = settings.day_start, settings.zone
    range_start = day_bounds(first, day_start, zone)[0]
    range_end = day_bounds(last, day_start, zone)[1]

    def day_of(instant: datetime) -> date:
        return local_day(instant, day_start, zone)

    # Per-day figures (rollups of the days that are over, spans only for today) instead of a
    # year of spans: a year's insights read 144,000 spans in about 4 s.
    use = use_by_day(store, settings, store.clock.now(), first, last)
    use_known_from = first_use_day(store, settings)
    moods: dict[date, list[MoodEntry]] = defaultdict(list)
    for entry in store.records(MoodEntry):
        if range_start <= entry.at < range_end:
            moods[day_of(entry.at)].append(entry)
    checkins: dict[date, list[CheckIn]] = defaultdict(list)
    for checkin in store.records(CheckIn):
        if range_start <= checkin.at < range_end:
            checkins[day_of(checkin.at)].append(checkin)
    in_fast = fast_days(store.records(Fast), first, last, day_start, zone)
    in_baseline = {
        day
        for baseline in store.records(Baseline)
        for day in days_between(max(baseline.start, first), min(baseline.end, last))
    }
    health = health_columns(
        store.records(HealthReading),
        store.records(OfflineEntry),
        days_between(first, last),
        day_start,
        zone,
    )

    rows: list[DayRow] = []
    for day in days_between(first, last):
        minutes: float | None = None
        if use_known_from is not None and day >= use_known_from:
            stats = use.get(day)
            minutes = 0.0 if stats is None else stats.seconds / 60
        entries = moods.get(day, [])
        day_checkins = checkins.get(day, [])
        rows.append(
            DayRow(
                day=day,
                social_minutes=minutes,
                mood=mean([e.score for e in entries]) if entries else None,
                entries=len(entries),
                dimensions=_dimension_means(entries),
                tags=frozenset(tag for entry in entries for tag in entry.tags),
                fast=in_fast.get(day),
                baseline=day in in_baseline and day not in in_fast,
                life_satisfaction=(
                    mean([c.life_satisfaction for c in day_checkins]) if day_checkins else None
                ),
                loneliness=mean([c.loneliness for c in day_checkins]) if day_checkins else None,
                morning_systolic=health[day].morning_systolic,
                morning_diastolic=health[day].morning_diastolic,
                offline_minutes=health[day].offline_minutes,
            )
        )
    return rows


def _dimension_means(entries: Sequence[MoodEntry]) -> dict[Dimension, float]:
    scores: dict[Dimension, list[int]] = defaultdict(list)
    for entry in entries:
        for dimension, score in entry.dimensions.items():
            scores[dimension].append(score)
    return {dimension: mean(values) for dimension, values in scores.items()}
