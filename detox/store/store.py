"""The store: this device writes its own folder, reads merge every device folder.

Layout under the data folder:
    devices/<device-id>/device.json          who this device is
    devices/<device-id>/usage-YYYY-MM-DD.json  spans, by the UTC day they start on
    devices/<device-id>/journal.json         everything the user enters, as revisions
Every write happens under a lock (in the local state folder) and re-reads the file first; files
a sync tool leaves beside ours (`usage-2026-11-05.sync-conflict-...json`) are read and merged by id.
Usage files are per day so the tracker's flush every 30 s rewrites a day, not the whole month;
month files (`usage-YYYY-MM.json`) of earlier versions are still read, and this device's own are
split into day files when a store opens (see detox.store.migrate).
"""

from __future__ import annotations

import contextlib
import os
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any, TypeVar

from pydantic import ValidationError
from tinydb import TinyDB
from tinydb.middlewares import CachingMiddleware

from detox.clock import Clock
from detox.errors import CorruptFileError, DetoxError
from detox.fileio import TEMP_MARK, atomic_write_bytes, orphaned_temp_files, read_regular_file
from detox.i18n import _
from detox.models import (
    EARLIEST_DATE,
    LATEST_DATE,
    SCHEMA_VERSION,
    DeviceInfo,
    JournalRecord,
    ManualUsage,
    Record,
    UsageSpan,
    journal_record,
    span_list_adapter,
)
from detox.paths import Paths, ensure_private_dir, is_device_id
from detox.purge import purge_data
from detox.store.device import Device
from detox.store.layout import (
    folder_names,
    is_day_file,
    names_by_month,
    usage_file_name,
    usage_file_names,
)
from detox.store.listing import Listings
from detox.store.locking import LockTimeout, exclusive
from detox.store.migrate import split_month_files
from detox.store.storage import AtomicJSONStorage

R = TypeVar("R", bound=Record)

SPANS_TABLE = "spans"
JOURNAL_TABLE = "journal"
META_TABLE = "meta"
LOCK_TIMEOUT_SECONDS = 30.0
# Usage files of months outside the span of dates the models allow are never opened.
FIRST_MONTH, LAST_MONTH = EARLIEST_DATE.strftime("%Y-%m"), LATEST_DATE.strftime("%Y-%m")


@dataclass
class _Cached:
    stamp: tuple[int, int, int]
    docs: list[dict[str, Any]]
    spans: list[UsageSpan] | None = None  # the docs validated, once asked for (day files)


def _day_key(instant: datetime) -> str:
    # date().isoformat() is strftime("%Y-%m-%d") for the years a record may hold, at a fifth of
    # the cost (an import keys a hundred thousand spans).
    return instant.astimezone(UTC).date().isoformat()


def _months_between(start: datetime, end: datetime) -> list[str]:
    keys: list[str] = []
    cursor = start.astimezone(UTC).replace(day=1, hour=0, minute=0, second=0, microsecond=0)
    while cursor < end:
        keys.append(cursor.strftime("%Y-%m"))
        cursor = (cursor + timedelta(days=32)).replace(day=1)
    return keys


