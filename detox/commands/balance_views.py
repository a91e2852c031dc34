"""How budgets and fasts look on the command line: JSON shapes and text lines, nothing else."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date
from typing import Any

from detox.balance.budgets import BudgetUse, label
from detox.balance.cards import day_line, progress_line, streak_line
from detox.balance.compliance import Compliance, DayResult
from detox.balance.event_text import event_kind, event_text
from detox.balance.integrity import check_text
from detox.balance.rules import rule_json, rule_sentence
from detox.catalog import Catalog
from detox.clock import to_local
from detox.durations import format_duration, whole
from detox.i18n import _, count, lazy, listing
from detox.localized import cells, clip, pad, weekday_name
from detox.models import Event, Fast
from detox.weekdays import WEEKDAYS

STATE_WORDS = {
    "planned": lazy("planned"),
    "active": lazy("running"),
    "finished": lazy("finished"),
    "ended": lazy("ended early"),
}


def budget_json(use: BudgetUse, catalog: Catalog, day: date) -> dict[str, Any]:
    entry = use.entry
    return {
        "target": entry.target,
        "kind": entry.kind,
        "name": label(catalog, entry.target),
        "weekday_seconds": entry.weekday_seconds,
        "weekend_seconds": entry.weekend_seconds,
        "source": entry.source,
        "date": day.isoformat(),
        "allowed_seconds": use.allowed_seconds,
        "used_seconds": whole(use.used_seconds),
        "left_seconds": whole(use.left_seconds),
    }


def budget_line(use: BudgetUse, catalog: Catalog) -> str:
    entry = use.entry
    amount = format_duration(entry.weekday_seconds)
    if entry.weekend_seconds is not None:
        amount += _(", weekends {duration}").format(duration=format_duration(entry.weekend_seconds))
    used = format_duration(use.used_seconds)
    if use.over:
        state = _("{used} used, {over} over").format(
            used=used, over=format_duration(-use.left_seconds)
        )
    else:
        state = _("{used} used, {left} left").format(
            used=used, left=format_duration(use.left_seconds)
        )
    source = "  (config.toml)" if entry.source == "config" else ""
    return f"  {pad(label(catalog, entry.target), 22)} {pad(amount, 24)} {state}{source}"


def _slip_json(result: DayResult, name_of: Callable[[str], str]) -> list[dict[str, Any]]:
    return [
        {
            "rule": rule_sentence(check.rule, name_of),
            "kind": check.rule.kind,
            "used_seconds": whole(check.used_seconds),
            "allowed_seconds": whole(check.allowed_seconds),
            "over_seconds": whole(check.over_seconds),
            "over_minutes": check.over_minutes,
        }
        for check in result.slips
    ]


def fast_json(compliance: Compliance, name_of: Callable[[str], str]) -> dict[str, Any]:
    fast = compliance.fast
    return {
        "id": fast.id,
        "name": fast.name,
        "preset": fast.preset,
        "start": fast.start.isoformat(),
        "end": fast.end.isoformat(),
        "state": compliance.state,
        "strict": fast.strict,
        "days_off": [WEEKDAYS[day][:3] for day in fast.days_off],
        "rules": [rule_json(rule, name_of) for rule in fast.rules],
        "ended_at": fast.ended_at.isoformat() if fast.ended_at else None,
        "end_reason": fast.end_reason,
        "starts_at": fast.starts_at.isoformat() if fast.starts_at else None,
        "recorded": fast.recorded,
        "day": compliance.day_number,
        "day_count": compliance.day_count,
        "counted_day": compliance.counted_day_number,
        "counted_days": compliance.counted_days,
        "kept": compliance.count("kept"),
        "slipped": compliance.count("slipped"),
        "pending": compliance.count("pending"),
        "current_streak": compliance.current_streak,
        "longest_streak": compliance.longest_streak,
        "days": [
            {
                "date": result.day.isoformat(),
                "status": result.status,
                "slips": _slip_json(result, name_of),
            }
            for result in compliance.days
        ],
    }


def event_json(event: Event) -> dict[str, Any]:
    return {
        "id": event.id,
        "type": event.type,
        "at": event.at.isoformat(),
        "message": event.message,
        "data": event.data,
    }


# A fast's name in `fast list` gets the room its longest name needs, up to this many cells.
NAME_CELLS = 40


def name_width(fasts: Iterable[Fast]) -> int:
    """The width of the name column for `fasts`: the longest name's, at most NAME_CELLS."""
    return min(NAME_CELLS, max((cells(fast.name) for fast in fasts), default=0))


