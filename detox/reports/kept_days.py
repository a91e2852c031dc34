"""Figures of days that are over, kept across processes in one small file of the state folder
and handed out only while what they were worked out from is unchanged.

A file holds a key (what every figure in it depends on besides use: the day start and zone,
the catalog, the use typed in, a version) and named entries. An entry holds a value per day,
the stamp (inode, mtime, size) of every usage file its days were read from, and which files each
day read (`Store.span_sources` of the day). A day's value is good while none of its files
changed and no new file (a synced device's) is one it would read now; only days before today
are kept. The state folder is local and private (0700, files 0600, written atomically); a
damaged file is logged and rebuilt, and deleting it only costs working the figures out again.
"""

from __future__ import annotations

import hashlib
import json
import logging
from collections.abc import Callable, Iterable
from datetime import date, datetime, time, tzinfo
from pathlib import Path
from typing import Any

from detox.clock import day_bounds, days_between, local_day
from detox.config import Settings
from detox.fileio import atomic_write_bytes
from detox.models import ManualUsage
from detox.paths import ensure_private_dir
from detox.reports.rollups import settings_key, use_by_day
from detox.store import Store

log = logging.getLogger("detox")

FORMAT_VERSION = 1
# Entries kept at most, the least recently used dropped first: a fast each for judged days (a
# look at every fast judges every one), a range of days each for totals (a report asks one a
# week, and the file is read whole on every report).
MAX_ENTRIES = 256
MAX_RANGES = 8

Stamps = dict[str, list[int]]


def digest(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:16]


def entered_key(store: Store) -> str:
    """The use typed in (the journal's, which every day's figures include), as a short name."""
    return digest(
        ",".join(sorted(f"{r.id}@{r.updated_at.isoformat()}" for r in store.records(ManualUsage)))
    )


def stamps_of(
    store: Store, first: date, last: date, day_start: time, zone: tzinfo | None
) -> Stamps:
    """The stamp of every usage file the local days [first, last] are read from."""
    start, end = day_bounds(first, day_start, zone)[0], day_bounds(last, day_start, zone)[1]
    return {name: list(stamp) for name, stamp in store.span_sources(start, end).items()}


def names_reader(store: Store, day_start: time, zone: tzinfo | None) -> Callable[[date], list[str]]:
    """The usage files a local day is read from, by name."""

    def names_of(day: date) -> list[str]:
        return sorted(store.span_sources(*day_bounds(day, day_start, zone)))

    return names_of


