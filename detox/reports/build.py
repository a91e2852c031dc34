"""Build a Report for a period: usage from the rollups (closed months) and the usage files (the
open month), entered use and mood from the journal, then budgets, fasts and insights."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from datetime import date, timedelta

from detox.clock import day_bounds, days_between, local_day
from detox.ground import Ground
from detox.models import JournalRecord, MoodEntry
from detox.reports.daily import HOURS, DayStats, day_stats
from detox.reports.model import (
    AppLine,
    CategoryLine,
    DayLine,
    DeviceKind,
    DeviceLine,
    Heatmap,
    MoodRow,
    MoodSummary,
    PeriodState,
    Report,
    UsageRow,
)
from detox.reports.periods import Period, previous_period, week_start_index
from detox.reports.reasons import three_reasons_section
from detox.reports.rollups import ignored_app_ids, use_by_day
from detox.reports.sections import budgets_section, fasts_section, insights_section

UNKNOWN_CATEGORY = "other"
MIN_TREND_DAYS = 3


def build_report(
    context: Ground,
    period: Period,
    previous: Period | None = None,
    devices: frozenset[str] | None = None,
) -> Report:
    """The report of a period; `devices` (device keys) narrows use to some devices."""
    settings, store, catalog = context.settings, context.store, context.catalog
    now = context.clock.now()
    today = local_day(now, settings.day_start, settings.zone)
    state = _state(period, today)
    before = previous if previous is not None else previous_period(period)
    partial = state == "current" and today < period.last
    if partial:
        # Halfway through a week, the fair comparison is the same days of the week before.
        elapsed = (today - period.first).days + 1
        last_compared = min(before.last, before.first + timedelta(days=elapsed - 1))
        before = Period(before.first, last_compared, before.kind, before.label)
    first, last = min(before.first, period.first), max(before.last, period.last)

    journal = store.journal()
    ignored = ignored_apps(context)
    if devices is None:
        stats = use_by_day(store, settings, now, first, last, ignored)
    else:
        # Rollups sum the hours of all devices, so one device's share is read from its spans.
        start = day_bounds(first, settings.day_start, settings.zone)[0]
        end = day_bounds(last, settings.day_start, settings.zone)[1]
        chosen = (
            span
            for span in store.spans(start, end)
            if span.device in devices and span.app not in ignored
        )
        stats = day_stats(chosen, settings.day_start, settings.zone, first, last)

    name_of = catalog.name_of

    def category_of(app_id: str) -> str:
        app = catalog.get(app_id)
        return app.category if app else UNKNOWN_CATEGORY

    current = [stats[day] for day in period.days if day in stats]
    earlier = [stats[day] for day in before.days if day in stats]
    moods = _moods_by_day(journal, context)
    device_names = {info.id: info.name for info in store.devices()}

    apps = _apps(current, earlier, name_of, category_of)
    total = sum(day.seconds for day in current)
    previous_total = sum(day.seconds for day in earlier)
    per_day = {day.day: day.seconds for day in current}
    return Report(
        period=period,
        previous=before,
        previous_partial=partial,
        state=state,
        today=today,
        generated_at=now,
        day_start=settings.day_start,
        week_start_index=week_start_index(settings.first_day_of_week),
        zone=settings.zone,
        zone_name=settings.timezone or None,
        days=tuple(
            DayLine(
                day=day,
                seconds=per_day.get(day, 0.0),
                mood=_mean(moods.get(day, [])),
                mood_entries=len(moods.get(day, [])),
                state=_state_of_day(day, today),
            )
            for day in period.days
        ),
        total_seconds=total,
        previous_total_seconds=previous_total,
        apps=tuple(line for line in apps if line.seconds > 0),
        dropped_apps=tuple(line for line in apps if line.seconds <= 0),
        categories=_categories(apps),
        devices=_devices(current, earlier, device_names),
        rows=_rows(current, device_names),
        heatmap=_heatmap(current),
        mood=_mood(moods, period, before),
        budgets=budgets_section(context, journal, period, stats, today, category_of),
        fasts=fasts_section(context, journal, period, now),
        insights=insights_section(context, journal, period, stats, moods, today),
        mood_rows=_mood_rows(journal, context, period),
        three_reasons=three_reasons_section(
            journal,
            period,
            today,
            settings.day_start,
            settings.zone,
            week_start_index(settings.first_day_of_week),
            lambda a, b: _seconds_per_day(context, ignored, stats, a, b),
            lambda: _first_use_day(context),
        ),
    )


def ignored_apps(context: Ground) -> frozenset[str]:
    """Apps of the categories the user asked detox not to count (`ignore_categories`): their
    old spans stay on disk, but no report counts them."""
    return ignored_app_ids(context.settings, context.paths.config_file)


def _state(period: Period, today: date) -> PeriodState:
    if period.first > today:
        return "future"
    return "current" if today in period else "past"


def _state_of_day(day: date, today: date) -> PeriodState:
    if day > today:
        return "future"
    return "current" if day == today else "past"


def _moods_by_day(journal: Iterable[JournalRecord], context: Ground) -> dict[date, list[int]]:
    settings = context.settings
    found: dict[date, list[int]] = defaultdict(list)
    for record in journal:
        if isinstance(record, MoodEntry):
            found[local_day(record.at, settings.day_start, settings.zone)].append(record.score)
    return found


def _mood_rows(
    journal: Iterable[JournalRecord], context: Ground, period: Period
) -> tuple[MoodRow, ...]:
    settings = context.settings
    rows = []
    for record in journal:
        if not isinstance(record, MoodEntry):
            continue
        day = local_day(record.at, settings.day_start, settings.zone)
        if period.first <= day <= period.last:
            rows.append(
                MoodRow(
                    day=day,
                    at=record.at,
                    score=record.score,
                    dimensions=tuple(sorted(record.dimensions.items())),
                    tags=tuple(record.tags),
                )
            )
    return tuple(sorted(rows, key=lambda row: row.at))


def _mean(values: Sequence[float]) -> float | None:
    return sum(values) / len(values) if values else None


def _apps(
    current: list[DayStats],
    earlier: list[DayStats],
    name_of: Callable[[str], str],
    category_of: Callable[[str], str],
) -> list[AppLine]:
    seconds: dict[str, float] = defaultdict(float)
    sessions: dict[str, int] = defaultdict(int)
    longest: dict[str, float] = defaultdict(float)
    before: dict[str, float] = defaultdict(float)
    for day in current:
        for item in day.apps.values():
            seconds[item.app] += item.seconds
            sessions[item.app] += item.sessions
            longest[item.app] = max(longest[item.app], item.longest)
    for day in earlier:
        for item in day.apps.values():
            before[item.app] += item.seconds
    lines = [
        AppLine(
            app=app,
            name=name_of(app),
            category=category_of(app),
            seconds=seconds.get(app, 0.0),
            sessions=sessions.get(app, 0),
            longest_session=longest.get(app, 0.0),
            previous_seconds=before.get(app, 0.0),
        )
        for app in seconds.keys() | before.keys()
    ]
    return sorted(lines, key=lambda line: (-line.seconds, -line.previous_seconds, line.name))


def _categories(apps: Iterable[AppLine]) -> tuple[CategoryLine, ...]:
    now: dict[str, float] = defaultdict(float)
    before: dict[str, float] = defaultdict(float)
    for line in apps:
        now[line.category] += line.seconds
        before[line.category] += line.previous_seconds
    lines = [CategoryLine(name, now[name], before[name]) for name in now]
    return tuple(
        sorted(lines, key=lambda line: (-line.seconds, -line.previous_seconds, line.category))
    )


def _device_line_parts(key: str, names: dict[str, str]) -> tuple[DeviceKind, str]:
    source, _, device = key.partition(":")
    if source == "tracker":
        return "tracker", names.get(device, device)
    if source == "manual":
        return "manual", device
    return "import", names.get(device, device)


def _device_label(key: str, names: dict[str, str]) -> str:
    kind, name = _device_line_parts(key, names)
    return DeviceLine(key, kind, name, 0.0, 0.0).label


def _devices(
    current: list[DayStats], earlier: list[DayStats], names: dict[str, str]
) -> tuple[DeviceLine, ...]:
    now: dict[str, float] = defaultdict(float)
    before: dict[str, float] = defaultdict(float)
    for day in current:
        for item in day.apps.values():
            now[item.device] += item.seconds
    for day in earlier:
        for item in day.apps.values():
            before[item.device] += item.seconds
    lines = []
    for key in now.keys() | before.keys():
        kind, name = _device_line_parts(key, names)
        lines.append(DeviceLine(key, kind, name, now.get(key, 0.0), before.get(key, 0.0)))
    return tuple(
        sorted(lines, key=lambda line: (-line.seconds, -line.previous_seconds, line.label))
    )


def _rows(current: list[DayStats], names: dict[str, str]) -> tuple[UsageRow, ...]:
    rows = [
        UsageRow(day.day, item.app, _device_label(item.device, names), item.seconds, item.sessions)
        for day in current
        for item in day.apps.values()
        if item.seconds > 0
    ]
    return tuple(sorted(rows, key=lambda row: (row.day, -row.seconds, row.app, row.device)))


def _heatmap(current: list[DayStats]) -> Heatmap:
    cells = [[0.0] * HOURS for _ in range(7)]
    for day in current:
        row = cells[day.day.weekday()]
        for hour, seconds in enumerate(day.hours):
            row[hour] += seconds
    return Heatmap(tuple(tuple(row) for row in cells))


def _mood(moods: dict[date, list[int]], period: Period, before: Period) -> MoodSummary:
    scores = [score for day in period.days for score in moods.get(day, [])]
    earlier = [score for day in before.days for score in moods.get(day, [])]
    daily = [(day, _mean(moods[day])) for day in period.days if moods.get(day)]
    points = [((day - period.first).days, value) for day, value in daily if value is not None]
    return MoodSummary(
        entries=len(scores),
        days_logged=len(daily),
        mean=_mean(scores),
        previous_mean=_mean(earlier),
        trend=_fitted_change(points) if len(points) >= MIN_TREND_DAYS else None,
        trend_days=len(points),
    )


def _fitted_change(points: Sequence[tuple[int, float]]) -> float:
    """The change across the logged days of a least-squares line through the daily means."""
    xs = [float(x) for x, _ in points]
    ys = [y for _, y in points]
    mean_x, mean_y = sum(xs) / len(xs), sum(ys) / len(ys)
    spread = sum((x - mean_x) ** 2 for x in xs)
    if spread == 0:
        return 0.0
    slope = sum((x - mean_x) * (y - mean_y) for x, y in zip(xs, ys, strict=True)) / spread
    return slope * (max(xs) - min(xs))


def _seconds_per_day(
    context: Ground,
    ignored: frozenset[str],
    known: dict[date, DayStats],
    first: date,
    last: date,
) -> dict[date, float]:
    """Social seconds per day for the three-reasons section: the report's own figures where it
    has them, the same sources (rollups and entered use) for the baseline days before them,
    kept across processes once those days are over (kept_days)."""
    missing = [day for day in days_between(first, last) if day not in known]
    found = {day: stats.seconds for day, stats in known.items() if first <= day <= last}
    if not missing:
        return found
    from detox.reports.kept_days import past_day_seconds

    now = context.clock.now()
    extra = past_day_seconds(
        context.store, context.settings, now, min(missing), max(missing), ignored
    )
    for day in missing:
        found[day] = extra.get(day, 0.0)
    return found


def _first_use_day(context: Ground) -> date | None:
    from detox.insights.daytable import first_use_day

    return first_use_day(context.store, context.settings)
