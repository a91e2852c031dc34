"""What an import found and what it changed, per device and per app; commands print it."""

from __future__ import annotations

import operator
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Any

from detox.durations import whole

if TYPE_CHECKING:
    from detox.models import UsageSpan

_START, _END = operator.attrgetter("start"), operator.attrgetter("end")


@dataclass
class Counts:
    """Items (spans or entries) an import would write: new, changed since last time, or known."""

    new: int = 0
    updated: int = 0
    unchanged: int = 0

    @property
    def written(self) -> int:
        return self.new + self.updated


@dataclass
class ImportSummary:
    source: str  # what was read, for the user: "ActivityWatch export aw.json"
    kind: str  # "activitywatch", "csv" or "detox"
    dry_run: bool
    seconds: dict[str, dict[str, float]] = field(default_factory=dict)  # device -> app -> s
    device_names: dict[str, str] = field(default_factory=dict)
    counts: dict[str, Counts] = field(default_factory=dict)  # "spans" / "entries" -> counts
    first: datetime | None = None
    last: datetime | None = None
    notes: list[str] = field(default_factory=list)

    def add(self, device: str, app: str, seconds: float, start: datetime, end: datetime) -> None:
        apps = self.seconds.setdefault(device, {})
        apps[app] = apps.get(app, 0.0) + seconds
        self.first = start if self.first is None else min(self.first, start)
        self.last = end if self.last is None else max(self.last, end)

    def add_spans(self, spans: Sequence[UsageSpan]) -> None:
        """add() of every span, in one loop (an import adds 122,000: a call each was 0.2 s)."""
        if not spans:
            return
        seconds = self.seconds
        for span in spans:
            apps = seconds.get(span.device)
            if apps is None:
                apps = seconds[span.device] = {}
            apps[span.app] = apps.get(span.app, 0.0) + span.duration
        first = min(map(_START, spans))
        last = max(map(_END, spans))
        self.first = first if self.first is None else min(self.first, first)
        self.last = last if self.last is None else max(self.last, last)

    @property
    def total_seconds(self) -> float:
        return sum(sum(apps.values()) for apps in self.seconds.values())

    @property
    def written(self) -> int:
        return sum(c.written for c in self.counts.values())

    def device_seconds(self, device: str) -> float:
        return sum(self.seconds.get(device, {}).values())

    def devices_by_time(self) -> list[str]:
        return sorted(self.seconds, key=lambda d: (-self.device_seconds(d), d))

    def apps_by_time(self, device: str) -> list[tuple[str, float]]:
        return sorted(self.seconds.get(device, {}).items(), key=lambda kv: (-kv[1], kv[0]))

    def to_json(self) -> dict[str, Any]:
        return {
            "source": self.source,
            "kind": self.kind,
            "dry_run": self.dry_run,
            "first": self.first.isoformat() if self.first else None,
            "last": self.last.isoformat() if self.last else None,
            "total_seconds": whole(self.total_seconds),
            "devices": [
                {
                    "device": device,
                    "name": self.device_names.get(device, device),
                    "seconds": whole(self.device_seconds(device)),
                    "apps": [
                        {"app": app, "seconds": whole(seconds)}
                        for app, seconds in self.apps_by_time(device)
                    ],
                }
                for device in self.devices_by_time()
            ],
            "counts": {
                name: {"new": c.new, "updated": c.updated, "unchanged": c.unchanged}
                for name, c in self.counts.items()
            },
            "notes": list(self.notes),
        }