class KeptDays:
    """One file of kept figures: `valid` hands out an entry's days that still hold, `keep`
    replaces an entry, `save` writes the file if anything changed."""

    def __init__(self, path: Path, key: str, what: str, most: int = MAX_ENTRIES) -> None:
        self.path = path
        self.most = most
        self.key = digest(f"v{FORMAT_VERSION}|{key}")
        self.what = what  # for the log: "judged fast days"
        self._entries: dict[str, dict[str, Any]] = {}
        self._changed = False
        self._load()

    def _load(self) -> None:
        try:
            raw = self.path.read_bytes()
        except FileNotFoundError:
            return
        except OSError as error:
            log.debug("%s not read (%s): working them out again", self.what, error)
            return
        try:
            data = json.loads(raw)
            if not isinstance(data, dict) or not isinstance(data["entries"], dict):
                raise ValueError("not a table of entries")
        except (ValueError, KeyError, TypeError) as error:
            log.debug("%s in %s unreadable (%s): worked out again", self.what, self.path, error)
            self._changed = True  # written anew, whatever is worked out
            return
        if data.get("key") != self.key:
            self._changed = True  # worked out another way (day start, catalog, entered use)
            return
        self._entries = data["entries"]

    def valid(
        self,
        name: str,
        check: str,
        days: Iterable[date],
        sources: Stamps,
        names_of: Callable[[date], list[str]],
    ) -> dict[date, Any]:
        """The kept values of `days` (days that are over) in entry `name`, if it was kept with
        `check` (what else its values depend on), whose files are unchanged in `sources` (the
        stamps of the files of those days now). A damaged entry is dropped, and logged."""
        entry = self._entries.get(name)
        if not isinstance(entry, dict) or entry.get("check") != check:
            return {}
        try:
            saved: Stamps = entry["sources"]
            read: dict[str, list[str]] = entry["read"]
            values: dict[str, Any] = entry["days"]
            changed = {file for file, stamp in saved.items() if sources.get(file) != stamp}
            new = not set(sources) <= set(saved)
            found: dict[date, Any] = {}
            for day in days:
                text = day.isoformat()
                if text not in values:
                    continue
                names = read[text]
                if not changed.isdisjoint(names) or (new and names_of(day) != sorted(names)):
                    continue
                found[day] = values[text]
            return found
        except (KeyError, TypeError, AttributeError) as error:
            log.debug("%s of %s unreadable (%s): working them out again", self.what, name, error)
            self.drop(name)
            return {}

    def read_of(self, name: str, day: date) -> list[str]:
        """The files a day of a valid entry was read from."""
        return list(self._entries[name]["read"][day.isoformat()])

    def keep(
        self,
        name: str,
        check: str,
        values: dict[date, Any],
        sources: Stamps,
        names_of: Callable[[date], list[str]],
        known: Iterable[date] = (),
    ) -> None:
        """Keep `values` (days that are over) as entry `name`, read from files stamped `sources`
        before they were read (a file rewritten meanwhile is read again next time). `known` are
        days `valid` gave: their files are the ones they were kept with."""
        if not sources:
            return  # no usage file: figures of entered use alone are quick, as the rollups say
        before = {day: self.read_of(name, day) for day in known}
        entry = self._entries.get(name)
        if (
            entry is not None
            and entry.get("check") == check
            and entry.get("sources") == sources
            and set(before) >= set(values)
        ):
            return  # nothing new to keep
        read = {day.isoformat(): before[day] if day in before else names_of(day) for day in values}
        self._entries.pop(name, None)  # to the end: the most recently used are kept
        self._entries[name] = {
            "check": check,
            "sources": sources,
            "read": read,
            "days": {day.isoformat(): value for day, value in values.items()},
        }
        self._changed = True

    def drop(self, name: str) -> None:
        self._entries.pop(name, None)
        self._changed = True

    def save(self) -> None:
        if not self._changed:
            return
        while len(self._entries) > self.most:
            del self._entries[next(iter(self._entries))]
        data = {"version": FORMAT_VERSION, "key": self.key, "entries": self._entries}
        try:
            ensure_private_dir(self.path.parent)
            atomic_write_bytes(self.path, json.dumps(data, separators=(",", ":")).encode())
        except OSError as error:
            # A cache that cannot be written only makes the next look slower.
            log.debug("%s not kept (%s)", self.what, error)
            return
        self._changed = False


TOTALS_FILE = ("reports", "day-seconds.json")


def past_day_seconds(
    store: Store,
    settings: Settings,
    now: datetime,
    first: date,
    last: date,
    ignored: frozenset[str],
) -> dict[date, float]:
    """The counted seconds of each day in [first, last] (`use_by_day`'s), kept for days that are
    over: the baseline before a running fast is weeks of rollups read on every report for four
    weeks of totals that no longer change."""
    day_start, zone = settings.day_start, settings.zone
    if last >= local_day(now, day_start, zone):
        stats = use_by_day(store, settings, now, first, last, ignored)
        return {day: stats[day].seconds for day in stats}
    key = f"{settings_key(day_start, settings.timezone, ignored)}|{entered_key(store)}"
    path = store.paths.state_dir.joinpath(*TOTALS_FILE)
    kept = KeptDays(path, key, "totals of past days", MAX_RANGES)
    names_of = names_reader(store, day_start, zone)
    sources = stamps_of(store, first, last, day_start, zone)  # before anything is read
    days = days_between(first, last)
    name = f"{first.isoformat()}..{last.isoformat()}"
    found = kept.valid(name, "", days, sources, names_of)
    if len(found) == len(days) and all(type(value) is float for value in found.values()):
        return found
    stats = use_by_day(store, settings, now, first, last, ignored)
    values = {day: stats[day].seconds if day in stats else 0.0 for day in days}
    kept.keep(name, "", values, sources, names_of, found)
    kept.save()
    return values
