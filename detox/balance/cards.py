"""Short plain-text summaries of fasts, for the TUI's Today screen and the CLI."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from detox.balance.compliance import Compliance, DayResult
from detox.balance.fasts import all_fasts, compliance_of, days_off_text
from detox.balance.integrity import check_text
from detox.ground import Ground
from detox.i18n import count

# A planned fast is announced on the Today card this many days ahead.
ANNOUNCE_DAYS = 14


def day_line(result: DayResult | None, name_of: Callable[[str], str]) -> str:
    if result is None:
        return "not part of this fast"
    if result.status == "day_off":
        return "a day off"
    if result.status == "slipped":
        return "slipped: " + "; ".join(check_text(check, name_of) for check in result.slips)
    if result.status == "kept":
        return "kept"
    if result.status == "ended":
        return "ended early"
    return "on track so far"


def progress_line(compliance: Compliance) -> str:
    fast = compliance.fast
    off = f", {days_off_text(fast.days_off)} off" if fast.days_off else ""
    if compliance.state == "active":
        counted = (
            f" ({compliance.counted_day_number} of {compliance.counted_days} counted{off})"
            if fast.days_off
            else ""
        )
        return f"{fast.name}: day {compliance.day_number} of {compliance.day_count}{counted}"
    if compliance.state == "planned":
        wait = (fast.start - compliance.today).days
        starts = f"starts {fast.start.isoformat()} (in {count(wait, 'day', 'days')})"
        return f"{fast.name}: {starts}{off}"
    if compliance.state == "ended":
        return f"{fast.name}: ended early on {compliance.last_day.isoformat()}"
    return f"{fast.name}: finished on {fast.end.isoformat()}"


def streak_line(compliance: Compliance) -> str:
    return (
        f"Streak {count(compliance.current_streak, 'day', 'days')} "
        f"(longest {compliance.longest_streak}); "
        f"kept {compliance.count('kept')}, slipped {compliance.count('slipped')}"
    )


def active_fast_card(context: Ground, day: date) -> str | None:
    """The running fast(s) on a day, or one starting soon; None when there is neither."""
    running = [
        fast
        for fast in all_fasts(context)
        if fast.ended_at is None and fast.start <= day <= fast.end
    ]
    name_of = context.catalog.name_of
    if running:
        compliance = compliance_of(context, running[0])
        lines = [
            progress_line(compliance),
            streak_line(compliance),
            f"Today: {day_line(compliance.day(day), name_of)}",
        ]
        if running[0].strict:
            lines.append("Strict mode is on")
        if len(running) > 1:
            more = count(len(running) - 1, "more fast", "more fasts")
            lines.append(f"and {more} (detox fast list)")
        return "\n".join(lines)
    soon = [
        fast
        for fast in all_fasts(context)
        if fast.ended_at is None and 0 < (fast.start - day).days <= ANNOUNCE_DAYS
    ]
    if soon:
        return progress_line(compliance_of(context, soon[0]))
    return None
