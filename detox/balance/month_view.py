"""A fast as a text calendar: one month grid per month it touches, a mark after each of its days.

Plain ASCII so it prints on any terminal:  + kept   x slipped   . pending   - day off
~ ended early; today is marked with > before the date.
"""

from __future__ import annotations

import calendar
from datetime import date

from rich.cells import cell_len

from detox.balance.compliance import Compliance, DayStatus
from detox.i18n import _
from detox.localized import month_year, weekday_name

MARKS: dict[DayStatus, str] = {
    "kept": "+",
    "slipped": "x",
    "pending": ".",
    "day_off": "-",
    "ended": "~",
}


def legend() -> str:
    return _("+ kept   x slipped   . pending   - day off   ~ ended early   >today")


def _weekday(weekday: int) -> str:
    """Two cells: "Mo", "po", "월", "一" (a two-letter cut of 周一 would be four cells)."""
    name = weekday_name(weekday)[:2]
    if cell_len(name) > 2:
        name = weekday_name(weekday, "narrow")
    return name + " " * (2 - cell_len(name))


def _cell(day: date, compliance: Compliance) -> str:
    result = compliance.day(day)
    mark = MARKS[result.status] if result is not None else " "
    before = ">" if day == compliance.today else " "
    return f"{before}{day.day:>2}{mark}"


def render(compliance: Compliance, first_weekday: int = 0) -> list[str]:
    """The lines of the calendar, months in order, then the legend. Monday is weekday 0."""
    fast = compliance.fast
    lines: list[str] = []
    year, month = fast.start.year, fast.start.month
    weeks = calendar.Calendar(firstweekday=first_weekday)
    header = " ".join(f" {_weekday((first_weekday + n) % 7)} " for n in range(7)).rstrip()
    while (year, month) <= (fast.end.year, fast.end.month):
        lines.append(month_year(date(year, month, 1)))
        lines.append(header)
        for week in weeks.monthdatescalendar(year, month):
            cells = [_cell(day, compliance) if day.month == month else "    " for day in week]
            lines.append(" ".join(cells).rstrip())
        lines.append("")
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    lines.append(legend())
    return lines
