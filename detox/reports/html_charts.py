"""Inline SVG charts for the HTML report: bars per day, bars per app, the hour heatmap, and mood
beside daily use.

No script, no external font or image, and no xmlns attribute (inline SVG in HTML does not need
one), so the page names no address at all. Every bar and cell carries its value as text, and each
chart has a title and description for screen readers; colour never carries information alone.
"""

from __future__ import annotations

from html import escape
from itertools import pairwise

from detox.durations import format_duration, whole, whole_minutes
from detox.i18n import _, clauses, count
from detox.localized import number, weekday_day
from detox.reports import wording as say
from detox.reports.model import Report

SHADE_CLASSES = ("h1", "h2", "h3", "h4")


def _svg(chart_id: str, width: int, height: int, title: str, desc: str, body: list[str]) -> str:
    return (
        f'<svg class="chart" id="{chart_id}" viewBox="0 0 {width} {height}" role="img" '
        f'aria-labelledby="{chart_id}-title {chart_id}-desc" preserveAspectRatio="xMinYMin meet">'
        f'<title id="{chart_id}-title">{escape(title)}</title>'
        f'<desc id="{chart_id}-desc">{escape(desc)}</desc>' + "".join(body) + "</svg>"
    )


def mood_label(mood: float) -> str:
    return _("mood {mood}").format(mood=number(mood, 1))


def _text(x: float, y: float, text: str, cls: str, anchor: str = "middle", extra: str = "") -> str:
    return (
        f'<text x="{x:.1f}" y="{y:.1f}" class="{cls}" text-anchor="{anchor}"{extra}>'
        f"{escape(text)}</text>"
    )


def days_chart(report: Report) -> str:
    days = report.days
    count = len(days)
    vertical = count > 14  # a month: labels turned upright so they do not collide
    # Room above the tallest bar for its label: a word across, or "10h 05m" upright.
    width, top, chart_height = 720, 60 if vertical else 34, 150
    left = 8
    slot = (width - 2 * left) / max(count, 1)
    bar_width = max(4.0, slot * 0.62)
    peak = max((line.seconds for line in days), default=0.0)
    has_mood = any(line.mood is not None for line in days)
    height = top + chart_height + (44 if has_mood else 28)
    body: list[str] = [
        f'<line x1="{left}" y1="{top + chart_height}" x2="{width - left}" '
        f'y2="{top + chart_height}" class="axis"/>'
    ]
    for index, line in enumerate(days):
        center = left + slot * index + slot / 2
        label = str(line.day.day) if vertical else weekday_day(line.day)
        body.append(_text(center, top + chart_height + 16, label, "tick"))
        if has_mood:
            mood = "-" if line.mood is None else number(line.mood, 1)
            body.append(_text(center, top + chart_height + 32, mood, "mood"))
        if line.state == "future":
            # Upright "not yet" under every day of a month would only repeat the table.
            if not vertical:
                body.append(_text(center, top + chart_height - 6, _("not yet"), "muted"))
            continue
        bar_height = chart_height * (line.seconds / peak) if peak else 0.0
        y = top + chart_height - bar_height
        tip = f"{say.long_day(line.day)}: {format_duration(line.seconds)}"
        body.append(
            f'<rect x="{center - bar_width / 2:.1f}" y="{y:.1f}" width="{bar_width:.1f}" '
            f'height="{bar_height:.1f}" class="bar day"><title>{escape(tip)}</title></rect>'
        )
        value = format_duration(line.seconds)
        if vertical:
            body.append(
                _text(
                    center + 3,
                    y - 4,
                    value,
                    "value",
                    "start",
                    f' transform="rotate(-90 {center + 3:.1f} {y - 4:.1f})"',
                )
            )
        else:
            body.append(_text(center, y - 6, value, "value"))
    desc = clauses(f"{say.short_day(line.day)} {format_duration(line.seconds)}" for line in days)
    if has_mood:
        desc += ". " + _("The second line under each day is that day's mean mood, 1 to 10.")
    return _svg(
        "chart-days",
        width,
        int(height),
        _("Social media time per day"),
        desc,
        body,
    )


def apps_chart(report: Report) -> str:
    apps = report.apps
    width, label_width, row = 720, 150, 30
    bar_room = width - label_width - 110
    peak = max((line.seconds for line in apps), default=0.0)
    body: list[str] = []
    for index, line in enumerate(apps):
        y = index * row + 6
        body.append(_text(label_width - 10, y + 15, line.name, "label", "end"))
        length = bar_room * (line.seconds / peak) if peak else 0.0
        sessions = count(line.sessions, "session", "sessions")
        tip = _("{app}: {duration} in {sessions}").format(
            app=line.name, duration=format_duration(line.seconds), sessions=sessions
        )
        body.append(
            f'<rect x="{label_width}" y="{y}" width="{max(length, 1.0):.1f}" height="20" '
            f'class="bar app"><title>{escape(tip)}</title></rect>'
        )
        body.append(
            _text(label_width + length + 8, y + 15, format_duration(line.seconds), "value", "start")
        )
    desc = clauses(f"{line.name} {format_duration(line.seconds)}" for line in apps)
    return _svg("chart-apps", width, len(apps) * row + 12, _("Time per app"), desc, body)


def shade_class(seconds: float, peak: float) -> str:
    if seconds <= 0 or peak <= 0:
        return "h0"
    level = min(len(SHADE_CLASSES) - 1, int(seconds / peak * len(SHADE_CLASSES) - 1e-9))
    return SHADE_CLASSES[level]


