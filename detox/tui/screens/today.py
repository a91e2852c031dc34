"""Today: social time against the budget, the active fast, mood, and whether the tracker runs."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Footer, Header, Static

from detox.durations import format_duration
from detox.i18n import count
from detox.tui.data import TodayData, load_today
from detox.tui.screens.base import DataScreen
from detox.tui.widgets.bars import Bar, BarChart, sparkline
from detox.tui.widgets.three_reasons import ThreeReasonsCard


class TodayScreen(DataScreen):
    TITLE_TEXT = "Today"
    BINDINGS = [Binding("T", "start_tracker", "Start tracker", id="start-tracker")]

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll():
            yield Static(id="total", classes="headline")
            yield BarChart("No social media yet today.", id="apps", classes="panel")
            with Horizontal(classes="row"):
                yield Static(id="fast", classes="card")
                yield Static(id="mood", classes="card")
            yield ThreeReasonsCard()
            yield Static(id="tracker", classes="status")
        yield Footer()

    def load(self) -> TodayData:
        return load_today(self.detox.context)

    def show(self, data: TodayData) -> None:
        self.sub_title = data.day.strftime("%A %d %B %Y")
        total = f"Social media today: {format_duration(data.total_seconds)}"
        if data.total_budget_seconds:
            left = data.total_budget_seconds - data.total_seconds
            total += f" of {format_duration(data.total_budget_seconds)} budget"
            total += f" ({format_duration(left)} left)" if left >= 0 else " (over budget)"
        self.query_one("#total", Static).update(total)
        bars = [Bar(row.name, row.seconds, row.budget_seconds) for row in data.apps]
        self.query_one("#apps", BarChart).set_bars(bars)
        fast = data.fast_card or "No fast running. Press f to start one (Lent, a 7-day break...)."
        self.query_one("#fast", Static).update(fast)
        mood = (
            f"Mood today: {data.mood_today:.1f}/10 "
            f"({count(len(data.mood_scores), 'entry', 'entries')})"
            if data.mood_today is not None
            else "Mood today: not logged. Press m."
        )
        mood += f"\n14 days: {sparkline(data.mood_by_day)}"
        self.query_one("#mood", Static).update(mood)
        self.query_one(ThreeReasonsCard).reload(self.detox.context)
        if data.tracker_running:
            tracker = f"Tracker: running ({data.tracker_detail})"
        else:
            tracker = "Tracker: not running. Press T to start it here."
        self.query_one("#tracker", Static).update(tracker)

    def action_start_tracker(self) -> None:
        self.detox.start_tracker(announce=True)
