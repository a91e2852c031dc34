"""Week: per-day bars, per-app table with the change against last week, an hour x weekday
heatmap and the mood line; arrows move between weeks; x exports the shown week."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from rich.cells import cell_len
from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Button, Header, Input, Label, RadioSet, Static

from detox.clock import current_day
from detox.durations import format_duration
from detox.errors import DetoxError
from detox.fileio import write_output
from detox.i18n import N_, _, count, lazy
from detox.localized import (
    date_range,
    day_month,
    english,
    medium_date,
    month_year,
    number,
    weekday_name,
)
from detox.reports.build import build_report
from detox.reports.model import Report
from detox.reports.periods import Period, month_period, week_containing
from detox.reports.render import FORMATS, Format, render
from detox.reports.wording import week_name
from detox.tui.modals.base import Modal
from detox.tui.screens.base import DataScreen
from detox.tui.widgets.bars import Bar, BarChart
from detox.tui.widgets.keybar import KeyBar
from detox.tui.widgets.tables import Column, FitTable
from detox.tui.widgets.toggles import MarkedRadioButton

SHADES = " ░▒▓█"  # darker = more use; the legend gives the minutes, so no colour is needed


def change_text(seconds: float, percent: float | None) -> str:
    sign = "+" if seconds >= 0 else "-"
    text = f"{sign}{format_duration(abs(seconds))}"
    if percent is None:
        # Translators: a change against the period before, for an app not used then.
        return _("{change} (new)").format(change=text)
    return f"{text} ({percent:+.0f} %)"


def heatmap_text(report: Report) -> Text:
    """Weekday rows by hour columns, starting at the day start as the report's heatmap does."""
    cells = report.heatmap.cells
    peak = report.heatmap.peak
    hours = report.hour_order()
    header = "".join(
        f"{hour:<3}" if index % 3 == 0 else "" for index, hour in enumerate(hours)
    ).rstrip()
    names = {weekday: weekday_name(weekday) for weekday in report.weekday_order()}
    # "Mon", "pon.", "월", "周一": padded by cells so every row's hours line up.
    name_width = max(4, *(cell_len(name) for name in names.values()))
    hour = _("hour")
    text = Text(hour + " " * max(1, name_width + 2 - cell_len(hour)) + header + "\n")
    for weekday, name in names.items():
        row = cells[weekday]
        line = "".join(
            SHADES[min(4, int(4 * row[hour] / peak + 0.999))] if peak and row[hour] else "·"
            for hour in hours
        )
        text.append(name + " " * (name_width + 2 - cell_len(name)) + line + "\n")
    if peak:
        legend = _("· none  ░▒▓ more  █ busiest hour ({duration})")
        text.append(legend.format(duration=format_duration(peak)), style="dim")
    return text


def default_export_folder() -> Path:
    """The user's documents folder, else downloads, else home: never where detox was started."""
    import platformdirs

    for folder in (platformdirs.user_documents_path(), platformdirs.user_downloads_path()):
        if folder.is_dir():
            return folder
    return Path.home()


SUFFIXES: dict[str, str] = {"text": "txt"}
TRENDS = {"rising": lazy("rising"), "falling": lazy("falling"), "steady": lazy("steady")}


class ExportModal(Modal[tuple[Format, Path] | None]):
    BINDINGS = [Binding("escape", "cancel", N_("Cancel"), id="export-cancel")]

    def __init__(self, default_stem: str, folder: Path, what: str) -> None:
        super().__init__()
        self.default_stem = default_stem
        self.folder = folder
        self.what = what

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="export-dialog"):
            yield Label(_("Export {what}").format(what=self.what), classes="dialog-title")
            with RadioSet(id="export-format"):
                for fmt in FORMATS:
                    yield MarkedRadioButton(fmt, value=fmt == "html", name=fmt, compact=True)
            with Horizontal(classes="form-row"):
                yield Label(_("Folder"), classes="form-label")
                yield Input(value=str(self.folder), id="export-folder", compact=True)
            with Horizontal(classes="form-row"):
                yield Label(_("File name"), classes="form-label")
                yield Input(value=f"{self.default_stem}.html", id="export-name", compact=True)
            yield Static("", id="export-error", classes="error")
            with Horizontal(classes="form-row"):
                yield Button(_("Export"), id="export-go", variant="primary", compact=True)
                yield Button(_("Cancel"), id="export-close", compact=True)

    def _format(self) -> str:
        pressed = self.query_one("#export-format", RadioSet).pressed_button
        return pressed.name if pressed is not None and pressed.name else "html"

    @on(RadioSet.Changed, "#export-format")
    def _format_changed(self) -> None:
        fmt = self._format()
        self.query_one(
            "#export-name", Input
        ).value = f"{self.default_stem}.{SUFFIXES.get(fmt, fmt)}"

    @on(Input.Submitted)
    @on(Button.Pressed, "#export-go")
    def _go(self) -> None:
        fmt = self._format()
        folder = Path(self.query_one("#export-folder", Input).value.strip() or ".").expanduser()
        name = self.query_one("#export-name", Input).value.strip()
        error = self.query_one("#export-error", Static)
        if not name or fmt not in FORMATS:
            error.update(_("Give a file name."))
            return
        if not folder.is_dir():
            error.update(_("No such folder: {folder}").format(folder=folder))
            return
        self.dismiss((fmt, (folder / name).resolve()))  # type: ignore[arg-type]

    @on(Button.Pressed, "#export-close")
    def action_cancel(self) -> None:
        self.dismiss(None)


