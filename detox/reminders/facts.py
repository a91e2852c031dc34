"""Everything the scheduler needs from the store, read in one go (the tracker: every ~30 s)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from detox.balance.budgets import budget_usage, label
from detox.clock import day_label, detox_day
from detox.durations import format_duration
from detox.ground import Ground
from detox.health.sessions import part_of_day
from detox.models import Event, Fast, HealthReading, JournalRecord, MoodEntry, Reminder
from detox.reminders.kinds import MasterSwitch, ReminderSpec, reminder_specs
from detox.reminders.schedule import BudgetFact, Facts, FastFact, ScheduleConfig, SlipFact

RECENT = timedelta(days=2)


@dataclass(frozen=True)
class ReminderInputs:
    specs: tuple[ReminderSpec, ...]
    master: MasterSwitch
    facts: Facts
    config: ScheduleConfig


def recent_slips(
    journal: Sequence[JournalRecord], now: datetime, today: date
) -> tuple[SlipFact, ...]:
    """Slips of today and yesterday in fasts without strict mode (strict mode warns by itself).

    A break recorded afterwards has slips too, but they are history, not news: never notified.
    """
    fasts = {
        record.id: record
        for record in journal
        if isinstance(record, Fast) and not record.strict and not record.recorded
    }
    found: list[SlipFact] = []
    for event in journal:
        if not isinstance(event, Event) or event.type != "slip" or event.at < now - RECENT:
            continue
        fast = fasts.get(str(event.data.get("fast")))
        try:
            slip_day = date.fromisoformat(str(event.data.get("day")))
        except ValueError:
            continue
        if fast is None or slip_day < today - timedelta(days=1):
            continue
        detail = f"'{event.data.get('description', 'a rule')}'"
        used = event.data.get("used_seconds")
        if isinstance(used, int | float):
            detail += f": {format_duration(used)} used"
        found.append(SlipFact(event.id, fast.name, day_label(slip_day), detail))
    return tuple(found)


def gather(context: Ground, now: datetime, with_budgets: bool = True) -> ReminderInputs:
    settings = context.settings
    store = context.store
    day = detox_day(now, settings)
    journal = store.journal()
    reminders = [record for record in journal if isinstance(record, Reminder)]
    specs, master = reminder_specs(reminders, settings.first_day_of_week)
    fasts = tuple(
        FastFact(fast.id, fast.name, fast.start, fast.end)
        for fast in journal
        if isinstance(fast, Fast) and fast.ended_at is None and fast.end >= day - timedelta(days=1)
    )
    slips = recent_slips(journal, now, day)
    mood_days = frozenset(
        detox_day(entry.at, settings)
        for entry in journal
        if isinstance(entry, MoodEntry) and entry.at >= now - RECENT
    )
    reading_days = frozenset(
        day
        for day, part in (
            part_of_day(reading.at, settings.day_start, settings.zone)
            for reading in journal
            if isinstance(reading, HealthReading)
            and reading.measure == "bp"
            and reading.at >= now - RECENT
        )
        if part == "morning"
    )
    elsewhere = frozenset(
        str(key)
        for event in journal
        if isinstance(event, Event)
        and event.type == "notification"
        and event.device != store.device.id
        and event.at >= now - RECENT
        for key in event.data.get("keys", [])
    )
    budgets: tuple[BudgetFact, ...] = ()
    if with_budgets:
        budgets = tuple(
            BudgetFact(
                use.entry.target,
                label(context.catalog, use.entry.target),
                use.allowed_seconds,
                use.used_seconds,
            )
            for use in budget_usage(context, day)
        )
    facts = Facts(
        fasts=fasts,
        slips=slips,
        budget_day=day if with_budgets else None,
        budgets=budgets,
        mood_days=mood_days,
        reading_days=reading_days,
        handled_elsewhere=elsewhere,
    )
    return ReminderInputs(tuple(specs), master, facts, ScheduleConfig.from_settings(settings))