def heatmap_chart(report: Report) -> str:
    heatmap = report.heatmap
    cell, left, top = 27, 44, 22
    hours = report.hour_order()
    weekdays = report.weekday_order()
    width = left + cell * 24 + 4
    height = top + cell * 7 + 4
    body: list[str] = []
    for column, hour in enumerate(hours):
        body.append(_text(left + column * cell + cell / 2, top - 8, f"{hour:02d}", "tick"))
    for row_index, weekday in enumerate(weekdays):
        y = top + row_index * cell
        body.append(_text(left - 8, y + cell / 2 + 4, say.weekday_short(weekday), "tick", "end"))
        for column, hour in enumerate(hours):
            seconds = heatmap.cells[weekday][hour]
            x = left + column * cell
            cls = shade_class(seconds, heatmap.peak)
            minutes = whole_minutes(seconds)
            tip = f"{say.weekday_short(weekday)} {say.hour_range(hour)}: {format_duration(seconds)}"
            body.append(
                f'<rect x="{x + 1}" y="{y + 1}" width="{cell - 2}" height="{cell - 2}" rx="3" '
                f'class="cell {cls}"><title>{escape(tip)}</title></rect>'
            )
            if seconds > 0:
                shown = str(minutes) if minutes else "<1"
                body.append(_text(x + cell / 2, y + cell / 2 + 4, shown, f"cellvalue {cls}"))
    desc = _(
        "Minutes of use in each hour of the day (columns, local time, from the day start) "
        "for each weekday (rows); the number in a cell is its minutes, empty cells had none."
    )
    return _svg("chart-heatmap", width, height, _("Use by weekday and hour"), desc, body)


MOOD_SCALE = 10  # mood scores run 1-10; the right axis runs 0-10 so a 5 sits halfway


def mood_use_chart(report: Report) -> str:
    """Daily minutes (bars, left scale) and mean mood (dots joined on consecutive days, right
    scale) over one axis of days, so a reader sees whether the two move together. Every dot is
    labelled with its score, and shapes differ (bars against dots on a line), so the chart
    reads the same printed in grey."""
    days = report.days
    width, left, right, top, chart_height = 720, 56, 56, 24, 170
    inner = width - left - right
    slot = inner / max(len(days), 1)
    bar_width = max(3.0, slot * 0.55)
    peak = max((line.seconds for line in days), default=0.0)
    base = top + chart_height
    vertical = len(days) > 14
    body: list[str] = [
        f'<line x1="{left}" y1="{base}" x2="{width - right}" y2="{base}" class="axis"/>',
        f'<line x1="{left}" y1="{top}" x2="{left}" y2="{base}" class="axis"/>',
        f'<line x1="{width - right}" y1="{top}" x2="{width - right}" y2="{base}" class="axis"/>',
    ]
    for fraction in (0.0, 0.5, 1.0):
        y = base - chart_height * fraction
        body.append(_text(left - 6, y + 4, format_duration(peak * fraction), "tick", "end"))
        mood = MOOD_SCALE * fraction
        body.append(_text(width - right + 6, y + 4, f"{mood:g}", "tick", "start"))
    body.append(_text(left - 6, top - 10, _("time"), "muted", "end"))
    body.append(_text(width - right + 6, top - 10, _("mood"), "muted", "start"))
    points: list[tuple[int, float, float]] = []  # (day index, x, y)
    for index, line in enumerate(days):
        center = left + slot * index + slot / 2
        label = str(line.day.day) if vertical else weekday_day(line.day)
        body.append(_text(center, base + 16, label, "tick"))
        if line.state == "future":
            continue
        bar_height = chart_height * (line.seconds / peak) if peak else 0.0
        mood_text = _("no mood") if line.mood is None else mood_label(line.mood)
        tip = f"{say.long_day(line.day)}: {format_duration(line.seconds)}, {mood_text}"
        body.append(
            f'<rect x="{center - bar_width / 2:.1f}" y="{base - bar_height:.1f}" '
            f'width="{bar_width:.1f}" height="{bar_height:.1f}" class="bar use" '
            f'data-day="{line.day.isoformat()}" data-seconds="{whole(line.seconds)}">'
            f"<title>{escape(tip)}</title></rect>"
        )
        if line.mood is not None:
            points.append((index, center, base - chart_height * line.mood / MOOD_SCALE))
    for (first, x1, y1), (second, x2, y2) in pairwise(points):
        if second == first + 1:  # a day without mood breaks the line rather than guessing it
            body.append(
                f'<line x1="{x1:.1f}" y1="{y1:.1f}" x2="{x2:.1f}" y2="{y2:.1f}" class="moodline"/>'
            )
    for index, x, y in points:
        line = days[index]
        assert line.mood is not None
        body.append(
            f'<circle cx="{x:.1f}" cy="{y:.1f}" r="4.5" class="mooddot" '
            f'data-day="{line.day.isoformat()}" data-mood="{line.mood:.2f}">'
            f"<title>{escape(say.long_day(line.day))}: {escape(mood_label(line.mood))}</title>"
            "</circle>"
        )
        body.append(_text(x, y - 9, number(line.mood, 1), "moodvalue"))
    legend_y = base + 36
    body.append(
        f'<rect x="{left}" y="{legend_y - 9}" width="12" height="10" class="bar use"/>'
        + _text(left + 18, legend_y, _("bars: social media time (left scale)"), "muted", "start")
        + f'<circle cx="{left + 300}" cy="{legend_y - 4}" r="4.5" class="mooddot"/>'
        + _text(left + 312, legend_y, _("dots: mean mood, 0-10 (right scale)"), "muted", "start")
    )
    desc = clauses(
        f"{say.short_day(line.day)} {format_duration(line.seconds)}"
        + ("" if line.mood is None else ", " + mood_label(line.mood))
        for line in days
        if line.state != "future"
    )
    return _svg(
        "chart-mood-use",
        width,
        legend_y + 10,
        _("Mood and social media time per day"),
        desc,
        body,
    )
