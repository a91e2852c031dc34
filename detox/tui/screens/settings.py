"""Apps and settings: the catalog with search, budgets, idle threshold, day start, theme."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import time

from textual import events, on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Button, Header, Input, Label, Select, Static

from detox import i18n
from detox.balance.budgets import (
    TOTAL,
    BudgetEntry,
    budget_entries,
    clear_budget,
    effective_budgets,
    label,
    set_budget,
)
from detox.balance.rules import CATEGORY_PREFIX
from detox.catalog import App as CatalogApp
from detox.catalog import category_name
from detox.clock import current_day
from detox.config import Settings, set_config_value
from detox.durations import format_duration, parse_duration, typed_duration
from detox.errors import DetoxError
from detox.i18n import N_, _, listing
from detox.tui.modals.budget import BudgetChoice, BudgetModal
from detox.tui.screens.base import DataScreen
from detox.tui.widgets.keybar import KeyBar
from detox.tui.widgets.tables import Column, FitTable
from detox.tui.words import language_options


@dataclass(frozen=True)
class SettingsData:
    settings: Settings
    apps: tuple[CatalogApp, ...]
    budgets: dict[str, int]  # in force today: journal budgets over config defaults
    entries: list[BudgetEntry]


@dataclass(frozen=True)
class SettingsChange:
    config: list[tuple[tuple[str, ...], object]]
    total_budget: int | None  # None: leave the budget as it is


def matches(app: CatalogApp, needle: str) -> bool:
    """Search by id, name, native names and aliases (微博, ВКонтакте), category or domain."""
    words = (app.id, app.name, *app.aliases, app.category, category_name(app.category))
    haystack = " ".join((*words, *app.domains))
    return needle.casefold() in haystack.casefold()


class SettingsScreen(DataScreen):
    TITLE_TEXT = N_("Apps and settings")
    BINDINGS = [
        Binding("b", "budget", N_("Budget"), id="budget"),
        Binding("slash", "search", N_("Search"), id="search"),
    ]

    def compose(self) -> ComposeResult:
        self._form_shown: dict[str, str] = {}
        yield Header()
        with VerticalScroll():
            yield Label(_("Settings"), classes="section")
            with Horizontal(classes="form-row"):
                yield Label(_("Idle after (seconds)"), classes="form-label")
                yield Input(id="idle", type="integer", compact=True, classes="form-input")
            with Horizontal(classes="form-row"):
                yield Label(_("Day starts at"), classes="form-label")
                yield Input(id="day-start", placeholder="04:00", compact=True, classes="form-input")
            with Horizontal(classes="form-row"):
                yield Label(_("Daily budget, total"), classes="form-label")
                yield Input(
                    id="budget-total",
                    placeholder=_("e.g. 1h30m"),
                    compact=True,
                    classes="form-input",
                )
            with Horizontal(classes="form-row"):
                yield Label(_("Language"), classes="form-label")
                yield Select[str](
                    language_options(), id="language", allow_blank=False, compact=True
                )
            with Horizontal(classes="form-row"):
                yield Label(_("Theme"), classes="form-label")
                themes = sorted(self.app.available_themes)
                yield Select[str](
                    [(name, name) for name in themes], id="theme", allow_blank=False, compact=True
                )
            with Horizontal(classes="form-row"):
                yield Button(_("Save settings"), id="save", variant="primary", compact=True)
                yield Static("", id="settings-message")
            yield Static(id="budgets", classes="section")
            yield Label(_("Apps detox recognises (b sets a budget)"), classes="section")
            yield Input(
                placeholder=_("/ search: name (微博 too), category or domain; Escape leaves"),
                id="search",
                compact=True,
            )
            yield FitTable(
                Column(_("Id"), 11, grow=0),
                Column(_("Name"), 12, grow=2),
                Column(_("Category"), 12, grow=0),
                Column(_("Budget"), 7, grow=0),
                Column(_("Sites"), 12, grow=2),
                id="catalog",
            )
            yield Static(id="catalog-detail", classes="detail")
        yield KeyBar()

    def load(self) -> SettingsData:
        context = self.detox.context
        return SettingsData(
            context.settings,
            context.catalog.apps,
            effective_budgets(context, current_day(context.clock, context.settings)),
            budget_entries(context),
        )

    def show(self, data: SettingsData) -> None:
        self._data = data
        settings = data.settings
        total = data.budgets.get("total")
        self._fill("#idle", str(settings.idle_threshold))
        self._fill("#day-start", settings.day_start.strftime("%H:%M"))
        self._fill("#budget-total", typed_duration(total) if total else "")
        theme = self.query_one("#theme", Select)
        if settings.theme in self.app.available_themes:
            theme.value = settings.theme
        language = settings.language if settings.language in dict(language_options()) else "auto"
        self.query_one("#language", Select).value = language
        catalog = self.detox.context.catalog
        shown = [
            f"{label(catalog, entry.target)} {format_duration(entry.weekday_seconds)}"
            + (
                " "
                + _("(weekend {duration})").format(duration=format_duration(entry.weekend_seconds))
                if entry.weekend_seconds is not None
                else ""
            )
            for entry in data.entries
        ]
        self.query_one("#budgets", Static).update(
            _("Budgets: {budgets}").format(budgets=listing(shown) if shown else _("none yet"))
        )
        self._fill_catalog(self.query_one("#search", Input).value)

    def _fill(self, selector: str, value: str) -> None:
        # The screen loads again whenever a data file changes (the tracker's flush, a sync, a
        # command in a shell): a field the person has typed in keeps what they typed.
        field = self.query_one(selector, Input)
        shown = self._form_shown.setdefault(selector, "")
        if field.value == shown:
            field.value = value
            self._form_shown[selector] = value

    def _typed_values_saved(self) -> None:
        # What was typed is now what is stored: later loads may fill the fields again.
        for selector in self._form_shown:
            self._form_shown[selector] = self.query_one(selector, Input).value

    @on(Input.Changed, "#search")
    def _search(self, event: Input.Changed) -> None:
        self._fill_catalog(event.value)

    def on_key(self, event: events.Key) -> None:
        # Escape leaves the search box, so the next t or q is a key again, not a letter typed in.
        if event.key == "escape" and self.focused is self.query_one("#search", Input):
            self.query_one("#catalog", FitTable).focus()
            event.stop()

    def action_search(self) -> None:
        self.query_one("#search", Input).focus()

    def _fill_catalog(self, query: str) -> None:
        data = getattr(self, "_data", None)
        if data is None:
            return
        needle = query.strip()
        apps = [app for app in data.apps if not needle or matches(app, needle)]
        self._shown_apps = apps
        self.query_one("#catalog", FitTable).set_rows(
            [
                (
                    app.id,
                    app.name + (f" ({', '.join(app.aliases)})" if app.aliases else ""),
                    category_name(app.category),
                    format_duration(data.budgets[app.id]) if app.id in data.budgets else "-",
                    ", ".join(app.domains) or "-",
                )
                for app in apps
            ],
            keys=[app.id for app in apps],
        )

    # -- budgets ------------------------------------------------------------------------------

    def action_budget(self) -> None:
        data = getattr(self, "_data", None)
        if data is None:
            return
        row = self.query_one("#catalog", FitTable).cursor_row
        apps = getattr(self, "_shown_apps", [])
        targets: list[tuple[str, str]] = []
        if 0 <= row < len(apps):
            app = apps[row]
            targets += [
                (app.name, app.id),
                (
                    _("all {category} apps").format(category=category_name(app.category)),
                    CATEGORY_PREFIX + app.category,
                ),
            ]
        targets.append((_("all social media (total)"), TOTAL))
        current = {e.target: (e.weekday_seconds, e.weekend_seconds) for e in data.entries}
        self.app.push_screen(BudgetModal(targets, current), self._budget_chosen)

    def _budget_chosen(self, choice: BudgetChoice | None) -> None:
        if choice is not None:
            self.save_budget(choice)

    @work(thread=True, group="write")
    def save_budget(self, choice: BudgetChoice) -> None:
        context = self.detox.context
        name = label(context.catalog, choice.target)
        try:
            if choice.weekday_seconds is None:
                clear_budget(context, choice.target)
                done = _("Budget for {name} cleared.").format(name=name)
            else:
                set_budget(context, choice.target, choice.weekday_seconds, choice.weekend_seconds)
                done = _("Budget for {name}: {duration} a day.").format(
                    name=name, duration=format_duration(choice.weekday_seconds)
                )
        except DetoxError as error:
            self.app.call_from_thread(self.app.notify, str(error), severity="error")
            return
        self.app.call_from_thread(self.app.notify, done)
        self.app.call_from_thread(self.reload)

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
            message.update(_("Not saved: {error}").format(error=error))
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
            raise DetoxError(_("idle seconds must be a whole number (10-3600)"))
        changes.append((("idle_threshold",), int(idle_text)))
        try:
            day_start = time.fromisoformat(day_start_text)
        except ValueError:
            raise DetoxError(_("the day start must be a time such as 04:00")) from None
        if day_start.tzinfo is not None:
            raise DetoxError(_("the day start is a local time such as 04:00, without a zone"))
        changes.append((("day_start",), day_start_text))
        if isinstance(theme, str):
            changes.append((("theme",), theme))
        language = self.query_one("#language", Select).value
        if isinstance(language, str):
            changes.append((("language",), language))
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
                self.query_one("#settings-message", Static).update,
                _("Not saved: {error}").format(error=error),
            )
            return
        before = i18n.current()
        self.detox.context.reload_settings()
        i18n.activate(i18n.choose(self.detox.context.settings.language))
        self.app.call_from_thread(self._typed_values_saved)
        self.app.call_from_thread(self.query_one("#settings-message", Static).update, _("Saved."))
        saved = _("Settings saved to {path}.").format(path=path)
        if i18n.current() != before:
            # Screens already drawn keep their words; the next start shows the new language.
            saved += " " + _("Restart detox to see the new language everywhere.")
        self.app.call_from_thread(self.app.notify, saved)
