"""Fasts as the user handles them: start, find, judge, change, end, and pause strict mode.

Every change that could weaken a fast leaves an Event: an early end, a rule change, an override.
Before a fast is changed or ended its slips so far are recorded, under the rules that applied.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any, Literal

from detox.balance.compliance import Compliance, last_day
from detox.balance.integrity import log_event, log_with_pending, record_slips, record_slips_of
from detox.balance.judging import catalog_categories, category_lookup, judge_fasts
from detox.balance.presets import Period
from detox.balance.rules import check_overlaps, rule_json, rule_sentence, rules_on
from detox.clock import current_day, day_label, detox_day, to_local
from detox.errors import InputError
from detox.ground import Ground
from detox.i18n import _, listing
from detox.localized import weekday_name
from detox.models import Event, Fast, Rule, RuleEra

MAX_OVERRIDE_MINUTES = 240
# Strict mode's warning comes this long before a blocked app is closed.
STRICT_GRACE_SECONDS = 60.0


def days_off_text(days_off: list[int]) -> str:
    return listing(weekday_name(day) for day in sorted(days_off)) or _("none")


# -- finding ----------------------------------------------------------------------------------


def all_fasts(context: Ground) -> list[Fast]:
    return sorted(context.store.records(Fast), key=lambda fast: (fast.start, fast.id))


def find_fast(context: Ground, text: str) -> Fast:
    """A fast by a unique id prefix, or by its exact name (ignoring case)."""
    key = text.strip()
    if not key:
        raise InputError(_("name a fast by its id (see `detox fast list`)"))
    fasts = all_fasts(context)
    by_id = [fast for fast in fasts if fast.id.startswith(key.lower())]
    if len(by_id) == 1:
        return by_id[0]
    if len(by_id) > 1:
        ids = ", ".join(fast.id[:8] for fast in by_id[:5])
        raise InputError(
            _("id {value} fits {n} fasts ({ids}); type more of it").format(
                value=repr(key), n=len(by_id), ids=ids
            )
        )
    by_name = [fast for fast in fasts if fast.name.lower() == key.lower()]
    if len(by_name) == 1:
        return by_name[0]
    if len(by_name) > 1:
        raise InputError(
            _("{n} fasts are called {value}; use the id").format(n=len(by_name), value=repr(key))
        )
    raise InputError(_("no fast with id {value}; see `detox fast list`").format(value=repr(key)))


# -- judging ----------------------------------------------------------------------------------


def compliance_of(context: Ground, fast: Fast) -> Compliance:
    """How the fast is going, from the use of its days on every device. Writes nothing."""
    return compliances_of(context, [fast])[0]


def fasts_on(context: Ground, day: date) -> list[Compliance]:
    """How each fast that covers a detox day is going (for status: reads, never writes)."""
    settings = context.settings
    return [
        compliance_of(context, fast)
        for fast in all_fasts(context)
        if fast.start <= day <= last_day(fast, settings.day_start, settings.zone)
    ]


def fast_log(context: Ground, compliance: Compliance) -> list[Event]:
    """The fast's integrity log with the slips not recorded yet in place; writes nothing."""
    return log_with_pending(context.store, context.clock.now(), compliance, context.catalog.name_of)


def record_slips_on(context: Ground, day: date) -> list[Event]:
    """Record the new slips of every fast covering a detox day (after use was logged on it)."""
    settings = context.settings
    covering = [
        fast
        for fast in all_fasts(context)
        if fast.start <= day <= last_day(fast, settings.day_start, settings.zone)
    ]
    compliances = compliances_of(context, covering)
    return record_slips_of(context.store, context.clock.now(), compliances, context.catalog.name_of)


def record_new_slips(context: Ground) -> list[Event]:
    """Record the new slips of every fast that has begun (after use was imported)."""
    today = current_day(context.clock, context.settings)
    begun = [fast for fast in all_fasts(context) if fast.start <= today]
    compliances = compliances_of(context, begun)
    return record_slips_of(context.store, context.clock.now(), compliances, context.catalog.name_of)


def check_fast(context: Ground, fast: Fast) -> Compliance:
    """Compliance, with any slip not yet in the integrity log recorded there (for commands
    that change a fast; reads use `compliance_of` and `fast_log`)."""
    compliance = compliance_of(context, fast)
    record_slips(context.store, context.clock.now(), compliance, context.catalog.name_of)
    return compliance


