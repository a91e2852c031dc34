"""The reminder kinds, their defaults, and the reminders in force built from journal records.

Built-in kinds work without any record. Changing one (`detox remind disable nudge`, a new time)
stores a Reminder record with an id derived from the kind, so every device revises the same
record and the latest revision wins. Custom reminders are ordinary records with their own ids.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, time
from typing import Literal, get_args

from detox.i18n import N_
from detox.models import Reminder, ReminderKind
from detox.weekdays import WEEKDAYS, Weekday

BuiltinKind = Literal["mood", "report", "fast", "budget", "nudge", "health"]
BUILTIN_KINDS: tuple[BuiltinKind, ...] = get_args(BuiltinKind)
# Kinds that stay silent until the user turns them on: a daily prompt to measure blood pressure
# is only welcome to someone who measures it.
OFF_BY_DEFAULT: frozenset[str] = frozenset({"health"})
MASTER: ReminderKind = "all"
EVERY_DAY = frozenset(range(7))

ABOUT: dict[str, str] = {
    "mood": N_("daily mood check-in"),
    "report": N_("the weekly report is ready"),
    "fast": N_("eve, mornings and last day of a fast"),
    "budget": N_("how much of a daily budget is used"),
    "nudge": N_("a break after long use of one app"),
    "health": N_("a morning blood-pressure reading (off until you turn it on)"),
    "custom": N_("your own reminder"),
}
# Each built-in kind in words, for the app; commands show the kind itself (typed back in
# `detox remind disable nudge`).
KIND_NAMES: dict[str, str] = {
    "mood": N_("Mood"),
    "report": N_("Weekly report"),
    "fast": N_("Fast"),
    "budget": N_("Budget"),
    "nudge": N_("Break"),
    "health": N_("Blood pressure"),
}


@dataclass(frozen=True)
class KindDefaults:
    at: time | None
    days: frozenset[int]


def kind_defaults(kind: BuiltinKind, week_start: Weekday = "monday") -> KindDefaults:
    if kind == "mood":
        return KindDefaults(time(21, 0), EVERY_DAY)
    if kind == "report":
        # The evening of the week's last day: Sunday when weeks start on Monday.
        last_day = (WEEKDAYS.index(week_start) - 1) % 7
        return KindDefaults(time(18, 0), frozenset({last_day}))
    if kind == "fast":
        return KindDefaults(time(9, 0), EVERY_DAY)
    if kind == "health":
        return KindDefaults(time(8, 0), EVERY_DAY)  # as quiet hours end, by default
    return KindDefaults(None, EVERY_DAY)  # budget and nudge follow use, not the clock


def kind_record_id(kind: ReminderKind) -> str:
    """The same id on every device, so a kind's settings are one record with revisions."""
    return hashlib.sha1(f"detox-reminder-kind|{kind}".encode()).hexdigest()[:16]


@dataclass(frozen=True)
class ReminderSpec:
    """One reminder as the scheduler sees it, defaults applied."""

    id: str
    kind: ReminderKind
    text: str
    at: time | None
    days: frozenset[int]
    enabled: bool
    snoozed_until: datetime | None
    since: datetime | None  # when last changed: occurrences before it are not due
    custom: bool

    @property
    def label(self) -> str:
        return self.text if self.custom else self.kind


@dataclass(frozen=True)
class MasterSwitch:
    enabled: bool = True
    paused_until: datetime | None = None


def reminder_specs(
    records: Iterable[Reminder], week_start: Weekday = "monday"
) -> tuple[list[ReminderSpec], MasterSwitch]:
    """Every reminder in force (built-in kinds first, then custom ones) and the master switch."""
    by_kind: dict[str, Reminder] = {}
    custom: list[Reminder] = []
    for record in records:
        if record.deleted:
            continue
        if record.reminder_kind == "custom":
            custom.append(record)
        else:
            current = by_kind.get(record.reminder_kind)
            if current is None or record.updated_at >= current.updated_at:
                by_kind[record.reminder_kind] = record
    specs = [_builtin_spec(kind, by_kind.get(kind), week_start) for kind in BUILTIN_KINDS]
    specs.extend(_custom_spec(record) for record in sorted(custom, key=_custom_order))
    master = by_kind.get(MASTER)
    switch = (
        MasterSwitch(master.enabled, master.snoozed_until) if master is not None else MasterSwitch()
    )
    return specs, switch


def _builtin_spec(kind: BuiltinKind, record: Reminder | None, week_start: Weekday) -> ReminderSpec:
    defaults = kind_defaults(kind, week_start)
    if record is None:
        return ReminderSpec(
            kind_record_id(kind),
            kind,
            "",
            defaults.at,
            defaults.days,
            kind not in OFF_BY_DEFAULT,
            None,
            None,
            False,
        )
    return ReminderSpec(
        id=record.id,
        kind=kind,
        text=record.text,
        at=record.at if record.at is not None else defaults.at,
        days=frozenset(record.days) or defaults.days,
        enabled=record.enabled,
        snoozed_until=record.snoozed_until,
        since=record.updated_at,
        custom=False,
    )


def _custom_spec(record: Reminder) -> ReminderSpec:
    return ReminderSpec(
        id=record.id,
        kind="custom",
        text=record.text,
        at=record.at,
        days=frozenset(record.days),
        enabled=record.enabled,
        snoozed_until=record.snoozed_until,
        since=record.updated_at,
        custom=True,
    )


def _custom_order(record: Reminder) -> tuple[time, str]:
    return (record.at or time(0), record.id)
