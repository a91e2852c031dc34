"""The report's sentences and short figures, shared by the text, Markdown and HTML renderers so
they say the same thing in the same words."""

from __future__ import annotations

from datetime import date, datetime

from detox.clock import day_label
from detox.durations import format_duration, whole, whole_minutes
from detox.i18n import count
from detox.localized import weekday_name
from detox.reports.model import (
    BudgetLine,
    Change,
    FastLine,
    MoodSummary,
    Report,
)
from detox.reports.periods import noun

FAST_STATES = {
    "planned": "planned",
    "active": "running",
    "finished": "finished",
    "ended": "ended early",
}


def signed_minutes(seconds: float) -> str:
    minutes = whole_minutes(seconds)
    return f"{minutes:+d} min" if minutes else "0 min"


def percent(value: float | None) -> str:
    return "n/a" if value is None else f"{whole(value):+d}%"


def change_cell(change: Change, before: float) -> str:
    """ "+12 min (+8%)", "new" when nothing to compare with, "-" when nothing either time."""
    if before <= 0:
        return "new" if change.seconds > 0 else "-"
    return f"{signed_minutes(change.seconds)} ({percent(change.percent)})"


def short_day(day: date) -> str:
    """ "Fri 4 Dec": the one way detox writes a day (detox.clock.day_label)."""
    return day_label(day)


def long_day(day: date) -> str:
    return f"{short_day(day)} {day.year}"


def title(report: Report) -> str:
    return f"Social media report: {report.period.label}"


def dates_line(report: Report) -> str:
    period = report.period
    if period.first == period.last:
        return long_day(period.first)
    return f"{long_day(period.first)} to {long_day(period.last)}"


def summary(report: Report) -> list[str]:
    """The opening sentences: how much, against the period before, or why there is nothing."""
    what = noun(report.period)
    if report.state == "future":
        return [
            f"This {what} has not begun yet: it starts on {long_day(report.period.first)}. "
            "There is nothing to report until then."
        ]
    lines: list[str] = []
    elapsed = report.days_elapsed
    so_far = (
        f" so far ({elapsed} of {count(report.period.length, 'day', 'days')})"
        if report.state == "current"
        else ""
    )
    if report.empty:
        lines.append(f"No social media time recorded this {what}{so_far}.")
        if report.state == "current":
            lines.append(
                "If that is a surprise: `detox track` records this computer, and "
                "`detox log instagram 20m` adds time from your phone."
            )
    else:
        lines.append(
            f"{format_duration(report.total_seconds)} of social media this {what}{so_far}, "
            f"{format_duration(report.daily_average)} a day on average, "
            f"in {count(report.sessions, 'session', 'sessions')}."
        )
    lines.append(comparison(report))
    return lines


def compared_with(report: Report) -> str:
    """ "the previous week", or "the same 3 days of the previous week" while a week runs."""
    if report.previous_partial:
        days = report.previous.length
        same = "the same day" if days == 1 else f"the same {days} days"
        return f"{same} of the previous {noun(report.previous)}"
    return f"the previous {noun(report.previous)}"


def comparison(report: Report) -> str:
    previous = report.previous_total_seconds
    what = compared_with(report)
    if previous <= 0:
        return f"Nothing was recorded in {what} ({dates_of(report)}) to compare with."
    change = report.change
    if whole_minutes(change.seconds) == 0:
        return f"About the same as {what} ({format_duration(previous)})."
    direction = "more" if change.seconds > 0 else "less"
    return (
        f"{format_duration(abs(change.seconds))} {direction} than {what} "
        f"({format_duration(previous)}): "
        f"{signed_minutes(change.seconds)}, {percent(change.percent)}."
    )


def dates_of(report: Report) -> str:
    previous = report.previous
    return f"{short_day(previous.first)} to {short_day(previous.last)}"


