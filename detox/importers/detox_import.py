"""Reading back what `detox export --format json` wrote: a restore, or a move to a new home.

Spans keep their ids, devices and times, so reports come out the same and importing twice adds
nothing. Spans another machine's tracker recorded are stored by this device as imported spans
(a device only ever writes its own folder). Journal records keep their ids and revisions; one
already stored at the same or a later revision is left alone.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from detox.clock import Clock
from detox.errors import InputError
from detox.i18n import _, count
from detox.importers.problems import ImportFormatError, Problems, not_json, read_bytes
from detox.importers.summary import Counts, ImportSummary
from detox.importers.writing import span_changes
from detox.models import (
    SCHEMA_VERSION,
    DeviceInfo,
    Event,
    JournalRecord,
    ManualUsage,
    UsageSpan,
    journal_adapter,
)
from detox.store import Store
from detox.validation_text import first_problem

M = TypeVar("M", bound=BaseModel)


@dataclass(frozen=True)
class ExportContents:
    spans: list[UsageSpan]
    journal: list[JournalRecord]
    devices: list[DeviceInfo]


def load_detox_export(path: Path) -> ExportContents:
    raw = read_bytes(path)
    try:
        document = json.loads(raw)
    except UnicodeDecodeError:
        raise InputError(_("{path}: not JSON: not UTF-8 text").format(path=path)) from None
    except (ValueError, RecursionError) as error:
        raise not_json(path, error) from None
    return parse_detox_export(document, str(path))


def parse_detox_export(document: object, source: str) -> ExportContents:
    if not isinstance(document, dict) or "schema_version" not in document:
        raise ImportFormatError(source, [_("not a detox export (no schema_version)")])
    version = document["schema_version"]
    if not isinstance(version, int) or isinstance(version, bool):
        raise ImportFormatError(
            source, [_("schema_version {value} is not a number").format(value=repr(version))]
        )
    if version > SCHEMA_VERSION:
        raise InputError(
            _(
                "{source} was written by a newer detox (schema {version}); update detox first"
            ).format(source=source, version=version)
        )
    problems = Problems(source)
    spans = _validated(document, "spans", UsageSpan, problems)
    devices = _validated(document, "devices", DeviceInfo, problems)
    journal: list[JournalRecord] = []
    for index, raw in enumerate(_list(document, "journal", problems)):
        try:
            journal.append(journal_adapter().validate_python(raw))
        except ValidationError as error:
            problems.add(f"journal[{index}]", first_problem(error))
    problems.raise_if_any()
    return ExportContents(spans, journal, devices)


def import_detox(
    path: Path,
    store: Store,
    clock: Clock,
    dry_run: bool = False,
    store_titles: bool = False,
) -> ImportSummary:
    """Spans and entries of an export; window titles only if this machine keeps titles."""
    contents = load_detox_export(path)
    own = store.device.id
    spans = [
        # Another machine's tracked time becomes this device's imported copy, id unchanged.
        span.model_copy(update={"source": "import"})
        if span.source == "tracker" and span.device != own
        else span
        for span in contents.spans
    ]
    if not store_titles:
        # The export may come from a machine that kept titles; this one promised not to.
        spans = [
            span.model_copy(update={"title": None}) if span.title is not None else span
            for span in spans
        ]
    names = {d.id: d.name for d in contents.devices}
    summary = ImportSummary(
        _("detox export {name}").format(name=path.name), "detox", dry_run, device_names=names
    )
    changed_spans, summary.counts["spans"] = span_changes(store, spans)
    entered = {r.id for r in contents.journal if isinstance(r, ManualUsage)}
    for span in spans:
        if span.id not in entered:
            summary.add(span.device, span.app, span.duration, span.start, span.end)
    records, summary.counts["entries"] = _journal_changes(store, contents.journal)
    for record in contents.journal:
        if isinstance(record, ManualUsage) and not record.deleted:
            usage = record.to_span()
            summary.add(usage.device, usage.app, usage.duration, usage.start, usage.end)
    if dry_run or not (changed_spans or records):
        return summary
    store.add_spans(changed_spans)
    now = clock.now()
    event = Event(
        device=own,
        updated_at=now,
        at=now,
        type="import",
        message=f"Imported {path.name}: {count(len(changed_spans), 'span', 'spans')}, "
        f"{count(len(records), 'entry', 'entries')}",
        data={"source": "detox", "device_names": names},
    )
    store.put_many([*records, event])
    return summary


def _journal_changes(
    store: Store, incoming: list[JournalRecord]
) -> tuple[list[JournalRecord], Counts]:
    stored = {r.id: r for r in store.journal(include_deleted=True)}
    counts = Counts()
    changed: list[JournalRecord] = []
    for record in incoming:
        current = stored.get(record.id)
        if current is None:
            counts.new += 1
        elif (current.rev, current.updated_at) >= (record.rev, record.updated_at):
            counts.unchanged += 1
            continue
        else:
            counts.updated += 1
        changed.append(record)
    return changed, counts


def _list(document: dict[str, Any], key: str, problems: Problems) -> list[object]:
    value = document.get(key, [])
    if not isinstance(value, list):
        problems.add(key, _("must be a list"))
        return []
    return value


def _validated(document: dict[str, Any], key: str, model: type[M], problems: Problems) -> list[M]:
    items: list[M] = []
    for index, raw in enumerate(_list(document, key, problems)):
        try:
            items.append(model.model_validate(raw))
        except ValidationError as error:
            problems.add(f"{key}[{index}]", first_problem(error))
    return items
