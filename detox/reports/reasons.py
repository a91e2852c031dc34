"""Build the report's "three reasons" section from the journal and the report's own per-day
social time, and word it once for every format."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterator, Sequence
from datetime import date, time, timedelta, tzinfo
from typing import TYPE_CHECKING

from detox.clock import days_between, local_day
from detox.durations import format_duration, whole
from detox.health.offline import offline_by_day
from detox.health.readings import format_hours
from detox.health.sessions import DayHealth, health_by_day
from detox.i18n import N_, _, clauses, count, listing
from detox.insights.daytable import fast_days
from detox.insights.wording import health_caveat
from detox.localized import number
from detox.models import Fast, HealthReading, JournalRecord, MoodEntry, OfflineEntry
from detox.reports.periods import Period

if TYPE_CHECKING:
    from detox.reports.model import Report
from detox.reports.reasons_model import ReasonsDay, ReclaimedWeek, ThreeReasons

BASELINE_DAYS = 28
NOT_STARTED = N_("This period has not begun.")


def _mean(values: Sequence[float]) -> float | None:
    return sum(values) / len(values) if values else None


def three_reasons_section(
    journal: Sequence[JournalRecord],
    period: Period,
    today: date,
    day_start: time,
    zone: tzinfo | None,
    week_start_index: int,
    seconds_per_day: Callable[[date, date], dict[date, float]],
    use_known_from: Callable[[], date | None],
) -> ThreeReasons:
    """`seconds_per_day(first, last)` gives the report's social seconds for those days;
    `use_known_from()` the first day detox recorded any use (asked only when a fast needs a
    baseline: without one, days read as the report's own day table reads them)."""
    last = min(period.last, today)
    if last < period.first:
        return ThreeReasons((), (), (_(NOT_STARTED),), "")
    days = days_between(period.first, last)
    fasts = sorted((r for r in journal if isinstance(r, Fast)), key=lambda f: (f.start, f.id))
    readings = [r for r in journal if isinstance(r, HealthReading)]
    offline = offline_by_day((r for r in journal if isinstance(r, OfflineEntry)), day_start, zone)
    health = health_by_day(readings, day_start, zone)
    esteem: dict[date, list[int]] = defaultdict(list)
    for record in journal:
        if isinstance(record, MoodEntry) and "self_esteem" in record.dimensions:
            esteem[local_day(record.at, day_start, zone)].append(record.dimensions["self_esteem"])

    # Only the fasts of the period's days need a baseline: an ended fast's 28 days before it
    # were months of rollups read for nothing.
    shown = {fast.id for fast in _fast_of(fasts, period.first, last, day_start, zone).values()}
    judged = [fast for fast in fasts if fast.id in shown]
    earliest = min([period.first, *(f.start - timedelta(days=BASELINE_DAYS) for f in judged)])
    fast_of = _fast_of(fasts, earliest, last, day_start, zone)
    seconds = seconds_per_day(earliest, last)
    known_from = use_known_from() if fasts else date.min

    def known(day: date) -> bool:
        return known_from is not None and day >= known_from

    baselines: dict[str, float | None] = {}
    for fast in judged:
        before = [
            seconds.get(day, 0.0)
            for day in days_between(
                fast.start - timedelta(days=BASELINE_DAYS), fast.start - timedelta(days=1)
            )
            if day not in fast_of and known(day)
        ]
        baselines[fast.id] = _mean(before)

    lines = tuple(
        _day_line(day, fast_of, seconds if known(day) else None, esteem, health, offline)
        for day in days
    )
    weeks = _weeks(lines, week_start_index, fast_of, baselines, offline)
    sentences = _sentences(lines, weeks, period, today)
    has_bp = any(line.morning_sessions or line.evening_sessions for line in lines)
    return ThreeReasons(lines, weeks, sentences, health_caveat() if has_bp else "")


def _fast_of(
    fasts: Sequence[Fast], first: date, last: date, day_start: time, zone: tzinfo | None
) -> dict[date, Fast]:
    """The fast each day in [first, last] lies in; the earliest fast wins where fasts overlap,
    as everywhere else."""
    fast_of: dict[date, Fast] = {}
    for fast in fasts:
        for day in fast_days([fast], first, last, day_start, zone):
            fast_of.setdefault(day, fast)
    return fast_of


def _day_line(
    day: date,
    fast_of: dict[date, Fast],
    seconds: dict[date, float] | None,
    esteem: dict[date, list[int]],
    health: dict[date, DayHealth],
    offline: dict[date, dict[str, float]],
) -> ReasonsDay:
    figures = health.get(day, DayHealth())
    return ReasonsDay(
        day=day,
        in_fast=day in fast_of,
        social_seconds=seconds.get(day, 0.0) if seconds is not None else None,
        self_esteem=_mean(esteem.get(day, [])),
        morning_systolic=figures.morning_systolic,
        morning_diastolic=figures.morning_diastolic,
        morning_sessions=figures.morning_sessions,
        evening_systolic=figures.evening_systolic,
        evening_diastolic=figures.evening_diastolic,
        evening_sessions=figures.evening_sessions,
        resting_pulse=figures.resting_pulse,
        sleep_hours=figures.sleep_hours,
        offline_seconds=sum(offline.get(day, {}).values()),
    )


def _weeks(
    lines: Sequence[ReasonsDay],
    week_start_index: int,
    fast_of: dict[date, Fast],
    baselines: dict[str, float | None],
    offline: dict[date, dict[str, float]],
) -> tuple[ReclaimedWeek, ...]:
    groups: dict[date, list[ReasonsDay]] = defaultdict(list)
    for line in lines:
        groups[line.day - timedelta(days=(line.day.weekday() - week_start_index) % 7)].append(line)
    weeks: list[ReclaimedWeek] = []
    for first, members in sorted(groups.items()):
        reclaimed: float | None = None
        baseline: float | None = None
        fasting = [line for line in members if line.in_fast]
        for line in fasting:
            day_baseline = baselines.get(fast_of[line.day].id)
            if day_baseline is None or line.social_seconds is None:
                continue
            baseline = day_baseline if baseline is None else baseline
            reclaimed = (reclaimed or 0.0) + day_baseline - line.social_seconds
        activities: dict[str, float] = defaultdict(float)
        for line in members:
            for name, spent in offline.get(line.day, {}).items():
                activities[name] += spent
        weeks.append(
            ReclaimedWeek(
                first=first,
                last=first + timedelta(days=6),
                fast_days=len(fasting),
                baseline_seconds=baseline,
                reclaimed_seconds=reclaimed,
                offline_seconds=sum(activities.values()),
                offline_by_activity=tuple(
                    sorted(activities.items(), key=lambda kv: (-kv[1], kv[0]))
                ),
            )
        )
    return tuple(weeks)


def _pressure(systolic: float | None, diastolic: float | None) -> str:
    return f"{whole(systolic or 0)}/{whole(diastolic or 0)}"


def week_sentence(week: ReclaimedWeek, label: str) -> str:
    if week.fast_days == 0:
        social = _("no fast days")
    elif week.reclaimed_seconds is None:
        social = _(
            "{fast_days}, but no baseline to compare with "
            "(no recorded use in the {baseline} days before the fast)"
        ).format(fast_days=count(week.fast_days, "fast day", "fast days"), baseline=BASELINE_DAYS)
    elif week.reclaimed_seconds >= 0:
        social = _("{duration} less social media than your baseline").format(
            duration=format_duration(week.reclaimed_seconds)
        )
    else:
        social = _("{duration} more social media than your baseline").format(
            duration=format_duration(-week.reclaimed_seconds)
        )
    if week.offline_seconds > 0:
        parts = listing(f"{name} {format_duration(s)}" for name, s in week.offline_by_activity)
        offline = _("you logged {duration} offline: {activities}").format(
            duration=format_duration(week.offline_seconds), activities=parts
        )
    else:
        offline = _("no offline time logged")
    return _("{week}: {social}; {offline}.").format(week=label, social=social, offline=offline)


def _sentences(
    lines: Sequence[ReasonsDay], weeks: Sequence[ReclaimedWeek], period: Period, today: date
) -> tuple[str, ...]:
    view = ThreeReasons(tuple(lines), tuple(weeks), (), "")
    out: list[str] = []
    esteem_days = sum(1 for line in lines if line.self_esteem is not None)
    if view.self_esteem is not None:
        out.append(
            _("Self-esteem averaged {score} (1-10) over {days} with a score.").format(
                score=number(view.self_esteem, 1), days=count(esteem_days, "day", "days")
            )
        )
    else:
        out.append(_("No self-esteem scores yet: `detox mood 7 --self-esteem 6` adds one."))
    if view.mornings or view.evenings:
        parts = []
        if view.mornings:
            parts.append(
                _("mornings {pressure} mmHg ({days})").format(
                    pressure=_pressure(view.morning_systolic, view.morning_diastolic),
                    days=count(view.mornings, "day", "days"),
                )
            )
        if view.evenings:
            parts.append(
                _("evenings {pressure} mmHg ({days})").format(
                    pressure=_pressure(view.evening_systolic, view.evening_diastolic),
                    days=count(view.evenings, "day", "days"),
                )
            )
        out.append(_("Blood pressure averaged {readings}.").format(readings=listing(parts)))
    else:
        out.append(_("No blood-pressure readings yet: `detox health bp 128/82` logs one."))
    extras = []
    if view.resting_pulse is not None:
        extras.append(_("resting pulse averaged {pulse}").format(pulse=f"{view.resting_pulse:.0f}"))
    if view.sleep_hours is not None:
        nights = sum(1 for line in lines if line.sleep_hours is not None)
        extras.append(
            _("sleep {hours} a night ({nights})").format(
                hours=format_hours(view.sleep_hours), nights=count(nights, "night", "nights")
            )
        )
    if extras:
        said = clauses(extras)
        # Translators: a sentence made of the phrases before the full stop.
        out.append(_("{phrases}.").format(phrases=said[:1].upper() + said[1:]))
    for week in weeks:
        current = week.first <= today <= week.last
        label = _("This week") if current else _("Week of {day}").format(day=week.first.isoformat())
        out.append(week_sentence(week, label))
    return tuple(out)


def _round(value: float | None, places: int = 1) -> float | None:
    return None if value is None else round(value, places)


def three_reasons_json(reasons: ThreeReasons) -> dict[str, object]:
    """The section's JSON: the period's figures, each day, each week, and the sentences."""
    return {
        "self_esteem": _round(reasons.self_esteem, 2),
        "blood_pressure": {
            "morning_systolic": _round(reasons.morning_systolic),
            "morning_diastolic": _round(reasons.morning_diastolic),
            "morning_days": reasons.mornings,
            "evening_systolic": _round(reasons.evening_systolic),
            "evening_diastolic": _round(reasons.evening_diastolic),
            "evening_days": reasons.evenings,
        },
        "resting_pulse": _round(reasons.resting_pulse),
        "sleep_hours": _round(reasons.sleep_hours, 2),
        "offline_seconds": whole(reasons.offline_seconds),
        "offline_by_activity": {name: whole(s) for name, s in reasons.offline_by_activity},
        "weeks": [
            {
                "start": week.first.isoformat(),
                "end": week.last.isoformat(),
                "fast_days": week.fast_days,
                "baseline_seconds": None
                if week.baseline_seconds is None
                else whole(week.baseline_seconds),
                "reclaimed_seconds": None
                if week.reclaimed_seconds is None
                else whole(week.reclaimed_seconds),
                "offline_seconds": whole(week.offline_seconds),
                "offline_by_activity": {name: whole(s) for name, s in week.offline_by_activity},
            }
            for week in reasons.weeks
        ],
        "days": [
            {
                "date": d.day.isoformat(),
                "in_fast": d.in_fast,
                "self_esteem": _round(d.self_esteem, 2),
                "morning_systolic": _round(d.morning_systolic),
                "morning_diastolic": _round(d.morning_diastolic),
                "evening_systolic": _round(d.evening_systolic),
                "evening_diastolic": _round(d.evening_diastolic),
                "resting_pulse": _round(d.resting_pulse),
                "sleep_hours": _round(d.sleep_hours, 2),
                "offline_seconds": whole(d.offline_seconds),
            }
            for d in reasons.days
        ],
        "sentences": list(reasons.sentences),
        "caveat": reasons.caveat,
    }


CSV_HEADER = (
    "date",
    "in_fast",
    "social_seconds",
    "self_esteem",
    "morning_systolic",
    "morning_diastolic",
    "morning_sessions",
    "evening_systolic",
    "evening_diastolic",
    "evening_sessions",
    "resting_pulse",
    "sleep_hours",
    "offline_seconds",
)


def three_reasons_rows(report: Report) -> Iterator[Sequence[str | int | float | None]]:
    """The CSV table `three_reasons`: one row per day, the figures the other formats sum."""
    yield CSV_HEADER
    for d in report.three_reasons.days:
        yield (
            d.day.isoformat(),
            int(d.in_fast),
            None if d.social_seconds is None else whole(d.social_seconds),
            _round(d.self_esteem, 2),
            _round(d.morning_systolic),
            _round(d.morning_diastolic),
            d.morning_sessions,
            _round(d.evening_systolic),
            _round(d.evening_diastolic),
            d.evening_sessions,
            _round(d.resting_pulse),
            _round(d.sleep_hours, 2),
            whole(d.offline_seconds),
        )
