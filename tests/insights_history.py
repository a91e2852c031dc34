"""Synthetic histories for the insights tests, written into a real store as a user would make them:
tracked spans in monthly files, mood entries and fasts in the journal."""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, time, timedelta
from zoneinfo import ZoneInfo

from detox.clock import local_datetime
from detox.config import Settings
from detox.models import Dimension, Fast, MoodEntry, UsageSpan
from detox.store import Store

ZONE = ZoneInfo("Europe/Warsaw")
SETTINGS = Settings(timezone="Europe/Warsaw")
FIRST = date(2026, 1, 5)  # a Monday


@dataclass
class Day:
    mood: int | None
    minutes: float = 0.0
    tags: list[str] = field(default_factory=list)
    dimensions: dict[Dimension, int] = field(default_factory=dict)


def clip(value: float) -> int:
    return max(1, min(10, round(value)))


def write_days(store: Store, days: list[Day], first: date = FIRST) -> None:
    """One evening mood entry and one afternoon span of Reddit per day."""
    spans: list[UsageSpan] = []
    entries: list[MoodEntry] = []
    now = store.clock.now()
    for offset, spec in enumerate(days):
        day = first + timedelta(days=offset)
        if spec.minutes > 0:
            start = local_datetime(day, time(14, 0), ZONE)
            spans.append(
                UsageSpan(
                    id=UsageSpan.stable_id(store.device.id, "reddit", start, "tracker"),
                    app="reddit",
                    device=store.device.id,
                    source="tracker",
                    start=start,
                    duration=spec.minutes * 60,
                )
            )
        if spec.mood is not None:
            entries.append(
                MoodEntry(
                    device=store.device.id,
                    updated_at=now,
                    at=local_datetime(day, time(20, 0), ZONE),
                    score=spec.mood,
                    tags=spec.tags,
                    dimensions=spec.dimensions,
                )
            )
    store.add_spans(spans)
    store.put_many(entries)


def add_fast(store: Store, start: date, end: date, **fields: object) -> Fast:
    fast = Fast.model_validate(
        {
            "device": store.device.id,
            "updated_at": store.clock.now(),
            "name": "Social media fast",
            "start": start,
            "end": end,
            **fields,
        }
    )
    store.put(fast)
    return fast


def fast_history(
    store: Store, effect: float, seed: int, days: int = 60, fast_from: int = 30
) -> tuple[date, date]:
    """`days` days; a fast covers the last ones and mood rises by `effect` on them."""
    data = random.Random(seed)
    specs = []
    for offset in range(days):
        fasting = offset >= fast_from
        specs.append(
            Day(
                mood=clip(data.gauss(5.0, 1.0) + (effect if fasting else 0.0)),
                minutes=max(0.0, data.gauss(15 if fasting else 120, 10)),
                dimensions={"anxiety": clip(data.gauss(5, 1.2) - (effect if fasting else 0))},
            )
        )
    write_days(store, specs)
    last = FIRST + timedelta(days=days - 1)
    add_fast(store, FIRST + timedelta(days=fast_from), last)
    return FIRST, last


def use_history(
    store: Store, seed: int, mood_of: Callable[[float, float], float], days: int = 60
) -> tuple[date, date]:
    """Random daily minutes; mood from (today's minutes, yesterday's minutes) plus noise."""
    data = random.Random(seed)
    minutes = [data.uniform(0, 240) for _ in range(days)]
    specs = [
        Day(
            mood=clip(mood_of(minutes[i], minutes[i - 1] if i else 120) + data.gauss(0, 0.7)),
            minutes=minutes[i],
        )
        for i in range(days)
    ]
    write_days(store, specs)
    return FIRST, FIRST + timedelta(days=days - 1)


def health_history(
    store: Store,
    bp_drop: float,
    offline_gain: float,
    seed: int,
    days: int = 60,
    fast_from: int = 30,
    morning_readings: int | None = None,
) -> tuple[date, date]:
    """`days` days of use and mood as in `fast_history` (no effect), each morning a session of
    two blood-pressure readings three minutes apart, each evening one reading 15 mmHg higher
    (which must not be mixed into the morning figures), and an hour or so offline. On the fast
    (the last days) systolic falls by `bp_drop`, diastolic by half of it, and offline time rises
    by `offline_gain` minutes. `morning_readings` limits the mornings measured, counted from
    the first fast day backwards and forwards alike."""
    from detox.models import HealthReading, OfflineEntry

    first, last = fast_history(store, effect=0.0, seed=seed, days=days, fast_from=fast_from)
    data = random.Random(seed + 1000)
    now = store.clock.now()
    records: list[HealthReading | OfflineEntry] = []
    for offset in range(days):
        day = FIRST + timedelta(days=offset)
        fasting = offset >= fast_from
        measured = morning_readings is None or abs(offset - fast_from + 0.5) < morning_readings
        systolic = data.gauss(132, 4) - (bp_drop if fasting else 0)
        diastolic = data.gauss(84, 3) - (bp_drop / 2 if fasting else 0)
        if measured:
            for minute, wobble in ((0, 2), (3, -2)):
                records.append(
                    HealthReading(
                        device=store.device.id,
                        updated_at=now,
                        measure="bp",
                        at=local_datetime(day, time(7, minute), ZONE),
                        systolic=round(systolic + wobble),
                        diastolic=round(diastolic + wobble / 2),
                        pulse=round(data.gauss(68, 3)),
                    )
                )
        records.append(
            HealthReading(
                device=store.device.id,
                updated_at=now,
                measure="bp",
                at=local_datetime(day, time(21, 0), ZONE),
                systolic=round(systolic + 15),
                diastolic=round(diastolic + 8),
            )
        )
        minutes = max(5.0, data.gauss(60, 15) + (offline_gain if fasting else 0))
        records.append(
            OfflineEntry(
                device=store.device.id,
                updated_at=now,
                at=local_datetime(day, time(17, 0), ZONE),
                activity="walk",
                duration=round(minutes * 60),
            )
        )
    store.put_many(records)
    return first, last
