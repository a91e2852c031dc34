"""`detox import health-csv FILE`: blood-pressure readings from a home monitor's app.

Rows hold a date, a time, systolic, diastolic and optionally pulse. Without a header the columns
are `date,time,systolic,diastolic[,pulse]`; with one, the columns are found by the names monitor
apps write (Omron's "Systolic (mmHg)", iHealth's "SYS(mmHg)", Withings' "Heart rate", "BPM"...),
and a single "Date" column may hold the time as well. Times are the user's local time. A file
with any bad row is refused whole, each bad row named by its line; importing it again adds
nothing.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date, datetime, time, tzinfo
from pathlib import Path

from pydantic import ValidationError

from detox.clock import local_datetime
from detox.errors import InputError
from detox.i18n import _
from detox.importers.csv_import import _read_text, _rows
from detox.importers.health_writing import (
    HealthImportSummary,
    imported_reading,
    write_imported,
)
from detox.importers.problems import Problems
from detox.models import HealthReading
from detox.store import Store
from detox.validation_text import first_problem

POSITIONAL = ("date", "time", "systolic", "diastolic", "pulse")
# Header words, lower case with units in brackets and everything but letters removed.
ALIASES: dict[str, str] = {
    "date": "date",
    "datetime": "date",
    "dateandtime": "date",
    "measurementdate": "date",
    "measuredat": "date",
    "timestamp": "date",
    "day": "date",
    "time": "time",
    "measurementtime": "time",
    "systolic": "systolic",
    "sys": "systolic",
    "sbp": "systolic",
    "systolicpressure": "systolic",
    "systolicbloodpressure": "systolic",
    "upper": "systolic",
    "diastolic": "diastolic",
    "dia": "diastolic",
    "dbp": "diastolic",
    "diastolicpressure": "diastolic",
    "diastolicbloodpressure": "diastolic",
    "lower": "diastolic",
    "pulse": "pulse",
    "pulserate": "pulse",
    "heartrate": "pulse",
    "hr": "pulse",
    "bpm": "pulse",
    "pul": "pulse",
}
_DATE = re.compile(r"^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[ T](.+))?$")
_TIME = re.compile(r"^(\d{1,2}):(\d{2})(?::(\d{2}))?\s*([AaPp][Mm])?$")


def header_word(cell: str) -> str:
    return re.sub(r"[^a-z]", "", re.sub(r"\(.*?\)|\[.*?\]", "", cell.lower()))


def _columns(cells: Sequence[str]) -> dict[str, int] | None:
    """Column positions from a header row; None when the row is data."""
    found: dict[str, int] = {}
    for index, cell in enumerate(cells):
        name = ALIASES.get(header_word(cell))
        if name is not None and name not in found:
            found[name] = index
    if "systolic" in found or "diastolic" in found:
        return found
    return None


def _time(text: str) -> time | None:
    match = _TIME.match(text.strip())
    if match is None:
        return None
    hour, minute, second = int(match.group(1)), int(match.group(2)), int(match.group(3) or 0)
    half = (match.group(4) or "").lower()
    if half:
        if not 1 <= hour <= 12:
            return None
        hour = hour % 12 + (12 if half == "pm" else 0)
    try:
        return time(hour, minute, second)
    except ValueError:
        return None


def _when(date_text: str, time_text: str, zone: tzinfo | None) -> datetime | str:
    """The instant, or what is wrong with it."""
    match = _DATE.match(date_text.strip())
    if match is None:
        return _("date {value} is not YYYY-MM-DD").format(value=repr(date_text))
    try:
        day = date(int(match.group(1)), int(match.group(2)), int(match.group(3)))
    except ValueError:
        return _("date {value} does not exist").format(value=repr(date_text))
    clock_text = time_text.strip() or (match.group(4) or "").strip()
    if not clock_text:
        return _("no time: add a time column or write it after the date")
    wall = _time(clock_text)
    if wall is None:
        return _("time {value} is not HH:MM").format(value=repr(clock_text))
    return local_datetime(day, wall, zone)


def _whole(text: str, name: str) -> int | str:
    try:
        value = float(text.strip().replace(",", "."))
    except ValueError:
        return _("{name} {value} is not a number").format(name=name, value=repr(text.strip()))
    return round(value)


def read_health_csv(
    path: Path, device: str, now: datetime, zone: tzinfo | None
) -> list[HealthReading]:
    text = _read_text(path)
    rows = _rows(text)
    if not rows:
        raise InputError(
            _("{path}: no rows; expected date,time,systolic,diastolic[,pulse]").format(path=path)
        )
    problems = Problems(str(path))
    header_line, first = rows[0]
    columns = _columns(first)
    if columns is None:
        columns = {name: index for index, name in enumerate(POSITIONAL)}
    else:
        missing = [n for n in ("date", "systolic", "diastolic") if n not in columns]
        if missing:
            problems.add(
                _("line {n}").format(n=header_line),
                _("no {names} column in the header").format(names=_(" or ").join(missing)),
            )
            problems.raise_if_any()
        rows = rows[1:]
    readings: dict[str, HealthReading] = {}
    for line, cells in rows:
        where = _("line {n}").format(n=line)

        def cell(name: str, cells: list[str] = cells) -> str:
            index = columns.get(name)
            return cells[index] if index is not None and index < len(cells) else ""

        at = _when(cell("date"), cell("time"), zone)
        systolic = _whole(cell("systolic"), "systolic")
        diastolic = _whole(cell("diastolic"), "diastolic")
        pulse: int | str | None = _whole(cell("pulse"), "pulse") if cell("pulse").strip() else None
        wrong = [v for v in (at, systolic, diastolic, pulse) if isinstance(v, str)]
        if wrong:
            for problem in wrong:
                problems.add(where, str(problem))
            continue
        assert isinstance(at, datetime)
        if at > now:
            problems.add(
                where,
                _("{when} is in the future").format(when=f"{cell('date')} {cell('time')}".strip()),
            )
            continue
        key = f"csv|{at.isoformat()}"
        try:
            readings[key] = imported_reading(
                key,
                device,
                now,
                measure="bp",
                at=at,
                systolic=systolic,
                diastolic=diastolic,
                pulse=pulse,
            )
        except ValidationError as error:
            problems.add(where, first_problem(error))
    problems.raise_if_any()
    return list(readings.values())


def import_health_csv(
    path: Path,
    store: Store,
    device: str,
    now: datetime,
    zone: tzinfo | None,
    dry_run: bool = False,
) -> HealthImportSummary:
    readings = read_health_csv(path, device, now, zone)
    summary = HealthImportSummary(_("Health CSV {name}").format(name=path.name), dry_run)
    write_imported(store, readings, summary)
    return summary
