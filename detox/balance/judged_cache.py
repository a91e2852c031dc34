"""Judged days of fasts kept across processes, so a report, `fast list` or the Today card
judges only today (and a day whose usage files changed) instead of every day of a fast.

A day that is over is judged once: its result cannot change unless what it was judged from
changes. So a result is kept with what it depended on and used only while all of it is the same:

- the fast's record (its dates, rules, eras, days off, start instant and early end);
- the day start, the zone and the slip threshold; the catalog's categories (a rule may name a
  category, and apps of ignored categories leave the catalog); the use typed in (the journal);
- the usage files the day was read from (a stamp: inode, mtime, size), and no new file (a synced
  device's) that the day would read now.

Days that are not over (today, days to come) are never kept. The file lives in the local state
folder (private to the user), is written atomically, and only ever holds a cache: a damaged one
is logged and rebuilt, and deleting it only costs a slower first look.
"""

from __future__ import annotations

import hashlib
import json
import logging
from collections.abc import Callable, Sequence
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
from detox.clock import day_bounds
from detox.fileio import atomic_write_bytes
from detox.models import Fast, ManualUsage
from detox.paths import ensure_private_dir
from detox.reports.rollups import settings_key
from detox.store import Store

log = logging.getLogger("detox")

CACHE_VERSION = 1
FOLDER = "fasts"
FILE_NAME = "judged.json"
# Fasts kept at most: one entry per fast, the least recently judged dropped first.
MAX_FASTS = 256
STATUSES = frozenset(get_args(DayStatus))

Stamps = dict[str, list[int]]


def categories_key(apps: Sequence[tuple[str, str]]) -> str:
    """A short name for the catalog's (app id, category) pairs."""
    return _digest("\n".join(f"{app}\t{category}" for app, category in sorted(apps)))


def fast_key(fast: Fast) -> str:
    """A short name for everything in a fast's record that its days are judged by."""
    return _digest(
        fast.model_dump_json(
            include={"start", "end", "rules", "days_off", "starts_at", "ended_at", "history"}
        )
    )


def _digest(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:16]


