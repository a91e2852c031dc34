"""Week: per-day bars, per-app table with the change against last week, an hour x weekday
heatmap and the mood line; arrows move between weeks; x exports the shown week."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, DataTable, Footer, Header, Input, Label, Select, Static

from detox.clock import current_day
from detox.durations import format_duration
from detox.errors import DetoxError
from detox.fileio import write_output
from detox.i18n import count
from detox.reports.build import build_report
from detox.reports.model import Report
from detox.reports.periods import Period, week_containing
from detox.reports.render import FORMATS, Format, render
from detox.tui.screens.base import DataScreen
from detox.tui.widgets.bars import Bar, BarChart
from detox.tui.widgets.tables import add_columns

SHADES = " ░▒▓█"  # darker = more use; the legend gives the minutes, so no colour is needed
DAY_NAMES = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")


def change_text(seconds: float, percent: float | None) -> str:
    sign = "+" if seconds >= 0 else "-"
    text = f"{sign}{format_duration(abs(seconds))}"
    return f"{text} ({percent:+.0f} %)" if percent is not None else f"{text} (new)"


def heatmap_text(report: Report) -> Text:
    cells = report.heatmap.cells
    peak = report.heatmap.peak
    text = Text("hour  " + "".join(f"{h:<3}" if h % 3 == 0 else "" for h in range(24)) + "\n")
    first = report.week_start_index
    for offset in range(7):
        weekday = (first + offset) % 7
        row = cells[weekday]
        line = "".join(
            SHADES[min(4, int(4 * value / peak + 0.999))] if peak and value else "·"
            for value in row
        )
        text.append(f"{DAY_NAMES[weekday]:<4}  {line}\n")
    if peak:
        text.append(f"· none  ░▒▓ more  █ busiest hour ({format_duration(peak)})", style="dim")
    return text


class ExportModal(ModalScreen[tuple[Format, Path] | None]):
    BINDINGS = [Binding("escape", "cancel", "Cancel", id="export-cancel")]

    def __init__(self, default_stem: str) -> None:
        super().__init__()
        self.default_stem = default_stem

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label("Export this week", classes="dialog-title")
            yield Select(
                [(f, f) for f in FORMATS],
                value="html",
                allow_blank=False,
                id="export-format",
                compact=True,
            )
            yield Input(value=f"{self.default_stem}.html", id="export-path", compact=True)
            yield Static("", id="export-error")
            with Horizontal(classes="form-row"):
                yield Button("Export", id="export-go", variant="primary", compact=True)
                yield Button("Cancel", id="export-close", compact=True)

    @on(Select.Changed, "#export-format")
    def _format_changed(self, event: Select.Changed) -> None:
        suffix = {"text": "txt"}.get(str(event.value), str(event.value))
        self.query_one("#export-path", Input).value = f"{self.default_stem}.{suffix}"

    @on(Input.Submitted)
    @on(Button.Pressed, "#export-go")
    def _go(self) -> None:
        fmt = self.query_one("#export-format", Select).value
        path = self.query_one("#export-path", Input).value.strip()
        if not path or fmt not in FORMATS:
            self.query_one("#export-error", Static).update("Give a file name.")
            return
        self.dismiss((fmt, Path(path).expanduser()))  # type: ignore[arg-type]

    @on(Button.Pressed, "#export-close")
    def action_cancel(self) -> None:
        self.dismiss(None)


class WeekScreen(DataScreen):
    TITLE_TEXT = "Week"
    BINDINGS = [
        Binding("left", "move(-1)", "Previous week", id="week-previous"),
        Binding("right", "move(1)", "Next week", id="week-next"),
        Binding("x", "export", "Export", id="week-export"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.week_offset = 0  # weeks from the current one
        self.report: Report | None = None

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll():
            yield Static(id="week-total", classes="headline")
            yield BarChart(id="week-days", classes="panel")
            yield DataTable(id="week-apps", cursor_type="row", zebra_stripes=True)
            yield Static(id="week-heatmap", classes="panel")
            yield Static(id="week-mood", classes="panel")
        yield Footer()

    def on_mount(self) -> None:
        add_columns(
            self.query_one("#week-apps", DataTable),
            ("App", 18),
            ("Time", 9),
            ("Sessions", 8),
            ("vs last week", 20),
        )
        super().on_mount()

    def period(self) -> Period:
        context = self.detox.context
        today = current_day(context.clock, context.settings)
        return week_containing(
            today + timedelta(weeks=self.week_offset), context.settings.week_start
        )

    def load(self) -> Report:
        return build_report(self.detox.context, self.period())

    def show(self, data: Report) -> None:
        self.report = data
        period = data.period
        self.sub_title = f"{period.label}: {period.first:%d %b} to {period.last:%d %b %Y}"
        change = data.change
        total = f"Social media: {format_duration(data.total_seconds)}"
        if data.state == "future":
            total = "This week is still to come."
        elif data.previous_total_seconds or data.total_seconds:
            total += f", {change_text(change.seconds, change.percent)} vs the week before"
            total += f"; {format_duration(data.daily_average)} a day"
        self.query_one("#week-total", Static).update(total + "   (← → weeks, x export)")
        bars = [
            Bar(
                f"{line.day:%a %d}"
                + (" (to come)" if line.state == "future" else "")
                + (f" mood {line.mood:.1f}" if line.mood is not None else ""),
                line.seconds,
            )
            for line in data.days
        ]
        self.query_one("#week-days", BarChart).set_bars(bars)
        table = self.query_one("#week-apps", DataTable)
        table.clear()
        for app in data.apps:
            table.add_row(
                app.name,
                format_duration(app.seconds),
                str(app.sessions),
                change_text(app.change.seconds, app.change.percent),
            )
        self.query_one("#week-heatmap", Static).update(heatmap_text(data))
        mood = data.mood
        if mood.mean is None:
            mood_text = "Mood: no entries this week."
        else:
            mood_text = (
                f"Mood: {mood.mean:.1f} on average over {count(mood.days_logged, 'day', 'days')}"
            )
            if mood.previous_mean is not None:
                mood_text += f" (week before: {mood.previous_mean:.1f})"
            if mood.trend_word:
                mood_text += f", {mood.trend_word}"
        self.query_one("#week-mood", Static).update(mood_text)

    def action_move(self, weeks: int) -> None:
        self.week_offset += weeks
        self.reload()

    def action_export(self) -> None:
        if self.report is None:
            return
        stem = f"detox-{self.report.period.label.replace(' ', '-')}"
        self.app.push_screen(ExportModal(stem), self._export)

    def _export(self, choice: tuple[Format, Path] | None) -> None:
        if choice is not None and self.report is not None:
            self.write_export(self.report, *choice)

    @work(thread=True, group="write")
    def write_export(self, report: Report, fmt: Format, path: Path) -> None:
        try:
            write_output(path, render(report, fmt).encode("utf-8"))
        except DetoxError as error:
            self.app.call_from_thread(self.app.notify, f"Not exported: {error}", severity="error")
            return
        self.app.call_from_thread(self.app.notify, f"Exported to {path}.")
