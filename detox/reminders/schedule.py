"""What is due now: a pure function of the time, the reminders, what already fired, and the facts.

    plan_reminders(now, reminders, master, state, facts, config) -> Plan(due, state)

Rules a user can rely on:
- Each occurrence fires once. After downtime only the latest missed occurrence of a reminder is
  considered: it fires once, late, if it is not too stale (LATE_LIMITS), else it is dropped. Never
  a burst of yesterday's and today's.
- Quiet hours hold everything but custom reminders; held wall-clock reminders fire when they end.
- Snooze holds one reminder until a time, then shows its last notification again once.
- A pause (the master switch's `paused_until`) drops whatever falls inside it.
- Reminders fire only for occurrences after the scheduler first ran, after the reminder was last
  changed, and after a pause: a new install never fires yesterday's mood check-in.
- Budgets (80 %, 100 %) and nudges (continuous use) follow the facts, not the clock; when several
  thresholds are crossed at once only the highest is shown.
- An occurrence another device has already notified about (seen in the synced event log) is not
  shown again here.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta, tzinfo

from detox.clock import local_datetime, local_day, to_local
from detox.config import Settings
from detox.reminders import messages
from detox.reminders.kinds import MasterSwitch, ReminderSpec
from detox.reminders.occurrences import (
    after_quiet_hours,
    in_quiet_hours,
    latest_occurrence,
    next_occurrence,
)

LATE_AFTER = timedelta(minutes=2)  # fired later than this after its time: said to be late
LATE_LIMITS: Mapping[str, timedelta] = {
    "mood": timedelta(hours=6),
    "report": timedelta(hours=48),
    "fast": timedelta(hours=12),
    "health": timedelta(hours=3),  # a morning reading is no use in the afternoon
    "custom": timedelta(hours=6),
}
SNOOZE_REFIRE_WITHIN = timedelta(hours=12)
KEEP_HANDLED = timedelta(days=9)  # longer than the week a weekly reminder can look back
BUDGET_PERCENTS = (80, 100)


@dataclass(frozen=True)
class ScheduleConfig:
    zone: tzinfo | None = None
    day_start: time = time(4, 0)
    quiet: tuple[time, time] | None = (time(22, 0), time(8, 0))
    nudge_minutes: tuple[int, ...] = (10, 20, 30)

    @classmethod
    def from_settings(cls, settings: Settings) -> ScheduleConfig:
        return cls(
            settings.zone,
            settings.day_start,
            settings.quiet_window,
            tuple(settings.nudge_minutes),
        )


@dataclass(frozen=True)
class FastFact:
    id: str
    name: str
    start: date
    end: date


@dataclass(frozen=True)
class SlipFact:
    """A slip in the integrity log (a fast without strict mode); its event id is its key."""

    event_id: str
    fast_name: str
    day: str  # "Thu 3 Dec": the detox day it counts for
    detail: str  # "'no Instagram': 12m used"


@dataclass(frozen=True)
class BudgetFact:
    target: str
    label: str
    allowed_seconds: int
    used_seconds: float


@dataclass(frozen=True)
class UseRun:
    """Continuous use of one app, as the tracker saw it."""

    app: str
    name: str
    started: datetime
    last_seen: datetime
    seconds: float


@dataclass(frozen=True)
class Facts:
    fasts: tuple[FastFact, ...] = ()
    slips: tuple[SlipFact, ...] = ()  # recent slips of fasts without strict mode
    budget_day: date | None = None  # the local day the budget figures are for
    budgets: tuple[BudgetFact, ...] = ()
    run: UseRun | None = None
    mood_days: frozenset[date] = frozenset()  # local days with a mood entry
    reading_days: frozenset[date] = frozenset()  # local days with a morning blood-pressure reading
    handled_elsewhere: frozenset[str] = frozenset()  # occurrence keys other devices notified


@dataclass(frozen=True)
class Notice:
    key: str
    title: str
    message: str
    at: datetime


@dataclass(frozen=True)
class SchedulerState:
    started: datetime
    handled: Mapping[str, datetime] = field(default_factory=dict)  # key -> fired or dropped at
    snoozes_done: Mapping[str, datetime] = field(default_factory=dict)  # reminder -> snooze end
    last: Mapping[str, Notice] = field(default_factory=dict)  # reminder -> its last notification
    last_reminder: str | None = None  # the reminder that fired last (`detox remind snooze`)


@dataclass(frozen=True)
class Due:
    key: str
    reminder_id: str
    kind: str
    title: str
    message: str
    due_at: datetime  # when it could first be shown (after quiet hours or a snooze)
    late: bool
    snoozed: bool = False
    covers: tuple[str, ...] = ()  # lower thresholds this one stands for
    scheduled_at: datetime | None = None  # its own time, for "was due at 21:00"


@dataclass(frozen=True)
class Plan:
    due: tuple[Due, ...]
    state: SchedulerState


@dataclass(frozen=True)
class _Candidate:
    key: str
    due_at: datetime
    title: str
    message: str
    late_limit: timedelta | None  # None: a condition that holds now, not a wall-clock time
    covers: tuple[str, ...] = ()
    already_done: bool = False


def plan_reminders(
    now: datetime,
    reminders: Sequence[ReminderSpec],
    master: MasterSwitch,
    state: SchedulerState,
    facts: Facts,
    config: ScheduleConfig,
) -> Plan:
    """What to show now, and the state to keep once it has been shown."""
    handled = dict(state.handled)
    snoozes_done = dict(state.snoozes_done)
    last = dict(state.last)
    last_reminder = state.last_reminder
    due: list[Due] = []
    paused = master.paused_until is not None and now < master.paused_until
    if master.enabled and not paused:
        floor = state.started
        if master.paused_until is not None:
            floor = max(floor, master.paused_until)
        for spec in reminders:
            if not spec.enabled:
                continue
            for item in _decide(spec, now, facts, config, floor, handled, snoozes_done, last):
                due.append(item)
                for key in (item.key, *item.covers):
                    handled[key] = now
                last[spec.id] = Notice(item.key, item.title, item.message, now)
                last_reminder = spec.id
    cutoff = now - KEEP_HANDLED
    new_state = SchedulerState(
        started=state.started,
        handled={key: at for key, at in handled.items() if at >= cutoff},
        snoozes_done={rid: at for rid, at in snoozes_done.items() if at >= cutoff},
        last={rid: notice for rid, notice in last.items() if notice.at >= cutoff},
        last_reminder=last_reminder,
    )
    return Plan(tuple(due), new_state)


WALL_CLOCK_KINDS = ("mood", "report", "custom")


def asleep_until(
    spec: ReminderSpec, now: datetime, state: SchedulerState, config: ScheduleConfig
) -> datetime | None:
    """After a plan at `now`: the next instant a wall-clock reminder can have anything to show,
    or None if it must be looked at on every tick (held by quiet hours or a snooze, or not a
    wall-clock kind). Planning only what is awake keeps 10,000 reminders from costing the
    tracker anything between their times."""
    if spec.kind not in WALL_CLOCK_KINDS or spec.at is None:
        return None
    until = spec.snoozed_until
    if until is not None and (now < until or state.snoozes_done.get(spec.id) != until):
        return None
    occurrence = latest_occurrence(spec.at, spec.days, now, config.zone)
    settled = (
        occurrence is None
        or f"{spec.id}@{_stamp(occurrence)}" in state.handled
        or occurrence < max(state.started, spec.since or state.started)
    )
    if not settled:
        return None
    return next_occurrence(spec.at, spec.days, now, config.zone)


def _decide(
    spec: ReminderSpec,
    now: datetime,
    facts: Facts,
    config: ScheduleConfig,
    floor: datetime,
    handled: dict[str, datetime],
    snoozes_done: dict[str, datetime],
    last: Mapping[str, Notice],
) -> list[Due]:
    holds_in_quiet = not spec.custom  # quiet hours hold all but the user's own reminders
    quiet_now = holds_in_quiet and in_quiet_hours(now, config.quiet, config.zone)
    snoozed_now = spec.snoozed_until is not None and now < spec.snoozed_until
    since = max(floor, spec.since) if spec.since is not None else floor
    found: list[Due] = []
    for candidate in _candidates(spec, now, facts, config):
        if candidate.key in handled:
            continue
        if candidate.key in facts.handled_elsewhere or candidate.already_done:
            handled[candidate.key] = now
            continue
        timed = candidate.late_limit is not None
        if timed and candidate.due_at < since:
            continue
        available = candidate.due_at
        if holds_in_quiet and timed:
            available = after_quiet_hours(available, config.quiet, config.zone)
        if spec.snoozed_until is not None and candidate.due_at < spec.snoozed_until:
            available = max(available, spec.snoozed_until)
        if now < available or quiet_now or snoozed_now:
            continue  # held: it is looked at again on the next tick
        if candidate.late_limit is not None and now - available > candidate.late_limit:
            handled[candidate.key] = now  # missed long ago: dropped, never shown as a burst
            continue
        found.append(
            Due(
                key=candidate.key,
                reminder_id=spec.id,
                kind=spec.kind,
                title=candidate.title,
                message=candidate.message,
                due_at=available,
                late=timed and now - available > LATE_AFTER,
                covers=candidate.covers,
                scheduled_at=candidate.due_at,
            )
        )
    again = _snooze_refire(spec, now, quiet_now, snoozes_done, last)
    if again is not None and not found:
        found.append(again)
    return found


def _snooze_refire(
    spec: ReminderSpec,
    now: datetime,
    quiet_now: bool,
    snoozes_done: dict[str, datetime],
    last: Mapping[str, Notice],
) -> Due | None:
    """Once a snooze is over, the notification that was snoozed comes back, once."""
    until = spec.snoozed_until
    if until is None or now < until or quiet_now or snoozes_done.get(spec.id) == until:
        return None
    notice = last.get(spec.id)
    snoozed_after_notice = notice is not None and (spec.since is None or notice.at <= spec.since)
    if (
        spec.kind == "nudge"  # the next threshold is the reminder
        or notice is None
        or not snoozed_after_notice
        or not until - SNOOZE_REFIRE_WITHIN <= notice.at < until
    ):
        snoozes_done[spec.id] = until
        return None
    snoozes_done[spec.id] = until
    if now - until > LATE_LIMITS.get(spec.kind, timedelta(hours=6)):
        return None
    return Due(
        key=f"{notice.key}#snoozed@{_stamp(until)}",
        reminder_id=spec.id,
        kind=spec.kind,
        title=notice.title,
        message=notice.message,
        due_at=until,
        late=now - until > LATE_AFTER,
        snoozed=True,
        scheduled_at=until,
    )


def _candidates(
    spec: ReminderSpec, now: datetime, facts: Facts, config: ScheduleConfig
) -> list[_Candidate]:
    if spec.kind in ("mood", "report", "health", "custom"):
        return _wall_clock(spec, now, facts, config)
    if spec.kind == "fast":
        return _fasts(spec, now, facts, config)
    if spec.kind == "budget":
        return _budgets(spec, now, facts, config)
    if spec.kind == "nudge":
        return _nudges(spec, now, facts, config)
    return []


def _wall_clock(
    spec: ReminderSpec, now: datetime, facts: Facts, config: ScheduleConfig
) -> list[_Candidate]:
    if spec.at is None:
        return []
    occurrence = latest_occurrence(spec.at, spec.days, now, config.zone)
    if occurrence is None:
        return []
    if spec.kind == "mood":
        title, message = messages.mood()
        logged = local_day(occurrence, config.day_start, config.zone) in facts.mood_days
    elif spec.kind == "report":
        title, message = messages.report()
        logged = False
    elif spec.kind == "health":
        title, message = messages.health()
        logged = local_day(occurrence, config.day_start, config.zone) in facts.reading_days
    else:
        title, message = messages.custom(spec.text)
        logged = False
    return [
        _Candidate(
            key=f"{spec.id}@{_stamp(occurrence)}",
            due_at=occurrence,
            title=title,
            message=message,
            late_limit=LATE_LIMITS[spec.kind],
            already_done=logged,  # the mood (or reading) is logged already: no need to ask
        )
    ]


def _fasts(
    spec: ReminderSpec, now: datetime, facts: Facts, config: ScheduleConfig
) -> list[_Candidate]:
    at = spec.at or time(9, 0)
    today = to_local(now, config.zone).date()
    found: list[_Candidate] = []
    for fast in facts.fasts:
        for back in (0, 1):  # today's morning message, or yesterday's if today's is still ahead
            day = today - timedelta(days=back)
            occurrence = local_datetime(day, at, config.zone)
            if occurrence > now or day.weekday() not in spec.days:
                continue
            if day == fast.start - timedelta(days=1):
                title, message = messages.fast_tomorrow(fast.name, fast.start, fast.end)
            elif fast.start <= day <= fast.end:
                title, message = messages.fast_day(fast.name, fast.start, fast.end, day)
            else:
                continue
            key = f"fast:{fast.id}@{day.isoformat()}"
            found.append(_Candidate(key, occurrence, title, message, LATE_LIMITS["fast"]))
            break
    for slip in facts.slips:  # a condition, not a time: held through quiet hours, shown once
        title, message = messages.slip(slip.fast_name, slip.day, slip.detail)
        found.append(_Candidate(f"slip:{slip.event_id}", now, title, message, None))
    return found


def _budgets(
    spec: ReminderSpec, now: datetime, facts: Facts, config: ScheduleConfig
) -> list[_Candidate]:
    day = local_day(now, config.day_start, config.zone)
    if facts.budget_day != day or day.weekday() not in spec.days:
        return []
    found: list[_Candidate] = []
    for budget in facts.budgets:
        if budget.allowed_seconds <= 0:
            continue
        crossed = [
            percent
            for percent in BUDGET_PERCENTS
            if budget.used_seconds >= budget.allowed_seconds * percent / 100
        ]
        if not crossed:
            continue
        keys = [f"budget:{budget.target}@{day.isoformat()}:{percent}" for percent in crossed]
        title, message = messages.budget(
            budget.label, crossed[-1], budget.used_seconds, budget.allowed_seconds
        )
        found.append(_Candidate(keys[-1], now, title, message, None, tuple(keys[:-1])))
    return found


def _nudges(
    spec: ReminderSpec, now: datetime, facts: Facts, config: ScheduleConfig
) -> list[_Candidate]:
    run = facts.run
    if run is None or to_local(now, config.zone).weekday() not in spec.days:
        return []
    crossed = [minutes for minutes in config.nudge_minutes if run.seconds >= minutes * 60]
    if not crossed:
        return []
    keys = [f"nudge:{run.app}@{_stamp(run.started)}:{minutes}" for minutes in crossed]
    title, message = messages.nudge(run.name, crossed[-1])
    return [_Candidate(keys[-1], now, title, message, None, tuple(keys[:-1]))]


def _stamp(instant: datetime) -> str:
    return instant.astimezone(UTC).strftime("%Y-%m-%dT%H:%MZ")
