"""Writing imported health readings so that importing the same file again adds nothing.

An imported reading's id is derived from where it came from and when it was taken, so a second
import finds it: unchanged readings are counted and skipped, a reading whose values changed gets
a new revision, and a reading the user deleted stays deleted. Everything new is stored in one
write, so an import is stored whole or not at all.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from detox.health.readings import save_readings
from detox.i18n import clauses
from detox.importers.summary import Counts
from detox.models import HealthReading
from detox.store import Store

_VALUES = ("measure", "at", "systolic", "diastolic", "pulse", "hours")


def import_id(import_key: str) -> str:
    return hashlib.sha1(f"health-import|{import_key}".encode()).hexdigest()[:16]


def imported_reading(import_key: str, device: str, now: datetime, **values: Any) -> HealthReading:
    """A reading from a file, with the id its import key gives it; raises ValidationError."""
    return HealthReading.model_validate(
        {
            "id": import_id(import_key),
            "device": device,
            "updated_at": now,
            "source": "import",
            "import_key": import_key,
            **values,
        }
    )


@dataclass
class HealthImportSummary:
    source: str
    dry_run: bool
    counts: dict[str, Counts] = field(default_factory=dict)  # measure -> counts
    first: datetime | None = None
    last: datetime | None = None
    notes: list[str] = field(default_factory=list)

    @property
    def written(self) -> int:
        return sum(c.written for c in self.counts.values())

    def to_json(self) -> dict[str, Any]:
        return {
            "source": self.source,
            "kind": "health",
            "dry_run": self.dry_run,
            "first": self.first.isoformat() if self.first else None,
            "last": self.last.isoformat() if self.last else None,
            "counts": {
                name: {"new": c.new, "updated": c.updated, "unchanged": c.unchanged}
                for name, c in self.counts.items()
            },
            "notes": list(self.notes),
        }

    def lines(self) -> list[str]:
        """What the import did, in the active language."""
        from detox.i18n import N_, _

        names = {"bp": N_("blood pressure"), "pulse": N_("resting pulse"), "sleep": N_("sleep")}
        found = sum(c.new + c.updated + c.unchanged for c in self.counts.values())
        if not found:
            out = [
                _("{source}: no blood pressure, resting pulse or sleep found.").format(
                    source=self.source
                )
            ]
        else:
            counted = clauses(
                _("{kind}: {new} new, {updated} updated, {unchanged} already there").format(
                    kind=_(names.get(kind, kind)),
                    new=c.new,
                    updated=c.updated,
                    unchanged=c.unchanged,
                )
                for kind, c in self.counts.items()
            )
            if self.dry_run:
                line = _("{source}: dry run, nothing written. Would import {counted}.")
            elif self.written:
                line = _("{source}: imported {counted}.")
            else:
                line = _("{source}: nothing new, all of it was imported before ({counted}).")
            out = [line.format(source=self.source, counted=counted)]
        return out + [_("Note: {note}").format(note=note) for note in self.notes]


def write_imported(
    store: Store, readings: Sequence[HealthReading], summary: HealthImportSummary
) -> None:
    """Count new/updated/unchanged readings into the summary and store the changes (unless a
    dry run) in one write."""
    stored = {r.id: r for r in store.journal(include_deleted=True) if isinstance(r, HealthReading)}
    changed: list[HealthReading] = []
    for reading in sorted(readings, key=lambda r: (r.at, r.id)):
        counts = summary.counts.setdefault(reading.measure, Counts())
        summary.first = reading.at if summary.first is None else min(summary.first, reading.at)
        summary.last = reading.at if summary.last is None else max(summary.last, reading.at)
        current = stored.get(reading.id)
        if current is None:
            counts.new += 1
            changed.append(reading)
        elif current.deleted or all(
            getattr(current, name) == getattr(reading, name) for name in _VALUES
        ):
            counts.unchanged += 1  # a reading the user deleted is not brought back
        else:
            counts.updated += 1
            changed.append(
                current.revise(
                    reading.device,
                    reading.updated_at,
                    **{name: getattr(reading, name) for name in _VALUES},
                )
            )
    if not summary.dry_run and changed:
        save_readings(store, changed)
