"""`detox report --format csv`: one table per file, chosen with `--table`.

    rows (default)  date,app,device,seconds,sessions: one row per local day, app and device
    days            date,seconds,minutes,mood,mood_entries: every day of the period that has begun
    apps            app,name,category,seconds,minutes,sessions,longest_session_seconds,
                    previous_seconds
    categories      category,seconds,minutes,previous_seconds
    devices         device,kind,name,seconds,minutes,previous_seconds
    moods           date,time,score,<one column per mood dimension>,tags: every mood entry, on
                    the detox day it counts for, at its local time
    three_reasons   date,in_fast,social_seconds,self_esteem,morning_systolic,morning_diastolic,
                    morning_sessions,evening_systolic,evening_diastolic,evening_sessions,
                    resting_pulse,sleep_hours,offline_seconds: every day of the period that has
                    begun (a social_seconds cell is empty before detox recorded any use)
The header row holds these column ids in every language; `--csv-header translated` writes the
column titles in the chosen language instead, for a person reading the spreadsheet.
Seconds are whole numbers; minutes are rounded once from the exact sum (half up), as every other
format shows them. A spreadsheet's pivot table over the rows gives the same totals as the other
tables.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from typing import get_args

from detox.durations import whole, whole_minutes
from detox.i18n import LazyText, lazy
from detox.models import Dimension
from detox.printable import printable
from detox.reports.model import Report
from detox.reports.reasons import three_reasons_rows

HEADER = ("date", "app", "device", "seconds", "sessions")
DIMENSIONS: tuple[str, ...] = get_args(Dimension)
Cell = str | int | float | None


def _mood(value: float | None) -> str:
    return "" if value is None else f"{value:.2f}"


def _rows(report: Report) -> Iterable[Sequence[Cell]]:
    yield HEADER
    for row in report.rows:
        yield (row.day.isoformat(), row.app, row.device, whole(row.seconds), row.sessions)


def _days(report: Report) -> Iterable[Sequence[Cell]]:
    yield ("date", "seconds", "minutes", "mood", "mood_entries")
    for line in report.days:
        if line.state == "future":
            continue
        yield (
            line.day.isoformat(),
            whole(line.seconds),
            whole_minutes(line.seconds),
            _mood(line.mood),
            line.mood_entries,
        )


def _apps(report: Report) -> Iterable[Sequence[Cell]]:
    yield (
        "app",
        "name",
        "category",
        "seconds",
        "minutes",
        "sessions",
        "longest_session_seconds",
        "previous_seconds",
    )
    for line in (*report.apps, *report.dropped_apps):
        yield (
            line.app,
            line.name,
            line.category,
            whole(line.seconds),
            whole_minutes(line.seconds),
            line.sessions,
            whole(line.longest_session),
            whole(line.previous_seconds),
        )


def _categories(report: Report) -> Iterable[Sequence[Cell]]:
    yield ("category", "seconds", "minutes", "previous_seconds")
    for line in report.categories:
        yield (
            line.category,
            whole(line.seconds),
            whole_minutes(line.seconds),
            whole(line.previous_seconds),
        )


def _devices(report: Report) -> Iterable[Sequence[Cell]]:
    yield ("device", "kind", "name", "seconds", "minutes", "previous_seconds")
    for line in report.devices:
        yield (
            line.key,
            line.kind,
            line.name,
            whole(line.seconds),
            whole_minutes(line.seconds),
            whole(line.previous_seconds),
        )


def _moods(report: Report) -> Iterable[Sequence[Cell]]:
    yield ("date", "time", "score", *DIMENSIONS, "tags")
    for row in report.mood_rows:
        dimensions = dict(row.dimensions)
        yield (
            row.day.isoformat(),
            report.local(row.at).strftime("%H:%M"),
            row.score,
            *(dimensions.get(name) for name in DIMENSIONS),
            " ".join(row.tags),
        )


_TABLES = {
    "rows": _rows,
    "days": _days,
    "apps": _apps,
    "categories": _categories,
    "devices": _devices,
    "moods": _moods,
    "three_reasons": three_reasons_rows,
}


# A spreadsheet runs a cell that starts with one of these as a formula (`=HYPERLINK(...)`,
# `=cmd|' /C calc'!A0`); an app, device or tag name from an import or a synced device can be
# one. As OWASP advises, such a cell is prefixed with a quote, which makes it text.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def inert_cell(cell: Cell) -> Cell:
    if not isinstance(cell, str):
        return cell
    text = printable(cell)
    return f"'{text}" if text.startswith(FORMULA_STARTS) else text


# Column titles for a translated header row; the ids above stay the data's names.
COLUMN_TITLES: dict[str, LazyText] = {
    "date": lazy("Date"),
    "app": lazy("App"),
    "device": lazy("Device"),
    "seconds": lazy("Seconds"),
    "sessions": lazy("Sessions"),
    "minutes": lazy("Minutes"),
    "mood": lazy("Mood"),
    "mood_entries": lazy("Mood entries"),
    "name": lazy("Name"),
    "category": lazy("Category"),
    "longest_session_seconds": lazy("Longest session (seconds)"),
    "previous_seconds": lazy("Previous period (seconds)"),
    "kind": lazy("Kind"),
    "time": lazy("Time"),
    "score": lazy("Score"),
    "anxiety": lazy("Anxiety"),
    "loneliness": lazy("Loneliness"),
    "self_esteem": lazy("Self-esteem"),
    "sleep_quality": lazy("Sleep quality"),
    "focus": lazy("Focus"),
    "tags": lazy("Tags"),
    "in_fast": lazy("In a fast"),
    "social_seconds": lazy("Social media (seconds)"),
    "morning_systolic": lazy("Morning systolic"),
    "morning_diastolic": lazy("Morning diastolic"),
    "morning_sessions": lazy("Morning readings"),
    "evening_systolic": lazy("Evening systolic"),
    "evening_diastolic": lazy("Evening diastolic"),
    "evening_sessions": lazy("Evening readings"),
    "resting_pulse": lazy("Resting pulse"),
    "sleep_hours": lazy("Sleep (hours)"),
    "offline_seconds": lazy("Offline (seconds)"),
}


def render_csv(report: Report, table: str = "rows", translated_header: bool = False) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    rows = iter(_TABLES[table](report))
    header = [str(cell) for cell in next(rows)]
    if translated_header:
        header = [str(COLUMN_TITLES.get(column, column)) for column in header]
    writer.writerow([inert_cell(cell) for cell in header])
    writer.writerows([inert_cell(cell) for cell in row] for row in rows)
    return out.getvalue()
