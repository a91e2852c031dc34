"""Mood: recent entries, a history chart, and the insights sentences with their uncertainty."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import DataTable, Footer, Header, Static

from detox.clock import current_day, wall_label
from detox.i18n import count
from detox.insights.report import default_period, insights_for
from detox.models import MoodEntry
from detox.tui.data import daily_mood_means
from detox.tui.screens.base import DataScreen
from detox.tui.widgets.bars import sparkline
from detox.tui.widgets.tables import add_columns

HISTORY_DAYS = 60
RECENT_ENTRIES = 20


@dataclass(frozen=True)
class MoodData:
    today: date
    means: list[float | None]
    recent: list[MoodEntry]
    insight_lines: list[str]


class MoodScreen(DataScreen):
    TITLE_TEXT = "Mood"

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll():
            yield Static("Press m to log how you feel (1-9, 0 for 10).", classes="headline")
            yield Static(id="mood-history", classes="panel")
            yield DataTable(id="mood-entries", cursor_type="row", zebra_stripes=True)
            yield Static(id="mood-insights", classes="panel")
        yield Footer()

    def on_mount(self) -> None:
        add_columns(
            self.query_one("#mood-entries", DataTable),
            ("When", 16),
            ("Score", 5),
            ("Tags", 18),
            ("Note", 26),
        )
        super().on_mount()

    def load(self) -> MoodData:
        context = self.detox.context
        today = current_day(context.clock, context.settings)
        means = daily_mood_means(context, today - timedelta(days=HISTORY_DAYS - 1), today)
        entries = sorted(context.store.records(MoodEntry), key=lambda e: e.at, reverse=True)
        first, last = default_period(context.store, context.settings, today)
        insights = insights_for(context.store, context.settings, first, last)
        return MoodData(today, means, entries[:RECENT_ENTRIES], insights.lines())

    def show(self, data: MoodData) -> None:
        logged = [m for m in data.means if m is not None]
        width = max(20, self.size.width - 8)
        shown = data.means[-width:]
        history = f"Last {count(len(shown), 'day', 'days')} (· = no entry):\n{sparkline(shown)}\n"
        if logged:
            history += (
                f"average {sum(logged) / len(logged):.1f}, lowest {min(logged):.1f}, "
                f"highest {max(logged):.1f} over {count(len(logged), 'day', 'days')} with entries"
            )
        else:
            history += "No entries yet."
        self.query_one("#mood-history", Static).update(history)
        table = self.query_one("#mood-entries", DataTable)
        table.clear()
        settings = self.detox.context.settings
        for entry in data.recent:
            when = wall_label(entry.at, settings, joiner=" ")  # the detox day it counts for
            table.add_row(when, f"{entry.score}/10", " ".join(entry.tags), entry.note or "")
        self.query_one("#mood-insights", Static).update("\n".join(data.insight_lines))
