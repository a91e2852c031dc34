"""Today: social time against the budget, the active fast, mood, and whether the tracker runs."""

from __future__ import annotations

from datetime import timedelta
from typing import TYPE_CHECKING

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Header, Static

from detox.clock import detox_day, local_datetime, to_local
from detox.durations import format_duration
from detox.errors import DetoxError
from detox.i18n import N_, _, count
from detox.localized import long_date, number
from detox.tui.data import TodayData, load_today
from detox.tui.screens.base import DataScreen
from detox.tui.widgets.bars import Bar, BarChart, sparkline
from detox.tui.widgets.keybar import KeyBar
from detox.tui.widgets.three_reasons import ThreeReasonsCard

if TYPE_CHECKING:
    from detox.tui.modals.log_use import UseInput


class TodayScreen(DataScreen):
    TITLE_TEXT = N_("Today")
    BINDINGS = [
        Binding("l", "log_use", N_("Log phone use"), id="log-use"),
        Binding("T", "start_tracker", N_("Start tracker"), id="start-tracker"),
        Binding("T", "stop_tracker", N_("Stop tracker"), id="stop-tracker"),
    ]

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll():
            yield Static(id="total", classes="headline")
            yield BarChart(_("No social media yet today."), id="apps", classes="panel")
            with Horizontal(classes="row"):
                yield Static(id="fast", classes="card")
                yield Static(id="mood", classes="card")
            yield ThreeReasonsCard()
            # Said before the first data arrives, so it is never wrong, only unsure.
            yield Static(_("Tracker: checking…"), id="tracker", classes="status")
        yield KeyBar()

    def __init__(self) -> None:
        super().__init__()
        self._data: TodayData | None = None

    def load(self) -> TodayData:
        return load_today(self.detox.context)

    def show(self, data: TodayData) -> None:
        self._data = data
        self.sub_title = long_date(data.day)
        used = format_duration(data.total_seconds)
        total = _("Social media today: {used}").format(used=used)
        if data.total_budget_seconds:
            left = data.total_budget_seconds - data.total_seconds
            budget = format_duration(data.total_budget_seconds)
            total = (
                _("Social media today: {used} of {budget} budget ({left} left)")
                if left >= 0
                else _("Social media today: {used} of {budget} budget (over budget)")
            ).format(used=used, budget=budget, left=format_duration(left))
        self.query_one("#total", Static).update(total)
        bars = [Bar(row.name, row.seconds, row.budget_seconds) for row in data.apps]
        self.query_one("#apps", BarChart).set_bars(bars)
        fast = data.fast_card or _(
            "No fast running. Press f to start one (Lent, a 7-day break...)."
        )
        self.query_one("#fast", Static).update(fast)
        mood = (
            _("Mood today: {mood}/10 ({entries})").format(
                mood=number(data.mood_today, 1),
                entries=count(len(data.mood_scores), "entry", "entries"),
            )
            if data.mood_today is not None
            else _("Mood today: not logged. Press m.")
        )
        mood += "\n" + _("14 days: {sparkline}").format(sparkline=sparkline(data.mood_by_day))
        self.query_one("#mood", Static).update(mood)
        # After the paint: the card reads weeks of figures, and the day's total comes first.
        self.call_after_refresh(self.query_one(ThreeReasonsCard).reload, self.detox.context)
        self.show_tracker()

    def show_tracker(self) -> None:
        """The tracker line and the T key, from what the app knows now and the last load."""
        state = self.detox.tracker_state()
        data = self._data
        if state == "here":
            tracker = _("Tracker: running in this window. T stops it.")
        elif data is not None and data.tracker_running:
            tracker = _("Tracker: running ({detail})").format(detail=data.tracker_detail)
        elif state == "starting":
            tracker = _("Tracker: starting in this window…")
        elif data is None:
            tracker = _("Tracker: checking…")
        else:
            tracker = _("Tracker: not running. Press T to start it here.")
        self.query_one("#tracker", Static).update(tracker)
        self.refresh_bindings()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        state = self.detox.tracker_state()
        if action == "stop_tracker":
            return state == "here"
        if action == "start_tracker":
            elsewhere = self._data is not None and self._data.tracker_running
            # Nothing to offer while a tracker runs or is about to.
            return state == "off" and not elsewhere
        return True

    def action_start_tracker(self) -> None:
        self.detox.start_tracker(announce=True)
        self.show_tracker()

    def action_stop_tracker(self) -> None:
        self.detox.stop_tracker_in_background()
        self.show_tracker()

    # -- phone use ----------------------------------------------------------------------------

    def action_log_use(self) -> None:
        from detox.tui.modals.log_use import LogUseModal  # when first opened, not before the paint

        self.app.push_screen(LogUseModal(self.detox.context.catalog), self._logged)

    def _logged(self, result: UseInput | None) -> None:
        if result is not None:
            self.log_use(result)

    @work(thread=True, group="write")
    def log_use(self, result: UseInput) -> None:
        from detox.balance.fasts import record_slips_on
        from detox.usage import log_manual_use

        context = self.detox.context
        now = context.clock.now()
        start = None
        if result.ended is not None:
            today = to_local(now, context.settings.zone).date()
            end = local_datetime(today, result.ended, context.settings.zone)
            if end > now:  # "ended at 23:10" typed after midnight: last night
                end -= timedelta(days=1)
            start = end - timedelta(seconds=result.seconds)
        try:
            entry = log_manual_use(
                context.store,
                context.device.id,
                now,
                result.app,
                result.seconds,
                start=start,
                device_label=result.device_label,
            )
            record_slips_on(context, detox_day(entry.start, context.settings))
        except (DetoxError, ValueError) as error:
            self.app.call_from_thread(self.app.notify, str(error), severity="error")
            return
        name = context.catalog.name_of(entry.app)
        self.app.call_from_thread(
            self.app.notify,
            _("Logged {duration} of {app} on {device}.").format(
                duration=format_duration(entry.duration), app=name, device=entry.device_label
            ),
        )
        self.app.call_from_thread(self.reload)
