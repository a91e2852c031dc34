"""`detox report` in the terminal: a Rich rendering with bars and a heatmap, 80 columns wide.

Rich is imported here only, so the other formats start without it. Every figure is written out as
text; colour (on a terminal) only repeats what the bars and shades already show.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass

from rich import box
from rich.cells import cell_len
from rich.console import Console, Group, RenderableType
from rich.measure import Measurement
from rich.table import Table
from rich.text import Text

from detox.catalog import category_name
from detox.durations import format_duration
from detox.i18n import _, listing
from detox.localized import number
from detox.reports import wording as say
from detox.reports.model import Report

WIDTH = 80
BAR_MIN = 6  # narrower bars say little; the column goes before a number does
BAR_MAX = 48
NAME_WIDTH = 24  # an app's name is cut here (with an ellipsis); figures never are
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
    console.print(Group(*_parts(report, width)))
    return "\n".join(line.rstrip() for line in out.getvalue().splitlines()) + "\n"


def _heading(text: str) -> Text:
    return Text("\n" + text, style="bold underline")


def _parts(report: Report, width: int) -> list[RenderableType]:
    parts: list[RenderableType] = [
        Text(say.title(report), style="bold"),
        Text(say.dates_line(report), style="dim"),
        Text(""),
        *(Text(line) for line in say.summary(report)),
    ]
    if report.state != "future":
        parts += [_heading(_("Per day")), *_days(report, width)]
        parts += [_heading(_("Apps")), *_apps(report, width)]
        if report.categories:
            parts += [_heading(_("Categories and devices")), *_groups(report, width)]
        parts += [_heading(_("When (hours of the day, local time)")), *_heatmap(report)]
    parts += [_heading(_("Budgets")), *_budgets(report, width)]
    parts += [_heading(_("Fasts")), *_fasts(report)]
    parts += [_heading(_("Mood")), *(Text(line) for line in say.mood_lines(report.mood))]
    parts += [_heading(_("Insights")), _bullets(report.insights.sentences)]
    if report.insights.caveat:
        parts += [Text(""), Text(report.insights.caveat, style="dim")]
    reasons = report.three_reasons
    parts += [_heading(_("Three reasons: self-esteem, blood pressure, offline life"))]
    parts += [_bullets(reasons.sentences)]
    if reasons.caveat:
        parts += [Text(""), Text(reasons.caveat, style="dim")]
    parts += [Text(""), Text(say.footer(report), style="dim")]
    return parts


def _table(*columns: tuple[str, str]) -> Table:
    table = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False, padding=(0, 1))
    for header, justify in columns:
        table.add_column(header, justify="right" if justify == "r" else "left", no_wrap=True)
    return table


@dataclass(frozen=True)
class Column:
    """A table column; `keep` orders what goes first when the terminal is narrow (lowest first,
    None never). A bar column's cells are fractions; it takes the room the others leave."""

    header: str
    right: bool = False
    keep: int | None = None
    bar: str | None = None  # the bar's style; None for a text column


Cell = str | float | Text


def fitted(
    columns: Sequence[Column], rows: Sequence[Sequence[Cell]], width: int
) -> tuple[Table, list[str]]:
    """A table no wider than `width` whose cells are never cut: columns are left out, least
    needed first, until the rest fits; a bar gets the room left over (up to BAR_MAX cells).
    Returns the table and the headers left out."""
    shown = list(range(len(columns)))
    dropped: list[str] = []
    while True:
        bar_width = _bar_room(columns, rows, shown, width)
        if bar_width is not None:
            break
        optional = [index for index in shown if columns[index].keep is not None]
        if not optional:
            bar_width = BAR_MIN  # nothing left to drop: the terminal wraps what overflows
            break
        least = min(optional, key=lambda index: columns[index].keep or 0)
        shown.remove(least)
        if columns[least].bar is None:
            dropped.append(columns[least].header)
    return _build(columns, rows, shown, bar_width), dropped


def _build(
    columns: Sequence[Column], rows: Sequence[Sequence[Cell]], shown: list[int], bar_width: int
) -> Table:
    table = _table(*((columns[i].header, "r" if columns[i].right else "l") for i in shown))
    for row in rows:
        cells: list[str | Text] = []
        for index in shown:
            cell, column = row[index], columns[index]
            if column.bar is not None and isinstance(cell, float):
                cells.append(Text(bar(cell, bar_width), style=column.bar))
            else:
                cells.append(cell if isinstance(cell, str | Text) else str(cell))
        table.add_row(*cells)
    return table


