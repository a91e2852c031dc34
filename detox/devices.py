"""The devices detox has data from, and picking some of them for a report.

A *device* is what a span's `device` field names: a machine's id (it has a folder under
devices/, written by its own detox, maybe synced from elsewhere), or a label such as "phone" for
use entered by hand or imported (an ActivityWatch host, a CSV's device column).
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from detox.durations import whole
from detox.errors import InputError
from detox.i18n import _, listing
from detox.models import Event, JournalRecord, ManualUsage, UsageSpan
from detox.store import Store

# The names a device's own files have; anything else matching the store's globs is a copy a sync
# tool left beside them (and is merged).
_OWN_FILE = re.compile(r"^(?:usage-\d{4}-\d{2}(?:-\d{2})?|journal|device)\.json$")
_DATA_FILE = re.compile(r"^(?:usage-\d{4}-\d{2}|journal).*\.json$")


@dataclass(frozen=True)
class DeviceSummary:
    key: str  # what spans carry: a machine id, or a label such as "phone"
    name: str
    this_device: bool
    has_folder: bool  # a machine running detox (possibly synced from elsewhere)
    hostname: str | None
    sources: tuple[str, ...]  # tracker, manual, import
    last_data: datetime | None
    seconds: float  # all social time recorded for it
    spans: int
    entries: int  # journal records this machine wrote (mood, entered use, ...)
    sync_copies: int  # conflict copies a sync tool left in its folder, merged on read

    @property
    def kind(self) -> str:
        if self.this_device:
            return "this machine"
        if self.has_folder:
            return "synced machine"
        return "imported" if self.sources == ("import",) else "entered"

    def to_json(self) -> dict[str, Any]:
        return {
            "device": self.key,
            "name": self.name,
            "kind": self.kind,
            "this_device": self.this_device,
            "hostname": self.hostname,
            "sources": list(self.sources),
            "last_data": self.last_data.isoformat() if self.last_data else None,
            "seconds": whole(self.seconds),
            "spans": self.spans,
            "entries": self.entries,
            "sync_copies": self.sync_copies,
        }


def all_spans(store: Store) -> list[UsageSpan]:
    """Every span of every device: tracked, imported, and entered by hand."""
    months = store.all_span_months()
    entered = [usage.start for usage in store.records(ManualUsage)]
    starts = [datetime.fromisoformat(f"{m}-01T00:00:00+00:00") for m in months[:1]] + entered
    if not starts:
        return []
    # Files are per month of a span's start and a span lasts at most a day.
    ends = [datetime.fromisoformat(f"{m}-01T00:00:00+00:00") + timedelta(days=33) for m in months]
    ends += [start + timedelta(days=2) for start in entered]
    return store.spans(min(starts), max(ends))


def list_devices(store: Store) -> list[DeviceSummary]:
    """Machines first (this one, then the others by name), then labels, each with its data."""
    folders = {info.id: info for info in store.devices()}
    journal = store.journal()
    names = _imported_names(journal)
    spans_by: dict[str, list[UsageSpan]] = defaultdict(list)
    for span in all_spans(store):
        spans_by[span.device].append(span)
    written_by: dict[str, list[JournalRecord]] = defaultdict(list)
    for record in journal:
        written_by[record.device].append(record)
    summaries: list[DeviceSummary] = []
    for key in folders.keys() | spans_by.keys():
        info = folders.get(key)
        own, written = spans_by.get(key, []), written_by.get(key, [])
        moments = [s.end for s in own] + [r.updated_at for r in written]
        summaries.append(
            DeviceSummary(
                key=key,
                name=info.name if info is not None else names.get(key, key),
                this_device=key == store.device.id,
                has_folder=info is not None,
                hostname=info.hostname if info is not None and info.hostname != "?" else None,
                sources=tuple(sorted({s.source for s in own})),
                last_data=max(moments) if moments else None,
                seconds=sum(s.duration for s in own),
                spans=len(own),
                entries=len(written),
                sync_copies=_sync_copies(store, key) if info is not None else 0,
            )
        )
    return sorted(
        summaries, key=lambda d: (not d.this_device, not d.has_folder, d.name.lower(), d.key)
    )


def resolve_devices(store: Store, text: str) -> set[str]:
    """The device keys a user's word names: an id, a label, a name or a host name."""
    wanted = text.strip().lower()
    known = list_devices(store)
    found = {
        d.key
        for d in known
        if wanted in (d.key.lower(), d.name.lower(), (d.hostname or "").lower())
    }
    if not found:
        choices = listing(sorted({d.name for d in known})) or _("none yet")
        raise InputError(
            _("no device {value}; known devices: {names}").format(value=repr(text), names=choices)
        )
    return found


def spans_of(spans: Iterable[UsageSpan], devices: set[str]) -> list[UsageSpan]:
    return [span for span in spans if span.device in devices]


def _sync_copies(store: Store, key: str) -> int:
    folder = store.paths.device_dir(key)
    try:
        files = [p.name for p in folder.iterdir() if p.is_file()]
    except FileNotFoundError:
        return 0
    return sum(1 for name in files if _DATA_FILE.match(name) and not _OWN_FILE.match(name))


def _imported_names(journal: Iterable[object]) -> dict[str, str]:
    """Names imports recorded for devices without a folder here ("phone (Pixel 7)", a host)."""
    names: dict[str, str] = {}
    for record in journal:
        if isinstance(record, Event) and record.type == "import":
            found = record.data.get("device_names")
            if isinstance(found, dict):
                names.update({str(k): str(v) for k, v in found.items()})
    return names
