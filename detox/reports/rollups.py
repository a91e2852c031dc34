"""Per-day figures of closed days, cached in the local state folder so a report, the insights
and the Today screen read a few small files instead of every span of every month they touch.

A rollup holds one local month (its days begin at the day start in the user's zone) of the spans
in the usage files of every device: per day, per app and device, the seconds, sessions and longest
session, and the seconds per wall-clock hour. Entered use lives in the journal and is added by the
report itself, so typing a mood never makes a rollup stale.

A rollup holds the days of a month that are over (all of them once the month is; up to yesterday
in the current month, so only today is read from spans), and it records a stamp (inode, mtime,
size) of every usage file it was built from (`Store.span_sources`: a change of the store's file
layout changes what is stamped, not this cache) and which of those files each day was read
from. A rewritten file stales the days that read it (with one file a month, the whole month;
with a file per day, a day or two), and only those are read again; a file that is new (a synced
device's, a new day's) stales the days that would read it now. Rollups live under a folder
named after the settings they depend on (day start, zone, session gap, apps not counted), so
changing the day start never reuses figures cut the old way.
The state folder is local and disposable: deleting it only costs a rebuild.
"""

from __future__ import annotations

import binascii
import contextlib
import hashlib
import json
import os
import shutil
import sys
import time as _time
import weakref
from array import array
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, tzinfo
from pathlib import Path
from typing import Any

from detox.clock import day_bounds, days_between, local_day
from detox.config import Settings
from detox.fileio import atomic_write_bytes
from detox.models import ManualUsage, UsageSpan
from detox.paths import ensure_private_dir
from detox.reports.daily import SESSION_GAP_SECONDS, AppDay, DayStats, day_stats
from detox.store import Store

ROLLUP_VERSION = 5  # 3: the files each day was read from; 4: numbers as packed doubles;
# 5: spans of no time are no session
Stamp = dict[str, list[int]]
BUILD_DAYS = 7  # days of spans read at once when a month is rolled up


def zone_key(timezone: str | None) -> str:
    """What the local zone is, as text: the configured name, or what the system says."""
    if timezone:
        return timezone
    try:
        localtime = os.path.realpath("/etc/localtime")
    except OSError:
        localtime = ""
    return "|".join(
        [
            "system",
            os.environ.get("TZ", ""),
            localtime,
            ",".join(_time.tzname),
            str(_time.timezone),
            str(_time.altzone),
        ]
    )


def settings_key(day_start: time, timezone: str | None, ignored_apps: frozenset[str]) -> str:
    """<how days are cut>-<which apps are left out>: reports leave out ignored categories, fasts
    count every app, and both sets of rollups are kept side by side."""
    cut = f"v{ROLLUP_VERSION}|{day_start.isoformat()}|{zone_key(timezone)}|{SESSION_GAP_SECONDS}"
    left_out = ",".join(sorted(ignored_apps))
    return f"{_digest(cut)}-{_digest(left_out)}"


def _digest(text: str) -> str:
    return hashlib.sha1(text.encode()).hexdigest()[:12]