def fast_row(compliance: Compliance, width: int = NAME_CELLS) -> str:
    fast = compliance.fast
    dates = _("{first} to {last}").format(first=fast.start.isoformat(), last=fast.end.isoformat())
    state = str(STATE_WORDS[compliance.state])
    if compliance.state == "active":
        state = _("day {number}/{total}").format(
            number=compliance.day_number, total=compliance.day_count
        )
    tally = _("kept {kept}, slipped {slipped}, streak {streak}").format(
        kept=compliance.count("kept"),
        slipped=compliance.count("slipped"),
        streak=compliance.current_streak,
    )
    strict = "  " + _("strict") if fast.strict else ""
    recorded = "  " + _("recorded afterwards") if fast.recorded else ""
    name, state = pad(clip(fast.name, width), width), pad(state, 12)
    return f"{fast.id[:8]}  {name} {dates}  {state} {tally}{strict}{recorded}"


def _began_line(fast: Fast, zone: Any) -> list[str]:
    if fast.recorded:
        return [_("Recorded afterwards: a break that was already over when it was entered.")]
    if fast.starts_at is not None:
        began = to_local(fast.starts_at, zone).strftime("%H:%M")
        return [_("Began at {time} on day 1; use before then does not count.").format(time=began)]
    return []


def fast_text(
    compliance: Compliance,
    events: list[Event],
    name_of: Callable[[str], str],
    zone: Any,
    first_weekday: int = 0,
) -> list[str]:
    fast = compliance.fast
    days_off = (
        listing(weekday_name(day) for day in sorted(fast.days_off)) if fast.days_off else _("none")
    )
    lines = [
        f"{fast.name}  "
        + _("(id {id}, preset {preset})").format(id=fast.id[:8], preset=fast.preset),
        (
            _("{first} to {last}, {days}, days off: {days_off}; strict mode on")
            if fast.strict
            else _("{first} to {last}, {days}, days off: {days_off}; strict mode off")
        ).format(
            first=fast.start.isoformat(),
            last=fast.end.isoformat(),
            days=count(compliance.day_count, "day", "days"),
            days_off=days_off,
        ),
        *_began_line(fast, zone),
        _("Rules:"),
        *(f"  - {rule_sentence(rule, name_of)}" for rule in fast.rules),
        progress_line(compliance),
        streak_line(compliance),
    ]
    if compliance.state == "active":
        lines.append(
            _("Today: {state}").format(state=day_line(compliance.day(compliance.today), name_of))
        )
    if fast.ended_at is not None:
        lines.append(_("End reason: {reason}").format(reason=fast.end_reason or _("none given")))
    lines.append("")
    # Only `fast show` draws the calendar (rich's cell widths): status and the list stay lean.
    from detox.balance.month_view import render

    lines.extend(render(compliance, first_weekday))
    slipped = [result for result in compliance.days if result.status == "slipped"]
    if slipped:
        lines.append("")
        lines.append(_("Slips:"))
        lines.extend(f"  {r.day.isoformat()}: {day_line(r, name_of)}" for r in slipped)
    if events:
        lines.append("")
        lines.append(_("Log:"))
        for event in events:
            when = to_local(event.at, zone).strftime("%Y-%m-%d %H:%M")
            lines.append(
                f"  {when}  {pad(event_kind(event.type), 11)} {event_text(event, name_of)}"
            )
    return lines


def fast_on_day(
    compliance: Compliance, day: date, name_of: Callable[[str], str]
) -> dict[str, object]:
    """A fast as `detox status` shows it on one detox day."""
    fast, result = compliance.fast, compliance.day(day)
    return {
        "id": fast.id,
        "name": fast.name,
        "state": compliance.state,
        "strict": fast.strict,
        "day": (day - fast.start).days + 1,
        "day_count": compliance.day_count,
        "day_status": result.status if result else None,
        "slips": [check_text(check, name_of) for check in result.slips] if result else [],
        "current_streak": compliance.current_streak,
    }


def fast_on_day_line(compliance: Compliance, day: date, name_of: Callable[[str], str]) -> str:
    fast = compliance.fast
    state = str(STATE_WORDS[compliance.state])
    number = (day - fast.start).days + 1
    line = (
        _("Fast '{name}' ({state}, strict): day {number} of {total}, {day}; streak {streak}")
        if fast.strict
        else _("Fast '{name}' ({state}): day {number} of {total}, {day}; streak {streak}")
    )
    return line.format(
        name=fast.name,
        state=state,
        number=number,
        total=compliance.day_count,
        day=day_line(compliance.day(day), name_of),
        streak=count(compliance.current_streak, "day", "days"),
    )
