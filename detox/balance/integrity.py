"""The integrity log: slips, early ends, rule changes, overrides and strict-mode actions become
permanent Event records. Plain facts, no judgement.

Slips are recorded by the tracker's watch and by commands that change use or fasts (`detox log`,
`fast end`, `fast edit`, `fast add`); screens and read commands show the slips not recorded yet
in place (`log_with_pending`) and write nothing. Each slip has an id derived from its fast, day
and rule, so recording it again writes nothing, and two devices that notice the same slip write
the same record. A slip noticed while its day is still running is revised once, with the day's
final figures, when the day is over.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable
from datetime import datetime
from typing import Any

from detox.balance.compliance import Compliance, DayResult, RuleCheck
from detox.balance.rules import rule_key, rule_sentence
from detox.durations import format_duration, whole
from detox.models import Event, EventType
from detox.store import Store


def log_event(
    store: Store,
    now: datetime,
    event_type: EventType,
    message: str,
    data: dict[str, Any] | None = None,
) -> Event:
    event = Event(
        device=store.device.id,
        updated_at=now,
        type=event_type,
        at=now,
        message=message,
        data=data or {},
    )
    store.put(event)
    return event


def slip_event_id(fast_id: str, day: str, rule: str) -> str:
    return hashlib.sha1(f"slip|{fast_id}|{day}|{rule}".encode()).hexdigest()[:16]


def _slip_message(
    fast_name: str, day: DayResult, check: RuleCheck, name_of: Callable[[str], str]
) -> str:
    so_far = "" if day.complete else " (so far)"
    return f"{fast_name}, {day.day.isoformat()}: slipped: {check_text(check, name_of)}{so_far}"


def check_text(check: RuleCheck, name_of: Callable[[str], str] = str) -> str:
    """ "'no Facebook': 12m used" or "'at most 15m a day of X': 40m used, 25m over"."""
    detail = f"{format_duration(check.used_seconds)} used"
    if check.rule.kind == "limit":
        detail += f", {format_duration(check.over_seconds)} over"
    return f"'{rule_sentence(check.rule, name_of)}': {detail}"


def record_slips(
    store: Store,
    now: datetime,
    compliance: Compliance,
    name_of: Callable[[str], str] = str,
) -> list[Event]:
    """Write an event for every slip not yet in the log; returns what was written."""
    return record_slips_of(store, now, [compliance], name_of)


def record_slips_of(
    store: Store,
    now: datetime,
    compliances: Iterable[Compliance],
    name_of: Callable[[str], str] = str,
) -> list[Event]:
    """The slips of many fasts in one journal write (the tracker's watch over thousands of
    fasts once rewrote the journal once per fast)."""
    writes = new_slip_events(store, now, compliances, name_of)
    store.put_many(writes)
    return writes


def new_slip_events(
    store: Store,
    now: datetime,
    compliances: Iterable[Compliance],
    name_of: Callable[[str], str] = str,
) -> list[Event]:
    """The slip events `record_slips_of` would write, without writing them."""
    stored = {event.id: event for event in store.records(Event) if event.type == "slip"}
    return [
        event
        for compliance in compliances
        for event in _new_slip_events(store.device.id, now, compliance, name_of, stored)
    ]


def _new_slip_events(
    device: str,
    now: datetime,
    compliance: Compliance,
    name_of: Callable[[str], str],
    stored: dict[str, Event],
) -> list[Event]:
    fast = compliance.fast
    writes: list[Event] = []
    for day in compliance.days:
        for check in day.slips:
            key = rule_key(check.rule)
            event_id = slip_event_id(fast.id, day.day.isoformat(), key)
            data: dict[str, Any] = {
                "say": "slip",  # worded when shown (detox.balance.event_text)
                "name": fast.name,
                "rule_fields": check.rule.model_dump(mode="json"),
                "fast": fast.id,
                "day": day.day.isoformat(),
                "rule": key,
                "rule_kind": check.rule.kind,
                "description": rule_sentence(check.rule, name_of),
                "used_seconds": whole(check.used_seconds),
                "allowed_seconds": whole(check.allowed_seconds),
                "over_seconds": whole(check.over_seconds),
                "final": day.complete,
            }
            message = _slip_message(fast.name, day, check, name_of)
            current = stored.get(event_id)
            if current is None:
                writes.append(
                    Event(
                        id=event_id,
                        device=device,
                        updated_at=now,
                        type="slip",
                        at=now,
                        message=message,
                        data=data,
                    )
                )
            elif day.complete and not current.data.get("final"):
                writes.append(current.revise(device, now, message=message, data=data))
    return writes


def events_for_fast(store: Store, fast_id: str) -> list[Event]:
    """The log entries about one fast, oldest first."""
    found = [event for event in store.records(Event) if _concerns(event, fast_id)]
    return sorted(found, key=lambda event: (event.at, str(event.data.get("day", "")), event.id))


def log_with_pending(
    store: Store, now: datetime, compliance: Compliance, name_of: Callable[[str], str] = str
) -> list[Event]:
    """The fast's log as it reads once its slips are recorded: the stored entries, with slips
    not yet recorded (by the tracker's watch or a command) shown in place. Writes nothing."""
    pending = {event.id: event for event in new_slip_events(store, now, [compliance], name_of)}
    events = [pending.pop(event.id, event) for event in events_for_fast(store, compliance.fast.id)]
    events.extend(pending.values())
    return sorted(events, key=lambda event: (event.at, str(event.data.get("day", "")), event.id))


def events_by_fast(store: Store) -> dict[str, list[Event]]:
    """`events_for_fast` for every fast at once: one pass over the log instead of one a fast."""
    found: dict[str, list[Event]] = {}
    for event in store.records(Event):
        fasts = event.data.get("fasts")
        ids = {event.data.get("fast"), *(fasts if isinstance(fasts, list) else ())}
        for fast_id in ids:
            if isinstance(fast_id, str):
                found.setdefault(fast_id, []).append(event)
    for events in found.values():
        events.sort(key=lambda event: (event.at, str(event.data.get("day", "")), event.id))
    return found


def _concerns(event: Event, fast_id: str) -> bool:
    if event.data.get("fast") == fast_id:
        return True
    fasts = event.data.get("fasts")
    return isinstance(fasts, list) and fast_id in fasts
