"""`date,app,minutes[,device]` rows, e.g. numbers copied from a phone's screen-time page.

Each row is a day's total for one app on one device, stored as an entered-use record with a
stable id: importing the file again changes nothing, and a corrected file (more minutes later
that day) revises the day's entry instead of adding to it. Rows repeating a (date, app, device)
are added together. A file with any bad row is refused whole, every bad row named by its line.
"""

from __future__ import annotations

import csv
import hashlib
import io
import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from pathlib import Path

from detox.catalog import Catalog
from detox.clock import Clock, day_bounds, local_datetime, local_day
from detox.config import Settings
from detox.durations import parse_duration, whole_minutes
from detox.errors import InputError
from detox.i18n import _, count
from detox.importers.problems import Problems
from detox.importers.summary import Counts, ImportSummary
from detox.models import Event, ManualUsage
from detox.store import Store

COLUMNS = ("date", "app", "minutes", "device")
DEFAULT_DEVICE = "phone"
MAX_DEVICE_LENGTH = 40
MINUTES_PER_DAY = 24 * 60
_ENTRY_TIME = time(12, 0)  # a day's total has no time of its own; midday keeps it inside the day
_NUMBER = re.compile(r"^\d+(?:[.,]\d+)?$")


@dataclass(frozen=True)
class CsvDay:
    """One (day, app, device) total from the file; `line` is where it was (last) seen."""

    line: int
    day: date
    app: str
    device: str
    seconds: float


def read_csv(path: Path, catalog: Catalog, today: date) -> list[CsvDay]:
    """The file's day totals; raises ImportFormatError naming every bad line."""
    text = _read_text(path)
    problems = Problems(str(path))
    try:
        rows = _rows(text)
    except csv.Error as error:  # a field over csv's 131,072-character limit, a stray NUL
        raise InputError(
            _("{path}: not a readable CSV file ({reason})").format(path=path, reason=error)
        ) from None
    if not rows:
        raise InputError(_("{path}: no rows; expected date,app,minutes[,device]").format(path=path))
    columns, has_header, rows = _columns(rows, problems)
    totals: dict[tuple[date, str, str], CsvDay] = {}
    for line, cells in rows:
        if not has_header and len(cells) > len(COLUMNS):
            problems.add(
                _line(line),
                _("{n} columns; expected date,app,minutes[,device]").format(n=len(cells)),
            )
            continue
        values = {name: cells[i].strip() if i < len(cells) else "" for name, i in columns.items()}
        parsed = _row(line, values, catalog, today, problems)
        if parsed is None:
            continue
        key = (parsed.day, parsed.app, parsed.device)
        earlier = totals.get(key)
        if earlier is not None:
            seconds = earlier.seconds + parsed.seconds
            if seconds > MINUTES_PER_DAY * 60:
                problems.add(
                    _line(line),
                    _("{app} on {day} adds up to more than a day").format(
                        app=parsed.app, day=parsed.day
                    ),
                )
                continue
            parsed = CsvDay(line, parsed.day, parsed.app, parsed.device, seconds)
        totals[key] = parsed
    problems.raise_if_any()
    return sorted(totals.values(), key=lambda d: (d.day, d.device, d.app))


def import_csv(
    path: Path,
    store: Store,
    catalog: Catalog,
    settings: Settings,
    clock: Clock,
    dry_run: bool = False,
) -> ImportSummary:
    now = clock.now()
    today = local_day(now, settings.day_start, settings.zone)
    days = read_csv(path, catalog, today)
    summary = ImportSummary(_("CSV file {name}").format(name=path.name), "csv", dry_run)
    counts = summary.counts.setdefault("entries", Counts())
    existing = {r.id: r for r in store.journal(include_deleted=True)}
    problems = Problems(str(path))
    writes: list[ManualUsage] = []
    for entry in days:
        start = _start(entry, settings, now, problems)
        if start is None:
            continue
        summary.add(entry.device, entry.app, entry.seconds, start, start + _seconds(entry))
        summary.device_names[entry.device] = entry.device
        record_id = csv_entry_id(entry)
        current = existing.get(record_id)
        if current is None:
            counts.new += 1
            writes.append(
                ManualUsage(
                    id=record_id,
                    device=store.device.id,
                    updated_at=now,
                    app=entry.app,
                    start=start,
                    duration=entry.seconds,
                    device_label=entry.device,
                    source="import",
                )
            )
        elif _same_day_total(current, entry, settings):
            counts.unchanged += 1
        else:
            counts.updated += 1
            revised = ManualUsage.model_validate(
                current.model_dump()
                | {
                    "rev": current.rev + 1,
                    "updated_at": now,
                    "device": store.device.id,
                    "deleted": False,
                    "app": entry.app,
                    "start": start,
                    "duration": entry.seconds,
                    "device_label": entry.device,
                    "source": "import",
                }
            )
            writes.append(revised)
    problems.raise_if_any()
    if dry_run or not writes:
        return summary
    event = Event(
        device=store.device.id,
        updated_at=now,
        at=now,
        type="import",
        message=f"Imported {len(writes)} day totals from {path.name}",
        data={"source": "csv", "entries": len(writes)},
    )
    store.put_many([*writes, event])  # one write: all of the file or nothing
    return summary


def csv_entry_id(entry: CsvDay) -> str:
    key = f"csv|{entry.device.lower()}|{entry.app}|{entry.day.isoformat()}"
    return hashlib.sha1(key.encode()).hexdigest()[:16]


def _seconds(entry: CsvDay) -> timedelta:
    return timedelta(seconds=entry.seconds)


