"""What each screen shows, loaded in worker threads: plain data, no Textual, no blocking the UI."""

from __future__ import annotations

from datetime import date, timedelta
from statistics import fmean
from typing import NamedTuple

from detox.balance.budgets import effective_budgets
from detox.balance.cards import active_fast_card
from detox.clock import current_day, day_bounds, days_between, detox_day
from detox.context import Context
from detox.i18n import _
from detox.models import MoodEntry
from detox.tracker.presence import read_status, tracker_is_running
from detox.usage import per_app_seconds


# Named tuples, not frozen dataclasses: a dataclass compiles its methods as the module is
# imported, before the app's first paint.
class AppRow(NamedTuple):
    app: str
    name: str
    seconds: float
    budget_seconds: int | None


class TodayData(NamedTuple):
    day: date
    apps: list[AppRow]
    total_seconds: float
    total_budget_seconds: int | None
    fast_card: str | None
    mood_scores: list[int]
    mood_by_day: list[float | None]  # the last 14 local days, oldest first
    tracker_running: bool
    tracker_detail: str
    warnings: list[str]

    @property
    def mood_today(self) -> float | None:
        return fmean(self.mood_scores) if self.mood_scores else None


def daily_mood_means(context: Context, first: date, last: date) -> list[float | None]:
    settings = context.settings
    start, _ = day_bounds(first, settings.day_start, settings.zone)
    _, end = day_bounds(last, settings.day_start, settings.zone)
    by_day: dict[date, list[int]] = {}
    for entry in context.store.records(MoodEntry):
        if start <= entry.at < end:
            day = detox_day(entry.at, settings)
            by_day.setdefault(day, []).append(entry.score)
    days = days_between(first, last)
    return [fmean(by_day[d]) if d in by_day else None for d in days]


def load_today(context: Context) -> TodayData:
    settings = context.settings
    day = current_day(context.clock, context.settings)
    start, end = day_bounds(day, settings.day_start, settings.zone)
    usage = per_app_seconds(context.store.spans(start, end), start, end)
    budgets = effective_budgets(context, day)
    catalog = context.catalog
    rows = []
    for item in usage:
        rows.append(
            AppRow(item.app, catalog.name_of(item.app), item.seconds, budgets.get(item.app))
        )
    moods = [m.score for m in context.store.records(MoodEntry) if start <= m.at < end]
    running = tracker_is_running(context.paths)
    status = read_status(context.paths) or {}
    detail = ""
    if running:
        last = status.get("last_sample") or {}
        seen = last.get("app") or _("nothing social")
        detail = _("pid {pid}, last saw {app}").format(pid=status.get("pid"), app=seen)
    return TodayData(
        day=day,
        apps=rows,
        total_seconds=sum(r.seconds for r in rows),
        total_budget_seconds=budgets.get("total"),
        fast_card=active_fast_card(context, day),
        mood_scores=moods,
        mood_by_day=daily_mood_means(context, day - timedelta(days=13), day),
        tracker_running=running,
        tracker_detail=detail,
        warnings=list(context.store.warnings),
    )