class Store:
    def __init__(
        self,
        paths: Paths,
        device: Device,
        clock: Clock,
        warn: Callable[[str], None] | None = None,
    ) -> None:
        self.paths = paths
        self.device = device
        self.clock = clock
        self.warnings: list[str] = []
        self._warn_callback = warn
        self._cache: dict[Path, _Cached] = {}
        # Whether reads may keep decoded usage files for the next reader. The tracker turns it
        # off: it rewrites today's file every 30 s, so what it kept was never read again, only
        # held (with the next copy on top when a check read the day again).
        self.keep_spans = True
        self._records: dict[Path, tuple[list[dict[str, Any]], list[JournalRecord]]] = {}
        self._journal_memo: dict[bool, tuple[_Sources, list[JournalRecord]]] = {}
        self._records_memo: dict[type, tuple[list[JournalRecord], list[Any]]] = {}
        # A report or a year of insights asks for the device folders and each month's usage
        # files dozens of times: listed again only when a folder changed.
        self._device_listing = Listings(self._scan_device_dirs)
        self._usage_listings = Listings(names_by_month)
        self.own_dir = paths.device_dir(device.id)
        if self.own_dir.is_symlink():
            # Every write would land wherever the link points, outside the data folder.
            raise DetoxError(f"{self.own_dir} is a link; detox writes only into a real folder")
        ensure_private_dir(self.own_dir)
        ensure_private_dir(paths.locks_dir)
        self._register_device()
        self._remove_orphaned_temp_files()
        split_month_files(self, FIRST_MONTH, LAST_MONTH)

    # -- writing (this device's folder only) -------------------------------------------------

    def add_spans(self, spans: Iterable[UsageSpan], discard: Iterable[UsageSpan] = ()) -> None:
        """Store spans; a span whose id is already stored is replaced (re-flush, re-import).

        `discard` withdraws spans written earlier that turned out empty (the tracker's idle cut).
        """
        by_day: dict[str, tuple[list[UsageSpan], list[UsageSpan]]] = {}
        for span in spans:
            if span.device != self.device.id and span.source == "tracker":
                raise DetoxError(
                    f"span of device {span.device} cannot be written by {self.device.id}"
                )
            by_day.setdefault(_day_key(span.start), ([], []))[0].append(span)
        for span in discard:
            by_day.setdefault(_day_key(span.start), ([], []))[1].append(span)
        for day, (batch, withdrawn) in sorted(by_day.items()):
            path = self.own_dir / usage_file_name(day)
            if not batch and not path.exists():
                continue

            def upsert(
                tables: _Tables,
                batch: list[UsageSpan] = batch,
                withdrawn: list[UsageSpan] = withdrawn,
            ) -> None:
                # Stored copies are found by their id field in one pass (Table.upsert scanned
                # the table once per document: a day of spans into a full month took ~10 s).
                # Keys are TinyDB's own numbers: a key made from a cut of the id let two spans
                # share a key, and an import silently replaced a tracked span.
                table = tables.setdefault(SPANS_TABLE, {})
                latest = {span.id: span for span in batch}  # the last copy of an id wins
                withdrawn_ids = {span.id for span in withdrawn}
                replaced = latest.keys() | withdrawn_ids
                for key in [k for k, doc in table.items() if _text(doc.get("id")) in replaced]:
                    del table[key]
                kept = [span for span_id, span in latest.items() if span_id not in withdrawn_ids]
                # New documents take the numbers TinyDB's insert gives: one past the highest.
                number = max(map(int, table), default=0)
                # One call dumps them all (an import writes a hundred thousand spans).
                for doc in span_list_adapter().dump_python(kept, mode="json"):
                    number += 1
                    table[str(number)] = doc

            self._write_tables(path, "usage", upsert)

    def put(self, record: Record) -> None:
        """Append one revision to this device's journal."""
        self.put_many([record])

    def put_many(self, records: Iterable[Record]) -> None:
        docs = [record.model_dump(mode="json") for record in records]
        if not docs:
            return

        def append(db: TinyDB) -> None:
            db.table(JOURNAL_TABLE).insert_multiple(docs)

        self._write(self.own_dir / "journal.json", "journal", append)

    def _write(self, path: Path, kind: str, change: Callable[[TinyDB], None]) -> None:
        if not self.own_dir.exists():  # purged while this store was open
            ensure_private_dir(self.own_dir)
            self._register_device()
        with self._lock(path):
            # The cache turns a batch of TinyDB operations into one read and one atomic write;
            # if `change` fails, nothing is flushed and the file stays as it was.
            storage = CachingMiddleware(AtomicJSONStorage)  # type: ignore[no-untyped-call]
            db = TinyDB(path, storage=storage)
            try:
                db.storage.read()  # the one parse of this write; it primes the cache
            except CorruptFileError as error:
                self._quarantine(path, str(error))
                storage = CachingMiddleware(AtomicJSONStorage)  # type: ignore[no-untyped-call]
                db = TinyDB(path, storage=storage)
            meta = db.table(META_TABLE)
            if len(meta) == 0:
                meta.insert({"schema": SCHEMA_VERSION, "kind": kind, "device": self.device.id})
            change(db)
            storage.flush()  # type: ignore[no-untyped-call]
        self._forget(path)

    def _write_tables(self, path: Path, kind: str, change: Callable[[_Tables], None]) -> None:
        """What _write does, with `change` made to the file's tables as TinyDB stores them
        ({table: {number: document}}) instead of through TinyDB's objects: the same read, lock,
        meta table and atomic write, the same bytes. Writing an import's 122,000 spans spent a
        third of its time in TinyDB's table upkeep (converting every key to an int and back,
        copying every document)."""
        if not self.own_dir.exists():  # purged while this store was open
            ensure_private_dir(self.own_dir)
            self._register_device()
        with self._lock(path):
            storage = AtomicJSONStorage(path)
            try:
                tables = storage.read() or {}
            except CorruptFileError as error:
                self._quarantine(path, str(error))
                tables = {}
            meta = tables.setdefault(META_TABLE, {})
            if not meta:
                meta["1"] = {"schema": SCHEMA_VERSION, "kind": kind, "device": self.device.id}
            change(tables)
            storage.write(tables)
        self._forget(path)

    def _forget(self, path: Path) -> None:
        self._cache.pop(path, None)

    @contextlib.contextmanager
    def _lock(self, path: Path) -> Iterator[None]:
        lock_path = self.paths.locks_dir / f"{self.device.id}-{path.name}.lock"
        try:
            with exclusive(lock_path, LOCK_TIMEOUT_SECONDS, mode=0o600):
                yield
        except LockTimeout:
            raise DetoxError(
                _("{path} is busy: another detox process holds its lock").format(path=path)
            ) from None

    def _is_own(self, path: Path) -> bool:
        return path.parent == self.own_dir

    def _quarantine_if_corrupt(self, path: Path) -> None:
        try:
            AtomicJSONStorage(path, read_only=True).read()
        except CorruptFileError as error:
            self._quarantine(path, str(error))

    def _quarantine(self, path: Path, reason: str) -> None:
        if not self._is_own(path):
            # A sync tool would spread the rename to the device that owns the file.
            self._warn(
                _("{reason}; skipped (it belongs to another device, which can repair it)").format(
                    reason=reason
                )
            )
            return
        stamp = self.clock.now().strftime("%Y%m%dT%H%M%S")
        target = path.with_name(f"{path.name}.corrupt-{stamp}")
        counter = 1
        while target.exists():
            target = path.with_name(f"{path.name}.corrupt-{stamp}-{counter}")
            counter += 1
        try:
            os.replace(path, target)
        except FileNotFoundError:
            return
        self._warn(
            _("{reason}; moved aside to {name}, the rest of your data is loaded").format(
                reason=reason, name=target.name
            )
        )

    def _warn(self, message: str) -> None:
        if message in self.warnings:  # reads repeat: say it once
            return
        self.warnings.append(message)
        if self._warn_callback is not None:
            self._warn_callback(message)

    def _register_device(self) -> None:
        info_path = self.own_dir / "device.json"
        try:
            raw = read_regular_file(info_path)
            if raw is None:
                raise FileNotFoundError(info_path)
            current = DeviceInfo.model_validate_json(raw)
            if current.name == self.device.name:
                return
            info = current.model_copy(update={"name": self.device.name})
        except FileNotFoundError:
            info = DeviceInfo(
                id=self.device.id,
                name=self.device.name,
                hostname=os.uname().nodename if hasattr(os, "uname") else self.device.name,
                created=self.clock.now(),
            )
        except (ValidationError, CorruptFileError):
            self._quarantine(info_path, f"{info_path} does not parse")
            self._register_device()
            return
        # Under the lock another process's start-up cleanup takes before deleting temp files, or
        # it deletes this write's temp file mid-write (two first runs at once lost an entry).
        with self._lock(info_path):
            atomic_write_bytes(info_path, info.model_dump_json(indent=2).encode("utf-8"))

    def _remove_orphaned_temp_files(self) -> None:
        for temp in self.own_dir.glob(f".*{TEMP_MARK}*"):
            target = self.own_dir / temp.name[1:].split(TEMP_MARK)[0]
            with self._lock(target):
                for orphan in orphaned_temp_files(target):
                    with contextlib.suppress(FileNotFoundError):
                        orphan.unlink()

    # -- reading (every device's folder) -----------------------------------------------------

    def device_dirs(self) -> list[Path]:
        """Every device's folder: real folders named by a device id, never a link out of the
        data folder (it would be read, quarantined in or purged wherever it points)."""
        return list(self._device_listing.get(str(self.paths.devices_dir)))

    def _scan_device_dirs(self, devices_dir: str) -> list[Path]:
        try:
            entries = list(Path(devices_dir).iterdir())
        except (FileNotFoundError, NotADirectoryError):
            return []
        found: list[Path] = []
        for entry in entries:
            # Hidden folders belong to sync tools (.stfolder, .stversions, .dropbox.cache).
            if entry.name.startswith(".") or not is_device_id(entry.name):
                continue
            if entry.is_symlink():
                self._warn(
                    _("{path} is a link; skipped (detox reads only real device folders)").format(
                        path=entry
                    )
                )
            elif entry.is_dir():
                found.append(entry)
        return sorted(found)

    def devices(self) -> list[DeviceInfo]:
        found: list[DeviceInfo] = []
        for folder in self.device_dirs():
            try:
                raw = read_regular_file(folder / "device.json")
                if raw is None:
                    raise FileNotFoundError(folder / "device.json")
                info = DeviceInfo.model_validate_json(raw)
                # The folder is the id: another id in the file ("../../x") must not name a path.
                found.append(info.model_copy(update={"id": folder.name}))
            except (FileNotFoundError, ValidationError, CorruptFileError):
                found.append(
                    DeviceInfo(
                        id=folder.name,
                        name=folder.name,
                        hostname="?",
                        created=datetime(1970, 1, 1, tzinfo=UTC),
                    )
                )
        return found

    def spans(self, start: datetime, end: datetime, *, keep: bool = True) -> list[UsageSpan]:
        """Every span (tracked, manual, imported) overlapping [start, end), from all devices.

        `keep=False` is for a one-off read whose figures the caller keeps (the daily rollups):
        the files it decodes are not kept in memory (a month of decoded spans is some 20 MiB,
        which a long-running tracker held for good after its fast watch rebuilt a rollup)."""
        keep = keep and self.keep_spans
        found: dict[str, UsageSpan] = {}
        earliest = _start_text(start, timedelta(days=-2))
        latest = _start_text(end, timedelta(days=1))
        for path in self._span_files(start, end):
            docs = self._docs(path, SPANS_TABLE, keep=keep)
            cached = self._cache.get(path)
            if cached is not None and cached.docs is docs and is_day_file(path.name):
                # A kept day file is validated once: a command reads today's spans for its
                # total, the budgets and the running fast (status: three times).
                if cached.spans is None:
                    cached.spans = self._valid_spans(path, docs)
                candidates = cached.spans
            else:
                near = [doc for doc in docs if _may_fall_between(doc, earliest, latest)]
                candidates = self._valid_spans(path, near)
            for span in candidates:
                if span.end > start and span.start < end:
                    found[span.id] = span
        for usage in self.records(ManualUsage):
            span = usage.to_span()
            if span.end > start and span.start < end:
                found[span.id] = span
        return sorted(found.values(), key=lambda s: (s.start, s.app))

    def span_sources(self, start: datetime, end: datetime) -> dict[str, tuple[int, int, int]]:
        """A stamp (inode, mtime, size) of every usage file `spans(start, end)` would read, by
        "<device>/<file name>": caches of figures built from spans compare it to know when a
        file was rewritten, or a synced device added one. Entered use (the journal) is not in
        it."""
        stamps: dict[str, tuple[int, int, int]] = {}
        # Strings, not Paths: a report with a running fast asks this some ten times (every
        # month's rollup checks its files), and Path objects were a third of it.
        for folder, name in self._span_names(start, end):
            try:
                info = os.stat(os.path.join(folder, name))
            except FileNotFoundError:
                continue
            stamps[f"{os.path.basename(folder)}/{name}"] = (
                info.st_ino,
                info.st_mtime_ns,
                info.st_size,
            )
        return stamps

    def _span_files(self, start: datetime, end: datetime) -> list[Path]:
        """The usage files of every device that may hold a span overlapping [start, end)."""
        return [Path(folder, name) for folder, name in self._span_names(start, end)]

    def _span_names(self, start: datetime, end: datetime) -> list[tuple[str, str]]:
        # A span that began in the previous month can reach into this one; a span lasts at most
        # a day, so day files from the day before `start` to the day of `end` are enough.
        try:
            days = (_day_key(start - timedelta(days=1)), _day_key(end))
        except (OverflowError, ValueError):
            days = ("0000", "9999")
        listings = [
            (str(folder), self._usage_listings.get(str(folder))) for folder in self.device_dirs()
        ]
        return [
            (folder, name)
            for month in _months_between(start - timedelta(days=1), end)
            for folder, names in listings
            for name in usage_file_names(names.get(f"usage-{month}", ()), month, *days)
        ]

    def _valid_spans(self, path: Path, docs: list[dict[str, Any]]) -> list[UsageSpan]:
        # One call validates a month of spans in half the time of one call per span; a file
        # with a bad span is checked span by span, so only the bad one is skipped.
        try:
            return span_list_adapter().validate_python(docs)
        except ValidationError:
            pass
        spans: list[UsageSpan] = []
        skipped = 0
        for doc in docs:
            try:
                spans.append(UsageSpan.model_validate(doc))
            except ValidationError:
                skipped += 1
        if skipped:
            self._warn(_("{path}: skipped unreadable spans: {n}").format(path=path, n=skipped))
        return spans

    def all_span_months(self) -> list[str]:
        months: set[str] = set()
        for folder in self.device_dirs():
            for path in folder.glob("usage-[0-9][0-9][0-9][0-9]-[0-9][0-9]*.json"):
                month = path.name[len("usage-") : len("usage-YYYY-MM")]
                if FIRST_MONTH <= month <= LAST_MONTH:
                    months.add(month)
                else:
                    # A month of year 1 or 9999 overflowed every "month after" sum of a reader.
                    self._warn(
                        _("{path}: skipped, its month is outside {first}..{last}").format(
                            path=path, first=FIRST_MONTH, last=LAST_MONTH
                        )
                    )
        return sorted(months)

    def first_span_day(self) -> str | None:
        """`span_days()[0]` without working out every day: the first day of use looks only at
        the names of its month once it has found one (a year of day files is 365 names)."""
        first: str | None = None
        for folder in self.device_dirs():
            for name in folder_names(folder):
                if first is not None and name[6:13] > first[:7]:
                    continue  # all its days come after the first found so far
                day = _first_day_of(name)
                if day is not None and (first is None or day < first):
                    first = day
        return first

    def span_days(self) -> list[str]:
        """The UTC days (YYYY-MM-DD) spans may start on, from the usage files' names alone: a
        day file's day, and every day of the month of an old month file. Sorted."""
        days: set[str] = set()
        for folder in self.device_dirs():
            for name in folder_names(folder):
                # As the readers place files (layout.usage_files), copies a sync tool left too.
                text = _first_day_of(name)
                if text is None:
                    continue
                if is_day_file(name):
                    days.add(text)
                else:
                    first = date.fromisoformat(text)
                    following = (first + timedelta(days=32)).replace(day=1)
                    days.update(
                        (first + timedelta(days=n)).isoformat()
                        for n in range((following - first).days)
                    )
        return sorted(days)

    def journal(self, include_deleted: bool = False) -> list[JournalRecord]:
        """The latest revision of every journal record, from all devices."""
        sources = [
            (path, self._docs(path, JOURNAL_TABLE))
            for folder in self.device_dirs()
            for path in self._journal_files(folder)
        ]
        # A command or the tracker's watch asks for the journal once per fast or budget; with
        # thousands of them, merging and sorting every time took minutes. The merge is redone
        # only when a file was re-read (its docs are then a new list).
        memo = self._journal_memo.get(include_deleted)
        if memo is not None and _same_sources(memo[0], sources):
            return list(memo[1])
        latest: dict[str, JournalRecord] = {}
        for path, _stamp in sources:
            for record in self._journal_records(path):
                current = latest.get(record.id)
                if current is None or _newer(record, current):
                    latest[record.id] = record
        records = (
            latest.values() if include_deleted else (r for r in latest.values() if not r.deleted)
        )
        merged = sorted(records, key=lambda r: (r.updated_at, r.id))
        self._journal_memo[include_deleted] = (sources, merged)
        return list(merged)

    def _journal_files(self, folder: Path) -> list[Path]:
        """The folder's journal*.json files, from its kept listing: a device folder holds a usage
        file per day, and globbing a year of them on each ask of the journal (a report with a
        fast asks eight times) was nearly all of the ask."""
        grouped = self._usage_listings.get(str(folder))
        names = [
            name
            for key, group in grouped.items()
            if key.startswith("journal")
            for name in group
            if name.endswith(".json")
        ]
        return [folder / name for name in sorted(names)]

    def _journal_records(self, path: Path) -> list[JournalRecord]:
        # A command asks for the journal several times (a report: for entered use, budgets,
        # fasts, mood); a year of entries takes some 30 ms to validate, so each version of a
        # file is validated once. The records are frozen, so sharing them is safe.
        docs = self._docs(path, JOURNAL_TABLE)
        cached = self._records.get(path)
        if cached is not None and cached[0] is docs:
            return cached[1]
        records: list[JournalRecord] = []
        skipped = 0
        for doc in docs:
            try:
                records.append(journal_record(doc))
            except ValidationError:
                skipped += 1
        if skipped:
            self._warn(_("{path}: skipped unreadable entries: {n}").format(path=path, n=skipped))
        self._records[path] = (docs, records)
        return records

    def records(self, kind: type[R]) -> list[R]:
        self.journal()
        merged = self._journal_memo[False][1]
        memo = self._records_memo.get(kind)
        if memo is not None and memo[0] is merged:
            return list(memo[1])  # type: ignore[arg-type]
        found = [record for record in merged if isinstance(record, kind)]
        self._records_memo[kind] = (merged, found)
        return list(found)

    def get(self, record_id: str) -> JournalRecord | None:
        for record in self.journal():
            if record.id == record_id or record.id.startswith(record_id):
                return record
        return None

    def _docs(self, path: Path, table: str, *, keep: bool = True) -> list[dict[str, Any]]:
        try:
            stat = path.lstat()
        except FileNotFoundError:
            return []
        # Every write renames a new file in, so the inode tells a rewrite of the same size within
        # one mtime tick (coarse on many file systems) from the file read before.
        stamp = (stat.st_ino, stat.st_mtime_ns, stat.st_size)
        cached = self._cache.get(path)
        if cached is not None and cached.stamp == stamp:
            return cached.docs
        try:
            data = AtomicJSONStorage(path, read_only=True).read() or {}
        except CorruptFileError as error:
            if self._is_own(path):
                with self._lock(path):
                    self._quarantine_if_corrupt(path)
            else:
                self._quarantine(path, str(error))  # reported and skipped, left where it is
                self._cache[path] = _Cached(stamp, [])
            return []
        meta = data.get(META_TABLE, {})
        for doc in meta.values():
            if isinstance(doc.get("schema"), int) and doc["schema"] > SCHEMA_VERSION:
                self._warn(
                    _("{path} was written by a newer detox; some entries may be skipped").format(
                        path=path
                    )
                )
        docs = list(data.get(table, {}).values())
        if keep:
            self._cache[path] = _Cached(stamp, docs)
        else:
            self._cache.pop(path, None)  # stale: drop it rather than hold two copies' worth
        return docs

    # -- everything ------------------------------------------------------------------------

    def data_files(self) -> list[Path]:
        return sorted(
            p for folder in self.device_dirs() for p in folder.iterdir() if _is_regular(p)
        )

    def purge(self) -> int:
        """Delete every data file of every device in the data folder; returns how many."""
        removed = purge_data(self.paths)
        self._cache.clear()
        self._device_listing.forget()
        self._usage_listings.forget()
        self._records.clear()
        return len(removed.files)


