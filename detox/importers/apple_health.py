"""`detox import apple-health export.xml`: blood pressure, resting pulse and sleep from the
export the Health app writes (Health > profile > Export All Health Data): export.xml, or the
export.zip it comes in.

The file is read as a stream (`iterparse`) and every top-level element is dropped as soon as it
is read, so a multi-gigabyte export, mostly heart-rate and step samples detox ignores, is read in
bounded memory; only the readings to import are kept. What is taken:
- blood pressure: each `HKCorrelationTypeIdentifierBloodPressure` correlation (its systolic and
  diastolic records); lone systolic/diastolic records with the same start and source are paired
  when no correlation holds them;
- resting pulse: `HKQuantityTypeIdentifierRestingHeartRate` (the daily resting rate the watch
  computes; ordinary `HeartRate` samples are taken during activity and are skipped);
- sleep: the asleep stages of `HKCategoryTypeIdentifierSleepAnalysis`, overlaps between sources
  merged, summed per night and counted to the day you woke up.
XML that is not well-formed is refused whole (with its line and column), as is a relevant record
that cannot be read (with its element number); readings outside detox's ranges are left out and
listed. Nothing is stored unless the whole file was read.
"""

from __future__ import annotations

import contextlib
import xml.etree.ElementTree as ET
import zipfile
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, tzinfo
from pathlib import Path
from typing import IO

from pydantic import ValidationError

from detox.clock import local_day
from detox.errors import InputError
from detox.i18n import N_, _, clauses
from detox.importers.health_writing import (
    HealthImportSummary,
    imported_reading,
    write_imported,
)
from detox.importers.problems import Problems
from detox.models import HealthReading
from detox.store import Store
from detox.validation_text import first_problem

BP_CORRELATION = "HKCorrelationTypeIdentifierBloodPressure"
SYSTOLIC = "HKQuantityTypeIdentifierBloodPressureSystolic"
DIASTOLIC = "HKQuantityTypeIdentifierBloodPressureDiastolic"
RESTING = "HKQuantityTypeIdentifierRestingHeartRate"
SLEEP = "HKCategoryTypeIdentifierSleepAnalysis"
# Older exports say "Asleep"; since iOS 16 the stages are Core, Deep, REM or Unspecified.
ASLEEP_PREFIX = "HKCategoryValueSleepAnalysisAsleep"
DATE_FORMAT = "%Y-%m-%d %H:%M:%S %z"
SHOWN_SKIPPED = 5
NIGHT_GAP = timedelta(hours=3)


@dataclass(frozen=True)
class _Pressure:
    element: int
    at: datetime
    source: str
    systolic: float | None
    diastolic: float | None


@dataclass
class _Collected:
    pressures: list[_Pressure]
    lone: dict[tuple[datetime, str], dict[str, tuple[int, float]]]
    resting: list[tuple[int, datetime, float]]
    sleep: list[tuple[datetime, datetime]]


@contextlib.contextmanager
def _opened(path: Path) -> Iterator[IO[bytes]]:
    """The export as a byte stream: the file itself, or export.xml inside the zip the Health
    app writes (read from the zip as a stream, never unpacked to disk)."""
    try:
        if zipfile.is_zipfile(path):
            with zipfile.ZipFile(path) as archive:
                names = [n for n in archive.namelist() if n.rsplit("/", 1)[-1] == "export.xml"]
                if not names:
                    raise InputError(
                        _("{path}: a zip without export.xml; is it a Health export?").format(
                            path=path
                        )
                    )
                with archive.open(min(names, key=len)) as member:
                    yield member
        else:
            with path.open("rb") as file:
                yield file
    except (OSError, zipfile.BadZipFile) as error:
        reason = getattr(error, "strerror", None) or error
        raise InputError(
            _("{path}: cannot read: {reason}").format(path=path, reason=reason)
        ) from None


_NOT_HEALTH = N_("{path}: not an Apple Health export (no HealthData element)")


def _elements(path: Path) -> Iterator[tuple[int, ET.Element]]:
    """Each child of the root (a Record, a Correlation...) with its number from 1, cleared from
    memory once the caller is done with it."""
    depth = 0
    root: ET.Element | None = None
    number = 0
    with _opened(path) as stream:
        try:
            for event, element in ET.iterparse(stream, events=("start", "end")):
                if event == "start":
                    if root is None:
                        root = element
                        if root.tag != "HealthData":
                            raise InputError(_(_NOT_HEALTH).format(path=path))
                    depth += 1
                    continue
                depth -= 1
                if depth == 1:
                    number += 1
                    yield number, element
                    assert root is not None
                    root.clear()  # the root holds every finished child otherwise
        except ET.ParseError as error:
            line, column = error.position
            reason = str(error).split(":")[0]
            raise InputError(
                _(
                    "{path}: not well-formed XML at line {line}, column {column} ({reason}); "
                    "nothing imported. Export it again from the Health app."
                ).format(path=path, line=line, column=column + 1, reason=reason)
            ) from None
    if root is None:
        raise InputError(_(_NOT_HEALTH).format(path=path))


def _instant(text: str | None, where: str, problems: Problems) -> datetime | None:
    try:
        return datetime.strptime(text or "", DATE_FORMAT)
    except ValueError:
        problems.add(
            where,
            _("date {value} is not like 2024-01-31 07:30:00 +0100").format(value=repr(text)),
        )
        return None


