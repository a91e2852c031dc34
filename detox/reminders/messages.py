"""What each reminder says. Short titles; messages say what to do next. Made when the reminder
is shown, in the language chosen for the process (the tracker's)."""

from __future__ import annotations

from datetime import date

from detox.clock import day_label
from detox.durations import format_duration
from detox.i18n import _, count


def mood() -> tuple[str, str]:
    return _("Mood check-in"), _(
        "How are you today? Log it with `detox mood 1-10`, or press m in detox."
    )


def health() -> tuple[str, str]:
    return (
        _("Morning blood pressure"),
        _(
            "Seated and rested, two readings a minute apart: `detox health bp 128/82`, or press b "
            "in detox."
        ),
    )


def report() -> tuple[str, str]:
    return _("Your week in review"), _("This week's report is ready: run `detox report` to see it.")


def fast_tomorrow(name: str, start: date, end: date) -> tuple[str, str]:
    days = (end - start).days + 1
    return (
        _("{name} starts tomorrow").format(name=name),
        _("{days}, {first} to {last}. `detox fast show` lists the rules.").format(
            days=count(days, "day", "days"), first=day_label(start), last=day_label(end)
        ),
    )


def fast_day(name: str, start: date, end: date, day: date) -> tuple[str, str]:
    number, total = (day - start).days + 1, (end - start).days + 1
    if day == end:
        return (
            _("{name}: last day").format(name=name),
            _("Day {number} of {total}: the fast ends today. Well done.").format(
                number=number, total=total
            ),
        )
    return (
        _("{name}: day {number} of {total}").format(name=name, number=number, total=total),
        _("{days} to go after today.").format(days=count(total - number, "day", "days")),
    )


def slip(name: str, day: str, detail: str) -> tuple[str, str]:
    """A fast's rule was broken (outside strict mode, nothing is closed: this is the only word)."""
    return (
        _("{name}: a slip on {day}").format(name=name, day=day),
        _("{detail}. `detox fast show` has the day's figures.").format(detail=detail),
    )


def budget(label: str, percent: int, used_seconds: float, allowed_seconds: int) -> tuple[str, str]:
    used, allowed = format_duration(used_seconds), format_duration(allowed_seconds)
    if percent >= 100:
        return (
            _("{budget}: today's budget is used up").format(budget=label),
            _("{used} of {allowed} today.").format(used=used, allowed=allowed),
        )
    left = format_duration(max(0.0, allowed_seconds - used_seconds))
    return (
        # The sign is outside the message: Babel reads "% o" in a message as a %-placeholder.
        _("{budget}: {percent} of today's budget").format(budget=label, percent=f"{percent} %"),
        _("{used} of {allowed} used, {left} left.").format(used=used, allowed=allowed, left=left),
    )


def nudge(app_name: str, minutes: int) -> tuple[str, str]:
    return (
        _("{minutes} of {app}").format(minutes=count(minutes, "minute", "minutes"), app=app_name),
        _("Time for a break? Look away from the screen for a minute."),
    )


def custom(text: str) -> tuple[str, str]:
    return _("Reminder"), text


def late(message: str, due: str) -> str:
    return _("{message} (was due at {due})").format(message=message, due=due)
