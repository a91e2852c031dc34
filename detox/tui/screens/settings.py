"""Apps and settings: the catalog with search, budgets, idle threshold, day start, theme."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import time

from textual import on, work
from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Button, DataTable, Footer, Header, Input, Label, Select, Static

from detox.balance.budgets import effective_budgets, set_budget
from detox.catalog import App as CatalogApp
from detox.clock import current_day
from detox.config import Settings, set_config_value
from detox.durations import format_duration, parse_duration
from detox.errors import DetoxError
from detox.tui.screens.base import DataScreen
from detox.tui.widgets.tables import add_columns


@dataclass(frozen=True)
class SettingsData:
    settings: Settings
    apps: tuple[CatalogApp, ...]
    budgets: dict[str, int]  # in force today: journal budgets over config defaults


@dataclass(frozen=True)
class SettingsChange:
    config: list[tuple[tuple[str, ...], object]]
    total_budget: int | None  # None: leave the budget as it is


class SettingsScreen(DataScreen):
    TITLE_TEXT = "Apps and settings"

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll():
            yield Label("Settings", classes="section")
            with Horizontal(classes="form-row"):
                yield Label("Idle after (seconds)", classes="form-label")
                yield Input(id="idle", type="integer", compact=True, classes="form-input")
            with Horizontal(classes="form-row"):
                yield Label("Day starts at", classes="form-label")
                yield Input(id="day-start", placeholder="04:00", compact=True, classes="form-input")
            with Horizontal(classes="form-row"):
                yield Label("Daily budget, total", classes="form-label")
                yield Input(
                    id="budget-total", placeholder="e.g. 1h30m", compact=True, classes="form-input"
                )
            with Horizontal(classes="form-row"):
                yield Label("Theme", classes="form-label")
                themes = sorted(self.app.available_themes)
                yield Select[str](
                    [(name, name) for name in themes], id="theme", allow_blank=False, compact=True
                )
            with Horizontal(classes="form-row"):
                yield Button("Save settings", id="save", variant="primary", compact=True)
                yield Static("", id="settings-message")
            yield Label("Apps detox recognises", classes="section")
            yield Input(placeholder="search: name, category or domain", id="search", compact=True)
            yield DataTable(id="catalog", cursor_type="row", zebra_stripes=True)
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one("#catalog", DataTable)
        add_columns(table, ("Id", 14), ("Name", 18), ("Category", 12), ("Budget", 8), ("Sites", 14))
        super().on_mount()

    def load(self) -> SettingsData:
        context = self.detox.context
        return SettingsData(
            context.settings,
            context.catalog.apps,
            effective_budgets(context, current_day(context.clock, context.settings)),
        )

    def show(self, data: SettingsData) -> None:
        self._data = data
        settings = data.settings
        self.query_one("#idle", Input).value = str(settings.idle_threshold)
        self.query_one("#day-start", Input).value = settings.day_start.strftime("%H:%M")
        total = data.budgets.get("total")
        self.query_one("#budget-total", Input).value = format_duration(total) if total else ""
        theme = self.query_one("#theme", Select)
        if settings.theme in self.app.available_themes:
            theme.value = settings.theme
        self._fill_catalog(self.query_one("#search", Input).value)

    @on(Input.Changed, "#search")
    def _search(self, event: Input.Changed) -> None:
        self._fill_catalog(event.value)

    def _fill_catalog(self, query: str) -> None:
        data = getattr(self, "_data", None)
        if data is None:
            return
        needle = query.strip().lower()
        table = self.query_one("#catalog", DataTable)
        table.clear()
        for app in data.apps:
            haystack = " ".join((app.id, app.name, app.category, *app.domains)).lower()
            if needle and needle not in haystack:
                continue
            budget = data.budgets.get(app.id)
            table.add_row(
                app.id,
                app.name,
                app.category,
                format_duration(budget) if budget else "-",
                ", ".join(app.domains[:2]) or "-",
                key=app.id,
            )

    @on(Select.Changed, "#theme")
    def _preview_theme(self, event: Select.Changed) -> None:
        if isinstance(event.value, str):
            self.app.theme = event.value

    @on(Button.Pressed, "#save")
    def _save_pressed(self) -> None:
        message = self.query_one("#settings-message", Static)
        try:
            changes = self._changes()
        except DetoxError as error:
            message.update(f"Not saved: {error}")
            return
        self.save(changes)

    def _changes(self) -> SettingsChange:
        idle_text = self.query_one("#idle", Input).value.strip()
        day_start_text = self.query_one("#day-start", Input).value.strip()
        budget_text = self.query_one("#budget-total", Input).value.strip()
        theme = self.query_one("#theme", Select).value
        changes: list[tuple[tuple[str, ...], object]] = []
        # str.isdigit() takes "²" and "٣", which int() then refuses (and 5,000 digits, over
        # Python's limit): only ASCII digits, few enough for a number of seconds.
        if not (idle_text.isascii() and idle_text.isdigit() and len(idle_text) <= 6):
            raise DetoxError("idle seconds must be a whole number (10-3600)")
        changes.append((("idle_threshold",), int(idle_text)))
        try:
            day_start = time.fromisoformat(day_start_text)
        except ValueError:
            raise DetoxError("the day start must be a time such as 04:00") from None
        if day_start.tzinfo is not None:
            raise DetoxError("the day start is a local time such as 04:00, without a zone")
        changes.append((("day_start",), day_start_text))
        if isinstance(theme, str):
            changes.append((("theme",), theme))
        return SettingsChange(changes, parse_duration(budget_text) if budget_text else None)

    @work(thread=True, group="write")
    def save(self, change: SettingsChange) -> None:
        context = self.detox.context
        path = context.paths.config_file
        try:
            for keys, value in change.config:
                set_config_value(path, keys, value)
            if change.total_budget is not None:
                # Like `detox budget set total`: a journal budget, synced to your other devices.
                set_budget(context, "total", change.total_budget, None)
        except DetoxError as error:
            self.app.call_from_thread(
                self.query_one("#settings-message", Static).update, f"Not saved: {error}"
            )
            return
        self.detox.context.reload_settings()
        self.app.call_from_thread(self.query_one("#settings-message", Static).update, "Saved.")
        self.app.call_from_thread(self.app.notify, f"Settings saved to {path}.")
