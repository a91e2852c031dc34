"""Fasts as the user handles them: start, find, judge, change, end, and pause strict mode.

Every change that could weaken a fast leaves an Event: an early end, a rule change, an override.
Before a fast is changed or ended its slips so far are recorded, under the rules that applied.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from detox.balance.compliance import Compliance, evaluate, last_day
from detox.balance.integrity import log_event, record_slips
from detox.balance.presets import Period
from detox.balance.rules import check_overlaps, describe, rule_json, rules_on
from detox.catalog import Catalog
from detox.clock import day_bounds, local_day, to_local
from detox.context import Context
from detox.errors import InputError
from detox.models import Event, Fast, Rule, RuleEra

MAX_OVERRIDE_MINUTES = 240
# Strict mode's warning comes this long before a blocked app is closed.
STRICT_GRACE_SECONDS = 60.0
WEEKDAY_ABBREVIATIONS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")


def name_lookup(catalog: Catalog) -> Callable[[str], str]:
    def name_of(app_id: str) -> str:
        app = catalog.get(app_id)
        return app.name if app else app_id

    return name_of


def category_lookup(catalog: Catalog) -> Callable[[str], str | None]:
    def category_of(app_id: str) -> str | None:
        app = catalog.get(app_id)
        return app.category if app else None

    return category_of


def days_off_text(days_off: list[int]) -> str:
    return ", ".join(WEEKDAY_ABBREVIATIONS[day] for day in sorted(days_off)) or "none"


def current_day(context: Context) -> date:
    settings = context.settings
    return local_day(context.clock.now(), settings.day_start, settings.zone)


# -- finding ----------------------------------------------------------------------------------


def all_fasts(context: Context) -> list[Fast]:
    return sorted(context.store.records(Fast), key=lambda fast: (fast.start, fast.id))


def find_fast(context: Context, text: str) -> Fast:
    """A fast by a unique id prefix, or by its exact name (ignoring case)."""
    key = text.strip()
    if not key:
        raise InputError("name a fast by its id (see `detox fast list`)")
    fasts = all_fasts(context)
    by_id = [fast for fast in fasts if fast.id.startswith(key.lower())]
    if len(by_id) == 1:
        return by_id[0]
    if len(by_id) > 1:
        ids = ", ".join(fast.id[:8] for fast in by_id[:5])
        raise InputError(f"id {key!r} fits {len(by_id)} fasts ({ids}); type more of it")
    by_name = [fast for fast in fasts if fast.name.lower() == key.lower()]
    if len(by_name) == 1:
        return by_name[0]
    if len(by_name) > 1:
        raise InputError(f"{len(by_name)} fasts are called {key!r}; use the id")
    raise InputError(f"no fast with id {key!r}; see `detox fast list`")


# -- judging ----------------------------------------------------------------------------------


def compliance_of(context: Context, fast: Fast) -> Compliance:
    """How the fast is going, from the spans of its days on every device. Writes nothing."""
    settings = context.settings
    first, _ = day_bounds(fast.start, settings.day_start, settings.zone)
    _, end = day_bounds(fast.end, settings.day_start, settings.zone)
    now = context.clock.now()
    spans = context.store.spans(first, min(end, now)) if first < now else []
    return evaluate(
        fast, spans, category_lookup(context.catalog), settings.day_start, settings.zone, now
    )


def check_fast(context: Context, fast: Fast) -> Compliance:
    """Compliance, with any slip not yet in the integrity log recorded there."""
    compliance = compliance_of(context, fast)
    record_slips(context.store, context.clock.now(), compliance, name_lookup(context.catalog))
    return compliance


# -- starting ---------------------------------------------------------------------------------


def start_fast(
    context: Context,
    *,
    preset: str,
    period: Period,
    name: str,
    rules: list[Rule],
    days_off: list[int],
    strict: bool,
) -> Fast:
    if not name.strip():
        raise InputError("a fast needs a name")
    if not rules:
        raise InputError("a fast needs at least one rule")
    check_overlaps(rules, context.catalog)
    if len(set(days_off)) >= 7:
        raise InputError("every day would be a day off")
    if period.end < current_day(context):
        raise InputError(
            f"that fast would already be over (its last day was {period.end.isoformat()}); "
            "choose a later --year or --to"
        )
    fast = Fast(
        device=context.device.id,
        updated_at=context.clock.now(),
        name=name.strip(),
        preset=preset,
        start=period.start,
        end=period.end,
        rules=rules,
        days_off=sorted(set(days_off)),
        strict=strict,
    )
    context.store.put(fast)
    return fast


# -- ending -----------------------------------------------------------------------------------


def end_fast(context: Context, fast: Fast, reason: str | None) -> Fast:
    """End a fast before its last day; the end and its reason go to the integrity log."""
    today = current_day(context)
    if fast.ended_at is not None:
        when = to_local(fast.ended_at, context.settings.zone).strftime("%Y-%m-%d %H:%M")
        raise InputError(f"'{fast.name}' was already ended on {when}")
    if today > fast.end:
        raise InputError(f"'{fast.name}' already finished on {fast.end.isoformat()}")
    before = check_fast(context, fast)
    now = context.clock.now()
    reason = (reason or "").strip() or None
    ended = fast.revise(context.device.id, now, ended_at=now, end_reason=reason)
    context.store.put(ended)
    because = f": {reason}" if reason else " (no reason given)"
    if today < fast.start:
        message = f"Called off '{fast.name}' before it began{because}"
    else:
        message = (
            f"Ended '{fast.name}' early, on day {before.day_number} of {before.day_count}{because}"
        )
    log_event(
        context.store,
        now,
        "early_end",
        message,
        {
            "fast": fast.id,
            "reason": reason,
            "day_number": before.day_number,
            "day_count": before.day_count,
            "kept": before.count("kept"),
            "slipped": before.count("slipped"),
            "planned_end": fast.end.isoformat(),
        },
    )
    return ended


# -- changing ---------------------------------------------------------------------------------


def _shape(fast: Fast, name_of: Callable[[str], str]) -> dict[str, Any]:
    return {
        "rules": [rule_json(rule, name_of) for rule in fast.rules],
        "days_off": list(fast.days_off),
        "strict": fast.strict,
        "end": fast.end.isoformat(),
    }


def change_fast(
    context: Context,
    fast: Fast,
    *,
    rules: list[Rule] | None = None,
    days_off: list[int] | None = None,
    strict: bool | None = None,
    end: date | None = None,
    reason: str | None = None,
) -> Fast:
    """Change a running or planned fast from today on; the days before keep their rules."""
    today = current_day(context)
    settings = context.settings
    if fast.ended_at is not None or today > last_day(fast, settings.day_start, settings.zone):
        raise InputError(f"'{fast.name}' is over; start a new fast instead")
    changes: dict[str, Any] = {}
    if rules is not None and rules != fast.rules:
        if not rules:
            raise InputError("a fast needs at least one rule")
        check_overlaps(rules, context.catalog)
        changes["rules"] = rules
    if days_off is not None and sorted(set(days_off)) != fast.days_off:
        if len(set(days_off)) >= 7:
            raise InputError("every day would be a day off")
        changes["days_off"] = sorted(set(days_off))
    if strict is not None and strict != fast.strict:
        changes["strict"] = strict
    if end is not None and end != fast.end:
        if end < max(today, fast.start):
            raise InputError(
                f"the new end {end.isoformat()} is already past; to stop now, use `detox fast end`"
            )
        changes["end"] = end
    if not changes:
        raise InputError(
            "nothing to change: give new rules, --days-off, --strict/--no-strict or --to"
        )
    check_fast(context, fast)  # slips so far are logged under the rules that applied
    judged_by_old_rules = today > fast.start and ("rules" in changes or "days_off" in changes)
    if judged_by_old_rules and not any(era.until >= today for era in fast.history):
        changes["history"] = [
            *fast.history,
            RuleEra(until=today, rules=fast.rules, days_off=fast.days_off),
        ]
    now = context.clock.now()
    changed = fast.revise(context.device.id, now, **changes)
    context.store.put(changed)
    name_of = name_lookup(context.catalog)
    reason = (reason or "").strip() or None
    log_event(
        context.store,
        now,
        "rule_change",
        _change_message(fast, changed, max(today, fast.start), reason, name_of),
        {
            "fast": fast.id,
            "from_day": max(today, fast.start).isoformat(),
            "before": _shape(fast, name_of),
            "after": _shape(changed, name_of),
            "reason": reason,
        },
    )
    return changed


def _change_message(
    before: Fast, after: Fast, from_day: date, reason: str | None, name_of: Callable[[str], str]
) -> str:
    parts: list[str] = []
    if before.rules != after.rules:
        old = "; ".join(describe(rule, name_of) for rule in before.rules)
        new = "; ".join(describe(rule, name_of) for rule in after.rules)
        parts.append(f"rules '{old}' -> '{new}'")
    if before.days_off != after.days_off:
        parts.append(
            f"days off {days_off_text(before.days_off)} -> {days_off_text(after.days_off)}"
        )
    if before.strict != after.strict:
        parts.append("strict mode " + ("on" if after.strict else "off"))
    if before.end != after.end:
        parts.append(f"end {before.end.isoformat()} -> {after.end.isoformat()}")
    because = f"; reason: {reason}" if reason else " (no reason given)"
    return f"Changed '{before.name}' from {from_day.isoformat()}: {', '.join(parts)}{because}"


# -- strict mode and its escape hatch ---------------------------------------------------------


def fasts_in_force(context: Context, now: datetime) -> list[Fast]:
    """Fasts whose rules apply today: started, not over, not ended, and today not a day off."""
    settings = context.settings
    today = local_day(now, settings.day_start, settings.zone)
    return [
        fast
        for fast in all_fasts(context)
        if fast.ended_at is None
        and fast.start <= today <= fast.end
        and today.weekday() not in rules_on(fast, today)[1]
    ]


@dataclass(frozen=True)
class Override:
    fast_ids: tuple[str, ...]
    until: datetime
    event: Event


def active_overrides(events: list[Event], now: datetime) -> list[Override]:
    found: list[Override] = []
    for event in events:
        if event.type != "override":
            continue
        try:
            until = datetime.fromisoformat(str(event.data.get("until")))
        except ValueError:
            continue
        fasts = event.data.get("fasts")
        if until.tzinfo is not None and until > now and isinstance(fasts, list):
            found.append(Override(tuple(str(f) for f in fasts), until, event))
    return found


def override_strict(context: Context, minutes: int, reason: str, fast: Fast | None = None) -> Event:
    """Pause strict mode for a while; the pause and its reason go to the integrity log."""
    if not 1 <= minutes <= MAX_OVERRIDE_MINUTES:
        raise InputError(
            f"an override lasts 1 to {MAX_OVERRIDE_MINUTES} minutes; "
            "to stop strict mode for good, use `detox fast edit ID --no-strict`"
        )
    if not reason.strip():
        raise InputError("an override needs a --reason (it is written to your log)")
    now = context.clock.now()
    in_force = [f for f in fasts_in_force(context, now) if f.strict]
    if fast is not None:
        if fast.id not in {f.id for f in in_force}:
            raise InputError(f"'{fast.name}' has no strict mode in force right now")
        targets = [fast]
    else:
        targets = in_force
    if not targets:
        raise InputError("no strict fast is in force right now; nothing to override")
    until = now + timedelta(minutes=minutes)
    local_until = to_local(until, context.settings.zone).strftime("%H:%M")
    names = ", ".join(f"'{f.name}'" for f in targets)
    return log_event(
        context.store,
        now,
        "override",
        f"Strict mode paused for {minutes} min (until {local_until}) for {names}: {reason.strip()}",
        {
            "fasts": [f.id for f in targets],
            "minutes": minutes,
            "until": until.isoformat(),
            "reason": reason.strip(),
        },
    )