def compliances_of(context: Ground, fasts: Sequence[Fast]) -> list[Compliance]:
    """`compliance_of` for many fasts: their use is read once for all (10,000 fasts took
    `fast list` over 14 minutes, one store query per fast), from the daily rollups but for
    the days that need spans."""
    return judge_fasts(
        context.store,
        context.settings,
        category_lookup(context.catalog),
        fasts,
        context.clock.now(),
        catalog_categories(context.catalog),
    )


# -- starting ---------------------------------------------------------------------------------

StartChoice = Literal["now", "tomorrow"] | date


def start_day(context: Ground, choice: StartChoice) -> date:
    """The first day a fast started "now", "tomorrow" or on a date would have."""
    today = current_day(context.clock, context.settings)
    if choice == "now":
        return today
    if choice == "tomorrow":
        return today + timedelta(days=1)
    if choice < today:
        raise InputError(
            _(
                "a fast cannot start in the past ({day}); to record a break that is over, use "
                "`detox fast add --from D --to D`"
            ).format(day=choice.isoformat())
        )
    return choice


def parse_start(text: str, context: Ground) -> date:
    """--start now|tomorrow|YYYY-MM-DD as a first day (today also means now)."""
    key = text.strip().lower()
    if key in ("now", "today"):
        return start_day(context, "now")
    if key == "tomorrow":
        return start_day(context, "tomorrow")
    try:
        return start_day(context, date.fromisoformat(key))
    except ValueError:
        raise InputError(
            _("cannot read --start {value}: write now, tomorrow or a date (YYYY-MM-DD)").format(
                value=repr(text)
            )
        ) from None


def same_rules(a: Fast, b: Fast) -> bool:
    return (a.rules, sorted(a.days_off)) == (b.rules, sorted(b.days_off))


def overlapping(context: Ground, fast: Fast) -> list[Fast]:
    """Fasts still in force whose days meet this one's and whose rules are the same."""
    settings = context.settings
    return [
        other
        for other in all_fasts(context)
        if other.id != fast.id
        and other.ended_at is None
        and other.start <= fast.end
        and fast.start <= last_day(other, settings.day_start, settings.zone)
        and same_rules(other, fast)
    ]


def unique_name(context: Ground, name: str) -> str:
    """The name, or "Lent 2027 (2)" when a fast is already called that."""
    taken = {fast.name.lower() for fast in all_fasts(context)}
    if name.lower() not in taken:
        return name
    number = 2
    while f"{name} ({number})".lower() in taken:
        number += 1
    return f"{name} ({number})"


def _checked_rules(context: Ground, rules: list[Rule], days_off: list[int]) -> None:
    if not rules:
        raise InputError(_("a fast needs at least one rule"))
    check_overlaps(rules, context.catalog)
    if len(set(days_off)) >= 7:
        raise InputError(_("every day would be a day off"))


class FastOverlapError(InputError):
    """A new fast with the same rules on days another fast already covers. Each interface says
    how to start it anyway (the CLI names its flag, the app shows a tick), so the fast it clashes
    with travels with the error."""

    def __init__(self, other: Fast) -> None:
        self.other = other
        super().__init__(
            f"'{other.name}' (id {other.id[:8]}, {other.start.isoformat()} to "
            f"{other.end.isoformat()}) already has these rules on these days; "
            "give --allow-overlap to start another one anyway"
        )


def start_fast(
    context: Ground,
    *,
    preset: str,
    period: Period,
    name: str,
    rules: list[Rule],
    days_off: list[int],
    strict: bool,
    allow_overlap: bool = False,
) -> Fast:
    """Start a fast now or plan it for a later day.

    A fast whose first day is today (or already begun, as this year's Lent may be) starts at
    this instant: use earlier today never counts against it. An overlapping fast with the same
    rules is refused unless `allow_overlap`; names are made unique.
    """
    if not name.strip():
        raise InputError(_("a fast needs a name"))
    _checked_rules(context, rules, days_off)
    today = current_day(context.clock, context.settings)
    now = context.clock.now()
    if period.end < today:
        raise InputError(
            _(
                "that fast would already be over (its last day was {day}); choose a later --year "
                "or --to, or record it with `detox fast add`"
            ).format(day=period.end.isoformat())
        )
    first = max(period.start, today)
    fast = Fast(
        device=context.store.device.id,
        updated_at=now,
        name=name.strip(),
        preset=preset,
        start=first,
        end=period.end,
        rules=rules,
        days_off=sorted(set(days_off)),
        strict=strict,
        starts_at=now if first == today else None,
    )
    clash = overlapping(context, fast)
    if clash and not allow_overlap:
        raise FastOverlapError(clash[0])
    fast = fast.model_copy(update={"name": unique_name(context, fast.name)})
    context.store.put(fast)
    return fast


