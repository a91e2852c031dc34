"""Per-day figures of closed months, cached in the local state folder so a weekly report reads a
few small files instead of every span of every month it touches.

A rollup holds one local month (its days begin at the day start in the user's zone) of the spans
in the usage files of every device: per day, per app and device, the seconds, sessions and longest
session, and the seconds per wall-clock hour. Entered use lives in the journal and is added by the
report itself, so typing a mood never makes a rollup stale.

A rollup is only written for a month that is over, and it records a stamp (inode, mtime, size) of
every usage file it was built from; when a synced device adds a file or rewrites one, the stamps
differ and the month is rebuilt. Rollups live under a folder named after the settings they depend
on (day start, zone, session gap, apps not counted), so changing the day start never reuses figures
cut the old way.
The state folder is local and disposable: deleting it only costs a rebuild.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import shutil
import time as _time
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from pathlib import Path
from typing import Any

from detox.clock import day_bounds
from detox.fileio import atomic_write_bytes
from detox.models import UsageSpan
from detox.paths import ensure_private_dir
from detox.reports.daily import SESSION_GAP_SECONDS, AppDay, DayStats, day_stats
from detox.store import Store

ROLLUP_VERSION = 1
Stamp = dict[str, list[int]]


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
    text = (
        f"v{ROLLUP_VERSION}|{day_start.isoformat()}|{zone_key(timezone)}|{SESSION_GAP_SECONDS}"
        f"|{','.join(sorted(ignored_apps))}"
    )
    return hashlib.sha1(text.encode()).hexdigest()[:16]


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


def _utc_months(start: datetime, end: datetime) -> list[str]:
    """The UTC month keys of the usage files that may hold a span overlapping [start, end)."""
    keys: list[str] = []
    # A span lasts at most a day, so one that began the day before can still reach in.
    cursor = (
        (start - timedelta(days=1))
        .astimezone(UTC)
        .replace(day=1, hour=0, minute=0, second=0, microsecond=0)
    )
    while cursor < end:
        keys.append(cursor.strftime("%Y-%m"))
        cursor = (cursor + timedelta(days=32)).replace(day=1)
    return keys


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

    def days(self, first: date, last: date, skip_ids: frozenset[str]) -> dict[date, DayStats]:
        """Figures per day in [first, last] from usage files; spans with ids in skip_ids (entered
        use, counted by the caller from the journal) are left out."""
        found: dict[date, DayStats] = {}
        live_first: date | None = None
        for year, month in months_touching(first, last):
            month_first, month_last = month_days(year, month)
            if self._closed(month_last):
                for day, stats in self._month(year, month, skip_ids).items():
                    if first <= day <= last:
                        found[day] = stats
            elif live_first is None:
                live_first = max(first, month_first)
        if live_first is not None:
            found.update(self._live(live_first, last, skip_ids))
        return found

    def _closed(self, month_last: date) -> bool:
        return day_bounds(month_last, self.day_start, self.zone)[1] <= self.now

    def _range(self, first: date, last: date) -> tuple[datetime, datetime]:
        return (
            day_bounds(first, self.day_start, self.zone)[0],
            day_bounds(last, self.day_start, self.zone)[1],
        )

    def _live(self, first: date, last: date, skip_ids: frozenset[str]) -> dict[date, DayStats]:
        start, end = self._range(first, last)
        if start > self.now:  # nothing has happened yet
            return {}
        return day_stats(self._spans(start, end, skip_ids), self.day_start, self.zone, first, last)

    def _spans(self, start: datetime, end: datetime, skip_ids: frozenset[str]) -> list[UsageSpan]:
        return [
            span
            for span in self.store.spans(start, end)
            if span.id not in skip_ids and span.app not in self.ignored_apps
        ]

    # -- the cache ---------------------------------------------------------------------------

    def _sources(self, year: int, month: int) -> Stamp:
        start, end = self._range(*month_days(year, month))
        stamp: Stamp = {}
        for key in _utc_months(start, end):
            for folder in self.store.device_dirs():
                for path in folder.glob(f"usage-{key}*.json"):
                    try:
                        info = path.stat()
                    except FileNotFoundError:
                        continue
                    name = f"{folder.name}/{path.name}"
                    stamp[name] = [info.st_ino, info.st_mtime_ns, info.st_size]
        return stamp

    def _path(self, year: int, month: int) -> Path:
        return self.folder / f"{year:04d}-{month:02d}.json"

    def _month(self, year: int, month: int, skip_ids: frozenset[str]) -> dict[date, DayStats]:
        sources = self._sources(year, month)
        if not sources:
            return {}
        cached = self._load(self._path(year, month), sources)
        if cached is not None:
            return cached
        first, last = month_days(year, month)
        start, end = self._range(first, last)
        days = day_stats(self._spans(start, end, skip_ids), self.day_start, self.zone, first, last)
        # Reading took a while: a file rewritten meanwhile must not be stamped as read.
        if self._sources(year, month) == sources:
            self._save(self._path(year, month), sources, days)
        self.built.append(f"{year:04d}-{month:02d}")
        return days

    def _load(self, path: Path, sources: Stamp) -> dict[date, DayStats] | None:
        try:
            data = json.loads(path.read_bytes())
        except (FileNotFoundError, ValueError, OSError):
            return None
        if not isinstance(data, dict) or data.get("version") != ROLLUP_VERSION:
            return None
        if data.get("sources") != sources:
            return None
        try:
            return {
                date.fromisoformat(day): _stats_from(day, raw) for day, raw in data["days"].items()
            }
        except (KeyError, TypeError, ValueError):
            return None

    def _save(self, path: Path, sources: Stamp, days: dict[date, DayStats]) -> None:
        data = {
            "version": ROLLUP_VERSION,
            "day_start": self.day_start.isoformat(),
            "sources": sources,
            "days": {day.isoformat(): _stats_to(stats) for day, stats in sorted(days.items())},
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
        for folder in self.root.iterdir():
            if folder.is_dir() and folder != self.folder:
                with contextlib.suppress(OSError):
                    shutil.rmtree(folder)


def _stats_to(stats: DayStats) -> dict[str, Any]:
    return {
        "apps": [
            [item.app, item.device, item.seconds, item.sessions, item.longest]
            for item in stats.apps.values()
        ],
        "hours": stats.hours,
    }


def _stats_from(day: str, raw: dict[str, Any]) -> DayStats:
    stats = DayStats(date.fromisoformat(day), hours=[float(value) for value in raw["hours"]])
    if len(stats.hours) != 24:
        raise ValueError("a day has 24 hours")
    for app, device, seconds, sessions, longest in raw["apps"]:
        stats.apps[(str(app), str(device))] = AppDay(
            str(app), str(device), float(seconds), int(sessions), float(longest)
        )
    return stats
