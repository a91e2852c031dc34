"""`detox health bp | pulse | sleep | list | edit | delete` and `detox offline`."""

from __future__ import annotations

from collections import defaultdict
from datetime import date, datetime, timedelta
from typing import Any

import click

from detox.clock import day_bounds, local_day, to_local
from detox.commands.common import echo, echo_json, parse_day, parse_time_of_day, pass_detox, today
from detox.commands.entries import entry_instant, instant_on_day
from detox.commands.mood import DefaultSubcommandGroup
from detox.context import Context
from detox.durations import format_duration, parse_duration, whole
from detox.errors import InputError
from detox.health.offline import (
    all_offline,
    delete_offline,
    new_offline,
    revised_offline,
    save_offline,
)
from detox.health.readings import (
    MEASURE_NAMES,
    all_readings,
    delete_reading,
    new_reading,
    parse_arm,
    parse_bp,
    parse_sleep,
    reading_summary,
    revised_reading,
    save_reading,
)
from detox.health.sessions import bp_sessions
from detox.i18n import N_, _, listing
from detox.localized import weekday_name
from detox.models import HealthMeasure, HealthReading, OfflineEntry
from detox.moodlog import find_record

DEFAULT_LIST_DAYS = 30  # the --from help says so
ARM = click.Choice(["left", "right"], case_sensitive=False)
KIND = click.Choice(["bp", "pulse", "sleep"])


def _when_options(function: Any) -> Any:
    function = click.option("--at", "at_text", metavar="HH:MM", help="Time of the reading.")(
        function
    )
    return click.option(
        "--date", "day_text", metavar="D", help="Local day (YYYY-MM-DD, today, yesterday)."
    )(function)


def _note_option(function: Any) -> Any:
    return click.option("--note", help="A few words (seated, after coffee...).")(function)


def _local_text(context: Context, instant: datetime) -> str:
    """ "Thu 2026-12-03 07:40"; the weekday in the language ("czw.", "목")."""
    local = to_local(instant, context.settings.zone)
    return f"{weekday_name(local.weekday())} {local:%Y-%m-%d %H:%M}"


def _saved(context: Context, reading: HealthReading) -> None:
    save_reading(context.store, reading)
    echo(
        _("Saved {reading} ({id}, {when}).").format(
            reading=reading_summary(reading),
            id=reading.id[:8],
            when=_local_text(context, reading.at),
        )
    )


@click.group("health")
def health_group() -> None:
    """Blood pressure, resting pulse and sleep readings.

    `detox health bp 128/82 --pulse 71`, `detox health pulse 64`, `detox health sleep 7h30m`.
    Readings taken within 10 minutes of each other form one session whose mean counts; morning
    and evening sessions are kept apart (see `detox insights`).
    """


@health_group.command("bp")
@click.argument("value", metavar="SYS/DIA")
@click.option("--pulse", type=int, metavar="BPM", help="Pulse the monitor showed (25-220).")
@click.option("--arm", type=ARM, help="The arm measured: left or right.")
@_note_option
@_when_options
@pass_detox
def health_bp(
    context: Context,
    value: str,
    pulse: int | None,
    arm: str | None,
    note: str | None,
    day_text: str | None,
    at_text: str | None,
) -> None:
    """Log a blood-pressure reading in mmHg, e.g. 128/82 (systolic 60-260, diastolic 30-160)."""
    systolic, diastolic = parse_bp(value)
    at = entry_instant(context, day_text, at_text, N_("a reading"))
    reading = new_reading(
        "bp",
        device=context.device.id,
        now=context.clock.now(),
        at=at,
        systolic=systolic,
        diastolic=diastolic,
        pulse=pulse,
        arm=parse_arm(arm),
        note=note,
    )
    _saved(context, reading)


@health_group.command("pulse")
@click.argument("bpm", type=int, metavar="BPM")
@_note_option
@_when_options
@pass_detox
def health_pulse(
    context: Context, bpm: int, note: str | None, day_text: str | None, at_text: str | None
) -> None:
    """Log a resting pulse in beats per minute (25-220)."""
    at = entry_instant(context, day_text, at_text, N_("a reading"))
    reading = new_reading(
        "pulse", device=context.device.id, now=context.clock.now(), at=at, pulse=bpm, note=note
    )
    _saved(context, reading)