class WeekScreen(DataScreen):
    """A week, or a month after `]` (`[` goes back to weeks); arrows move by the span shown."""

    TITLE_TEXT = N_("Week")
    # The page, not the app table, takes the keys first: focusing the table scrolled the page
    # to it as soon as its rows arrived, so the screen moved under the reader's eyes.
    AUTO_FOCUS = "VerticalScroll"
    BINDINGS = [
        Binding("left", "move(-1)", N_("Earlier"), id="week-previous"),
        Binding("right", "move(1)", N_("Later"), id="week-next"),
        Binding("right_square_bracket", "span('month')", N_("Month"), id="span-month"),
        Binding("left_square_bracket", "span('week')", N_("Week"), id="span-week"),
        Binding("x", "export", N_("Export"), id="week-export"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.shift = 0  # weeks or months from the current one
        self.span = "week"
        self.report: Report | None = None

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll():
            yield Static(id="week-total", classes="headline")
            yield BarChart(id="week-days", classes="panel")
            yield FitTable(
                Column(_("App"), 10, grow=1),
                Column(_("Time"), 8, grow=0),
                Column(_("Sessions"), 8, grow=0),
                Column(_("vs before"), 12, grow=1),
                id="week-apps",
            )
            yield Static(id="week-apps-detail", classes="detail")
            yield Static(id="week-heatmap", classes="panel")
            yield Static(id="week-mood", classes="panel")
        yield KeyBar()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "span":
            return parameters[0] != self.span
        return True

    def period(self) -> Period:
        context = self.detox.context
        today = current_day(context.clock, context.settings)
        if self.span == "month":
            index = today.year * 12 + today.month - 1 + self.shift
            return month_period(index // 12, index % 12 + 1)
        return week_containing(
            today + timedelta(weeks=self.shift), context.settings.first_day_of_week
        )

    def load(self) -> Report:
        return build_report(self.detox.context, self.period())

    def show(self, data: Report) -> None:
        self.report = data
        period = data.period
        self.sub_title = _("{period}: {dates}").format(
            period=self.span_label(period),
            dates=_("{first} to {last}").format(
                first=day_month(period.first), last=medium_date(period.last)
            )
            if english()
            else date_range(period.first, period.last),
        )
        change = data.change
        week = self.span == "week"
        total = _("Social media: {duration}").format(duration=format_duration(data.total_seconds))
        if data.state == "future":
            total = _("This week is still to come.") if week else _("This month is still to come.")
        elif data.previous_total_seconds or data.total_seconds:
            versus = _("{total}, {change} vs the week before; {average} a day")
            if not week:
                versus = _("{total}, {change} vs the month before; {average} a day")
            total = versus.format(
                total=total,
                change=change_text(change.seconds, change.percent),
                average=format_duration(data.daily_average),
            )
        self.title = _("Week") if week else _("Month")
        hint = _("← → weeks, ] month, x export") if week else _("← → months, [ week, x export")
        self.query_one("#week-total", Static).update(f"{total}   ({hint})")
        bars = [
            Bar(
                f"{weekday_name(line.day.weekday())} {line.day.day:02d}"
                + (" " + _("(to come)") if line.state == "future" else "")
                + (
                    " " + _("mood {mood}").format(mood=number(line.mood, 1))
                    if line.mood is not None
                    else ""
                ),
                line.seconds,
            )
            for line in data.days
        ]
        self.query_one("#week-days", BarChart).set_bars(bars)
        self.query_one("#week-apps", FitTable).set_rows(
            [
                (
                    app.name,
                    format_duration(app.seconds),
                    str(app.sessions),
                    change_text(app.change.seconds, app.change.percent),
                )
                for app in data.apps
            ]
        )
        self.query_one("#week-heatmap", Static).update(heatmap_text(data))
        mood = data.mood
        if mood.mean is None:
            mood_text = (
                _("Mood: no entries this week.") if week else _("Mood: no entries this month.")
            )
        else:
            mood_text = _("Mood: {mean} on average over {days}").format(
                mean=number(mood.mean, 1), days=count(mood.days_logged, "day", "days")
            )
            if mood.previous_mean is not None:
                before = (
                    _("(week before: {mean})") if week else _("(month before: {mean})")
                ).format(mean=number(mood.previous_mean, 1))
                mood_text += " " + before
            if mood.trend_word:
                mood_text += ", " + str(TRENDS.get(mood.trend_word, mood.trend_word))
        self.query_one("#week-mood", Static).update(mood_text)

    @staticmethod
    def span_label(period: Period) -> str:
        """The week or month as the language names it ("week 2026-W48", "2026년 12월 첫째 주",
        "listopad 2026")."""
        if period.kind == "month":
            return month_year(period.first)
        return week_name(period)

    def action_move(self, steps: int) -> None:
        self.shift += steps
        self.reload()

    def action_span(self, span: str) -> None:
        if span != self.span:
            self.span = span
            self.shift = 0
            self.refresh_bindings()
            self.reload()

    def action_export(self) -> None:
        if self.report is None:
            return
        stem = f"detox-{self.report.period.label.replace(' ', '-')}"
        label = self.span_label(self.report.period)
        what = _("this week ({period})") if self.span == "week" else _("this month ({period})")
        what = what.format(period=label)
        self.app.push_screen(ExportModal(stem, default_export_folder(), what), self._export)

    def _export(self, choice: tuple[Format, Path] | None) -> None:
        if choice is not None and self.report is not None:
            self.write_export(self.report, *choice)

    @work(thread=True, group="write")
    def write_export(self, report: Report, fmt: Format, path: Path) -> None:
        try:
            write_output(path, render(report, fmt).encode("utf-8"))
        except DetoxError as error:
            failed = _("Not exported: {error}").format(error=error)
            self.app.call_from_thread(self.app.notify, failed, severity="error")
            return
        self.app.call_from_thread(self.app.notify, _("Exported to {path}.").format(path=path))
