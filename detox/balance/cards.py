"""Short plain-text summaries of fasts, for the TUI's Today screen and the CLI."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from detox.balance.compliance import Compliance, DayResult
from detox.balance.fasts import all_fasts, compliance_of, days_off_text
from detox.balance.integrity import check_text
from detox.ground import Ground
from detox.i18n import _, clauses, count

# A planned fast is announced on the Today card this many days ahead.
ANNOUNCE_DAYS = 14


def day_line(result: DayResult | None, name_of: Callable[[str], str]) -> str:
    if result is None:
        return _("not part of this fast")
    if result.status == "day_off":
        return _("a day off")
    if result.status == "slipped":
        slips = clauses(check_text(check, name_of) for check in result.slips)
        return _("slipped: {slips}").format(slips=slips)
    if result.status == "kept":
        return _("kept")
    if result.status == "ended":
        return _("ended early")
    return _("on track so far")


def progress_line(compliance: Compliance) -> str:
    fast = compliance.fast
    off = days_off_text(fast.days_off) if fast.days_off else ""
    if compliance.state == "active":
        line = _("{name}: day {day} of {days}").format(
            name=fast.name, day=compliance.day_number, days=compliance.day_count
        )
        if fast.days_off:
            line += " " + _("({day} of {days} counted, {off} off)").format(
                day=compliance.counted_day_number, days=compliance.counted_days, off=off
            )
        return line
    if compliance.state == "planned":
        wait = count((fast.start - compliance.today).days, "day", "days")
        starts = _("{name}: starts {day} (in {wait})").format(
            name=fast.name, day=fast.start.isoformat(), wait=wait
        )
        return starts + (", " + _("{days} off").format(days=off) if off else "")
    if compliance.state == "ended":
        return _("{name}: ended early on {day}").format(
            name=fast.name, day=compliance.last_day.isoformat()
        )
    return _("{name}: finished on {day}").format(name=fast.name, day=fast.end.isoformat())


def streak_line(compliance: Compliance) -> str:
    return _("Streak {streak} (longest {longest}); kept {kept}, slipped {slipped}").format(
        streak=count(compliance.current_streak, "day", "days"),
        longest=compliance.longest_streak,
        kept=compliance.count("kept"),
        slipped=compliance.count("slipped"),
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
            _("Today: {state}").format(state=day_line(compliance.day(day), name_of)),
        ]
        if running[0].strict:
            lines.append(_("Strict mode is on"))
        if len(running) > 1:
            more = count(len(running) - 1, "more fast", "more fasts")
            lines.append(_("and {more} (detox fast list)").format(more=more))
        return "\n".join(lines)
    planned = [fast for fast in all_fasts(context) if fast.ended_at is None and fast.start > day]
    if not planned:
        return None
    # The nearest planned fast: announced on its own when it is close, named after "no fast
    # running" when it is weeks away (a Lent planned in December is still the user's plan).
    nearest = progress_line(compliance_of(context, min(planned, key=lambda fast: fast.start)))
    if (min(fast.start for fast in planned) - day).days <= ANNOUNCE_DAYS:
        return nearest
    return _("No fast running. Next: {fast}").format(fast=nearest)
