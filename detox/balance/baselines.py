"""Baseline periods: stretches of ordinary use that insights compares fasts with.

The onboarding's "measure a baseline week first" and `detox baseline --from --to` store one; a
baseline may lie in the past (a week before detox was installed, typed in afterwards) or run on
into the future (the week being measured now).
"""

from __future__ import annotations

from datetime import date, timedelta

from detox.balance.integrity import log_event
from detox.clock import current_day, day_label
from detox.errors import InputError
from detox.ground import Ground
from detox.i18n import _
from detox.models import Baseline, Fast

BASELINE_WEEK = 7


def all_baselines(context: Ground) -> list[Baseline]:
    return sorted(context.store.records(Baseline), key=lambda b: (b.start, b.id))


def add_baseline(context: Ground, start: date, end: date, note: str | None = None) -> Baseline:
    """Record a baseline period; it may not overlap another baseline or a fast's days."""
    if end < start:
        raise InputError(
            _("the baseline would end ({end}) before it starts ({start})").format(
                end=end, start=start
            )
        )
    for other in all_baselines(context):
        if other.start <= end and start <= other.end:
            raise InputError(
                _("it overlaps the baseline {first} to {last} (id {id})").format(
                    first=other.start, last=other.end, id=other.id[:8]
                )
            )
    for fast in context.store.records(Fast):
        if fast.ended_at is None and fast.start <= end and start <= fast.end:
            raise InputError(
                _(
                    "it overlaps the fast '{name}' ({first} to {last}): a baseline is ordinary "
                    "use to compare fasts with"
                ).format(name=fast.name, first=fast.start, last=fast.end)
            )
    now = context.clock.now()
    baseline = Baseline(
        device=context.store.device.id,
        updated_at=now,
        start=start,
        end=end,
        note=(note or "").strip() or None,
    )
    context.store.put(baseline)
    log_event(
        context.store,
        now,
        "baseline",
        f"Baseline {day_label(start)} to {day_label(end)} {end.year}",
        {
            "say": "baseline",
            "baseline": baseline.id,
            "start": start.isoformat(),
            "end": end.isoformat(),
        },
    )
    return baseline


def baseline_week(context: Ground) -> Baseline:
    """The onboarding's choice: measure the coming week (today included) as a baseline."""
    today = current_day(context.clock, context.settings)
    return add_baseline(context, today, today + timedelta(days=BASELINE_WEEK - 1), "first week")


def find_baseline(context: Ground, text: str) -> Baseline:
    key = text.strip().lower()
    found = [b for b in all_baselines(context) if key and b.id.startswith(key)]
    if len(found) == 1:
        return found[0]
    if not found:
        raise InputError(
            _("no baseline with id {value}; see `detox baseline list`").format(value=repr(text))
        )
    raise InputError(
        _("id {value} fits {n} baselines; type more of it").format(value=repr(text), n=len(found))
    )


def delete_baseline(context: Ground, baseline: Baseline) -> None:
    context.store.put(baseline.tombstone(context.store.device.id, context.clock.now()))