def month_days(year: int, month: int) -> tuple[date, date]:
    first = date(year, month, 1)
    following = date(year + month // 12, month % 12 + 1, 1)
    return first, following - timedelta(days=1)


def months_touching(first: date, last: date) -> list[tuple[int, int]]:
    months: list[tuple[int, int]] = []
    year, month = first.year, first.month
    while (year, month) <= (last.year, last.month):
        months.append((year, month))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return months


def ignored_app_ids(settings: Settings, config_file: Path) -> frozenset[str]:
    """Apps of the categories the user asked detox not to count (`ignore_categories`): their
    old spans stay on disk, but no report or insight counts them."""
    ignored = set(settings.ignore_categories)
    if not ignored:
        return frozenset()
    from detox.catalog import Catalog

    # A context's catalog already leaves those apps out; the full one says which they are.
    full = Catalog.load(settings.apps, config_path=config_file)
    return frozenset(app.id for app in full.apps if app.category in ignored)


def use_by_day(
    store: Store,
    settings: Settings,
    now: datetime,
    first: date,
    last: date,
    ignored: frozenset[str] | None = None,
) -> dict[date, DayStats]:
    """The counted use of every device per local day in [first, last]: closed days from the
    rollups, today from the spans, and use typed in (the journal) added on top."""
    if ignored is None:
        ignored = ignored_app_ids(settings, store.paths.config_file)
    entered = store.records(ManualUsage)
    rollups = Rollups(
        store,
        settings.day_start,
        settings.zone,
        settings.timezone,
        store.paths.state_dir,
        now,
        ignored,
    )
    stats = rollups.days(first, last, frozenset(record.id for record in entered))
    spans = [record.to_span() for record in entered if record.app not in ignored]
    if not spans:
        return stats
    # Cutting a year into wall-clock hours costs a tenth of a second: only the days typed in.
    low = max(
        first, min(local_day(span.start, settings.day_start, settings.zone) for span in spans)
    )
    high = min(last, max(local_day(span.end, settings.day_start, settings.zone) for span in spans))
    if low > high:
        return stats
    for day, extra in day_stats(spans, settings.day_start, settings.zone, low, high).items():
        merged = DayStats(day)  # a new one: the rollups' own figures are shared (see _MEMO)
        if day in stats:
            merged.merge(stats[day])
        merged.merge(extra)
        stats[day] = merged
    return stats


def earliest_use(
    store: Store, settings: Settings, ignored: frozenset[str] | None = None
) -> datetime | None:
    """When the earliest counted span in the usage files begins (apps not left out, spans of
    no time aside as no use, entered use aside: the caller reads the journal). The files' names
    say which UTC days hold spans, so only the first of them are read, not a month of rollups;
    the answer is kept in the state folder with the stamps of the files it was read from."""
    if ignored is None:
        ignored = ignored_app_ids(settings, store.paths.config_file)
    first = store.first_span_day()
    if first is None:
        return None
    folder = store.paths.state_dir / "rollups"
    folder /= settings_key(settings.day_start, settings.timezone, ignored)
    kept = _kept_earliest(folder / EARLIEST_FILE, first, store)
    if kept is not None:
        return kept[0]
    days = store.span_days()
    entered = frozenset(record.id for record in store.records(ManualUsage))
    began: datetime | None = None
    read: Stamp = {}
    for day in days:
        read.update(_stamps(store, day, day))
        # Up to the day's last instant: its file alone, not the next day's. An earlier file's
        # span reaching into the day was seen with that file's day and had nothing counted.
        spans = [
            span
            for span in store.spans(*_utc_day(day), keep=False)
            if span.id not in entered and span.app not in ignored and span.duration > 0
        ]
        if spans:
            began = min(span.start for span in spans)
            break
    # Reading took a while: a file rewritten meanwhile must not be stamped as read. And only
    # into a folder the rollups made: making one is when they clear those of other settings.
    if _stamps(store, days[0], day) == read and folder.is_dir():
        saved = {
            "version": ROLLUP_VERSION,
            "first": days[0],
            "last": day,
            "sources": read,
            "start": None if began is None else began.isoformat(),
        }
        with contextlib.suppress(OSError):
            atomic_write_bytes(folder / EARLIEST_FILE, json.dumps(saved).encode("utf-8"))
    return began


EARLIEST_FILE = "first-use.json"


def _utc_day(day: str) -> tuple[datetime, datetime]:
    start = datetime.fromisoformat(f"{day}T00:00:00+00:00")
    return start - _INSTANT, start + timedelta(days=1) - _INSTANT


def _stamps(store: Store, first: str, last: str) -> Stamp:
    sources = store.span_sources(_utc_day(first)[0], _utc_day(last)[1])
    return {name: list(stamp) for name, stamp in sources.items()}


def _kept_earliest(path: Path, first: str, store: Store) -> tuple[datetime | None] | None:
    """The earliest use found before, while the files it was read from are unchanged and no
    file of an earlier day (or of a day it read) came since; None when it must be read."""
    try:
        data = json.loads(path.read_bytes())
        if data["version"] != ROLLUP_VERSION or data["first"] != first:
            return None
        if _stamps(store, first, str(data["last"])) != data["sources"]:
            return None
        start = data["start"]
        return (None if start is None else datetime.fromisoformat(start),)
    except (OSError, ValueError, KeyError, TypeError):
        return None


_INSTANT = timedelta(microseconds=1)
_MemoKey = tuple[Any, ...]
_SLOT = 4  # ("month", folder, year, month) or ("live", folder, first, last): where it is kept
# Figures this process already worked out, per store, each with the stamps of the usage files it
# was built from and handed out only while they are unchanged. A report with a running fast asks
# for the same months up to four times (its weeks, the fast's days, the baseline before the
# fast, the first day of use), and the Today screen reads today's spans for its total, its fast
# card and its insights card; each asked again parsed the month files or today's spans anew.
# The figures are shared, never changed in place (use_by_day merges into new DayStats).
_MEMO: weakref.WeakKeyDictionary[Store, dict[_MemoKey, tuple[object, dict[date, DayStats]]]] = (
    weakref.WeakKeyDictionary()
)


class Rollups:
    """Per-day figures from the usage files, for any range of local days."""

    def __init__(
        self,
        store: Store,
        day_start: time,
        zone: tzinfo | None,
        timezone_name: str | None,
        state_dir: Path,
        now: datetime,
        ignored_apps: frozenset[str] = frozenset(),
    ) -> None:
        self.store = store
        self.day_start = day_start
        self.zone = zone
        self.now = now
        self.ignored_apps = ignored_apps
        self.root = state_dir / "rollups"
        self.folder = self.root / settings_key(day_start, timezone_name, ignored_apps)
        self.built: list[str] = []  # months rebuilt by this instance (for tests and benchmarks)
        self.rebuilt_days: list[date] = []  # and their days that were read from spans

    def days(self, first: date, last: date, skip_ids: frozenset[str]) -> dict[date, DayStats]:
        """Figures per day in [first, last] from usage files; spans with ids in skip_ids (entered
        use, counted by the caller from the journal) are left out."""
        found: dict[date, DayStats] = {}
        live_first: date | None = None
        # The last day that is over: its figures can no longer grow.
        closed_last = local_day(self.now, self.day_start, self.zone) - timedelta(days=1)
        for year, month in months_touching(first, last):
            month_first, month_last = month_days(year, month)
            through = min(month_last, closed_last)
            if through >= max(first, month_first):
                for day, stats in self._month(year, month, through, skip_ids).items():
                    if first <= day <= min(last, through):
                        found[day] = stats
            if through < month_last and live_first is None:
                live_first = max(first, month_first, through + timedelta(days=1))
        if live_first is not None and live_first <= last:
            found.update(self._live(live_first, last, skip_ids))
        return found

    def _range(self, first: date, last: date) -> tuple[datetime, datetime]:
        return (
            day_bounds(first, self.day_start, self.zone)[0],
            day_bounds(last, self.day_start, self.zone)[1],
        )

    def _live(self, first: date, last: date, skip_ids: frozenset[str]) -> dict[date, DayStats]:
        start, end = self._range(first, last)
        sources = {name: list(stamp) for name, stamp in self.store.span_sources(start, end).items()}
        key = ("live", self.folder, None, None, first, last, skip_ids)
        remembered = self._remembered(key, sources)
        if remembered is not None:
            return remembered
        # Today's files are kept decoded: the Today screen and a report read them again (the
        # fast's day, the total), and a day is small.
        spans = self._spans(start, end, skip_ids, keep=True)
        days = day_stats(spans, self.day_start, self.zone, first, last)
        self._remember(key, sources, days)
        return days

    def _remembered(self, key: _MemoKey, validity: object) -> dict[date, DayStats] | None:
        memo = _MEMO.get(self.store, {}).get(key[:_SLOT])
        return dict(memo[1]) if memo is not None and memo[0] == (key, validity) else None

    def _remember(self, key: _MemoKey, validity: object, days: dict[date, DayStats]) -> None:
        # One slot per month (and one for today) and folder: asking with another day or other
        # entered use replaces what was kept, so an app open for weeks keeps a bounded memo.
        _MEMO.setdefault(self.store, {})[key[:_SLOT]] = ((key, validity), dict(days))

    def _spans(
        self, start: datetime, end: datetime, skip_ids: frozenset[str], keep: bool = False
    ) -> list[UsageSpan]:
        return [
            span
            # Figures are what is kept: the decoded files are not (a month of them is ~20 MiB).
            for span in self.store.spans(start, end, keep=keep)
            if span.id not in skip_ids and span.app not in self.ignored_apps
        ]

    # -- the cache ---------------------------------------------------------------------------

    def _sources(self, year: int, month: int, through: date) -> Stamp:
        # Only the files of the days rolled up: when the store keeps a file per day, today's
        # flushes leave the stamps of the days before alone.
        start, end = self._range(month_days(year, month)[0], through)
        return {name: list(stamp) for name, stamp in self.store.span_sources(start, end).items()}

    def _path(self, year: int, month: int) -> Path:
        return self.folder / f"{year:04d}-{month:02d}.json"

    def _month(
        self, year: int, month: int, through: date, skip_ids: frozenset[str]
    ) -> dict[date, DayStats]:
        """The figures of a month's days up to `through` (the month's last day once it is over):
        from the cache, but for the days whose usage files changed since it was written."""
        sources = self._sources(year, month, through)
        if not sources:
            return {}
        path = self._path(year, month)
        # The rollup file is in the stamp too: one damaged or rebuilt meanwhile is read again.
        key = ("month", self.folder, year, month, through, skip_ids)
        remembered = self._remembered(key, (sources, _file_stamp(path)))
        if remembered is not None:
            return remembered
        saved = self._load(path)
        days: dict[date, DayStats] = {}
        read: dict[str, list[str]] = {}
        stale = days_between(month_days(year, month)[0], through)
        if saved is not None:
            days, read = saved.fresh_days(sources, through, self._names_of)
            stale = [day for day in stale if day.isoformat() not in read]
        if not stale:
            self._remember(key, (sources, _file_stamp(path)), days)
            return days
        # A week at a time: each day's figures stand alone, and a month of span objects at once
        # was the tracker's memory peak (its fast watch rebuilds the running month).
        for chunk in _chunks(stale, BUILD_DAYS):
            start, end = self._range(chunk[0], chunk[-1])
            spans = self._spans(start, end, skip_ids)
            built = day_stats(spans, self.day_start, self.zone, chunk[0], chunk[-1])
            for day in chunk:
                days.pop(day, None)
                if day in built:
                    days[day] = built[day]
                read[day.isoformat()] = self._names_of(day)
        # Reading took a while: a file rewritten meanwhile must not be stamped as read.
        if self._sources(year, month, through) == sources:
            self._save(path, _Saved(sources, read, days))
            self._remember(key, (sources, _file_stamp(path)), days)
        self.built.append(f"{year:04d}-{month:02d}")
        self.rebuilt_days.extend(stale)
        return days

    def _names_of(self, day: date) -> list[str]:
        """The usage files a day's figures are read from."""
        return sorted(self.store.span_sources(*self._range(day, day)))

    def _load(self, path: Path) -> _Saved | None:
        try:
            data = json.loads(path.read_bytes())
        except (FileNotFoundError, ValueError, OSError):
            return None
        if not isinstance(data, dict) or data.get("version") != ROLLUP_VERSION:
            return None
        try:
            return _Saved(
                {str(name): [int(n) for n in stamp] for name, stamp in data["sources"].items()},
                {str(day): [str(name) for name in names] for day, names in data["read"].items()},
                {
                    date.fromisoformat(day): _stats_from(day, raw)
                    for day, raw in data["days"].items()
                },
            )
        except (KeyError, TypeError, ValueError, AttributeError):
            return None

    def _save(self, path: Path, saved: _Saved) -> None:
        data = {
            "version": ROLLUP_VERSION,
            "day_start": self.day_start.isoformat(),
            "sources": saved.sources,
            "read": dict(sorted(saved.read.items())),
            "days": {
                day.isoformat(): _stats_to(stats) for day, stats in sorted(saved.days.items())
            },
        }
        try:
            fresh = not self.folder.exists()
            ensure_private_dir(self.folder)
            if fresh:
                self._forget_other_settings()
            atomic_write_bytes(path, json.dumps(data, separators=(",", ":")).encode("utf-8"))
        except OSError:
            return  # a cache that cannot be written only makes the next report slower

    def _forget_other_settings(self) -> None:
        # Figures cut with an old day start or zone are never read again.
        cut = self.folder.name.split("-")[0]
        for folder in self.root.iterdir():
            if folder.is_dir() and folder.name.split("-")[0] != cut:
                with contextlib.suppress(OSError):
                    shutil.rmtree(folder)


@dataclass
class _Saved:
    """A month's rollup as written: the stamp of every usage file its days were read from, which
    files each day read (`Store.span_sources` of that day), and the figures."""

    sources: Stamp
    read: dict[str, list[str]]  # ISO day -> names of the files it was read from
    days: dict[date, DayStats]

    def fresh_days(
        self, sources: Stamp, through: date, names_of: Callable[[date], list[str]]
    ) -> tuple[dict[date, DayStats], dict[str, list[str]]]:
        """The days (up to `through`) none of whose files changed since, with what they read.

        With one file a month every change stales the whole month; with a file per day, only the
        days that read the changed file. A file that is new (a synced device's, a new day's) is
        placed by asking which files each day reads now (`names_of`)."""
        changed = {name for name, stamp in self.sources.items() if sources.get(name) != stamp}
        new = not set(sources) <= set(self.sources)
        read = {
            day: names
            for day, names in self.read.items()
            if date.fromisoformat(day) <= through
            and changed.isdisjoint(names)
            and not (new and sorted(names_of(date.fromisoformat(day))) != sorted(names))
        }
        days = {day: stats for day, stats in self.days.items() if day.isoformat() in read}
        return days, read


def _file_stamp(path: Path) -> tuple[int, int, int] | None:
    try:
        info = path.stat()
    except OSError:
        return None
    return info.st_ino, info.st_mtime_ns, info.st_size


def _chunks(days: list[date], size: int) -> list[list[date]]:
    """Sorted days in runs of consecutive days, each at most `size` long."""
    chunks: list[list[date]] = []
    for day in days:
        last = chunks[-1] if chunks else None
        if last is not None and len(last) < size and last[-1] + timedelta(days=1) == day:
            last.append(day)
        else:
            chunks.append([day])
    return chunks


def _stats_to(stats: DayStats) -> dict[str, Any]:
    # The numbers go as packed doubles (base64), not JSON numbers: a month of rollups holds
    # some two thousand floats, and parsing their 17-digit decimals was most of reading it (a
    # year of insights reads thirteen months). The bits are kept exactly.
    items = list(stats.apps.values())
    numbers = [value for item in items for value in (item.seconds, item.sessions, item.longest)]
    return {
        "apps": [[item.app, item.device] for item in items],
        "numbers": _packed(numbers),
        "hours": _packed(stats.hours),
    }


def _packed(values: list[float]) -> str:
    doubles = array("d", values)
    if sys.byteorder == "big":
        doubles.byteswap()  # stored little-endian, whatever machine wrote it
    return binascii.b2a_base64(doubles.tobytes(), newline=False).decode("ascii")


def _unpacked(text: str) -> array[float]:
    doubles = array("d", binascii.a2b_base64(text, strict_mode=True))  # ValueError if bad
    if sys.byteorder == "big":
        doubles.byteswap()
    return doubles


def _stats_from(day: str, raw: dict[str, Any]) -> DayStats:
    stats = DayStats(date.fromisoformat(day), hours=_unpacked(raw["hours"]).tolist())
    if len(stats.hours) != 24:
        raise ValueError("a day has 24 hours")
    names, numbers = raw["apps"], _unpacked(raw["numbers"])
    if len(numbers) != 3 * len(names):
        raise ValueError("three numbers an app")
    for (app, device), seconds, sessions, longest in zip(
        names, numbers[0::3], numbers[1::3], numbers[2::3], strict=True
    ):
        stats.apps[(str(app), str(device))] = AppDay(
            str(app), str(device), seconds, int(sessions), longest
        )
    return stats
