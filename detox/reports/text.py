"""`detox report` in the terminal: a Rich rendering with bars and a heatmap, 80 columns wide.

Rich is imported here only, so the other formats start without it. Every figure is written out as
text; colour (on a terminal) only repeats what the bars and shades already show.
"""

from __future__ import annotations

import io
from collections.abc import Sequence

from rich import box
from rich.console import Console, Group, RenderableType
from rich.table import Table
from rich.text import Text

from detox.durations import format_duration
from detox.reports import wording as say
from detox.reports.model import Report

WIDTH = 80
DAY_BAR = 32
APP_BAR = 12
EIGHTHS = " ▏▎▍▌▋▊▉"
SHADES = ("░", "▒", "▓", "█")  # a quarter of the busiest hour each


def bar(fraction: float, width: int) -> str:
    """A bar of `width` cells filled to `fraction`, to an eighth of a cell."""
    eighths = round(max(0.0, min(1.0, fraction)) * width * 8)
    full, part = divmod(eighths, 8)
    return ("█" * full + (EIGHTHS[part] if part else "")).ljust(width)


def render_text(report: Report, width: int = WIDTH, color: bool = False) -> str:
    """The report as lines at most `width` columns wide; ANSI colour only if asked for."""
    out = io.StringIO()
    console = Console(
        file=out,
        width=width,
        color_system="standard" if color else None,
        force_terminal=color,
        highlight=False,
        emoji=False,
        legacy_windows=False,
    )
    console.print(Group(*_parts(report)))
    return "\n".join(line.rstrip() for line in out.getvalue().splitlines()) + "\n"


def _heading(text: str) -> Text:
    return Text("\n" + text, style="bold underline")


def _parts(report: Report) -> list[RenderableType]:
    parts: list[RenderableType] = [
        Text(say.title(report), style="bold"),
        Text(say.dates_line(report), style="dim"),
        Text(""),
        *(Text(line) for line in say.summary(report)),
    ]
    if report.state != "future":
        parts += [_heading("Per day"), _days(report)]
        parts += [_heading("Apps"), *_apps(report)]
        if report.categories:
            parts += [_heading("Categories and devices"), *_groups(report)]
        parts += [_heading("When (hours of the day, local time)"), *_heatmap(report)]
    parts += [_heading("Budgets"), *_budgets(report)]
    parts += [_heading("Fasts"), *_fasts(report)]
    parts += [_heading("Mood"), *(Text(line) for line in say.mood_lines(report.mood))]
    parts += [_heading("Insights"), _bullets(report.insights.sentences)]
    if report.insights.caveat:
        parts += [Text(""), Text(report.insights.caveat, style="dim")]
    parts += [Text(""), Text(say.footer(report), style="dim")]
    return parts


def _table(*columns: tuple[str, str]) -> Table:
    table = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False, padding=(0, 1))
    for header, justify in columns:
        table.add_column(header, justify="right" if justify == "r" else "left", no_wrap=True)
    return table


def _days(report: Report) -> Table:
    peak = max((line.seconds for line in report.days), default=0.0)
    table = _table(("Day", "l"), ("", "l"), ("Time", "r"), ("Mood", "r"))
    for line in report.days:
        if line.state == "future":
            table.add_row(say.short_day(line.day), "", Text("not yet", style="dim"), "")
            continue
        fraction = line.seconds / peak if peak else 0.0
        table.add_row(
            say.short_day(line.day),
            Text(bar(fraction, DAY_BAR), style="cyan"),
            format_duration(line.seconds),
            "-" if line.mood is None else f"{line.mood:.1f}",
        )
    return table


