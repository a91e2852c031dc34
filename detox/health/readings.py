"""Health readings as the user types them, checked before anything is stored.

Every reading, typed, edited, logged in the app or imported, is written by `save_reading`, so
the range checks and their one-line messages live in one place.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import datetime
from typing import Any, Literal

from detox.durations import parse_duration
from detox.errors import InputError
from detox.i18n import N_, _
from detox.models import (
    DIASTOLIC_RANGE,
    PULSE_RANGE,
    SYSTOLIC_RANGE,
    HealthMeasure,
    HealthReading,
)
from detox.store import Store

Arm = Literal["left", "right"]
_BP = re.compile(r"^\s*(\d{1,3})\s*/\s*(\d{1,3})\s*$")
MEASURE_NAMES: dict[HealthMeasure, str] = {
    "bp": N_("blood pressure"),
    "pulse": N_("pulse"),
    "sleep": N_("sleep"),
}


def _check_range(value: int, limits: tuple[int, int], what: str) -> int:
    low, high = limits
    if not low <= value <= high:
        raise InputError(
            _("{what} must be from {low} to {high}, not {value}").format(
                what=_(what), low=low, high=high, value=value
            )
        )
    return value


def check_bp(systolic: int, diastolic: int) -> tuple[int, int]:
    _check_range(systolic, SYSTOLIC_RANGE, N_("systolic pressure"))
    _check_range(diastolic, DIASTOLIC_RANGE, N_("diastolic pressure"))
    if systolic <= diastolic:
        raise InputError(
            _(
                "systolic ({systolic}) must be higher than diastolic ({diastolic}): "
                "write the larger number first, e.g. 128/82"
            ).format(systolic=systolic, diastolic=diastolic)
        )
    return systolic, diastolic


def check_pulse(pulse: int) -> int:
    return _check_range(pulse, PULSE_RANGE, N_("pulse"))


def parse_bp(text: str) -> tuple[int, int]:
    """`128/82` as a monitor shows it: systolic over diastolic, in mmHg."""
    found = _BP.match(text)
    if found is None:
        raise InputError(
            _("cannot read blood pressure {value}: write systolic/diastolic, e.g. 128/82").format(
                value=repr(text)
            )
        )
    return check_bp(int(found.group(1)), int(found.group(2)))


def parse_sleep(text: str) -> float:
    """Hours of sleep from 7h30m, 7.5h, 7:30 or 450 (minutes), like every duration in detox."""
    seconds = parse_duration(text)
    return round(seconds / 3600, 4)


def parse_arm(text: str | None) -> Arm | None:
    if text is None:
        return None
    word = text.strip().lower()
    if word in ("left", "l"):
        return "left"
    if word in ("right", "r"):
        return "right"
    raise InputError(_("arm must be left or right, not {value}").format(value=repr(text)))


def new_reading(
    measure: HealthMeasure,
    *,
    device: str,
    now: datetime,
    at: datetime,
    systolic: int | None = None,
    diastolic: int | None = None,
    pulse: int | None = None,
    hours: float | None = None,
    arm: Arm | None = None,
    note: str | None = None,
) -> HealthReading:
    """A checked reading, not yet stored."""
    if at > now:
        raise InputError(_("a reading cannot be in the future"))
    if measure == "bp":
        if systolic is None or diastolic is None:
            raise InputError(_("a blood-pressure reading needs systolic/diastolic, e.g. 128/82"))
        check_bp(systolic, diastolic)
    if pulse is not None:
        check_pulse(pulse)
    if measure == "pulse" and pulse is None:
        raise InputError(_("a pulse reading needs beats per minute, e.g. 64"))
    if measure == "sleep" and (hours is None or not 0 < hours <= 24):
        raise InputError(_("sleep must be more than 0 and at most 24 hours"))
    return HealthReading(
        device=device,
        updated_at=now,
        measure=measure,
        at=at,
        systolic=systolic,
        diastolic=diastolic,
        pulse=pulse,
        hours=hours,
        arm=arm,
        note=(note or "").strip() or None,
    )


def revised_reading(
    reading: HealthReading, device: str, now: datetime, **changes: Any
) -> HealthReading:
    """A new revision of a reading with changes, checked as a new reading would be."""
    merged = reading.model_dump() | changes
    if merged["measure"] == "bp":
        check_bp(merged["systolic"], merged["diastolic"])
    if merged.get("pulse") is not None:
        check_pulse(merged["pulse"])
    if merged["at"] > now:
        raise InputError(_("a reading cannot be in the future"))
    return reading.revise(device, now, **changes)


def save_reading(store: Store, reading: HealthReading) -> HealthReading:
    """The one place readings are written (new, revised or tombstoned)."""
    store.put(reading)
    return reading


def save_readings(store: Store, readings: Iterable[HealthReading]) -> None:
    """Many readings in one write: an import stores all of them or none."""
    store.put_many(list(readings))


def delete_reading(store: Store, reading: HealthReading, device: str, now: datetime) -> None:
    save_reading(store, reading.tombstone(device, now))


def all_readings(store: Store, measure: HealthMeasure | None = None) -> list[HealthReading]:
    return sorted(
        (r for r in store.records(HealthReading) if measure is None or r.measure == measure),
        key=lambda r: (r.at, r.id),
    )


def reading_summary(reading: HealthReading) -> str:
    """ "128/82 mmHg, pulse 71, left arm", "resting pulse 64", "sleep 7h 30m" in the language."""
    if reading.measure == "bp":
        text = f"{reading.systolic}/{reading.diastolic} mmHg"
        if reading.pulse is not None:
            text += _(", pulse {pulse}").format(pulse=reading.pulse)
        if reading.arm == "left":
            text += _(", left arm")
        elif reading.arm == "right":
            text += _(", right arm")
        return text
    if reading.measure == "pulse":
        return _("resting pulse {pulse}").format(pulse=reading.pulse)
    assert reading.hours is not None
    return _("sleep {hours}").format(hours=format_hours(reading.hours))


def format_hours(hours: float) -> str:
    """7.5 -> "7h 30m" ("7 godz. 30 min", "7시간 30분")."""
    from detox import localized

    minutes = round(hours * 60)
    whole, rest = divmod(minutes, 60)
    if not localized.english():
        return localized.duration(whole, rest) if rest else localized.duration(whole, 0)
    return f"{whole}h {rest:02d}m" if rest else f"{whole}h"