def add_past_fast(
    context: Ground,
    *,
    period: Period,
    name: str,
    rules: list[Rule],
    days_off: list[int],
    preset: str = "custom",
) -> Fast:
    """Record a break that is already over; the log says it was entered afterwards."""
    if not name.strip():
        raise InputError(_("a fast needs a name"))
    _checked_rules(context, rules, days_off)
    today = current_day(context.clock, context.settings)
    if period.end >= today:
        raise InputError(
            _(
                "a recorded break must be over (its last day {day} is not before today); to fast "
                "from now on, use `detox fast start`"
            ).format(day=period.end.isoformat())
        )
    now = context.clock.now()
    fast = Fast(
        device=context.store.device.id,
        updated_at=now,
        name=unique_name(context, name.strip()),
        preset=preset,
        start=period.start,
        end=period.end,
        rules=rules,
        days_off=sorted(set(days_off)),
        recorded=True,
    )
    context.store.put(fast)
    log_event(
        context.store,
        now,
        "recorded",
        f"Recorded '{fast.name}' afterwards: {day_label(fast.start)} to {day_label(fast.end)} "
        f"{fast.start.year}",
        {
            "say": "recorded",
            "name": fast.name,
            "fast": fast.id,
            "start": fast.start.isoformat(),
            "end": fast.end.isoformat(),
        },
    )
    return fast


# -- cancelling and deleting ------------------------------------------------------------------


def is_planned(context: Ground, fast: Fast) -> bool:
    return fast.ended_at is None and current_day(context.clock, context.settings) < fast.start


def cancel_fast(context: Ground, fast: Fast, reason: str | None = None) -> Event:
    """Call off a planned fast: it disappears from the list; the log keeps that it was planned."""
    if fast.ended_at is not None:
        raise InputError(
            _("'{name}' was already ended; `detox fast delete {id} --yes` removes it").format(
                name=fast.name, id=fast.id[:8]
            )
        )
    if not is_planned(context, fast):
        raise InputError(
            _(
                "'{name}' has already begun; end it with `detox fast end {id}` (or remove it "
                "with `detox fast delete {id} --yes`)"
            ).format(name=fast.name, id=fast.id[:8])
        )
    now = context.clock.now()
    context.store.put(fast.tombstone(context.store.device.id, now))
    reason = (reason or "").strip() or None
    because = f": {reason}" if reason else " (no reason given)"
    return log_event(
        context.store,
        now,
        "cancel",
        f"Cancelled '{fast.name}', planned for {fast.start.isoformat()} to "
        f"{fast.end.isoformat()}{because}",
        {
            "say": "cancel",
            "fast": fast.id,
            "name": fast.name,
            "start": fast.start.isoformat(),
            "end": fast.end.isoformat(),
            "reason": reason,
        },
    )


def delete_fast(context: Ground, fast: Fast) -> Event:
    """Remove a fast made by mistake; the log keeps a line saying it was deleted."""
    now = context.clock.now()
    context.store.put(fast.tombstone(context.store.device.id, now))
    return log_event(
        context.store,
        now,
        "delete",
        f"Deleted '{fast.name}' ({fast.start.isoformat()} to {fast.end.isoformat()})",
        {
            "say": "delete",
            "fast": fast.id,
            "name": fast.name,
            "start": fast.start.isoformat(),
            "end": fast.end.isoformat(),
        },
    )


# -- ending -----------------------------------------------------------------------------------