_USAGE_MONTH = re.compile(r"usage-\d{4}-\d{2}")


def _first_day_of(name: str) -> str | None:
    """The first UTC day a usage file's spans may start on, from its name: a day file's day, an
    old month file's first; None for a name that is not a usage file detox reads."""
    if _USAGE_MONTH.match(name) is None or not name.endswith(".json"):
        return None
    if not FIRST_MONTH <= name[6:13] <= LAST_MONTH:
        return None  # all_span_months says so; a reader skips those files
    day = is_day_file(name)
    try:
        return date.fromisoformat(name[6:16] if day else f"{name[6:13]}-01").isoformat()
    except ValueError:
        return None  # not a name detox writes


def _is_regular(path: Path) -> bool:
    return path.is_file() and not path.is_symlink()


def _start_text(instant: datetime, margin: timedelta) -> str:
    try:
        return (instant + margin).astimezone(UTC).isoformat()[:19]
    except OverflowError:  # a range open at either end
        return "0000" if margin < timedelta(0) else "9999-99"


def _may_fall_between(doc: dict[str, Any], earliest: str, latest: str) -> bool:
    """A cheap look at a stored start before validating: UTC ISO text sorts like time, and the
    caller's margin of days covers a span's length and any writer's spelling of the zone, so
    only spans far outside the range are skipped unread."""
    began = doc.get("start")
    return not isinstance(began, str) or earliest <= began[:19] <= latest


def _text(value: object) -> str | None:
    return value if isinstance(value, str) else None


_Sources = list[tuple[Path, list[dict[str, Any]]]]
_Tables = dict[str, dict[str, dict[str, Any]]]


def _same_sources(before: _Sources, now: _Sources) -> bool:
    return len(before) == len(now) and all(
        a_path == b_path and a_docs is b_docs
        for (a_path, a_docs), (b_path, b_docs) in zip(before, now, strict=True)
    )


def _newer(candidate: Record, current: Record) -> bool:
    return (candidate.rev, candidate.updated_at, candidate.device) > (
        current.rev,
        current.updated_at,
        current.device,
    )