def _bar_room(
    columns: Sequence[Column], rows: Sequence[Sequence[Cell]], shown: list[int], width: int
) -> int | None:
    """The bar width that makes the table fit, or None when even the narrowest bar does not."""
    bars = [index for index in shown if columns[index].bar is not None]
    used = _natural_width(_build(columns, rows, shown, BAR_MIN))
    if used > width:
        return None
    if not bars:
        return BAR_MIN
    return min(BAR_MAX, BAR_MIN + (width - used) // len(bars))


def _natural_width(table: Table) -> int:
    console = Console(width=10_000, file=io.StringIO(), color_system=None, legacy_windows=False)
    return Measurement.get(console, console.options, table).maximum


def _left_out(dropped: list[str], width: int) -> list[RenderableType]:
    if not dropped:
        return []
    names = listing(dropped)
    return [
        Text(
            _(
                "Left out to fit {width} columns: {names} (shown in a wider terminal "
                "or with --format md)."
            ).format(width=width, names=names),
            style="dim",
        )
    ]


def _days(report: Report, width: int) -> list[RenderableType]:
    peak = max((line.seconds for line in report.days), default=0.0)
    columns = (
        Column(_("Day")),
        Column("", keep=0, bar="cyan"),
        Column(_("Time"), right=True),
        Column(_("Mood"), right=True, keep=1),
    )
    rows: list[list[Cell]] = []
    for line in report.days:
        if line.state == "future":
            rows.append([say.short_day(line.day), "", Text(_("not yet"), style="dim"), ""])
            continue
        rows.append(
            [
                say.short_day(line.day),
                line.seconds / peak if peak else 0.0,
                format_duration(line.seconds),
                "-" if line.mood is None else number(line.mood, 1),
            ]
        )
    table, dropped = fitted(columns, rows, width)
    return [table, *_left_out(dropped, width)]


def _apps(report: Report, width: int) -> list[RenderableType]:
    if not report.apps:
        return [Text(_("No app was used in this period."))]
    peak = report.apps[0].seconds
    columns = (
        Column(_("App")),
        Column("", keep=2, bar="magenta"),
        Column(_("Time"), right=True),
        Column(_("Change"), right=True, keep=5),
        Column(_("Sessions"), right=True, keep=4),
        Column(_("Avg"), right=True, keep=3),
        Column(_("Longest"), right=True, keep=1),
    )
    rows: list[list[Cell]] = [
        [
            say.clip(line.name, NAME_WIDTH),
            line.seconds / peak if peak else 0.0,
            format_duration(line.seconds),
            say.change_cell(line.change, line.previous_seconds),
            str(line.sessions),
            format_duration(line.average_session),
            format_duration(line.longest_session),
        ]
        for line in report.apps
    ]
    table, dropped = fitted(columns, rows, width)
    parts: list[RenderableType] = [table, *_left_out(dropped, width)]
    dropped_apps = say.dropped_apps(report)
    if dropped_apps:
        parts.append(Text(dropped_apps))
    return parts


def _groups(report: Report, width: int) -> list[RenderableType]:
    change = Column(_("Change"), right=True, keep=1)
    categories, dropped = fitted(
        (Column(_("Category")), Column(_("Time"), right=True), change),
        [
            [
                category_name(category.category),
                format_duration(category.seconds),
                say.change_cell(category.change, category.previous_seconds),
            ]
            for category in report.categories
        ],
        width,
    )
    devices, also = fitted(
        (Column(_("Device")), Column(_("Time"), right=True), change),
        [
            [
                say.clip(device.shown, 40),
                format_duration(device.seconds),
                say.change_cell(device.change, device.previous_seconds),
            ]
            for device in report.devices
        ],
        width,
    )
    left_out = sorted(set(dropped) | set(also))
    return [categories, Text(""), devices, *_left_out(left_out, width)]


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
        return [Text(_("No use to show by hour."))]
    hours = report.hour_order()
    header = "".join(f"{hour:02d}" if index % 3 == 0 else "  " for index, hour in enumerate(hours))
    names = {weekday: say.weekday_short(weekday) for weekday in report.weekday_order()}
    # Weekday names are 1 to 4 cells wide ("Mon", "pon.", "월", "周一"): pad by cells.
    name_width = max(3, *(cell_len(name) for name in names.values()))
    totals = {weekday: format_duration(sum(heatmap.cells[weekday])) for weekday in names}
    total_width = max(6, *(cell_len(total) for total in totals.values()))
    lines: list[RenderableType] = [
        Text(" " * (name_width + 2) + header + "   " + _("Total"), style="dim")
    ]
    for weekday, name in names.items():
        cells = heatmap.cells[weekday]
        row = "".join(shade(cells[hour], heatmap.peak) for hour in hours)
        lines.append(
            Text(name + " " * (name_width - cell_len(name) + 2))
            + Text(row, style="yellow")
            + Text("  " + " " * (total_width - cell_len(totals[weekday])) + totals[weekday])
        )
    steps = _legend_steps(heatmap.peak)
    legend = "   ".join(
        _("{shade} up to {step}").format(shade=symbol * 2, step=step)
        for symbol, step in zip(SHADES, steps, strict=True)
    )
    lines.append(Text(_(" · none   {legend} in an hour").format(legend=legend), style="dim"))
    return lines


def _legend_steps(peak: float) -> Sequence[str]:
    return [format_duration(peak * (index + 1) / len(SHADES)) for index in range(len(SHADES))]


def _budgets(report: Report, width: int) -> list[RenderableType]:
    parts: list[RenderableType] = [Text(say.budgets_intro(report))]
    budgets = report.budgets
    if not budgets.lines or not budgets.days_judged:
        return parts
    columns = (
        Column(_("Budget")),
        Column(_("Allowance"), keep=1),
        Column(_("Days within"), right=True),
        Column(_("Avg a day"), right=True, keep=2),
    )
    rows: list[list[Cell]] = [
        [
            say.clip(line.name, 20),
            say.budget_allowance(line),
            say.days_within(line),
            format_duration(line.average_seconds),
        ]
        for line in budgets.lines
    ]
    table, dropped = fitted(columns, rows, width)
    return [*parts, table, *_left_out(dropped, width)]


def _fasts(report: Report) -> list[RenderableType]:
    if not report.fasts:
        return [Text(say.no_fasts())]
    parts: list[RenderableType] = []
    for fast in report.fasts:
        parts.append(Text(say.fast_summary(fast)))
        for entry in fast.log:
            parts.append(
                Text(f"  {say.log_time(report, entry.at)}  {say.log_entry(entry.kind, entry.text)}")
            )
    return parts
