"""Everything the scheduler needs from the store, read in one go (the tracker: every ~30 s)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from detox.balance.budgets import budget_usage, label
from detox.clock import detox_day
from detox.context import Context
from detox.models import Event, Fast, MoodEntry, Reminder
from detox.reminders.kinds import MasterSwitch, ReminderSpec, reminder_specs
from detox.reminders.schedule import BudgetFact, Facts, FastFact, ScheduleConfig

RECENT = timedelta(days=2)


@dataclass(frozen=True)
class ReminderInputs:
    specs: tuple[ReminderSpec, ...]
    master: MasterSwitch
    facts: Facts
    config: ScheduleConfig


def gather(context: Context, now: datetime, with_budgets: bool = True) -> ReminderInputs:
    settings = context.settings
    store = context.store
    day = detox_day(now, settings)
    journal = store.journal()
    reminders = [record for record in journal if isinstance(record, Reminder)]
    specs, master = reminder_specs(reminders, settings.week_start)
    fasts = tuple(
        FastFact(fast.id, fast.name, fast.start, fast.end)
        for fast in journal
        if isinstance(fast, Fast) and fast.ended_at is None and fast.end >= day - timedelta(days=1)
    )
    mood_days = frozenset(
        detox_day(entry.at, settings)
        for entry in journal
        if isinstance(entry, MoodEntry) and entry.at >= now - RECENT
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
        budget_day=day if with_budgets else None,
        budgets=budgets,
        mood_days=mood_days,
        handled_elsewhere=elsewhere,
    )
    return ReminderInputs(tuple(specs), master, facts, ScheduleConfig.from_settings(settings))
