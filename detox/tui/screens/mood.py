"""Mood: a year of days, recent entries to change or delete, the weekly check-in, and the
insights sentences with their uncertainty."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from statistics import fmean

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Header, Static

from detox.checkins import checkin_summary, latest_checkin, record_checkin
from detox.clock import current_day, day_bounds, local_day, to_local, wall_label
from detox.errors import DetoxError
from detox.i18n import N_, _, count
from detox.insights.report import default_period, insights_for
from detox.localized import medium_date, number
from detox.models import CheckIn, MoodEntry
from detox.moodlog import delete_mood, revise_mood
from detox.reports.periods import week_start_index
from detox.tui.modals.checkin import CheckinAnswers, CheckinModal
from detox.tui.modals.confirm import ConfirmModal
from detox.tui.modals.mood import MoodInput, MoodModal
from detox.tui.screens.base import DataScreen
from detox.tui.widgets.calendar import year_in_pixels
from detox.tui.widgets.keybar import KeyBar
from detox.tui.widgets.tables import Column, FitTable

CALENDAR_WEEKS = 53
RECENT_ENTRIES = 30


@dataclass(frozen=True)
class MoodData:
    today: date
    week_start: int
    means: dict[date, float]  # the calendar's days with entries
    recent: list[MoodEntry]
    insight_lines: list[str]
    last_checkin: CheckIn | None


class MoodScreen(DataScreen):
    TITLE_TEXT = N_("Mood")
    BINDINGS = [
        Binding("e", "edit_entry", N_("Edit"), id="mood-edit"),
        Binding("d", "delete_entry", N_("Delete"), id="mood-delete"),
        Binding("c", "checkin", N_("Check-in"), id="checkin"),
    ]

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll():
            yield Static(
                _("m log · e edit · d delete the highlighted entry · c weekly check-in"),
                classes="headline",
            )
            yield Static(id="mood-calendar", classes="panel")
            yield FitTable(
                Column(_("When"), 16, grow=0),
                Column(_("Score"), 5, grow=0),
                Column(_("Tags"), 6, grow=1),
                Column(_("Note"), 10, grow=3),
                id="mood-entries",
            )
            yield Static(id="mood-entries-detail", classes="detail")
            yield Static(id="mood-checkin", classes="panel")
            yield Static(id="mood-insights", classes="panel")
        yield KeyBar()

    def __init__(self) -> None:
        super().__init__()
        self._entries: list[MoodEntry] = []

    def load(self) -> MoodData:
        context = self.detox.context
        settings = context.settings
        today = current_day(context.clock, context.settings)
        week_start = week_start_index(settings.first_day_of_week)
        first = today - timedelta(weeks=CALENDAR_WEEKS)
        start, _ = day_bounds(first, settings.day_start, settings.zone)
        entries = sorted(context.store.records(MoodEntry), key=lambda e: e.at, reverse=True)
        by_day: dict[date, list[int]] = {}
        for entry in entries:
            if entry.at >= start:
                day = local_day(entry.at, settings.day_start, settings.zone)
                by_day.setdefault(day, []).append(entry.score)
        period = default_period(context.store, settings, today)
        insights = insights_for(context.store, settings, *period)
        return MoodData(
            today,
            week_start,
            {day: fmean(scores) for day, scores in by_day.items()},
            entries[:RECENT_ENTRIES],
            insights.lines(),
            latest_checkin(context.store),
        )

    def show(self, data: MoodData) -> None:
        self._entries = data.recent
        calendar = year_in_pixels(data.means, data.today, data.week_start, CALENDAR_WEEKS)
        logged = list(data.means.values())
        summary = "\n" + (
            _(
                "{days} with entries in the last year, average {mean}, lowest {low}, highest {high}"
            ).format(
                days=count(len(logged), "day", "days"),
                mean=number(fmean(logged), 1),
                low=number(min(logged), 1),
                high=number(max(logged), 1),
            )
            if logged
            else _("No entries yet: press m.")
        )
        self.query_one("#mood-calendar", Static).update(calendar + summary)
        settings = self.detox.context.settings
        zone = settings.zone
        self.query_one("#mood-entries", FitTable).set_rows(
            [
                (
                    wall_label(entry.at, settings, joiner=" "),  # the detox day it counts for
                    f"{entry.score}/10",
                    " ".join(entry.tags),
                    entry.note or "",
                )
                for entry in data.recent
            ],
            keys=[entry.id for entry in data.recent],
        )
        checkin = data.last_checkin
        self.query_one("#mood-checkin", Static).update(
            _("Weekly check-in ({day}): {summary}. c answers it again.").format(
                day=medium_date(to_local(checkin.at, zone).date()),
                summary=checkin_summary(checkin),
            )
            if checkin
            else _("No weekly check-in yet: c answers four short questions.")
        )
        self.query_one("#mood-insights", Static).update("\n".join(data.insight_lines))

    def _selected(self) -> MoodEntry | None:
        row = self.query_one("#mood-entries", FitTable).cursor_row
        return self._entries[row] if 0 <= row < len(self._entries) else None

    def _when(self, entry: MoodEntry) -> str:
        return wall_label(entry.at, self.detox.context.settings)

    # -- edit and delete ----------------------------------------------------------------------

    def action_edit_entry(self) -> None:
        entry = self._selected()
        if entry is None:
            self.app.notify(_("No mood entry to change yet."))
            return
        self.app.push_screen(
            MoodModal(entry, self._when(entry)), lambda result: self._edited(entry, result)
        )

    def _edited(self, entry: MoodEntry, result: MoodInput | None) -> None:
        if result is not None:
            changes = {
                "score": result.score,
                "dimensions": result.dimensions,
                "tags": result.tags,
                "note": result.note,
            }
            self.write(
                lambda now, device: revise_mood(
                    self.detox.context.store, device, now, entry, **changes
                ),
                _("Entry of {when} changed.").format(when=self._when(entry)),
            )

    def action_delete_entry(self) -> None:
        entry = self._selected()
        if entry is None:
            self.app.notify(_("No mood entry to delete."))
            return
        detail = f"{entry.score}/10" + (f", “{entry.note}”" if entry.note else "")
        self.app.push_screen(
            ConfirmModal(
                _("Delete the entry of {when}?").format(when=self._when(entry)), detail, _("Delete")
            ),
            lambda yes: self._delete(entry, yes),
        )

    def _delete(self, entry: MoodEntry, yes: bool | None) -> None:
        if yes:
            self.write(
                lambda now, device: delete_mood(self.detox.context.store, device, now, entry),
                _("Entry of {when} deleted.").format(when=self._when(entry)),
            )

    # -- check-in -----------------------------------------------------------------------------

    def action_checkin(self) -> None:
        last = latest_checkin(self.detox.context.store)
        self.app.push_screen(
            CheckinModal(checkin_summary(last) if last else None), self._checked_in
        )

    def _checked_in(self, answers: CheckinAnswers | None) -> None:
        if answers is not None:
            self.write(
                lambda now, device: record_checkin(
                    self.detox.context.store,
                    device,
                    now,
                    answers.life_satisfaction,
                    answers.answers,
                    answers.note,
                ),
                _("Check-in saved."),
            )

    @work(thread=True, group="write")
    def write(self, change: object, done: str) -> None:
        assert callable(change)
        context = self.detox.context
        now: datetime = context.clock.now()
        try:
            change(now, context.device.id)
        except (DetoxError, ValueError) as error:
            self.app.call_from_thread(self.app.notify, str(error), severity="error")
            return
        self.app.call_from_thread(self.app.notify, done)
        self.app.call_from_thread(self.reload)
