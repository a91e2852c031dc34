"""The changes `detox remind` makes, and the overview it shows. No click here."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any, get_args

from detox.clock import day_label, local_datetime, to_local
from detox.errors import InputError
from detox.ground import Ground
from detox.i18n import _, listing
from detox.models import Reminder, ReminderKind
from detox.reminders.days import shown_days
from detox.reminders.kinds import (
    ABOUT,
    BUILTIN_KINDS,
    KIND_NAMES,
    MASTER,
    OFF_BY_DEFAULT,
    BuiltinKind,
    MasterSwitch,
    ReminderSpec,
    kind_defaults,
    kind_record_id,
    reminder_specs,
)
from detox.reminders.occurrences import after_quiet_hours, next_occurrence
from detox.reminders.schedule import Notice, ScheduleConfig
from detox.reminders.state import load_state, state_path

KIND_WORDS: tuple[str, ...] = (*BUILTIN_KINDS, MASTER)


def _records(context: Ground) -> list[Reminder]:
    return context.store.records(Reminder)


def specs_of(context: Ground) -> tuple[list[ReminderSpec], MasterSwitch]:
    return reminder_specs(_records(context), context.settings.first_day_of_week)


def _kind_record(context: Ground, kind: ReminderKind) -> Reminder | None:
    found = [r for r in _records(context) if r.reminder_kind == kind]
    return max(found, key=lambda r: r.updated_at) if found else None


def _save_kind(context: Ground, kind: ReminderKind, **changes: Any) -> Reminder:
    now, device = context.clock.now(), context.store.device.id
    existing = _kind_record(context, kind)
    if existing is not None:
        record = existing.revise(device, now, **changes)
    else:
        fields: dict[str, Any] = {}
        if kind in BUILTIN_KINDS:
            defaults = kind_defaults(_builtin(kind), context.settings.first_day_of_week)
            fields = {
                "at": defaults.at,
                "days": sorted(defaults.days),
                "enabled": kind not in OFF_BY_DEFAULT,
            }
        record = Reminder(
            id=kind_record_id(kind),
            device=device,
            updated_at=now,
            reminder_kind=kind,
            **(fields | changes),
        )
    context.store.put(record)
    return record


def _builtin(kind: str) -> BuiltinKind:
    for known in BUILTIN_KINDS:
        if known == kind:
            return known
    raise InputError(_("{value} is not a built-in reminder kind").format(value=repr(kind)))


def add_custom(context: Ground, text: str, at: time, days: Collection[int]) -> Reminder:
    cleaned = " ".join(text.split())
    if not cleaned:
        raise InputError(
            _("a reminder needs some text, e.g. detox remind add 'Call mum' --at 18:00")
        )
    record = Reminder(
        device=context.store.device.id,
        updated_at=context.clock.now(),
        reminder_kind="custom",
        text=cleaned,
        at=at.replace(second=0, microsecond=0),
        days=sorted(days),
    )
    context.store.put(record)
    return record


def find_custom(context: Ground, ident: str) -> Reminder:
    key = ident.strip().lower()
    if not key:
        raise InputError(_("name a reminder by its id (see `detox remind list`)"))
    customs = [r for r in _records(context) if r.reminder_kind == "custom"]
    matches = [r for r in customs if r.id.startswith(key)]
    if len(matches) > 1:
        ids = ", ".join(r.id[:8] for r in matches[:5])
        raise InputError(
            _("id {value} fits {n} reminders ({ids}); type more of it").format(
                value=repr(ident), n=len(matches), ids=ids
            )
        )
    if not matches:
        kinds = ", ".join(KIND_WORDS)
        raise InputError(
            _("no reminder {value}: use an id from `detox remind list` or {kinds}").format(
                value=repr(ident), kinds=kinds
            )
        )
    return matches[0]


def kind_word(ident: str) -> ReminderKind | None:
    word = ident.strip().lower()
    for kind in get_args(ReminderKind):
        if kind == word and kind != "custom":
            found: ReminderKind = kind
            return found
    return None


def set_enabled(
    context: Ground,
    ident: str,
    enabled: bool,
    at: time | None = None,
    days: Collection[int] | None = None,
) -> Reminder:
    """Turn a kind ("mood", "nudge", "all") or a custom reminder on or off; optionally retime it."""
    changes: dict[str, Any] = {"enabled": enabled}
    if at is not None:
        changes["at"] = at.replace(second=0, microsecond=0)
    if days is not None:
        changes["days"] = sorted(days)
    kind = kind_word(ident)
    if kind is not None:
        if kind in ("budget", "nudge", "all") and at is not None:
            raise InputError(
                _("{kind} reminders follow your use, not the clock: drop --at").format(kind=kind)
            )
        if kind == "all" and days is not None:
            raise InputError(_("--days applies to one kind or reminder, not to all of them"))
        if enabled and kind == "all":
            changes["snoozed_until"] = None  # turning everything on also ends a pause
        return _save_kind(context, kind, **changes)
    record = find_custom(context, ident)
    updated = record.revise(context.store.device.id, context.clock.now(), **changes)
    context.store.put(updated)
    return updated


def remove_custom(context: Ground, ident: str) -> Reminder:
    if kind_word(ident) is not None:
        raise InputError(
            _("{kind} reminders are built in: `detox remind disable {kind}` turns them off").format(
                kind=ident.strip().lower()
            )
        )
    record = find_custom(context, ident)
    context.store.put(record.tombstone(context.store.device.id, context.clock.now()))
    return record


def pause(context: Ground, until: datetime) -> Reminder:
    if until <= context.clock.now():
        raise InputError(_("a pause must end in the future"))
    return _save_kind(context, MASTER, snoozed_until=until)


def resume(context: Ground) -> Reminder:
    return _save_kind(context, MASTER, snoozed_until=None, enabled=True)


def last_notice(context: Ground) -> tuple[str, Notice] | None:
    """The reminder that fired last on this device, and what it said."""
    path = state_path(context.paths)
    if not path.exists():
        return None
    state, _problems = load_state(path, context.clock.now())
    if state.last_reminder is None or state.last_reminder not in state.last:
        return None
    return state.last_reminder, state.last[state.last_reminder]


def snooze(context: Ground, ident: str | None, until: datetime) -> str:
    """Hold a reminder until `until`; its last notification then comes back once. Returns its name.

    Without `ident`, the reminder shown last on this device is snoozed.
    """
    if ident is None:
        found = last_notice(context)
        if found is None:
            raise InputError(_("no reminder has been shown yet; name one to snooze (see list)"))
        specs, _problems = specs_of(context)
        target = next((spec for spec in specs if spec.id == found[0]), None)
        if target is None:
            raise InputError(_("the reminder shown last no longer exists"))
        ident = target.id if target.custom else target.kind
    kind = kind_word(ident)
    if kind == MASTER:
        raise InputError(_("to hold every reminder, use `detox remind pause --until ...`"))
    if kind is not None:
        _save_kind(context, kind, snoozed_until=until)
        return kind
    record = find_custom(context, ident)
    context.store.put(
        record.revise(context.store.device.id, context.clock.now(), snoozed_until=until)
    )
    return f"'{record.text}'"


# -- the overview -------------------------------------------------------------------------------


@dataclass(frozen=True)
class ReminderRow:
    spec: ReminderSpec
    name: str  # the kind, or the first 8 characters of a custom reminder's id
    title: str  # the name as shown in the app: the kind in words ("주간 리포트"), or the id
    about: str
    schedule: str
    next_at: datetime | None
    last_shown: Notice | None


@dataclass(frozen=True)
class Overview:
    rows: list[ReminderRow]
    master: MasterSwitch
    quiet_hours: str


def overview(context: Ground) -> Overview:
    now = context.clock.now()
    specs, master = specs_of(context)
    config = ScheduleConfig.from_settings(context.settings)
    path = state_path(context.paths)
    state = load_state(path, now)[0] if path.exists() else None
    fasts: list[tuple[date, date]] = []
    if any(spec.kind == "fast" and spec.enabled for spec in specs):
        from detox.balance.fasts import all_fasts

        fasts = [(f.start, f.end) for f in all_fasts(context) if f.ended_at is None]
    rows = [
        ReminderRow(
            spec=spec,
            name=spec.id[:8] if spec.custom else spec.kind,
            title=spec.id[:8] if spec.custom else _(KIND_NAMES[spec.kind]),
            about=spec.text if spec.custom else _(ABOUT[spec.kind]),
            schedule=_schedule_text(spec, config),
            next_at=(
                next_fast_time(spec, now, master, config, fasts)
                if spec.kind == "fast"
                else next_time(spec, now, master, config)
            ),
            last_shown=state.last.get(spec.id) if state else None,
        )
        for spec in specs
    ]
    return Overview(rows, master, context.settings.quiet_hours)


def _schedule_text(spec: ReminderSpec, config: ScheduleConfig) -> str:
    days = shown_days(spec.days)
    if spec.kind == "budget":
        # The percent signs stay outside: Babel reads "% a" in a message as a %-placeholder.
        text = _("at {first} and {second}").format(first="80 %", second="100 %")
    elif spec.kind == "nudge":
        minutes = listing(str(m) for m in config.nudge_minutes)
        text = _("after {minutes} min").format(minutes=minutes) if minutes else _("never")
    else:
        at = f"{spec.at:%H:%M}" if spec.at else "--:--"
        if spec.kind != "fast":
            every = _("daily") if days == "daily" else days
            return f"{at} {every}"
        text = _("{time} around fasts").format(time=at)
    return text if days == "daily" else _("{when} on {days}").format(when=text, days=days)


def next_time(
    spec: ReminderSpec, now: datetime, master: MasterSwitch, config: ScheduleConfig
) -> datetime | None:
    """When a wall-clock reminder will next show (quiet hours, snooze and pause applied)."""
    if not spec.enabled or not master.enabled or spec.at is None:
        return None
    if spec.kind not in ("mood", "report", "health", "custom"):
        return None
    after = now
    for held_until in (spec.snoozed_until, master.paused_until):
        if held_until is not None and held_until > after:
            after = held_until
    occurrence = next_occurrence(spec.at, spec.days, after, config.zone)
    if occurrence is None:
        return None
    return occurrence if spec.custom else after_quiet_hours(occurrence, config.quiet, config.zone)


def next_fast_time(
    spec: ReminderSpec,
    now: datetime,
    master: MasterSwitch,
    config: ScheduleConfig,
    fasts: list[tuple[date, date]],
) -> datetime | None:
    """The next morning message about a fast: its eve, each of its days (as the planner sends)."""
    if not spec.enabled or not master.enabled or not fasts:
        return None
    at = spec.at or time(9, 0)
    after = max([now, *(t for t in (spec.snoozed_until, master.paused_until) if t is not None)])
    first = to_local(after, config.zone).date()
    last = max(end for _, end in fasts)
    day = first
    while day <= last:
        about = any(start - timedelta(days=1) <= day <= end for start, end in fasts)
        if about and day.weekday() in spec.days:
            occurrence = local_datetime(day, at, config.zone)
            if occurrence > after:
                return after_quiet_hours(occurrence, config.quiet, config.zone)
        day += timedelta(days=1)
    return None


def local_text(instant: datetime, context: Ground) -> str:
    local = to_local(instant, context.settings.zone)
    return f"{day_label(local.date())} {local:%H:%M}"
