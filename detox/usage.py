"""Usage of one local day: per app seconds, clipped to the day's bounds, from every device."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING

from detox.clock import day_bounds
from detox.config import Settings
from detox.errors import InputError
from detox.i18n import _
from detox.models import ManualUsage, MoodEntry, UsageSpan

if TYPE_CHECKING:  # only a type here: the reminder hook imports this module and stays lean
    from detox.store import Store


@dataclass(frozen=True)
class AppTime:
    app: str
    seconds: float


@dataclass(frozen=True)
class DayUsage:
    day: date
    start: datetime
    end: datetime
    apps: list[AppTime]
    moods: list[MoodEntry]

    @property
    def total_seconds(self) -> float:
        return sum(app.seconds for app in self.apps)


def per_app_seconds(spans: list[UsageSpan], start: datetime, end: datetime) -> list[AppTime]:
    """Seconds per app inside [start, end), largest first; a span crossing a bound counts part."""
    totals: dict[str, float] = {}
    for span in spans:
        seconds = span.overlap_seconds(start, end)
        if seconds > 0:
            totals[span.app] = totals.get(span.app, 0.0) + seconds
    ranked = sorted(totals.items(), key=lambda kv: (-kv[1], kv[0]))
    return [AppTime(app, seconds) for app, seconds in ranked]


def day_usage(
    store: Store, settings: Settings, day: date, devices: set[str] | None = None
) -> DayUsage:
    """A local day's use; `devices` (device keys) narrows it to some devices."""
    start, end = day_bounds(day, settings.day_start, settings.zone)
    spans = store.spans(start, end)
    if devices is not None:
        spans = [span for span in spans if span.device in devices]
    moods = sorted((m for m in store.records(MoodEntry) if start <= m.at < end), key=lambda m: m.at)
    return DayUsage(day, start, end, per_app_seconds(spans, start, end), moods)


def log_manual_use(
    store: Store,
    device: str,
    now: datetime,
    app: str,
    seconds: int,
    *,
    start: datetime | None = None,
    device_label: str = "phone",
) -> ManualUsage:
    """Record use the tracker cannot see (a phone's screen time); by default it just ended."""
    begin = start if start is not None else now - timedelta(seconds=seconds)
    if begin + timedelta(seconds=seconds) > now + timedelta(minutes=1):
        raise InputError(_("that use would end in the future; check the day and time"))
    entry = ManualUsage(
        device=device,
        updated_at=now,
        app=app,
        start=begin,
        duration=seconds,
        device_label=device_label.strip() or "phone",
    )
    store.put(entry)
    return entry
