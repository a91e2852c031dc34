"""Made-up but realistic history for the benchmarks: bursts of use of the popular apps."""

from __future__ import annotations

import random
from datetime import UTC, date, datetime, timedelta

from detox.models import UsageSpan
from detox.store import Store

APPS = {
    "instagram": 8,
    "tiktok": 7,
    "youtube": 6,
    "whatsapp": 6,
    "x": 4,
    "reddit": 4,
    "facebook": 3,
    "messenger": 3,
    "snapchat": 3,
    "discord": 3,
    "telegram": 2,
    "pinterest": 1,
    "linkedin": 1,
    "twitch": 1,
    "bluesky": 1,
}


def day_of_spans(rng: random.Random, device: str, day: datetime, count: int) -> list[UsageSpan]:
    """Bursts of use between 07:00 and 01:00 UTC, mostly under a minute, now and then longer."""
    names, weights = list(APPS), list(APPS.values())
    spans = []
    for _ in range(count):
        start = day + timedelta(hours=7, seconds=rng.uniform(0, 18 * 3600))
        app = rng.choices(names, weights)[0]
        duration = round(min(1800.0, max(1.0, rng.lognormvariate(3.4, 1.1))), 1)
        spans.append(
            UsageSpan(
                id=UsageSpan.stable_id(device, app, start, "tracker"),
                app=app,
                device=device,
                source="tracker",
                start=start,
                duration=duration,
            )
        )
    return spans


def fill(store: Store, rng: random.Random, first: date, last: date, per_day: int) -> int:
    """Spans for every day in [first, last], written one month file at a time."""
    by_month: dict[str, list[UsageSpan]] = {}
    day = first
    while day <= last:
        midnight = datetime(day.year, day.month, day.day, tzinfo=UTC)
        for span in day_of_spans(rng, store.device.id, midnight, per_day):
            by_month.setdefault(f"{span.start:%Y-%m}", []).append(span)
        day += timedelta(days=1)
    for month in sorted(by_month):
        store.add_spans(by_month[month])
    return sum(len(spans) for spans in by_month.values())
