"""`detox import activitywatch | csv | detox`: bring history in, with a summary of what came."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path
from typing import TYPE_CHECKING

import click

from detox.clock import local_day
from detox.commands.common import echo, echo_json, pass_detox
from detox.context import Context
from detox.durations import format_duration
from detox.i18n import N_, _, clauses
from detox.importers.summary import ImportSummary
from detox.localized import pad

if TYPE_CHECKING:
    from detox.importers.health_writing import HealthImportSummary

FILE = click.Path(dir_okay=False, path_type=Path)
DEFAULT_SERVER = "http://localhost:5600"  # where ActivityWatch listens unless told otherwise


def dry_run_option(function: click.decorators.FC) -> click.decorators.FC:
    return click.option(
        "--dry-run", is_flag=True, help="Show what would be imported; write nothing."
    )(function)


def json_option(function: click.decorators.FC) -> click.decorators.FC:
    return click.option("--json", "as_json", is_flag=True, help="Print the summary as JSON.")(
        function
    )


@click.group("import")
def import_group() -> None:
    """Bring in history: ActivityWatch, day totals from a CSV, a detox export, or health
    readings (Apple Health, a blood-pressure monitor's CSV).

    Importing the same data again adds nothing.
    """


@import_group.command("activitywatch")
@click.argument("file", required=False, type=FILE)
@click.option(
    "--server",
    metavar="URL",
    is_flag=False,
    flag_value=DEFAULT_SERVER,
    help="Read from a running ActivityWatch server instead (alone: http://localhost:5600).",
)
@dry_run_option
@json_option
@pass_detox
def activitywatch_command(
    context: Context, file: Path | None, server: str | None, dry_run: bool, as_json: bool
) -> None:
    """Import ActivityWatch history from an export FILE or a server.

    Active time in social apps and sites (window and AFK buckets, browser-extension buckets by
    domain) and Android use (as the device "phone"). Only the address you name is contacted.
    """
    from detox.importers.activitywatch import import_activitywatch
    from detox.importers.aw_source import fetch_from_server, load_export_file, server_base
    from detox.importers.bulk import collector_paused

    if (file is None) == (server is None):
        raise click.UsageError(_("give an export FILE or --server URL (one of them)"))
    with collector_paused():
        if file is not None:
            source = _("ActivityWatch export {name}").format(name=file.name)
            data = load_export_file(file)
        else:
            assert server is not None
            source = _("ActivityWatch server {address}").format(address=server_base(server))
            data = fetch_from_server(server)
        summary = import_activitywatch(
            data, source, context.store, context.catalog, context.clock, dry_run=dry_run
        )
    show_summary(context, summary, as_json)


@import_group.command("csv")
@click.argument("file", type=FILE)
@dry_run_option
@json_option
@pass_detox
def csv_command(context: Context, file: Path, dry_run: bool, as_json: bool) -> None:
    """Import day totals from a CSV with columns date,app,minutes[,device].

    For numbers copied from a phone's screen-time page: one row per day and app, e.g.
    `2026-11-09,instagram,45,phone`. The device defaults to "phone"; minutes may also be written
    as 1h 20m. A header row naming the columns is optional. A file with a bad row is refused whole.
    """
    from detox.importers.csv_import import import_csv

    summary = import_csv(
        file, context.store, context.catalog, context.settings, context.clock, dry_run=dry_run
    )
    show_summary(context, summary, as_json)


@import_group.command("detox")
@click.argument("file", type=FILE)
@dry_run_option
@json_option
@pass_detox
def detox_command(context: Context, file: Path, dry_run: bool, as_json: bool) -> None:
    """Import a file written by `detox export --format json` (a restore, or a new machine)."""
    from detox.importers.detox_import import import_detox

    summary = import_detox(
        file,
        context.store,
        context.clock,
        dry_run=dry_run,
        store_titles=context.settings.store_titles,
    )
    show_summary(context, summary, as_json)


@import_group.command("apple-health")
@click.argument("file", type=FILE)
@dry_run_option
@json_option
@pass_detox
def apple_health_command(context: Context, file: Path, dry_run: bool, as_json: bool) -> None:
    """Import blood pressure, resting pulse and sleep from Apple Health's export.xml.

    Read as a stream, so a multi-gigabyte export is fine. Malformed XML is refused whole.
    """
    from detox.importers.apple_health import import_apple_health

    settings = context.settings
    summary = import_apple_health(
        file,
        context.store,
        context.device.id,
        context.clock.now(),
        settings.day_start,
        settings.zone,
        dry_run=dry_run,
    )
    _show_health(summary, as_json)


@import_group.command("health-csv")
@click.argument("file", type=FILE)
@dry_run_option
@json_option
@pass_detox
def health_csv_command(context: Context, file: Path, dry_run: bool, as_json: bool) -> None:
    """Import blood-pressure readings from a CSV: date,time,systolic,diastolic[,pulse].

    A header row with the names home-monitor apps use (Omron, iHealth, Withings...) is
    recognised; times are local. A file with a bad row is refused whole.
    """
    from detox.importers.health_csv import import_health_csv

    summary = import_health_csv(
        file,
        context.store,
        context.device.id,
        context.clock.now(),
        context.settings.zone,
        dry_run=dry_run,
    )
    _show_health(summary, as_json)


def _show_health(summary: HealthImportSummary, as_json: bool) -> None:
    if as_json:
        echo_json(summary.to_json())
        return
    for line in summary.lines():
        echo(line)


def show_summary(context: Context, summary: ImportSummary, as_json: bool) -> None:
    if not summary.dry_run:
        from detox.balance.fasts import record_new_slips

        record_new_slips(context)  # imported use can break a fast: the log says so from now on
    if as_json:
        echo_json(summary.to_json())
        return
    for line in summary_lines(context, summary):
        echo(line)


def summary_lines(context: Context, summary: ImportSummary) -> list[str]:
    settings = context.settings

    name_of = context.catalog.name_of

    lines: list[str] = []
    if summary.first is None or summary.last is None:
        lines.append(_("{source}: no social media use found.").format(source=summary.source))
    else:
        first = local_day(summary.first, settings.day_start, settings.zone)
        last = local_day(
            summary.last - timedelta(microseconds=1), settings.day_start, settings.zone
        )
        line = (
            _("{source}: {duration} of social media on {first}")
            if first == last
            else _("{source}: {duration} of social media from {first} to {last}")
        )
        lines.append(
            line.format(
                source=summary.source,
                duration=format_duration(summary.total_seconds),
                first=first,
                last=last,
            )
        )
        for device in summary.devices_by_time():
            name = summary.device_names.get(device, device)
            total = format_duration(summary.device_seconds(device))
            lines.append(f"  {pad(name, 28)} {pad(total, 9, right=True)}")
            for app, seconds in summary.apps_by_time(device):
                shown = pad(format_duration(seconds), 9, right=True)
                lines.append(f"    {pad(name_of(app), 26)} {shown}")
    counted = clauses(
        _("{kind}: {new} new, {updated} updated, {unchanged} already there").format(
            kind=_(_KINDS.get(kind, kind)), new=c.new, updated=c.updated, unchanged=c.unchanged
        )
        for kind, c in summary.counts.items()
    )
    if summary.dry_run:
        lines.append(_("Dry run, nothing written. Would import {counted}.").format(counted=counted))
    elif summary.written:
        lines.append(_("Imported {counted}.").format(counted=counted))
    elif summary.first is not None:
        lines.append(
            _("Nothing new: all of it was imported before ({counted}).").format(counted=counted)
        )
    lines.extend(_("Note: {note}").format(note=note) for note in summary.notes)
    return lines


# What an import counts, as the summary names it.
_KINDS = {"spans": N_("spans"), "entries": N_("entries")}


COMMANDS = [import_group]
