"""The mood journal: `detox mood 7`, and `detox mood list | edit | delete`."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, timedelta
from typing import Any, TypeVar

import click

from detox.clock import day_bounds, detox_day, to_local, wall_label
from detox.commands.common import echo, echo_json, parse_day, parse_time_of_day, pass_detox, today
from detox.commands.entries import entry_instant, instant_on_day
from detox.context import Context
from detox.errors import InputError
from detox.i18n import N_, _, listing
from detox.localized import weekday_and_date
from detox.models import Dimension, MoodEntry
from detox.moodlog import (
    DIMENSION_LABELS,
    DIMENSIONS,
    clean_tags,
    collect_dimensions,
    delete_mood,
    edited_dimensions,
    edited_tags,
    find_record,
    record_mood,
    revise_mood,
)

F = TypeVar("F", bound=Callable[..., Any])

DEFAULT_LIST_DAYS = 30  # the --from help says so
SCORE = click.IntRange(1, 10)
# Option name -> stored dimension; the names are what people say, the values what is stored.
DIMENSION_OPTIONS: dict[str, Dimension] = {
    "anxiety": "anxiety",
    "loneliness": "loneliness",
    "self_esteem": "self_esteem",
    "sleep": "sleep_quality",
    "focus": "focus",
}

DIMENSION_HELP: dict[Dimension, str] = {
    "anxiety": N_("Anxiety, 1 (calm) to 10 (very anxious)."),
    "loneliness": N_("Loneliness, 1 (connected) to 10 (very lonely)."),
    "self_esteem": N_("Self-esteem, 1 (low) to 10 (high)."),
    "sleep_quality": N_("Sleep quality, 1 (awful) to 10 (great)."),
    "focus": N_("Focus, 1 (scattered) to 10 (sharp)."),
}


class DefaultSubcommandGroup(click.Group):
    """`detox mood 7` means `detox mood log 7`; named subcommands still work."""

    default_command = "log"

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        if args and args[0] not in self.commands and args[0] not in ("--help", "-h"):
            args = [self.default_command, *args]
        return super().parse_args(ctx, args)


def dimension_options(function: F) -> F:
    """--anxiety, --loneliness, --self-esteem, --sleep, --focus (1-10) and --dim NAME=N."""
    function = click.option(
        "--dim",
        "dim_settings",
        multiple=True,
        metavar="NAME=N",
        help="Any dimension by name, e.g. --dim sleep=6 (repeatable).",
    )(function)
    for option, dimension in reversed(DIMENSION_OPTIONS.items()):
        flag = "--" + option.replace("_", "-")
        function = click.option(
            flag, option, type=SCORE, metavar="N", help=DIMENSION_HELP[dimension]
        )(function)
    return function


def _named_dimensions(options: dict[str, int | None]) -> dict[Dimension, int | None]:
    return {DIMENSION_OPTIONS[name]: options.get(name) for name in DIMENSION_OPTIONS}


def _summary(entry: MoodEntry) -> str:
    parts = [f"{entry.score}/10"]
    parts += [
        f"{_(DIMENSION_LABELS[d])} {entry.dimensions[d]}"
        for d in DIMENSIONS
        if d in entry.dimensions
    ]
    parts += [" ".join(f"#{tag}" for tag in entry.tags)] if entry.tags else []
    return listing(parts)


def _local_text(context: Context, instant: datetime) -> str:
    """The detox day an entry counts for, then its wall time: 02:00 on Thu 2 Dec is shown as
    "Wed 2026-12-01 02:00" when days start at 04:00."""
    day = detox_day(instant, context.settings)
    return f"{weekday_and_date(day)} {to_local(instant, context.settings.zone):%H:%M}"


@click.group("mood", cls=DefaultSubcommandGroup)
def mood_group() -> None:
    """Log how you feel (1-10): `detox mood 7 --anxiety 4 --tag walk --note "slept well"`."""


@mood_group.command("log")
@click.argument("score", type=SCORE, metavar="SCORE")
@dimension_options
@click.option("--note", help="A few words about the day.")
@click.option("--tag", "tags", multiple=True, help="A word such as walk or friends (repeatable).")
@click.option("--date", "day_text", metavar="D", help="Local day (YYYY-MM-DD, today, yesterday).")
@click.option("--at", "at_text", metavar="HH:MM", help="Time of the entry.")
@pass_detox
def mood_log(
    context: Context,
    /,
    score: int,
    dim_settings: tuple[str, ...],
    note: str | None,
    tags: tuple[str, ...],
    day_text: str | None,
    at_text: str | None,
    **named: int | None,
) -> None:
    """Log a mood score from 1 (awful) to 10 (great), with optional dimensions and tags."""
    dimensions = collect_dimensions(_named_dimensions(named), dim_settings)
    clean = clean_tags(tags)
    at = entry_instant(context, day_text, at_text, N_("a mood entry"))
    entry = record_mood(
        context.store,
        context.device.id,
        context.clock.now(),
        score,
        at=at,
        dimensions=dimensions,
        tags=clean,
        note=note,
    )
    echo(
        _("Mood {score}/10 saved for {when} (id {id}).").format(
            score=score, when=wall_label(entry.at, context.settings), id=entry.id[:8]
        )
    )


@mood_group.command("list")
@click.option("--from", "from_text", metavar="D", help="First day (default: 30 days ago).")
@click.option("--to", "to_text", metavar="D", help="Last day (default: today).")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@pass_detox
def mood_list(context: Context, from_text: str | None, to_text: str | None, as_json: bool) -> None:
    """Mood entries of a period, oldest first, with the ids that edit and delete take."""
    last = parse_day(to_text, context)
    first = (
        parse_day(from_text, context)
        if from_text is not None
        else min(last, today(context)) - timedelta(days=DEFAULT_LIST_DAYS - 1)
    )
    if first > last:
        raise InputError(f"--from {first} is after --to {last}")
    settings = context.settings
    start = day_bounds(first, settings.day_start, settings.zone)[0]
    end = day_bounds(last, settings.day_start, settings.zone)[1]
    entries = sorted(
        (e for e in context.store.records(MoodEntry) if start <= e.at < end),
        key=lambda e: (e.at, e.id),
    )
    if as_json:
        echo_json([_entry_json(context, entry) for entry in entries])
        return
    if not entries:
        echo(_("No mood entries from {first} to {last}.").format(first=first, last=last))
        return
    for entry in entries:
        line = f"{entry.id[:8]}  {_local_text(context, entry.at)}  {_summary(entry)}"
        if entry.note:
            line += f"  “{entry.note}”"
        echo(line)


def _entry_json(context: Context, entry: MoodEntry) -> dict[str, object]:
    settings = context.settings
    return {
        "id": entry.id,
        "at": entry.at.isoformat(),
        "local_time": to_local(entry.at, settings.zone).isoformat(),
        "day": detox_day(entry.at, settings).isoformat(),
        "score": entry.score,
        "dimensions": {d: entry.dimensions[d] for d in DIMENSIONS if d in entry.dimensions},
        "tags": entry.tags,
        "note": entry.note,
        "rev": entry.rev,
    }


@mood_group.command("edit")
@click.argument("entry_id", metavar="ID")
@click.option("--score", type=SCORE, metavar="N", help="A new score, 1-10.")
@dimension_options
@click.option("--drop", "dropped", multiple=True, metavar="NAME", help="Remove a dimension.")
@click.option("--tag", "tags", multiple=True, help="Replace all tags with these (repeatable).")
@click.option("--add-tag", "added_tags", multiple=True, help="Add a tag (repeatable).")
@click.option("--remove-tag", "removed_tags", multiple=True, help="Remove a tag (repeatable).")
@click.option("--no-tags", is_flag=True, help="Remove every tag.")
@click.option("--note", help='A new note; --note "" removes it.')
@click.option("--date", "day_text", metavar="D", help="Move the entry to this local day.")
@click.option("--at", "at_text", metavar="HH:MM", help="Move the entry to this time.")
@pass_detox
def mood_edit(
    context: Context,
    /,
    entry_id: str,
    score: int | None,
    dim_settings: tuple[str, ...],
    dropped: tuple[str, ...],
    tags: tuple[str, ...],
    added_tags: tuple[str, ...],
    removed_tags: tuple[str, ...],
    no_tags: bool,
    note: str | None,
    day_text: str | None,
    at_text: str | None,
    **named: int | None,
) -> None:
    """Change a mood entry (by the id `detox mood list` shows); the old version is kept."""
    entry = find_record(context.store, MoodEntry, entry_id, N_("mood entry"))
    changes: dict[str, Any] = {}
    if score is not None:
        changes["score"] = score
    given = collect_dimensions(_named_dimensions(named), dim_settings)
    dimensions = edited_dimensions(entry, given, dropped)
    if dimensions != entry.dimensions:
        changes["dimensions"] = dimensions
    new_tags = edited_tags(entry, tags, added_tags, removed_tags, no_tags)
    if new_tags != entry.tags:
        changes["tags"] = new_tags
    if note is not None:
        changes["note"] = note.strip() or None
    if day_text is not None or at_text is not None:
        changes["at"] = _moved(context, entry, day_text, at_text)
    if not changes or all(getattr(entry, key) == value for key, value in changes.items()):
        raise InputError(
            "nothing to change: give --score, a dimension, --tag, --add-tag, --remove-tag, "
            "--note, --date or --at"
        )
    revised = revise_mood(context.store, context.device.id, context.clock.now(), entry, **changes)
    echo(
        _("Mood entry {id} updated: {summary}, {when}.").format(
            id=revised.id[:8],
            summary=_summary(revised),
            when=wall_label(revised.at, context.settings),
        )
    )


def _moved(
    context: Context, entry: MoodEntry, day_text: str | None, at_text: str | None
) -> datetime:
    settings = context.settings
    day: date = (
        parse_day(day_text, context) if day_text is not None else detox_day(entry.at, settings)
    )
    wall = (
        parse_time_of_day(at_text)
        if at_text is not None
        else to_local(entry.at, settings.zone).time().replace(tzinfo=None)
    )
    return instant_on_day(context, day, wall)


@mood_group.command("delete")
@click.argument("entry_id", metavar="ID")
@pass_detox
def mood_delete(context: Context, entry_id: str) -> None:
    """Delete a mood entry (by the id `detox mood list` shows)."""
    entry = find_record(context.store, MoodEntry, entry_id, N_("mood entry"))
    delete_mood(context.store, context.device.id, context.clock.now(), entry)
    echo(
        _("Deleted mood entry {id} ({summary}, {when}).").format(
            id=entry.id[:8], summary=_summary(entry), when=_local_text(context, entry.at)
        )
    )


COMMANDS = [mood_group]