class JudgedDays:
    """The kept results of the days that are over, of every fast judged on this device."""

    def __init__(
        self,
        store: Store,
        day_start: time,
        zone: tzinfo | None,
        timezone: str | None,
        categories: str,
    ) -> None:
        self.store = store
        self.day_start = day_start
        self.zone = zone
        self.path = store.paths.state_dir / FOLDER / FILE_NAME
        entered = sorted(
            f"{record.id}@{record.updated_at.isoformat()}" for record in store.records(ManualUsage)
        )
        self.key = _digest(
            "|".join(
                [
                    f"v{CACHE_VERSION}",
                    settings_key(day_start, timezone, frozenset()),
                    str(SLIP_THRESHOLD_SECONDS),
                    categories,
                    ",".join(entered),
                ]
            )
        )
        self._fasts: dict[str, dict[str, Any]] = {}
        self._changed = False
        self._load()

    # -- reading --------------------------------------------------------------------------------

    def _load(self) -> None:
        try:
            raw = self.path.read_bytes()
        except FileNotFoundError:
            return
        except OSError as error:
            log.debug("judged fast days not read (%s): judging again", error)
            return
        try:
            data = json.loads(raw)
            if not isinstance(data, dict) or data.get("version") != CACHE_VERSION:
                raise ValueError("another version")
            fasts = data["fasts"]
            if not isinstance(fasts, dict):
                raise ValueError("no fasts")
        except (ValueError, KeyError, TypeError) as error:
            log.debug("judged fast days in %s unreadable (%s): judging again", self.path, error)
            self._changed = True  # written anew, whatever is judged
            return
        if data.get("key") != self.key:
            self._changed = True  # judged another way (day start, catalog, entered use)
            return
        self._fasts = fasts

    def kept(
        self, fast: Fast, today: date, sources: Stamps, names_of: Callable[[date], list[str]]
    ) -> dict[date, DayResult]:
        """The kept results of the fast's days before `today` that are still true, given the
        stamps of the usage files of those days now (`sources`)."""
        entry = self._fasts.get(fast.id)
        if not isinstance(entry, dict) or entry.get("record") != fast_key(fast):
            return {}
        try:
            return self._valid_days(fast, entry, today, sources, names_of)
        except (ValueError, KeyError, TypeError, IndexError) as error:
            log.debug("judged days of fast %s unreadable (%s): judging again", fast.id, error)
            self._fasts.pop(fast.id, None)
            self._changed = True
            return {}

    def _valid_days(
        self,
        fast: Fast,
        entry: dict[str, Any],
        today: date,
        sources: Stamps,
        names_of: Callable[[date], list[str]],
    ) -> dict[date, DayResult]:
        saved: Stamps = entry["sources"]
        read: dict[str, list[str]] = entry["read"]
        changed = {name for name, stamp in saved.items() if sources.get(name) != stamp}
        new = not set(sources) <= set(saved)
        last = last_day(fast, self.day_start, self.zone)
        found: dict[date, DayResult] = {}
        for text, (status, checks, complete) in entry["days"].items():
            day = date.fromisoformat(text)
            if day >= today or day < fast.start or day > last:
                continue
            names = read[text]
            if not changed.isdisjoint(names):
                continue
            if new and sorted(names_of(day)) != sorted(names):
                continue
            if status not in STATUSES:
                raise ValueError(f"unknown status {status!r}")
            rules = rules_on(fast, day)[0]
            if checks and len(checks) != len(rules):
                raise ValueError("a check for every rule")
            found[day] = DayResult(
                day,
                cast(DayStatus, status),
                tuple(
                    RuleCheck(rule, float(used), float(allowed))
                    for rule, (used, allowed) in zip(rules, checks, strict=False)
                ),
                bool(complete),
            )
        return found

    # -- writing --------------------------------------------------------------------------------

    def keep(
        self,
        fast: Fast,
        results: Sequence[DayResult],
        today: date,
        sources: Stamps,
        names_of: Callable[[date], list[str]],
        known: dict[date, DayResult],
    ) -> None:
        """Keep the results of the days that are over, read from files stamped `sources`
        (stamped before they were read: a file rewritten meanwhile is read again next time);
        `known` are the days `kept` gave, whose files are the ones they were kept with."""
        closed = closed_range(fast, today, self.day_start, self.zone)
        if closed is None:
            return
        entry = self._fasts.get(fast.id)
        before: dict[str, list[str]] = entry["read"] if known and isinstance(entry, dict) else {}
        every = (closed[0] + timedelta(days=n) for n in range(_days(closed)))
        if entry is not None and entry.get("sources") == sources and all(d in known for d in every):
            return  # nothing new to keep
        days: dict[str, list[Any]] = {}
        read: dict[str, list[str]] = {}
        for result in results:
            if result.day > closed[1]:
                break
            text = result.day.isoformat()
            days[text] = [
                result.status,
                [[check.used_seconds, check.allowed_seconds] for check in result.checks],
                result.complete,
            ]
            read[text] = before[text] if result.day in known else names_of(result.day)
        self._fasts.pop(fast.id, None)  # to the end: the most recently judged are kept
        self._fasts[fast.id] = {
            "record": fast_key(fast),
            "sources": sources,
            "read": read,
            "days": days,
        }
        self._changed = True

    def save(self) -> None:
        if not self._changed:
            return
        while len(self._fasts) > MAX_FASTS:
            del self._fasts[next(iter(self._fasts))]
        data = {"version": CACHE_VERSION, "key": self.key, "fasts": self._fasts}
        try:
            ensure_private_dir(self.path.parent)
            atomic_write_bytes(self.path, json.dumps(data, separators=(",", ":")).encode())
        except OSError as error:
            # A cache that cannot be written only makes the next look slower.
            log.debug("judged fast days not kept (%s)", error)
            return
        self._changed = False


def closed_range(
    fast: Fast, today: date, day_start: time, zone: tzinfo | None
) -> tuple[date, date] | None:
    """The fast's days that are over and judged from use (before today, up to its last day)."""
    last = min(today - timedelta(days=1), last_day(fast, day_start, zone))
    return (fast.start, last) if fast.start <= last else None


def _days(closed: tuple[date, date]) -> int:
    return (closed[1] - closed[0]).days + 1


def stamps_of(
    store: Store, first: date, last: date, day_start: time, zone: tzinfo | None
) -> Stamps:
    start = day_bounds(first, day_start, zone)[0]
    end = day_bounds(last, day_start, zone)[1]
    return {name: list(stamp) for name, stamp in store.span_sources(start, end).items()}


def names_reader(store: Store, day_start: time, zone: tzinfo | None) -> Callable[[date], list[str]]:
    """The usage files a day of use is read from, by name."""

    def names_of(day: date) -> list[str]:
        return sorted(store.span_sources(*day_bounds(day, day_start, zone)))

    return names_of