def _start(entry: CsvDay, settings: Settings, now: datetime, problems: Problems) -> datetime | None:
    calendar_date = entry.day + timedelta(days=1) if settings.day_start > _ENTRY_TIME else entry.day
    start = local_datetime(calendar_date, _ENTRY_TIME, settings.zone)
    if start + _seconds(entry) <= now:
        return start
    # Today's total so far: it ends now, and it must fit into the part of the day gone by.
    start = now - _seconds(entry)
    day_start, _end = day_bounds(entry.day, settings.day_start, settings.zone)
    if start < day_start:
        minutes = whole_minutes(entry.seconds)
        problems.add(
            _line(entry.line),
            _("{minutes} on {day} is more than has passed so far").format(
                minutes=count(minutes, "minute", "minutes"), day=entry.day
            ),
        )
        return None
    return start


def _same_day_total(current: object, entry: CsvDay, settings: Settings) -> bool:
    return (
        isinstance(current, ManualUsage)
        and not current.deleted
        and current.app == entry.app
        and current.device_label == entry.device
        and abs(current.duration - entry.seconds) < 0.5
        and local_day(current.start, settings.day_start, settings.zone) == entry.day
    )


# -- reading rows -----------------------------------------------------------------------------


def _line(number: int) -> str:
    return _("line {n}").format(n=number)


def _read_text(path: Path) -> str:
    try:
        return path.read_bytes().decode("utf-8-sig")  # spreadsheets often start with a BOM
    except FileNotFoundError:
        raise InputError(_("{path}: no such file").format(path=path)) from None
    except UnicodeDecodeError as error:
        raise InputError(
            _("{path}: not UTF-8 text (byte {byte}); save it as UTF-8 CSV").format(
                path=path, byte=error.start
            )
        ) from None
    except OSError as error:
        raise InputError(
            _("{path}: cannot read: {reason}").format(path=path, reason=error.strerror or error)
        ) from None


def _rows(text: str) -> list[tuple[int, list[str]]]:
    first = next((line for line in text.splitlines() if line.strip()), "")
    # Spreadsheets in many locales write ';' (the comma is their decimal mark); some write tabs.
    delimiter = max((",", ";", "\t"), key=first.count) if first else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    rows: list[tuple[int, list[str]]] = []
    for cells in reader:
        while cells and not cells[-1].strip():
            cells.pop()
        if not cells or cells[0].lstrip().startswith("#"):
            continue
        rows.append((reader.line_num, cells))
    return rows


def _columns(
    rows: list[tuple[int, list[str]]], problems: Problems
) -> tuple[dict[str, int], bool, list[tuple[int, list[str]]]]:
    """Which cell holds which column, whether the first row was a header, and the data rows."""
    line, first = rows[0]
    names = [cell.strip().lower() for cell in first]
    if "date" not in names and "app" not in names:
        return {name: i for i, name in enumerate(COLUMNS)}, False, rows
    columns = {name: names.index(name) for name in COLUMNS if name in names}
    missing = [name for name in COLUMNS[:3] if name not in columns]
    if missing:
        problems.add(_line(line), _("the header lacks {names}").format(names=", ".join(missing)))
        problems.raise_if_any()
    return columns, True, rows[1:]


def _row(
    line: int, values: dict[str, str], catalog: Catalog, today: date, problems: Problems
) -> CsvDay | None:
    where = _line(line)
    before = len(problems.found)
    day = _date(values.get("date", ""), today, where, problems)
    app = _app(values.get("app", ""), catalog, where, problems)
    seconds = _minutes(values.get("minutes", ""), where, problems)
    device = values.get("device", "").strip() or DEFAULT_DEVICE
    if len(device) > MAX_DEVICE_LENGTH:
        problems.add(where, _("device name longer than {n} characters").format(n=MAX_DEVICE_LENGTH))
    if len(problems.found) > before or day is None or app is None or seconds is None:
        return None
    if seconds == 0:
        return None  # a screen-time page lists apps with no use; nothing to record
    return CsvDay(line, day, app, device, seconds)


def _date(text: str, today: date, where: str, problems: Problems) -> date | None:
    try:
        day = date.fromisoformat(text)
    except ValueError:
        problems.add(where, _("date {value} is not YYYY-MM-DD").format(value=repr(text)))
        return None
    if day > today:
        problems.add(where, _("date {day} is in the future").format(day=day))
        return None
    return day


def _app(text: str, catalog: Catalog, where: str, problems: Problems) -> str | None:
    if not text:
        problems.add(where, _("no app"))
        return None
    app = catalog.get(text)
    found = app.id if app else catalog.app_for_android_package(text)
    if found is None and "." in text:
        found = catalog.app_for_domain(text)
    if found is None:
        close = catalog.suggest(text)
        problems.add(
            where,
            _("unknown app {value}; did you mean {names}?").format(
                value=repr(text), names=", ".join(close)
            )
            if close
            else _("unknown app {value}; see `detox apps list`").format(value=repr(text)),
        )
    return found


def _minutes(text: str, where: str, problems: Problems) -> float | None:
    if not text:
        problems.add(where, _("no minutes"))
        return None
    if text.startswith("-"):
        problems.add(where, _("minutes {value} cannot be negative").format(value=repr(text)))
        return None
    if _NUMBER.match(text):
        minutes = float(text.replace(",", "."))
        seconds = minutes * 60
    else:
        try:
            seconds = float(parse_duration(text))  # "1h 20m", "1:20" as phones show them
        except InputError:
            problems.add(
                where,
                _("minutes {value} is neither minutes nor a duration like 1h 20m").format(
                    value=repr(text)
                ),
            )
            return None
    if seconds > MINUTES_PER_DAY * 60:
        problems.add(where, _("{value} minutes is more than a day").format(value=text))
        return None
    return seconds