def end_fast(context: Ground, fast: Fast, reason: str | None) -> Fast:
    """End a fast before its last day; the end and its reason go to the integrity log."""
    today = current_day(context.clock, context.settings)
    if fast.ended_at is not None:
        when = to_local(fast.ended_at, context.settings.zone).strftime("%Y-%m-%d %H:%M")
        raise InputError(
            _("'{name}' was already ended on {when}").format(name=fast.name, when=when)
        )
    if today > fast.end:
        raise InputError(
            _("'{name}' already finished on {day}").format(name=fast.name, day=fast.end.isoformat())
        )
    before = check_fast(context, fast)
    now = context.clock.now()
    reason = (reason or "").strip() or None
    ended = fast.revise(context.store.device.id, now, ended_at=now, end_reason=reason)
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
            "say": "called_off" if today < fast.start else "early_end",
            "name": fast.name,
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
    context: Ground,
    fast: Fast,
    *,
    rules: list[Rule] | None = None,
    days_off: list[int] | None = None,
    strict: bool | None = None,
    end: date | None = None,
    reason: str | None = None,
) -> Fast:
    """Change a running or planned fast from today on; the days before keep their rules."""
    today = current_day(context.clock, context.settings)
    settings = context.settings
    if fast.ended_at is not None or today > last_day(fast, settings.day_start, settings.zone):
        raise InputError(_("'{name}' is over; start a new fast instead").format(name=fast.name))
    changes: dict[str, Any] = {}
    if rules is not None and rules != fast.rules:
        if not rules:
            raise InputError(_("a fast needs at least one rule"))
        check_overlaps(rules, context.catalog)
        changes["rules"] = rules
    if days_off is not None and sorted(set(days_off)) != fast.days_off:
        if len(set(days_off)) >= 7:
            raise InputError(_("every day would be a day off"))
        changes["days_off"] = sorted(set(days_off))
    if strict is not None and strict != fast.strict:
        changes["strict"] = strict
    if end is not None and end != fast.end:
        if end < max(today, fast.start):
            raise InputError(
                _("the new end {day} is already past; to stop now, use `detox fast end`").format(
                    day=end.isoformat()
                )
            )
        changes["end"] = end
    if not changes:
        raise InputError(
            _("nothing to change: give new rules, --days-off, --strict/--no-strict or --to")
        )
    check_fast(context, fast)  # slips so far are logged under the rules that applied
    judged_by_old_rules = today > fast.start and ("rules" in changes or "days_off" in changes)
    if judged_by_old_rules and not any(era.until >= today for era in fast.history):
        changes["history"] = [
            *fast.history,
            RuleEra(until=today, rules=fast.rules, days_off=fast.days_off),
        ]
    now = context.clock.now()
    changed = fast.revise(context.store.device.id, now, **changes)
    context.store.put(changed)
    name_of = context.catalog.name_of
    reason = (reason or "").strip() or None
    log_event(
        context.store,
        now,
        "rule_change",
        _change_message(fast, changed, max(today, fast.start), reason, name_of),
        {
            "say": "rule_change",
            "name": fast.name,
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
        old = "; ".join(rule_sentence(rule, name_of) for rule in before.rules)
        new = "; ".join(rule_sentence(rule, name_of) for rule in after.rules)
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


def fasts_in_force(context: Ground, now: datetime) -> list[Fast]:
    """Fasts whose rules apply today: started, not over, not ended, and today not a day off."""
    settings = context.settings
    today = detox_day(now, settings)
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


def override_strict(context: Ground, minutes: int, reason: str, fast: Fast | None = None) -> Event:
    """Pause strict mode for a while; the pause and its reason go to the integrity log."""
    if not 1 <= minutes <= MAX_OVERRIDE_MINUTES:
        raise InputError(
            _(
                "an override lasts 1 to {n} minutes; to stop strict mode for good, use "
                "`detox fast edit ID --no-strict`"
            ).format(n=MAX_OVERRIDE_MINUTES)
        )
    if not reason.strip():
        raise InputError(_("an override needs a --reason (it is written to your log)"))
    now = context.clock.now()
    in_force = [f for f in fasts_in_force(context, now) if f.strict]
    if fast is not None:
        if fast.id not in {f.id for f in in_force}:
            raise InputError(
                _("'{name}' has no strict mode in force right now").format(name=fast.name)
            )
        targets = [fast]
    else:
        targets = in_force
    if not targets:
        raise InputError(_("no strict fast is in force right now; nothing to override"))
    until = now + timedelta(minutes=minutes)
    local_until = to_local(until, context.settings.zone).strftime("%H:%M")
    names = listing(f"'{f.name}'" for f in targets)
    return log_event(
        context.store,
        now,
        "override",
        f"Strict mode paused for {minutes} min (until {local_until}) for {names}: {reason.strip()}",
        {
            "say": "override",
            "names": [f.name for f in targets],
            "until_local": local_until,
            "fasts": [f.id for f in targets],
            "minutes": minutes,
            "until": until.isoformat(),
            "reason": reason.strip(),
        },
    )
