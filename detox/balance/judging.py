"""Judging fasts from the daily read model: the seconds per app of every day that is over come
from the rollups (cached per month, rebuilt when a usage file changes), and only the days that
need them read spans: today, a day a fast began or was ended within, and a day with a curfew.

A running 46-day fast used to read every span of its 46 days on each look (the Today card,
`fast list`, the report, the tracker's watch every 5 minutes); now it reads today's. And the
days that are over, once judged, are kept across processes (judged_cache): a later look judges
today and the days whose usage files changed, not the rollups of every month of the fast.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING

from detox.balance.compliance import (
    Compliance,
    evaluate_days,
    last_day,
    needs_spans,
    spans_by_day,
)
from detox.clock import day_bounds, local_day
from detox.config import Settings
from detox.models import Fast, UsageSpan
from detox.reports.rollups import use_by_day
from detox.store import Store

if TYPE_CHECKING:
    from detox.catalog import Catalog


def category_lookup(catalog: Catalog) -> Callable[[str], str | None]:
    """An app's category for the rules, None for an app the catalog does not know. Here, not
    with the fast commands: a report judging a fast does not import those (nor the presets and
    dateutil they bring)."""

    def category_of(app_id: str) -> str | None:
        app = catalog.get(app_id)
        return app.category if app else None

    return category_of


# Judged days are kept for a look at this many fasts at most: each fast's days are checked
# against their own files, which for thousands of fasts (a hostile journal) costs more than
# judging them all from one read of the rollups.
KEPT_FASTS_AT_MOST = 64


def catalog_categories(catalog: Catalog) -> str:
    """What the rules' categories are judged by, as a key for the judged days kept across
    processes (judged_cache)."""
    from detox.balance.judged_cache import categories_key

    return categories_key([(app.id, app.category) for app in catalog.apps])


def judge_fasts(
    store: Store,
    settings: Settings,
    category_of: Callable[[str], str | None],
    fasts: Sequence[Fast],
    now: datetime,
    categories: str | None = None,
) -> list[Compliance]:
    """How each fast stands as of `now` (which may be before the clock's now: a report judges
    a past week as of its end).

    With `categories` (`catalog_categories` of the catalog `category_of` reads), the days that
    are over are judged once and kept in the state folder (judged_cache): a later look judges
    today, and any day whose usage files changed since."""
    if not fasts:
        return []
    day_start, zone = settings.day_start, settings.zone
    today = local_day(now, day_start, zone)
    kept = None
    if categories is not None and len(fasts) <= KEPT_FASTS_AT_MOST:
        from detox.balance.judged_cache import JudgedDays

        kept = JudgedDays(store, day_start, zone, settings.timezone, categories, today)
    known = [kept.days_of(fast) if kept is not None else {} for fast in fasts]
    last = min(today, max(fast.end for fast in fasts))
    spanned: set[date] = set()
    whole: set[date] = set()
    for fast, done in zip(fasts, known, strict=True):
        day = fast.start
        # Days after an early end are judged from nothing: no use is read for them.
        final = min(fast.end, last, last_day(fast, day_start, zone))
        while day <= final:
            if day not in done:
                (spanned if needs_spans(fast, day, today, day_start, zone) else whole).add(day)
            day += timedelta(days=1)
    seconds: dict[date, dict[str, float]] = {}
    if whole:
        # Apps of ignored categories still count against a fast that names them.
        stats = use_by_day(store, settings, store.clock.now(), min(whole), max(whole), frozenset())
        for day, figures in stats.items():
            per_app: dict[str, float] = {}
            for item in figures.apps.values():
                per_app[item.app] = per_app.get(item.app, 0.0) + item.seconds
            seconds[day] = per_app
    spans: dict[str, UsageSpan] = {}  # by id: a long span can reach two runs
    for run_first, run_last in _runs(sorted(spanned)):
        start = day_bounds(run_first, day_start, zone)[0]
        end = min(day_bounds(run_last, day_start, zone)[1], now)
        if start < end:
            # A day or two (today, mostly) is kept decoded for the next reader of the same
            # files; a long run (a curfew on every day) is read once and let go.
            keep = (run_last - run_first).days < 2
            spans.update((span.id, span) for span in store.spans(start, end, keep=keep))
    by_day = spans_by_day(sorted(spans.values(), key=lambda s: s.start), day_start, zone)
    judged = [
        evaluate_days(fast, by_day, category_of, day_start, zone, now, seconds, days)
        for fast, days in zip(fasts, known, strict=True)
    ]
    if kept is not None:
        for compliance in judged:
            kept.keep(compliance.fast, compliance.days)
        kept.save()
    return judged


def _runs(days: list[date]) -> list[tuple[date, date]]:
    """Sorted days as runs of consecutive days, so far-apart days do not read what lies between."""
    runs: list[tuple[date, date]] = []
    for day in days:
        if runs and runs[-1][1] + timedelta(days=1) == day:
            runs[-1] = (runs[-1][0], day)
        else:
            runs.append((day, day))
    return runs