def _number(text: str | None, where: str, problems: Problems) -> float | None:
    try:
        return float(text or "")
    except ValueError:
        problems.add(where, _("value {value} is not a number").format(value=repr(text)))
        return None


def _collect(path: Path, problems: Problems) -> _Collected:
    found = _Collected([], defaultdict(dict), [], [])
    for number, element in _elements(path):
        where = _("element {n}").format(n=number)
        kind = element.get("type", "")
        if element.tag == "Correlation" and kind == BP_CORRELATION:
            at = _instant(element.get("startDate"), where, problems)
            values: dict[str, float | None] = {SYSTOLIC: None, DIASTOLIC: None}
            for record in element.iter("Record"):
                if record.get("type") in values:
                    values[record.get("type", "")] = _number(record.get("value"), where, problems)
            if at is not None:
                found.pressures.append(
                    _Pressure(
                        number,
                        at,
                        element.get("sourceName", ""),
                        values[SYSTOLIC],
                        values[DIASTOLIC],
                    )
                )
        elif element.tag == "Record" and kind in (SYSTOLIC, DIASTOLIC):
            at = _instant(element.get("startDate"), where, problems)
            value = _number(element.get("value"), where, problems)
            if at is not None and value is not None:
                found.lone[(at, element.get("sourceName", ""))][kind] = (number, value)
        elif element.tag == "Record" and kind == RESTING:
            # A day's resting rate starts just after midnight, before the day start: its end
            # dates it to the right day.
            at = _instant(element.get("endDate"), where, problems)
            value = _number(element.get("value"), where, problems)
            if at is not None and value is not None:
                found.resting.append((number, at, value))
        elif element.tag == "Record" and kind == SLEEP:
            if not element.get("value", "").startswith(ASLEEP_PREFIX):
                continue  # in bed, awake
            start = _instant(element.get("startDate"), where, problems)
            end = _instant(element.get("endDate"), where, problems)
            if start is not None and end is not None and end > start:
                found.sleep.append((start, end))
    return found


def _nights(
    spans: list[tuple[datetime, datetime]], day_start: time, zone: tzinfo | None
) -> dict[date, tuple[datetime, float]]:
    """Asleep hours per night, keyed by the day of waking: (when the night ended, hours).

    Overlapping spans (a watch and a phone app both recording) count once; spans less than
    NIGHT_GAP apart (woken at 02:00 for twenty minutes) are one night.
    """
    merged: list[list[datetime]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    nights: list[tuple[datetime, float]] = []
    for start, end in merged:
        hours = (end - start).total_seconds() / 3600
        if nights and start - nights[-1][0] < NIGHT_GAP:
            nights[-1] = (end, nights[-1][1] + hours)
        else:
            nights.append((end, hours))
    by_day: dict[date, tuple[datetime, float]] = {}
    for woke, hours in nights:
        day = local_day(woke, day_start, zone)
        earlier = by_day.get(day)
        by_day[day] = (woke, hours + (earlier[1] if earlier else 0.0))
    return by_day


def import_apple_health(
    path: Path,
    store: Store,
    device: str,
    now: datetime,
    day_start: time,
    zone: tzinfo | None,
    dry_run: bool = False,
) -> HealthImportSummary:
    problems = Problems(str(path))
    found = _collect(path, problems)
    problems.raise_if_any()
    summary = HealthImportSummary(_("Apple Health export {name}").format(name=path.name), dry_run)
    readings: list[HealthReading] = []
    skipped: list[str] = []

    def add(element: int, key: str, **values: object) -> None:
        try:
            readings.append(imported_reading(f"apple-health|{key}", device, now, **values))
        except ValidationError as error:
            what = first_problem(error)
            skipped.append(_("element {n} ({problem})").format(n=element, problem=what))

    paired = {(p.at, p.source) for p in found.pressures}
    for (at, source), parts in found.lone.items():
        if (at, source) not in paired and SYSTOLIC in parts and DIASTOLIC in parts:
            element = parts[SYSTOLIC][0]
            found.pressures.append(
                _Pressure(element, at, source, parts[SYSTOLIC][1], parts[DIASTOLIC][1])
            )
    for p in found.pressures:
        if p.systolic is None or p.diastolic is None:
            skipped.append(
                _("element {n} (blood pressure without both values)").format(n=p.element)
            )
            continue
        add(
            p.element,
            f"bp|{p.at.isoformat()}|{p.source}",
            measure="bp",
            at=p.at,
            systolic=round(p.systolic),
            diastolic=round(p.diastolic),
        )
    for element, at, value in found.resting:
        add(element, f"pulse|{at.isoformat()}", measure="pulse", at=at, pulse=round(value))
    for day, (woke, hours) in _nights(found.sleep, day_start, zone).items():
        add(0, f"sleep|{day.isoformat()}", measure="sleep", at=woke, hours=round(min(hours, 24), 4))
    latest = now + timedelta(minutes=1)
    future = sum(1 for r in readings if r.at > latest)
    if future:
        skipped.append(_("{n} dated in the future").format(n=future))
        readings = [r for r in readings if r.at <= latest]
    if skipped:
        shown = clauses(skipped[:SHOWN_SKIPPED])
        more = (
            _(" and {n} more").format(n=len(skipped) - SHOWN_SKIPPED)
            if len(skipped) > SHOWN_SKIPPED
            else ""
        )
        summary.notes.append(
            _("left out readings detox cannot take: {shown}{more}").format(shown=shown, more=more)
        )
    write_imported(store, readings, summary)
    return summary
