"""`detox report`: the week (or a month, or any days) at a glance, in five formats."""

from __future__ import annotations

import os
import shutil
import sys
from datetime import timedelta
from pathlib import Path

import click

from detox.commands.common import echo, parse_day, pass_detox, today
from detox.context import Context
from detox.errors import InputError
from detox.fileio import write_output
from detox.i18n import _
from detox.reports.periods import (
    Period,
    day_range,
    month_period,
    parse_month,
    parse_week,
    week_containing,
)
from detox.reports.render import (
    EXTENSIONS,
    FORMATS,
    TABLES,
    Format,
    Table,
    format_for_file,
    render,
)
from detox.reports.wording import period_label


def choose_period(
    context: Context,
    week: str | None,
    month: str | None,
    from_text: str | None,
    to_text: str | None,
) -> Period:
    """The period the options name; the current week when they name none."""
    given = [name for name, value in (("--week", week), ("--month", month)) if value is not None]
    if from_text is not None or to_text is not None:
        given.append("--from/--to")
    if len(given) > 1:
        raise InputError(_("choose one of {options}").format(options=_(" and ").join(given)))
    current = today(context)
    week_start = context.settings.first_day_of_week
    if week is not None:
        word = week.strip().lower()
        if word in ("this", "current"):
            return week_containing(current, week_start)
        if word in ("last", "previous"):
            return week_containing(current - timedelta(days=7), week_start)
        return parse_week(week, week_start)
    if month is not None:
        word = month.strip().lower()
        if word in ("this", "current"):
            return month_period(current.year, current.month)
        if word in ("last", "previous"):
            before = current.replace(day=1) - timedelta(days=1)
            return month_period(before.year, before.month)
        return parse_month(month)
    if from_text is not None or to_text is not None:
        last = parse_day(to_text, context)
        first = parse_day(from_text, context) if from_text is not None else last - timedelta(6)
        return day_range(first, last)
    return week_containing(current, week_start)


def _terminal() -> tuple[int, bool]:
    """Width and colour for the screen: the terminal's width (COLUMNS when set, 80 when piped);
    colour on a terminal unless NO_COLOR."""
    columns = shutil.get_terminal_size((80, 24)).columns
    return columns, sys.stdout.isatty() and "NO_COLOR" not in os.environ


def choose_format(fmt: Format | None, as_json: bool, output: Path | None) -> Format:
    """--format, else --json, else the output file's suffix, else text."""
    if as_json:
        if fmt is not None and fmt != "json":
            raise InputError(
                _("--json and --format {format} disagree: choose one").format(format=fmt)
            )
        return "json"
    if fmt is not None:
        return fmt
    if output is None:
        return "text"
    found = format_for_file(output)
    if found is None:
        suffixes = ", ".join(sorted(EXTENSIONS))
        raise InputError(
            _(
                "cannot tell the format from {value}: name the file with one of {suffixes}, "
                "or give --format"
            ).format(value=repr(output.name), suffixes=suffixes)
        )
    return found


def choose_table(table: Table | None, chosen: Format) -> Table:
    if table is None:
        return "rows"
    if chosen != "csv":
        raise InputError(
            _("--table picks a CSV table; it does not apply to --format {format}").format(
                format=chosen
            )
        )
    return table


@click.command("report")
@click.option("--week", metavar="YYYY-Www", help="A week, e.g. 2026-W47 (or this, last).")
@click.option("--month", metavar="YYYY-MM", help="A calendar month, e.g. 2026-11 (or this, last).")
@click.option("--from", "from_text", metavar="D", help="First day of a range (YYYY-MM-DD).")
@click.option("--to", "to_text", metavar="D", help="Last day of a range (default: today).")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(FORMATS),
    help="text (default), md, csv, json or html; with -o, the file's suffix decides if not given.",
)
@click.option("--json", "as_json", is_flag=True, help="Print JSON (the same as --format json).")
@click.option(
    "--table",
    type=click.Choice(TABLES),
    help="Which CSV table: rows (default: day, app, device), days (totals and mood), apps, "
    "categories, devices, moods or three_reasons (health and offline time per day).",
)
@click.option(
    "--csv-header",
    type=click.Choice(["ids", "translated"]),
    default="ids",
    show_default=True,
    help="The CSV header row: column ids (the same in every language) or translated titles.",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write to this file (private to you) instead of the screen.",
)
@click.option(
    "--device",
    "device_text",
    metavar="NAME",
    help="Only this device (an id, name or label such as phone; see `detox devices`).",
)
@pass_detox
def report_command(
    context: Context,
    week: str | None,
    month: str | None,
    from_text: str | None,
    to_text: str | None,
    fmt: Format | None,
    as_json: bool,
    table: Table | None,
    csv_header: str,
    output: Path | None,
    device_text: str | None,
) -> None:
    """Your social media use, mood, budgets and fasts for a week (this one by default), a month
    or any range of days, compared with the period before.

    \b
    Examples:
      detox report                         this week in the terminal
      detox report --week last -o week.html
      detox report --month 2026-11 --format md
      detox report --from 2026-11-01 --to 2026-11-14 --format csv
      detox report --format csv --table days -o days.csv   per-day totals with mood
      detox report --json                  the same as --format json
      detox report --device phone          what was entered for the phone
    """
    from detox.reports.build import build_report

    period = choose_period(context, week, month, from_text, to_text)
    chosen = choose_format(fmt, as_json, output)
    csv_table = choose_table(table, chosen)
    devices = None
    if device_text is not None:
        from detox.devices import resolve_devices

        devices = frozenset(resolve_devices(context.store, device_text))
    report = build_report(context, period, devices=devices)
    titles = csv_header == "translated"
    if output is None:
        width, color = _terminal()
        rendered = render(
            report, chosen, width=width, color=color, table=csv_table, translated_header=titles
        )
        # Text is made safe for the terminal here; the other formats are data, made safe by
        # their renderers (a CSV keeps its line ends, Markdown its escapes).
        (echo if chosen == "text" else click.echo)(rendered, nl=False)
        return
    text = render(report, chosen, table=csv_table, translated_header=titles)
    write_output(output, text.encode("utf-8"))
    echo(
        _("Report for {period} written to {path} ({format}).").format(
            period=period_label(period), path=output, format=chosen
        ),
        err=True,
    )


COMMANDS = [report_command]