@health_group.command("sleep")
@click.argument("duration", metavar="DURATION", nargs=-1, required=True)
@_note_option
@_when_options
@pass_detox
def health_sleep(
    context: Context,
    duration: tuple[str, ...],
    note: str | None,
    day_text: str | None,
    at_text: str | None,
) -> None:
    """Log last night's sleep, e.g. 7h30m (it counts to the day you log it)."""
    at = entry_instant(context, day_text, at_text, N_("a reading"))
    reading = new_reading(
        "sleep",
        device=context.device.id,
        now=context.clock.now(),
        at=at,
        hours=parse_sleep(" ".join(duration)),
        note=note,
    )
    _saved(context, reading)


def _period(
    context: Context, from_text: str | None, to_text: str | None
) -> tuple[date, date, datetime, datetime]:
    last = parse_day(to_text, context)
    first = (
        parse_day(from_text, context)
        if from_text is not None
        else min(last, today(context)) - timedelta(days=DEFAULT_LIST_DAYS - 1)
    )
    if first > last:
        raise InputError(_("--from {first} is after --to {last}").format(first=first, last=last))
    settings = context.settings
    start = day_bounds(first, settings.day_start, settings.zone)[0]
    end = day_bounds(last, settings.day_start, settings.zone)[1]
    return first, last, start, end


def reading_json(context: Context, reading: HealthReading) -> dict[str, object]:
    settings = context.settings
    return {
        "id": reading.id,
        "kind": reading.measure,
        "at": reading.at.isoformat(),
        "day": local_day(reading.at, settings.day_start, settings.zone).isoformat(),
        "systolic": reading.systolic,
        "diastolic": reading.diastolic,
        "pulse": reading.pulse,
        "hours": reading.hours,
    }


