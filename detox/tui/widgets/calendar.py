"""A year of mood, one cell a day ("year in pixels"): weeks run left to right, weekdays down.

Each cell has a glyph whose height grows with the mood, and a colour; the glyph alone reads
without colour (a monochrome terminal, colour blindness), the colour helps at a glance.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, timedelta

from rich.cells import cell_len
from rich.text import Text

from detox.i18n import _
from detox.localized import month_name, weekday_name

# (lowest mean, glyph, colour, word), best first.
LEVELS: tuple[tuple[float, str, str, str], ...] = (
    (8.5, "█", "green", "9-10"),
    (6.5, "▆", "chartreuse3", "7-8"),
    (4.5, "▄", "yellow", "5-6"),
    (2.5, "▂", "dark_orange", "3-4"),
    (0.0, "▁", "red", "1-2"),
)
NONE = "·"
FUTURE = " "


def level_of(mean: float) -> tuple[str, str]:
    for lowest, glyph, colour, _word in LEVELS:
        if mean >= lowest:
            return glyph, colour
    return LEVELS[-1][1], LEVELS[-1][2]


def _cells(label: str) -> list[str]:
    out: list[str] = []
    for char in label:
        out += [char] if cell_len(char) == 1 else [char, ""]
    return out


def year_in_pixels(
    means: Mapping[date, float], today: date, week_start: int = 0, weeks: int = 53
) -> Text:
    """The last `weeks` weeks up to the one holding `today`, as text with a legend."""
    this_week = today - timedelta(days=(today.weekday() - week_start) % 7)
    first = this_week - timedelta(weeks=weeks - 1)
    text = Text()
    # One slot per cell: a wide character (11月, 11월) fills its slot and leaves the next empty.
    months = [" "] * weeks
    # A month is named above the week holding its first day; the first column, which usually
    # starts mid-month, is named last and only if it leaves a gap before the next name (11월
    # and 1월 ran together as "11월1월", and December went unnamed).
    starts = [
        (column, (first + timedelta(weeks=column, days=6)).month)
        for column in range(1, weeks)
        if (first + timedelta(weeks=column)).day == 1
        or (first + timedelta(weeks=column, days=6)).day < 7
    ]
    for column, month in [*starts, (0, (first + timedelta(days=3)).month)]:
        label = _cells(month_name(month))
        free = months[max(0, column - 1) : column + len(label) + 1]
        if column + len(label) <= weeks and all(c == " " for c in free):
            months[column : column + len(label)] = label
    names = [weekday_name((week_start + row) % 7) for row in range(7)]
    name_width = max(cell_len(name) for name in names)
    text.append(" " * (name_width + 2) + "".join(months) + "\n", style="dim")
    for row, name in enumerate(names):
        text.append(name + " " * (name_width - cell_len(name) + 2), style="dim")
        for column in range(weeks):
            day = first + timedelta(weeks=column, days=row)
            if day > today:
                text.append(FUTURE)
            elif day in means:
                glyph, colour = level_of(means[day])
                text.append(glyph, style=colour)
            else:
                text.append(NONE, style="dim")
        text.append("\n")
    text.append(f"{NONE} " + _("no entry") + "  ", style="dim")
    for _lowest, glyph, colour, word in reversed(LEVELS):
        text.append(glyph, style=colour)
        text.append(f" {word}  ", style="dim")
    return text