def _apps(report: Report) -> list[RenderableType]:
    if not report.apps:
        return [Text("No app was used in this period.")]
    peak = report.apps[0].seconds
    table = _table(
        ("App", "l"),
        ("", "l"),
        ("Time", "r"),
        ("Change", "r"),
        ("Sessions", "r"),
        ("Avg", "r"),
        ("Longest", "r"),
    )
    for line in report.apps:
        table.add_row(
            say.clip(line.name, 16),
            Text(bar(line.seconds / peak if peak else 0.0, APP_BAR), style="magenta"),
            format_duration(line.seconds),
            say.change_cell(line.change, line.previous_seconds),
            str(line.sessions),
            format_duration(line.average_session),
            format_duration(line.longest_session),
        )
    parts: list[RenderableType] = [table]
    dropped = say.dropped_apps(report)
    if dropped:
        parts.append(Text(dropped))
    return parts


def _groups(report: Report) -> list[RenderableType]:
    categories = _table(("Category", "l"), ("Time", "r"), ("Change", "r"))
    for category in report.categories:
        categories.add_row(
            category.category,
            format_duration(category.seconds),
            say.change_cell(category.change, category.previous_seconds),
        )
    devices = _table(("Device", "l"), ("Time", "r"), ("Change", "r"))
    for device in report.devices:
        devices.add_row(
            say.clip(device.label, 40),
            format_duration(device.seconds),
            say.change_cell(device.change, device.previous_seconds),
        )
    return [categories, Text(""), devices]


def _bullets(sentences: Sequence[str]) -> Table:
    """Sentences as a list whose wrapped lines stay indented under their first word."""
    grid = Table.grid(padding=(0, 1))
    grid.add_column(no_wrap=True)
    grid.add_column()
    for sentence in sentences:
        grid.add_row("-", sentence)
    return grid


def shade(seconds: float, peak: float) -> str:
    if seconds <= 0 or peak <= 0:
        return " ·"
    level = min(len(SHADES) - 1, int(seconds / peak * len(SHADES) - 1e-9))
    return SHADES[level] * 2


def _heatmap(report: Report) -> list[RenderableType]:
    heatmap = report.heatmap
    if heatmap.total <= 0:
        return [Text("No use to show by hour.")]
    hours = report.hour_order()
    header = "".join(f"{hour:02d}" if index % 3 == 0 else "  " for index, hour in enumerate(hours))
    lines: list[RenderableType] = [Text("     " + header + "   Total", style="dim")]
    for weekday in report.weekday_order():
        cells = heatmap.cells[weekday]
        row = "".join(shade(cells[hour], heatmap.peak) for hour in hours)
        lines.append(
            Text(f"{say.weekday_short(weekday)}  ")
            + Text(row, style="yellow")
            + Text(f"  {format_duration(sum(cells)):>6}")
        )
    steps = _legend_steps(heatmap.peak)
    legend = "   ".join(
        f"{symbol * 2} up to {step}" for symbol, step in zip(SHADES, steps, strict=True)
    )
    lines.append(Text(f" · none   {legend} in an hour", style="dim"))
    return lines


def _legend_steps(peak: float) -> Sequence[str]:
    return [format_duration(peak * (index + 1) / len(SHADES)) for index in range(len(SHADES))]


def _budgets(report: Report) -> list[RenderableType]:
    parts: list[RenderableType] = [Text(say.budgets_intro(report))]
    budgets = report.budgets
    if not budgets.lines or not budgets.days_judged:
        return parts
    table = _table(("Budget", "l"), ("Allowance", "l"), ("Days within", "r"), ("Avg a day", "r"))
    for line in budgets.lines:
        table.add_row(
            say.clip(line.name, 20),
            say.budget_allowance(line),
            say.days_within(line),
            format_duration(line.average_seconds),
        )
    return [*parts, table]


def _fasts(report: Report) -> list[RenderableType]:
    if not report.fasts:
        return [Text(say.no_fasts())]
    parts: list[RenderableType] = []
    for fast in report.fasts:
        parts.append(Text(say.fast_summary(fast)))
        for entry in fast.log:
            parts.append(Text(f"  {say.log_time(report, entry.at)}  {entry.type}: {entry.message}"))
    return parts
