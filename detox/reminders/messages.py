"""What each reminder says. Short titles; messages say what to do next."""

from __future__ import annotations

from datetime import date

from detox.clock import day_label
from detox.durations import format_duration
from detox.i18n import count


def mood() -> tuple[str, str]:
    return "Mood check-in", "How are you today? Log it with `detox mood 1-10`, or press m in detox."


def health() -> tuple[str, str]:
    return (
        "Morning blood pressure",
        "Seated and rested, two readings a minute apart: `detox health bp 128/82`, or press b "
        "in detox.",
    )


def report() -> tuple[str, str]:
    return "Your week in review", "This week's report is ready: run `detox report` to see it."


def fast_tomorrow(name: str, start: date, end: date) -> tuple[str, str]:
    days = (end - start).days + 1
    return (
        f"{name} starts tomorrow",
        f"{count(days, 'day', 'days')}, {day_label(start)} to {day_label(end)}. "
        "`detox fast show` lists the rules.",
    )


def fast_day(name: str, start: date, end: date, day: date) -> tuple[str, str]:
    number, total = (day - start).days + 1, (end - start).days + 1
    if day == end:
        return f"{name}: last day", f"Day {number} of {total}: the fast ends today. Well done."
    return (
        f"{name}: day {number} of {total}",
        f"{count(total - number, 'day', 'days')} to go after today.",
    )


def slip(name: str, day: str, detail: str) -> tuple[str, str]:
    """A fast's rule was broken (outside strict mode, nothing is closed: this is the only word)."""
    return f"{name}: a slip on {day}", f"{detail}. `detox fast show` has the day's figures."


def budget(label: str, percent: int, used_seconds: float, allowed_seconds: int) -> tuple[str, str]:
    used, allowed = format_duration(used_seconds), format_duration(allowed_seconds)
    if percent >= 100:
        return f"{label}: today's budget is used up", f"{used} of {allowed} today."
    left = format_duration(max(0.0, allowed_seconds - used_seconds))
    return f"{label}: {percent} % of today's budget", f"{used} of {allowed} used, {left} left."


def nudge(app_name: str, minutes: int) -> tuple[str, str]:
    return (
        f"{count(minutes, 'minute', 'minutes')} of {app_name}",
        "Time for a break? Look away from the screen for a minute.",
    )


def custom(text: str) -> tuple[str, str]:
    return "Reminder", text


def late(message: str, due: str) -> str:
    return f"{message} (was due at {due})"