@health_group.command("list")
@click.option("--from", "from_text", metavar="D", help="First day (default: 30 days ago).")
@click.option("--to", "to_text", metavar="D", help="Last day (default: today).")
@click.option("--kind", "measure", type=KIND, help="Only bp, pulse or sleep.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@pass_detox
def health_list(
    context: Context,
    from_text: str | None,
    to_text: str | None,
    measure: HealthMeasure | None,
    as_json: bool,
) -> None:
    """Readings of a period, oldest first, with the ids that edit and delete take.

    Blood-pressure sessions (readings within 10 minutes) show their mean after the readings.
    """
    first, last, start, end = _period(context, from_text, to_text)
    found = [r for r in all_readings(context.store, measure) if start <= r.at < end]
    if as_json:
        echo_json([reading_json(context, r) for r in found])
        return
    if not found:
        echo(
            _("No readings from {first} to {last}: `detox health bp 128/82` logs one.").format(
                first=first, last=last
            )
        )
        return
    settings = context.settings
    session_of = {
        reading.id: session
        for session in bp_sessions(found, settings.day_start, settings.zone)
        for reading in session.readings
    }
    for reading in found:
        echo(f"{reading.id[:8]}  {_local_text(context, reading.at)}  {reading_summary(reading)}")
        session = session_of.get(reading.id)
        if session is not None and len(session.readings) > 1 and reading is session.readings[-1]:
            pulse = (
                _(", pulse {pulse}").format(pulse=f"{session.pulse:.0f}")
                if session.pulse is not None
                else ""
            )
            mean = f"{session.systolic:.0f}/{session.diastolic:.0f}{pulse}"
            line = (
                _("morning session of {n}: mean {mean}")
                if session.part == "morning"
                else _("evening session of {n}: mean {mean}")
            )
            echo(f"{'':8}  " + line.format(n=len(session.readings), mean=mean))


def _moved(context: Context, at: datetime, day_text: str | None, at_text: str | None) -> datetime:
    settings = context.settings
    day = (
        parse_day(day_text, context)
        if day_text is not None
        else local_day(at, settings.day_start, settings.zone)
    )
    wall = (
        parse_time_of_day(at_text)
        if at_text is not None
        else to_local(at, settings.zone).time().replace(tzinfo=None)
    )
    return instant_on_day(context, day, wall)


@health_group.command("edit")
@click.argument("reading_id", metavar="ID")
@click.option("--bp", "bp_text", metavar="SYS/DIA", help="New blood pressure, e.g. 126/80.")
@click.option("--pulse", type=int, metavar="BPM", help="New pulse.")
@click.option("--hours", "sleep_text", metavar="DURATION", help="New sleep, e.g. 7h15m.")
@click.option("--arm", type=ARM, help="The arm measured.")
@click.option("--note", help='A new note; --note "" removes it.')
@_when_options
@pass_detox
def health_edit(
    context: Context,
    reading_id: str,
    bp_text: str | None,
    pulse: int | None,
    sleep_text: str | None,
    arm: str | None,
    note: str | None,
    day_text: str | None,
    at_text: str | None,
) -> None:
    """Change a reading (by the id `detox health list` shows); the old version is kept."""
    reading = find_record(context.store, HealthReading, reading_id, N_("reading"))
    changes: dict[str, Any] = {}
    if bp_text is not None:
        if reading.measure != "bp":
            raise InputError(
                _("reading {id} is {kind}, not blood pressure").format(
                    id=reading.id[:8], kind=_(MEASURE_NAMES[reading.measure])
                )
            )
        changes["systolic"], changes["diastolic"] = parse_bp(bp_text)
    if pulse is not None:
        changes["pulse"] = pulse
    if sleep_text is not None:
        if reading.measure != "sleep":
            raise InputError(
                _("reading {id} is {kind}, not sleep").format(
                    id=reading.id[:8], kind=_(MEASURE_NAMES[reading.measure])
                )
            )
        changes["hours"] = parse_sleep(sleep_text)
    if arm is not None:
        if reading.measure != "bp":
            raise InputError(_("only a blood-pressure reading has an arm"))
        changes["arm"] = parse_arm(arm)
    if note is not None:
        changes["note"] = note.strip() or None
    if day_text is not None or at_text is not None:
        changes["at"] = _moved(context, reading.at, day_text, at_text)
    if not changes or all(getattr(reading, key) == value for key, value in changes.items()):
        raise InputError(
            _("nothing to change: give --bp, --pulse, --hours, --arm, --note, --date or --at")
        )
    revised = revised_reading(reading, context.device.id, context.clock.now(), **changes)
    save_reading(context.store, revised)
    echo(
        _("Reading {id} updated: {reading}.").format(
            id=revised.id[:8], reading=reading_summary(revised)
        )
    )


@health_group.command("delete")
@click.argument("reading_id", metavar="ID")
@pass_detox
def health_delete(context: Context, reading_id: str) -> None:
    """Delete a reading (by the id `detox health list` shows)."""
    reading = find_record(context.store, HealthReading, reading_id, N_("reading"))
    delete_reading(context.store, reading, context.device.id, context.clock.now())
    echo(
        _("Deleted reading {id} ({reading}, {when}).").format(
            id=reading.id[:8],
            reading=reading_summary(reading),
            when=_local_text(context, reading.at),
        )
    )


# -- offline ---------------------------------------------------------------------------------


def offline_summary(entry: OfflineEntry) -> str:
    text = f"{entry.activity} {format_duration(entry.duration)}"
    if entry.company:
        text += _(" with {who}").format(who=listing(entry.company))
    return text


@click.group("offline", cls=DefaultSubcommandGroup)
def offline_group() -> None:
    """Time spent offline (a walk, sport, family, reading), beside the time a fast gave back.

    `detox offline walk 1h --with friends --note "by the river"`. The activity is any word you
    choose (walk, sport, reading, family, friends, church...); reports set it beside the
    social-media time a fast gave back.
    """


@offline_group.command("log")
@click.argument("activity")
@click.argument("duration", nargs=-1, required=True)
@click.option("--with", "company", multiple=True, metavar="WHO", help="Who with (repeatable).")
@click.option("--note", help="A few words.")
@click.option("--date", "day_text", metavar="D", help="Local day (YYYY-MM-DD, today, yesterday).")
@click.option("--at", "at_text", metavar="HH:MM", help="When it began (default: it just ended).")
@pass_detox
def offline_log(
    context: Context,
    activity: str,
    duration: tuple[str, ...],
    company: tuple[str, ...],
    note: str | None,
    day_text: str | None,
    at_text: str | None,
) -> None:
    """Log ACTIVITY for DURATION (25m, 1h, 1h30m)."""
    seconds = parse_duration(" ".join(duration))
    now = context.clock.now()
    if day_text is None and at_text is None:
        at = now - timedelta(seconds=seconds)
    else:
        at = entry_instant(context, day_text, at_text, N_("offline time"))
    entry = new_offline(
        device=context.device.id,
        now=now,
        at=at,
        activity=activity,
        seconds=seconds,
        company=company,
        note=note,
    )
    save_offline(context.store, entry)
    echo(_("Saved {entry} ({id}).").format(entry=offline_summary(entry), id=entry.id[:8]))


def offline_json(context: Context, entry: OfflineEntry) -> dict[str, object]:
    settings = context.settings
    return {
        "id": entry.id,
        "activity": entry.activity,
        "at": entry.at.isoformat(),
        "day": local_day(entry.at, settings.day_start, settings.zone).isoformat(),
        "seconds": whole(entry.duration),
        "with": entry.company,
        "note": entry.note,
    }


@offline_group.command("list")
@click.option("--from", "from_text", metavar="D", help="First day (default: 30 days ago).")
@click.option("--to", "to_text", metavar="D", help="Last day (default: today).")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@pass_detox
def offline_list(
    context: Context, from_text: str | None, to_text: str | None, as_json: bool
) -> None:
    """Offline time of a period, oldest first, with totals per activity."""
    first, last, start, end = _period(context, from_text, to_text)
    found = [e for e in all_offline(context.store) if start <= e.at < end]
    if as_json:
        echo_json([offline_json(context, e) for e in found])
        return
    if not found:
        echo(
            _("No offline time from {first} to {last}: `detox offline walk 1h` logs some.").format(
                first=first, last=last
            )
        )
        return
    totals: dict[str, float] = defaultdict(float)
    for entry in found:
        totals[entry.activity] += entry.duration
        note = f"  “{entry.note}”" if entry.note else ""
        echo(f"{entry.id[:8]}  {_local_text(context, entry.at)}  {offline_summary(entry)}{note}")
    ranked = sorted(totals.items(), key=lambda kv: (-kv[1], kv[0]))
    echo(
        _("Total {duration}: {activities}").format(
            duration=format_duration(sum(totals.values())),
            activities=listing(f"{name} {format_duration(seconds)}" for name, seconds in ranked),
        )
    )


@offline_group.command("edit")
@click.argument("entry_id", metavar="ID")
@click.option("--activity", help="A new activity.")
@click.option("--duration", "duration_text", metavar="DURATION", help="A new duration.")
@click.option("--with", "company", multiple=True, metavar="WHO", help="Replace who it was with.")
@click.option("--alone", is_flag=True, help="Remove who it was with.")
@click.option("--note", help='A new note; --note "" removes it.')
@click.option("--date", "day_text", metavar="D", help="Move it to this local day.")
@click.option("--at", "at_text", metavar="HH:MM", help="Move it to this time.")
@pass_detox
def offline_edit(
    context: Context,
    entry_id: str,
    activity: str | None,
    duration_text: str | None,
    company: tuple[str, ...],
    alone: bool,
    note: str | None,
    day_text: str | None,
    at_text: str | None,
) -> None:
    """Change offline time (by the id `detox offline list` shows); the old version is kept."""
    entry = find_record(context.store, OfflineEntry, entry_id, N_("offline entry"))
    if alone and company:
        raise InputError(_("give --with or --alone, not both"))
    changes: dict[str, Any] = {}
    if activity is not None:
        changes["activity"] = activity
    if duration_text is not None:
        changes["duration"] = float(parse_duration(duration_text))
    if company or alone:
        changes["company"] = list(company)
    if note is not None:
        changes["note"] = note.strip() or None
    if day_text is not None or at_text is not None:
        changes["at"] = _moved(context, entry.at, day_text, at_text)
    revised = revised_offline(entry, context.device.id, context.clock.now(), **changes)
    if not changes or all(getattr(entry, key) == getattr(revised, key) for key in changes):
        raise InputError(
            _(
                "nothing to change: give --activity, --duration, --with, --alone, --note, --date "
                "or --at"
            )
        )
    save_offline(context.store, revised)
    echo(
        _("Offline entry {id} updated: {entry}.").format(
            id=revised.id[:8], entry=offline_summary(revised)
        )
    )


@offline_group.command("delete")
@click.argument("entry_id", metavar="ID")
@pass_detox
def offline_delete(context: Context, entry_id: str) -> None:
    """Delete offline time (by the id `detox offline list` shows)."""
    entry = find_record(context.store, OfflineEntry, entry_id, N_("offline entry"))
    delete_offline(context.store, entry, context.device.id, context.clock.now())
    echo(
        _("Deleted offline entry {id} ({entry}).").format(
            id=entry.id[:8], entry=offline_summary(entry)
        )
    )


COMMANDS = [health_group, offline_group]
