"""The report's budgets, fasts and insights, computed by the balance and insights services.

Budget use is taken from the report's own per-day figures (the same numbers the report prints),
so a budget line never disagrees with the day it judges. Fasts are judged by the balance service
as of the end of the period, so the streak is the one the period ended with. Insights run on the
period's days up to today; a week is short for statistics, so the report keeps the findings that
have enough data and, if none do, the sentences saying how much more is needed.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Sequence
from datetime import UTC, date, datetime, time, tzinfo

from detox.clock import day_bounds, local_day
from detox.ground import Ground
from detox.i18n import N_, _
from detox.models import (
    Budget,
    CheckIn,
    Dimension,
    Event,
    Fast,
    HealthReading,
    JournalRecord,
    ManualUsage,
    MoodEntry,
    OfflineEntry,
)
from detox.reports.daily import DayStats
from detox.reports.model import BudgetLine, BudgetSummary, FastLine, InsightsSummary, LogLine
from detox.reports.periods import Period


def budgets_section(
    context: Ground,
    journal: Sequence[JournalRecord],
    period: Period,
    stats: dict[date, DayStats],
    today: date,
    category_of: Callable[[str], str],
) -> BudgetSummary:
    has_records = any(isinstance(record, Budget) for record in journal)
    if not context.settings.budgets and not has_records:
        return BudgetSummary((), 0, 0, today in period)
    from detox.balance.budgets import budget_entries, label
    from detox.balance.rules import CATEGORY_PREFIX

    judged = [day for day in period.days if day <= today]
    lines: list[BudgetLine] = []
    over_days: set[date] = set()
    for entry in budget_entries(context):
        within = 0
        over: list[date] = []
        used_total = 0.0
        for day in judged:
            used = _used(entry.target, stats.get(day), category_of, CATEGORY_PREFIX)
            used_total += used
            if used > entry.seconds_on(day):
                over.append(day)
                over_days.add(day)
            else:
                within += 1
        lines.append(
            BudgetLine(
                target=entry.target,
                name=label(context.catalog, entry.target),
                weekday_seconds=entry.weekday_seconds,
                weekend_seconds=entry.weekend_seconds,
                days_within=within,
                days_over=tuple(over),
                average_seconds=used_total / len(judged) if judged else 0.0,
            )
        )
    return BudgetSummary(
        lines=tuple(lines),
        days_judged=len(judged) if lines else 0,
        days_within_all=len(judged) - len(over_days) if lines else 0,
        includes_today=today in period,
    )


def _used(
    target: str, stats: DayStats | None, category_of: Callable[[str], str], prefix: str
) -> float:
    if stats is None:
        return 0.0
    if target == "total":
        return stats.seconds
    if target.startswith(prefix):
        category = target.removeprefix(prefix)
        return sum(
            item.seconds for item in stats.apps.values() if category_of(item.app) == category
        )
    return sum(item.seconds for item in stats.apps.values() if item.app == target)


def fasts_section(
    context: Ground, journal: Sequence[JournalRecord], period: Period, now: datetime
) -> tuple[FastLine, ...]:
    fasts = sorted(
        (record for record in journal if isinstance(record, Fast)),
        key=lambda fast: (fast.start, fast.id),
    )
    if not fasts:
        return ()
    from detox.balance.compliance import Compliance, last_day
    from detox.balance.integrity import events_by_fast
    from detox.balance.judging import catalog_categories, category_lookup, judge_fasts

    settings, store = context.settings, context.store
    day_start, zone = settings.day_start, settings.zone
    today = local_day(now, day_start, zone)
    period_end = day_bounds(period.last, day_start, zone)[1]
    cutoff = min(now, period_end)  # judge as of the end of the period (or now, if sooner)
    shown = [
        fast
        for fast in fasts
        if fast.start <= period.last and last_day(fast, day_start, zone) >= period.first
    ]
    if not shown:
        return ()
    # The use and the log are read once for every fast shown: with thousands of fasts, one
    # query per fast made a report take minutes.
    category_of = category_lookup(context.catalog)
    categories = catalog_categories(context.catalog)
    everything = judge_fasts(store, settings, category_of, shown, cutoff, categories)
    logs = events_by_fast(store)
    lines: list[FastLine] = []
    for fast, judged in zip(shown, everything, strict=True):
        final = last_day(fast, day_start, zone)
        days = [result for result in judged.days if result.day in period]
        log = _log_lines(
            [e for e in logs.get(fast.id, []) if _event_day(e, day_start, zone) in period],
            context.catalog.name_of,
        )
        lines.append(
            FastLine(
                id=fast.id,
                name=fast.name,
                first=fast.start,
                last=final,
                state=Compliance(fast, today, final, ()).state,
                days_kept=sum(1 for result in days if result.status == "kept"),
                days_slipped=sum(1 for result in days if result.status == "slipped"),
                days_off=sum(1 for result in days if result.status == "day_off"),
                streak=judged.current_streak,
                longest_streak=judged.longest_streak,
                log=log,
            )
        )
    return tuple(lines)


def _log_lines(events: list[Event], name_of: Callable[[str], str]) -> tuple[LogLine, ...]:
    if not events:
        return ()  # most fasts have no entry in a week: the wording is not even imported
    from detox.balance.event_text import event_kind, event_text

    return tuple(
        LogLine(e.at, e.type, e.message, event_text(e, name_of), event_kind(e.type)) for e in events
    )


def _event_day(event: Event, day_start: time, zone: tzinfo | None) -> date:
    """A slip belongs to the day it happened on, not the day it was noticed."""
    day = event.data.get("day")
    if isinstance(day, str):
        try:
            return date.fromisoformat(day)
        except ValueError:
            pass
    return local_day(event.at, day_start, zone)


NO_MOOD = N_(
    "No mood logged in this period: `detox mood 7` records how you feel, and insights compare "
    "it with your use."
)
NOT_STARTED = N_("This period has not begun, so there is nothing to look at yet.")


def insights_section(
    context: Ground,
    journal: Sequence[JournalRecord],
    period: Period,
    stats: dict[date, DayStats],
    moods: dict[date, list[int]],
    today: date,
) -> InsightsSummary:
    last = min(period.last, today)
    if last < period.first:
        return InsightsSummary((_(NOT_STARTED),), "")
    days = [day for day in period.days if day <= last]
    if not any(moods.get(day) for day in days):
        return InsightsSummary((_(NO_MOOD),), "")
    from detox.health.daily import health_columns
    from detox.insights import DayRow, compute_insights, fast_days

    settings = context.settings
    day_start, zone = settings.day_start, settings.zone
    known_from = _use_known_from(context, journal, period.first)
    entries: dict[date, list[MoodEntry]] = defaultdict(list)
    checkins: dict[date, list[CheckIn]] = defaultdict(list)
    for record in journal:
        if isinstance(record, MoodEntry):
            entries[local_day(record.at, day_start, zone)].append(record)
        elif isinstance(record, CheckIn):
            checkins[local_day(record.at, day_start, zone)].append(record)
    in_fast = fast_days(
        (r for r in journal if isinstance(r, Fast)), period.first, last, day_start, zone
    )
    health = health_columns(
        [r for r in journal if isinstance(r, HealthReading)],
        [r for r in journal if isinstance(r, OfflineEntry)],
        days,
        day_start,
        zone,
    )
    rows = []
    for day in days:
        day_entries = entries.get(day, [])
        day_checkins = checkins.get(day, [])
        known = known_from is not None and day >= known_from
        seconds = stats[day].seconds if day in stats else 0.0
        rows.append(
            DayRow(
                day=day,
                social_minutes=seconds / 60 if known else None,
                mood=_mean([e.score for e in day_entries]),
                entries=len(day_entries),
                dimensions=_dimension_means(day_entries),
                tags=frozenset(tag for entry in day_entries for tag in entry.tags),
                fast=in_fast.get(day),
                life_satisfaction=_mean([c.life_satisfaction for c in day_checkins]),
                loneliness=_mean([c.loneliness for c in day_checkins]),
                morning_systolic=health[day].morning_systolic,
                morning_diastolic=health[day].morning_diastolic,
                offline_minutes=health[day].offline_minutes,
            )
        )
    found = compute_insights(rows)
    comparisons = [*found.baseline_vs_fast.values(), *found.tags, *found.checkins.values()]
    correlations = list(found.use_vs_mood.values())
    sentences = [c.sentence for c in comparisons if c.enough_data]
    sentences += [c.sentence for c in correlations if c.enough_data]
    if not sentences:
        # Say what would make a finding possible, for the two questions people ask first.
        waiting = [found.baseline_vs_fast["mood"].sentence]
        waiting += [c.sentence for c in correlations if c.lag == 0]
        sentences = [*waiting, _("`detox insights` looks at your whole journal.")]
    return InsightsSummary(tuple(sentences), found.caveat)


def _use_known_from(
    context: Ground,
    journal: Sequence[JournalRecord],
    first: date,
) -> date | None:
    """The first day whose social time is known: days before detox recorded anything are
    unknown rather than days without social media. Reads old usage only for a short history."""
    settings = context.settings
    start = day_bounds(first, settings.day_start, settings.zone)[0]
    if any(r.start < start for r in journal if isinstance(r, ManualUsage)):
        return first
    months = context.store.all_span_months()
    if months and months[0] < start.astimezone(UTC).strftime("%Y-%m"):
        return first
    from detox.insights.daytable import first_use_day

    began = first_use_day(context.store, settings)
    return None if began is None else max(first, began)


def _mean(values: Sequence[float]) -> float | None:
    return sum(values) / len(values) if values else None


def _dimension_means(entries: Sequence[MoodEntry]) -> dict[Dimension, float]:
    scores: dict[Dimension, list[int]] = defaultdict(list)
    for entry in entries:
        for dimension, score in entry.dimensions.items():
            scores[dimension].append(score)
    return {dimension: sum(values) / len(values) for dimension, values in scores.items()}
