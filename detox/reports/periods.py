"""Which days a report covers, and the period it is compared with.

A week starts on the configured week start. `2026-W47` names the ISO week; with another week
start it is the week starting on that day that holds the ISO week's Monday, so a Sunday-first
week 47 begins the day before ISO week 47. A week is compared with the week before, a calendar
month with the calendar month before, and any other range with the same number of days just
before it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Literal

from detox.errors import InputError
from detox.i18n import _, count
from detox.weekdays import WEEKDAYS, Weekday

PeriodKind = Literal["week", "month", "range"]
_WEEK = re.compile(r"^(\d{4})-?W(\d{1,2})$", re.IGNORECASE)
_MONTH = re.compile(r"^(\d{4})-(\d{1,2})$")
LONGEST_RANGE_DAYS = 3 * 366


@dataclass(frozen=True)
class Period:
    first: date
    last: date
    kind: PeriodKind
    label: str  # "week 2026-W47", "November 2026", "2026-11-03 to 2026-11-09"

    @property
    def length(self) -> int:
        return (self.last - self.first).days + 1

    @property
    def days(self) -> list[date]:
        return [self.first + timedelta(days=offset) for offset in range(self.length)]

    def __contains__(self, day: object) -> bool:
        return isinstance(day, date) and self.first <= day <= self.last


def week_start_index(week_start: Weekday) -> int:
    return WEEKDAYS.index(week_start)


def week_containing(day: date, week_start: Weekday) -> Period:
    offset = (day.weekday() - week_start_index(week_start)) % 7
    first = day - timedelta(days=offset)
    return _week(first)


def _week(first: date) -> Period:
    # A week is named by the ISO week of its Monday (for a Monday start, its own ISO week).
    monday = first + timedelta(days=(0 - first.weekday()) % 7)
    year, number, _ = monday.isocalendar()
    return Period(first, first + timedelta(days=6), "week", f"week {year}-W{number:02d}")


def parse_week(text: str, week_start: Weekday) -> Period:
    found = _WEEK.match(text.strip())
    if found is None:
        raise InputError(
            _("cannot read week {value}: write e.g. 2026-W47").format(value=repr(text))
        )
    year, number = int(found.group(1)), int(found.group(2))
    try:
        monday = date.fromisocalendar(year, number, 1)
    except ValueError:
        raise InputError(
            _("{year} has no week {number}").format(year=year, number=number)
        ) from None
    return week_containing(monday, week_start)


def month_period(year: int, month: int) -> Period:
    first = date(year, month, 1)
    following = date(year + month // 12, month % 12 + 1, 1)
    return Period(first, following - timedelta(days=1), "month", first.strftime("%B %Y"))


def parse_month(text: str) -> Period:
    found = _MONTH.match(text.strip())
    if found is None:
        raise InputError(
            _("cannot read month {value}: write e.g. 2026-11").format(value=repr(text))
        )
    year, month = int(found.group(1)), int(found.group(2))
    if not 1 <= month <= 12 or year < 1:
        raise InputError(
            _("cannot read month {value}: the month must be 01 to 12").format(value=repr(text))
        )
    return month_period(year, month)


def day_range(first: date, last: date) -> Period:
    if last < first:
        raise InputError(_("--from {first} is after --to {last}").format(first=first, last=last))
    if (last - first).days + 1 > LONGEST_RANGE_DAYS:
        raise InputError(_("a report covers at most three years; choose a shorter range"))
    if first == last:
        return Period(first, last, "range", first.isoformat())
    return Period(first, last, "range", f"{first.isoformat()} to {last.isoformat()}")


def previous_period(period: Period) -> Period:
    if period.kind == "week":
        return _week(period.first - timedelta(days=7))
    if period.kind == "month":
        before = period.first - timedelta(days=1)
        return month_period(before.year, before.month)
    last = period.first - timedelta(days=1)
    return day_range(last - timedelta(days=period.length - 1), last)


def noun(period: Period) -> str:
    """How the report names its kind of period in sentences: "week", "month", "7 days"."""
    if period.kind in ("week", "month"):
        return period.kind
    return "day" if period.length == 1 else count(period.length, "day", "days")
