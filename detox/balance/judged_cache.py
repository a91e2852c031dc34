"""Judged days of fasts kept across processes, so a report, `fast list` or the Today card
judges only today (and a day whose usage files changed) instead of every day of a fast.

A day that is over is judged once: its result cannot change unless what it was judged from
changes. So a result is kept (reports.kept_days) with what it depended on and used only while
all of it is the same:

- the fast's record (its dates, rules, eras, days off, start instant and early end);
- the day start, the zone and the slip threshold; the catalog's categories (a rule may name a
  category, and apps of ignored categories leave the catalog); the use typed in (the journal);
- the usage files the day was read from, and no new file (a synced device's) that the day would
  read now.

Days that are not over (today, days to come) are never kept.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from datetime import date, time, timedelta, tzinfo
from typing import Any, cast, get_args

from detox.balance.compliance import (
    SLIP_THRESHOLD_SECONDS,
    DayResult,
    DayStatus,
    RuleCheck,
    last_day,
)
from detox.balance.rules import rules_on
from detox.clock import days_between
from detox.models import Fast
from detox.reports.kept_days import KeptDays, digest, entered_key, names_reader, stamps_of
from detox.reports.rollups import settings_key
from detox.store import Store

log = logging.getLogger("detox")

FOLDER = "fasts"
FILE_NAME = "judged.json"
STATUSES = frozenset(get_args(DayStatus))


def categories_key(apps: Sequence[tuple[str, str]]) -> str:
    """A short name for the catalog's (app id, category) pairs."""
    return digest("\n".join(f"{app}\t{category}" for app, category in sorted(apps)))


def fast_key(fast: Fast) -> str:
    """A short name for everything in a fast's record that its days are judged by."""
    return digest(
        fast.model_dump_json(
            include={"start", "end", "rules", "days_off", "starts_at", "ended_at", "history"}
        )
    )


def closed_range(
    fast: Fast, today: date, day_start: time, zone: tzinfo | None
) -> tuple[date, date] | None:
    """The fast's days that are over and judged from use (before today, up to its last day)."""
    last = min(today - timedelta(days=1), last_day(fast, day_start, zone))
    return (fast.start, last) if fast.start <= last else None


class JudgedDays:
    """The judged days that are over of the fasts judged on this device, as of `today`."""

    def __init__(
        self,
        store: Store,
        day_start: time,
        zone: tzinfo | None,
        timezone: str | None,
        categories: str,
        today: date,
    ) -> None:
        self.store = store
        self.day_start, self.zone, self.today = day_start, zone, today
        key = "|".join(
            [
                settings_key(day_start, timezone, frozenset()),
                str(SLIP_THRESHOLD_SECONDS),
                categories,
                entered_key(store),
            ]
        )
        self.kept = KeptDays(store.paths.state_dir / FOLDER / FILE_NAME, key, "judged fast days")
        self.names_of = names_reader(store, self.day_start, self.zone)
        self._sources: dict[str, dict[str, list[int]]] = {}
        self._known: dict[str, dict[date, DayResult]] = {}
        self._checks: dict[str, str] = {}

    def days_of(self, fast: Fast) -> dict[date, DayResult]:
        """The fast's kept days that still hold."""
        closed = closed_range(fast, self.today, self.day_start, self.zone)
        if closed is None:
            return {}
        # Stamped before anything is read: a file rewritten meanwhile is read again next time.
        sources = stamps_of(self.store, *closed, self.day_start, self.zone)
        self._sources[fast.id] = sources
        days = days_between(*closed)
        check = self._checks[fast.id] = fast_key(fast)
        raw = self.kept.valid(fast.id, check, days, sources, self.names_of)
        try:
            found = {day: _result(fast, day, value) for day, value in raw.items()}
        except (ValueError, TypeError, IndexError) as error:
            log.debug("judged days of fast %s unreadable (%s): judging again", fast.id, error)
            self.kept.drop(fast.id)
            found = {}
        self._known[fast.id] = found
        return found

    def keep(self, fast: Fast, results: Sequence[DayResult]) -> None:
        """Keep the judged days that are over (after `days_of` for the same fast)."""
        closed = closed_range(fast, self.today, self.day_start, self.zone)
        sources, check = self._sources.get(fast.id), self._checks.get(fast.id)
        if closed is None or sources is None or check is None:
            return
        values = {
            result.day: [
                result.status,
                [[check.used_seconds, check.allowed_seconds] for check in result.checks],
                result.complete,
            ]
            for result in results
            if closed[0] <= result.day <= closed[1]
        }
        known = self._known.get(fast.id, {})
        self.kept.keep(fast.id, check, values, sources, self.names_of, known)

    def save(self) -> None:
        self.kept.save()


def _result(fast: Fast, day: date, value: Any) -> DayResult:
    status, checks, complete = value
    if status not in STATUSES:
        raise ValueError(f"unknown status {status!r}")
    rules = rules_on(fast, day)[0]
    if checks and len(checks) != len(rules):
        raise ValueError("a check for every rule")
    return DayResult(
        day,
        cast(DayStatus, status),
        tuple(
            RuleCheck(rule, float(used), float(allowed))
            for rule, (used, allowed) in zip(rules, checks, strict=False)
        ),
        bool(complete),
    )