def mood_lines(mood: MoodSummary) -> list[str]:
    if mood.entries == 0:
        return ["No mood logged in this period (`detox mood 7` records how you feel)."]
    assert mood.mean is not None
    lines = [
        f"Average mood {mood.mean:.1f}/10 from {count(mood.entries, 'entry', 'entries')} on "
        f"{count(mood.days_logged, 'day', 'days')}"
        + (
            f" (previous period: {mood.previous_mean:.1f})."
            if mood.previous_mean is not None
            else "."
        )
    ]
    if mood.trend is None:
        lines.append("A trend needs mood on at least 3 days of the period.")
    else:
        lines.append(
            f"Trend: {mood.trend_word}, {mood.trend:+.1f} points over the "
            f"{count(mood.trend_days, 'day', 'days')} you logged."
        )
    return lines


def budget_allowance(line: BudgetLine) -> str:
    if line.weekend_seconds is None or line.weekend_seconds == line.weekday_seconds:
        return f"{format_duration(line.weekday_seconds)} a day"
    weekday, weekend = format_duration(line.weekday_seconds), format_duration(line.weekend_seconds)
    return f"{weekday} weekdays, {weekend} weekends"


def budgets_intro(report: Report) -> str:
    budgets = report.budgets
    if not budgets.lines:
        return "No budgets set (`detox budget set instagram 30m` sets one)."
    if budgets.days_judged == 0:
        return "Budgets are judged once a day has begun."
    running = " (today is still running)" if budgets.includes_today else ""
    return (
        f"Every budget held on {budgets.days_within_all} of "
        f"{count(budgets.days_judged, 'day', 'days')}{running}. "
        "Today's budgets are applied to every day."
    )


def days_within(line: BudgetLine) -> str:
    return f"{line.days_within} of {line.days_judged}"


def fast_summary(fast: FastLine) -> str:
    state = FAST_STATES.get(fast.state, fast.state)
    parts = [
        f"{fast.name} ({state}, {short_day(fast.first)} to {short_day(fast.last)}):",
        f"{fast.days_kept} kept, {fast.days_slipped} slipped",
    ]
    if fast.days_off:
        parts.append(f", {fast.days_off} off")
    parts.append(f" this period; streak {fast.streak}, longest {fast.longest_streak}.")
    return " ".join(parts[:2]) + "".join(parts[2:])


def no_fasts() -> str:
    return "No fast in this period (`detox fast start` begins one)."


def weekday_short(index: int) -> str:
    return weekday_name(index)


def hour_range(hour: int) -> str:
    return f"{hour:02d}:00-{(hour + 1) % 24:02d}:00"


def log_time(report: Report, instant: datetime) -> str:
    """ "Fri 4 Dec 09:30": the same day form as everywhere else in the report."""
    local = report.local(instant)
    return f"{short_day(local.date())} {local:%H:%M}"


def footer(report: Report) -> str:
    made = report.local(report.generated_at).strftime("%Y-%m-%d %H:%M")
    return (
        f"Days start at {report.day_start.strftime('%H:%M')} ({report.zone_name}). "
        f"Made by detox on {made}; nothing left this computer."
    )


def clip(text: str, width: int) -> str:
    """Text cut to a column width, with an ellipsis when something was cut."""
    return text if len(text) <= width else text[: width - 1] + "…"


APP_COLUMNS = ("App", "Time", "Change", "Sessions", "Average session", "Longest session")


def app_cells(report: Report) -> list[list[str]]:
    """One row per app used: time, change, sessions, average and longest session."""
    return [
        [
            line.name,
            format_duration(line.seconds),
            change_cell(line.change, line.previous_seconds),
            str(line.sessions),
            format_duration(line.average_session),
            format_duration(line.longest_session),
        ]
        for line in report.apps
    ]


def dropped_apps(report: Report) -> str | None:
    """The apps used only in the previous period, as a sentence; None when there are none."""
    if not report.dropped_apps:
        return None
    names = ", ".join(
        f"{line.name} ({format_duration(line.previous_seconds)} before)"
        for line in report.dropped_apps
    )
    return f"Not used this time: {names}."
